"""Policies: SLA policies, timers and complaint severity tiers.

Owns which target applies to a case and how a case's events run against it. May import:
``servstd.errors``, ``servstd._documents``, ``servstd.sla.calendar``, ``servstd.sla.clock``, and
``servstd.catalog._files`` (the shipped documents as files, for ``from_catalog``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
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
}

__all__ = [
    "AmountBound",
    "Comparison",
    "ComplaintPolicy",
    "ComplaintTimeline",
    "Condition",
    "EventKind",
    "MetricTarget",
    "PolicyRule",
    "SLAPolicy",
    "SeverityTier",
    "Stage",
    "StageDeadline",
    "TimerEvent",
    "TimerResult",
    "TimerStatus",
    "evaluate_timer",
    "read_amount",
]

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
