"""Open time counted from one origin: ServiceClock._open_many (what the SLA timers read) gives C(x) - C(min xs)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar
from servstd.sla.clock._timeline import to_us

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:00-18:00"), "Asia/Shanghai")
instants = st.datetimes(dt.datetime(2025, 12, 1), dt.datetime(2026, 12, 1), timezones=st.just(SH))


@settings(max_examples=50)
@given(st.lists(instants, min_size=1, max_size=6))
def test_open_many_is_elapsed_from_the_earliest(ts: list[dt.datetime]) -> None:
    """_open_many(xs)[k] is the open time from the earliest instant to xs[k] (0 for the earliest itself)."""
    origin = min(ts)
    got = CLOCK._open_many([to_us(t) for t in ts])
    assert got == [CLOCK.elapsed(origin, t) // dt.timedelta(microseconds=1) for t in ts]
    assert min(got) == 0


def test_open_many_by_hand() -> None:
    """Friday 11:00 and the next Monday 10:00: 1 + 5 + 1 hours of open time between them."""
    fri = dt.datetime(2026, 3, 6, 11, tzinfo=SH)
    mon = dt.datetime(2026, 3, 9, 10, tzinfo=SH)
    hour = 3_600_000_000
    assert CLOCK._open_many([to_us(mon), to_us(fri)]) == [7 * hour, 0]


def test_equal_clocks_hash_alike_across_zone_cache_clears() -> None:
    """Clocks are equal by calendar, hours and zone name; equal clocks hash alike even when their
    ZoneInfo objects differ (a cleared zoneinfo cache builds a new one)."""
    a = ServiceClock.always("Europe/Berlin")
    ZoneInfo.clear_cache()
    b = ServiceClock.always("Europe/Berlin")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


@settings(max_examples=50)
@given(
    instants,
    st.integers(1, 3).map(lambda n: dt.timedelta(microseconds=n))
    | st.timedeltas(dt.timedelta(0), dt.timedelta(hours=30)),
)
def test_subtracting_a_negative_duration_adds(t: dt.datetime, d: dt.timedelta) -> None:
    """subtract(t, -d) is add(t, d) and add(t, -d) is subtract(t, d), down to one microsecond."""
    assert CLOCK.subtract(t, -d) == CLOCK.add(t, d)
    assert CLOCK.add(t, -d) == CLOCK.subtract(t, d)


def test_one_microsecond_back_is_one_forward() -> None:
    """subtract(t, -1 µs) at an open instant is t + 1 µs."""
    t = dt.datetime(2026, 3, 6, 11, tzinfo=SH)
    assert CLOCK.subtract(t, -dt.timedelta(microseconds=1)) == t + dt.timedelta(microseconds=1)


def test_one_microsecond_forward_ending_at_a_close_is_the_close() -> None:
    """add is the smallest instant: 1 µs before 12:00, add(t, 1 µs) and subtract(t, -1 µs) are 12:00, not 13:00."""
    t = dt.datetime(2026, 3, 6, 11, 59, 59, 999_999, tzinfo=SH)
    noon = dt.datetime(2026, 3, 6, 12, tzinfo=SH)
    one = dt.timedelta(microseconds=1)
    assert CLOCK.add(t, one) == noon
    assert CLOCK.subtract(t, -one) == noon
