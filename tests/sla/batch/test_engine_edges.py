"""The batch engine at its edges: integer epoch units, one-microsecond steps back, year ends on rest
days, and the first and last years a calendar covers — each element equal to the scalar answer."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.sla import DeadlineRule, ServiceClock, WorkCalendar, batch
from tests.strategies import fuzz_examples

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
US = dt.timedelta(microseconds=1)


def _us(t: dt.datetime) -> int:
    return (t - EPOCH) // US


def _dt(us: int) -> dt.datetime:
    return EPOCH + us * US


# instants in 2025–2026, at millisecond resolution
millis = st.integers(
    _us(dt.datetime(2025, 1, 1, tzinfo=UTC)) // 1000, _us(dt.datetime(2026, 6, 30, tzinfo=UTC)) // 1000
)


class TestEpochUnits:
    @pytest.mark.parametrize(("unit", "per_us"), [("s", None), ("ms", 1000), ("us", 1)])
    @settings(max_examples=fuzz_examples(100))
    @given(values=st.lists(millis, min_size=1, max_size=20), minutes=st.integers(1, 3000))
    def test_integer_epochs_read_in_their_unit(
        self, unit: str, per_us: int | None, values: list[int], minutes: int
    ) -> None:
        """Integer epoch time is read in its ``unit`` and answered in the same unit, as the scalar clock says."""
        clock = ServiceClock.default()
        if per_us is None:  # whole seconds
            ints = np.array([v // 1000 for v in values], dtype=np.int64)
            instants = [_dt(int(v) * 1_000_000) for v in ints]
            scale = 1_000_000
        else:
            ints = np.array([v * 1000 // per_us for v in values], dtype=np.int64)
            instants = [_dt(int(v) * per_us) for v in ints]
            scale = per_us
        out = batch.add(clock, ints, np.timedelta64(minutes, "m"), unit=unit)
        expected = [_us(clock.add(t, dt.timedelta(minutes=minutes))) for t in instants]
        assert [int(o) * scale for o in out] == [e - e % scale for e in expected]
        assert [int(o) for o in out] == [e // scale for e in expected]

    @settings(max_examples=fuzz_examples(100))
    @given(values=st.lists(millis, min_size=1, max_size=20))
    def test_nanosecond_epochs(self, values: list[int]) -> None:
        """Nanosecond epochs are read as microseconds and answered in nanoseconds."""
        clock = ServiceClock.default()
        ns = np.array([v * 1_000_000 for v in values], dtype=np.int64)
        out = batch.add(clock, ns, np.timedelta64(90, "m"), unit="ns")
        assert [int(o) for o in out] == [
            _us(clock.add(_dt(v * 1000), 90 * dt.timedelta(minutes=1))) * 1000 for v in values
        ]


class TestSmallSteps:
    @settings(max_examples=fuzz_examples(100))
    @given(
        values=st.lists(millis, min_size=1, max_size=20),
        steps=st.lists(st.sampled_from([-1, 0, 1, -2, 2, -60_000_000]), min_size=20, max_size=20),
    )
    def test_one_microsecond_steps_equal_the_scalar_clock(self, values: list[int], steps: list[int]) -> None:
        """Adding ±1 µs (and 0) of open time to each instant equals ``clock.add`` element by element."""
        clock = ServiceClock.default()
        x = np.array(values, dtype=np.int64) * 1000
        d = np.array(steps[: x.size], dtype=np.int64)
        out = batch.add(clock, x.astype("datetime64[us]"), d.astype("timedelta64[us]"))
        expected = [_us(clock.add(_dt(int(a)), int(s) * US)) for a, s in zip(x, d, strict=True)]
        assert out.astype(np.int64).tolist() == expected


class TestYearEnds:
    @pytest.mark.parametrize("year", [2022, 2023])  # 31 December: a Saturday, a Sunday
    @pytest.mark.parametrize("rule", ["3个工作日", "次工作日", "当日", "5天", "1个月"])
    def test_deadlines_from_a_year_ending_on_a_rest_day(self, year: int, rule: str) -> None:
        """Days loaded for a year that ends on a rest day give the scalar deadline for starts in that year."""
        clock = ServiceClock.default()  # a fresh clock: its per-day tables hold only this year at first
        starts = [
            dt.datetime(year, m, d, h, tzinfo=UTC)
            for m, d, h in ((1, 5, 2), (6, 30, 9), (12, 1, 3), (12, 20, 8))
        ]
        arr = np.array([_us(t) for t in starts], dtype=np.int64).astype("datetime64[us]")
        out = batch.due(clock, arr, DeadlineRule(rule))
        assert out.astype(np.int64).tolist() == [_us(clock.due(t, rule)) for t in starts]


class TestCalendarCoverage:
    CALENDAR = WorkCalendar.china()  # covered: 2001–2026

    @pytest.mark.parametrize(
        ("dates", "counts"),
        [
            (["2001-01-04", "2001-03-15", "2001-06-01"], [0, 1, 20]),  # the first covered year
            (["2026-01-05", "2026-06-15", "2026-09-01"], [0, 3, 20]),  # the last covered year
            (["2026-03-05", "2026-06-15", "2026-09-01"], [-1, -3, 0]),
            # 1 January, a holiday, is the first day of the table: no working day up to it
            (["2026-01-01", "2026-03-02", "2026-01-01"], [0, 5, 1]),
            (["2025-01-01", "2026-03-02", "2026-01-01"], [0, -5, 0]),
        ],
    )
    def test_dates_in_the_first_and_last_covered_years(self, dates: list[str], counts: list[int]) -> None:
        """Working-day arithmetic inside the covered years needs no year beyond them: scalar answers, no error."""
        arr = np.array(dates, dtype="datetime64[D]")
        out = batch.add_working_days(self.CALENDAR, arr, np.array(counts))
        expected = [
            self.CALENDAR.add_working_days(dt.date.fromisoformat(d), n)
            for d, n in zip(dates, counts, strict=True)
        ]
        assert [o.astype(dt.date) for o in out] == expected
