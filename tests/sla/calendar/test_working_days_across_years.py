"""Adding and counting working days across the turn of a year, against a day-by-day oracle."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servstd.sla import WorkCalendar

D = dt.date
CN = WorkCalendar.china(notices=False)
WEEKDAYS = WorkCalendar.weekdays()


def _slow_add(cal: WorkCalendar, d: dt.date, n: int) -> dt.date:
    """The n-th working day after d (before d when n < 0), stepping one day at a time."""
    step = dt.timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        d += step
        if cal.is_working_day(d):
            left -= 1
    return d


near_new_year = st.builds(
    lambda year, offset: D(year, 1, 1) + dt.timedelta(days=offset),
    st.integers(min_value=2002, max_value=2025),
    st.integers(min_value=-12, max_value=12),
)


@given(near_new_year, st.integers(min_value=-30, max_value=30), st.booleans())
def test_add_working_days_across_new_year_matches_stepping(d: dt.date, n: int, china: bool) -> None:
    """add_working_days(d, n) is the n-th working day stepping from d, also across 1 January."""
    cal = CN if china else WEEKDAYS
    assert cal.add_working_days(d, n) == _slow_add(cal, d, n)


def test_one_working_day_back_from_the_first_of_the_year() -> None:
    """Back one working day from a year's first working day is the previous year's last one."""
    # 2022-12-31 is a Saturday: the last working day of 2022 is Friday 30 December
    assert WEEKDAYS.add_working_days(D(2023, 1, 2), -1) == D(2022, 12, 30)
    # 2023: 元旦 period 12-31 … 01-02; 2022-12-30 (Friday) was the last working day
    assert CN.add_working_days(D(2023, 1, 3), -1) == D(2022, 12, 30)
