"""Working-day calendars: day kinds, the holiday source, overlays and State Council notices.

Owns which dates are working days and why (statutory holidays, 调休 make-up days, coverage,
overlays, notices, the law they are checked against, notice folders). May import:
``servstd.errors``, ``servstd._numerals``, ``servstd._text`` (notice files), ``servstd._documents``
(overlay documents only). Imports nothing else of ``servstd.sla``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
    from servstd.sla.calendar.day_kind import DayKind
    from servstd.sla.calendar.notice import parse_notice, read_notice
    from servstd.sla.calendar.overlay import CalendarOverlay
    from servstd.sla.calendar.overlay_document import load_overlay
    from servstd.sla.calendar.work_calendar import Coverage, WorkCalendar

_EXPORTS = {
    "DayKind": "servstd.sla.calendar.day_kind",
    "CalendarOverlay": "servstd.sla.calendar.overlay",
    "load_overlay": "servstd.sla.calendar.overlay_document",
    "parse_notice": "servstd.sla.calendar.notice",
    "read_notice": "servstd.sla.calendar.notice",
    "Coverage": "servstd.sla.calendar.work_calendar",
    "WorkCalendar": "servstd.sla.calendar.work_calendar",
}

__all__ = [
    "CalendarOverlay",
    "Coverage",
    "DayKind",
    "WorkCalendar",
    "load_overlay",
    "parse_notice",
    "read_notice",
]

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
