"""What every subcommand shares: the usage error, reading instants, the clock options, output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any, TextIO

import pendulum

from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.business_hours import BusinessHours
from servstd.sla.clock.service_clock import ServiceClock

__all__ = ["UsageError", "calendar_for", "clock_for", "fmt", "instant", "out"]


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


def instant(text: str, tz: str) -> dt.datetime:
    """ISO 8601 (with or without offset) or "2026-09-30 16:00"; without an offset, read in ``tz``."""
    try:
        parsed: object = pendulum.parse(text.strip(), tz=tz, strict=False)
    except Exception as exc:  # pendulum raises several types for bad text
        raise UsageError(f"cannot read the instant {text!r}; use ISO 8601 or '2026-09-30 16:00'") from exc
    if not isinstance(parsed, dt.datetime):
        raise UsageError(f"{text!r} is not an instant; give a date and a time, e.g. '2026-09-30 16:00'")
    return dt.datetime(
        parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second, parsed.microsecond,
        tzinfo=parsed.tzinfo,
    )  # fmt: skip


def with_overlays(cal: WorkCalendar, args: argparse.Namespace) -> WorkCalendar:
    """The calendar with every --notice (State Council notice text) and --overlay (YAML/JSON) file."""
    for path in getattr(args, "notice", None) or []:
        if not Path(path).is_file():
            raise UsageError(f"no notice file {path!r}")
        cal = cal.with_notice(Path(path))
    for path in getattr(args, "overlay", None) or []:
        if not Path(path).exists():
            raise UsageError(f"no overlay file {path!r}")
        cal = cal.with_overlay(Path(path))
    return cal


def clock_for(args: argparse.Namespace) -> ServiceClock:
    region = args.region.upper()
    if region in ("MON-FRI", "WEEKDAYS"):
        cal = WorkCalendar.weekdays()
    elif region in ("7X24", "EVERY-DAY", "ALL"):
        cal = WorkCalendar.every_day()
    else:
        cal = WorkCalendar.for_region(region, strict=not args.lenient)
    cal = with_overlays(cal, args)
    hours = (
        BusinessHours.always() if args.hours in ("24h", "always", "7x24") else BusinessHours.parse(args.hours)
    )
    return ServiceClock(cal, hours, args.tz)


def fmt(t: dt.datetime) -> str:
    off = t.strftime("%z")
    return f"{t:%Y-%m-%d %H:%M} ({off[:3]}:{off[3:]})"


def out(args: argparse.Namespace, data: Any, text: str) -> None:
    stream: TextIO = args.stdout
    if args.json:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        stream.write(text.rstrip("\n") + "\n")


def calendar_for(args: argparse.Namespace) -> WorkCalendar:
    """The calendar of ``--region``, ``--lenient``, ``--notice`` and ``--overlay``."""
    return with_overlays(WorkCalendar.for_region(args.region, strict=not args.lenient), args)
