"""Time: working-day calendars, business hours, the service clock, durations, deadlines, policies.

The public names of three subpackages, re-exported lazily (importing one loads only what it
needs):

* :mod:`servstd.sla.calendar` — working days, day kinds, overlays, notices;
* :mod:`servstd.sla.clock` — business hours, the service clock, durations, deadlines;
* :mod:`servstd.sla.policy` — SLA policies, timers, complaint policies.

Two more subpackages are imported by name, as they serve other containers:

* :mod:`servstd.sla.batch` — the columnar engine and SLA reports over tables (numpy, pandas:
  ``servstd[batch]``, ``servstd[pandas]``);
* :mod:`servstd.sla.sql` — the calendar and the clock as database tables, with SQL macros.

Imports run one way: calendar → clock → policy → batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.sla.batch.compliance import report as report  # deprecated: servstd.sla.batch.report
    from servstd.sla.calendar import *  # noqa: F403 - every name the subpackage declares
    from servstd.sla.clock import *  # noqa: F403 - every name the subpackage declares
    from servstd.sla.policy import *  # noqa: F403 - every name the subpackage declares

_DEPRECATED = {
    "load_overlay": "servstd.sla.read_overlay(path) or parse_overlay(text)",
    "report": "servstd.sla.batch.report",
}
"""Old spellings, kept for one release (each warns, naming the new one)."""

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__, deprecated=_DEPRECATED)
