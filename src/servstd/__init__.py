"""servstd: service standards, scoring and exact working-day SLA deadlines for China.

>>> import servstd
>>> servstd.WorkCalendar.china().is_working_day("2026-02-14")   # a make-up Saturday
True
"""

from importlib.metadata import PackageNotFoundError, version

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
from servstd.scoring import Finding, Inspection, ScoreReport, score
from servstd.sla import (
    BusinessHours,
    CalendarOverlay,
    ComplaintPolicy,
    DayKind,
    Deadline,
    ServiceClock,
    SLAPolicy,
    WorkCalendar,
    parse_duration,
)
from servstd.standards import Standard, catalog

try:
    __version__ = version("servstd")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

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
