"""What every subcommand shares: the usage error, reading what was typed, the clock options, output."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import TYPE_CHECKING, Any, TextIO

from servstd._input import MAX_LENGTH, parse_date, parse_instant, zone
from servstd._messages import tr, translate
from servstd.errors import DurationParseError, InputParseError, ServstdError, UnknownNameError
from servstd.sla.calendar.weekend import ACCEPTED_WEEKENDS, parse_weekend
from servstd.sla.calendar.work_calendar import WorkCalendar

if TYPE_CHECKING:  # the clock loads only for the commands that use one (not `servstd workday`)
    from pathlib import Path

    from servstd.sla.clock.durations import Duration
    from servstd.sla.clock.service_clock import ServiceClock

__all__ = [
    "BOM",
    "MissingFileError",
    "UsageError",
    "calendar_for",
    "clock_for",
    "current_time",
    "date",
    "duration",
    "existing_file",
    "fmt",
    "instant",
    "out",
]


class UsageError(Exception):
    """Bad command-line usage: a missing or conflicting argument (exit 2)."""


class MissingFileError(ServstdError, FileNotFoundError):
    """A file named on the command line does not exist or is not a file (exit 1)."""

    default_code = "file.unreadable"

    def __init__(self, path: str, what: str, reason: str = "") -> None:
        self.path = path
        self.what = what
        self.reason = reason
        self.cwd = os.getcwd()
        super().__init__(reason or f"no {what} file {path!r} (looked in {self.cwd})", value=path)

    def _chinese(self) -> str:
        if self.reason:
            return translate(self.reason, "zh")
        what = translate(self.what, "zh")
        return tr(
            "no {what} file {path} (looked in {folder})",
            "zh",
            what=what,
            path=repr(self.path),
            folder=self.cwd,
        )


def existing_file(path: str, what: str) -> Path:
    """``path`` as a Path, if it names a file."""
    from pathlib import Path  # noqa: PLC0415 - loaded for commands that read files

    p = Path(path)
    try:
        if p.is_file():
            return p
        kind = (
            ("a folder" if p.is_dir() else "not a regular file (a pipe, a device or a socket)")
            if p.exists()
            else ""
        )
    except (OSError, ValueError):  # a name too long, a NUL byte
        kind = ""
    raise MissingFileError(path, what, f"{path!r} is {kind}; give a {what} file" if kind else "")


BOM = "\ufeff"
"""The byte-order mark CSV for people starts with: Excel reads UTF-8 only after one (``--no-bom``)."""

NOW_WORDS = frozenset({"now", "现在", "現在"})
"""What reads as the current instant wherever the command reads an instant (``NOW()``)."""
TODAY_WORDS = frozenset({"today", "今天", "今日"})
"""What reads as today's date wherever it reads a date, and as today's 00:00 for an instant (``TODAY()``)."""


def current_time() -> dt.datetime:
    """The current instant, to the second (UTC)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def instant(text: str, tz: str, option: str = "instant") -> dt.datetime:
    """An instant typed on the command line (see :mod:`servstd._input`); without offset, in ``tz``.
    ``now`` is the current instant and ``today`` today's 00:00, both in ``tz``."""
    where = zone(tz, "--tz")
    word = text.strip().lower()
    if word in NOW_WORDS:
        return current_time().astimezone(where)
    if word in TODAY_WORDS:
        return dt.datetime.combine(current_time().astimezone(where).date(), dt.time(0), where)
    return parse_instant(text, where, option)


def date(text: str, option: str = "date", tz: str = "Asia/Shanghai") -> dt.date:
    """A date typed on the command line (see :mod:`servstd._input`); ``today`` (or ``now``) is
    today's date in ``tz``."""
    if text.strip().lower() in NOW_WORDS | TODAY_WORDS:
        return current_time().astimezone(zone(tz, "--tz")).date()
    return parse_date(text, option)


_NEGATIVE = ("-", "−", "－")  # ASCII hyphen-minus, minus sign, full-width hyphen-minus


