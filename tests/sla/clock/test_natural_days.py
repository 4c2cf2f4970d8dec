"""自然日 (natural days): calendar days counted, holidays included, not moved off a rest day (issue 22).

DESIGN: the start day is not counted and the period is not moved off a holiday — the word exists to
say that holidays count; due at 24:00 of the last day unless the rule says close of business. A
rule may ask for Art. 203 on natural days explicitly. Plain 日/天 keep Art. 203.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DurationParseError, InputTypeError, InputValueError
from servstd.sla import CalendarPeriod, DeadlineRule, PeriodUnit, ServiceClock, parse_duration

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestReading:
    @pytest.mark.parametrize(
        "text", ["3个自然日", "3自然日", "三个自然日", "3个日历日", "3 calendar days", "3 natural days"]
    )
    def test_natural_day_forms(self, text: str) -> None:
        """自然日, 日历日, "calendar days" and "natural days" are natural days."""
        assert parse_duration(text) == CalendarPeriod(3, PeriodUnit.DAYS, natural=True)

    @pytest.mark.parametrize("text", ["3日", "3天", "3 days"])
    def test_plain_days_stay_plain(self, text: str) -> None:
        """Plain 日/天/days are not natural days (Art. 203 keeps applying to them)."""
        assert parse_duration(text) == CalendarPeriod(3)

    def test_canonical_texts(self) -> None:
        """A natural-day period reads 「3个自然日」 / "3 calendar days" and parses back to itself."""
        d = CalendarPeriod(3, natural=True)
        assert (str(d), d.describe("en")) == ("3个自然日", "3 calendar days")
        assert str(CalendarPeriod(1, natural=True)) == "1个自然日"
        assert CalendarPeriod(1, natural=True).describe("en") == "1 calendar day"

    @pytest.mark.parametrize("unit", [PeriodUnit.MONTHS, PeriodUnit.YEARS])
    def test_natural_months_are_refused(self, unit: PeriodUnit) -> None:
        """Only days can be natural days: a natural month is not a defined period."""
        with pytest.raises(DurationParseError, match="only for a count of days"):
            CalendarPeriod(1, unit, natural=True)

    def test_zero_natural_days_is_refused(self) -> None:
        """「0个自然日」 is not a time limit, like 「0日」."""
        with pytest.raises(DurationParseError, match="more than zero"):
            parse_duration("0个自然日")


class TestIssueExample:
    def test_three_natural_days_over_national_day(self) -> None:
        """Issue 22: 「3个自然日」 from 2026-09-30 16:00 is due 2026-10-03 24:00 (10-04 00:00), not 10-08."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "3个自然日")
        assert dl.due == at(2026, 10, 4)
        assert (dl.last_day, dl.moved_from) == (dt.date(2026, 10, 3), None)

    def test_plain_days_still_move_off_the_holiday(self) -> None:
        """Plain 「3日」 from the same instant keeps Art. 203: moved to 10-08, close of business."""
        assert CLOCK.due(at(2026, 9, 30, 16), "3日") == at(2026, 10, 8, 18)

    def test_explanation_says_which_rule_applied(self) -> None:
        """The explanation names natural days, Art. 201 only, and that the rest day does not move."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "3个自然日")
        assert dl.explain("zh").splitlines() == [
            "收到时间：2026-09-30 16:00 (+08:00)。",
            "规则：3个自然日（收到当日不计入）；自然日连续计算，节假日照算；最后一日为休息日的不顺延，截至当日24:00。",
            "按自然日连续计算（节假日照算），期间自2026-10-01起算，最后一日为2026-10-03（民法典第二百零一条）。",
            "最后一日2026-10-03为休息日（国庆节）；按自然日计算，不顺延。",
            "截止于2026-10-03 24:00：2026-10-03 24:00 (+08:00)。",
        ]
        assert dl.explain("en").splitlines()[1:] == [
            "Rule: 3 calendar days; the day of receipt is not counted; natural days count every calendar "
            "day, holidays included; a last day that is a rest day is not moved; the last day ends at 24:00.",
            "Natural days, holidays included: the period runs from 2026-10-01; its last day is 2026-10-03 "
            "(Civil Code Art. 201).",
            "The last day 2026-10-03 is a rest day (National Day (holiday)); natural days are not moved off a rest day.",
            "Due at 24:00 on 2026-10-03: 2026-10-03 24:00 (+08:00).",
        ]


class TestKnobs:
    def test_art_203_on_natural_days_when_asked(self) -> None:
        """move_off_rest_day=True applies Art. 203 to natural days: 10-03 moves to 10-08 (24:00 kept)."""
        rule = DeadlineRule("3个自然日", move_off_rest_day=True)
        dl = CLOCK.deadline(at(2026, 9, 30, 16), rule)
        assert dl.due == at(2026, 10, 9)
        assert (dl.last_day, dl.moved_from) == (dt.date(2026, 10, 8), dt.date(2026, 10, 3))
        assert "民法典第二百零三条（本规则对自然日适用）" in dl.explain("zh")
        assert "applied to natural days by this rule" in dl.explain("en")

    def test_close_of_business_when_the_policy_says_so(self) -> None:
        """end_of_day="close": a natural-day period ending on a working day ends at its close."""
        dl = CLOCK.deadline(at(2026, 10, 12, 10), DeadlineRule("3个自然日", end_of_day="close"))
        assert dl.due == at(2026, 10, 15, 18)
        assert "截至当日营业结束时" in dl.explain("zh")

    def test_close_on_a_closed_rest_day_is_24_00(self) -> None:
        """Close of business on a rest day the clock keeps no hours is 24:00 of that day."""
        assert CLOCK.due(at(2026, 9, 30, 16), DeadlineRule("3个自然日", end_of_day="close")) == at(
            2026, 10, 4
        )

    def test_plain_days_kept_off_art_203(self) -> None:
        """move_off_rest_day=False keeps a plain period's last day on the holiday, echoed in the rule."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), DeadlineRule("3日", move_off_rest_day=False))
        assert dl.due == at(2026, 10, 4)  # close of business on a closed day: 24:00
        assert "最后一日为休息日的不顺延" in dl.explain("zh")
        assert "按本规则不顺延" in dl.explain("zh")

    def test_counting_back_natural_days_does_not_move(self) -> None:
        """「提前3个自然日」 before 10-08 lands on 10-05 (a holiday) and stays there."""
        dl = CLOCK.deadline(at(2026, 10, 8), "提前3个自然日")
        assert dl.due == at(2026, 10, 6)
        assert CLOCK.due(at(2026, 10, 8), "提前3日") == at(2026, 9, 30, 18)

    def test_knob_on_a_rule_without_a_last_day_is_refused(self) -> None:
        """move_off_rest_day on working days, hours or a window is refused naming Art. 203."""
        for text in ("3个工作日", "4工作小时", "在到期日前3日内", "当天"):
            with pytest.raises(InputValueError, match=r"Art\. 203"):
                DeadlineRule(text, move_off_rest_day=True)

    def test_knob_must_be_a_flag(self) -> None:
        """move_off_rest_day is True, False or None."""
        with pytest.raises(InputTypeError, match="True, False or None"):
            DeadlineRule("3日", move_off_rest_day="yes")  # type: ignore[arg-type]


@given(
    start=st.datetimes(dt.datetime(2004, 1, 1), dt.datetime(2026, 10, 31)).map(
        lambda t: t.replace(tzinfo=SH)
    ),
    n=st.integers(1, 60),
)
def test_natural_days_are_the_calendar_oracle(start: dt.datetime, n: int) -> None:
    """「N个自然日」 is 24:00 of the n-th calendar day after the day of receipt, whatever the holidays."""
    expected = dt.datetime.combine(start.date() + dt.timedelta(days=n + 1), dt.time(), tzinfo=SH)
    assert CLOCK.due(start, CalendarPeriod(n, natural=True)) == expected
