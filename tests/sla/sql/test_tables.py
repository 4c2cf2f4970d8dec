"""The exported tables against the Python calendar and clock, every day and every interval (issue 17)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from servstd.errors import CalendarCoverageError, InputTypeError, ScheduleError
from servstd.sla import BusinessHours, ServiceClock, WorkCalendar
from servstd.sla.sql import ExportTables, build_tables
from servstd.sla.sql._tables import year_span
from tests.sla.sql import oracle
from tests.sla.sql.conftest import CLOCK, FIRST, LAST, NOW

SH = CLOCK.zone


class TestDays:
    def test_every_date_once_in_order(self, tables: ExportTables) -> None:
        """One row per date from 2020-01-01 to 2026-12-31, no gap, no repeat."""
        dates = [r.date for r in tables.days]
        assert dates[0] == dt.date(FIRST, 1, 1)
        assert dates[-1] == dt.date(LAST, 12, 31)
        assert all((b - a).days == 1 for a, b in itertools.pairwise(dates))

    def test_working_day_seq_counts_with_a_slow_loop(self, tables: ExportTables) -> None:
        """working_day_seq = working days from the first date up to and including the row (a plain count)."""
        count = 0
        for row in tables.days:
            count += CLOCK.calendar.is_working_day(row.date)
            assert row.working_day_seq == count, row.date
            assert row.working_day_seq == CLOCK.calendar.working_days_between(
                dt.date(FIRST, 1, 1), row.date + dt.timedelta(days=1)
            )

    def test_kind_names_and_flags(self, tables: ExportTables) -> None:
        """kind, is_working and the holiday names are the calendar's, for every day."""
        cal = CLOCK.calendar
        for row in tables.days:
            kind = cal.day_kind(row.date)
            assert (row.kind, row.is_working) == (kind.value, kind.is_working)
            assert (row.holiday, row.holiday_en) == (
                cal.holiday_name(row.date),
                cal.holiday_name(row.date, "en"),
            )

    def test_open_seconds_against_the_clock(self, tables: ExportTables) -> None:
        """open_seconds is the clock's open time between local 00:00 and 24:00; open_seconds_before is
        elapsed from the first midnight; close_at is the close of business."""
        first = dt.datetime(FIRST, 1, 1, tzinfo=SH)
        for row in tables.days:
            start = dt.datetime.combine(row.date, dt.time(), tzinfo=SH)
            end = dt.datetime.combine(row.date + dt.timedelta(days=1), dt.time(), tzinfo=SH)
            assert row.day_start_at == start
            assert row.day_end_at == end
            assert row.open_seconds_before == CLOCK.elapsed(first, start).total_seconds()
            # a strict clock cannot read 24:00 of the last date (the next, uncovered year): stop 1 µs short
            last = end - dt.timedelta(microseconds=1) if end.year > LAST else end
            assert row.open_seconds == sum((b - a).total_seconds() for a, b in CLOCK.periods(start, last))
            assert row.close_at == CLOCK.close_of_business(row.date)

    def test_hand_checked_national_day(self, tables: ExportTables) -> None:
        """2026-10-01 is 国庆节 (closed); Saturday 2026-10-10 is a make-up working day open 8 hours."""
        by_date = {r.date: r for r in tables.days}
        oct1, oct10 = by_date[dt.date(2026, 10, 1)], by_date[dt.date(2026, 10, 10)]
        assert (oct1.kind, oct1.is_working, oct1.open_seconds, oct1.close_at) == ("holiday", False, 0, None)
        assert (oct10.kind, oct10.is_working, oct10.open_seconds) == ("makeup_workday", True, 8 * 3600)
        assert oct10.working_day_seq == by_date[dt.date(2026, 9, 30)].working_day_seq + 3  # Oct 8, 9, 10


