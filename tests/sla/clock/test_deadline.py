"""Deadlines under the Civil Code rules, with knobs and explanations (issue: the SLA core)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import InputTypeError, InputValueError
from servstd.sla import BusinessHours, DeadlineRule, ServiceClock, WorkCalendar, parse_duration
from tests.strategies import CLOCKS, clock_names, instants

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()
NO_HOURS = ServiceClock(WorkCalendar.china(), BusinessHours.always())


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestIssueExample:
    def test_three_working_days_over_national_day(self) -> None:
        """2026-09-30 16:00 + 3个工作日 is 2026-10-10 18:00: Oct 1–7 holiday, Oct 10 a make-up Saturday."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "3个工作日")
        assert dl.due == at(2026, 10, 10, 18)
        en = dl.explain("en")
        assert "2026-10-01–2026-10-07 National Day" in en
        assert "make-up working day" in en
        zh = dl.explain("zh")
        assert "国庆节" in zh
        assert "调休上班日" in zh
        assert [s.date for s in dl.skipped] == [dt.date(2026, 10, d) for d in range(1, 8)]


class TestWorkingDays:
    def test_start_day_never_counted_even_before_opening(self) -> None:
        """Received 08:00 Monday: 1个工作日 is Tuesday's close, not Monday's."""
        assert CLOCK.deadline(at(2026, 3, 9, 8), "1个工作日").due == at(2026, 3, 10, 18)

    def test_received_on_a_rest_day(self) -> None:
        """1个工作日 from a Saturday is Monday's close."""
        assert CLOCK.deadline(at(2026, 3, 7, 10), "1个工作日").due == at(2026, 3, 9, 18)

    def test_no_hours_means_midnight(self) -> None:
        """On a clock without business hours a working day ends at 24:00."""
        dl = NO_HOURS.deadline(at(2026, 9, 30, 16), "3个工作日")
        assert dl.due == at(2026, 10, 11, 0)

    def test_count_start_day_knob(self) -> None:
        """count_start_day counts the day of receipt as the first day, and says so."""
        dl = CLOCK.deadline(at(2026, 3, 9, 10), "3个工作日", count_start_day=True)
        assert dl.due == at(2026, 3, 11, 18)
        assert "收到当日计入" in dl.explain("zh")


class TestCalendarPeriods:
    def test_last_day_on_holiday_moves_to_next_working_day(self) -> None:
        """Art. 203: 2日 from 2026-09-30 ends on Oct 2 (holiday) and moves to Oct 8."""
        dl = CLOCK.deadline(at(2026, 9, 30, 16), "2日")
        assert dl.due == at(2026, 10, 8, 18)
        assert dl.moved_from == dt.date(2026, 10, 2)
        assert "Art. 203" in dl.explain("en")

    def test_makeup_saturday_as_last_day_stays(self) -> None:
        """A make-up working Saturday as the last day does not move."""
        assert CLOCK.deadline(at(2026, 10, 8, 10), "2日").due == at(2026, 10, 10, 18)

    def test_ordinary_saturday_moves_even_to_a_makeup_sunday(self) -> None:
        """2026-09-19 (Sat) moves to 2026-09-20, a make-up Sunday."""
        dl = CLOCK.deadline(at(2026, 9, 18, 10), "1日")
        assert dl.last_day == dt.date(2026, 9, 20)

    def test_months_end_on_the_corresponding_day_or_month_end(self) -> None:
        """Art. 202: 1个月 from Jan 31 ends Feb 28; from Mar 9 ends Apr 9."""
        assert CLOCK.deadline(at(2025, 1, 31, 10), "1个月").last_day == dt.date(2025, 2, 28)
        assert CLOCK.deadline(at(2026, 3, 9, 10), "1个月").last_day == dt.date(2026, 4, 9)
        assert CLOCK.deadline(at(2024, 2, 29, 10), "一年").last_day == dt.date(2025, 2, 28)

    def test_midnight_knob(self) -> None:
        """end_of_day='midnight' ends the last day at 24:00 even with business hours."""
        dl = CLOCK.deadline(at(2026, 3, 9, 10), "2日", end_of_day="midnight")
        assert dl.due == at(2026, 3, 12, 0)

    def test_next_day(self) -> None:
        """次日 is a one-day period."""
        assert CLOCK.deadline(at(2026, 3, 9, 10), "次日").due == at(2026, 3, 10, 18)


