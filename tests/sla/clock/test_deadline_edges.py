"""Deadline rules at their less travelled edges (DESIGN: deadlines; Civil Code Arts. 201–203)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


def corresponding_day(d: dt.date, months: int) -> dt.date:
    """Art. 202 by counting: month index = 12 × year + month − 1; clamp the day to the month's end."""
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    y_next, m_next = divmod(index + 1, 12)
    month_end = dt.date(y_next, m_next + 1, 1) - dt.timedelta(days=1)
    return dt.date(y, m + 1, min(d.day, month_end.day))


@given(st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2022, 12, 31)), st.integers(1, 30))
def test_months_end_on_the_corresponding_day(d: dt.date, months: int) -> None:
    """ "N个月": the plain last day is the corresponding day N months on, or that month's last day."""
    dl = CLOCK.deadline(dt.datetime.combine(d, dt.time(10), tzinfo=SH), f"{months}个月")
    plain = dl.moved_from or dl.last_day
    assert plain == corresponding_day(d, months)


def test_next_working_day_anchor() -> None:
    """次工作日 is the close of the next working day, never today."""
    assert CLOCK.deadline(at(2026, 3, 9, 10), "次工作日").due == at(2026, 3, 10, 18)
    assert CLOCK.deadline(at(2026, 3, 6, 10), "次工作日").due == at(2026, 3, 9, 18)
    assert CLOCK.deadline(at(2026, 3, 9, 10), "次日").due == at(2026, 3, 10, 18)


def test_cutoff_on_a_clock_without_hours_counts_from_midnight() -> None:
    """Received after the cut-off where the next working day has no hours: received at its 00:00."""
    no_hours = ServiceClock(WorkCalendar.weekdays(), BusinessHours(working=((),) * 7))
    dl = no_hours.deadline(at(2026, 3, 6, 18), "1日", cutoff=dt.time(17))
    assert dl.start == at(2026, 3, 9)
    assert dl.due == at(2026, 3, 11)  # the 10th, ending at 24:00
