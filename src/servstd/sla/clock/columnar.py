"""What the columnar and SQL engines read of a clock: immutable snapshots of its arrays.

A :class:`~servstd.sla.ServiceClock` answers one instant at a time from per-year blocks of open
intervals (see ``service_clock``). Engines that answer whole columns at once — the numpy engine
``servstd.sla.batch``, the tables of ``servstd.sla.sql`` — read the same facts as arrays, through
the small protocol :class:`ColumnarClock`:

* :meth:`~ColumnarClock.open_intervals` — the open intervals of some local years, sorted, with
  prefix sums of open time (:class:`OpenIntervals`);
* :meth:`~ColumnarClock.local_days` — per local date: midnight, first opening and close of
  business (:class:`LocalDays`);
* the calendar's :meth:`~servstd.sla.WorkCalendar.day_table` — per date: its kind and running
  working-day counts (:class:`~servstd.sla.calendar.day_table.DayTable`).

**Integers, not datetimes.** An instant is an ``int``: microseconds since 1970-01-01 00:00 UTC, what a
``numpy.datetime64[us]`` holds (:func:`epoch_us` converts an aware ``datetime``). An array is a
read-only :class:`memoryview` of int64 (format ``"q"``): ``numpy.asarray(view)`` reads it without a
copy, ``bisect`` and indexing read it from Python. A missing instant (a date with no open time) is
:data:`MISSING`, the int64 minimum — what numpy reads as ``NaT``.

**One snapshot per operation.** A snapshot is built from the clock's immutable year blocks and never
changes; an engine takes one per operation and answers from it alone, never from arrays kept across
a load another thread may be doing. A request may return a snapshot of *more* years than asked
(one already built that covers them); prefix sums count from the snapshot's own first instant, so
use differences.

>>> import numpy as np
>>> from servstd.sla import ServiceClock
>>> snap = ServiceClock.default().open_intervals(2026, 2026)
>>> starts, cum = np.asarray(snap.starts), np.asarray(snap.cum)
>>> bool((starts[1:] > starts[:-1]).all()), int(cum[0]), snap.total // 3_600_000_000  # 248 days × 8 h
(True, 0, 1984)
>>> snap.open_before(snap.hi) == snap.total
True
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
from collections.abc import Iterable
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

import attrs

from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.business_hours import BusinessHours

__all__ = [
    "EPOCH",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_SPAN_YEARS",
    "MISSING",
    "US",
    "ColumnarClock",
    "LocalDays",
    "OpenIntervals",
    "epoch_us",
    "int64_view",
    "wall_us",
]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
"""Midnight UTC on 1 January 1970, the origin of integer instants."""
US = 1_000_000
"""Microseconds in a second."""
MISSING = -(2**63)
"""The int64 minimum, which stands for a missing instant (numpy's ``NaT``)."""
FIRST_YEAR = 2
"""The first local year a clock answers for (year 1 is refused, as its start overflows east of UTC)."""
LAST_YEAR = 9998
"""The last local year a clock answers for (year 9999 is refused, as its end is past ``datetime.max``)."""
MAX_SPAN_YEARS = 200
"""The most local years one operation may reach across (``add``, ``subtract``, ``elapsed``, ``periods``,
a snapshot)."""

_ONE_US = dt.timedelta(microseconds=1)
_T = TypeVar("_T")


def epoch_us(t: dt.datetime) -> int:
    """Microseconds since :data:`EPOCH` of an aware datetime (pendulum ``DateTime`` too), exactly.

    >>> from zoneinfo import ZoneInfo
    >>> epoch_us(dt.datetime(1970, 1, 1, 8, tzinfo=ZoneInfo("Asia/Shanghai")))
    0
    """
    if type(t) is not dt.datetime:  # pendulum and other subclasses: their arithmetic differs
        t = dt.datetime(
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, tzinfo=t.tzinfo, fold=t.fold
        )
    return (t - EPOCH) // _ONE_US


def wall_us(d: dt.date, seconds: int, zone: ZoneInfo) -> int:
    """The instant of local wall time ``d`` + ``seconds`` (may pass midnight) in ``zone``.

    A wall time inside a DST gap is read with the offset before the change (``fold=0``).

    >>> wall_us(dt.date(1970, 1, 1), 8 * 3600, ZoneInfo("Asia/Shanghai"))     # 08:00 in Shanghai is 00:00 UTC
    0
    """
    local = dt.datetime.combine(d + dt.timedelta(days=seconds // 86_400), dt.time(), tzinfo=zone)
    local += dt.timedelta(seconds=seconds % 86_400)  # wall-clock addition within the local date
    return epoch_us(local.replace(tzinfo=zone))


def int64_view(values: Iterable[int]) -> memoryview:
    """A read-only int64 view of ``values`` (what numpy reads without a copy)."""
    return memoryview(array.array("q", values)).toreadonly()


def _rebuilt(cls: type[_T], fields: tuple[object, ...]) -> _T:
    """A snapshot from its pickled fields (buffers travel as bytes, come back as int64 views)."""
    return cls(*(memoryview(f).cast("q") if isinstance(f, bytes) else f for f in fields))


def _pickled(fields: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(f.tobytes() if isinstance(f, memoryview) else f for f in fields)


@attrs.frozen(eq=False)
class OpenIntervals:
    """The open intervals of a clock in the local years ``first_year``..``last_year``, one snapshot.

    ``starts[i]``/``ends[i]`` bound the i-th interval ``[start, end)`` (sorted, disjoint; an interval
    running past local New Year's midnight is split there); ``cum[i]`` is the open time before
    ``starts[i]`` and ``cum_end[i]`` up to ``ends[i]``, both counted from ``lo`` (local 00:00 on
    1 January of ``first_year``) to ``hi`` (the same instant of the year after ``last_year``).
    With C(x) the open time in ``[lo, x)``:

    * ``C(x) = cum[i] + min(x, ends[i]) - starts[i]``, ``i`` the last interval starting at or before x;
    * ``elapsed(a, b) = C(b) - C(a)``; ``add(t, d)`` is ``starts[j] + (C(t) + d - cum[j])`` with ``j``
      the first interval whose ``cum_end`` reaches ``C(t) + d``.
    """

    first_year: int
    last_year: int
    lo: int
    hi: int
    starts: memoryview
    ends: memoryview
    cum: memoryview
    cum_end: memoryview
    total: int

    def __len__(self) -> int:
        return len(self.starts)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle and copy by value (the buffers as bytes)."""
        return (_rebuilt, (OpenIntervals, _pickled(attrs.astuple(self, recurse=False))))

    def open_before(self, x: int) -> int:
        """C(x): open microseconds in ``[lo, x)``, for ``lo <= x <= hi``."""
        i = bisect.bisect_right(self.starts, x) - 1
        return 0 if i < 0 else self.cum[i] + min(x, self.ends[i]) - self.starts[i]

    @property
    def nbytes(self) -> int:
        """Bytes held by the four arrays."""
        return sum(v.nbytes for v in (self.starts, self.ends, self.cum, self.cum_end))


@attrs.frozen(eq=False)
class LocalDays:
    """Per local date of the years ``first_year``..``last_year`` of a clock's zone, one snapshot.

    Day ``k`` is ``first + k days``. ``starts`` has one more entry than there are days: ``starts[k]``
    is local 00:00 of day k and ``starts[k + 1]`` its 24:00. ``opens[k]`` is the start of the first
    open interval that starts on day k and ``closes[k]`` the end of the last one (its close of
    business, which an overnight interval puts on the next date); both are :data:`MISSING` on a day
    with no open interval.
    """

    first_year: int
    last_year: int
    zone: ZoneInfo
    starts: memoryview
    opens: memoryview
    closes: memoryview
    _wall: dict[int, memoryview] = attrs.field(factory=dict, repr=False, alias="_wall")

    @property
    def first(self) -> dt.date:
        """1 January of ``first_year`` (day 0)."""
        return dt.date(self.first_year, 1, 1)

    def __len__(self) -> int:
        return len(self.opens)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle and copy by value (the buffers as bytes; the wall times are rebuilt on use)."""
        fields = (self.first_year, self.last_year, self.zone, self.starts, self.opens, self.closes)
        return (_rebuilt, (LocalDays, _pickled(fields)))

    def wall_times(self, seconds: int) -> memoryview:
        """The instant of local wall time ``seconds`` after 00:00 on every day (e.g. a cut-off at
        17:00 is ``61_200``), built once per value."""
        got = self._wall.get(seconds)
        if got is None:
            first = self.first
            got = int64_view(
                wall_us(first + dt.timedelta(days=k), seconds, self.zone) for k in range(len(self))
            )
            self._wall[seconds] = got
        return got

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return sum(v.nbytes for v in (self.starts, self.opens, self.closes, *self._wall.values()))


class ColumnarClock(Protocol):
    """What the columnar engine (``servstd.sla.batch``) and the SQL export read of a clock.

    :class:`~servstd.sla.ServiceClock` is one. Instants are integer microseconds since
    :data:`EPOCH`; years are local years of the clock's zone, :data:`FIRST_YEAR`–:data:`LAST_YEAR`,
    at most :data:`MAX_SPAN_YEARS` apart in one snapshot.
    """

    @property
    def calendar(self) -> WorkCalendar: ...

    @property
    def hours(self) -> BusinessHours: ...

    @property
    def zone(self) -> ZoneInfo: ...

    def local_year(self, x: int) -> int:
        """The local year of instant ``x`` (a :class:`~servstd.errors.ClockRangeError` outside the
        clock's years)."""
        ...

    def open_intervals(self, first_year: int, last_year: int) -> OpenIntervals:
        """A snapshot of the open intervals of at least the local years ``first_year``..``last_year``."""
        ...

    def local_days(self, first_year: int, last_year: int) -> LocalDays:
        """A snapshot of the local days of at least the years ``first_year``..``last_year``."""
        ...

    def memory_bytes(self) -> int:
        """Bytes held by the clock's cached tables and snapshots."""
        ...