class TestIntervals:
    def test_intervals_are_the_clock_periods(self, tables: ExportTables) -> None:
        """The interval rows are the clock's open periods over the export, with running sums before each."""
        lo, hi = oracle.span(CLOCK, FIRST, LAST)
        periods = CLOCK.periods(oracle.at(lo), oracle.at(hi - 1))
        assert [(r.start_at, r.end_at) for r in tables.intervals] == periods
        total = 0
        for r, (a, b) in zip(tables.intervals, periods, strict=True):
            assert r.open_seconds_before == total
            total += int((b - a).total_seconds())

    def test_day_and_interval_counts_agree(self, tables: ExportTables) -> None:
        """A day's open_seconds_before equals the count at its first interval (the two tables agree)."""
        first_interval: dict[dt.date, int] = {}
        for r in tables.intervals:
            first_interval.setdefault(r.start_at.astimezone(SH).date(), r.open_seconds_before)
        for row in tables.days:
            if row.date in first_interval:
                assert first_interval[row.date] == row.open_seconds_before

    def test_dst_day_is_short(self) -> None:
        """In New York, 24-hour days lose an hour on 2025-03-09 and gain one on 2025-11-02 (DST-correct)."""
        clock = ServiceClock(WorkCalendar.always(), BusinessHours.parse("00:00-24:00"), "America/New_York")
        days = {r.date: r for r in build_tables(clock, 2025).days}
        assert days[dt.date(2025, 3, 9)].open_seconds == 23 * 3600
        assert days[dt.date(2025, 11, 2)].open_seconds == 25 * 3600
        assert days[dt.date(2025, 11, 3)].open_seconds == 24 * 3600

    def test_overnight_hours_spill_across_midnight(self) -> None:
        """An interval 22:00–06:00 belongs to its start date; the day table counts open time within each
        local day, so the first of January counts the spill from 31 December."""
        clock = ServiceClock(WorkCalendar.always(), BusinessHours.parse("22:00-06:00"), "Asia/Shanghai")
        t = build_tables(clock, 2025)
        assert t.intervals[0].start_at == dt.datetime(2025, 1, 1, tzinfo=SH)  # clipped at the export start
        assert t.intervals[0].end_at == dt.datetime(2025, 1, 1, 6, tzinfo=SH)
        assert t.days[0].open_seconds == 8 * 3600  # 00:00–06:00 and 22:00–24:00
        assert t.days[0].close_at == dt.datetime(2025, 1, 2, 6, tzinfo=SH)
        assert t.intervals[-1].end_at == dt.datetime(2026, 1, 1, tzinfo=SH)  # clipped at the export end


class TestMetaAndErrors:
    def test_meta(self, tables: ExportTables) -> None:
        """servstd_meta says what was exported: region, hours, zone, years, coverage, version, time."""
        m = tables.meta
        assert (m.region, m.hours, m.zone, m.first_year, m.last_year) == (
            "CN", "09:00-12:00,13:00-18:00", "Asia/Shanghai", FIRST, LAST,
        )  # fmt: skip
        assert m.coverage.startswith("2001")
        assert m.exported_at == NOW
        assert m.notices == ""
        assert (m.starts_at, m.ends_at) == (
            dt.datetime(2020, 1, 1, tzinfo=SH),
            dt.datetime(2027, 1, 1, tzinfo=SH),
        )

    def test_meta_names_the_notices_used(self) -> None:
        """A notice or overlay applied to the calendar is listed with the years it touches."""
        cal = WorkCalendar.china().with_rest_days({dt.date(2026, 12, 31): "公司年会"}, name="公司年会")
        t = build_tables(ServiceClock(cal, BusinessHours.parse("09:00-18:00")), 2026)
        assert t.meta.notices == "公司年会: 2026"
        assert next(r for r in t.days if r.date == dt.date(2026, 12, 31)).holiday == "公司年会"

    def test_uncovered_year_is_an_error(self) -> None:
        """A strict calendar refuses a year it does not know (no estimated rows are exported)."""
        with pytest.raises(CalendarCoverageError, match="2027"):
            build_tables(CLOCK, (2026, 2031))

    @pytest.mark.parametrize(
        ("years", "error"),
        [((2026, 2020), ScheduleError), ((0, 2), ScheduleError), ((1800, 2100), ScheduleError),
         ("2026", InputTypeError), (range(2020, 2026, 2), InputTypeError), (True, InputTypeError)],
    )  # fmt: skip
    def test_bad_years(self, years: object, error: type[Exception]) -> None:
        """Backward, out-of-range, too long or ill-typed years are errors that say what is accepted."""
        with pytest.raises(error):
            year_span(years)

    def test_not_a_clock(self) -> None:
        """Only a ServiceClock can be exported."""
        with pytest.raises(InputTypeError, match="ServiceClock"):
            build_tables(WorkCalendar.china(), 2026)  # type: ignore[arg-type]
