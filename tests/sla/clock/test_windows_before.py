"""Windows before a reference: 「在X前N个工作日内」, "N working days before X" (issue 22).

DESIGN: the n working days before X's day (X's day not counted); an act inside is met, before it
early, after it breached. 「到期前N个工作日」 / 「提前N个工作日」 is a deadline, not a window.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DurationParseError, InputValueError
from servstd.sla import (
    Before,
    BusinessHours,
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    DeadlineRule,
    PeriodUnit,
    ServiceClock,
    WindowBefore,
    WorkCalendar,
    WorkingDays,
    parse_duration,
)
from tests.strategies import covered_dates

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()
INSURANCE_OFFICE = ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:00-17:00"))
HOUR = 3_600_000_000


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestReading:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("在生效对应日前5个工作日内", WindowBefore(WorkingDays(5))),
            ("生效对应日前5个工作日内", WindowBefore(WorkingDays(5))),
            ("在到期日前五个工作日以内", WindowBefore(WorkingDays(5))),
            ("到期前5个工作日内", WindowBefore(WorkingDays(5))),
            ("前5个工作日内", WindowBefore(WorkingDays(5))),
            ("5 working days before the anniversary", WindowBefore(WorkingDays(5))),
            ("within 5 working days before expiry", WindowBefore(WorkingDays(5))),
            ("within the 5 working days before", WindowBefore(WorkingDays(5))),
            ("在到期日前30日内", WindowBefore(CalendarPeriod(30))),
            ("在到期日前3个自然日内", WindowBefore(CalendarPeriod(3, natural=True))),
            ("within 1 month before the renewal date", WindowBefore(CalendarPeriod(1, PeriodUnit.MONTHS))),
            ("在开会前3小时内", WindowBefore(ClockTime(3 * HOUR))),
            ("在基准时间前2工作小时内", WindowBefore(BusinessTime(2 * HOUR))),
            ("在基准日前半个工作日内", WindowBefore(WorkingDays(Fraction(1, 2)))),
        ],
    )
    def test_window_forms(self, text: str, expected: WindowBefore) -> None:
        """「在X前N…内」 (内/以内 makes a window) and "within … before X" / "… before <a named day>"."""
        assert parse_duration(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("到期前5个工作日", Before(WorkingDays(5))),
            ("提前5个工作日", Before(WorkingDays(5))),
            ("提前5个工作日内", Before(WorkingDays(5))),
            ("5 working days before", Before(WorkingDays(5))),
            ("5 working days before expiry", Before(WorkingDays(5))),
            ("5 working days before the due date", Before(WorkingDays(5))),
        ],
    )
    def test_deadline_forms_stay_deadlines(self, text: str, expected: Before) -> None:
        """Without 内 / within, counting back is a deadline (「到期前」, 「提前」, "before expiry")."""
        assert parse_duration(text) == expected

    def test_canonical_texts(self) -> None:
        """A window reads 「在基准日前…内」 / "within … before the reference day" (time: 基准时间)."""
        w = WindowBefore(WorkingDays(5))
        assert (str(w), w.describe("en")) == (
            "在基准日前5个工作日内",
            "within 5 working days before the reference day",
        )
        t = WindowBefore(ClockTime(3 * HOUR))
        assert (str(t), t.describe("en")) == (
            "在基准时间前3小时内",
            "within 3 hours before the reference time",
        )

    @pytest.mark.parametrize("text", ["在到期日前次日内", "within the next day before the deadline"])
    def test_anchors_make_no_window(self, text: str) -> None:
        """An anchor (次日, 当天) names a day, not a length: it cannot make a window."""
        with pytest.raises(DurationParseError, match="cannot make a window"):
            parse_duration(text)

    def test_another_day_without_within_is_not_read(self) -> None:
        """「在生效对应日前5个工作日」 (no 内) is neither the window nor 「到期前」: refused, never guessed."""
        with pytest.raises(DurationParseError, match="not a known form"):
            parse_duration("在生效对应日前5个工作日")

    def test_a_window_of_a_window_is_refused(self) -> None:
        """Only a length can make a window (not a deadline or another window)."""
        with pytest.raises(DurationParseError, match="cannot make a window"):
            WindowBefore(Before(WorkingDays(5)))

    def test_receipt_knobs_are_refused(self) -> None:
        """A window has a reference, not a receipt: cut-off and count_start_day are refused."""
        with pytest.raises(InputValueError, match="no receipt knob"):
            DeadlineRule("在到期日前5个工作日内", count_start_day=True)
        with pytest.raises(InputValueError, match="no receipt knob"):
            DeadlineRule("在到期日前5个工作日内", cutoff=dt.time(17))


class TestRenewalNotice:
    """第三十九条 「续期交费业务一般应在生效对应日前5个工作日内发出续期交费通知」, anniversary 2026-10-12."""

    RULE = DeadlineRule("在生效对应日前5个工作日内")

    def test_the_window_is_the_five_working_days_before(self) -> None:
        """Issue 22: the window is 09-29, 09-30, 10-08, 10-09 and 10-10 (a make-up Saturday)."""
        w = INSURANCE_OFFICE.deadline(at(2026, 10, 12), self.RULE)
        assert w.opens == at(2026, 9, 29)
        assert w.due == at(2026, 10, 10, 17)
        assert w.last_day == dt.date(2026, 10, 10)

    def test_any_hour_of_the_reference_day_gives_the_same_window(self) -> None:
        """The reference day is not counted, whatever the hour of the reference instant."""
        for hour in (0, 9, 23):
            w = INSURANCE_OFFICE.deadline(at(2026, 10, 12, hour), self.RULE)
            assert (w.opens, w.due) == (at(2026, 9, 29), at(2026, 10, 10, 17))

    def test_explanation_lines(self) -> None:
        """Line by line: reference, rule, the days passed over, the window's days, opening, end."""
        w = CLOCK.deadline(at(2026, 10, 12), self.RULE)
        assert w.explain("zh").splitlines() == [
            "基准时间：2026-10-12 00:00 (+08:00)。",
            "规则：在基准日前5个工作日内（窗口为基准日之前的5个工作日，基准日当日不计入；早于窗口为过早，晚于窗口为超时）。",
            "跳过休息日：2026-10-01–2026-10-07 国庆节；2026-10-11 周末休息日。",
            "窗口为2026-10-12之前的5个工作日：2026-09-29、2026-09-30、2026-10-08、2026-10-09、2026-10-10（调休上班日）。",
            "窗口开始于2026-09-29 00:00 (+08:00)；此前办理为过早，不视为按时。",
            "截止于2026-10-10营业结束时：2026-10-10 18:00 (+08:00)。",
        ]
        assert w.explain("en").splitlines() == [
            "Reference 2026-10-12 00:00 (+08:00).",
            "Rule: within 5 working days before the reference day; the window is the 5 working days before "
            "the reference day, which is not counted; an act before the window is early, after it late.",
            "Rest days skipped: 2026-10-01–2026-10-07 National Day (holiday); 2026-10-11 weekend.",
            "The window is the 5 working days before 2026-10-12: 2026-09-29, 2026-09-30, 2026-10-08, "
            "2026-10-09, 2026-10-10 (a make-up working day).",
            "The window opens at 2026-09-29 00:00 (+08:00); an act before it is early, not on time.",
            "Due at close of business on 2026-10-10: 2026-10-10 18:00 (+08:00).",
        ]

    def test_the_deadline_form_is_the_close_of_the_fifth_working_day_before(self) -> None:
        """「到期前5个工作日」 stays a deadline: the close of the 5th working day before (09-29)."""
        assert CLOCK.due(at(2026, 10, 12), "到期前5个工作日") == at(2026, 9, 29, 18)

    def test_midnight_end(self) -> None:
        """end_of_day="midnight" closes the window at 24:00 of its last day."""
        w = CLOCK.deadline(at(2026, 10, 12), DeadlineRule("在生效对应日前5个工作日内", end_of_day="midnight"))
        assert w.due == at(2026, 10, 11)

    def test_long_windows_list_their_ends(self) -> None:
        """A window of more than ten working days lists its first ten, then … and its last day."""
        w = CLOCK.deadline(at(2026, 10, 12), "在生效对应日前15个工作日内")
        line = next(x for x in w.explain("en").splitlines() if x.startswith("The window is"))
        assert line.endswith(", …, 2026-10-10.")
        assert w.opens == at(2026, 9, 15)  # back past Mid-Autumn (09-25) and the make-up Sunday 09-20


