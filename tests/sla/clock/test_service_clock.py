"""ServiceClock: exact business-time arithmetic (issue: the SLA core)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError, InputTypeError, NaiveDatetimeError, ScheduleError
from servstd.sla import BusinessHours, ServiceClock, WorkCalendar
from tests.sla.clock import oracle
from tests.strategies import CLOCKS, business_durations, clock_names, instants

SH = ZoneInfo("Asia/Shanghai")
H = dt.timedelta(hours=1)
CLOCK = ServiceClock.default()


def at(*args: int, tz: ZoneInfo = SH) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


class TestHandChecked:
    def test_add_lands_on_the_closing_instant(self) -> None:
        """add returns the smallest x: 1 h at 17:00 with close at 18:00 is 18:00 that day."""
        assert CLOCK.add(at(2026, 3, 9, 17), H) == at(2026, 3, 9, 18)
        assert CLOCK.add(at(2026, 3, 9, 11), H) == at(2026, 3, 9, 12)  # 12:00, not 13:00

    def test_lunch_break_is_skipped(self) -> None:
        """Open time is [09:00, 12:00) + [13:00, 18:00): 11:30 + 1 h is 13:30."""
        assert CLOCK.add(at(2026, 3, 9, 11, 30), H) == at(2026, 3, 9, 13, 30)

    def test_start_outside_hours_counts_from_next_opening(self) -> None:
        """A start at 20:00 (or on Saturday) counts from the next opening."""
        assert CLOCK.add(at(2026, 3, 9, 20), H) == at(2026, 3, 10, 10)
        assert CLOCK.add(at(2026, 3, 7, 10), H) == at(2026, 3, 9, 10)

    def test_add_zero_is_identity_even_outside_hours(self) -> None:
        """add(t, 0) == t, even at 03:00 on a holiday."""
        t = at(2026, 10, 3, 3)
        assert CLOCK.add(t, dt.timedelta()) == t

    def test_national_day_and_makeup_saturday(self) -> None:
        """2026: Oct 1–7 closed; the make-up Saturday Oct 10 is open."""
        assert CLOCK.add(at(2026, 9, 30, 17), 2 * H) == at(2026, 10, 8, 10)
        assert CLOCK.add(at(2026, 10, 9, 17), 2 * H) == at(2026, 10, 10, 10)
        assert CLOCK.is_open(at(2026, 10, 10, 10)) is True
        assert CLOCK.is_open(at(2026, 10, 5, 10)) is False

    def test_open_time_is_half_open(self) -> None:
        """Open at 09:00, closed at 12:00, open again at 13:00."""
        assert CLOCK.is_open(at(2026, 3, 9, 9)) is True
        assert CLOCK.is_open(at(2026, 3, 9, 12)) is False
        assert CLOCK.is_open(at(2026, 3, 9, 8, 59, 59)) is False
        assert CLOCK.next_open(at(2026, 3, 9, 12)) == at(2026, 3, 9, 13)
        assert CLOCK.next_open(at(2026, 3, 9, 10)) == at(2026, 3, 9, 10)

    def test_subtract_mirrors_add(self) -> None:
        """subtract gives the largest x: 1 h before 10:00 is 09:00; before 13:30 is 11:30."""
        assert CLOCK.subtract(at(2026, 3, 9, 10), H) == at(2026, 3, 9, 9)
        assert CLOCK.subtract(at(2026, 3, 9, 13, 30), H) == at(2026, 3, 9, 11, 30)
        assert CLOCK.subtract(at(2026, 10, 8, 10), 2 * H) == at(2026, 9, 30, 17)
        assert CLOCK.add(at(2026, 3, 9, 10), -H) == at(2026, 3, 9, 9)

    def test_elapsed_is_signed(self) -> None:
        """elapsed(b, a) == -elapsed(a, b)."""
        a, b = at(2026, 9, 30, 17), at(2026, 10, 8, 10)
        assert CLOCK.elapsed(a, b) == 2 * H
        assert CLOCK.elapsed(b, a) == -2 * H

    def test_results_are_in_the_clock_zone(self) -> None:
        """Input in any zone; output in the clock's zone."""
        t = at(2026, 3, 9, 1, tz=ZoneInfo("UTC"))  # 09:00 in Shanghai
        out = CLOCK.add(t, H)
        assert out == at(2026, 3, 9, 10)
        assert out.utcoffset() == dt.timedelta(hours=8)

    def test_pendulum_instants_are_accepted(self) -> None:
        """pendulum DateTime is an aware datetime."""
        assert CLOCK.add(pendulum.datetime(2026, 3, 9, 17, tz="Asia/Shanghai"), H) == at(2026, 3, 9, 18)

    def test_periods(self) -> None:
        """periods(a, b) lists the open intervals clipped to [a, b)."""
        got = list(CLOCK.periods(at(2026, 3, 9, 10), at(2026, 3, 10, 9, 30)))
        assert got == [
            (at(2026, 3, 9, 10), at(2026, 3, 9, 12)),
            (at(2026, 3, 9, 13), at(2026, 3, 9, 18)),
            (at(2026, 3, 10, 9), at(2026, 3, 10, 9, 30)),
        ]

    def test_sixty_working_days(self) -> None:
        """Long durations cross years exactly: 60 working days of 8 h from 2025-12-01."""
        t = at(2025, 12, 1, 9)
        due = CLOCK.add(t, 60 * 8 * H)
        assert due == dt.datetime.combine(
            WorkCalendar.china().add_working_days(dt.date(2025, 11, 30), 60), dt.time(18), tzinfo=SH
        )

    def test_overnight_hours_belong_to_the_start_day(self) -> None:
        """22:00–06:00 on Friday runs into Saturday morning; Saturday night is closed."""
        clock = CLOCKS["overnight"]
        fri = at(2026, 3, 13, 23)
        assert clock.is_open(fri) is True
        assert clock.is_open(at(2026, 3, 14, 5)) is True
        assert clock.is_open(at(2026, 3, 14, 23)) is False
        assert clock.add(at(2026, 3, 14, 5), 2 * H) == at(2026, 3, 16, 9)

    def test_day_ending_at_midnight_joins_the_next(self) -> None:
        """00:00–24:00 days are one continuous open stretch."""
        clock = ServiceClock(WorkCalendar.always(), BusinessHours.parse("00:00-24:00"))
        assert clock.add(at(2026, 3, 9, 23), 2 * H) == at(2026, 3, 10, 1)

    def test_dst_spring_forward_and_fall_back(self) -> None:
        """Europe/Berlin: 2026-03-29 has 23 hours, 2026-10-25 has 25; open time counts real time."""
        clock = CLOCKS["new-york-24h"]
        ny = ZoneInfo("America/New_York")
        # 2026-03-08 (Sunday) is the US spring-forward day but closed; Monday has 24 h
        assert clock.elapsed(at(2026, 3, 9, 0, tz=ny), at(2026, 3, 10, 0, tz=ny)) == 24 * H
        berlin = ServiceClock(WorkCalendar.always(), BusinessHours.parse("00:00-24:00"), "Europe/Berlin")
        be = ZoneInfo("Europe/Berlin")
        assert berlin.elapsed(at(2026, 3, 29, 0, tz=be), at(2026, 3, 30, 0, tz=be)) == 23 * H
        assert berlin.elapsed(at(2026, 10, 25, 0, tz=be), at(2026, 10, 26, 0, tz=be)) == 25 * H

    def test_coverage_applies_to_add_and_elapsed(self) -> None:
        """A strict calendar raises from add and elapsed too when they reach an uncovered year."""
        last = WorkCalendar.china().coverage.last
        with pytest.raises(CalendarCoverageError):
            CLOCK.add(at(last, 12, 30, 10), 40 * H)
        with pytest.raises(CalendarCoverageError):
            CLOCK.elapsed(at(last, 12, 30, 10), at(last + 1, 1, 5, 10))


