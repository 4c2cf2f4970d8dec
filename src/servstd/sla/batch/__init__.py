"""The columnar engine: whole columns of instants at memory speed (needs numpy: ``servstd[batch]``).

May import everything below it in ``servstd.sla`` (calendar, clock, policy); nothing in the
library imports it. The container contract (what comes in, what goes out, what stays missing)
is stated at the top of ``servstd.sla.batch._engine``.
"""

from servstd.sla.batch._engine import add, add_working_days, deadline, elapsed, is_open, memory_bytes

__all__ = ["add", "add_working_days", "deadline", "elapsed", "is_open", "memory_bytes"]
