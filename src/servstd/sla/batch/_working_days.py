"""Working-day arithmetic over columns of dates: :func:`add_working_days` and :func:`working_days_between`.

Each answer equals the scalar :class:`~servstd.sla.WorkCalendar` method on that element, because both
read the same day kinds: the calendar's :meth:`~servstd.sla.WorkCalendar.day_table` gives, for every
date of a span of years, the working days before it (``before``) and the list of working days in
order. Then

* ``working_days_between(a, b) = before[b] - before[a]`` — the half-open ``[a, b)``, and for
  ``b < a`` the negative count of ``[b, a)``, as the scalar method mirrors it;
* ``add_working_days(d, n)`` for ``n > 0`` is working day number ``before[d + 1] + n`` (``d`` not
  counted), for ``n < 0`` number ``before[d] + n + 1``, and ``d`` itself for ``n == 0``;

two gathers per element, whatever ``n``. The years loaded are those the dates and the answers
reach, no more: a date the scalar method answers without reading a year (``n == 0``, ``a == b``)
does not make a strict calendar refuse that year here either.

**Containers.** Dates may be a numpy ``datetime64`` array (a unit finer than a day is read as its
date, numpy's rule), a list of dates or ISO date strings (each read as
:meth:`~servstd.sla.WorkCalendar.add_working_days` reads one), a pandas Series (naive
``datetime64`` or ``datetime.date`` objects), a polars ``Date`` (or naive ``Datetime``) Series, or a
pyarrow ``date32``/``date64`` (or naive timestamp) array. Answers come back in the same kind of
container as the first date argument: dates as dates (numpy ``datetime64[D]``; pandas
``datetime64``; polars ``Date``; pyarrow ``date32``), counts as integers — a pandas ``Int64``
Series, a polars or pyarrow ``int64`` column, and for numpy a :class:`numpy.ma.MaskedArray` of
``int64`` (numpy integers have no missing value). A missing date (``NaT``, ``None``, null) gives a
missing answer. Time-zone-aware instants are refused: a date depends on the zone, so take each
instant's local date first (``clock.local_date``, or the library's own ``.dt.date``).

>>> import numpy as np
>>> from servstd.sla import WorkCalendar, batch
>>> cal = WorkCalendar.china(notices=False)
>>> a = np.array(["2026-10-01", "2026-10-12", "NaT"], dtype="datetime64[D]")
>>> b = np.array(["2026-10-12", "2026-10-01", "2026-10-12"], dtype="datetime64[D]")
>>> batch.working_days_between(cal, a, b)        # Oct 8, 9 and the make-up Saturday Oct 10
masked_array(data=[3, -3, --],
             mask=[False, False,  True],
       fill_value=999999)
>>> batch.add_working_days(cal, a, np.array([3, -3, 1]))
array(['2026-10-10', '2026-10-08',        'NaT'], dtype='datetime64[D]')
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from servstd.errors import CalendarCoverageError, InputTypeError, ScheduleError
from servstd.sla.calendar.day_table import DayTable
from servstd.sla.calendar.work_calendar import WorkCalendar, as_date

__all__ = ["add_working_days", "working_days_between"]

I64 = npt.NDArray[np.int64]
B1 = npt.NDArray[np.bool_]
NAT = np.iinfo(np.int64).min
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_FIRST_DAY = dt.date.min.toordinal() - _EPOCH_ORDINAL  # 0001-01-01 as epoch days
_LAST_DAY = dt.date.max.toordinal() - _EPOCH_ORDINAL  # 9999-12-31
_MOST_PER_YEAR = 366  # working days a year may hold: extending by deficit / 366 years never overshoots
_FEWEST_PER_YEAR = 200  # a first guess of a year's working days, to extend in one step where allowed
_SCALARS = (dt.date, str, np.datetime64)


# -- columns of dates in, answers out ----------------------------------------------------------


class _Back:
    """Puts answers back in the kind of container the dates came in."""

    def __init__(
        self, dates: Callable[[I64, B1 | None], Any], counts: Callable[[I64, B1 | None], Any]
    ) -> None:
        self.dates = dates
        self.counts = counts


def _numpy_back() -> _Back:
    def dates(days: I64, missing: B1 | None) -> Any:
        if missing is not None:
            days[missing] = NAT
        return days.view("datetime64[D]")

    def counts(values: I64, missing: B1 | None) -> Any:
        return np.ma.MaskedArray(values, mask=np.ma.nomask if missing is None else missing)

    return _Back(dates, counts)


def _from_objects(values: Any, parameter: str) -> I64:
    """Epoch days of Python values one by one (lists, object columns): as the scalar API reads a date."""
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        if _missing(v):
            out[i] = NAT
        elif isinstance(v, np.datetime64):
            out[i] = NAT if np.isnat(v) else int(v.astype("datetime64[D]").astype(np.int64))
        else:
            out[i] = as_date(v, parameter).toordinal() - _EPOCH_ORDINAL
    return out


def _missing(v: object) -> bool:
    """Whether ``v`` is a missing value (None, NaN, pandas NaT or NA)."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ in ("NaTType", "NAType")


