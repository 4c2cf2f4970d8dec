"""Policies: SLA policies, timers and complaint severity tiers.

Owns which target applies to a case and how a case's events run against it. May import:
``servstd.errors``, ``servstd._documents``, ``servstd.sla.calendar``, ``servstd.sla.clock``, and
:mod:`servstd.catalog.shelf` (the shipped documents as files, for ``from_catalog``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.sla.policy.complaint_policy import ComplaintPolicy as ComplaintPolicy
    from servstd.sla.policy.complaint_policy import ComplaintTimeline as ComplaintTimeline
    from servstd.sla.policy.complaint_policy import SeverityTier as SeverityTier
    from servstd.sla.policy.complaint_policy import Stage as Stage
    from servstd.sla.policy.complaint_policy import StageDeadline as StageDeadline
    from servstd.sla.policy.conditions import AmountBound as AmountBound
    from servstd.sla.policy.conditions import Comparison as Comparison
    from servstd.sla.policy.conditions import Condition as Condition
    from servstd.sla.policy.conditions import read_amount as read_amount
    from servstd.sla.policy.sla_policy import MetricTarget as MetricTarget
    from servstd.sla.policy.sla_policy import PolicyRule as PolicyRule
    from servstd.sla.policy.sla_policy import SLAPolicy as SLAPolicy
    from servstd.sla.policy.timer import EventKind as EventKind
    from servstd.sla.policy.timer import TimerEvent as TimerEvent
    from servstd.sla.policy.timer import TimerResult as TimerResult
    from servstd.sla.policy.timer import TimerStatus as TimerStatus
    from servstd.sla.policy.timer import evaluate_timer as evaluate_timer

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__)
