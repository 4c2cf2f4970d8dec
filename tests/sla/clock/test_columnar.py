"""The ColumnarClock protocol: immutable snapshots of a clock's arrays that equal its scalar answers
(issue 24, Internals). The columnar engine and the SQL export read only these."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import threading
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError, ClockRangeError, InputTypeError, ScheduleError
from servstd.sla import BusinessHours, DayKind, ServiceClock, WorkCalendar
from servstd.sla.calendar.day_table import DayTable
from servstd.sla.clock.columnar import MISSING, ColumnarClock, LocalDays, OpenIntervals, epoch_us, wall_us
from tests.strategies import CLOCKS, clock_names

SH = ZoneInfo("Asia/Shanghai")
ONE_US = dt.timedelta(microseconds=1)
years = st.integers(2004, 2025).flatmap(lambda y: st.tuples(st.just(y), st.integers(y, y + 1)))


def us_of(t: dt.datetime) -> int:
    return (t - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)) // ONE_US


def at(x: int, clock: ServiceClock) -> dt.datetime:
    return (dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + x * ONE_US).astimezone(clock.zone)


class TestOpenIntervals:
    @settings(max_examples=30)
    @given(name=clock_names, span=years, data=st.data())
    def test_prefix_sums_are_the_scalar_open_time(
        self, name: str, span: tuple[int, int], data: st.DataObject
    ) -> None:
        """open_before(b) - open_before(a) == clock.elapsed(a, b) for instants inside the snapshot;
        the intervals are sorted and disjoint, cum/cum_end add up their lengths from lo."""
        clock = CLOCKS[name]
        snap = clock.open_intervals(*span)
        assert snap.first_year <= span[0]
        assert span[1] <= snap.last_year
        starts, ends = np.asarray(snap.starts), np.asarray(snap.ends)
        cum, cum_end = np.asarray(snap.cum), np.asarray(snap.cum_end)
        assert (ends > starts).all()
        assert (starts[1:] >= ends[:-1]).all()
        assert (cum_end - cum == ends - starts).all()
        assert (cum[1:] == cum_end[:-1]).all()
        assert int(cum_end[-1]) == snap.total == snap.open_before(snap.hi)
        # instants of the requested years (a snapshot may hold more: one built before that covers them)
        lo = wall_us(dt.date(span[0], 1, 1), 0, clock.zone)
        hi = wall_us(dt.date(span[1] + 1, 1, 1), 0, clock.zone)
        assert snap.lo <= lo < hi <= snap.hi
        a, b = sorted(data.draw(st.lists(st.integers(lo, hi - 1), min_size=2, max_size=2)))
        assert (snap.open_before(b) - snap.open_before(a)) * ONE_US == clock.elapsed(
            at(a, clock), at(b, clock)
        )

    def test_lo_and_hi_are_local_new_years_midnights(self) -> None:
        """lo is local 00:00 on 1 January of the first year, hi the same of the year after the last."""
        snap = ServiceClock.default().open_intervals(2026, 2026)
        assert at(snap.lo, ServiceClock.default()) == dt.datetime(snap.first_year, 1, 1, tzinfo=SH)
        assert at(snap.hi, ServiceClock.default()) == dt.datetime(snap.last_year + 1, 1, 1, tzinfo=SH)

    def test_numpy_reads_it_without_a_copy_and_nobody_can_write_it(self) -> None:
        """The arrays are read-only int64 buffers: numpy views them, writing raises."""
        snap = ServiceClock.default().open_intervals(2026, 2026)
        view = np.asarray(snap.starts)
        assert view.dtype == np.int64
        assert not view.flags.writeable
        assert np.shares_memory(view, np.frombuffer(snap.starts, dtype=np.int64))
        with pytest.raises(TypeError):
            snap.starts[0] = 0  # type: ignore[index]
        with pytest.raises(ValueError, match="read-only"):
            view[0] = 0

    def test_a_snapshot_never_changes_while_other_threads_load_years(self) -> None:
        """One snapshot per operation: arrays taken before other threads extend the clock keep
        their values (the clock hands out new snapshots; it never changes one)."""
        clock = ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-17:00"))
        snap = clock.open_intervals(2020, 2020)
        before = [bytes(v) for v in (snap.starts, snap.ends, snap.cum, snap.cum_end)]
        threads = [
            threading.Thread(target=clock.open_intervals, args=(y, y + 1))
            for y in (2004, 2010, 2018, 2021, 2025)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [bytes(v) for v in (snap.starts, snap.ends, snap.cum, snap.cum_end)] == before
        assert (snap.first_year, snap.last_year) == (2020, 2020)

    @pytest.mark.parametrize(("first", "last"), [(2026, 2025), (1, 2026), (2026, 9999)])
    def test_years_outside_the_clock_are_refused(self, first: int, last: int) -> None:
        """A span that runs backwards or leaves the local years 2–9998 is a ClockRangeError."""
        with pytest.raises(ClockRangeError):
            ServiceClock.default().open_intervals(first, last)

    def test_a_year_that_is_not_an_int_is_refused(self) -> None:
        """Years are ints."""
        with pytest.raises(InputTypeError, match="first_year"):
            ServiceClock.default().open_intervals("2026", 2026)  # type: ignore[arg-type]


class TestLocalDays:
    @settings(max_examples=20)
    @given(name=clock_names, span=years, data=st.data())
    def test_each_day_is_the_scalar_day(self, name: str, span: tuple[int, int], data: st.DataObject) -> None:
        """starts[k] is 00:00 of day k, opens[k] its first opening and closes[k] its close of
        business (MISSING when closed), as the scalar clock says."""
        clock = CLOCKS[name]
        days = clock.local_days(*span)
        assert len(days.starts) == len(days) + 1
        first, last = dt.date(span[0], 1, 1), dt.date(span[1], 12, 31)
        offset = (first - days.first).days  # the snapshot may start earlier than asked
        assert offset >= 0
        assert offset + (last - first).days < len(days)
        for i in data.draw(st.lists(st.integers(0, (last - first).days), min_size=1, max_size=10)):
            k = offset + i
            d = days.first + dt.timedelta(days=k)
            assert at(days.starts[k], clock) == clock.end_of_day(d - dt.timedelta(days=1))
            assert at(days.starts[k + 1], clock) == clock.end_of_day(d)
            ivs = clock.intervals_on(d)
            close = clock.close_of_business(d)
            assert days.opens[k] == (us_of(ivs[0][0]) if ivs else MISSING)
            assert days.closes[k] == (us_of(close) if close is not None else MISSING)

    def test_wall_times_are_local_wall_clock_on_every_day(self) -> None:
        """wall_times(17:00) is 17:00 local on each day, across a DST change (Berlin, 29 March 2026)."""
        clock = ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"), "Europe/Berlin")
        days = clock.local_days(2026, 2026)
        five = days.wall_times(17 * 3600)
        berlin = ZoneInfo("Europe/Berlin")
        for k in (86, 87, 88):  # 28, 29, 30 March
            d = days.first + dt.timedelta(days=k)
            assert five[k] == us_of(dt.datetime(d.year, d.month, d.day, 17, tzinfo=berlin))
        assert days.wall_times(17 * 3600) is five  # built once

    def test_missing_is_numpys_nat(self) -> None:
        """A closed day's close reads as NaT in numpy."""
        days = ServiceClock.default().local_days(2026, 2026)
        closes = np.asarray(days.closes).view("datetime64[us]")
        assert np.isnat(closes[(dt.date(2026, 10, 1) - days.first).days])


