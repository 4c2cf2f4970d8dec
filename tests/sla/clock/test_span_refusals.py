"""Refusing a duration too long for one operation: the error names the duration in whole days of open time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import ClockRangeError
from servstd.sla import ServiceClock

T = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
US = dt.timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("d", "days"),
    [
        (dt.timedelta(days=100_000), "100,000"),
        (dt.timedelta(days=100_001) - US, "100,000"),
        (dt.timedelta(days=250_000), "250,000"),
        (dt.timedelta(days=250_001) - US, "250,000"),
    ],
)
def test_refused_add_and_subtract_name_whole_days(d: dt.timedelta, days: str) -> None:
    """A refused add/subtract says how many whole days (86 400 s of open time each, rounded down) it was asked for."""
    clock = ServiceClock.always()
    with pytest.raises(ClockRangeError, match=f"cannot add {days} days of open time"):
        clock.add(T, d)
    with pytest.raises(ClockRangeError, match=f"cannot subtract {days} days of open time"):
        clock.subtract(T, d)
