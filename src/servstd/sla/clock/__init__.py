"""The service clock: business hours, the interval timeline, durations and deadlines.

Owns when a service is open and the arithmetic over open time (``elapsed``, ``add``, deadlines
under the Civil Code). May import: ``servstd.errors``, ``servstd._numerals``,
``servstd.sla.calendar``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
    from servstd.sla.clock.business_hours import BusinessHours, TimeInterval
    from servstd.sla.clock.clock_spec import ClockSpec
    from servstd.sla.clock.deadline import Deadline, DeadlineRule, SkippedDay
    from servstd.sla.clock.durations import (
        Anchor,
        AnchorKind,
        Before,
        BusinessTime,
        CalendarPeriod,
        ClockTime,
        Duration,
        PeriodUnit,
        WindowBefore,
        WorkingDays,
        parse_duration,
    )
    from servstd.sla.clock.service_clock import ServiceClock

_EXPORTS = {
    "BusinessHours": "servstd.sla.clock.business_hours",
    "TimeInterval": "servstd.sla.clock.business_hours",
    "ClockSpec": "servstd.sla.clock.clock_spec",
    "Deadline": "servstd.sla.clock.deadline",
    "DeadlineRule": "servstd.sla.clock.deadline",
    "SkippedDay": "servstd.sla.clock.deadline",
    "Anchor": "servstd.sla.clock.durations",
    "AnchorKind": "servstd.sla.clock.durations",
    "Before": "servstd.sla.clock.durations",
    "BusinessTime": "servstd.sla.clock.durations",
    "CalendarPeriod": "servstd.sla.clock.durations",
    "ClockTime": "servstd.sla.clock.durations",
    "Duration": "servstd.sla.clock.durations",
    "PeriodUnit": "servstd.sla.clock.durations",
    "WindowBefore": "servstd.sla.clock.durations",
    "WorkingDays": "servstd.sla.clock.durations",
    "parse_duration": "servstd.sla.clock.durations",
    "ServiceClock": "servstd.sla.clock.service_clock",
}

__all__ = [
    "Anchor",
    "AnchorKind",
    "Before",
    "BusinessHours",
    "BusinessTime",
    "CalendarPeriod",
    "ClockSpec",
    "ClockTime",
    "Deadline",
    "DeadlineRule",
    "Duration",
    "PeriodUnit",
    "ServiceClock",
    "SkippedDay",
    "TimeInterval",
    "WindowBefore",
    "WorkingDays",
    "parse_duration",
]

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
