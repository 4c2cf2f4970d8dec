"""A small web service built on servstd (see app.py)."""