class TestOtherRules:
    def test_clock_time_is_exact(self) -> None:
        """48小时 is exactly t + 48 h, holidays included."""
        assert CLOCK.deadline(at(2026, 9, 30, 16), "48小时").due == at(2026, 10, 2, 16)

    def test_clock_time_across_dst_is_elapsed_time(self) -> None:
        """24小时 across a DST change is 24 real hours, not a wall-clock jump."""
        berlin = ServiceClock(WorkCalendar.always(), BusinessHours.always(), "Europe/Berlin")
        be = ZoneInfo("Europe/Berlin")
        due = berlin.deadline(dt.datetime(2026, 3, 28, 12, tzinfo=be), "24小时").due
        assert due == dt.datetime(2026, 3, 29, 13, tzinfo=be)

    def test_business_time(self) -> None:
        """4工作小时 is clock.add."""
        assert CLOCK.deadline(at(2026, 9, 30, 16), "4工作小时").due == at(2026, 10, 8, 11)

    def test_half_a_working_day(self) -> None:
        """半个工作日 is half a standard day's open time: 3 h 45 min for 09:00–12:00 + 13:30–18:00."""
        clock = ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:30-18:00"))
        dl = clock.deadline(at(2026, 3, 9, 9), "半个工作日")
        assert dl.due == at(2026, 3, 9, 14, 15)

    def test_same_day(self) -> None:
        """当天: close today if still to open today, else the next working day's close."""
        assert CLOCK.deadline(at(2026, 3, 9, 10), "当天").due == at(2026, 3, 9, 18)
        assert CLOCK.deadline(at(2026, 3, 9, 7), "当天").due == at(2026, 3, 9, 18)
        assert CLOCK.deadline(at(2026, 3, 9, 18), "当天").due == at(2026, 3, 10, 18)
        assert CLOCK.deadline(at(2026, 9, 30, 19), "当天").due == at(2026, 10, 8, 18)
        assert CLOCK.deadline(at(2026, 10, 3, 10), "当天").due == at(2026, 10, 8, 18)

    def test_cutoff(self) -> None:
        """Received after the 17:00 cut-off counts as received at the next working day's opening."""
        dl = CLOCK.deadline(at(2026, 3, 9, 17, 30), "4工作小时", cutoff=dt.time(17))
        assert dl.start == at(2026, 3, 10, 9)
        assert dl.due == at(2026, 3, 10, 14)
        assert "17:00" in dl.explain("en")
        assert CLOCK.deadline(at(2026, 3, 9, 16, 30), "当天", cutoff=dt.time(17)).due == at(2026, 3, 9, 18)

    def test_rule_object_and_bad_knobs(self) -> None:
        """A DeadlineRule carries its knobs; bad knob values are refused."""
        rule = DeadlineRule("3个工作日", end_of_day="midnight")
        assert CLOCK.deadline(at(2026, 9, 30, 16), rule).due == at(2026, 10, 11, 0)
        with pytest.raises(InputValueError, match="accepted: 'close', 'midnight'"):
            DeadlineRule("3个工作日", end_of_day="noon")  # type: ignore[arg-type]
        with pytest.raises(InputTypeError):
            DeadlineRule("3个工作日", end_of_day=3)  # type: ignore[arg-type]


wd_counts = st.integers(1, 30)


@given(t=instants(hi=dt.datetime(2026, 6, 30)), n=wd_counts)
def test_working_day_deadline_is_close_of_the_nth_working_day(t: dt.datetime, n: int) -> None:
    """Property: the due date is the n-th working day after the local receipt date, at its close."""
    dl = CLOCK.deadline(t, f"{n}个工作日")
    d0 = CLOCK.local_date(t)
    last = WorkCalendar.china().add_working_days(d0, n)
    assert dl.due == at(last.year, last.month, last.day, 18)
    assert (
        WorkCalendar.china().working_days_between(
            d0 + dt.timedelta(days=1), dl.due.date() + dt.timedelta(days=1)
        )
        == n
    )


@given(t=instants(hi=dt.datetime(2026, 6, 30)), n=st.integers(1, 90))
def test_day_period_ends_on_a_working_day_not_before_the_plain_last_day(t: dt.datetime, n: int) -> None:
    """Property: an N日 deadline falls on a working day on or after receipt date + N, with only rest days between."""
    dl = CLOCK.deadline(t, f"{n}日")
    plain = CLOCK.local_date(t) + dt.timedelta(days=n)
    cal = WorkCalendar.china()
    assert dl.last_day is not None
    assert cal.is_working_day(dl.last_day)
    assert dl.last_day >= plain
    assert cal.working_days_between(plain, dl.last_day) == 0


