"""The three tables of a calendar export, built from a clock's own day tables and interval arrays.

With C(x) the open time before instant x (the clock's timeline) and ``lo``/``hi`` the instants
of local 00:00 on the first exported date and 24:00 on the last:

* a day's ``open_seconds`` is C(24:00) − C(00:00) of that local date, and its
  ``open_seconds_before`` is C(00:00) − C(lo): the open time of the exported days before it;
* each open interval of the timeline that meets ``[lo, hi]`` is one row, clipped to it, with
  ``open_seconds_before`` = C(start) − C(lo);

so business time between two instants of the export is a difference of two as-of lookups, and a
day's ``open_seconds_before`` equals the interval table's count at that day's midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from servstd._lazy import installed_version
from servstd.errors import InputTypeError, ScheduleError
from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.columnar import MISSING, US
from servstd.sla.clock.service_clock import ServiceClock

__all__ = ["DayRow", "ExportTables", "IntervalRow", "MetaRow", "build_tables", "year_span"]

_UTC = dt.timezone.utc
_MAX_YEARS = 200  # one export; a longer span is almost surely a typo (2020 20260)


@attrs.frozen
class DayRow:
    """One row of ``servstd_days``."""

    date: dt.date
    kind: str
    is_working: bool
    holiday: str | None
    holiday_en: str | None
    working_day_seq: int
    open_seconds: int
    open_seconds_before: int
    day_start_at: dt.datetime
    day_end_at: dt.datetime
    close_at: dt.datetime | None


@attrs.frozen
class IntervalRow:
    """One row of ``servstd_open_intervals``."""

    start_at: dt.datetime
    end_at: dt.datetime
    open_seconds_before: int


@attrs.frozen
class MetaRow:
    """The one row of ``servstd_meta``: what was exported, from what, when."""

    region: str | None
    calendar: str
    hours: str
    zone: str
    first_year: int
    last_year: int
    coverage: str
    notices: str
    servstd_version: str
    exported_at: dt.datetime
    first_date: dt.date
    last_date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime


@attrs.frozen
class ExportTables:
    """The rows of the three tables (plain Python values, ready for any writer)."""

    days: tuple[DayRow, ...]
    intervals: tuple[IntervalRow, ...]
    meta: MetaRow


def year_span(years: object) -> tuple[int, int]:
    """``(first, last)`` from a ``range`` (step 1), a ``(first, last)`` pair (inclusive) or one year.

    >>> year_span(range(2020, 2027)), year_span((2020, 2026)), year_span(2026)
    ((2020, 2026), (2020, 2026), (2026, 2026))
    """
    accepted = "a year (int), a (first, last) pair of years, or a range of years with step 1"
    if isinstance(years, range):
        if years.step != 1 or not years:
            raise InputTypeError(years, "years", accepted)
        first, last = years.start, years.stop - 1
    elif isinstance(years, int) and not isinstance(years, bool):
        first = last = years
    elif (
        isinstance(years, tuple)
        and len(years) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
    ):
        first, last = years
    else:
        raise InputTypeError(years, "years", accepted)
    if first > last:
        raise ScheduleError(f"the years run backwards ({first} to {last}); give the first year first", years)
    if first < 1 or last > 9998:
        raise ScheduleError(f"years must lie within 1–9998, not {first}–{last}", years)
    if last - first + 1 > _MAX_YEARS:
        raise ScheduleError(f"{last - first + 1} years is more than one export holds ({_MAX_YEARS})", years)
    return first, last


def _notices(calendar: WorkCalendar, first: int, last: int) -> str:
    """The overlays (notices, company days) that touch the exported years, one per line."""
    lines = []
    for ov in calendar.overlays:
        touched = sorted(
            {y for y in ov.defines_years if first <= y <= last}
            | {d.year for d, _ in (*ov.rest_days, *ov.work_days) if first <= d.year <= last}
        )
        if touched:
            label = ov.name or "overlay"
            source = f" ({ov.source})" if ov.source and ov.source != ov.name else ""
            lines.append(f"{label}{source}: {', '.join(map(str, touched))}")
    return "\n".join(lines)


def _utc(us: int) -> dt.datetime:
    seconds, micro = divmod(us, US)
    return dt.datetime.fromtimestamp(seconds, _UTC).replace(microsecond=micro)


def _seconds(us: int) -> int:
    seconds, rest = divmod(us, US)
    if rest:  # pragma: no cover - business hours are whole seconds, offsets too
        raise ScheduleError(f"open time {us} µs is not a whole number of seconds")
    return seconds


def build_tables(clock: ServiceClock, years: object, *, now: dt.datetime | None = None) -> ExportTables:
    """The rows of ``servstd_days``, ``servstd_open_intervals`` and ``servstd_meta`` for ``years``.

    >>> t = build_tables(ServiceClock.default(), 2026)
    >>> oct1 = t.days[273]
    >>> oct1.date, oct1.kind, oct1.holiday, oct1.open_seconds
    (datetime.date(2026, 10, 1), 'holiday', '国庆节', 0)
    >>> t.intervals[0].start_at.isoformat(), t.intervals[0].open_seconds_before
    ('2026-01-04T01:00:00+00:00', 0)
    """
    if not isinstance(clock, ServiceClock):
        raise InputTypeError(clock, "clock", "a servstd.sla.ServiceClock")
    first, last = year_span(years)
    cal = clock.calendar
    for y in range(first, last + 1):
        cal.day_kind(dt.date(y, 1, 1))  # a strict calendar raises here for an uncovered year
    # one snapshot of the intervals and one of the days, both immutable (ColumnarClock)
    snap = clock.open_intervals(first, last)
    local = clock.local_days(first, last)
    d0, d1 = dt.date(first, 1, 1), dt.date(last, 12, 31)
    k0 = (d0 - local.first).days
    lo, hi = local.starts[k0], local.starts[k0 + (d1 - d0).days + 1]
    c_lo = snap.open_before(lo)

    days: list[DayRow] = []
    seq = 0
    d = d0
    k = k0
    while d <= d1:
        day_start, day_end, close = local.starts[k], local.starts[k + 1], local.closes[k]
        kind = cal.day_kind(d)
        seq += kind.is_working
        c0, c1 = snap.open_before(day_start), snap.open_before(day_end)
        days.append(
            DayRow(
                date=d, kind=kind.value, is_working=kind.is_working,
                holiday=cal.holiday_name(d, "zh"), holiday_en=cal.holiday_name(d, "en"),
                working_day_seq=seq, open_seconds=_seconds(c1 - c0), open_seconds_before=_seconds(c0 - c_lo),
                day_start_at=_utc(day_start), day_end_at=_utc(day_end),
                close_at=_utc(close) if close != MISSING else None,
            )
        )  # fmt: skip
        d += dt.timedelta(days=1)
        k += 1

    intervals = tuple(
        IntervalRow(_utc(max(s, lo)), _utc(min(e, hi)), _seconds(snap.open_before(max(s, lo)) - c_lo))
        for s, e in zip(snap.starts, snap.ends, strict=True)
        if e > lo and s < hi
    )  # fmt: skip
    stamp = (now or dt.datetime.now(_UTC)).astimezone(_UTC).replace(microsecond=0)
    meta = MetaRow(
        region=cal.region, calendar=cal.name, hours=str(clock.hours), zone=clock.tz,
        first_year=first, last_year=last, coverage=str(cal.coverage), notices=_notices(cal, first, last),
        servstd_version=installed_version("servstd"), exported_at=stamp,
        first_date=d0, last_date=d1, starts_at=_utc(lo), ends_at=_utc(hi),
    )  # fmt: skip
    return ExportTables(tuple(days), intervals, meta)


def columns(rows: Sequence[object]) -> list[str]:
    """The field names of an attrs row class, in order."""
    return [a.name for a in attrs.fields(type(rows[0]))]  # type: ignore[arg-type]