def _dates(values: Any, parameter: str) -> tuple[I64, _Back]:
    """(epoch days, NAT where missing; how to put answers back) of a column of dates."""
    mod = type(values).__module__.split(".")[0]
    if mod == "pandas":
        return _pandas_dates(values, parameter)
    if mod == "polars":
        return _polars_dates(values, parameter)
    if mod == "pyarrow":
        return _arrow_dates(values, parameter)
    if isinstance(values, np.ndarray):
        if values.dtype.kind == "M":
            return values.astype("datetime64[D]", copy=False).view(np.int64), _numpy_back()
        if values.dtype.kind not in "OU":
            raise InputTypeError(values.dtype, parameter, _ACCEPTED)
    elif not isinstance(values, (list, tuple)):
        raise InputTypeError(values, parameter, _ACCEPTED)
    return _from_objects(values, parameter), _numpy_back()


_ACCEPTED = (
    "dates: a numpy datetime64 array, a list of dates or ISO date strings, or a pandas, polars or "
    "pyarrow column of dates (naive; take the local date of time-zone-aware instants first)"
)


def _pandas_dates(s: Any, parameter: str) -> tuple[I64, _Back]:
    import pandas as pd  # noqa: PLC0415 - the pandas adapter

    if not isinstance(s, pd.Series):
        raise InputTypeError(s, parameter, _ACCEPTED)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        raise InputTypeError(s.dtype, parameter, _ACCEPTED)
    unit = "s"
    if s.dtype.kind == "M":
        unit = np.datetime_data(s.dtype)[0]
        days = s.to_numpy().astype("datetime64[D]").view(np.int64)
    elif isinstance(s.dtype, pd.ArrowDtype):
        days, _ = _arrow_dates(pd.arrays.ArrowExtensionArray(s.array)._pa_array, parameter)
    elif s.dtype == object:
        days = _from_objects(s.to_numpy(), parameter)
    else:
        raise InputTypeError(s.dtype, parameter, _ACCEPTED)

    def dates(out: I64, missing: B1 | None) -> Any:
        if missing is not None:
            out[missing] = NAT
        return pd.Series(out.view("datetime64[D]").astype(f"datetime64[{unit}]"), index=s.index, name=s.name)

    def counts(out: I64, missing: B1 | None) -> Any:
        mask = np.zeros(out.size, dtype=bool) if missing is None else missing
        return pd.Series(pd.arrays.IntegerArray(out, mask), index=s.index, name=s.name)

    return days, _Back(dates, counts)


def _polars_dates(s: Any, parameter: str) -> tuple[I64, _Back]:
    import polars as pl  # noqa: PLC0415 - the polars adapter

    if not isinstance(s, pl.Series):
        raise InputTypeError(s, parameter, _ACCEPTED)
    if isinstance(s.dtype, pl.Datetime) and s.dtype.time_zone is None:
        s = s.dt.date()
    if s.dtype != pl.Date:
        raise InputTypeError(s.dtype, parameter, _ACCEPTED)
    days = s.to_physical().cast(pl.Int64).fill_null(NAT).to_numpy()

    def nulls(col: Any, missing: B1 | None) -> Any:
        return col.scatter(np.flatnonzero(missing), None) if missing is not None and missing.any() else col

    def dates(out: I64, missing: B1 | None) -> Any:
        return nulls(
            pl.Series(s.name, np.where(missing, 0, out) if missing is not None else out).cast(pl.Date),
            missing,
        )

    def counts(out: I64, missing: B1 | None) -> Any:
        return nulls(pl.Series(s.name, out), missing)

    return np.asarray(days, dtype=np.int64), _Back(dates, counts)


