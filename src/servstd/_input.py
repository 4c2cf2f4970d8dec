"""Instants, dates, times of day, years and time zones as people type them: one reading, everywhere.

The command line and the Python API read typed text here, so ``"2026-09-30 16:00"`` means the same
instant in ``servstd deadline`` as in ``WorkCalendar.is_working_day("2026-09-30")``, and a text
that could mean two things is refused instead of guessed.

**Instants** (:func:`parse_instant`)

* ISO 8601: ``2026-09-30T16:00``, ``2026-09-30 16:00``, with seconds (``16:00:05``) and up to six
  fractional digits (``16:00:05.250``), optionally an offset: ``Z``, ``+08:00``, ``+0800`` or
  ``+08`` (at most 18 hours either way). ``24:00`` is the end of the day, the next day's 00:00.
* Year first with slashes or dots, as spreadsheets in China show dates: ``2026/9/30 16:00``.
* Chinese: ``2026年9月30日 16:00``, ``2026年9月30日16时30分``, ``2026年9月30日 16点``.
* Without an offset the wall time is read in the zone given (``--tz`` on the command line). A
  wall time that does not exist there (the hour skipped when clocks go forward) or occurs twice
  (the hour repeated when they go back) is refused: give the offset.

**Dates** (:func:`parse_date`): ``2026-09-30``, ``2026/9/30``, ``2026年9月30日``.

**Refused**, each with the accepted forms listed: numeric dates with the year last (``10/09/2026``
is 9 October in one country and 10 September in another), a date without a time where an instant
is needed, offsets beyond ±18:00 or in a form that is no offset (``16:00-2026``), more than six
fractional digits, years outside 1–9999, and any text longer than 64 characters.

>>> parse_instant("2026年9月30日 16:00", "Asia/Shanghai").isoformat()
'2026-09-30T16:00:00+08:00'
>>> parse_instant("2026-09-30T08:00Z", "Asia/Shanghai").isoformat()
'2026-09-30T08:00:00+00:00'
>>> parse_date("2026/2/14")
datetime.date(2026, 2, 14)
>>> parse_instant("10/09/2026 16:00", "Asia/Shanghai")  # doctest: +ELLIPSIS
Traceback (most recent call last):
  ...
servstd.errors.InputParseError: cannot read the instant '10/09/2026 16:00' (instant): a numeric date with the year last is ambiguous (10/09/2026: 10 September or 9 October?); write the year first...
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from servstd.errors import InputParseError, InputTypeError, NaiveDatetimeError, ScheduleError, _shown

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = [
    "ACCEPTED_DATES",
    "ACCEPTED_INSTANTS",
    "MAX_LENGTH",
    "MAX_OFFSET",
    "MAX_YEAR",
    "MIN_YEAR",
    "aware",
    "parse_date",
    "parse_instant",
    "parse_time",
    "parse_year",
    "zone",
]

MAX_LENGTH = 64
"""The longest text read as an instant, date, time, year or zone (the longest form is 32)."""
MIN_YEAR, MAX_YEAR = 1, 9999
MAX_OFFSET = dt.timedelta(hours=18)

ACCEPTED_INSTANTS = (
    "2026-09-30 16:00 (ISO 8601; without an offset, read in the zone given)",
    "2026-09-30T16:00:05.250+08:00",
    "2026-09-30T08:00Z",
    "2026/9/30 16:00",
    "2026年9月30日 16:00",
    "2026年9月30日16时30分",
)
ACCEPTED_DATES = ("2026-09-30 (ISO date)", "2026/9/30", "2026年9月30日")
ACCEPTED_TIMES = ("17:00 (HH:MM)", "17:30:00")
ACCEPTED_YEARS = (f"a year from {MIN_YEAR} to {MAX_YEAR}, e.g. 2026",)

_WIDE = str.maketrans("０１２３４５６７８９：", "0123456789:")  # full-width digits and colon
_DATE = (
    r"(?P<y>[0-9]{4})(?:-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})"
    r"|(?P<sep>[/.])(?P<mo2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2})"
    r"|年(?P<mo3>[0-9]{1,2})月(?P<d3>[0-9]{1,2})[日号])"
)
_CLOCK = (
    r"(?P<h>[0-9]{1,2})(?::(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,](?P<f>[0-9]+))?)?"
    r"|[时点](?:(?P<mi2>[0-9]{1,2})分(?:(?P<s2>[0-9]{1,2})秒)?)?)"
)
_OFFSET = r"(?P<off>[Zz]|[+-][0-9]{2}(?::?[0-9]{2}(?::[0-9]{2})?)?)"
_DATE_RE = re.compile(_DATE + r"\Z")
_INSTANT = (
    _DATE + r"(?:[Tt]|\s+|(?<=[日号]))" + _CLOCK + r"(?:\s*" + _OFFSET + r")?\Z"
)  # compiled on first use
_TIME_RE = re.compile(r"(?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?\Z")
_YEAR_LAST = re.compile(r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}(?:\D|\Z)")
_DATE_ONLY = re.compile(_DATE + r"\Z")


def _bounded(value: object, parameter: str, kind: str, accepted: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise InputParseError(value, parameter, kind, f"expected text, got {type(value).__name__}", accepted)
    if len(value) > MAX_LENGTH:
        raise InputParseError(
            value, parameter, kind, f"too long ({len(value):,} characters; at most {MAX_LENGTH})", accepted
        )  # fmt: skip
    return value.strip().translate(_WIDE)


def _date_of(m: re.Match[str], text: str, parameter: str, kind: str, accepted: tuple[str, ...]) -> dt.date:
    y = int(m["y"])
    mo = int(m["mo"] or m["mo2"] or m["mo3"])
    d = int(m["d"] or m["d2"] or m["d3"])
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise InputParseError(text, parameter, kind, f"year {y} is outside {MIN_YEAR}–{MAX_YEAR}", accepted)
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise InputParseError(
            text, parameter, kind, f"{y:04d}-{mo:02d}-{d:02d} is not a calendar date", accepted
        ) from None


def _why_not(text: str) -> str:
    """The reason a text matched no accepted form, as precise as can be told."""
    if _YEAR_LAST.match(text):
        return (
            "a numeric date with the year last is ambiguous (10/09/2026: 10 September or 9 October?); "
            "write the year first"
        )
    if _DATE_ONLY.match(text):
        return "a date without a time of day; add one, e.g. '2026-09-30 16:00' (or 00:00 for midnight)"
    if re.search(r"[0-9][.,][0-9]{7,}", text):
        return "more than six fractional digits (servstd counts microseconds)"
    if re.search(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*[+-]", text):
        return "the offset is not Z, ±HH:MM, ±HHMM or ±HH"
    return "not a date and time in an accepted form"


def parse_instant(
    text: str, tz: str | dt.tzinfo = "Asia/Shanghai", parameter: str = "instant"
) -> dt.datetime:
    """The aware instant written in ``text``; without an offset the wall time is read in ``tz``.

    >>> parse_instant("2026-09-30 24:00", "Asia/Shanghai").isoformat()    # the end of the day
    '2026-10-01T00:00:00+08:00'
    >>> parse_instant("2026-03-08 02:30", "America/New_York")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    servstd.errors.InputParseError: cannot read the instant '2026-03-08 02:30' (instant): 02:30 on 2026-03-08 does not exist in America/New_York (the clocks skip it); give the offset, e.g. '2026-03-08T02:30-05:00'. ...
    """
    kind = "instant"
    s = _bounded(text, parameter, kind, ACCEPTED_INSTANTS)
    m = _instant_pattern().match(s)
    if m is None:
        raise InputParseError(text, parameter, kind, _why_not(s), ACCEPTED_INSTANTS)
    day = _date_of(m, text, parameter, kind, ACCEPTED_INSTANTS)
    h = int(m["h"])
    mi = int(m["mi"] or m["mi2"] or 0)
    sec = int(m["s"] or m["s2"] or 0)
    frac = m["f"] or ""
    if len(frac) > 6:
        raise InputParseError(text, parameter, kind, _why_not(s), ACCEPTED_INSTANTS)
    micro = int(frac.ljust(6, "0")) if frac else 0
    if (h, mi, sec, micro) == (24, 0, 0, 0):
        if day == dt.date(MAX_YEAR, 12, 31):
            raise InputParseError(
                text, parameter, kind, f"24:00 on {day} is in year 10000", ACCEPTED_INSTANTS
            )
        day, h = day + dt.timedelta(days=1), 0
    if h > 23 or mi > 59 or sec > 59:
        raise InputParseError(
            text, parameter, kind, f"{h:02d}:{mi:02d}:{sec:02d} is not a time of day", ACCEPTED_INSTANTS
        )  # fmt: skip
    wall = dt.datetime(day.year, day.month, day.day, h, mi, sec, micro)  # noqa: DTZ001 - a wall time, given a zone below
    if m["off"]:
        return wall.replace(tzinfo=_offset(m["off"], text, parameter))
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - see zone()

    return _localise(
        wall, tz if isinstance(tz, dt.tzinfo) and not isinstance(tz, ZoneInfo) else zone(tz), text, parameter
    )


def _offset(off: str, text: str, parameter: str) -> dt.timezone:
    if off in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if off[0] == "-" else 1
    digits = off[1:].replace(":", "")
    hh, mm, ss = int(digits[0:2]), int(digits[2:4] or 0), int(digits[4:6] or 0)
    delta = sign * dt.timedelta(hours=hh, minutes=mm, seconds=ss)
    if mm > 59 or ss > 59 or abs(delta) > MAX_OFFSET:
        raise InputParseError(
            text, parameter, "instant",
            f"{off} is not a UTC offset (offsets run from -18:00 to +18:00, minutes below 60)", ACCEPTED_INSTANTS,
        )  # fmt: skip
    return dt.timezone(delta)


def _localise(wall: dt.datetime, tz: dt.tzinfo, text: str, parameter: str) -> dt.datetime:
    """``wall`` read in ``tz``; a wall time skipped or repeated by a clock change is refused."""
    first, second = wall.replace(tzinfo=tz), wall.replace(tzinfo=tz, fold=1)
    try:
        offsets = (first.utcoffset(), second.utcoffset())
        exists = first.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None) == wall
    except OverflowError:
        raise InputParseError(
            text, parameter, "instant", "too close to the ends of the years servstd represents", ACCEPTED_INSTANTS
        ) from None  # fmt: skip
    if not exists:
        reason = f"{wall:%H:%M} on {wall:%Y-%m-%d} does not exist in {tz} (the clocks skip it)"
    elif offsets[0] != offsets[1]:
        reason = f"{wall:%H:%M} on {wall:%Y-%m-%d} occurs twice in {tz} (the clocks go back)"
    else:
        return first
    off = first.strftime("%z")
    example = f"{wall:%Y-%m-%dT%H:%M}{off[:3]}:{off[3:5]}"
    raise InputParseError(
        text, parameter, "instant", f"{reason}; give the offset, e.g. {example!r}", ACCEPTED_INSTANTS
    )


@functools.cache
def _instant_pattern() -> re.Pattern[str]:
    """The instant pattern, compiled on first use (half a millisecond a command reading no instant,
    such as ``servstd workday``, does not spend)."""
    return re.compile(_INSTANT)


def parse_date(text: str, parameter: str = "date") -> dt.date:
    """The date written in ``text`` (ISO ``2026-09-30``, ``2026/9/30`` or ``2026年9月30日``).

    >>> parse_date("2026年2月14日")
    datetime.date(2026, 2, 14)
    """
    kind = "date"
    s = _bounded(text, parameter, kind, ACCEPTED_DATES)
    m = _DATE_RE.match(s)
    if m is None:
        reason = (
            _why_not(s) if _YEAR_LAST.match(s) else "not an ISO date (YYYY-MM-DD) or another accepted form"
        )
        raise InputParseError(text, parameter, kind, reason, ACCEPTED_DATES)
    return _date_of(m, text, parameter, kind, ACCEPTED_DATES)


def parse_time(text: str, parameter: str = "time") -> dt.time:
    """A time of day ``HH:MM`` or ``HH:MM:SS`` (e.g. a receipt cut-off).

    >>> parse_time("17:00")
    datetime.time(17, 0)
    """
    s = _bounded(text, parameter, "time of day", ACCEPTED_TIMES)
    m = _TIME_RE.match(s)
    if m is None or int(m["h"]) > 23 or int(m["mi"]) > 59 or int(m["s"] or 0) > 59:
        raise InputParseError(
            text, parameter, "time of day", "not HH:MM between 00:00 and 23:59", ACCEPTED_TIMES
        )
    return dt.time(int(m["h"]), int(m["mi"]), int(m["s"] or 0))


def parse_year(value: str | int, parameter: str = "year") -> int:
    """A year from 1 to 9999, as an int or as text.

    >>> parse_year("2026")
    2026
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if MIN_YEAR <= value <= MAX_YEAR:
            return value
        raise InputParseError(value, parameter, "year", f"outside {MIN_YEAR}–{MAX_YEAR}", ACCEPTED_YEARS)
    s = _bounded(value, parameter, "year", ACCEPTED_YEARS)
    if not re.fullmatch(r"[0-9]+", s):
        raise InputParseError(s, parameter, "year", "not a year", ACCEPTED_YEARS)
    return parse_year(int(s), parameter)


