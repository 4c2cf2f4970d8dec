"""A run of consecutive year blocks is one prefix-summed list (what the batch engine reads), and a too-long
duration is refused before any year is loaded."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import ClockRangeError
from servstd.sla import BusinessHours, ServiceClock, WorkCalendar
from servstd.sla.clock._timeline import MAX_SPAN_YEARS, Run

SH = ZoneInfo("Asia/Shanghai")
T = dt.datetime(2026, 9, 30, 16, tzinfo=SH)


def office() -> ServiceClock:
    return ServiceClock(
        WorkCalendar.weekdays(), BusinessHours.parse("09:00-12:00,13:00-18:00"), "Asia/Shanghai"
    )


@settings(max_examples=20)
@given(st.integers(2000, 2040), st.integers(0, 3))
def test_a_run_is_the_blocks_joined_with_running_totals(first: int, extra: int) -> None:
    """Run(blocks): the intervals in order, cum = open time before each start, cum_end = up to each end,
    both counted from the run's first instant; y0/y1 and lo/hi are the first and last blocks'."""
    tl = office()._timeline
    run = tl.run(first, first + extra)
    blocks = [tl.block(y) for y in range(first, first + extra + 1)]
    assert (run.y0, run.y1) == (first, first + extra)
    assert (run.lo, run.hi) == (blocks[0].lo, blocks[-1].hi)
    assert run.starts == [s for b in blocks for s in b.starts]
    assert run.ends == [e for b in blocks for e in b.ends]
    total = 0
    for k, (s, e) in enumerate(zip(run.starts, run.ends, strict=True)):
        assert run.cum[k] == total
        total += e - s
        assert run.cum_end[k] == total
    assert total == sum(b.total for b in blocks)


def test_an_empty_run_spans_nothing() -> None:
    """Run([]) holds no interval and no instant: no years (y0 > y1), lo == hi."""
    run = Run([])
    assert run.y0 > run.y1
    assert run.lo == run.hi
    assert (run.starts, run.ends, run.cum, run.cum_end) == ([], [], [], [])


def test_just_past_the_bound_is_refused_before_loading() -> None:
    """An add/subtract of more open time than MAX_SPAN_YEARS + 1 years of 367 days can hold is refused
    at once: not one more year is loaded."""
    clock = ServiceClock.always()
    clock.is_open(T)
    loaded = clock._timeline.loaded_intervals()
    d = dt.timedelta(days=(MAX_SPAN_YEARS + 1) * 367, microseconds=1)
    for op in (clock.add, clock.subtract):
        try:
            op(T, d)
        except ClockRangeError:
            pass
        else:
            raise AssertionError(f"{op.__name__} of {d} was answered")
        assert clock._timeline.loaded_intervals() == loaded
