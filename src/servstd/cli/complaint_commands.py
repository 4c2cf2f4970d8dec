"""The complaint subcommand: the stage deadlines of a complaint, who acts, and the time left."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from servstd._lang import Lang
from servstd.cli._common import UsageError, existing_file, fmt, instant, out
from servstd.errors import InputParseError, UnknownNameError
from servstd.sla.policy.complaint_policy import (
    ComplaintPolicy,
    ComplaintTimeline,
    SeverityTier,
    StageDeadline,
)

__all__ = ["cmd_complaint"]


def _policy(ref: str) -> ComplaintPolicy:
    if Path(ref).suffix.lower() in (".yaml", ".yml", ".json", ".toml"):
        return ComplaintPolicy.read(existing_file(ref, "complaint policy"))
    try:
        return ComplaintPolicy.from_catalog(ref)
    except UnknownNameError as exc:  # only the complaint policies are listed: the option is named
        raise UnknownNameError(ref, "--policy", exc.accepted or (), kind=exc.kind) from None


def _tier(policy: ComplaintPolicy, args: argparse.Namespace) -> SeverityTier:
    """The tier of ``--tier`` or ``--category``; both only when they agree."""
    if not args.tier and not args.category:
        raise UsageError("give --tier or --category")
    tier = policy.tier(args.tier) if args.tier else None
    by_category = policy.classify(args.category) if args.category else None
    if tier is not None and by_category is not None and tier.code != by_category.code:
        raise UsageError(
            f"--tier {args.tier} and --category {args.category} disagree: {args.category} is "
            f"{by_category.name} ({by_category.code}); give one of them"
        )
    return tier or by_category  # type: ignore[return-value]  # one of them is set


def _name(s: StageDeadline, lang: Lang) -> str:
    return s.stage.name_in(lang)


def _rule(s: StageDeadline, lang: Lang) -> str:
    return s.stage.rule.duration.describe(lang)


def _later_but_earlier(stages: Sequence[StageDeadline]) -> dict[int, int]:
    """Stage index → the first later stage that is due before it (a timeline out of order)."""
    found: dict[int, int] = {}
    for i, s in enumerate(stages):
        for j in range(i + 1, len(stages)):
            if stages[j].due < s.due:
                found[i] = j
                break
    return found


def _order_warnings(tl: ComplaintTimeline, flagged: dict[int, int], lang: Lang) -> list[str]:
    """One line per stage out of order, in the language asked for, with the command's times."""
    lines = []
    for i, j in flagged.items():
        a, b = tl.stages[i], tl.stages[j]
        if lang == "en":
            lines.append(
                f"stages out of order: {_name(a, lang)} is due {fmt(a.due)}, after the later stage "
                f"{_name(b, lang)} due {fmt(b.due)}"
            )
        else:
            lines.append(
                f"阶段顺序异常：{_name(a, lang)}的期限 {fmt(a.due)} 晚于其后阶段{_name(b, lang)}的期限 {fmt(b.due)}"
            )
    return lines


def _left(seconds: int, lang: str) -> str:
    h, rem = divmod(abs(seconds), 3600)
    span = f"{h}:{rem // 60:02d}"
    if lang == "en":
        return f"{span} left" if seconds >= 0 else f"overdue by {span}"
    return f"还剩 {span}" if seconds >= 0 else f"已超时 {span}"


def cmd_complaint(args: argparse.Namespace) -> int:
    policy = _policy(args.policy)
    received = instant(args.received, args.tz, "--received")
    asked = (
        instant(args.customer_deadline, args.tz, "--customer-deadline") if args.customer_deadline else None
    )
    now = instant(args.now, args.tz, "--now") if args.now else None
    if asked is not None and asked < received:
        raise InputParseError(
            args.customer_deadline, "--customer-deadline", "instant",
            f"it is before the receipt {fmt(policy.clock.local(received))}; a requested deadline comes after the complaint",
            (),
        )  # fmt: skip
    tier = _tier(policy, args)
    if asked is not None and not policy.takes_customer_deadline(tier):
        takers = [t for t in policy.tiers if policy.takes_customer_deadline(t)]
        which = ", ".join(f"{t.name} ({t.code})" for t in takers)
        raise UsageError(
            f"--customer-deadline does not apply to {tier.name} ({tier.code}): no stage of it takes a resident's "
            f"deadline, its limits are the policy's"
            + (f" (only {which} does)" if takers else f" (no tier of {policy.id} does)")
            + "; leave --customer-deadline out"
        )
    tl = policy.timeline(received, tier.code, customer_deadline=asked)
    flagged = _later_but_earlier(tl.stages)
    warnings = _order_warnings(tl, flagged, args.lang)
    en = args.lang == "en"
    rows: list[dict[str, Any]] = []
    lines = []
    for i, s in enumerate(tl.stages):
        left = None if now is None else (s.due - now) // dt.timedelta(seconds=1)
        rows.append(
            {
                "stage": s.stage.code, "name": s.stage.name, "name_en": s.stage.name_en,
                "actor": s.stage.actor, "actor_en": s.stage.actor_en, "to": s.stage.to, "to_en": s.stage.to_en,
                "rule": str(s.stage.rule.duration), "rule_en": s.stage.rule.duration.describe("en"), "due": s.due.isoformat(),
                "source": s.source, "approver": s.stage.approver, "seconds_left": left,
                "out_of_order": i in flagged, "after": s.stage.after or None, "explanation": s.explain(args.lang),
            }
        )  # fmt: skip
        parts = [f"{'!' if i in flagged else ' '} {fmt(s.due)}", _name(s, args.lang)]
        if s.stage.actor:
            parts.append(f"{'by' if en else '执行'}: {s.stage.actor_in(args.lang)}")
        if s.stage.to:
            parts.append(f"{'to' if en else '送交'}: {s.stage.to_in(args.lang)}")
        rule = _rule(s, args.lang)
        if s.stage.after:
            before = tl.stage(s.stage.after)
            rule += f" after {_name(before, args.lang)}" if en else f"（自{_name(before, args.lang)}起）"
        if s.source == "customer":
            rule = f"requested by the resident (default {rule})" if en else f"住户要求（默认{rule}）"
        parts.append(f"{'rule' if en else '时限'}: {rule}")
        if left is not None:
            parts.append(_left(left, args.lang))
        if s.stage.approver:
            parts.append(f"overrun needs {s.stage.approver}" if en else f"超时需经{s.stage.approver}批准")
        lines.append("  ".join(parts))
    tier_name = tl.tier.name_in(args.lang)
    head = [f"{tier_name} ({tl.tier.code}) — {'received' if en else '收到'} {fmt(tl.received)}"]
    if now is not None:
        head.append(f"{'now' if en else '现在'} {fmt(policy.clock.local(now))}")
    text = [*head, "", *lines]
    if warnings:
        text += ["", *(f"! {w}" for w in warnings)]
    if args.explain:
        text += ["", tl.explain(args.lang)]
    data = {
        "policy": policy.id, "tier": tl.tier.code, "tier_name": tl.tier.name, "tier_name_en": tl.tier.name_en,
        "received": tl.received.isoformat(), "now": now.isoformat() if now else None,
        "stages": rows, "warnings": warnings,
    }  # fmt: skip
    out(args, data, "\n".join(text))
    return 0