class TestDayTable:
    CN = WorkCalendar.china(notices=False)

    @settings(max_examples=30)
    @given(span=years, data=st.data())
    def test_counts_and_lists_are_the_scalar_calendar(
        self, span: tuple[int, int], data: st.DataObject
    ) -> None:
        """kinds[k] is day_kind; working_before differences are working_days_between; working_days
        lists the working days in order (so the n-th working day is one lookup)."""
        t = self.CN.day_table(*span)
        before, listed = np.asarray(t.working_before), np.asarray(t.working_days)
        assert before.size == len(t) + 1
        assert listed.size == before[-1]
        i, j = sorted(data.draw(st.lists(st.integers(0, len(t)), min_size=2, max_size=2)))
        a, b = t.first + dt.timedelta(days=i), t.first + dt.timedelta(days=j)
        assert int(before[j] - before[i]) == self.CN.working_days_between(a, b)
        if i < len(t):
            assert DayTable.KINDS[t.kinds[i]] is self.CN.day_kind(a)
        if before[i] < listed.size:
            nth = t.first + dt.timedelta(days=int(listed[before[i]]))
            assert nth == (a if self.CN.is_working_day(a) else self.CN.next_working_day(a))

    def test_working_codes(self) -> None:
        """Codes 0 and 3 are the working kinds (working day, make-up working day)."""
        assert [k.is_working for k in DayTable.KINDS] == [True, False, False, True]
        assert DayTable.KINDS[3] is DayKind.MAKEUP_WORKDAY

    def test_a_strict_calendar_refuses_an_uncovered_year(self) -> None:
        """A span that runs backwards is refused; a table of a year the calendar does not cover is
        the usual CalendarCoverageError."""
        with pytest.raises(ScheduleError):
            self.CN.day_table(2027, 2026)
        with pytest.raises(CalendarCoverageError):
            self.CN.day_table(2026, 2040)

    def test_built_once_per_span(self) -> None:
        """The same span gives the same snapshot."""
        assert self.CN.day_table(2020, 2021) is self.CN.day_table(2020, 2021)


