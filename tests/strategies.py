"""Hypothesis strategies for every servstd value type, in one place."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

# Dates inside the mainland calendar's official coverage (2001–2026), away from its edges so a
# few hundred working days either way stay covered.
covered_dates = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2023, 12, 31))
working_day_counts = st.integers(min_value=-600, max_value=600)