def _arrow_dates(arr: Any, parameter: str) -> tuple[I64, _Back]:
    import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter
    import pyarrow.compute as pc  # noqa: PLC0415

    chunked = isinstance(arr, pa.ChunkedArray)
    if not (chunked or isinstance(arr, pa.Array)):
        raise InputTypeError(arr, parameter, _ACCEPTED)
    if pa.types.is_timestamp(arr.type) and arr.type.tz is None:
        arr = pc.cast(arr, pa.date32())
    if pa.types.is_date64(arr.type):
        arr = pc.cast(arr, pa.date32())
    if not pa.types.is_date32(arr.type):
        raise InputTypeError(arr.type, parameter, _ACCEPTED)
    days = np.asarray(pc.fill_null(arr.cast(pa.int32()).cast(pa.int64()), NAT), dtype=np.int64)

    def wrap(result: Any) -> Any:
        return pa.chunked_array([result]) if chunked else result

    def dates(out: I64, missing: B1 | None) -> Any:
        clean = np.where(missing, 0, out) if missing is not None else out
        return wrap(pa.array(clean.astype(np.int32), mask=missing).cast(pa.date32()))

    def counts(out: I64, missing: B1 | None) -> Any:
        return wrap(pa.array(out, type=pa.int64(), mask=missing))

    return days, _Back(dates, counts)


def _steps(n: Any, size: int) -> tuple[int | I64, B1 | None]:
    """``n`` as an int or an int64 column of ``size`` elements, and where it is missing (or None)."""
    if isinstance(n, (bool, np.bool_)):
        raise InputTypeError(n, "n", "an int or a column of ints")
    if isinstance(n, (int, np.integer)):
        return int(n), None
    mod = type(n).__module__.split(".")[0]
    missing: B1 | None = None
    if mod == "pandas":
        import pandas as pd  # noqa: PLC0415 - the pandas adapter

        missing = n.isna().to_numpy()
        if not pd.api.types.is_integer_dtype(n.dtype):
            raise InputTypeError(n.dtype, "n", "an int or a column of ints")
        arr = n.to_numpy(dtype=np.int64, na_value=0)
    elif mod == "polars":
        missing = n.is_null().to_numpy()
        if not n.dtype.is_integer():
            raise InputTypeError(n.dtype, "n", "an int or a column of ints")
        arr = n.fill_null(0).to_numpy()
    elif mod == "pyarrow":
        import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter
        import pyarrow.compute as pc  # noqa: PLC0415

        if not pa.types.is_integer(n.type):
            raise InputTypeError(n.type, "n", "an int or a column of ints")
        missing = np.asarray(n.is_null(), dtype=bool)
        arr = np.asarray(pc.fill_null(n.cast(pa.int64()), 0), dtype=np.int64)
    else:
        arr = np.asarray(n)
        if arr.dtype == object:
            missing = np.array([_missing(v) for v in arr.ravel()], dtype=bool).reshape(arr.shape)
            if any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) for v in arr[~missing]):
                raise InputTypeError(n, "n", "an int or a column of ints")
            arr = np.where(missing, 0, arr).astype(np.int64)
        elif arr.dtype.kind not in "iu":
            raise InputTypeError(arr.dtype, "n", "an int or a column of ints")
    arr = np.asarray(arr, dtype=np.int64)
    if arr.ndim == 0:
        return int(arr), None
    if arr.shape != (size,):
        raise InputTypeError(n, "n", f"an int or a column of {size:,} ints (one per date)")
    if missing is not None and not missing.any():
        missing = None
    return arr, missing


# -- the calendar's days as numpy --------------------------------------------------------------


class _Table:
    """numpy views of one :class:`DayTable`: working days before each day, the working days."""

    __slots__ = ("after", "before", "first_year", "last_year", "origin", "total", "working")

    def __init__(self, table: DayTable) -> None:
        self.first_year, self.last_year = table.first_year, table.last_year
        self.origin = table.first.toordinal() - _EPOCH_ORDINAL  # epoch day of day 0
        self.before = np.frombuffer(table.working_before, dtype=np.int64)  # len(days) + 1 entries
        self.after = self.before[1:]  # working days up to and including each day
        self.total = int(self.before[-1])
        # the epoch day of each working day, in order (one more slot, never read as an answer)
        self.working = np.append(np.frombuffer(table.working_days, dtype=np.int64) + self.origin, 0)


_TABLES: weakref.WeakKeyDictionary[DayTable, _Table] = weakref.WeakKeyDictionary()


