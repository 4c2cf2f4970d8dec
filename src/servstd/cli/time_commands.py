"""The time subcommands: deadline, elapsed, workday, calendar."""

from __future__ import annotations

import argparse
import calendar as _calendar
import datetime as dt
import os
from typing import Any

from servstd.cli._common import UsageError, calendar_for, clock_for, fmt, instant, out
from servstd.sla.calendar.day_kind import DayKind
from servstd.sla.calendar.work_calendar import as_date
from servstd.sla.clock.deadline import DeadlineRule
from servstd.sla.clock.durations import parse_duration

__all__ = ["cmd_calendar", "cmd_deadline", "cmd_elapsed", "cmd_workday"]


def cmd_deadline(args: argparse.Namespace) -> int:
    clock = clock_for(args)
    received = instant(args.received, args.tz)
    cutoff = None
    if args.cutoff:
        try:
            cutoff = dt.time.fromisoformat(args.cutoff)
        except ValueError as exc:
            raise UsageError(f"bad --cutoff {args.cutoff!r}; use HH:MM") from exc
    rule = DeadlineRule(
        parse_duration(args.duration),
        end_of_day=args.end_of_day,
        cutoff=cutoff,
        count_start_day=args.count_start_day,
    )
    dl = clock.deadline(received, rule)
    data = {
        "received": dl.received.isoformat(), "due": dl.due.isoformat(), "rule": str(rule.duration),
        "rule_en": rule.duration.en, "end_of_day": rule.end_of_day, "cutoff": args.cutoff,
        "count_start_day": rule.count_start_day, "last_day": dl.last_day, "moved_from": dl.moved_from,
        "skipped": [{"date": s.date.isoformat(), "kind": s.kind.value, "name": s.name} for s in dl.skipped],
        "explanation_zh": list(dl.lines_zh), "explanation_en": list(dl.lines_en),
    }  # fmt: skip
    out(args, data, f"{fmt(dl.due)}\n\n{dl.explain(args.lang)}")
    return 0


def cmd_elapsed(args: argparse.Namespace) -> int:
    clock = clock_for(args)
    a, b = instant(args.start, args.tz), instant(args.end, args.tz)
    d = clock.elapsed(a, b)
    seconds = d // dt.timedelta(seconds=1)
    sign = "-" if seconds < 0 else ""
    h, rem = divmod(abs(seconds), 3600)
    text = f"{sign}{h}:{rem // 60:02d}:{rem % 60:02d} of business time ({sign}{abs(seconds)} s)"
    out(args, {"start": a.isoformat(), "end": b.isoformat(), "seconds": seconds, "text": text}, text)
    return 0


def cmd_workday(args: argparse.Namespace) -> int:
    cal = calendar_for(args)
    d = as_date(args.date, "date")
    kind = cal.day_kind(d)
    name_zh, name_en = cal.holiday_name(d, "zh"), cal.holiday_name(d, "en")
    name = f" — {name_zh} / {name_en}" if name_zh else ""
    text = f"{d.isoformat()} ({'一二三四五六日'[d.weekday()]}): {kind.zh} / {kind.en}{name}"
    data = {
        "date": d.isoformat(),
        "working": kind.is_working,
        "kind": kind.value,
        "name_zh": name_zh,
        "name_en": name_en,
    }
    out(args, data, text)
    return 0


_COLORS = {DayKind.HOLIDAY: "\033[1;31m", DayKind.MAKEUP_WORKDAY: "\033[1;34m", DayKind.WEEKEND: "\033[2m"}


def cmd_calendar(args: argparse.Namespace) -> int:
    cal = calendar_for(args)
    months = [args.month] if args.month else list(range(1, 13))
    color = args.color == "always" or (
        args.color == "auto" and args.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    lines = []
    data: dict[str, Any] = {"year": args.year, "region": cal.region, "days": []}
    for m in months:
        # a cell is 5 terminal columns: the day (2), a mark (休/班 are double width, else 2 spaces), a space
        lines.append(" " * 14 + f"{args.year}年{m}月")
        lines.append("".join(f" {w}  " for w in "一二三四五六日").rstrip())
        for week in _calendar.Calendar().monthdatescalendar(args.year, m):
            cells = []
            for d in week:
                if d.month != m:
                    cells.append("     ")
                    continue
                kind = cal.day_kind(d)
                mark = {DayKind.HOLIDAY: "休", DayKind.MAKEUP_WORKDAY: "班"}.get(kind, "  ")
                cell = f"{d.day:>2}{mark}"
                if color and kind in _COLORS:
                    cell = f"{_COLORS[kind]}{cell}\033[0m"
                cells.append(cell + " ")
                if kind in (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY):
                    data["days"].append(
                        {"date": d.isoformat(), "kind": kind.value, "name": cal.holiday_name(d)}
                    )
            lines.append("".join(cells).rstrip())
        lines.append("")
    lines.append("休 = holiday (放假)   班 = make-up working day (调休上班)")
    out(args, data, "\n".join(lines))
    return 0