@given(t=instants(hi=dt.datetime(2026, 6, 30)), minutes=st.integers(0, 5000))
def test_business_deadline_is_add(t: dt.datetime, minutes: int) -> None:
    """Property: a business-time deadline equals clock.add."""
    d = parse_duration(f"{minutes} business minutes")
    assert CLOCK.deadline(t, d).due == CLOCK.add(t, dt.timedelta(minutes=minutes))


class TestCountStartDay:
    """Issue 13: a due instant is never before the receipt, and 次日 never means today."""

    @pytest.mark.parametrize(
        ("rule", "due"),
        [
            ("次日", at(2026, 9, 30, 18)),
            ("1日", at(2026, 9, 30, 18)),
            ("1个工作日", at(2026, 9, 30, 18)),
            ("次工作日", at(2026, 9, 30, 18)),
        ],
    )
    def test_received_after_close_the_day_cannot_count(self, rule: str, due: dt.datetime) -> None:
        """Received 19:00, after the 18:00 close: count_start_day cannot count that day; the next day is the first."""
        dl = CLOCK.deadline(at(2026, 9, 29, 19), DeadlineRule(rule, count_start_day=True))
        assert dl.due == due
        assert dl.due > dl.received

    def test_before_close_the_day_counts(self) -> None:
        """Received 10:00: with count_start_day, 1日 and 1个工作日 end at today's close."""
        for rule in ("1日", "1个工作日"):
            assert CLOCK.deadline(at(2026, 9, 29, 10), rule, count_start_day=True).due == at(2026, 9, 29, 18)

    def test_next_day_is_never_today(self) -> None:
        """次日 and 次工作日 name a later day: count_start_day does not apply, and the explanation says so."""
        dl = CLOCK.deadline(at(2026, 9, 29, 10), "次日", count_start_day=True)
        assert dl.due == at(2026, 9, 30, 18)
        assert "does not apply" in dl.explain("en")
        assert CLOCK.deadline(at(2026, 9, 29, 10), "次工作日", count_start_day=True).due == at(
            2026, 9, 30, 18
        )

    def test_explanation_says_why_the_day_did_not_count(self) -> None:
        """The explanation names why count_start_day was not applied."""
        dl = CLOCK.deadline(at(2026, 9, 29, 19), "1日", count_start_day=True)
        assert "cannot count" in dl.explain("en")
        assert "不能计入" in dl.explain("zh")

    def test_cutoff_after_close_with_count_start_day(self) -> None:
        """A cut-off later than the close does not let a receipt after close count its day."""
        dl = CLOCK.deadline(
            at(2026, 9, 29, 19), DeadlineRule("1日", cutoff=dt.time(22), count_start_day=True)
        )
        assert dl.due == at(2026, 9, 30, 18)


FORWARD_RULES = [
    "当天", "次日", "次工作日", "1日", "2日", "1个工作日", "3个工作日", "半个工作日", "1个月",
    "4工作小时", "0工作小时", "48小时", "40分钟", "1周",
]  # fmt: skip
knob_times = st.none() | st.times().map(lambda x: x.replace(second=0, microsecond=0))


@settings(max_examples=max(200, settings().max_examples * 4))
@given(
    name=clock_names,
    t=instants(hi=dt.datetime(2026, 6, 30)),
    text=st.sampled_from(FORWARD_RULES),
    count_start_day=st.booleans(),
    end_of_day=st.sampled_from(["close", "midnight"]),
    cutoff=knob_times,
)
def test_due_is_never_before_receipt(  # noqa: PLR0917 (hypothesis passes the drawn values by name)
    name: str, t: dt.datetime, text: str, count_start_day: bool, end_of_day: str, cutoff: dt.time | None
) -> None:
    """Property (issue 13): over every forward rule, clock and knob, due >= received."""
    rule = DeadlineRule(text, end_of_day=end_of_day, cutoff=cutoff, count_start_day=count_start_day)  # type: ignore[arg-type]
    dl = CLOCKS[name].deadline(t, rule)
    assert dl.due >= t
    if text in ("次日", "次工作日"):
        assert CLOCKS[name].local_date(dl.due) > CLOCKS[name].local_date(t) or end_of_day == "midnight"


