"""The time subcommands: deadline, elapsed, workday, calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import Any

from servstd._input import parse_time, parse_year
from servstd.cli._common import calendar_for, clock_for, date, duration, fmt, instant, out
from servstd.cli._language import language, t
from servstd.errors import InputParseError
from servstd.sla.calendar.day_kind import DayKind
from servstd.sla.calendar.work_calendar import WorkCalendar

__all__ = ["cmd_calendar", "cmd_deadline", "cmd_elapsed", "cmd_workday", "cmd_workdays"]


def cmd_deadline(args: argparse.Namespace) -> int:
    from servstd.sla.clock.deadline import DeadlineRule  # noqa: PLC0415 - `servstd workday` starts without it

    clock = clock_for(args)
    received = instant(args.received, args.tz, "received")
    cutoff = parse_time(args.cutoff, "--cutoff") if args.cutoff is not None else None
    rule = DeadlineRule(
        duration(args.duration),
        end_of_day=args.end_of_day,
        cutoff=cutoff,
        count_start_day=args.count_start_day,
        move_off_rest_day=args.move_off_rest_day,
    )
    dl = clock.deadline(received, rule)
    data = {
        "received": dl.received.isoformat(), "due": dl.due.isoformat(), "rule": str(rule.duration),
        "rule_en": rule.duration.describe("en"), "end_of_day": rule.ends_at, "move_off_rest_day": rule.moves_off_rest_day,
        "cutoff": cutoff.isoformat("minutes") if cutoff else None,
        "count_start_day": rule.count_start_day, "last_day": dl.last_day, "moved_from": dl.moved_from,
        "window_opens": dl.opens.isoformat() if dl.opens else None,
        "skipped": [{"date": s.date.isoformat(), "kind": s.kind.value, "name": s.name} for s in dl.skipped],
        "explanation_zh": list(dl.lines("zh")), "explanation_en": list(dl.lines("en")),
    }  # fmt: skip
    out(args, data, f"{fmt(dl.due, dl.last_day)}\n\n{dl.explain(args.lang)}")
    return 0


def cmd_elapsed(args: argparse.Namespace) -> int:
    clock = clock_for(args)
    a, b = instant(args.start, args.tz, "start"), instant(args.end, args.tz, "end")
    d = clock.elapsed(a, b)
    seconds = d // dt.timedelta(seconds=1)
    sign = "-" if seconds < 0 else ""
    h, rem = divmod(abs(seconds), 3600)
    text = t(
        "{time} of business time ({seconds} s)",
        time=f"{sign}{h}:{rem // 60:02d}:{rem % 60:02d}",
        seconds=f"{sign}{abs(seconds)}",
    )
    out(args, {"start": a.isoformat(), "end": b.isoformat(), "seconds": seconds, "text": text}, text)
    return 0


def cmd_workday(args: argparse.Namespace) -> int:
    cal = calendar_for(args)
    d = date(args.date, "date")
    kind = cal.day_kind(d)
    name_zh, name_en = cal.holiday_name(d, "zh"), cal.holiday_name(d, "en")
    lang = language()
    label, holiday = kind.label(lang), (name_en or name_zh) if lang == "en" else name_zh
    # "make-up working day (National Day)" names its kind already: not "make-up working day — make-up…"
    said = holiday if holiday and holiday.startswith(label) else f"{label} — {holiday}" if holiday else label
    weekday = _weekdays(lang)[d.weekday()]
    text = (
        f"{d.isoformat()} ({weekday}): {said}" if lang == "en" else f"{d.isoformat()}（周{weekday}）：{said}"
    )
    data = {
        "date": d.isoformat(),
        "working": kind.is_working,
        "kind": kind.value,
        "name_zh": name_zh,
        "name_en": name_en,
    }
    out(args, data, text)
    return 0


def cmd_workdays(args: argparse.Namespace) -> int:
    """Working days between two dates: ``[FROM, TO)``, or both counted with ``--inclusive``
    (NETWORKDAYS); a TO before FROM counts the same days negative, as both do."""
    cal = calendar_for(args)
    a, b = date(args.start, "FROM"), date(args.end, "TO")
    one = dt.timedelta(days=1)
    if not args.inclusive:
        n = cal.working_days_between(a, b)
        span = t("from {start} to {end}, {end} not counted", start=a, end=b)
    else:
        n = cal.working_days_between(a, b + one) if a <= b else -cal.working_days_between(b, a + one)
        span = t("from {start} to {end}, both counted", start=a, end=b)
    word = t("working day") if abs(n) == 1 else t("working days")
    text = f"{n}\n\n" + t("{n} {word} {span} ({calendar})", n=n, word=word, span=span, calendar=cal.name)
    data = {
        "from": a.isoformat(), "to": b.isoformat(), "inclusive": args.inclusive, "working_days": n,
        "calendar": cal.name, "region": cal.region, "weekend": "".join("1" if d in cal.weekend else "0" for d in range(7)),
    }  # fmt: skip
    out(args, data, text)
    return 0


_WEEKDAY = "一二三四五六日"
_COLORS = {DayKind.HOLIDAY: "\033[1;31m", DayKind.MAKEUP_WORKDAY: "\033[1;34m", DayKind.WEEKEND: "\033[2m"}
# Each cell is 5 terminal columns: the day (2), a mark (休/班 are double width; * and spaces are 2), a space.
_MARKS = {DayKind.HOLIDAY: "休", DayKind.MAKEUP_WORKDAY: "班", DayKind.WEEKEND: "* "}
LEGEND = "休 = holiday (放假)   班 = make-up working day (调休上班)   * = weekend rest day (周末休息)"
_LEGEND_ZH = "休 = 法定节假日（放假）   班 = 调休上班   * = 周末休息"
_WEEKDAY_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")  # two columns each, as wide as 一…日


def _weekdays(lang: str) -> tuple[str, ...]:
    return _WEEKDAY_EN if lang == "en" else tuple(_WEEKDAY)


def _month(text: str | None) -> int | None:
    if text is None:
        return None
    s = text.strip()
    if not s.isascii() or not s.isdigit() or not 1 <= int(s) <= 12:
        raise InputParseError(text, "--month", "month", "not a month number", ("1–12",))
    return int(s)


def _named_runs(cal: WorkCalendar, days: list[dt.date]) -> list[str]:
    """Holidays and make-up days of ``days``, consecutive days of one name on one line."""
    runs: list[tuple[dt.date, dt.date, DayKind, str]] = []
    for d in days:
        kind = cal.day_kind(d)
        if kind not in (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY):
            continue
        name = cal.holiday_name(d, "zh") or ""
        en = cal.holiday_name(d, "en") or ""
        label = (en or name) if language() == "en" else name
        last = runs[-1] if runs else None
        if last and last[2] == kind and last[3] == label and (d - last[1]).days == 1:
            runs[-1] = (last[0], d, kind, label)
        else:
            runs.append((d, d, kind, label))
    lines = []
    for a, b, kind, label in runs:
        span = f"{a:%m-%d}" if a == b else f"{a:%m-%d}–{b:%m-%d}"
        lines.append(f"  {span:<11}  {_MARKS[kind]}  {label}")
    return lines


def cmd_calendar(args: argparse.Namespace) -> int:
    year = parse_year(args.year, "year")
    month = _month(args.month)
    cal = calendar_for(args)
    months = [month] if month else list(range(1, 13))
    import calendar as _calendar  # noqa: PLC0415 - month names and weeks: this command alone

    color = args.color == "always" or (
        args.color == "auto" and args.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    lines = []
    data: dict[str, Any] = {"year": year, "region": cal.region, "calendar": cal.name, "days": []}
    for m in months:
        en = language() == "en"
        lines.append(" " * 14 + (f"{_calendar.month_name[m]} {year}" if en else f"{year}年{m}月"))
        lines.append("".join(f" {w}  " for w in _weekdays(language())).rstrip())
        days = []
        for week in _calendar.monthcalendar(year, m):  # 0 = a day of another month
            cells = []
            for day in week:
                if day == 0:
                    cells.append("     ")
                    continue
                d = dt.date(year, m, day)
                days.append(d)
                kind = cal.day_kind(d)
                cell = f"{day:>2}{_MARKS.get(kind, '  ')}"
                if color and kind in _COLORS:
                    cell = f"{_COLORS[kind]}{cell}\033[0m"
                cells.append(cell + " ")
                data["days"].append(
                    {
                        "date": d.isoformat(),
                        "weekday": d.isoweekday(),
                        "kind": kind.value,
                        "working": kind.is_working,
                        "name": cal.holiday_name(d, "zh"),
                        "name_en": cal.holiday_name(d, "en"),
                    }
                )
            lines.append("".join(cells).rstrip())
        lines.extend(_named_runs(cal, days))
        lines.append("")
    lines.append(LEGEND if language() == "en" else _LEGEND_ZH)
    out(args, data, "\n".join(lines))
    return 0