class TestBadInput:
    def test_naive(self) -> None:
        """Naive datetimes raise NaiveDatetimeError, never get localised."""
        with pytest.raises(NaiveDatetimeError):
            CLOCK.add(dt.datetime(2026, 3, 9, 10), H)
        with pytest.raises(NaiveDatetimeError):
            CLOCK.elapsed(at(2026, 3, 9, 10), dt.datetime(2026, 3, 9, 11))

    def test_wrong_types(self) -> None:
        """A date or a number where an instant or a timedelta is expected is refused."""
        with pytest.raises(InputTypeError):
            CLOCK.is_open(dt.date(2026, 3, 9))  # type: ignore[arg-type]
        with pytest.raises(InputTypeError):
            CLOCK.add(at(2026, 3, 9, 10), 3600)  # type: ignore[arg-type]

    def test_unknown_zone(self) -> None:
        """An unknown zone is a ScheduleError."""
        with pytest.raises(ScheduleError, match="Mars/Olympus"):
            ServiceClock(WorkCalendar.weekdays(), BusinessHours.always(), "Mars/Olympus")

    def test_never_open(self) -> None:
        """A clock with no open time at all cannot add; it says why."""
        clock = ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("closed"))
        with pytest.raises(ScheduleError, match="no open time"):
            clock.add(at(2026, 3, 9, 10), H)