def _table(calendar: WorkCalendar, first_year: int, last_year: int) -> _Table:
    """The days of ``first_year``..``last_year``; outside 1–9999 the scalar API's error."""
    for year in (first_year, last_year):
        if not 1 <= year <= 9999:
            raise CalendarCoverageError(calendar.name, year, str(calendar.coverage), region=calendar.region)
    table = calendar.day_table(first_year, last_year)
    got = _TABLES.get(table)
    if got is None:
        got = _TABLES[table] = _Table(table)
    return got


def _year(day: int) -> int:
    """The year of an epoch day (beyond 1–9999 too: a year no calendar covers)."""
    if _FIRST_DAY <= day <= _LAST_DAY:
        return dt.date.fromordinal(day + _EPOCH_ORDINAL).year
    return int(np.datetime64(day, "D").astype("datetime64[Y]").astype(np.int64)) + 1970


def _covered(calendar: WorkCalendar, first_year: int, last_year: int) -> bool:
    """Whether every year of the span is covered (a table of it raises nothing and warns nothing)."""
    if not 1 <= first_year <= last_year <= 9999:
        return False
    return any(a <= first_year and last_year <= b for a, b in calendar.coverage.spans)


# -- working days between ----------------------------------------------------------------------


def working_days_between(calendar: WorkCalendar, starts: Any, ends: Any) -> Any:
    """``calendar.working_days_between(starts[i], ends[i])`` for every element: the working days
    of the half-open ``[starts[i], ends[i])``, and minus those of ``[ends[i], starts[i])`` when
    ``ends[i] < starts[i]``.

    Either argument may also be one date (a ``datetime.date``, an ISO string or a
    ``numpy.datetime64``), counted against every element of the other. Answers come back in the
    container of the first column (see the module documentation); a missing date gives a missing
    count.
    """
    a, back_a = _one_or_column(starts, "starts")
    b, back_b = _one_or_column(ends, "ends")
    back = back_a or back_b
    if back is None:  # two single dates: the scalar method
        x, y = _as_date(a), _as_date(b)
        return None if x is None or y is None else calendar.working_days_between(x, y)
    if back_a is not None and back_b is not None and a.size != b.size:
        raise InputTypeError(ends, "ends", f"one date or a column of {a.size:,} dates (one per start)")
    a, b = np.broadcast_arrays(a, b)
    size = a.size
    if not size:
        return back.counts(np.zeros(0, dtype=np.int64), None)
    a_min, b_min = int(a.min()), int(b.min())
    missing = (a == NAT) | (b == NAT) if NAT in (a_min, b_min) else None
    if missing is not None:
        if missing.all():
            return back.counts(np.zeros(size, dtype=np.int64), missing)
        first = int(np.argmin(missing))  # missing pairs count the first whole pair, masked afterwards
        a = np.where(missing, a[first], a)
        b = np.where(missing, b[first], b)
        a_min, b_min = int(a.min()), int(b.min())
    return back.counts(_between(calendar, a, b, min(a_min, b_min)), missing)


def _one_or_column(values: Any, parameter: str) -> tuple[I64, _Back | None]:
    if isinstance(values, _SCALARS):
        if isinstance(values, np.datetime64):
            day = NAT if np.isnat(values) else int(values.astype("datetime64[D]").astype(np.int64))
        else:
            day = as_date(values, parameter).toordinal() - _EPOCH_ORDINAL
        return np.array([day], dtype=np.int64), None
    return _dates(values, parameter)


def _as_date(day: I64) -> dt.date | None:
    d = int(day[0])
    return None if d == NAT else dt.date.fromordinal(d + _EPOCH_ORDINAL)


def _between(calendar: WorkCalendar, a: I64, b: I64, lo: int) -> I64:
    hi = max(int(a.max()), int(b.max()))
    first, last = _year(lo), _year(hi - 1)
    if not _covered(calendar, first, last):
        # the scalar method reads no year for a == b: only the other pairs name the years to load
        differ = a != b
        if not differ.any():
            return np.zeros(a.size, dtype=np.int64)
        lo = min(int(a[differ].min()), int(b[differ].min()))
        hi = max(int(a[differ].max()), int(b[differ].max()))
        first, last = _year(lo), _year(hi - 1)
    t = _table(calendar, first, last)
    # every index is in the table but those of a == b outside it, which clip alike and give 0;
    # one scratch column for both index columns (each take reads its index before writing there)
    scratch = np.subtract(b, t.origin)
    out: I64 = np.take(t.before, scratch, mode="clip")
    np.subtract(a, t.origin, out=scratch)
    out -= np.take(t.before, scratch, mode="clip", out=scratch)
    return out


# -- adding working days -----------------------------------------------------------------------


