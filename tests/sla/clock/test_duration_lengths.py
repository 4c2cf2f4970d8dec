"""Every duration unit has its exact length, in every spelling (DESIGN: durations; exact integer
microseconds). The expected lengths are written out here, not taken from the parser's tables."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DurationParseError
from servstd.sla import BusinessTime, CalendarPeriod, ClockTime, PeriodUnit, WorkingDays, parse_duration

SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE

CLOCK_UNITS = {
    HOUR: ["小时", "h", "hours", " hours", "个小时", "钟头"],
    MINUTE: ["分钟", "min", "minutes", " minutes"],
    SECOND: ["秒", "秒钟", "s", "seconds", " seconds", "sec"],
    1: ["微秒", "us", " microseconds"],
}
BUSINESS_UNITS = {
    HOUR: ["工作小时", " business hours", " working hours"],
    MINUTE: ["工作分钟", " business minutes"],
    SECOND: ["工作秒", " business seconds"],
    1: ["工作微秒", " business microseconds"],
}


@pytest.mark.parametrize(
    ("text", "micros"),
    [
        ("30秒", 30 * SECOND),
        ("5us", 5),
        ("1微秒", 1),
        ("90分钟", 90 * MINUTE),
        ("1.5小时", 90 * MINUTE),
        ("0.5秒", SECOND // 2),
        ("2h", 2 * HOUR),
    ],
)
def test_clock_time_hand_checked(text: str, micros: int) -> None:
    """A few lengths worked by hand: 30 seconds is 30 000 000 µs, 5us is 5 µs."""
    assert parse_duration(text) == ClockTime(micros)


@given(st.integers(1, 10_000), st.sampled_from([(u, s) for u, ss in CLOCK_UNITS.items() for s in ss]))
def test_every_clock_unit_has_its_length(n: int, unit: tuple[int, str]) -> None:
    """n × the unit, whatever the spelling (Chinese, English, abbreviations)."""
    length, spelling = unit
    assert parse_duration(f"{n}{spelling}") == ClockTime(n * length)


@given(st.integers(1, 10_000), st.sampled_from([(u, s) for u, ss in BUSINESS_UNITS.items() for s in ss]))
def test_every_business_unit_has_its_length(n: int, unit: tuple[int, str]) -> None:
    """Business time counts the same units, only while open."""
    length, spelling = unit
    assert parse_duration(f"{n}{spelling}") == BusinessTime(n * length)


@given(st.integers(1, 100))  # up to the 100-year bound on every unit
def test_day_week_month_year_counts(n: int) -> None:
    """Days are days, a week is seven days, months and years keep their unit."""
    assert parse_duration(f"{n}日") == CalendarPeriod(n)
    assert parse_duration(f"{n} days") == CalendarPeriod(n)
    assert parse_duration(f"{n}周") == CalendarPeriod(7 * n)
    assert parse_duration(f"{n} weeks") == CalendarPeriod(7 * n)
    assert parse_duration(f"{n}个月") == CalendarPeriod(n, PeriodUnit.MONTHS)
    assert parse_duration(f"{n}年") == CalendarPeriod(n, PeriodUnit.YEARS)
    assert parse_duration(f"{n}个工作日") == WorkingDays(n)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 3 days", CalendarPeriod(3)),
        ("in 1 day", CalendarPeriod(1)),
        ("in 3 working days", WorkingDays(3)),
        ("in 12 hours", ClockTime(12 * HOUR)),
        ("within 3 days", CalendarPeriod(3)),
        ("不超过30秒", ClockTime(30 * SECOND)),
        ("3日内", CalendarPeriod(3)),
    ],
)
def test_prefixes_and_suffixes(text: str, expected: object) -> None:
    """'in' before a one-digit count is a prefix, like 'within', '不超过' and the suffix '内'."""
    assert parse_duration(text) == expected


def test_canonical_texts_of_each_unit() -> None:
    """The canonical text picks the largest whole unit and says it in both languages."""
    assert (str(ClockTime(30 * SECOND)), ClockTime(30 * SECOND).describe("en")) == ("30秒", "30 seconds")
    assert (str(ClockTime(SECOND)), ClockTime(SECOND).describe("en")) == ("1秒", "1 second")
    assert (str(ClockTime(5)), ClockTime(5).describe("en")) == ("5微秒", "5 microseconds")
    assert (str(ClockTime(1)), ClockTime(1).describe("en")) == ("1微秒", "1 microsecond")
    assert (str(ClockTime(90 * MINUTE)), ClockTime(90 * MINUTE).describe("en")) == ("90分钟", "90 minutes")
    assert (str(ClockTime(2 * HOUR)), ClockTime(2 * HOUR).describe("en")) == ("2小时", "2 hours")
    assert (str(BusinessTime(HOUR)), BusinessTime(HOUR).describe("en")) == ("1工作小时", "1 business hour")
    assert (str(BusinessTime(MINUTE + 1)), BusinessTime(MINUTE + 1).describe("en")) == (
        "60000001工作微秒",
        "60000001 business microseconds",
    )
    assert (str(CalendarPeriod(1)), CalendarPeriod(1).describe("en")) == ("1日", "1 day")
    assert (
        str(CalendarPeriod(2, PeriodUnit.MONTHS)),
        CalendarPeriod(2, PeriodUnit.MONTHS).describe("en"),
    ) == (
        "2个月",
        "2 months",
    )
    assert (str(WorkingDays(1)), WorkingDays(1).describe("en")) == ("1个工作日", "1 working day")
    half = WorkingDays(Fraction(1, 2))
    assert (str(half), half.describe("en")) == ("半个工作日", "half a working day")
    assert (str(WorkingDays(Fraction(3, 2))), WorkingDays(Fraction(3, 2)).describe("en")) == (
        "1.5个工作日",
        "1.5 working days",
    )


@pytest.mark.parametrize("count", [0, -1, Fraction(-1, 2)])
def test_working_days_must_be_more_than_zero(count: object) -> None:
    """A count of working days of zero or less is refused, also when built directly."""
    with pytest.raises(DurationParseError):
        WorkingDays(count)  # type: ignore[arg-type]
