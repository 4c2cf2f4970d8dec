"""A slow, obvious reference for the service clock: list every open interval, walk them in order.

It shares nothing with the engine but the clock's definition (calendar day kinds, hours per date):
no prefix sums, no bisect, no year cache, no merging.
"""

from __future__ import annotations

import datetime as dt

from servstd.sla import ServiceClock


def intervals(clock: ServiceClock, a: dt.datetime, b: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every open interval touching [a - 2 days, b + 2 days], as aware datetimes, sorted."""
    zone = clock.zone
    out = []
    d = a.astimezone(zone).date() - dt.timedelta(days=2)
    last = b.astimezone(zone).date() + dt.timedelta(days=2)
    while d <= last:
        for iv in clock.hours.on(d, clock.calendar.day_kind(d)):
            start = dt.datetime.combine(d, dt.time(), tzinfo=zone) + dt.timedelta(seconds=iv.start)
            end = dt.datetime.combine(d, dt.time(), tzinfo=zone) + dt.timedelta(seconds=iv.end)
            # wall-clock arithmetic above; compare on the UTC line
            start, end = start.astimezone(dt.timezone.utc), end.astimezone(dt.timezone.utc)
            if end > start:
                out.append((start, end))
        d += dt.timedelta(days=1)
    return sorted(out)


def elapsed(clock: ServiceClock, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """Sum of the overlaps of [a, b) with the open intervals (intervals may overlap each other)."""
    # Work on the UTC line: Python subtracts same-zone aware datetimes as wall times.
    a, b = a.astimezone(dt.timezone.utc), b.astimezone(dt.timezone.utc)
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    # union the intervals first so overlapping ones are not counted twice
    union: list[list[dt.datetime]] = []
    for s, e in intervals(clock, a, b):
        if union and s <= union[-1][1]:
            union[-1][1] = max(union[-1][1], e)
        else:
            union.append([s, e])
    total = dt.timedelta()
    for s, e in union:
        lo, hi = max(s, a), min(e, b)
        if hi > lo:
            total += hi - lo
    return sign * total


def add(clock: ServiceClock, t: dt.datetime, d: dt.timedelta) -> dt.datetime:
    """Walk the open intervals from t, spending d; stop as soon as it is spent (UTC result)."""
    t = t.astimezone(dt.timezone.utc)
    if d == dt.timedelta():
        return t
    horizon = t + dt.timedelta(days=45)
    union: list[list[dt.datetime]] = []
    for s, e in intervals(clock, t, horizon):
        if union and s <= union[-1][1]:
            union[-1][1] = max(union[-1][1], e)
        else:
            union.append([s, e])
    left = d
    for s, e in union:
        if e <= t:
            continue
        start = max(s, t)
        if left <= e - start:
            return start + left
        left -= e - start
    raise AssertionError("horizon too short")
