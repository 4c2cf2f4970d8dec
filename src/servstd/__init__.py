"""servstd: service standards, scoring and exact working-day SLA deadlines for China.

Names load on first use (PEP 562), so ``import servstd`` is cheap and a working-day question
never loads the document layer. Text is rendered in Chinese by default; every method that renders
text takes ``lang`` (:data:`Lang`: ``"zh"`` or ``"en"``).

>>> import servstd
>>> servstd.WorkCalendar.china().is_working_day("2026-02-14")   # a make-up Saturday
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd import catalog as catalog
    from servstd._lang import Lang as Lang
    from servstd.errors import CalendarCoverageError as CalendarCoverageError
    from servstd.errors import DocumentError as DocumentError
    from servstd.errors import DurationParseError as DurationParseError
    from servstd.errors import NaiveDatetimeError as NaiveDatetimeError
    from servstd.errors import ScheduleError as ScheduleError
    from servstd.errors import ScoringError as ScoringError
    from servstd.errors import ServstdError as ServstdError
    from servstd.errors import ServstdWarning as ServstdWarning
    from servstd.errors import UnknownNameError as UnknownNameError
    from servstd.scoring.inspection import Finding as Finding
    from servstd.scoring.inspection import Inspection as Inspection
    from servstd.scoring.report import ScoreReport as ScoreReport
    from servstd.scoring.scorer import score as score
    from servstd.sla.calendar.day_kind import DayKind as DayKind
    from servstd.sla.calendar.overlay import CalendarOverlay as CalendarOverlay
    from servstd.sla.calendar.work_calendar import WorkCalendar as WorkCalendar
    from servstd.sla.clock.business_hours import BusinessHours as BusinessHours
    from servstd.sla.clock.deadline import Deadline as Deadline
    from servstd.sla.clock.durations import parse_duration as parse_duration
    from servstd.sla.clock.service_clock import ServiceClock as ServiceClock
    from servstd.sla.policy.complaint_policy import ComplaintPolicy as ComplaintPolicy
    from servstd.sla.policy.sla_policy import SLAPolicy as SLAPolicy
    from servstd.standards.standard import Standard as Standard

__version__: str  # read from the installed metadata on first use (importlib.metadata is slow to import)

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__, version_of="servstd")
