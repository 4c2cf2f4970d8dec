"""Working-day arithmetic over columns equals the scalar calendar (issue: the columnar engine at
the numpy ceiling): ``batch.working_days_between`` and ``batch.add_working_days``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError, InputTypeError, ScheduleError, ServstdError
from servstd.sla import WorkCalendar, batch
from tests.strategies import (
    COVERED_FIRST,
    COVERED_LAST,
    count_columns,
    date_columns,
    edge_dates,
    fuzz_examples,
)

CALENDARS = {
    "CN": WorkCalendar.china(notices=False),  # covered 2001–2026: the edges are the strategy's
    "TW": WorkCalendar.for_region("TW"),  # covered 2000–2025
    "weekdays": WorkCalendar.weekdays(),
    "CN + company days": WorkCalendar.china(notices=False)
    .with_rest_days([dt.date(2026, 12, 31), dt.date(2001, 1, 2)])
    .with_work_days([dt.date(2026, 12, 27)]),
}
calendar_names = st.sampled_from(sorted(CALENDARS))


def scalar(fn: Callable[..., Any], *args: Any) -> Any:
    """The scalar answer, or the class of the error it raises; None where an argument is missing."""
    if any(a is None for a in args):
        return None
    try:
        return fn(*args)
    except ServstdError as exc:
        return type(exc)


def dates_array(values: list[dt.date | None]) -> np.ndarray:
    return np.array([np.datetime64("NaT", "D") if v is None else v for v in values], dtype="datetime64[D]")


def as_list(out: Any) -> list[Any]:
    """Answers as Python values, None where missing (numpy dates, masked counts)."""
    if isinstance(out, np.ma.MaskedArray):
        return [None if m else int(v) for v, m in zip(out.data, np.ma.getmaskarray(out), strict=True)]
    return [None if np.isnat(v) else v.astype(dt.date) for v in out]


def check(expected: list[Any], run: Callable[[], Any]) -> None:
    """The batch answers are the scalar ones, or the batch call raises what the scalar one raised."""
    errors = {e for e in expected if isinstance(e, type)}
    if errors:
        with pytest.raises(tuple(errors)):
            run()
    else:
        assert as_list(run()) == expected


class TestEqualsScalar:
    @settings(max_examples=fuzz_examples(500))
    @given(name=calendar_names, a=date_columns, b=date_columns)
    def test_working_days_between(self, name: str, a: list[dt.date | None], b: list[dt.date | None]) -> None:
        """working_days_between: [a, b) counted, b < a mirrored and negative, missing stays missing,
        and a strict calendar refuses exactly where the scalar method does (never for a == b)."""
        cal = CALENDARS[name]
        n = min(len(a), len(b))
        a, b = a[:n], b[:n]
        expected = [scalar(cal.working_days_between, x, y) for x, y in zip(a, b, strict=True)]
        check(expected, lambda: batch.working_days_between(cal, dates_array(a), dates_array(b)))

    @settings(max_examples=fuzz_examples(500))
    @given(name=calendar_names, dates=date_columns, counts=count_columns)
    def test_add_working_days_column_of_counts(
        self, name: str, dates: list[dt.date | None], counts: list[int | None]
    ) -> None:
        """add_working_days with one n per date (zeros, both signs, missing): the scalar answers and
        refusals; n == 0 answers the date itself without reading its year."""
        cal = CALENDARS[name]
        n = counts[: len(dates)]
        expected = [scalar(cal.add_working_days, d, k) for d, k in zip(dates, n, strict=True)]
        check(
            expected,
            lambda: batch.add_working_days(cal, dates_array(dates), n),
        )

    @settings(max_examples=fuzz_examples(500))
    @given(
        name=calendar_names,
        dates=date_columns,
        n=st.one_of(st.integers(-400, 400), st.sampled_from([0, 1, -1])),
    )
    def test_add_working_days_one_count(self, name: str, dates: list[dt.date | None], n: int) -> None:
        """add_working_days with one n for every date equals the scalar method element by element."""
        cal = CALENDARS[name]
        expected = [scalar(cal.add_working_days, d, n) for d in dates]
        check(expected, lambda: batch.add_working_days(cal, dates_array(dates), n))

    @given(d=edge_dates, n=st.integers(-5, 5))
    def test_single_dates(self, d: dt.date, n: int) -> None:
        """Two single dates are the scalar method itself; one date against a column broadcasts."""
        cal = CALENDARS["CN"]
        e = d + dt.timedelta(days=n)
        expected = scalar(cal.working_days_between, d, e)
        if isinstance(expected, type):
            with pytest.raises(expected):
                batch.working_days_between(cal, d, e)
        else:
            assert batch.working_days_between(cal, d, e) == expected
            assert as_list(batch.working_days_between(cal, d, dates_array([e, None]))) == [expected, None]
            assert as_list(batch.working_days_between(cal, dates_array([d]), e.isoformat())) == [expected]


class TestCoverageEdges:
    CAL = CALENDARS["CN"]

    def test_the_last_covered_day(self) -> None:
        """[2026-12-31, 2027-01-01) reads only 2026: counted; one working day after it needs 2027:
        refused, as by the scalar method."""
        last = dates_array([COVERED_LAST])
        after = dates_array([COVERED_LAST + dt.timedelta(days=1)])
        assert as_list(batch.working_days_between(self.CAL, last, after)) == [
            self.CAL.working_days_between(COVERED_LAST, COVERED_LAST + dt.timedelta(days=1))
        ]
        with pytest.raises(CalendarCoverageError):
            batch.add_working_days(self.CAL, last, 1)
        with pytest.raises(CalendarCoverageError):
            self.CAL.add_working_days(COVERED_LAST, 1)

    def test_the_first_covered_day(self) -> None:
        """Going back from 2001-01-01 needs 2000: refused; counting from it forward is not."""
        first = dates_array([COVERED_FIRST])
        with pytest.raises(CalendarCoverageError):
            batch.add_working_days(self.CAL, first, -1)
        assert as_list(batch.add_working_days(self.CAL, first, 1)) == [
            self.CAL.add_working_days(COVERED_FIRST, 1)
        ]

    def test_zero_and_equal_dates_outside_coverage(self) -> None:
        """n == 0 gives the date and a == b gives 0 whatever the year, as the scalar method answers them."""
        far = dates_array([dt.date(2150, 3, 1), dt.date(2026, 6, 1)])
        assert as_list(batch.add_working_days(self.CAL, far, np.array([0, 3]))) == [
            dt.date(2150, 3, 1),
            self.CAL.add_working_days(dt.date(2026, 6, 1), 3),
        ]
        assert as_list(batch.working_days_between(self.CAL, far, far)) == [0, 0]

    def test_one_answer_past_coverage_refuses_the_column(self) -> None:
        """A date whose answer lies past the coverage makes the call refuse, not answer the others."""
        dates = dates_array([dt.date(2010, 1, 4), dt.date(2026, 12, 30)])
        with pytest.raises(CalendarCoverageError):
            batch.add_working_days(self.CAL, dates, np.array([5, 3]))

    def test_a_late_date_counting_back_does_not_load_next_year(self) -> None:
        """A late date going back and an early one going forward need only their own years."""
        dates = dates_array([dt.date(2026, 12, 30), dt.date(2001, 3, 1)])
        out = batch.add_working_days(self.CAL, dates, np.array([-5, 20]))
        assert as_list(out) == [
            self.CAL.add_working_days(dt.date(2026, 12, 30), -5),
            self.CAL.add_working_days(dt.date(2001, 3, 1), 20),
        ]

    def test_a_calendar_without_working_days(self) -> None:
        """No working day within reach: the scalar method's ScheduleError, never an endless search."""
        cal = WorkCalendar(name="closed", weekend=frozenset(range(7)))
        with pytest.raises(ScheduleError):
            cal.add_working_days(dt.date(2026, 1, 1), 2)
        with pytest.raises(ScheduleError):
            batch.add_working_days(cal, dates_array([dt.date(2026, 1, 1)]), 2)
        assert as_list(batch.working_days_between(cal, dates_array([dt.date(2026, 1, 1)]), "2026-03-01")) == [
            0
        ]