def add_working_days(calendar: WorkCalendar, dates: Any, n: int | Any) -> Any:
    """``calendar.add_working_days(dates[i], n[i])``: the ``n``-th working day after each date (the
    date itself not counted); negative ``n`` goes back, ``0`` gives the date.

    ``n`` is one int or a column of ints (numpy, a list, pandas, polars, pyarrow; a missing ``n``
    gives a missing answer). Answers come back as dates in the container of ``dates`` (see the
    module documentation). Two gathers per element: the cost does not depend on ``n``.
    """
    days, back = _dates(dates, "dates")
    steps, n_missing = _steps(n, days.size)
    size = days.size
    if not size:
        return back.dates(days.copy(), None)
    missing = n_missing
    if int(days.min()) == NAT:
        missing = days == NAT if missing is None else missing | (days == NAT)
    if missing is not None:
        if missing.all():
            return back.dates(np.full(size, NAT, dtype=np.int64), missing)
        first = int(np.argmin(missing))
        days = np.where(missing, days[first], days)
        if not isinstance(steps, int):
            steps = np.where(missing, 0, steps)
    return back.dates(_add(calendar, days, steps), missing)


def _add(calendar: WorkCalendar, x: I64, n: int | I64) -> I64:
    """The answers for valid epoch days ``x`` and counts ``n`` (an int or one per day)."""
    n_min, n_max = (n, n) if isinstance(n, int) else (int(n.min()), int(n.max()))
    if n_min == n_max == 0:
        same: I64 = x.copy()
        return same
    lo, hi = int(x.min()), int(x.max())
    first, last = _year(lo), _year(hi)
    exact = not _covered(calendar, first, last)
    if exact and not isinstance(n, int) and n_min <= 0 <= n_max:
        # the scalar method reads no year for n == 0: only the other dates name the years to load
        moving = x[n != 0]
        lo, hi = int(moving.min()), int(moving.max())
        first, last = _year(lo), _year(hi)
    back = fwd = 0
    reach = max(abs(n_min), abs(n_max)) + 5  # the scalar method's search bound, in years
    while True:
        t = _table(calendar, first - back, last + fwd)
        if exact:
            idx = _indexes(t, x, n)
            moving = slice(None) if isinstance(n, int) else n != 0
            short_fwd = int(idx[moving].max()) - (t.total - 1) if n_max > 0 else 0
            short_back = -int(idx[moving].min()) if n_min < 0 else 0
        else:
            idx = None
            short_fwd = int(t.after[hi - t.origin]) + n_max - t.total if n_max > 0 else 0
            short_back = -(int(t.before[lo - t.origin]) + n_min) if n_min < 0 else 0
        if short_fwd <= 0 and short_back <= 0:
            return _gather(t, x, n, idx)
        per_year = _MOST_PER_YEAR if exact else _FEWEST_PER_YEAR
        more_fwd = fwd + (-(-short_fwd // per_year) if short_fwd > 0 else 0)
        more_back = back + (-(-short_back // per_year) if short_back > 0 else 0)
        if more_fwd > reach or more_back > reach:
            raise ScheduleError(
                f"{calendar.name} has no working days near the dates given; cannot add {n_max if more_fwd > reach else n_min} working days",
                n_max if more_fwd > reach else n_min,
            )
        if not exact and not _covered(calendar, first - more_back, last + more_fwd):
            exact = True  # load only what some answer needs, one year at a time
            continue
        back, fwd = more_back, more_fwd


def _indexes(t: _Table, x: I64, n: int | I64) -> I64:
    """Per date, the index in ``t.working`` of its answer (a rest day with ``n == 0``: the next
    working day's, replaced by the date afterwards; a date with ``n == 0`` outside the table reads
    its edge, and is replaced as well)."""
    k = x - t.origin
    if isinstance(n, int):
        idx: I64 = np.take(t.after if n > 0 else t.before, k, mode="clip")
        idx += n - 1 if n > 0 else n
        return idx
    forward = n > 0
    k += forward  # the working days up to and including the date, when going forward
    idx = np.take(t.before, k, mode="clip")
    idx += n
    idx -= forward
    return idx


def _gather(t: _Table, x: I64, n: int | I64, idx: I64 | None) -> I64:
    if idx is None:
        idx = _indexes(t, x, n)
    out: I64 = np.take(t.working, idx, mode="clip")  # every index is in range (checked), or n == 0
    if not isinstance(n, int) and int(n.min()) <= 0 <= int(n.max()):
        np.copyto(out, x, where=n == 0)
    return out
