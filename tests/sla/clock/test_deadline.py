"""Deadlines under the Civil Code rules, with knobs and explanations (issue: the SLA core)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import InputTypeError
from servstd.sla import BusinessHours, DeadlineRule, ServiceClock, WorkCalendar, parse_duration
from tests.strategies import instants

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
        berlin = ServiceClock(WorkCalendar.every_day(), BusinessHours.always(), "Europe/Berlin")
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
        with pytest.raises(InputTypeError):
            DeadlineRule("3个工作日", end_of_day="noon")  # type: ignore[arg-type]


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
