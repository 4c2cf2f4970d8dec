"""rest_days lists every non-working day of a range, each with its kind and names."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servstd.sla import DayKind, WorkCalendar

D = dt.date
CN = WorkCalendar.china(notices=False)


@given(
    st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_rest_days_are_the_non_working_days_one_by_one(a: dt.date, length: int) -> None:
    """rest_days(a, b): each day of [a, b) that is not a working day, in order, with its names."""
    b = a + dt.timedelta(days=length)
    expected = []
    for k in range(length):
        d = a + dt.timedelta(days=k)
        if not CN.is_working_day(d):
            expected.append((d, CN.day_kind(d), CN.holiday_name(d), CN.holiday_name(d, "en")))
    assert CN.rest_days(a, b) == expected


def test_rest_days_of_the_2026_national_day_week() -> None:
    """2026-10-01 … 10-07 are the National Day holiday; 10-10 is worked, 10-11 a Sunday."""
    days = CN.rest_days(D(2026, 10, 1), D(2026, 10, 12))
    assert [d.day for d, *_ in days] == [1, 2, 3, 4, 5, 6, 7, 11]
    assert {kind for _, kind, *_ in days[:7]} == {DayKind.HOLIDAY}
    assert days[0][2:] == ("国庆节", "National Day")
    assert days[-1] == (D(2026, 10, 11), DayKind.WEEKEND, None, None)
