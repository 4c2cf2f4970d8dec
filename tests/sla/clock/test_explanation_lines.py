"""Deadline explanations, line by line, for the rules whose wording carries facts: a period moved
off a holiday, counting back to a make-up day, and the day of receipt counted or not.

Hand-checked against the 2026 arrangement: 国庆节 rest 10-01..10-07, 10-10 (Sat) a make-up
working day, 10-11 an ordinary Sunday; default clock 09:00–12:00, 13:00–18:00."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.sla import BusinessHours, DeadlineRule, ServiceClock, WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()


def lines(received: dt.datetime, rule: str | DeadlineRule, lang: str) -> list[str]:
    return CLOCK.deadline(received, rule).explain(lang).splitlines()


class TestPeriodMovedOffAHoliday:
    RECEIVED = dt.datetime(2026, 9, 30, 16, tzinfo=SH)

    def test_chinese(self) -> None:
        """Art. 203: 2日 from 09-30 ends on 10-02, a holiday; the rest days up to the next working
        day are one run named once, and the period moves to 10-08."""
        assert lines(self.RECEIVED, "2日", "zh")[2:4] == [
            "期间自2026-10-01起算，最后一日为2026-10-02（民法典第二百零一、二百零二条）。",
            "最后一日2026-10-02为休息日（2026-10-02–2026-10-07 国庆节），顺延至2026-10-08（民法典第二百零三条）。",
        ]

    def test_english(self) -> None:
        """The same in English, naming the articles."""
        assert lines(self.RECEIVED, "2日", "en")[3] == (
            "The last day 2026-10-02 is a rest day (2026-10-02–2026-10-07 National Day (holiday)); "
            "the period ends on the next working day, 2026-10-08 (Civil Code Art. 203)."
        )


class TestCountingBack:
    EXPIRY = dt.datetime(2026, 10, 12, tzinfo=SH)

    def test_one_working_day_back_is_a_make_up_saturday(self) -> None:
        """到期前1个工作日 from Monday 10-12: Sunday 10-11 is skipped and Saturday 10-10, a make-up
        working day, is the day; the explanation says it is one."""
        assert lines(self.EXPIRY, "到期前1个工作日", "zh")[1:4] == [
            "规则：提前1个工作日（自基准日往前计算，基准日当日不计入）。",
            "跳过休息日：2026-10-11 周末休息日。",
            "自2026-10-12往前数（当日不计入），第1个工作日为2026-10-10（调休上班日）。",
        ]
        assert lines(self.EXPIRY, "到期前1个工作日", "en")[3] == (
            "Counting back from 2026-10-12 (not counted), the 1st working day before is 2026-10-10, "
            "a make-up working day (调休上班)."
        )

    def test_five_working_days_back_over_the_holiday(self) -> None:
        """到期前5个工作日: 10-10, 10-09, 10-08, (holiday), 09-30, 09-29 — an ordinary Tuesday, no mark;
        the skipped runs are grouped by name."""
        assert lines(self.EXPIRY, "到期前5个工作日", "en")[1:4] == [
            "Rule: 5 working days before; counted back from the reference day, which is not counted.",
            "Rest days skipped: 2026-10-01–2026-10-07 National Day (holiday); 2026-10-11 weekend.",
            "Counting back from 2026-10-12 (not counted), the 5th working day before is 2026-09-29.",
        ]


class TestDayOfReceiptCounted:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_working_days_never_count_a_rest_day(self, lang: str) -> None:
        """count_start_day with 1个工作日 received on a holiday (10-03): the day cannot be a working
        day, so the first working day is 10-08, due at its close."""
        dl = CLOCK.deadline(
            dt.datetime(2026, 10, 3, 10, tzinfo=SH), DeadlineRule("1个工作日", count_start_day=True)
        )
        assert dl.due == dt.datetime(2026, 10, 8, 18, tzinfo=SH)
        assert (
            dl.explain(lang).splitlines()[3]
            == {"zh": "第1个工作日为2026-10-08。", "en": "The 1st working day is 2026-10-08."}[lang]
        )

    def test_calendar_days_count_a_rest_day(self) -> None:
        """count_start_day with 2日 received on Sunday 11-08: calendar days count the Sunday, so the
        period is 11-08 and 11-09 and ends at Monday's close (not Tuesday's)."""
        dl = CLOCK.deadline(
            dt.datetime(2026, 11, 8, 10, tzinfo=SH), DeadlineRule("2日", count_start_day=True)
        )
        assert dl.due == dt.datetime(2026, 11, 9, 18, tzinfo=SH)
        assert dl.explain("zh").splitlines()[1:3] == [
            "规则：2日（收到当日计入）。",
            "期间自2026-11-08起算，最后一日为2026-11-09（民法典第二百零一、二百零二条）。",
        ]


def test_moved_period_lists_only_the_rest_days_it_passes() -> None:
    """Art. 203 lists the rest days from the last day up to the next working day, not beyond it:
    a company rest day on Tuesday 11-10, after Monday 11-09 where the period lands, is not named."""
    cal = WorkCalendar.china().with_rest_days([dt.date(2026, 11, 10)])
    clock = ServiceClock(cal, BusinessHours.parse("09:00-12:00,13:00-18:00"), "Asia/Shanghai")
    dl = clock.deadline(dt.datetime(2026, 11, 6, 10, tzinfo=SH), "1日")
    assert dl.due == dt.datetime(2026, 11, 9, 18, tzinfo=SH)
    assert dl.explain("zh").splitlines()[3] == (
        "最后一日2026-11-07为休息日（2026-11-07–2026-11-08 周末休息日），顺延至2026-11-09（民法典第二百零三条）。"
    )