class TestProperties:
    @given(name=clock_names, t=instants(), d=business_durations)
    def test_elapsed_of_add_is_d(self, name: str, t: dt.datetime, d: dt.timedelta) -> None:
        """elapsed(t, add(t, d)) == d."""
        clock = CLOCKS[name]
        assert clock.elapsed(t, clock.add(t, d)) == d

    @given(name=clock_names, t=instants(), a=business_durations, b=business_durations)
    def test_add_composes(self, name: str, t: dt.datetime, a: dt.timedelta, b: dt.timedelta) -> None:
        """add(add(t, a), b) == add(t, a + b)."""
        clock = CLOCKS[name]
        assert clock.add(clock.add(t, a), b) == clock.add(t, a + b)

    @given(name=clock_names, t=instants(), u=instants(), d=business_durations, e=business_durations)
    def test_add_is_monotone(
        self, name: str, t: dt.datetime, u: dt.datetime, d: dt.timedelta, e: dt.timedelta
    ) -> None:
        """add is monotone in t and in d."""
        clock = CLOCKS[name]
        t, u = min(t, u), max(t, u)
        d, e = min(d, e), max(d, e)
        assert clock.add(t, d) <= clock.add(u, d)
        assert clock.add(t, d) <= clock.add(t, e)

    @given(name=clock_names, a=instants(), b=instants(), c=instants())
    def test_elapsed_is_additive(self, name: str, a: dt.datetime, b: dt.datetime, c: dt.datetime) -> None:
        """elapsed(a, c) == elapsed(a, b) + elapsed(b, c)."""
        clock = CLOCKS[name]
        assert clock.elapsed(a, c) == clock.elapsed(a, b) + clock.elapsed(b, c)

    @given(name=clock_names, t=instants(), d=business_durations)
    def test_subtract_inverts_add(self, name: str, t: dt.datetime, d: dt.timedelta) -> None:
        """elapsed(subtract(t, d), t) == d, and for an open t, subtract(add(t, d), d) == t."""
        clock = CLOCKS[name]
        assume(clock.elapsed(dt.datetime(2023, 6, 1, tzinfo=SH), t) >= d)
        x = clock.subtract(t, d)
        assert x <= t
        assert clock.elapsed(x, t) == d
        if clock.is_open(t):
            assert clock.subtract(clock.add(t, d), d) == t

    @given(name=clock_names, t=instants(), d=business_durations)
    def test_result_is_open_or_an_interval_end(self, name: str, t: dt.datetime, d: dt.timedelta) -> None:
        """A positive add lands inside open time or exactly at an interval's end."""
        assume(d > dt.timedelta())
        clock = CLOCKS[name]
        x = clock.add(t, d)
        assert clock.is_open(x) or clock.is_open(x - dt.timedelta(microseconds=1))

    @given(name=clock_names, t=instants(hi=dt.datetime(2026, 8, 31)), d=business_durations)
    def test_add_matches_the_slow_reference(self, name: str, t: dt.datetime, d: dt.timedelta) -> None:
        """add equals walking the open intervals one by one (tests/sla/clock/oracle.py)."""
        clock = CLOCKS[name]
        # compare on the UTC line: Python never equates an ambiguous (fold) time across zones
        assert clock.add(t, d).astimezone(dt.timezone.utc) == oracle.add(clock, t, d)

    @given(name=clock_names, a=instants(), days=st.integers(0, 20), minutes=st.integers(0, 1440))
    def test_elapsed_matches_the_slow_reference(
        self, name: str, a: dt.datetime, days: int, minutes: int
    ) -> None:
        """elapsed equals summing overlaps with every open interval."""
        clock = CLOCKS[name]
        b = a + dt.timedelta(days=days, minutes=minutes)
        assert clock.elapsed(a, b) == oracle.elapsed(clock, a, b)

    @given(t=instants(), minutes=st.integers(0, 600))
    def test_minute_stepping_reference(self, t: dt.datetime, minutes: int) -> None:
        """On the default clock, elapsed over a short span equals counting open minutes one by one."""
        b = t + dt.timedelta(minutes=minutes)
        open_minutes = sum(CLOCK.is_open(t + dt.timedelta(minutes=i)) for i in range(minutes))
        assert CLOCK.elapsed(t, b) == dt.timedelta(minutes=open_minutes)
