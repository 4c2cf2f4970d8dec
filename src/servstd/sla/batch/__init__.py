"""The columnar engine: whole columns of instants at memory speed, and SLA reports over tables.

Needs numpy (``servstd[batch]``); :func:`report` reads tables with pandas (``servstd[pandas]``,
which includes numpy). A name whose extra is missing raises one
:class:`~servstd.errors.MissingExtraError` naming the extra to install.

May import everything below it in ``servstd.sla`` (calendar, clock, policy); nothing in the
library imports it. The container contract (what comes in, what goes out, what stays missing)
is stated at the top of ``servstd.sla.batch._engine``; :func:`evaluate` runs a whole
:class:`~servstd.sla.SLAPolicy` over a table of cases (``servstd.sla.batch.evaluation``);
:func:`report` counts compliance per group (``servstd.sla.batch.compliance``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.sla.batch._engine import add as add
    from servstd.sla.batch._engine import deadline as deadline
    from servstd.sla.batch._engine import due as due
    from servstd.sla.batch._engine import elapsed as elapsed
    from servstd.sla.batch._engine import is_open as is_open
    from servstd.sla.batch._engine import memory_bytes as memory_bytes
    from servstd.sla.batch._engine import window_opens as window_opens
    from servstd.sla.batch._working_days import add_working_days as add_working_days
    from servstd.sla.batch._working_days import working_days_between as working_days_between
    from servstd.sla.batch.compliance import Breach as Breach
    from servstd.sla.batch.compliance import ComplianceReport as ComplianceReport
    from servstd.sla.batch.compliance import GroupRow as GroupRow
    from servstd.sla.batch.compliance import report as report
    from servstd.sla.batch.evaluation import evaluate as evaluate
    from servstd.sla.batch.evaluation import evaluate_chunks as evaluate_chunks

_EXTRAS = {
    "servstd.sla.batch._engine": "batch",
    "servstd.sla.batch._working_days": "batch",
    "servstd.sla.batch.evaluation": "batch",
    "servstd.sla.batch.compliance": "pandas",
}
"""The optional extra each module's names need."""

_DEPRECATED = {"deadline": "batch.due"}
"""Old spellings, kept for one release (each warns, naming the new one)."""

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__, deprecated=_DEPRECATED, extras=_EXTRAS)
