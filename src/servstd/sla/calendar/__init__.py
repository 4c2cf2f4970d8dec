"""Working-day calendars: day kinds, the holiday source, overlays and State Council notices.

Owns which dates are working days and why (statutory holidays, 调休 make-up days, coverage,
overlays, notices, the law they are checked against, notice folders). May import:
``servstd.errors``, ``servstd._numerals``, ``servstd._text`` (notice files), ``servstd._documents``
(overlay documents only). Imports nothing else of ``servstd.sla``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.sla.calendar.calendar_state import NoticeState as NoticeState
    from servstd.sla.calendar.calendar_state import notice_state as notice_state
    from servstd.sla.calendar.calendar_state import reload_notices as reload_notices
    from servstd.sla.calendar.day_kind import DayKind as DayKind
    from servstd.sla.calendar.notice import parse_notice as parse_notice
    from servstd.sla.calendar.notice import read_notice as read_notice
    from servstd.sla.calendar.overlay import CalendarOverlay as CalendarOverlay
    from servstd.sla.calendar.overlay_document import load_overlay as load_overlay
    from servstd.sla.calendar.overlay_document import parse_overlay as parse_overlay
    from servstd.sla.calendar.overlay_document import read_overlay as read_overlay
    from servstd.sla.calendar.weekend import parse_weekend as parse_weekend
    from servstd.sla.calendar.work_calendar import Coverage as Coverage
    from servstd.sla.calendar.work_calendar import WorkCalendar as WorkCalendar

_DEPRECATED = {"load_overlay": "servstd.sla.read_overlay(path) or parse_overlay(text)"}
"""Old spellings, kept for one release (each warns, naming the new one)."""

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__, deprecated=_DEPRECATED)
