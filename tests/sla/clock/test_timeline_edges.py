"""The service clock at the edges of its loaded years and of its intervals (DESIGN: open time is a
sorted list of UTC intervals, read a year at a time; overnight intervals belong to the date they
start on; open time is half-open). Every clock here is fresh, so nothing is loaded beforehand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import NaiveDatetimeError, ScheduleError
from servstd.sla import BusinessHours, ServiceClock, TimeInterval, WorkCalendar
from tests.sla.clock import oracle

SH = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
H = dt.timedelta(hours=1)


def at(*args: int, tz: dt.tzinfo = SH) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def fresh(kind: str) -> ServiceClock:
    """A new clock (nothing loaded yet) of one of a few shapes."""
    if kind == "office":
        return ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:00-18:00"))
    if kind == "overnight":
        return ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("08:00-12:00,22:00-06:00"))
    if kind == "contained":  # Monday's night shift contains Tuesday's early interval
        return ServiceClock(
            WorkCalendar.always(), BusinessHours.weekly({"mon": "20:00-08:00", "tue": "02:00-04:00"})
        )
    assert kind == "7x24"
    return ServiceClock.always()


def oracle_periods(
    clock: ServiceClock, a: dt.datetime, b: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The union of the open intervals, clipped to [a, b), empty pieces dropped (UTC)."""
    union: list[list[dt.datetime]] = []
    for s, e in oracle.intervals(clock, a, b):
        if union and s <= union[-1][1]:
            union[-1][1] = max(union[-1][1], e)
        else:
            union.append([s, e])
    a, b = a.astimezone(UTC), b.astimezone(UTC)
    return [(max(s, a), min(e, b)) for s, e in union if min(e, b) > max(s, a)]


