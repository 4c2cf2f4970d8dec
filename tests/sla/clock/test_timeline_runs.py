"""A too-long duration is refused before any year is loaded (the snapshots the batch engine reads are
tested in test_columnar)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from servstd.errors import ClockRangeError
from servstd.sla import ServiceClock
from servstd.sla.clock.columnar import MAX_SPAN_YEARS

SH = ZoneInfo("Asia/Shanghai")
T = dt.datetime(2026, 9, 30, 16, tzinfo=SH)


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
