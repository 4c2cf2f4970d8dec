"""Fuzz the time arithmetic where it is hardest: the ends of the supported years, DST transitions of
non-Chinese zones, days ending at 24:00, microseconds. Only documented errors may escape, and every
answer keeps ``elapsed(a, add(a, d)) == d``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError, ClockRangeError, ScheduleError
from servstd.sla import BusinessHours, ServiceClock, WorkCalendar
from tests.strategies import fuzz_examples

DST_ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "Pacific/Apia"]
HOURS = ["00:00-24:00", "09:00-17:00", "01:30-03:30,09:00-24:00", "22:00-06:00", "02:00-03:00", "23:59-24:00"]
CLOCKS = {
    (zone, hours, cal): ServiceClock(
        WorkCalendar.always() if cal == "always" else WorkCalendar.weekdays(),
        BusinessHours.parse(hours),
        zone,
    )
    for zone in DST_ZONES
    for hours in HOURS
    for cal in ("always", "weekdays")
}
clocks = st.sampled_from(sorted(CLOCKS)).map(CLOCKS.__getitem__)


def _transitions(zone: str) -> list[dt.datetime]:
    """Instants (UTC) where the zone's offset changes, 2020–2030."""
    z = ZoneInfo(zone)
    out = []
    t = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    step = dt.timedelta(hours=1)
    prev = t.astimezone(z).utcoffset()
    while t.year < 2031:
        t += step
        off = t.astimezone(z).utcoffset()
        if off != prev:
            out.append(t)
        prev = off
    return out


TRANSITIONS = sorted({t for zone in DST_ZONES for t in _transitions(zone)})
ENDS = [
    dt.datetime(2, 1, 1, tzinfo=dt.timezone.utc),
    dt.datetime(2, 1, 3, tzinfo=dt.timezone.utc),
    dt.datetime(9998, 12, 31, tzinfo=dt.timezone.utc),
    dt.datetime(9998, 12, 29, tzinfo=dt.timezone.utc),
    dt.datetime(1, 12, 31, 12, tzinfo=dt.timezone.utc),
    dt.datetime(9999, 1, 1, 12, tzinfo=dt.timezone.utc),
]


@st.composite
def hard_instants(draw: st.DrawFn) -> dt.datetime:
    """Near a DST transition or an end of the range, offset by up to two days, with microseconds."""
    base = draw(st.sampled_from(TRANSITIONS + ENDS))
    shift = dt.timedelta(
        minutes=draw(st.integers(-2 * 1440, 2 * 1440)), microseconds=draw(st.integers(0, 999_999))
    )
    try:
        t = base + shift
    except OverflowError:
        t = base
    zone = draw(st.sampled_from([*DST_ZONES, "UTC", "Asia/Shanghai"]))
    try:
        return t.astimezone(ZoneInfo(zone))
    except (OverflowError, ValueError):
        return t


durations = st.one_of(
    st.integers(-(10**6), 10**6).map(lambda s: dt.timedelta(seconds=s)),
    st.integers(-(10**12), 10**12).map(lambda u: dt.timedelta(microseconds=u)),
    st.sampled_from([dt.timedelta.max, dt.timedelta.min, dt.timedelta(days=3_000_000), dt.timedelta(0)]),
    st.integers(-(10**15), 10**15).map(lambda u: dt.timedelta(microseconds=u)),
)
DOCUMENTED = (ClockRangeError, ScheduleError, CalendarCoverageError)


@settings(max_examples=fuzz_examples(2_000))
@given(clocks, hard_instants(), durations)
def test_add_elapsed_round_trip(clock: ServiceClock, t: dt.datetime, d: dt.timedelta) -> None:
    """add/subtract/elapsed raise only documented errors; elapsed(t, add(t, d)) == d and subtract mirrors it."""
    try:
        x = clock.add(t, d)
    except DOCUMENTED:
        return
    assert clock.elapsed(t, x) == d
    utc = dt.timezone.utc  # same-zone comparison in Python is wall-clock: compare on the UTC line
    assert (
        (x.astimezone(utc) >= t.astimezone(utc))
        if d >= dt.timedelta(0)
        else (x.astimezone(utc) <= t.astimezone(utc))
    )
    with contextlib.suppress(*DOCUMENTED):
        assert clock.elapsed(clock.subtract(x, d), x) == d


@settings(max_examples=fuzz_examples(2_000))
@given(clocks, hard_instants(), hard_instants())
def test_questions_at_hard_instants(clock: ServiceClock, a: dt.datetime, b: dt.datetime) -> None:
    """is_open, next_open, periods, elapsed, deadline raise only documented errors; periods sum to elapsed."""
    with contextlib.suppress(*DOCUMENTED):
        clock.is_open(a)
    with contextlib.suppress(*DOCUMENTED):
        clock.next_open(a)
    with contextlib.suppress(*DOCUMENTED):
        clock.deadline(a, "1个工作日")
    with contextlib.suppress(*DOCUMENTED):
        clock.deadline(a, "当天")
    try:
        spans = clock.periods(a, b)
        total = clock.elapsed(a, b)
    except DOCUMENTED:
        return
    if b > a:
        utc = dt.timezone.utc  # same-zone subtraction in Python is wall-clock: compare on the UTC line
        assert sum((e.astimezone(utc) - s.astimezone(utc) for s, e in spans), dt.timedelta(0)) == total
