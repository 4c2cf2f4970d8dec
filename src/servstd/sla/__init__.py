"""Time: working-day calendars, business hours, the service clock, durations, deadlines, policies.

The public names of the four subpackages, re-exported lazily (importing one loads only what it
needs):

* :mod:`servstd.sla.calendar` — working days, day kinds, overlays, notices;
* :mod:`servstd.sla.clock` — business hours, the service clock, durations, deadlines;
* :mod:`servstd.sla.policy` — SLA policies, timers, complaint policies;
* :mod:`servstd.sla.batch` — the columnar engine (numpy; ``servstd[batch]``);
* :mod:`servstd.sla.sql` — the calendar and the clock as database tables, with SQL macros.

Imports run one way: calendar → clock → policy → batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
    from servstd.sla import batch, sql
    from servstd.sla.batch.report import report
    from servstd.sla.calendar.day_kind import DayKind
    from servstd.sla.calendar.notice import parse_notice, read_notice
    from servstd.sla.calendar.overlay import CalendarOverlay
    from servstd.sla.calendar.overlay_document import load_overlay
    from servstd.sla.calendar.work_calendar import Coverage, WorkCalendar
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
    from servstd.sla.policy.complaint_policy import (
        ComplaintPolicy,
        ComplaintTimeline,
        SeverityTier,
        Stage,
        StageDeadline,
    )
    from servstd.sla.policy.conditions import AmountBound, Comparison, Condition, read_amount
    from servstd.sla.policy.sla_policy import MetricTarget, PolicyRule, SLAPolicy
    from servstd.sla.policy.timer import EventKind, TimerEvent, TimerResult, TimerStatus, evaluate_timer

_EXPORTS = {
    "DayKind": "servstd.sla.calendar.day_kind",
    "CalendarOverlay": "servstd.sla.calendar.overlay",
    "load_overlay": "servstd.sla.calendar.overlay_document",
    "parse_notice": "servstd.sla.calendar.notice",
    "read_notice": "servstd.sla.calendar.notice",
    "Coverage": "servstd.sla.calendar.work_calendar",
    "WorkCalendar": "servstd.sla.calendar.work_calendar",
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
    "ComplaintPolicy": "servstd.sla.policy.complaint_policy",
    "ComplaintTimeline": "servstd.sla.policy.complaint_policy",
    "SeverityTier": "servstd.sla.policy.complaint_policy",
    "Stage": "servstd.sla.policy.complaint_policy",
    "StageDeadline": "servstd.sla.policy.complaint_policy",
    "AmountBound": "servstd.sla.policy.conditions",
    "Comparison": "servstd.sla.policy.conditions",
    "Condition": "servstd.sla.policy.conditions",
    "read_amount": "servstd.sla.policy.conditions",
    "MetricTarget": "servstd.sla.policy.sla_policy",
    "PolicyRule": "servstd.sla.policy.sla_policy",
    "SLAPolicy": "servstd.sla.policy.sla_policy",
    "EventKind": "servstd.sla.policy.timer",
    "TimerEvent": "servstd.sla.policy.timer",
    "TimerResult": "servstd.sla.policy.timer",
    "TimerStatus": "servstd.sla.policy.timer",
    "evaluate_timer": "servstd.sla.policy.timer",
    "batch": "servstd.sla.batch",
    "sql": "servstd.sla.sql",
    "report": "servstd.sla.batch.report",
}

__all__ = [
    "AmountBound",
    "Anchor",
    "AnchorKind",
    "Before",
    "BusinessHours",
    "BusinessTime",
    "CalendarOverlay",
    "CalendarPeriod",
    "ClockSpec",
    "ClockTime",
    "Comparison",
    "ComplaintPolicy",
    "ComplaintTimeline",
    "Condition",
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
    "WindowBefore",
    "WorkCalendar",
    "WorkingDays",
    "batch",
    "evaluate_timer",
    "load_overlay",
    "parse_duration",
    "parse_notice",
    "read_amount",
    "read_notice",
    "report",
    "sql",
]

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
