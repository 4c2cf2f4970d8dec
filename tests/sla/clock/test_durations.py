"""parse_duration: Chinese and English forms, canonical text round trips (issue: the SLA core)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd._numerals import cn_int
from servstd.errors import DurationParseError
from servstd.sla import (
    Anchor,
    AnchorKind,
    Before,
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    Duration,
    PeriodUnit,
    WindowBefore,
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
    st.builds(CalendarPeriod, st.integers(1, 400), st.sampled_from([PeriodUnit.DAYS, PeriodUnit.MONTHS])),
    st.builds(CalendarPeriod, st.integers(1, 100), st.just(PeriodUnit.YEARS)),
    st.integers(1, 400).map(lambda n: CalendarPeriod(n, natural=True)),
    st.sampled_from(list(AnchorKind)).map(Anchor),
)
counting_back = durations.filter(lambda d: not isinstance(d, Anchor)).map(Before)
windows = durations.filter(lambda d: not isinstance(d, Anchor)).map(WindowBefore)


@given(st.one_of(durations, counting_back, windows))
def test_canonical_text_round_trips(d: Duration) -> None:
    """Every duration has a canonical Chinese and English text that parse back to it."""
    assert parse_duration(str(d)) == d
    assert parse_duration(d.describe("en")) == d


class TestCountingBack:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("到期前5个工作日", Before(WorkingDays(5))),
            ("提前一个月", Before(CalendarPeriod(1, PeriodUnit.MONTHS))),
            ("5 working days before", Before(WorkingDays(5))),
            ("到期日前5个工作日", Before(WorkingDays(5))),
            ("5个工作日前", Before(WorkingDays(5))),
            ("1 month in advance", Before(CalendarPeriod(1, PeriodUnit.MONTHS))),
            ("3 days prior to expiry", Before(CalendarPeriod(3))),
            ("前一日", Before(CalendarPeriod(1))),
            ("提前3小时", Before(ClockTime(3 * HOUR))),
            ("提前2工作小时", Before(BusinessTime(2 * HOUR))),
            ("提前半个工作日", Before(WorkingDays(Fraction(1, 2)))),
        ],
    )
    def test_backward_forms(self, text: str, expected: Duration) -> None:
        """「到期前5个工作日」, 「提前一个月」, 「5 working days before」 are durations that count back."""
        assert parse_duration(text) == expected

    def test_canonical_text(self) -> None:
        """A backward duration reads 提前… / … before, and both parse back."""
        d = parse_duration("到期前5个工作日")
        assert (str(d), d.describe("en")) == ("提前5个工作日", "5 working days before")

    @pytest.mark.parametrize("text", ["提前次日", "提前当天", "next day before", "提前提前5天", "提前"])
    def test_anchors_and_nesting_cannot_count_back(self, text: str) -> None:
        """An anchor names a day after receipt; it cannot count back, nor can a duration twice."""
        with pytest.raises(DurationParseError):
            parse_duration(text)


class TestBounds:
    def test_five_thousand_digits_is_a_parse_error(self) -> None:
        """Issue 13: a 5,000-digit count is a DurationParseError, not an int-conversion crash."""
        with pytest.raises(DurationParseError) as info:
            parse_duration("9" * 5000 + "个工作日")
        assert len(str(info.value)) < 2000

    @pytest.mark.parametrize(
        "text",
        [
            "9" * 30 + "天",
            "100000个工作日",
            "36601日",
            "1201个月",
            "101年",
            "900000小时",
            "1" + "0" * 19 + "秒",
        ],
    )
    def test_above_a_hundred_years_is_refused(self, text: str) -> None:
        """Nothing longer than MAX_YEARS (100 years) is a time limit; the message keeps the user's text."""
        with pytest.raises(DurationParseError) as info:
            parse_duration(text)
        assert text[:10] in str(info.value)

    def test_the_bounds_themselves_are_accepted(self) -> None:
        """The largest counts are still read."""
        assert parse_duration("100年") == CalendarPeriod(100, PeriodUnit.YEARS)
        assert parse_duration("26000个工作日") == WorkingDays(26000)
        assert parse_duration("36600日") == CalendarPeriod(36600)

    @pytest.mark.parametrize(("text", "micros"), [("30秒", 30_000_000), ("5us", 5), ("1.5秒", 1_500_000)])
    def test_seconds_and_microseconds_are_exact(self, text: str, micros: int) -> None:
        """Issue 13: "30秒" is exactly 30 s and "5us" exactly 5 µs of clock time."""
        d = parse_duration(text)
        assert d == ClockTime(micros)
        assert parse_duration(str(d)) == d


class TestChineseNumerals:
    @pytest.mark.parametrize(
        "text", ["九九九天", "十十十天", "十百天", "二百五天", "零五天", "一万五天", "百天"]
    )
    def test_malformed_numerals_are_refused(self, text: str) -> None:
        """Issue 13: 九九九天 is not 9 days, 十十十天 not 30: malformed numerals are refused."""
        with pytest.raises(DurationParseError) as info:
            parse_duration(text)
        assert "numeral" in str(info.value)

    @pytest.mark.parametrize(
        ("text", "value"),
        [("十", 10), ("十五", 15), ("二十一", 21), ("一百零五", 105), ("一百一十", 110), ("两千", 2000),
         ("一万零三百", 10300), ("一万五千", 15000), ("三十五万", 350000)],
    )  # fmt: skip
    def test_well_formed_numerals(self, text: str, value: int) -> None:
        """The ordinary grammar: falling units, 零 between places, 万 closing a group."""
        assert cn_int(text) == value


def _spell(n: int) -> str:
    """A slow obvious writer of Chinese numerals below 100,000,000 (the oracle)."""
    digits = "零一二三四五六七八九"

    def group(g: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            q, g = divmod(g, unit)
            if q:
                if zero and out:
                    out += "零"
                out += digits[q] + name
                zero = False
            else:
                zero = True
        return out

    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    if not high:
        return group(low)
    text = group(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + group(low)
    return text


@given(st.integers(1, 99_999_999))
def test_numerals_read_back_what_a_writer_writes(n: int) -> None:
    """Property: cn_int inverts the ordinary way of writing a number in Chinese."""
    assert cn_int(_spell(n)) == n
