"""Time: working-day calendars, business hours, the service clock, durations and deadlines."""

from servstd.sla.business_hours import BusinessHours, TimeInterval
from servstd.sla.calendar_overlay import CalendarOverlay, load_overlay
from servstd.sla.clock_spec import ClockSpec
from servstd.sla.complaint import ComplaintPolicy, ComplaintTimeline, SeverityTier, Stage, StageDeadline
from servstd.sla.day_kind import DayKind
from servstd.sla.deadline import Deadline, DeadlineRule, SkippedDay
from servstd.sla.durations import (
    Anchor,
    AnchorKind,
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    Duration,
    PeriodUnit,
    WorkingDays,
    parse_duration,
)
from servstd.sla.notice import parse_notice
from servstd.sla.policy import MetricTarget, PolicyRule, SLAPolicy
from servstd.sla.service_clock import ServiceClock
from servstd.sla.timer import EventKind, TimerEvent, TimerResult, TimerStatus, evaluate_timer
from servstd.sla.work_calendar import Coverage, WorkCalendar

__all__ = [
    "Anchor",
    "AnchorKind",
    "BusinessHours",
    "BusinessTime",
    "CalendarOverlay",
    "CalendarPeriod",
    "ClockSpec",
    "ClockTime",
    "ComplaintPolicy",
    "ComplaintTimeline",
    "Coverage",
    "DayKind",
    "Deadline",
    "DeadlineRule",
    "Duration",
    "EventKind",
    "MetricTarget",
    "PeriodUnit",
    "PolicyRule",
    "SLAPolicy",
    "ServiceClock",
    "SeverityTier",
    "SkippedDay",
    "Stage",
    "StageDeadline",
    "TimeInterval",
    "TimerEvent",
    "TimerResult",
    "TimerStatus",
    "WorkCalendar",
    "WorkingDays",
    "evaluate_timer",
    "load_overlay",
    "parse_duration",
    "parse_notice",
]
