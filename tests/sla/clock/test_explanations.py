"""Deadline explanations in English and Chinese, and the receipt cut-off at its boundary (DESIGN:
results carry an explanation so a person can audit every number; knobs are echoed in it)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import InputTypeError, InputValueError
from servstd.sla import DeadlineRule, ServiceClock

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestWholeExplanations:
    def test_working_days_over_national_day(self) -> None:
        """Each step: receipt, rule with its knob, skipped rest days, the n-th working day, the due instant."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "3个工作日")
        assert dl.explain("zh").splitlines() == [
            "收到时间：2026-09-30 16:00 (+08:00)。",
            "规则：3个工作日（收到当日不计入）。",
            "跳过休息日：2026-10-01–2026-10-07 国庆节。",
            "第3个工作日为2026-10-10（调休上班日）。",
            "截止于2026-10-10营业结束时：2026-10-10 18:00 (+08:00)。",
        ]
        assert dl.explain("en").splitlines() == [
            "Received 2026-09-30 16:00 (+08:00).",
            "Rule: 3 working days; the day of receipt is not counted.",
            "Rest days skipped: 2026-10-01–2026-10-07 National Day (holiday).",
            "The 3rd working day is 2026-10-10, a make-up working day (调休上班).",
            "Due at close of business on 2026-10-10: 2026-10-10 18:00 (+08:00).",
        ]
        assert dl.explain("en") == "\n".join(dl.lines("en"))
        assert dl.explain() == dl.explain("zh") == "\n".join(dl.lines())

    def test_a_period_ending_on_a_holiday_moves(self) -> None:
        """Art. 203 in words: the plain last day, why it moves, and where to."""
        dl = CLOCK.deadline(at(2026, 9, 29, 10), "2日")
        assert dl.explain("zh").splitlines()[2:] == [
            "期间自2026-09-30起算，最后一日为2026-10-01（民法典第二百零一、二百零二条）。",
            "最后一日2026-10-01为休息日（2026-10-01–2026-10-07 国庆节），顺延至2026-10-08（民法典第二百零三条）。",
            "截止于2026-10-08营业结束时：2026-10-08 18:00 (+08:00)。",
        ]
        assert dl.explain("en").splitlines()[2:] == [
            "The period runs from 2026-09-30; its last day is 2026-10-01 (Civil Code Arts. 201–202).",
            "The last day 2026-10-01 is a rest day (2026-10-01–2026-10-07 National Day (holiday)); "
            "the period ends on the next working day, 2026-10-08 (Civil Code Art. 203).",
            "Due at close of business on 2026-10-08: 2026-10-08 18:00 (+08:00).",
        ]
        assert (dl.last_day, dl.moved_from) == (dt.date(2026, 10, 8), dt.date(2026, 10, 1))

    def test_same_day_after_close(self) -> None:
        """当天 received at the close says why it moved to the next working day."""
        dl = CLOCK.deadline(at(2026, 3, 9, 18), "当天")
        assert dl.explain("en").splitlines()[1:] == [
            "Rule: same day.",
            "Received after the day's close or on a rest day: due on the next working day, 2026-03-10.",
            "Due at close of business on 2026-03-10: 2026-03-10 18:00 (+08:00).",
        ]
        assert dl.explain("zh").splitlines()[1:] == [
            "规则：当天。",
            "收到时当日已结束营业或为休息日，顺延至下一工作日2026-03-10。",
            "截止于2026-03-10营业结束时：2026-03-10 18:00 (+08:00)。",
        ]

    def test_clock_and_business_time(self) -> None:
        """Clock time says no hours are skipped; business time lists the rest days it passed."""
        ct = CLOCK.deadline(at(2026, 3, 9, 9), "48小时")
        assert ct.explain("en").splitlines()[1:] == [
            "Rule: 48 hours.",
            "Clock time, no hours skipped: due 2026-03-11 09:00 (+08:00).",
        ]
        assert ct.explain("zh").splitlines()[1:] == [
            "规则：48小时。",
            "按自然时间计算，不扣除非营业时间：2026-03-11 09:00 (+08:00)。",
        ]
        bt = CLOCK.deadline(at(2026, 9, 30, 16), "4工作小时")
        assert bt.explain("en").splitlines()[1:] == [
            "Rule: 4 business hours.",
            "Rest days skipped: 2026-10-01–2026-10-07 National Day (holiday).",
            "Counting business time only: due 2026-10-08 11:00 (+08:00).",
        ]
        assert [s.date for s in bt.skipped] == [dt.date(2026, 10, d) for d in range(1, 8)]

    def test_knobs_are_echoed(self) -> None:
        """count_start_day, midnight and the cut-off each appear in the rule line, in both languages."""
        dl = CLOCK.deadline(
            at(2026, 3, 9, 10), "3个工作日", count_start_day=True, end_of_day="midnight", cutoff=dt.time(17)
        )
        assert dl.explain("en").splitlines()[1] == (
            "Rule: 3 working days; the day of receipt is counted; the last day ends at 24:00; "
            "received after 17:00 or on a rest day counts as received at the next working day's opening."
        )
        assert dl.explain("zh").splitlines()[1] == (
            "规则：3个工作日（收到当日计入），截至当日24:00，17:00后或休息日收到的视为次一工作日开始营业时收到。"
        )

    def test_ordinals(self) -> None:
        """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd working day."""
        got = []
        for n in (1, 2, 3, 4, 11, 12, 13, 21, 22):
            lines = CLOCK.deadline(at(2026, 3, 2, 10), f"{n}个工作日").explain("en").splitlines()
            got.append(next(x for x in lines if x.startswith("The ")).split()[1])
        assert got == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


