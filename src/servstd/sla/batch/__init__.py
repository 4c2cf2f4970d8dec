"""The columnar engine: whole columns of instants at memory speed (needs numpy: ``servstd[batch]``).

May import everything below it in ``servstd.sla`` (calendar, clock, policy); nothing in the
library imports it. The container contract (what comes in, what goes out, what stays missing)
is stated at the top of ``servstd.sla.batch._engine``; :func:`evaluate` runs a whole
:class:`~servstd.sla.SLAPolicy` over a table of cases (``servstd.sla.batch.evaluation``).
"""

from servstd._deprecation import renamed
from servstd.sla.batch._engine import (
    add,
    due,
    elapsed,
    is_open,
    memory_bytes,
    window_opens,
)
from servstd.sla.batch._working_days import add_working_days, working_days_between
from servstd.sla.batch.evaluation import evaluate

deadline = renamed(due, "batch.deadline", "batch.due")
"""Deprecated: use :func:`due` (what it returns is the scalar ``clock.due``)."""

__all__ = [
    "add",
    "add_working_days",
    "due",
    "elapsed",
    "evaluate",
    "is_open",
    "memory_bytes",
    "window_opens",
    "working_days_between",
]
