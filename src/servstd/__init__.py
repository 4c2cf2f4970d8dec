"""servstd: service standards, scoring and exact working-day SLA deadlines for China.

Names load on first use (PEP 562), so ``import servstd`` is cheap and a working-day question
never loads the document layer.

>>> import servstd
>>> servstd.WorkCalendar.china().is_working_day("2026-02-14")   # a make-up Saturday
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
    from servstd import catalog
    from servstd.errors import (
        CalendarCoverageError,
        DocumentError,
        DurationParseError,
        NaiveDatetimeError,
        ScheduleError,
        ScoringError,
        ServstdError,
        ServstdWarning,
    )
    from servstd.scoring.inspection import Finding, Inspection
    from servstd.scoring.report import ScoreReport
    from servstd.scoring.score import score
    from servstd.sla.calendar.day_kind import DayKind
    from servstd.sla.calendar.overlay import CalendarOverlay
    from servstd.sla.calendar.work_calendar import WorkCalendar
    from servstd.sla.clock.business_hours import BusinessHours
    from servstd.sla.clock.deadline import Deadline
    from servstd.sla.clock.durations import parse_duration
    from servstd.sla.clock.service_clock import ServiceClock
    from servstd.sla.policy.complaint_policy import ComplaintPolicy
    from servstd.sla.policy.sla_policy import SLAPolicy
    from servstd.standards.standard import Standard

_E = "servstd.errors"
_EXPORTS = {
    "BusinessHours": "servstd.sla.clock.business_hours",
    "CalendarCoverageError": _E,
    "CalendarOverlay": "servstd.sla.calendar.overlay",
    "ComplaintPolicy": "servstd.sla.policy.complaint_policy",
    "DayKind": "servstd.sla.calendar.day_kind",
    "Deadline": "servstd.sla.clock.deadline",
    "DocumentError": _E,
    "DurationParseError": _E,
    "Finding": "servstd.scoring.inspection",
    "Inspection": "servstd.scoring.inspection",
    "NaiveDatetimeError": _E,
    "SLAPolicy": "servstd.sla.policy.sla_policy",
    "ScheduleError": _E,
    "ScoreReport": "servstd.scoring.report",
    "ScoringError": _E,
    "ServiceClock": "servstd.sla.clock.service_clock",
    "ServstdError": _E,
    "ServstdWarning": _E,
    "Standard": "servstd.standards.standard",
    "WorkCalendar": "servstd.sla.calendar.work_calendar",
    "catalog": "servstd.catalog",
    "parse_duration": "servstd.sla.clock.durations",
    "score": "servstd.scoring.score",
}

__all__ = [
    "BusinessHours",
    "CalendarCoverageError",
    "CalendarOverlay",
    "ComplaintPolicy",
    "DayKind",
    "Deadline",
    "DocumentError",
    "DurationParseError",
    "Finding",
    "Inspection",
    "NaiveDatetimeError",
    "SLAPolicy",
    "ScheduleError",
    "ScoreReport",
    "ScoringError",
    "ServiceClock",
    "ServstdError",
    "ServstdWarning",
    "Standard",
    "WorkCalendar",
    "__version__",
    "catalog",
    "parse_duration",
    "score",
]

__version__: str  # read from the installed metadata on first use (importlib.metadata is slow to import)

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, version_of="servstd")
