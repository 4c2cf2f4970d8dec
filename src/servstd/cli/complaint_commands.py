"""The complaint subcommand: the stage deadlines of a complaint."""

from __future__ import annotations

import argparse
from pathlib import Path

from servstd.cli._common import UsageError, fmt, instant, out
from servstd.sla.policy.complaint_policy import ComplaintPolicy

__all__ = ["cmd_complaint"]


def cmd_complaint(args: argparse.Namespace) -> int:
    policy = (
        ComplaintPolicy.from_catalog(args.policy)
        if not Path(args.policy).exists()
        else ComplaintPolicy.load(Path(args.policy))
    )
    received = instant(args.received, args.tz)
    asked = instant(args.customer_deadline, args.tz) if args.customer_deadline else None
    if not args.tier and not args.category:
        raise UsageError("give --tier or --category")
    tl = policy.timeline(received, args.tier, category=args.category, customer_deadline=asked)
    rows = [
        {
            "stage": s.stage.code,
            "name": s.stage.name,
            "due": s.due.isoformat(),
            "source": s.source,
            "approver": s.stage.approver,
            "explanation": s.explain(args.lang),
        }
        for s in tl.stages
    ]
    text = [f"{tl.tier.name} ({tl.tier.code}) — received {fmt(tl.received)}", ""]
    text += [
        f"  {fmt(s.due)}  {s.stage.name}"
        + (f"  [超时需经{s.stage.approver}批准]" if s.stage.approver else "")
        for s in tl.stages
    ]
    if args.explain:
        text += ["", tl.explain(args.lang)]
    out(args, {"tier": tl.tier.code, "received": tl.received.isoformat(), "stages": rows}, "\n".join(text))
    return 0