def zone(name: object, parameter: str = "tz") -> ZoneInfo:
    """The IANA time zone ``name``: its name, or a :class:`~zoneinfo.ZoneInfo` (a pendulum
    ``Timezone`` is one) read by its name; anything else is a :class:`~servstd.errors.ScheduleError`.

    >>> zone("Asia/Shanghai")
    zoneinfo.ZoneInfo(key='Asia/Shanghai')
    >>> from zoneinfo import ZoneInfo
    >>> zone(ZoneInfo("Asia/Hong_Kong"))
    zoneinfo.ZoneInfo(key='Asia/Hong_Kong')
    >>> zone("Asia")
    Traceback (most recent call last):
      ...
    servstd.errors.ScheduleError: unknown time zone 'Asia' (tz); give an IANA name like 'Asia/Shanghai'
    """
    # zoneinfo loads with the first zone asked for: its import (which reads sysconfig for the
    # zone path) is a twentieth of the start-up of a command that needs no zone (`servstd workday`)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

    if isinstance(name, ZoneInfo):
        if not name.key:
            raise ScheduleError(
                f"the time zone {name!r} ({parameter}) has no IANA name (it was read from a file); "
                "give a name like 'Asia/Shanghai'",
                name,
            )
        return zone(name.key, parameter)
    if isinstance(name, dt.tzinfo):
        raise ScheduleError(
            f"the time zone {_shown(name)} ({parameter}) is a fixed offset or has no IANA name; give a "
            "name like 'Asia/Shanghai', a zoneinfo.ZoneInfo or a pendulum Timezone (local dates and "
            "daylight saving follow the zone's rules)",
            name,
        )
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_LENGTH:
        shown = _shown(name)
        raise ScheduleError(
            f"unknown time zone {shown} ({parameter}); give an IANA name like 'Asia/Shanghai'",
            name,
            code="zone.unknown",
            param=parameter,
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: 'Asia' is a folder of zones
        raise ScheduleError(
            f"unknown time zone {_shown(name)} ({parameter}); give an IANA name like 'Asia/Shanghai'",
            name,
            code="zone.unknown",
            param=parameter,
        ) from exc


def aware(value: object, parameter: str) -> dt.datetime:
    """``value`` if it is an aware datetime; otherwise an error naming ``parameter``.

    >>> aware(dt.datetime(2026, 9, 30, 16), "received_at")
    Traceback (most recent call last):
      ...
    servstd.errors.NaiveDatetimeError: received_at=datetime.datetime(2026, 9, 30, 16, 0) is a naive datetime; servstd needs aware instants (attach a tzinfo, e.g. ZoneInfo('Asia/Shanghai'))
    """
    if not isinstance(value, dt.datetime):
        raise InputTypeError(value, parameter, "an aware datetime (or pendulum DateTime)")
    try:
        offset = value.utcoffset()
    except (TypeError, ValueError) as exc:  # a tzinfo answering something other than a timedelta
        raise InputTypeError(value, parameter, "an aware datetime whose tzinfo gives a utcoffset") from exc
    if offset is None:
        raise NaiveDatetimeError(value, parameter)
    return value