DATES = [dt.date(2026, 9, 30), None, dt.date(2026, 10, 12), dt.date(2026, 2, 14)]
ENDS = [dt.date(2026, 10, 12), dt.date(2026, 1, 1), dt.date(2026, 10, 1), None]


class TestContainers:
    """Every container batch accepts: answers in the same kind, missing kept, equal to numpy's."""

    CAL = CALENDARS["CN"]

    def expected(self) -> tuple[list[Any], list[Any]]:
        counts = [scalar(self.CAL.working_days_between, a, b) for a, b in zip(DATES, ENDS, strict=True)]
        added = [scalar(self.CAL.add_working_days, a, 3) for a in DATES]
        return counts, added

    def test_lists_of_dates_and_strings(self) -> None:
        """A list of dates (or ISO strings) gives numpy answers."""
        counts, added = self.expected()
        assert (
            as_list(
                batch.working_days_between(
                    self.CAL, DATES, [None if e is None else e.isoformat() for e in ENDS]
                )
            )
            == counts
        )
        assert as_list(batch.add_working_days(self.CAL, DATES, 3)) == added

    def test_pandas(self) -> None:
        """pandas datetime64 or date objects in: a Series with the same index out (Int64 counts)."""
        counts, added = self.expected()
        a = pd.Series(pd.to_datetime(DATES), index=[10, 11, 12, 13], name="opened")
        out = batch.working_days_between(self.CAL, a, pd.Series(ENDS, dtype=object))
        assert str(out.dtype) == "Int64"
        assert list(out.index) == [10, 11, 12, 13]
        assert out.name == "opened"
        assert [None if pd.isna(v) else int(v) for v in out] == counts
        due = batch.add_working_days(self.CAL, a, pd.Series([3, 3, 3, 3], dtype="Int64"))
        assert [None if pd.isna(v) else v.date() for v in due] == added
        with pytest.raises(InputTypeError):
            batch.add_working_days(self.CAL, a.dt.tz_localize("Asia/Shanghai"), 3)

    def test_polars(self) -> None:
        """polars Date in: Date and Int64 Series out, nulls kept."""
        counts, added = self.expected()
        a = pl.Series("opened", DATES, dtype=pl.Date)
        out = batch.working_days_between(self.CAL, a, pl.Series("closed", ENDS, dtype=pl.Date))
        assert out.dtype == pl.Int64
        assert out.name == "opened"
        assert out.to_list() == counts
        due = batch.add_working_days(self.CAL, a, pl.Series([3, None, 3, 3], dtype=pl.Int32))
        assert due.dtype == pl.Date
        assert due.to_list() == [added[0], None, added[2], added[3]]
        with pytest.raises(InputTypeError):
            batch.add_working_days(self.CAL, pl.Series(DATES, dtype=pl.Datetime("us", "UTC")), 3)

    def test_pyarrow(self) -> None:
        """pyarrow date32 (or chunked) in: date32 and int64 out, nulls kept."""
        counts, added = self.expected()
        a = pa.array(DATES, type=pa.date32())
        out = batch.working_days_between(self.CAL, a, pa.chunked_array([pa.array(ENDS, type=pa.date64())]))
        assert out.type == pa.int64()
        assert out.to_pylist() == counts
        due = batch.add_working_days(self.CAL, pa.chunked_array([a]), pa.array([3, 3, None, 3]))
        assert isinstance(due, pa.ChunkedArray)
        assert due.to_pylist() == [added[0], None, None, added[3]]

    @pytest.mark.parametrize(
        ("dates", "n"),
        [
            (np.array([1, 2]), 1),  # integers are not dates
            (pd.Series([1.5]), 1),
            (np.array(["2026-01-01"], dtype="datetime64[D]"), 1.0),  # n must be an int
            (np.array(["2026-01-01"], dtype="datetime64[D]"), True),
            (np.array(["2026-01-01"], dtype="datetime64[D]"), np.array([1, 2])),  # one n per date
            ([dt.datetime(2026, 1, 1)], 1),  # an instant is not a date
        ],
    )
    def test_refused(self, dates: Any, n: Any) -> None:
        """Anything else is a clear InputTypeError (or the naive-instant error), never a guess."""
        with pytest.raises(ServstdError):
            batch.add_working_days(self.CAL, dates, n)

    def test_columns_of_different_lengths(self) -> None:
        """Two columns must be equally long."""
        with pytest.raises(InputTypeError):
            batch.working_days_between(self.CAL, dates_array(DATES), dates_array(ENDS[:2]))
