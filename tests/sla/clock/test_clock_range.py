"""Bounds of the clock: far years load as separate pieces; absurd spans and years are refused at once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import ClockRangeError, InputTypeError, NaiveDatetimeError, ScheduleError
from servstd.sla import BusinessHours, ServiceClock, WorkCalendar
from servstd.sla.clock._timeline import MAX_SPAN_YEARS

SH = ZoneInfo("Asia/Shanghai")
T = dt.datetime(2026, 9, 30, 16, tzinfo=SH)


def nine_to_five() -> ServiceClock:
    return ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"), "America/New_York")


class TestPieces:
    def test_far_year_is_a_separate_piece(self) -> None:
        """is_open in year 2 after a 2026 query builds two years of intervals, not two thousand."""
        clock = nine_to_five()
        assert not clock.is_open(T)  # 04:00 in New York
        assert clock.is_open(dt.datetime(2, 1, 4, 15, tzinfo=ZoneInfo("America/New_York")))
        assert clock._timeline.loaded_intervals() < 2 * 262  # about 261 working days a year

    def test_answers_across_pieces_equal_a_fresh_clock(self) -> None:
        """Loading 1990 after 2026 does not change answers in 2026 (pieces are independent)."""
        used = nine_to_five()
        used.is_open(T)
        used.is_open(dt.datetime(1990, 5, 1, tzinfo=SH))
        d = dt.timedelta(hours=3_000)
        assert used.add(T, d) == nine_to_five().add(T, d)
        assert used.subtract(T, d) == nine_to_five().subtract(T, d)


class TestAbsurdSpans:
    @pytest.mark.parametrize("d", [dt.timedelta.max, dt.timedelta(days=3_000_000), dt.timedelta.min])
    def test_absurd_duration_is_refused_before_any_work(self, d: dt.timedelta) -> None:
        """add(t, timedelta.max) on 7×24 raises ClockRangeError naming the bound, loading nothing more."""
        clock = ServiceClock.always()
        clock.is_open(T)
        loaded = clock._timeline.loaded_intervals()
        with pytest.raises(ClockRangeError, match=f"at most {MAX_SPAN_YEARS} years"):
            clock.add(T, d)
        assert clock._timeline.loaded_intervals() == loaded

    def test_span_just_inside_the_bound_is_answered(self) -> None:
        """Fifty years of 7×24 time is an ordinary answer: exactly t + d."""
        d = dt.timedelta(days=50 * 365)
        assert ServiceClock.always().add(T, d) == T + d

    def test_elapsed_over_too_many_years_is_refused(self) -> None:
        """elapsed between year 2 and 2026 spans more than the bound: ClockRangeError, not minutes."""
        with pytest.raises(ClockRangeError, match="spans local years 2–2026"):
            ServiceClock.always().elapsed(dt.datetime(2, 1, 2, tzinfo=SH), T)

    def test_clock_that_never_opens(self) -> None:
        """A clock with no open time gives up after three empty years with a ScheduleError."""
        clock = ServiceClock(WorkCalendar.always(), BusinessHours.weekly({}, rest=None))
        with pytest.raises(ScheduleError, match="no open time"):
            clock.add(T, dt.timedelta(hours=1))


class TestYearsOutOfRange:
    @pytest.mark.parametrize(
        "t",
        [
            dt.datetime(9999, 6, 1, tzinfo=SH),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
            dt.datetime(1, 1, 1, tzinfo=SH),
            dt.datetime(1, 12, 31, 12, tzinfo=dt.timezone.utc),
            dt.datetime.max.replace(tzinfo=dt.timezone.utc),
            dt.datetime.min.replace(tzinfo=dt.timezone.utc),
        ],
    )
    def test_every_operation_refuses_year_1_and_9999(self, t: dt.datetime) -> None:
        """Instants in local year 1 or 9999 raise ClockRangeError from every operation, never OverflowError."""
        clock = ServiceClock.always()
        for op in (
            lambda: clock.is_open(t),
            lambda: clock.next_open(t),
            lambda: clock.add(t, dt.timedelta(hours=1)),
            lambda: clock.subtract(t, dt.timedelta(hours=1)),
            lambda: clock.elapsed(t, t),
            lambda: clock.periods(t, t + dt.timedelta(hours=1)) if t.year < 9999 else clock.periods(t, t),
            lambda: clock.deadline(t, "3天"),
        ):
            try:
                op()
            except ClockRangeError:
                continue
            pytest.fail(f"no ClockRangeError for {t!r} from {op}")

    def test_local_converts_or_refuses(self) -> None:
        """local() is a conversion: at the very end of datetime's range it is a ClockRangeError, not OverflowError."""
        with pytest.raises(ClockRangeError):
            ServiceClock.always().local(
                dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-12)))
            )

    def test_results_past_year_9998_are_refused(self) -> None:
        """A result that would fall in local year 9999 is a ClockRangeError."""
        with pytest.raises(ClockRangeError, match="9999"):
            ServiceClock.always().add(dt.datetime(9998, 12, 31, 23, tzinfo=SH), dt.timedelta(hours=2))

    def test_last_supported_year_answers(self) -> None:
        """9998-12-31 23:00 + 30 min on a 7×24 clock is 23:30: the range is usable to its end."""
        t = dt.datetime(9998, 12, 31, 23, tzinfo=SH)
        assert ServiceClock.always().add(t, dt.timedelta(minutes=30)) == t + dt.timedelta(minutes=30)


class TestZonesAndTzinfo:
    @pytest.mark.parametrize("tz", ["Asia", "Asia/", "", "../etc/passwd", "Nowhere/City"])
    def test_unknown_zone(self, tz: str) -> None:
        """tz='Asia' (a directory of the zone database) is a ScheduleError naming the zone."""
        with pytest.raises(ScheduleError, match="unknown time zone"):
            ServiceClock.always(tz)

    def test_zone_of_the_wrong_type(self) -> None:
        """A tz that is not a string is an InputTypeError."""
        with pytest.raises(InputTypeError):
            ServiceClock.always(8)  # type: ignore[arg-type]

    def test_tzinfo_without_offset(self) -> None:
        """A tzinfo whose utcoffset is None makes a naive datetime: NaiveDatetimeError."""

        class NoOffset(dt.tzinfo):
            def utcoffset(self, d: dt.datetime | None) -> dt.timedelta | None:
                return None

        with pytest.raises(NaiveDatetimeError):
            ServiceClock.always().add(dt.datetime(2026, 1, 1, tzinfo=NoOffset()), dt.timedelta(hours=1))

    def test_tzinfo_with_a_broken_offset(self) -> None:
        """A tzinfo answering something other than a timedelta is an InputTypeError."""

        class Broken(dt.tzinfo):
            def utcoffset(self, d: dt.datetime | None) -> dt.timedelta | None:
                return 8  # type: ignore[return-value]

        with pytest.raises(InputTypeError):
            ServiceClock.always().is_open(dt.datetime(2026, 1, 1, tzinfo=Broken()))
