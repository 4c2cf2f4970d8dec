"""Coverage spans, the weekly-rule calendars' years, and which overlay decided a day."""

from __future__ import annotations

import datetime as dt
import warnings

from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageWarning
from servstd.sla import Coverage, DayKind, WorkCalendar

D = dt.date


@given(
    st.lists(st.integers(min_value=1, max_value=9999), min_size=1, max_size=6),
    st.lists(st.integers(min_value=1, max_value=9999), max_size=6),
)
def test_first_and_last_are_the_extreme_covered_years(base: list[int], extra: list[int]) -> None:
    """Coverage: ``first`` is the smallest covered year and ``last`` the largest, with any spans."""
    years = {*base, *extra}
    cov = Coverage(()).union(base).union(extra)
    assert cov.first == min(years)
    assert cov.last == max(years)
    assert all(y in cov for y in years)


def test_first_of_two_separate_spans() -> None:
    """Coverage of 2001–2005 and 2010–2020 starts in 2001 and ends in 2020."""
    cov = Coverage(((2001, 2005), (2010, 2020)))
    assert (cov.first, cov.last) == (2001, 2020)
    assert str(cov) == "2001–2005, 2010–2020"


def test_weekly_rule_calendars_cover_every_year_of_the_date_type() -> None:
    """A weekly-rule calendar knows every year a ``datetime.date`` can hold: 1 to 9999."""
    for cal in (WorkCalendar.weekdays(), WorkCalendar.always()):
        assert cal.coverage == Coverage(((1, 9999),))
        assert 1 in cal.coverage
        assert 9999 in cal.coverage
    # 0001-01-01 is a Monday
    assert WorkCalendar.weekdays().day_kind(D(1, 1, 1)) is DayKind.WORKDAY
    assert WorkCalendar.weekdays().add_working_days(D(1, 1, 1), 5) == D(1, 1, 8)


def test_source_of_names_the_overlay_that_decided_the_day() -> None:
    """source_of: a day an overlay names is decided by that overlay; other days by the calendar."""
    cal = WorkCalendar.weekdays().with_rest_days({D(2026, 3, 11): "司庆"}, name="公司休息日")
    assert cal.source_of(D(2026, 3, 11)) == "公司休息日"
    assert cal.source_of(D(2026, 3, 12)) is None
    cal = cal.with_work_days([D(2026, 3, 14)], name="公司加班")
    assert cal.source_of(D(2026, 3, 14)) == "公司加班"
    assert cal.source_of(D(2026, 3, 11)) == "公司休息日"


def _slow_count(cal: WorkCalendar, a: dt.date, b: dt.date) -> int:
    """Working days in [a, b) by looking at every day."""
    return sum(cal.is_working_day(a + dt.timedelta(days=k)) for k in range((b - a).days))


def test_the_first_and_last_years_of_the_date_type_are_counted() -> None:
    """Years 1 and 9999 (the ends of ``datetime.date``) are counted like any other year."""
    cal = WorkCalendar.weekdays()
    for a, b in ((D(1, 1, 1), D(2, 1, 20)), (D(9998, 12, 1), D(9999, 12, 31))):
        assert cal.working_days_between(a, b) == _slow_count(cal, a, b)
        assert list(cal.working_days(a, b)) == [
            a + dt.timedelta(days=k) for k in range((b - a).days) if (a + dt.timedelta(days=k)).weekday() < 5
        ]
    assert cal.day_kind(D(9999, 12, 31)) is DayKind.WORKDAY  # a Friday
    assert cal.add_working_days(D(9999, 12, 31), -5) == D(9999, 12, 24)
    assert WorkCalendar.always().working_days_between(D(9999, 1, 1), D(9999, 12, 31)) == 364


def test_the_estimate_warning_points_at_the_callers_line() -> None:
    """A year outside the coverage warns (non-strict), and the warning names the caller's line."""
    cal = WorkCalendar.china(strict=False, notices=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cal.day_kind(D(2200, 3, 3))
    assert [w.category for w in caught] == [CalendarCoverageWarning]
    assert caught[0].filename == __file__


def test_overlay_days_on_the_last_and_first_dates_are_applied() -> None:
    """An overlay's day is applied on any date, 0001-01-01 and 9999-12-31 included."""
    ends = [D(1, 1, 1), D(9999, 12, 31)]
    rest = WorkCalendar.always().with_rest_days(ends, name="停业")
    for d in ends:
        assert rest.day_kind(d) is DayKind.HOLIDAY
        assert rest.holiday_name(d) == "停业"
        assert rest.source_of(d) == "停业"
    # 9999-12-26 is a Sunday, 0001-01-07 too
    sundays = [D(1, 1, 7), D(9999, 12, 26)]
    work = WorkCalendar.weekdays().with_work_days(sundays, name="加班")
    assert [work.day_kind(d) for d in sundays] == [DayKind.MAKEUP_WORKDAY] * 2
