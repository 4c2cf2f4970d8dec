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
from servstd.sla import CalendarOverlay, DayKind, WorkCalendar

try:
    __version__ = version("servstd")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "CalendarCoverageError",
    "CalendarOverlay",
    "DayKind",
    "DocumentError",
    "DurationParseError",
    "NaiveDatetimeError",
    "ScheduleError",
    "ScoringError",
    "ServstdError",
    "ServstdWarning",
    "WorkCalendar",
    "__version__",
]
