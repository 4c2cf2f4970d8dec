"""Working-day verbs come in pairs: forward and back, counting and listing agree (issue 24, Verbs).

Each property is checked against a slow oracle that looks at one day at a time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import InputTypeError, UnknownNameError
from servstd.sla import WorkCalendar
from tests.strategies import covered_dates

CN = WorkCalendar.china(notices=False)
D = dt.date
ONE = dt.timedelta(days=1)
counts = st.integers(min_value=0, max_value=400)
calendars = st.sampled_from(
    [
        CN,
        WorkCalendar.for_region("HK"),
        WorkCalendar.weekdays(),
        WorkCalendar.china().with_rest_days([D(2015, 3, 3)]),
    ]
)


def slow_back(cal: WorkCalendar, d: dt.date, n: int) -> dt.date:
    """The n-th working day before d, walking one day at a time (d itself not counted)."""
    while n:
        d -= ONE
        n -= cal.is_working_day(d)
    return d


def slow_days(cal: WorkCalendar, a: dt.date, b: dt.date) -> list[dt.date]:
    """The working days of [a, b), one day at a time."""
    return [a + k * ONE for k in range((b - a).days) if cal.is_working_day(a + k * ONE)]


def on_or_before(cal: WorkCalendar, d: dt.date) -> dt.date:
    """d if it is a working day, else the working day before it."""
    while not cal.is_working_day(d):
        d -= ONE
    return d


class TestSubtractWorkingDays:
    def test_hand_checked_across_the_national_day_holiday(self) -> None:
        """2026 notice: Oct 1–7 rest, Oct 10 (Sat) worked; before Oct 10 come Oct 9, Oct 8, then
        Sep 30 and Sep 29 across the holiday."""
        assert CN.subtract_working_days(D(2026, 10, 10), 1) == D(2026, 10, 9)
        assert CN.subtract_working_days(D(2026, 10, 10), 3) == D(2026, 9, 30)
        assert CN.subtract_working_days(D(2026, 10, 10), 4) == D(2026, 9, 29)
        assert CN.subtract_working_days(D(2026, 10, 8), 1) == D(2026, 9, 30)

    def test_zero_is_the_day_itself_even_a_rest_day(self) -> None:
        """subtract_working_days(d, 0) is d, as add_working_days(d, 0) is."""
        assert CN.subtract_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)

    @given(d=covered_dates, n=counts, cal=calendars)
    def test_matches_a_slow_walk_back(self, d: dt.date, n: int, cal: WorkCalendar) -> None:
        """The n-th working day before d, d not counted, as a day-by-day walk finds it."""
        assert cal.subtract_working_days(d, n) == slow_back(cal, d, n)

    @given(d=covered_dates, n=st.integers(min_value=-400, max_value=400))
    def test_is_adding_the_opposite_count(self, d: dt.date, n: int) -> None:
        """subtract(d, n) == add(d, -n) for any sign of n."""
        assert CN.subtract_working_days(d, n) == CN.add_working_days(d, -n)

    @given(d=covered_dates, n=st.integers(min_value=1, max_value=400), cal=calendars)
    def test_round_trip_after_adding(self, d: dt.date, n: int, cal: WorkCalendar) -> None:
        """Inverse of add_working_days: subtract(add(d, n), n) is d on a working day, and the working
        day before d on a rest day (adding from a rest day starts at the next working day)."""
        assert cal.subtract_working_days(cal.add_working_days(d, n), n) == on_or_before(cal, d)

    @given(d=covered_dates, n=st.integers(min_value=1, max_value=400))
    def test_round_trip_after_subtracting(self, d: dt.date, n: int) -> None:
        """add(subtract(d, n), n) is d on a working day, else the next working day after d."""
        expected = d if CN.is_working_day(d) else CN.next_working_day(d)
        assert CN.add_working_days(CN.subtract_working_days(d, n), n) == expected

    @pytest.mark.parametrize("n", [True, 1.0, "3", None])
    def test_a_count_that_is_not_an_int_is_refused(self, n: object) -> None:
        """n must be an int (a bool is not a count): InputTypeError naming the parameter."""
        with pytest.raises(InputTypeError, match=r"^n=.* expected an int"):
            CN.subtract_working_days(D(2026, 10, 10), n)  # type: ignore[arg-type]


class TestPreviousWorkingDay:
    @given(d=covered_dates, cal=calendars)
    def test_is_the_last_working_day_strictly_before(self, d: dt.date, cal: WorkCalendar) -> None:
        """previous_working_day(d) is the first working day walking back from d - 1."""
        assert cal.previous_working_day(d) == on_or_before(cal, d - ONE)

    @given(d=covered_dates)
    def test_undoes_next_working_day(self, d: dt.date) -> None:
        """previous(next(d)) is d on a working day, the working day before d otherwise."""
        assert CN.previous_working_day(CN.next_working_day(d)) == on_or_before(CN, d)

    def test_over_a_make_up_saturday(self) -> None:
        """2026-02-16 (Mon, 除夕) is a rest day; the working day before it is Sat 2026-02-14 (调休上班)."""
        assert CN.previous_working_day(D(2026, 2, 16)) == D(2026, 2, 14)


class TestReversedRanges:
    @given(a=covered_dates, b=covered_dates, cal=calendars)
    def test_counting_and_listing_agree_in_both_directions(
        self, a: dt.date, b: dt.date, cal: WorkCalendar
    ) -> None:
        """working_days_between(a, b) is the signed length of working_days(a, b): [a, b) forward,
        and for b < a the days of [b, a), latest first, counted negative."""
        listed = list(cal.working_days(a, b))
        if a <= b:
            assert listed == slow_days(cal, a, b)
            assert cal.working_days_between(a, b) == len(listed)
        else:
            assert listed == slow_days(cal, b, a)[::-1]
            assert cal.working_days_between(a, b) == -len(listed)

    @given(a=covered_dates, b=covered_dates)
    def test_swapping_the_ends_mirrors(self, a: dt.date, b: dt.date) -> None:
        """Swapping the ends negates the count and reverses the listing."""
        assert CN.working_days_between(b, a) == -CN.working_days_between(a, b)
        assert list(CN.working_days(b, a)) == list(CN.working_days(a, b))[::-1]

    def test_hand_checked_national_day_week_backwards(self) -> None:
        """From Oct 12 back to Oct 1 (2026): the working days of [Oct 1, Oct 12) are Oct 8, 9, 10."""
        assert CN.working_days_between(D(2026, 10, 12), D(2026, 10, 1)) == -3
        assert list(CN.working_days(D(2026, 10, 12), D(2026, 10, 1))) == [
            D(2026, 10, 10),
            D(2026, 10, 9),
            D(2026, 10, 8),
        ]

    def test_an_empty_range_is_empty_both_ways(self) -> None:
        """[a, a) holds no day: 0 and nothing listed."""
        assert CN.working_days_between(D(2026, 10, 9), D(2026, 10, 9)) == 0
        assert list(CN.working_days(D(2026, 10, 9), D(2026, 10, 9))) == []

    def test_bad_ends_are_refused_at_once(self) -> None:
        """working_days checks its arguments when called, not when first iterated."""
        with pytest.raises(InputTypeError):
            CN.working_days(D(2026, 10, 1), 5)  # type: ignore[arg-type]


class TestOneVocabularyOfCalendars:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("weekdays", WorkCalendar.weekdays()),
            ("always", WorkCalendar.always()),
            ("ALWAYS", WorkCalendar.always()),
        ],
    )
    def test_for_region_reads_every_name_a_clock_spec_reads(self, name: str, expected: WorkCalendar) -> None:
        """for_region names the weekly calendars as clock specs and --region do."""
        assert WorkCalendar.for_region(name) == expected

    @pytest.mark.parametrize(
        ("code", "name"), [(" cn ", "CN"), ("hk", "HK"), ("Weekdays", "weekdays"), ("ALWAYS", "always")]
    )
    def test_region_name_is_the_one_reading(self, code: str, name: str) -> None:
        """region_name reads a calendar name as for_region does (case and spaces ignored)."""
        assert WorkCalendar.region_name(code) == name

    def test_an_unknown_name_lists_the_accepted_ones(self) -> None:
        """An unknown calendar name is an UnknownNameError naming every accepted one."""
        with pytest.raises(UnknownNameError, match="known: CN, HK, MO, TW, weekdays, always"):
            WorkCalendar.region_name("JP")

    def test_always_works_every_day(self) -> None:
        """The always calendar has no rest day: 365 working days in 2026, holidays included."""
        cal = WorkCalendar.always()
        assert cal.is_working_day(D(2026, 10, 1))
        assert cal.working_days_between(D(2026, 1, 1), D(2027, 1, 1)) == 365
