"""The Python answers the SQL must equal, for columns of random inputs (the scalar API, element by element)."""

from __future__ import annotations

import datetime as dt
import random

from servstd.errors import CalendarCoverageError
from servstd.sla import ServiceClock

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def us(t: dt.datetime) -> int:
    return (t - EPOCH) // dt.timedelta(microseconds=1)


def at(x: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=x)


def span(clock: ServiceClock, first: int, last: int) -> tuple[int, int]:
    """The covered instants [lo, hi] of an export: local 00:00 of its first date to 24:00 of its last."""
    lo = dt.datetime.combine(dt.date(first, 1, 1), dt.time(), tzinfo=clock.zone)
    hi = dt.datetime.combine(dt.date(last + 1, 1, 1), dt.time(), tzinfo=clock.zone)
    return us(lo), us(hi)


def random_dates(rng: random.Random, n: int, first: int, last: int, margin: int = 20) -> list[dt.date]:
    """Dates over the exported years, a few just outside them."""
    d0 = dt.date(first, 1, 1) - dt.timedelta(days=margin)
    days = (dt.date(last, 12, 31) - d0).days + 2 * margin
    return [d0 + dt.timedelta(days=rng.randrange(days)) for _ in range(n)]


def random_instants(
    rng: random.Random, n: int, lo: int, hi: int, *, whole_seconds: bool = False
) -> list[int]:
    """Epoch microseconds over [lo, hi], some a day outside, some on interval edges (whole minutes)."""
    day = 86_400_000_000
    out = []
    for _ in range(n):
        x = rng.randrange(lo - day, hi + day)
        r = rng.random()
        if r < 0.3:
            x -= x % 60_000_000  # on the minute: openings and closings are hit exactly
        elif whole_seconds or r < 0.6:
            x -= x % 1_000_000
        if x == hi:  # 24:00 of the last date: a strict Python clock reads the next (uncovered) year
            x -= 60_000_000
        out.append(x)
    return out


def add_working_days(clock: ServiceClock, d: dt.date, n: int, d0: dt.date, d1: dt.date) -> dt.date | None:
    """The calendar's answer, or None where the question or the answer leaves [d0, d1]."""
    if not d0 <= d <= d1:
        return None
    try:
        got = clock.calendar.add_working_days(d, n)
    except CalendarCoverageError:
        return None
    return got if d0 <= got <= d1 else None


def working_days_between(clock: ServiceClock, a: dt.date, b: dt.date, d0: dt.date, d1: dt.date) -> int | None:
    if not (d0 <= a <= d1 and d0 <= b <= d1):
        return None
    return clock.calendar.working_days_between(a, b)


def is_working_day(clock: ServiceClock, d: dt.date, d0: dt.date, d1: dt.date) -> bool | None:
    return clock.calendar.is_working_day(d) if d0 <= d <= d1 else None


def business_us(clock: ServiceClock, a: int, b: int, lo: int, hi: int) -> int | None:
    """Elapsed open microseconds (ServiceClock.elapsed), or None outside [lo, hi]."""
    if not (lo <= a <= hi and lo <= b <= hi):
        return None
    return clock.elapsed(at(a), at(b)) // dt.timedelta(microseconds=1)


def business_seconds(clock: ServiceClock, a: int, b: int, lo: int, hi: int) -> int | None:
    """Elapsed open seconds, truncated toward zero."""
    got = business_us(clock, a, b, lo, hi)
    if got is None:
        return None
    return got // 1_000_000 if got >= 0 else -(-got // 1_000_000)


def add_business_seconds(clock: ServiceClock, t: int, s: int, lo: int, hi: int) -> int | None:
    """ServiceClock.add (subtract for s < 0) in epoch µs, or None where t or the answer leaves [lo, hi]."""
    if not lo <= t <= hi:
        return None
    try:
        got = us(clock.add(at(t), dt.timedelta(seconds=s)))
    except CalendarCoverageError:
        return None
    return got if lo <= got <= hi else None