def duration(text: str) -> Duration:
    """A duration typed on the command line; a negative or overlong one is refused saying why."""
    from servstd.sla.clock.durations import ACCEPTED_FORMS, parse_duration  # noqa: PLC0415 - start-up

    if len(text) > MAX_LENGTH:
        raise DurationParseError(
            text, f"too long ({len(text):,} characters; at most {MAX_LENGTH})", ACCEPTED_FORMS
        )
    if text.strip().startswith(_NEGATIVE):
        raise DurationParseError(
            text,
            f"a duration cannot be negative: a deadline counts forward from receipt (write {text.strip()[1:]!r})",
            ACCEPTED_FORMS,
        )
    return parse_duration(text)


def with_overlays(cal: WorkCalendar, args: argparse.Namespace) -> WorkCalendar:
    """The calendar with every --notice (State Council notice text) and --overlay (YAML/JSON) file."""
    for path in getattr(args, "notice", None) or []:
        cal = cal.with_notice(existing_file(path, "notice"))  # a Path: the file name reaches explanations
    for path in getattr(args, "overlay", None) or []:
        cal = cal.with_overlay(existing_file(path, "overlay"))
    return cal


DEFAULT_HOURS = "09:00-12:00,13:00-18:00"


def calendar_for(args: argparse.Namespace) -> WorkCalendar:
    """The calendar of ``--region`` (as :meth:`WorkCalendar.for_region` reads it), ``--lenient``,
    ``--notice`` and ``--overlay``; an unknown region names the option."""
    return with_overlays(_region(args), args)


def _region(args: argparse.Namespace) -> WorkCalendar:
    """The calendar ``--region`` names, with the rest days of ``--weekend``; an unknown region or
    a bad weekend is an error naming the option."""
    weekend = getattr(args, "weekend", None)
    try:
        days = parse_weekend(weekend) if weekend is not None else None
    except InputParseError as exc:
        raise InputParseError(weekend, "--weekend", "weekend", exc.reason, ACCEPTED_WEEKENDS) from None
    try:
        return WorkCalendar.for_region(args.region, strict=not args.lenient, weekend=days)
    except UnknownNameError as exc:
        raise UnknownNameError(args.region, "--region", exc.accepted or (), kind=exc.kind) from None


def clock_for(args: argparse.Namespace) -> ServiceClock:
    """The service clock of the calendar options, ``--hours`` and ``--tz``.

    Hours and days are separate: ``--hours 24h`` is 00:00–24:00 on the calendar's working days.
    Without ``--hours``, the always calendar (``--region always``, every day) is open round the
    clock and any other calendar 09:00–12:00, 13:00–18:00.
    """
    from servstd.sla.clock.business_hours import BusinessHours  # noqa: PLC0415 - start-up
    from servstd.sla.clock.service_clock import ServiceClock  # noqa: PLC0415 - start-up

    base = _region(args)
    spec = args.hours
    if spec is None:
        spec = "24h" if base == WorkCalendar.always() else DEFAULT_HOURS
    return ServiceClock(with_overlays(base, args), BusinessHours.parse(spec), zone(args.tz, "--tz").key)


def fmt(t: dt.datetime, day: dt.date | None = None) -> str:
    """``2026-10-10 18:00 (+08:00)``; the midnight that ends ``day`` is ``2026-10-03 24:00``."""
    off = t.strftime("%z")
    if day is not None and t.date() == day + dt.timedelta(days=1) and t.time() == dt.time(0):
        return f"{day:%Y-%m-%d} 24:00 ({off[:3]}:{off[3:5]})"
    return f"{t:%Y-%m-%d %H:%M} ({off[:3]}:{off[3:5]})"


def out(args: argparse.Namespace, data: Any, text: str) -> None:
    """Write ``data`` as JSON with ``--json``, else ``text``."""
    stream: TextIO = args.stdout
    if args.json:
        import json  # noqa: PLC0415 - loaded for --json alone

        stream.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        stream.write(text.rstrip("\n") + "\n")