class TestCountingBack:
    """Backward deadlines: the latest instant by which an act due before a reference is on time."""

    def test_five_working_days_before_an_expiry(self) -> None:
        """Expiring 2026-10-12 (Mon), 到期前5个工作日 is the close of 2026-09-29 (Tue): 10-10 (make-up), 10-09, 10-08, 09-30, 09-29."""
        dl = CLOCK.deadline(at(2026, 10, 12), "到期前5个工作日")
        assert dl.due == at(2026, 9, 29, 18)
        en = dl.explain("en")
        assert "Reference (expiry) 2026-10-12 00:00" in en
        assert "5th working day before is 2026-09-29" in en
        assert "National Day" in en
        assert "往前" in dl.explain("zh")

    def test_the_reference_day_is_not_counted(self) -> None:
        """1 working day before a Tuesday is Monday's close, whatever the hour on Tuesday."""
        assert CLOCK.deadline(at(2026, 3, 10, 17), "1 working day before").due == at(2026, 3, 9, 18)

    def test_one_month_before_the_31st(self) -> None:
        """提前一个月 from 2026-10-31 is 2026-09-30 (Art. 202 mirrored: September has no 31st)."""
        dl = CLOCK.deadline(at(2026, 10, 31), "提前一个月")
        assert dl.due == at(2026, 9, 30, 18)
        assert dl.last_day == dt.date(2026, 9, 30)

    def test_a_period_landing_on_a_rest_day_moves_earlier(self) -> None:
        """Art. 203 mirrored: 提前5日 from 10-12 lands on 10-07 (holiday), so it is due on 09-30."""
        dl = CLOCK.deadline(at(2026, 10, 12, 9), "提前5日")
        assert dl.moved_from == dt.date(2026, 10, 7)
        assert dl.due == at(2026, 9, 30, 18)
        assert "previous working day" in dl.explain("en")
        assert "前一工作日" in dl.explain("zh")

    def test_clock_and_business_time_back(self) -> None:
        """Clock time back is exactly t − d; business time back is clock.subtract."""
        ref = at(2026, 10, 12, 10)
        assert CLOCK.deadline(ref, "提前3小时").due == at(2026, 10, 12, 7)
        assert CLOCK.deadline(ref, "提前3工作小时").due == CLOCK.subtract(ref, dt.timedelta(hours=3))

    def test_receipt_knobs_are_refused(self) -> None:
        """cutoff and count_start_day belong to a receipt; a rule counting back refuses them."""
        with pytest.raises(InputValueError, match="no receipt knob") as caught:
            DeadlineRule("到期前5个工作日", cutoff=dt.time(17))
        assert caught.value.param == "cutoff"
        with pytest.raises(InputValueError, match="no receipt knob"):
            CLOCK.deadline(at(2026, 10, 12), "到期前5个工作日", count_start_day=True)

    def test_midnight_knob(self) -> None:
        """end_of_day applies: the last day ends at 24:00."""
        dl = CLOCK.deadline(at(2026, 10, 12), "到期前5个工作日", end_of_day="midnight")
        assert dl.due == at(2026, 9, 30, 0)


@given(t=instants(lo=dt.datetime(2005, 1, 1), hi=dt.datetime(2026, 10, 31)), n=st.integers(1, 30))
def test_working_days_back_oracle(t: dt.datetime, n: int) -> None:
    """Property: counting back n working days is the close of the n-th working day before the reference day,
    found by walking back one day at a time (the slow oracle); it is never after the reference."""
    dl = CLOCK.deadline(t, f"到期前{n}个工作日")
    cal = WorkCalendar.china()
    d, left = CLOCK.local_date(t), n
    while left:
        d -= dt.timedelta(days=1)
        left -= cal.is_working_day(d)
    assert dl.due == at(d.year, d.month, d.day, 18)
    assert dl.due <= t


@given(t=instants(lo=dt.datetime(2005, 1, 1), hi=dt.datetime(2026, 10, 31)), n=st.integers(1, 90))
def test_days_back_land_on_the_last_working_day_at_or_before(t: dt.datetime, n: int) -> None:
    """Property: N日 back falls on the last working day on or before reference − N, only rest days between."""
    dl = CLOCK.deadline(t, f"提前{n}日")
    plain = CLOCK.local_date(t) - dt.timedelta(days=n)
    cal = WorkCalendar.china()
    assert dl.last_day is not None
    assert cal.is_working_day(dl.last_day)
    assert dl.last_day <= plain
    assert cal.working_days_between(dl.last_day + dt.timedelta(days=1), plain + dt.timedelta(days=1)) == 0
