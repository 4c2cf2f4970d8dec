"""The batch engine: whole columns of instants at memory speed (needs numpy: ``servstd[batch]``).

Every function reads the same per-year arrays as the scalar :class:`~servstd.sla.ServiceClock`
(interval starts, ends and prefix sums of open time), as numpy arrays, and answers with
``searchsorted`` — no Python loop per element — so each element equals the scalar answer.

Instants may be numpy ``datetime64`` arrays (UTC), integer arrays of epoch time (``unit=`` s, ms, us
or ns), or the columns users have: pandas Series (time-zone aware), polars Series and pyarrow
arrays of timestamps. Results come back in the same kind of container, time-zone aware in the
clock's zone where the input carried a zone. Missing values (NaT, null) stay missing.

>>> import numpy as np
>>> from servstd.sla import ServiceClock, batch
>>> clock = ServiceClock.default()
>>> starts = np.array(["2026-09-30T08:00", "2026-10-09T09:30", "NaT"], dtype="datetime64[us]")  # UTC
>>> batch.add(clock, starts, np.timedelta64(2, "h"))      # 16:00 and 17:30 in Shanghai
array(['2026-09-30T10:00:00.000000', '2026-10-10T02:30:00.000000',
                              'NaT'], dtype='datetime64[us]')
>>> batch.due(clock, starts, "3个工作日")
array(['2026-10-10T10:00:00.000000', '2026-10-13T10:00:00.000000',
                              'NaT'], dtype='datetime64[us]')

Rules that count back from a reference work the same way: the window "在生效对应日前5个工作日内"
before the anniversary 2026-10-12 (00:00 in Shanghai) opens 2026-09-29 00:00 and is due 2026-10-10
18:00 (both in UTC here):

>>> refs = np.array(["2026-10-11T16:00"], dtype="datetime64[us]")
>>> batch.window_opens(clock, refs, "在生效对应日前5个工作日内"), batch.due(clock, refs, "在生效对应日前5个工作日内")
(array(['2026-09-28T16:00:00.000000'], dtype='datetime64[us]'), array(['2026-10-10T10:00:00.000000'], dtype='datetime64[us]'))
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any

import attrs

try:
    import numpy as np
    import numpy.typing as npt
except ImportError:  # pragma: no cover - depends on the installation
    from servstd._extras import require

    require("servstd.sla.batch", "batch")  # a MissingExtraError naming servstd[batch]
    raise

from servstd._deprecation import renamed
from servstd.errors import ClockRangeError, InputTypeError, InputValueError
from servstd.sla.calendar.day_table import DayTable
from servstd.sla.clock.columnar import MAX_SPAN_YEARS, ColumnarClock, LocalDays, OpenIntervals
from servstd.sla.clock.deadline import DeadlineRule
from servstd.sla.clock.durations import (
    Anchor,
    AnchorKind,
    Before,
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    Duration,
    PeriodUnit,
    WindowBefore,
    WorkingDays,
    parse_duration,
)

__all__ = ["add", "deadline", "due", "elapsed", "is_open", "memory_bytes", "window_opens"]

I64 = npt.NDArray[np.int64]
NAT = np.iinfo(np.int64).min
_UNITS = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": None}


# -- columns in, columns out -------------------------------------------------------------------


def _column(values: Any, unit: str = "us") -> tuple[I64, Callable[[I64], Any]]:
    """(epoch microseconds, a function that puts results back in the input's kind of container)."""
    mod = type(values).__module__.split(".")[0]
    if mod == "pandas":
        import pandas as pd  # noqa: PLC0415 - optional adapter

        s = values
        if not isinstance(s.dtype, pd.DatetimeTZDtype):
            raise InputTypeError(s.dtype, "values", "a time-zone-aware pandas Series (localise it first)")
        us = s.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[us]").astype(np.int64)

        def back_pd(out: I64) -> Any:
            arr = out.astype("datetime64[us]")
            return pd.Series(arr, index=s.index, name=s.name).dt.tz_localize("UTC")

        return us, back_pd
    if mod == "polars":
        import polars as pl  # noqa: PLC0415 - optional adapter

        ser = values
        tz = getattr(ser.dtype, "time_zone", None)
        if tz is None:
            raise InputTypeError(ser.dtype, "values", "a time-zone-aware polars Datetime Series")
        us = (
            ser.dt.convert_time_zone("UTC")
            .dt.replace_time_zone(None)
            .cast(pl.Datetime("us"))
            .to_numpy()
            .astype("datetime64[us]")
            .astype(np.int64)
        )

        def back_pl(out: I64) -> Any:
            return pl.Series(ser.name, out.astype("datetime64[us]")).dt.replace_time_zone("UTC")

        return us, back_pl
    if mod == "pyarrow":
        import pyarrow as pa  # noqa: PLC0415 - optional adapter
        import pyarrow.compute as pc  # noqa: PLC0415

        arr = values
        if not pa.types.is_timestamp(arr.type) or arr.type.tz is None:
            raise InputTypeError(arr.type, "values", "a pyarrow timestamp array with a time zone")
        as_us = pc.cast(arr, pa.timestamp("us", tz="UTC"))
        us = np.asarray(pc.fill_null(as_us.cast(pa.int64()), NAT), dtype=np.int64)

        def back_pa(out: I64) -> Any:
            mask = out == NAT
            return pa.array(out, type=pa.int64(), mask=mask).cast(pa.timestamp("us", tz="UTC"))

        return us, back_pa
    arr = np.asarray(values)
    if np.issubdtype(arr.dtype, np.datetime64):
        us = arr.astype("datetime64[us]").astype(np.int64)
        return us, lambda out: out.astype("datetime64[us]")
    if np.issubdtype(arr.dtype, np.integer):
        if unit not in _UNITS:
            if not isinstance(unit, str):
                raise InputTypeError(unit, "unit", "'s', 'ms', 'us' or 'ns'")
            raise InputValueError(unit, "unit", _UNITS)
        factor = _UNITS[unit]
        raw = arr.astype(np.int64)
        if factor is None:
            us = raw // 1000
            return us, lambda out: np.where(out == NAT, NAT, out * 1000)
        return raw * factor, lambda out: np.where(out == NAT, NAT, out // factor)
    raise InputTypeError(
        values, "values", "datetime64 or integer arrays, or pandas/polars/pyarrow timestamp columns"
    )


def _durations(durations: Any, n: int) -> I64:
    arr = np.asarray(durations)
    if np.issubdtype(arr.dtype, np.timedelta64):
        out = arr.astype("timedelta64[us]").astype(np.int64)
    elif isinstance(durations, dt.timedelta):
        out = np.asarray(durations // dt.timedelta(microseconds=1), dtype=np.int64)
    elif np.issubdtype(arr.dtype, np.integer):
        out = arr.astype(np.int64)
    else:
        raise InputTypeError(durations, "durations", "timedelta64 or integer microseconds (array or scalar)")
    return np.broadcast_to(out, (n,)).astype(np.int64)


# -- sorted lookups in a constant number of steps -------------------------------------------------

_MAX_STEPS = 4
"""The most comparison passes a :class:`Sorted` lookup makes; a more clustered array is searched
by ``numpy.searchsorted``."""
_FAR = 1 << 62
"""Arrays reaching past ±2**62 are searched by ``numpy.searchsorted`` (bucket edges must not overflow)."""


class Sorted:
    """``numpy.searchsorted`` on one sorted int64 array, in a few vector passes whatever its size.

    ``numpy.searchsorted`` makes one dependent load per halving for every element looked up; the
    engine looks up millions of instants in the same few thousand interval starts and day starts.
    Here the array's range is cut into buckets ``2**shift`` wide from ``lo``, ``base[b]`` is the
    number of elements before bucket ``b``, and a value ``x`` in bucket ``(x - lo) >> shift``
    counts ``base[b]`` plus the elements of its own bucket at or below it (``right``) or below it
    (``left``): at most a few, one comparison pass each. Values outside the array's range are
    first clipped to a value with the same answer (one below the first element, one above the
    last), so every int64 — ``NaT`` too — gets what ``numpy.searchsorted`` gives. A side whose
    buckets would hold more than :data:`_MAX_STEPS` elements is left to ``numpy.searchsorted``.

    >>> arr = np.array([10, 20, 20, 35, 90], dtype=np.int64)
    >>> x = np.array([np.iinfo(np.int64).min, 9, 10, 20, 21, 90, 91], dtype=np.int64)
    >>> Sorted(arr).right(x).tolist(), np.searchsorted(arr, x, side="right").tolist()
    ([0, 0, 1, 3, 3, 5, 5], [0, 0, 1, 3, 3, 5, 5])
    >>> Sorted(arr).left(x).tolist() == np.searchsorted(arr, x, side="left").tolist()
    True
    """

    __slots__ = ("arr", "base", "last", "lo", "padded", "shift", "steps_left", "steps_right")

    def __init__(self, arr: I64) -> None:
        self.arr = self.padded = self.base = arr
        self.lo = self.last = self.shift = 0
        self.steps_left: int | None = None
        self.steps_right: int | None = None
        if not arr.size or int(arr[0]) < -_FAR or int(arr[-1]) > _FAR:
            return
        lo, self.last = int(arr[0]) - 1, int(arr[-1])
        span, m = self.last + 1 - lo, arr.size
        shift = max(0, (span // (2 * m)).bit_length() - 1)  # about two buckets per element
        while True:
            edges = lo + (np.arange((span >> shift) + 2, dtype=np.int64) << shift)
            base = np.searchsorted(arr, edges, side="left")  # elements before each bucket
            right = int(np.diff(base).max())  # elements in a bucket
            left = int((np.searchsorted(arr, edges[1:] - 1, side="left") - base[:-1]).max())
            if max(right, left) <= 1 or shift == 0 or (span >> (shift - 1)) > 64 * m:
                break
            shift -= 1  # a clustered array: narrower buckets, up to 64 per element
        self.lo, self.shift, self.base = lo, shift, base[:-1]
        self.steps_right = right if right <= _MAX_STEPS else None
        self.steps_left = left if left <= _MAX_STEPS else None
        self.padded = np.append(arr, np.iinfo(np.int64).max)  # a step past the last element stops

    def right(self, x: I64) -> I64:
        """``numpy.searchsorted(arr, x, side="right")``: the number of elements ``<= x``."""
        if self.steps_right is None:
            found: I64 = np.searchsorted(self.arr, x, side="right")
            return found
        xc = np.clip(x, self.lo, self.last)
        j = self._bucket(xc)
        for _ in range(self.steps_right):
            j += self.padded[j] <= xc
        return j

    def left(self, x: I64) -> I64:
        """``numpy.searchsorted(arr, x, side="left")``: the number of elements ``< x``."""
        if self.steps_left is None:
            found: I64 = np.searchsorted(self.arr, x, side="left")
            return found
        xc = np.clip(x, self.lo + 1, self.last + 1)
        j = self._bucket(xc)
        for _ in range(self.steps_left):
            j += self.padded[j] < xc
        return j

    def _bucket(self, xc: I64) -> I64:
        b = xc - self.lo
        b >>= self.shift
        found: I64 = self.base[b]
        return found


_SORTED: weakref.WeakKeyDictionary[object, tuple[Sorted, ...]] = weakref.WeakKeyDictionary()
"""The lookups of each snapshot the engine has read (built once; a snapshot never changes)."""


def _sorted(snap: object, *arrays: I64) -> tuple[Sorted, ...]:
    got = _SORTED.get(snap)
    if got is None:
        got = tuple(Sorted(a) for a in arrays)
        _SORTED[snap] = got
    return got


# -- the clock's arrays as numpy ---------------------------------------------------------------


class _Arrays:
    """numpy views (no copy) of one immutable :class:`~servstd.sla.clock.columnar.OpenIntervals`,
    and :class:`Sorted` lookups in its starts and prefix sums."""

    __slots__ = (
        "by_cum",
        "by_cum_end",
        "by_start",
        "cum",
        "cum_end",
        "ends",
        "first_year",
        "last_year",
        "starts",
    )

    def __init__(self, snap: OpenIntervals | None) -> None:
        if snap is None or not len(snap):  # no interval reads as one empty interval (indexable)
            self.first_year, self.last_year = (0, -1) if snap is None else (snap.first_year, snap.last_year)
            self.starts = self.ends = self.cum = self.cum_end = np.zeros(1, dtype=np.int64)
            self.by_start = self.by_cum = self.by_cum_end = Sorted(self.starts)
            return
        self.first_year, self.last_year = snap.first_year, snap.last_year
        self.starts = np.frombuffer(snap.starts, dtype=np.int64)
        self.ends = np.frombuffer(snap.ends, dtype=np.int64)
        self.cum = np.frombuffer(snap.cum, dtype=np.int64)
        self.cum_end = np.frombuffer(snap.cum_end, dtype=np.int64)
        self.by_start, self.by_cum, self.by_cum_end = _sorted(snap, self.starts, self.cum, self.cum_end)


def _arrays(clock: ColumnarClock, *columns: I64, before: int = 0, after: int = 0) -> _Arrays:
    """numpy views of one snapshot of the clock's intervals covering every instant in ``columns``,
    plus ``before`` years before and ``after`` years after (one immutable snapshot: safe under
    threads)."""
    lo_year = hi_year = None
    for us in columns:
        valid = us[us != NAT] if us.size and int(us.min()) == NAT else us
        if not valid.size:
            continue
        lo, hi = clock.local_year(int(valid.min())), clock.local_year(int(valid.max()))
        lo_year = lo if lo_year is None else min(lo_year, lo)
        hi_year = hi if hi_year is None else max(hi_year, hi)
    if lo_year is None or hi_year is None:  # nothing but missing values: any arrays will do
        return _Arrays(None)
    return _Arrays(clock.open_intervals(lo_year - before, hi_year + after))


def _more(years: int) -> int:
    """The next number of extra years to load while a target lies beyond the loaded run."""
    if years >= MAX_SPAN_YEARS:
        raise ClockRangeError(
            f"a duration reaches more than {MAX_SPAN_YEARS} years past its start "
            f"(one operation may span at most {MAX_SPAN_YEARS} years)",
            years,
        )
    return min(max(1, 2 * years), MAX_SPAN_YEARS)


def _open_before(a: _Arrays, x: I64) -> I64:
    i = a.by_start.right(x)
    i -= 1
    if i.size and int(i.min()) >= 0:
        fast: I64 = a.cum[i] + np.minimum(x, a.ends[i]) - a.starts[i]
        return fast
    ic = np.clip(i, 0, None)
    c = a.cum[ic] + np.minimum(x, a.ends[ic]) - a.starts[ic]
    return np.where(i < 0, 0, c)


def elapsed(clock: ColumnarClock, a: Any, b: Any, *, unit: str = "us") -> Any:
    """Open time between ``a[i]`` and ``b[i]`` as ``timedelta64[us]`` (negative when ``b < a``)."""
    x, _ = _column(a, unit)
    y, _ = _column(b, unit)
    arrs = _arrays(clock, x, y)
    res = (_open_before(arrs, y) - _open_before(arrs, x)).astype("timedelta64[us]")
    res[(x == NAT) | (y == NAT)] = np.timedelta64("NaT", "us")
    return res


def is_open(clock: ColumnarClock, instants: Any, *, unit: str = "us") -> npt.NDArray[np.bool_]:
    """Whether the service is open at each instant (False where missing)."""
    x, _ = _column(instants, unit)
    a = _arrays(clock, x)
    i = a.by_start.right(x) - 1
    ic = np.clip(i, 0, None)
    result: npt.NDArray[np.bool_] = (i >= 0) & (x < a.ends[ic]) & (x != NAT)
    return result


def _add_us(clock: ColumnarClock, x: I64, d: I64) -> I64:
    if x.size and int(x.min()) != NAT and int(d.min()) > 0:  # the common case: no masks needed
        after = 0
        a = _arrays(clock, x)
        target = _open_before(a, x) + d
        while int(target.max()) > int(a.cum_end[-1]):
            after = _more(after)
            a = _arrays(clock, x, after=after)
            target = _open_before(a, x) + d
        j = a.by_cum_end.left(target)
        answer: I64 = a.starts[j] + (target - a.cum[j])
        return answer
    out = x.copy()
    ok = (x != NAT) & (d != 0)
    fwd = ok & (d > 0)
    back = ok & (d < 0)
    if fwd.any():
        xf, after = x[fwd], 0
        a = _arrays(clock, xf)
        target = _open_before(a, xf) + d[fwd]
        while int(target.max()) > int(a.cum_end[-1]):
            after = _more(after)
            a = _arrays(clock, xf, after=after)
            target = _open_before(a, xf) + d[fwd]
        j = a.by_cum_end.left(target)
        out[fwd] = a.starts[j] + (target - a.cum[j])
    if back.any():
        xb, before = x[back], 0
        a = _arrays(clock, xb)
        target = _open_before(a, xb) + d[back]
        while int(target.min()) < 0:
            before = _more(before)
            a = _arrays(clock, xb, before=before)
            target = _open_before(a, xb) + d[back]
        j = a.by_cum.right(target) - 1
        out[back] = a.starts[j] + (target - a.cum[j])
    result: I64 = out
    return result


def add(clock: ColumnarClock, starts: Any, durations: Any, *, unit: str = "us") -> Any:
    """``clock.add(starts[i], durations[i])`` for every element (durations: timedelta64 or µs)."""
    x, back = _column(starts, unit)
    return back(_add_us(clock, x, _durations(durations, x.size)))


# -- days ----------------------------------------------------------------------------------------


class _Days:
    """Per local day of the loaded years, as numpy: start instant, working flag, opening, close, 24:00.

    Read from one :class:`~servstd.sla.clock.columnar.LocalDays` snapshot of the clock and the
    calendar's :class:`~servstd.sla.calendar.day_table.DayTable` of the same years.
    """

    __slots__ = (
        "by_start", "by_wcum", "close", "first", "local", "midnight", "nxt", "open", "start", "wcum", "working",
        "years",
    )  # fmt: skip

    def __init__(self, local: LocalDays, table: DayTable) -> None:
        start = np.frombuffer(local.starts, dtype=np.int64)
        n = start.size - 1
        opens = np.frombuffer(local.opens, dtype=np.int64)
        closes = np.frombuffer(local.closes, dtype=np.int64)
        kinds = np.frombuffer(table.kinds, dtype=np.uint8)
        working = (kinds == 0) | (kinds == 3)  # DayTable.KINDS: WORKDAY, MAKEUP_WORKDAY
        self.local, self.first, self.years = local, local.first, (local.first_year, local.last_year)
        self.start, self.working = start, working
        self.midnight = start[1:]
        self.open = np.where(opens == NAT, start[:n], opens)  # no hours: the day's 00:00
        self.close = np.where(closes == NAT, self.midnight, closes)  # no hours: the day's 24:00
        self.wcum = np.frombuffer(table.working_before, dtype=np.int64)[
            1:
        ]  # working days up to and including k
        # index of the first working day at or after k (n when none is loaded)
        nxt = np.full(n + 1, n, dtype=np.int64)
        idx = np.frombuffer(table.working_days, dtype=np.int64)
        pos = np.searchsorted(idx, np.arange(n), side="left")
        nxt[:n] = np.where(pos < idx.size, idx[np.clip(pos, 0, max(idx.size - 1, 0))], n)
        self.nxt = nxt
        self.by_start, self.by_wcum = Sorted(start), Sorted(self.wcum)

    def day(self, x: I64) -> I64:
        """The index of the loaded day holding each instant (−1 before the first)."""
        k = self.by_start.right(x)
        k -= 1
        return k

    def cutoff(self, seconds: int) -> I64:
        """The instant of local wall time ``seconds`` on every loaded day."""
        return np.frombuffer(self.local.wall_times(seconds), dtype=np.int64)


_DAYS: weakref.WeakKeyDictionary[ColumnarClock, _Days] = weakref.WeakKeyDictionary()
"""The numpy form of each clock's last local-days snapshot (rebuilt when the clock hands out
another; equal clocks give equal answers, so they may share one)."""


def _days(clock: ColumnarClock, lo_year: int, hi_year: int) -> _Days:
    local = clock.local_days(lo_year, hi_year)
    got = _DAYS.get(clock)
    if got is None or got.local is not local:
        got = _Days(local, clock.calendar.day_table(local.first_year, local.last_year))
        _DAYS[clock] = got
    return got


def _local_years(clock: ColumnarClock, x: I64) -> tuple[int, int]:
    valid = x[x != NAT]
    return clock.local_year(int(valid.min())), clock.local_year(int(valid.max()))


class _OutOfRangeError(Exception):
    """A result lies past the loaded days: load one more year and try again."""


class _BeforeRangeError(Exception):
    """A result lies before the loaded days: load at least ``days`` days (as years) earlier."""

    def __init__(self, days: int) -> None:
        super().__init__(days)
        self.days = days


def _at(arr: I64 | npt.NDArray[np.bool_], idx: I64) -> Any:
    if idx.size and int(idx.max()) >= arr.shape[0]:
        raise _OutOfRangeError
    return arr[idx]


def _rule(rule: str | Duration | DeadlineRule, **knobs: object) -> DeadlineRule:
    """``rule`` as a :class:`DeadlineRule`, with the knobs given (not ``None``) replacing its own."""
    out = rule if isinstance(rule, DeadlineRule) else DeadlineRule(parse_duration(rule))
    changes = {k: v for k, v in knobs.items() if v is not None}
    return attrs.evolve(out, **changes) if changes else out  # type: ignore[arg-type]


def due(
    clock: ColumnarClock,
    starts: Any,
    rule: str | Duration | DeadlineRule,
    *,
    end_of_day: str | None = None,
    cutoff: dt.time | None = None,
    count_start_day: bool | None = None,
    move_off_rest_day: bool | None = None,
    unit: str = "us",
) -> Any:
    """``clock.due(starts[i], rule, ...)`` for every element: the Civil Code rules of the scalar API,
    with the same keywords (``end_of_day``, ``cutoff``, ``count_start_day``, ``move_off_rest_day``).

    Calendar periods in months or years use numpy's calendar arithmetic; everything else is a
    lookup in per-day arrays (working-day counts, next working day, opening and close). Days are
    loaded one year at a time, only as far as the results reach. A rule that counts back from a
    reference ("到期前5个工作日", "在X前5个工作日内") takes ``starts`` as the references.
    """
    rule = _rule(
        rule,
        end_of_day=end_of_day,
        cutoff=cutoff,
        count_start_day=count_start_day,
        move_off_rest_day=move_off_rest_day,
    )
    x, back = _column(starts, unit)
    return back(_due_us(clock, x, rule))


def _due_us(clock: ColumnarClock, x: I64, rule: DeadlineRule) -> I64:
    """:func:`due` on epoch microseconds (NAT where missing)."""
    if rule.counts_back:
        return _backward(clock, x, rule)[0]
    d = rule.duration
    any_missing = bool(x.size) and int(x.min()) == NAT
    missing = x == NAT if any_missing else None
    if isinstance(d, ClockTime):
        moved: I64 = x + d.micros
        return moved if missing is None else np.where(missing, NAT, moved)
    if missing is not None and missing.all():
        same: I64 = x.copy()
        return same
    lo, hi = _local_years(clock, x)
    while True:
        days = _days(clock, lo, hi)
        try:
            out = _deadline_on(
                clock, days, x if missing is None else np.where(missing, days.start[0], x), rule
            )
        except _OutOfRangeError:
            hi += 1
            continue
        return out if missing is None else np.where(missing, NAT, out)


def window_opens(
    clock: ColumnarClock, references: Any, rule: str | Duration | DeadlineRule, *, unit: str = "us"
) -> Any:
    """When the window of ``rule`` ("在X前5个工作日内") before each reference opens:
    ``clock.deadline(references[i], rule).opens`` for every element (an act before it is early)."""
    rule = _rule(rule)
    if not rule.is_window:
        raise InputValueError(
            str(rule.duration),
            "rule",
            reason="not a window before a reference ('在X前5个工作日内', 'within 5 working days before X')",
        )
    x, back = _column(references, unit)
    return back(_backward(clock, x, rule)[1])


def _backward(clock: ColumnarClock, x: I64, rule: DeadlineRule) -> tuple[I64, I64]:
    """(due, window opening) of a rule that counts back, per reference; NAT where missing (and
    the opening of a rule that is no window)."""
    d = rule.duration
    assert isinstance(d, (Before, WindowBefore))
    inner = d.duration
    window = isinstance(d, WindowBefore)
    missing = x == NAT
    none = np.full(x.size, NAT, dtype=np.int64)
    if missing.all():
        return x.copy(), none
    if isinstance(inner, ClockTime):
        earlier = np.where(missing, NAT, x - inner.micros)
        return (x.copy(), earlier) if window else (earlier, none)
    if isinstance(inner, BusinessTime) or (isinstance(inner, WorkingDays) and not inner.is_whole):
        micros = (
            inner.micros
            if isinstance(inner, BusinessTime)
            else int(inner.count * clock.hours.standard_day_seconds * 1_000_000)
        )
        earlier = _add_us(clock, x, np.where(missing, 0, -micros).astype(np.int64))
        return (x.copy(), earlier) if window else (earlier, none)
    lo, hi = _local_years(clock, x)
    filled = np.where(missing, x[~missing][0], x)  # a missing reference asks no more than a given one
    while True:
        days = _days(clock, lo, hi)
        try:
            due, opens = _back_on(days, filled, rule)
        except _BeforeRangeError as exc:
            lo -= max(1, -(-exc.days // 366))  # never more years than the results need
            if hi - lo > MAX_SPAN_YEARS:
                raise ClockRangeError(
                    f"a rule counting back reaches more than {MAX_SPAN_YEARS} years before its reference",
                    rule.duration,
                ) from None
            continue
        return np.where(missing, NAT, due), (np.where(missing, NAT, opens) if window else none)


def _back_on(days: _Days, xs: I64, rule: DeadlineRule) -> tuple[I64, I64]:
    d = rule.duration
    assert isinstance(d, (Before, WindowBefore))
    inner = d.duration
    window = isinstance(d, WindowBefore)
    ends = days.close if rule.ends_at == "close" else days.midnight
    k = days.day(xs)  # the reference day
    before = days.wcum[k] - days.working[k]  # working days loaded before the reference day

    def ordinal_day(target: I64) -> I64:
        """The index of the working day with this ordinal among the loaded ones (1 = the first)."""
        if target.size and int(target.min()) < 1:
            raise _BeforeRangeError(int(1 - target.min()))
        found: I64 = days.by_wcum.left(target)
        return found

    def day(index: I64) -> I64:
        if index.size and int(index.min()) < 0:
            raise _BeforeRangeError(int(-index.min()))
        return index

    if isinstance(inner, WorkingDays):
        n = int(inner.count)
        first = ordinal_day(before - n + 1)
        if window:
            return ends[ordinal_day(before)], days.start[first]
        return ends[first], first
    assert isinstance(inner, CalendarPeriod)
    if inner.unit is PeriodUnit.DAYS:
        first = day(k - inner.count)
    else:
        months = inner.count * (12 if inner.unit is PeriodUnit.YEARS else 1)
        first = day(_months_from(days, k, -months))
    if window:
        return ends[day(k - 1)], days.start[first]
    if rule.moves_off_rest_day:  # mirrored Art. 203: a rest day moves to the previous working day
        rest = ~days.working[first]
        prev = ordinal_day(np.where(rest, days.wcum[first], 1))
        first = np.where(rest, prev, first)
    return ends[first], first


def _months_from(days: _Days, k: I64, months: int) -> I64:
    """The index of the corresponding day ``months`` months from day ``k`` (Art. 202: the month's
    last day when it has no such day); may lie outside the loaded days."""
    origin = np.datetime64(days.first, "D")
    d0 = origin + k.astype("timedelta64[D]")
    mo = d0.astype("datetime64[M]")
    day_of_month = (d0 - mo.astype("datetime64[D]")).astype(np.int64)
    target_month = mo + np.timedelta64(months, "M")
    month_len = (
        (target_month + np.timedelta64(1, "M")).astype("datetime64[D]") - target_month.astype("datetime64[D]")
    ).astype(np.int64)
    last_date = target_month.astype("datetime64[D]") + np.minimum(day_of_month, month_len - 1).astype(
        "timedelta64[D]"
    )
    out: I64 = (last_date - origin).astype(np.int64)
    return out


def _deadline_on(clock: ColumnarClock, days: _Days, xs: I64, rule: DeadlineRule) -> I64:
    d = rule.duration
    n_days = days.working.size
    if rule.cutoff is not None:
        k = days.day(xs)
        cut_s = rule.cutoff.hour * 3600 + rule.cutoff.minute * 60 + rule.cutoff.second
        cut_us = days.cutoff(cut_s)
        late = (~days.working[k]) | (xs >= cut_us[k])
        nk = _at(days.nxt, k + 1)
        opening = _at(days.open, np.where(late, nk, 0))
        xs = np.where(late, opening, xs)
    k = days.day(xs)
    ends = days.close if rule.ends_at == "close" else days.midnight
    if isinstance(d, BusinessTime) or (isinstance(d, WorkingDays) and not d.is_whole):
        micros = (
            d.micros
            if isinstance(d, BusinessTime)
            else int(d.count * clock.hours.standard_day_seconds * 1_000_000)
        )
        return _add_us(clock, xs, np.full(xs.size, micros, dtype=np.int64))
    if isinstance(d, WorkingDays) or (isinstance(d, Anchor) and d.kind is AnchorKind.NEXT_WORKING_DAY):
        n = int(d.count) if isinstance(d, WorkingDays) else 1
        # count_start_day counts the day of receipt only before its end; never for 次工作日
        counted = days.working[k] & (xs < ends[k]) & (rule.count_start_day and isinstance(d, WorkingDays))
        target = days.wcum[k] - counted.astype(np.int64) + n
        if target.size and int(target.max()) > int(days.wcum[-1]):
            raise _OutOfRangeError
        last = days.by_wcum.left(target)
        return _at(ends, last)  # type: ignore[no-any-return]
    if isinstance(d, CalendarPeriod) or (isinstance(d, Anchor) and d.kind is AnchorKind.NEXT_DAY):
        period = d if isinstance(d, CalendarPeriod) else CalendarPeriod(1)
        # count_start_day counts the day of receipt only before its end; never for 次日
        shift = ((xs < ends[k]) & (rule.count_start_day and isinstance(d, CalendarPeriod))).astype(np.int64)
        if period.unit is PeriodUnit.DAYS:
            last = k + period.count - shift
        else:
            months = period.count * (12 if period.unit is PeriodUnit.YEARS else 1)
            last = _months_from(days, k, months) - shift
        if isinstance(d, CalendarPeriod) and not rule.moves_off_rest_day:  # 自然日: not moved
            return _at(ends, last)  # type: ignore[no-any-return]
        moved = _at(days.nxt, last)
        return _at(ends, moved)  # type: ignore[no-any-return]
    # same day: today's close if still to come on a working day, else the next working day's
    open_later = days.working[k] & (xs < ends[k])
    nk = _at(days.nxt, np.minimum(k + 1, n_days))
    later = _at(ends, np.where(open_later, 0, nk))
    return np.where(open_later, ends[k], later)


def memory_bytes(clock: ColumnarClock) -> int:
    """Bytes held by the clock's cached interval tables and the snapshots the engine reads
    (``clock.memory_bytes()``)."""
    return clock.memory_bytes()


deadline = renamed(due, "batch.deadline", "batch.due")
"""Deprecated; use :func:`due` (what it returns is the scalar ``clock.due``)."""
