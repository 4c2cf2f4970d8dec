"""parse_duration: Chinese and English forms, canonical text round trips (issue: the SLA core)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DurationParseError
from servstd.sla import (
    Anchor,
    AnchorKind,
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    Duration,
    PeriodUnit,
    WorkingDays,
    parse_duration,
)

HOUR = 3_600_000_000
MIN = 60_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3个工作日", WorkingDays(3)),
        ("三个工作日", WorkingDays(3)),
        ("3 working days", WorkingDays(3)),
        ("3wd", WorkingDays(3)),
        ("十五个工作日", WorkingDays(15)),
        ("半个工作日", WorkingDays(Fraction(1, 2))),
        ("4工作小时", BusinessTime(4 * HOUR)),
        ("4 business hours", BusinessTime(4 * HOUR)),
        ("30 business minutes", BusinessTime(30 * MIN)),
        ("2日", CalendarPeriod(2)),
        ("2天", CalendarPeriod(2)),
        ("60日", CalendarPeriod(60)),
        ("1个月", CalendarPeriod(1, PeriodUnit.MONTHS)),
        ("一年", CalendarPeriod(1, PeriodUnit.YEARS)),
        ("48小时", ClockTime(48 * HOUR)),
        ("48h", ClockTime(48 * HOUR)),
        ("24 hours", ClockTime(24 * HOUR)),
        ("40分钟", ClockTime(40 * MIN)),
        ("当天", Anchor(AnchorKind.SAME_DAY)),
        ("当日", Anchor(AnchorKind.SAME_DAY)),
        ("same day", Anchor(AnchorKind.SAME_DAY)),
        ("次日", Anchor(AnchorKind.NEXT_DAY)),
        ("次工作日", Anchor(AnchorKind.NEXT_WORKING_DAY)),
        # as the seeds write them
        ("3个工作日内", WorkingDays(3)),
        ("40分钟内", ClockTime(40 * MIN)),
        ("不超过24小时", ClockTime(24 * HOUR)),
        ("10个工作日内", WorkingDays(10)),
        ("３个工作日", WorkingDays(3)),  # full-width digit
        ("两周", CalendarPeriod(14)),  # a week is seven calendar days
        ("1 week", CalendarPeriod(7)),
    ],
)
def test_accepted_forms(text: str, expected: Duration) -> None:
    """Every documented form parses to its typed duration."""
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text", ["", "soon", "3个星期二", "0日", "0个工作日", "1.5日", "-3天", "3 fortnights", "二十一个月份"]
)
def test_garbage_lists_the_accepted_forms(text: str) -> None:
    """Unknown text and zero/fractional day counts raise DurationParseError showing the forms."""
    with pytest.raises(DurationParseError) as info:
        parse_duration(text)
    assert "3个工作日" in str(info.value)


def test_zero_business_and_clock_time_are_allowed() -> None:
    """Zero business or clock time is a valid duration."""
    assert parse_duration("0小时") == ClockTime(0)
    assert parse_duration("0 business hours") == BusinessTime(0)


def test_non_text() -> None:
    """A timedelta is clock time; other objects are errors."""
    assert parse_duration(dt.timedelta(minutes=5)) == ClockTime(5 * MIN)
    with pytest.raises(DurationParseError):
        parse_duration(3)  # type: ignore[arg-type]


durations = st.one_of(
    st.integers(0, 10_000).map(lambda m: BusinessTime(m * MIN)),
    st.integers(0, 10_000).map(lambda s: ClockTime(s * 1_000_000)),
    st.integers(1, 400).map(WorkingDays),
    st.integers(1, 20).map(lambda n: WorkingDays(Fraction(2 * n - 1, 2))),
    st.builds(CalendarPeriod, st.integers(1, 400), st.sampled_from(list(PeriodUnit))),
    st.sampled_from(list(AnchorKind)).map(Anchor),
)


@given(durations)
def test_canonical_text_round_trips(d: Duration) -> None:
    """Every duration has a canonical Chinese and English text that parse back to it."""
    assert parse_duration(str(d)) == d
    assert parse_duration(d.en) == d