class TestCopies:
    @pytest.mark.parametrize("how", ["pickle", "deepcopy"])
    def test_snapshots_and_what_holds_them_copy_by_value(self, how: str) -> None:
        """Snapshots pickle and deep-copy with the same arrays (as read-only int64 views); a calendar
        and a clock that handed some out copy by value, their tables rebuilt on demand."""
        copy_of = (lambda o: pickle.loads(pickle.dumps(o))) if how == "pickle" else copy.deepcopy
        clock = ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-17:00"))
        snaps = [
            clock.open_intervals(2026, 2026),
            clock.local_days(2026, 2026),
            clock.calendar.day_table(2026, 2026),
        ]
        for snap in snaps:
            got = copy_of(snap)
            assert type(got) is type(snap)
            for name in (
                "starts",
                "ends",
                "cum",
                "cum_end",
                "opens",
                "closes",
                "working_before",
                "working_days",
                "kinds",
            ):
                if hasattr(snap, name):
                    assert bytes(getattr(got, name)) == bytes(getattr(snap, name))
                    assert np.asarray(getattr(got, name)).dtype == np.asarray(getattr(snap, name)).dtype
        assert copy_of(clock.calendar) == clock.calendar
        assert copy_of(clock).open_intervals(2026, 2026).total == snaps[0].total


class TestTheProtocol:
    def test_a_service_clock_is_a_columnar_clock(self) -> None:
        """ServiceClock offers every member of ColumnarClock (mypy checks the types in typing_tests)."""
        members = {"calendar", "hours", "zone", "local_year", "open_intervals", "local_days", "memory_bytes"}
        assert members <= set(dir(ServiceClock.default()))
        assert {m for m in vars(ColumnarClock) if not m.startswith("_")} == members

    def test_local_year_is_the_year_in_the_clocks_zone(self) -> None:
        """2025-12-31 17:00 UTC is already 2026 in Shanghai."""
        x = us_of(dt.datetime(2025, 12, 31, 17, tzinfo=dt.timezone.utc))
        assert ServiceClock.default().local_year(x) == 2026
        assert (
            ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"), "UTC").local_year(x)
            == 2025
        )

    def test_integer_instants(self) -> None:
        """epoch_us and wall_us agree with datetime arithmetic."""
        t = dt.datetime(2026, 9, 30, 16, 0, 0, 5, tzinfo=SH)
        assert epoch_us(t) == us_of(t)
        assert wall_us(dt.date(2026, 9, 30), 16 * 3600, SH) == us_of(t) - 5

    def test_memory_is_counted(self) -> None:
        """memory_bytes counts the year lists and the snapshots handed out."""
        clock = ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"))
        clock.open_intervals(2026, 2026)
        held = clock.memory_bytes()
        days = clock.local_days(2026, 2026)
        assert isinstance(days, LocalDays)
        assert clock.memory_bytes() == held + days.nbytes
        assert isinstance(clock.open_intervals(2026, 2026), OpenIntervals)