def utc(periods: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    return [(s.astimezone(UTC), e.astimezone(UTC)) for s, e in periods]


kinds = st.sampled_from(["office", "overnight", "contained", "7x24"])
new_years = st.integers(2005, 2025).map(lambda y: at(y, 1, 1))
# instants within a few days of a New Year, at minute resolution, including the exact midnight
near_new_year = st.builds(
    lambda ny, minutes: ny + dt.timedelta(minutes=minutes), new_years, st.integers(-3 * 1440, 3 * 1440)
)


class TestYearEdges:
    def test_subtract_extends_backwards_past_the_first_loaded_year(self) -> None:
        """A fresh clock asked about 2025 first can still count back into 2024 and 2023."""
        clock = fresh("office")
        t = at(2025, 1, 10, 12)
        assert clock.is_open(t) is False  # loads 2025 only
        back = clock.subtract(t, dt.timedelta(hours=400))
        assert back.year == 2024
        assert clock.elapsed(back, t) == dt.timedelta(hours=400)
        assert back == fresh("office").subtract(t, dt.timedelta(hours=400))
        further = clock.subtract(t, dt.timedelta(hours=3000))
        assert further.year == 2023
        assert oracle.elapsed(clock, further, t) == dt.timedelta(hours=3000)

    def test_overnight_interval_from_31_december_when_that_year_is_not_loaded(self) -> None:
        """01:00 on 1 January lies in the 22:00–06:00 interval that started on 31 December."""
        clock = fresh("overnight")
        assert clock.is_open(at(2025, 1, 1, 3)) is True  # 2024-12-31 is a Tuesday
        assert fresh("overnight").next_open(at(2025, 1, 1, 5, 59)) == at(2025, 1, 1, 5, 59)
        assert fresh("overnight").elapsed(at(2025, 1, 1, 0), at(2025, 1, 1, 6)) == 6 * H
        assert fresh("overnight").add(at(2025, 1, 1, 5), H) == at(2025, 1, 1, 6)
        warm = fresh("overnight")
        warm.is_open(at(2026, 6, 1, 3))  # loads 2026 and the year before it, for 1 January's night
        assert warm.is_open(at(2025, 1, 1, 3)) is True  # the shift of Tuesday 31 December 2024
        assert warm.is_open(at(2025, 12, 28, 3)) is False  # Saturday night: no shift

    @pytest.mark.parametrize("year", [2024, 2025, 2026])
    def test_first_and_last_instant_of_a_year(self, year: int) -> None:
        """With one year loaded, the instants just outside it are still answered by the calendar."""
        clock = fresh("7x24")
        clock.is_open(at(year, 6, 1))  # loads `year`
        assert clock.is_open(at(year, 1, 1)) is True
        assert clock.is_open(at(year, 12, 31, 23, 59, 59)) is True
        assert clock.is_open(at(year + 1, 1, 1)) is True
        assert clock.is_open(at(year - 1, 12, 31, 23, 59, 59)) is True
        assert clock.is_open(at(year, 1, 1) - dt.timedelta(microseconds=1)) is True
        assert clock.elapsed(at(year, 12, 31, 23), at(year + 1, 1, 1, 1)) == 2 * H
        assert clock.periods(at(year, 12, 31, 23), at(year + 1, 1, 1, 1)) == [
            (at(year, 12, 31, 23), at(year + 1, 1, 1, 1))
        ]

    @given(kinds, near_new_year, st.integers(0, 72 * 60))
    @settings(max_examples=60)
    def test_around_new_year_a_fresh_clock_agrees_with_the_oracle(
        self, kind: str, t: dt.datetime, minutes: int
    ) -> None:
        """is_open, elapsed, add and periods around a New Year, asked first on a fresh clock."""
        d = dt.timedelta(minutes=minutes)
        b = t + d
        clock = fresh(kind)
        assert clock.elapsed(t, b) == oracle.elapsed(clock, t, b)
        assert fresh(kind).add(t, d) == oracle.add(clock, t, d)
        assert utc(fresh(kind).periods(t, b)) == oracle_periods(clock, t, b)
        opened = any(s <= t.astimezone(UTC) < e for s, e in oracle.intervals(clock, t, t))
        assert fresh(kind).is_open(t) is opened


class TestIntervals:
    def test_an_interval_inside_another_does_not_shrink_it(self) -> None:
        """Monday 20:00–Tuesday 08:00 contains Tuesday's 02:00–04:00: open all night, 12 h."""
        clock = fresh("contained")
        mon = at(2026, 3, 9, 20)
        assert clock.elapsed(mon, at(2026, 3, 10, 20)) == 12 * H
        assert clock.periods(mon, at(2026, 3, 10, 20)) == [(mon, at(2026, 3, 10, 8))]
        assert clock.is_open(at(2026, 3, 10, 6)) is True
        assert clock.add(mon, 11 * H) == at(2026, 3, 10, 7)

    def test_intervals_at_second_resolution(self) -> None:
        """Hours given in seconds keep them: a day closing at 23:59:59 is open 59 min 59 s after 23:00."""
        last_second = BusinessHours(working=((TimeInterval(9 * 3600, 86_399),),) * 7)
        clock = ServiceClock(WorkCalendar.always(), last_second)
        assert clock.elapsed(at(2026, 3, 9, 23), at(2026, 3, 10, 9)) == dt.timedelta(minutes=59, seconds=59)
        assert clock.close_of_business(dt.date(2026, 3, 9)) == at(2026, 3, 9, 23, 59, 59)
        assert clock.is_open(at(2026, 3, 9, 23, 59, 59)) is False

    def test_touching_intervals_join(self) -> None:
        """A 7×24 clock's days touch at midnight: three days are one period."""
        clock = fresh("7x24")
        assert clock.periods(at(2026, 3, 9), at(2026, 3, 12)) == [(at(2026, 3, 9), at(2026, 3, 12))]

    @given(kinds, st.integers(2005, 2025), st.integers(0, 364), st.integers(0, 96 * 4))
    @settings(max_examples=60)
    def test_periods_match_the_oracle(self, kind: str, year: int, day: int, quarters: int) -> None:
        """periods(a, b) is the union of open intervals clipped to [a, b), in order, none empty."""
        a = at(year, 1, 1) + dt.timedelta(days=day, minutes=15 * (quarters % 96))
        b = a + dt.timedelta(minutes=15 * quarters)
        clock = fresh(kind)
        got = utc(clock.periods(a, b))
        assert got == oracle_periods(clock, a, b)
        assert all(e > s for s, e in got)


class TestPeriodsAtCloses:
    def test_starting_exactly_at_a_closing_time(self) -> None:
        """From 12:00 (closed: intervals are half-open) the first period is 13:00–18:00, none empty."""
        clock = fresh("office")
        assert clock.periods(at(2026, 3, 9, 12), at(2026, 3, 9, 20)) == [
            (at(2026, 3, 9, 13), at(2026, 3, 9, 18))
        ]
        assert clock.periods(at(2026, 3, 9, 18), at(2026, 3, 10, 10)) == [
            (at(2026, 3, 10, 9), at(2026, 3, 10, 10))
        ]

    def test_the_first_loaded_interval_is_not_skipped(self) -> None:
        """On a fresh clock, the year's first open interval (2 January 2025 09:00) is a period."""
        clock = fresh("office")
        got = clock.periods(at(2025, 1, 1), at(2025, 1, 2, 13))
        assert got == [(at(2025, 1, 2, 9), at(2025, 1, 2, 12))]

    def test_ending_exactly_at_an_opening_time(self) -> None:
        """[a, b) ending at 13:00 takes nothing of the afternoon."""
        clock = fresh("office")
        assert clock.periods(at(2026, 3, 9, 11), at(2026, 3, 9, 13)) == [
            (at(2026, 3, 9, 11), at(2026, 3, 9, 12))
        ]
        assert clock.periods(at(2026, 3, 9, 13), at(2026, 3, 9, 13)) == []


def sparse() -> ServiceClock:
    """Open only 10 March 2025 and 10 March 2028, 09:00–10:00: two empty years between them."""
    closed = BusinessHours(working=((),) * 7)
    hours = closed.with_overrides({dt.date(2025, 3, 10): "09:00-10:00", dt.date(2028, 3, 10): "09:00-10:00"})
    return ServiceClock(WorkCalendar.always(), hours)


class TestSearchingForOpenTime:
    def test_open_time_three_years_away_is_found(self) -> None:
        """add and subtract load year after year until the open time is found."""
        assert sparse().add(at(2025, 3, 10, 9, 30), H) == at(2028, 3, 10, 9, 30)
        assert sparse().subtract(at(2028, 3, 10, 9, 30), H) == at(2025, 3, 10, 9, 30)
        assert sparse().next_open(at(2025, 3, 10, 10)) == at(2028, 3, 10, 9)

    def test_the_answer_at_the_very_first_open_instant(self) -> None:
        """Subtracting all the open time there is lands on the first opening; nothing more is needed."""
        assert sparse().subtract(at(2025, 3, 10, 10), H) == at(2025, 3, 10, 9)
        assert sparse().add(at(2028, 3, 10, 9), H) == at(2028, 3, 10, 10)

    def test_no_open_time_ahead_or_behind_is_an_error(self) -> None:
        """Past the last open time the clock says so (forwards: "up to", backwards: "back to")."""
        with pytest.raises(ScheduleError, match="up to"):
            sparse().add(at(2028, 3, 10, 9, 30), H)
        with pytest.raises(ScheduleError, match="back to"):
            sparse().subtract(at(2025, 3, 10, 9, 30), H)

    def test_next_open_at_the_edges_of_the_loaded_year(self) -> None:
        """Inside the first loaded interval, before it, and after the year's last close."""
        assert fresh("office").next_open(at(2025, 1, 2, 10)) == at(2025, 1, 2, 10)
        assert fresh("office").next_open(at(2025, 1, 1)) == at(2025, 1, 2, 9)
        assert fresh("office").next_open(at(2025, 12, 31, 20)) == at(2026, 1, 4, 9)  # 4 Jan: make-up Sunday

    def test_the_epoch_on_a_fresh_clock(self) -> None:
        """1970-01-01 00:00 UTC is an instant like any other."""
        assert fresh("7x24").is_open(dt.datetime(1970, 1, 1, tzinfo=UTC)) is True

    def test_adding_a_negative_duration_subtracts(self) -> None:
        """add(t, -d) == subtract(t, d), down to one microsecond."""
        us = dt.timedelta(microseconds=1)
        clock = fresh("office")
        assert clock.add(at(2026, 3, 9, 9), -us) == at(2026, 3, 6, 18) - us
        assert clock.add(at(2026, 3, 9, 10), -us) == clock.subtract(at(2026, 3, 9, 10), us)
        assert clock.add(at(2026, 3, 9, 9) + us, -us) == at(2026, 3, 9, 9)  # the largest such instant

    def test_an_interval_swallowed_by_the_dst_gap_is_never_an_opening(self) -> None:
        """Berlin 02:00–03:00 does not exist on 29 March 2026: the next opening is the 30th's."""
        be = ZoneInfo("Europe/Berlin")
        clock = ServiceClock(WorkCalendar.always(), BusinessHours.parse("02:00-03:00"), "Europe/Berlin")
        assert clock.next_open(at(2026, 3, 29, 0, tz=be)) == at(2026, 3, 30, 2, tz=be)
        assert clock.periods(at(2026, 3, 29, tz=be), at(2026, 3, 30, tz=be)) == []

    def test_repr_names_the_definition_not_the_engine(self) -> None:
        """A clock's repr shows its calendar, hours and zone, not its caches."""
        text = repr(fresh("office"))
        assert "tz='Asia/Shanghai'" in text
        assert "_zone" not in text
        assert "_timeline" not in text


@given(kinds, near_new_year, near_new_year, st.integers(0, 48 * 60))
@settings(max_examples=60)
def test_a_second_question_on_a_warm_clock_agrees_with_the_oracle(
    kind: str, first: dt.datetime, t: dt.datetime, minutes: int
) -> None:
    """After a first question has loaded some years, questions near other New Years are still right."""
    clock = fresh(kind)
    clock.is_open(first)
    d = dt.timedelta(minutes=minutes)
    opened = any(s <= t.astimezone(UTC) < e for s, e in oracle.intervals(clock, t, t))
    assert clock.is_open(t) is opened
    assert clock.elapsed(t, t + d) == oracle.elapsed(clock, t, t + d)
    assert clock.add(t, d) == oracle.add(clock, t, d)


class _NoOffset(dt.tzinfo):
    """A tzinfo that does not know its offset (utcoffset returns None)."""

    def utcoffset(self, d: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, d: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, d: dt.datetime | None) -> str | None:
        return None


class TestOffsetNone:
    def test_a_tzinfo_without_an_offset_is_naive(self) -> None:
        """Python calls a datetime whose tzinfo gives no offset naive; so does the clock."""
        t = dt.datetime(2026, 3, 9, 10, tzinfo=_NoOffset())
        clock = fresh("office")
        with pytest.raises(NaiveDatetimeError):
            clock.is_open(t)
        with pytest.raises(NaiveDatetimeError):
            clock.add(t, H)
        with pytest.raises(NaiveDatetimeError):
            clock.elapsed(at(2026, 3, 9), t)