RULES = [
    "3个工作日",
    "1个工作日",
    "2日",
    "1个月",
    "一年",
    "当天",
    "次日",
    "次工作日",
    "4工作小时",
    "半个工作日",
    "48小时",
]


@given(
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2025, 10, 31)),
    st.sampled_from(RULES),
    st.sampled_from([None, dt.time(17)]),
    st.sampled_from(["close", "midnight"]),
)
@settings(max_examples=150)
def test_explanations_never_show_a_missing_value(
    naive: dt.datetime, rule: str, cutoff: dt.time | None, end: str
) -> None:
    """No step reads "None": every line of both languages names a real value, and both start alike."""
    dl = CLOCK.deadline(naive.replace(tzinfo=SH), rule, cutoff=cutoff, end_of_day=end)
    zh, en = dl.explain("zh").splitlines(), dl.explain("en").splitlines()
    assert len(zh) == len(en) >= 3
    assert not any("None" in line for line in zh + en)
    assert en[1] == f"Rule: {dl.rule.describe('en')}."
    assert zh[1] == f"规则：{dl.rule.describe('zh')}。"
    assert en[0].startswith("Received ")
    assert zh[0].startswith("收到时间：")


def test_bad_language_is_refused() -> None:
    """Only 'zh' and 'en' explanations exist: another language is an InputValueError (a
    ValueError) listing both; a value that is no text, an InputTypeError."""
    dl = CLOCK.deadline(at(2026, 3, 9, 10), "1个工作日")
    with pytest.raises(InputValueError, match="lang='fr' is not accepted; accepted: 'zh', 'en'") as caught:
        dl.explain("fr")  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    assert caught.value.accepted == ("zh", "en")
    with pytest.raises(InputTypeError, match="lang=None"):
        dl.lines(None)  # type: ignore[arg-type]


class TestCutoffBoundary:
    """The cut-off splits the day half-open, like business hours: [00:00, 17:00) is today's
    receipt; 17:00:00 itself is already after the cut-off."""

    def test_receipt_exactly_at_the_cutoff_counts_as_next_working_day(self) -> None:
        """17:00:00 with a 17:00 cut-off: counted from the next working day's opening."""
        dl = CLOCK.deadline(at(2026, 3, 9, 17), "4工作小时", cutoff=dt.time(17))
        assert dl.start == at(2026, 3, 10, 9)
        assert dl.due == at(2026, 3, 10, 14)  # 09:00–12:00 and 13:00–14:00

    def test_receipt_just_before_the_cutoff_counts_today(self) -> None:
        """16:59:59.999999 is before the cut-off: counted from receipt."""
        t = at(2026, 3, 9, 16, 59, 59) + dt.timedelta(microseconds=999_999)
        dl = CLOCK.deadline(t, "4工作小时", cutoff=dt.time(17))
        assert dl.start == t
        assert dl.due == at(2026, 3, 10, 12) - dt.timedelta(microseconds=1)  # 1 h + 1 µs today

    def test_working_days_at_the_cutoff(self) -> None:
        """3个工作日 received at 17:00 on Friday with a 17:00 cut-off counts from Monday."""
        assert CLOCK.deadline(at(2026, 3, 6, 17), "3个工作日", cutoff=dt.time(17)).due == at(2026, 3, 12, 18)
        assert CLOCK.deadline(at(2026, 3, 6, 16, 59), "3个工作日", cutoff=dt.time(17)).due == at(
            2026, 3, 11, 18
        )


class TestMidnightIsWrittenAs2400:
    def test_natural_days_end_at_2400_of_the_last_day(self) -> None:
        """A last day ending at midnight reads 「截止于2026-10-03 24:00：2026-10-03 24:00」, with a space
        between the date and 24:00 and the instant written as 24:00 of the last day (not 10-04 00:00)."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "3个自然日")
        assert dl.due == at(2026, 10, 4)
        assert dl.lines("zh")[-1] == "截止于2026-10-03 24:00：2026-10-03 24:00 (+08:00)。"
        assert dl.lines("en")[-1] == "Due at 24:00 on 2026-10-03: 2026-10-03 24:00 (+08:00)."

    def test_end_of_day_midnight_with_business_hours(self) -> None:
        """end_of_day='midnight' on working days: 「截止于2026-10-09 24:00：」 keeps its separator."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), DeadlineRule("2个工作日", end_of_day="midnight"))
        assert dl.lines("zh")[-1] == "截止于2026-10-09 24:00：2026-10-09 24:00 (+08:00)。"

    def test_close_of_business_keeps_its_words(self) -> None:
        """Close of business is written after the date with no space: 「截止于2026-10-10营业结束时」."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "3个工作日")
        assert dl.lines("zh")[-1] == "截止于2026-10-10营业结束时：2026-10-10 18:00 (+08:00)。"
