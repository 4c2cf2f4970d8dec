"""Time: working-day calendars, business hours, the service clock, durations and deadlines."""

from servstd.sla.calendar_overlay import CalendarOverlay, load_overlay
from servstd.sla.day_kind import DayKind
from servstd.sla.notice import parse_notice
from servstd.sla.work_calendar import Coverage, WorkCalendar

__all__ = [
    "CalendarOverlay",
    "Coverage",
    "DayKind",
    "WorkCalendar",
    "load_overlay",
    "parse_notice",
]
