"""The service clock: business hours, the interval timeline, durations and deadlines.

Owns when a service is open and the arithmetic over open time (``elapsed``, ``add``, deadlines
under the Civil Code). May import: ``servstd.errors``, ``servstd._numerals``,
``servstd.sla.calendar``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.sla.clock.business_hours import BusinessHours as BusinessHours
    from servstd.sla.clock.business_hours import TimeInterval as TimeInterval
    from servstd.sla.clock.clock_spec import ClockSpec as ClockSpec
    from servstd.sla.clock.deadline import Deadline as Deadline
    from servstd.sla.clock.deadline import DeadlineRule as DeadlineRule
    from servstd.sla.clock.deadline import SkippedDay as SkippedDay
    from servstd.sla.clock.durations import Anchor as Anchor
    from servstd.sla.clock.durations import AnchorKind as AnchorKind
    from servstd.sla.clock.durations import Before as Before
    from servstd.sla.clock.durations import BusinessTime as BusinessTime
    from servstd.sla.clock.durations import CalendarPeriod as CalendarPeriod
    from servstd.sla.clock.durations import ClockTime as ClockTime
    from servstd.sla.clock.durations import Duration as Duration
    from servstd.sla.clock.durations import PeriodUnit as PeriodUnit
    from servstd.sla.clock.durations import WindowBefore as WindowBefore
    from servstd.sla.clock.durations import WorkingDays as WorkingDays
    from servstd.sla.clock.durations import parse_duration as parse_duration
    from servstd.sla.clock.service_clock import ServiceClock as ServiceClock

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__)