class TestOtherWindows:
    def test_calendar_days(self) -> None:
        """「在到期日前30日内」 before 10-12: 09-12 … 10-11, holidays included, due 24:00 of 10-11 (a Sunday)."""
        w = CLOCK.deadline(at(2026, 10, 12, 9), "在到期日前30日内")
        assert (w.opens, w.due) == (at(2026, 9, 12), at(2026, 10, 12))

    def test_calendar_days_ending_on_a_working_day_end_at_close(self) -> None:
        """A plain-day window whose last day is open ends at its close of business."""
        w = CLOCK.deadline(at(2026, 10, 13, 9), "在到期日前2日内")
        assert (w.opens, w.due) == (at(2026, 10, 11), at(2026, 10, 12, 18))

    def test_natural_days_end_at_24_00(self) -> None:
        """A natural-day window ends at 24:00 of its last day, open or not."""
        w = CLOCK.deadline(at(2026, 10, 13, 9), "在到期日前2个自然日内")
        assert (w.opens, w.due) == (at(2026, 10, 11), at(2026, 10, 13))

    def test_a_month(self) -> None:
        """「within 1 month before」 03-31: from the corresponding day 02-28 (Art. 202 mirrored)."""
        w = CLOCK.deadline(at(2026, 3, 31, 10), "within 1 month before the anniversary")
        assert (w.opens, w.due) == (at(2026, 2, 28), at(2026, 3, 30, 18))

    def test_clock_time(self) -> None:
        """「在开会前3小时内」: from exactly 3 hours before the reference instant to it."""
        w = CLOCK.deadline(at(2026, 10, 12, 10), "在开会前3小时内")
        assert (w.opens, w.due) == (at(2026, 10, 12, 7), at(2026, 10, 12, 10))

    def test_business_time(self) -> None:
        """「在基准时间前3工作小时内」 at Monday 10:00: opens Saturday 10-10 16:00 (a make-up day)."""
        w = CLOCK.deadline(at(2026, 10, 12, 10), "在基准时间前3工作小时内")
        assert (w.opens, w.due) == (at(2026, 10, 10, 16), at(2026, 10, 12, 10))
        assert "2026-10-11" in w.explain("zh")  # the Sunday passed over


@given(day=covered_dates, n=st.integers(1, 40), hour=st.integers(0, 23))
def test_window_holds_exactly_n_working_days_before_the_reference_day(
    day: dt.date, n: int, hour: int
) -> None:
    """The window [opens, due] covers exactly the n working days before the reference day: it opens
    at 00:00 of the first, ends at the close of the last, which is the last working day before."""
    cal = WorkCalendar.china()
    w = CLOCK.deadline(dt.datetime.combine(day, dt.time(hour), tzinfo=SH), WindowBefore(WorkingDays(n)))
    assert w.opens is not None
    first, last = w.opens.date(), w.due.date()
    assert cal.working_days_between(first, last + dt.timedelta(days=1)) == n
    assert cal.is_working_day(first)
    assert cal.working_days_between(last + dt.timedelta(days=1), day) == 0
    assert last < day
