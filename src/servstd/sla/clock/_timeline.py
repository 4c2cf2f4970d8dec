"""The service clock's engine: open intervals on the UTC line, one immutable block per local year.

Instants are integers (microseconds since the Unix epoch, UTC). The UTC line is cut at every local
New Year's midnight of the clock's zone; the piece ``[lo, hi)`` of local year ``y`` is a
:class:`YearBlock` holding the open intervals inside it (an overnight interval crossing midnight of
31 December is split there) as three parallel lists — ``starts``, ``ends``, ``cum`` (open time in
the block before each start) — plus ``cum_end`` (open time up to each end) and the block's
``total``. With C(x) the open time before x, and ``C_y`` the same count inside block ``y``:

* ``C_y(x) = cum[i] + min(x, ends[i]) - starts[i]`` where ``i`` is the last interval starting at or
  before ``x`` (one ``bisect``);
* ``elapsed(a, b) = C(b) - C(a)`` is the rest of ``a``'s block, the totals of the years between
  and ``C`` inside ``b``'s block;
* ``add``: the smallest x with ``C(x) = C(t) + d`` — walk the blocks forward subtracting totals,
  then ``bisect`` on ``cum_end`` in the block where the target lies;
* ``subtract``: the largest x with ``C(x) = C(t) - d`` — the same backwards, ``bisect`` on ``cum``.

**Threads.** A block is built once, under a lock, and never changes; every question reads the
blocks it needs into local variables, so an answer never mixes two states of the engine and is the
single-threaded answer whatever other threads are loading.

**Bounds.** Blocks are loaded only for the years a question touches, so a query in year 2 after
one in 2026 builds two years, not two thousand. One operation may reach across at most
:data:`MAX_SPAN_YEARS` local years (a longer ``add``/``elapsed``/``periods`` raises
:class:`~servstd.errors.ClockRangeError` at once, before any work), and instants must lie in the
local years :data:`FIRST_YEAR`–:data:`LAST_YEAR` (the ends of ``datetime``'s range, where a zone
offset would overflow, are refused).

The columnar engine reads consecutive blocks joined into one immutable
:class:`~servstd.sla.clock.columnar.OpenIntervals` snapshot (:meth:`Timeline.open_intervals`), so
scalar and column answers agree by construction.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import threading
import weakref
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

from servstd.errors import ClockRangeError, ScheduleError
from servstd.sla.clock.columnar import (
    EPOCH,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_SPAN_YEARS,
    US,
    LocalDays,
    OpenIntervals,
    int64_view,
    wall_us,
)

__all__ = ["NEAR_YEARS", "Timeline", "YearBlock", "check_span", "joined"]

_EMPTY_YEARS_LIMIT = 3  # consecutive years with no open time before add() gives up
_YEAR_US = 367 * 86_400 * US  # more open time than any local year can hold (DST included)
_MAX_SPAN_US = (MAX_SPAN_YEARS + 1) * _YEAR_US
NEAR_YEARS = 2
"""A snapshot this close to the one kept is joined to it rather than built apart (speed only)."""

Intervals = list[tuple[int, int]]


class YearBlock:
    """The open intervals of one local year ``[lo, hi)``, with prefix sums (immutable once built)."""

    __slots__ = ("cum", "cum_end", "ends", "hi", "lo", "starts", "total", "year")

    def __init__(self, year: int, lo: int, hi: int, merged: Intervals) -> None:
        self.year, self.lo, self.hi = year, lo, hi
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        cum: list[int] = []
        cum_end: list[int] = []
        total = 0
        for s, e in merged:
            cum.append(total)
            total += e - s
            cum_end.append(total)
        self.cum, self.cum_end, self.total = cum, cum_end, total

    def open_before(self, x: int) -> int:
        """``C_y(x)``: open microseconds in the block before ``x`` (``lo <= x <= hi``)."""
        i = bisect.bisect_right(self.starts, x) - 1
        if i < 0:
            return 0
        return self.cum[i] + min(x, self.ends[i]) - self.starts[i]

    def forward(self, target: int) -> int:
        """The smallest x in the block with ``C_y(x) == target`` (``0 < target <= total``)."""
        j = bisect.bisect_left(self.cum_end, target)
        return self.starts[j] + (target - self.cum[j])

    def backward(self, target: int) -> int:
        """The largest x in the block with ``C_y(x) == target`` (``0 <= target < total``)."""
        j = bisect.bisect_right(self.cum, target) - 1
        return self.starts[j] + (target - self.cum[j])


class Timeline:
    """Open intervals of a clock, one immutable block per local year, loaded on demand (thread-safe)."""

    def __init__(
        self, intervals: Callable[[dt.date, dt.date], Intervals], zone: ZoneInfo, *, overnight: bool = True
    ) -> None:
        self._intervals = intervals  # open intervals starting on the dates [first, last], unsorted
        self._zone = zone
        self._overnight = overnight  # whether an interval may run past midnight into the next date
        self._blocks: dict[int, YearBlock] = {}
        self._new_year: dict[int, int] = {}  # local 1 January 00:00 of each year, as an instant
        # the loaded blocks by start instant, replaced whole under the lock (readers take one tuple)
        self._index: tuple[list[int], list[YearBlock]] = ([], [])
        self.days: dict[dt.date, tuple[tuple[int, int], ...]] = {}  # per-date intervals, for deadlines
        # the last snapshot of each kind handed to the columnar engines (replaced whole, never changed)
        self.kept_intervals: OpenIntervals | None = None
        self.kept_days: LocalDays | None = None
        self._lock = threading.Lock()
        _LIVE.add(self)

    def _after_fork(self) -> None:
        """In a forked child: a fresh lock (another thread of the parent may have held this one)."""
        self._lock = threading.Lock()

    # -- years -----------------------------------------------------------------------------
    def new_year(self, year: int) -> int:
        """The instant of local midnight starting 1 January of ``year``."""
        got = self._new_year.get(year)
        if got is None:
            got = wall_us(dt.date(year, 1, 1), 0, self._zone)
            self._new_year[year] = got
        return got

    def year_of(self, x: int) -> int:
        """The local year of instant ``x``; outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` an error."""
        try:
            y = (EPOCH + dt.timedelta(microseconds=x)).year
        except OverflowError:
            y = 1 if x < 0 else 9999
        if y >= FIRST_YEAR and x < self.new_year(y):
            y -= 1
        elif y <= LAST_YEAR and x >= self.new_year(y + 1):
            y += 1
        if not FIRST_YEAR <= y <= LAST_YEAR:
            raise ClockRangeError(
                f"the instant {_describe(x)} falls in local year {y} of {self._zone.key}; "
                f"a clock answers for local years {FIRST_YEAR}–{LAST_YEAR}",
                x,
            )
        return y

    def block(self, year: int) -> YearBlock:
        """The block of local ``year`` (built once, under the lock)."""
        got = self._blocks.get(year)
        if got is not None:
            return got
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ClockRangeError(
                f"the clock would need local year {year}; it answers for {FIRST_YEAR}–{LAST_YEAR}", year
            )
        with self._lock:
            got = self._blocks.get(year)
            if got is None:
                got = self._build(year)
                self._blocks[year] = got
                ordered = sorted(self._blocks.values(), key=lambda b: b.lo)
                self._index = ([b.lo for b in ordered], ordered)
        return got

    def _build(self, year: int) -> YearBlock:
        lo, hi = self.new_year(year), self.new_year(year + 1)
        raw = self._intervals(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if self._overnight:  # only then may an interval of the year before reach into this one
            raw += self._intervals(dt.date(year - 1, 12, 30), dt.date(year - 1, 12, 31))
        raw.sort()
        merged: Intervals = []
        for start, end in raw:
            s, e = max(start, lo), min(end, hi)
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        return YearBlock(year, lo, hi, merged)

    def at(self, x: int) -> YearBlock:
        """The block holding instant ``x``."""
        los, blocks = self._index
        i = bisect.bisect_right(los, x) - 1
        if i >= 0 and x < blocks[i].hi:
            return blocks[i]
        return self.block(self.year_of(x))

    def blocks(self, first: int, last: int) -> Iterator[YearBlock]:
        """The blocks of the local years ``first``..``last`` in order (span checked first)."""
        check_span(first, last)
        for y in range(first, last + 1):
            yield self.block(y)

    def open_intervals(self, first: int, last: int) -> OpenIntervals:
        """One snapshot of at least the local years ``first``..``last``: the last one handed out if it
        covers them, else a new one (joined to the last when the two lie near each other)."""
        kept = self.kept_intervals
        if kept is not None and kept.first_year <= first and last <= kept.last_year:
            return kept
        if kept is not None and first <= kept.last_year + NEAR_YEARS and kept.first_year - NEAR_YEARS <= last:
            first, last = min(first, kept.first_year), max(last, kept.last_year)
        snap = joined(list(self.blocks(first, last)))
        self.kept_intervals = snap
        return snap

    def loaded_intervals(self) -> int:
        """How many intervals the loaded blocks hold."""
        return sum(len(b.starts) for b in list(self._blocks.values()))

    # -- questions -------------------------------------------------------------------------
    def elapsed(self, x: int, y: int) -> int:
        """``C(y) - C(x)`` in microseconds."""
        if y < x:
            return -self.elapsed(y, x)
        bx = self.at(x)
        if y < bx.hi:
            return bx.open_before(y) - bx.open_before(x)
        last = self.year_of(y)
        check_span(bx.year, last)
        by = self.block(last)
        total = bx.total - bx.open_before(x) + by.open_before(y)
        for y_between in range(bx.year + 1, last):
            total += self.block(y_between).total
        return total

    def add(self, x: int, n: int) -> int:
        """The smallest instant z ≥ x with ``C(z) - C(x) == n`` (``n >= 0``)."""
        if n == 0:
            self.year_of(x)  # in range
            return x
        if n > _MAX_SPAN_US:
            raise _too_far(n, "add")
        b = self.at(x)
        rem = n - (b.total - b.open_before(x))
        if rem <= 0:
            return b.forward(b.total + rem)
        first, year, empty = b.year, b.year, 0
        while True:
            year += 1
            if year - first > MAX_SPAN_YEARS:
                raise _too_far(n, "add")
            b = self.block(year)
            if b.total == 0:
                empty += 1
                if empty >= _EMPTY_YEARS_LIMIT:
                    raise _no_open_time(year, 1)
                continue
            empty = 0
            if rem <= b.total:
                return b.forward(rem)
            rem -= b.total

    def subtract(self, x: int, n: int) -> int:
        """The largest instant z ≤ x with ``C(x) - C(z) == n`` (``n >= 0``)."""
        if n == 0:
            self.year_of(x)  # in range
            return x
        if n > _MAX_SPAN_US:
            raise _too_far(n, "subtract")
        b = self.at(x)
        rem = n - b.open_before(x)
        if rem <= 0:
            return b.backward(-rem)
        first, year, empty = b.year, b.year, 0
        while True:
            year -= 1
            if first - year > MAX_SPAN_YEARS:
                raise _too_far(n, "subtract")
            b = self.block(year)
            if b.total == 0:
                empty += 1
                if empty >= _EMPTY_YEARS_LIMIT:
                    raise _no_open_time(year, -1)
                continue
            empty = 0
            if rem <= b.total:
                return b.backward(b.total - rem)
            rem -= b.total

    def is_open(self, x: int) -> bool:
        """Whether ``x`` lies in an open interval."""
        b = self.at(x)
        i = bisect.bisect_right(b.starts, x) - 1
        return i >= 0 and x < b.ends[i]

    def next_open(self, x: int) -> int:
        """``x`` if open, else the next opening."""
        b = self.at(x)
        i = bisect.bisect_right(b.starts, x) - 1
        if i >= 0 and x < b.ends[i]:
            return x
        if i + 1 < len(b.starts):
            return b.starts[i + 1]
        year, empty = b.year, 0
        while True:
            year += 1
            b = self.block(year)
            if b.starts:
                return b.starts[0]
            empty += 1
            if empty >= _EMPTY_YEARS_LIMIT:
                raise _no_open_time(year, 1)

    def periods(self, x: int, y: int) -> Intervals:
        """The open intervals within ``[x, y)``, clipped to it and merged, in order."""
        first, last = self.year_of(x), self.year_of(y)
        if y <= x:
            return []
        out: Intervals = []
        for b in self.blocks(first, last):
            i = max(bisect.bisect_right(b.starts, x) - 1, 0)
            while i < len(b.starts) and b.starts[i] < y:
                s, e = max(b.starts[i], x), min(b.ends[i], y)
                if e > s:
                    if out and out[-1][1] == s:  # one interval cut at New Year's midnight
                        out[-1] = (out[-1][0], e)
                    else:
                        out.append((s, e))
                i += 1
        return out


def joined(blocks: list[YearBlock]) -> OpenIntervals:
    """Consecutive year blocks as one snapshot, prefix sums counted from the first block's start."""
    starts: list[int] = []
    ends: list[int] = []
    cum: list[int] = []
    cum_end: list[int] = []
    offset = 0
    for b in blocks:
        starts += b.starts
        ends += b.ends
        cum += [c + offset for c in b.cum]
        cum_end += [c + offset for c in b.cum_end]
        offset += b.total
    return OpenIntervals(
        first_year=blocks[0].year,
        last_year=blocks[-1].year,
        lo=blocks[0].lo,
        hi=blocks[-1].hi,
        starts=int64_view(starts),
        ends=int64_view(ends),
        cum=int64_view(cum),
        cum_end=int64_view(cum_end),
        total=offset,
    )


def check_span(first: int, last: int) -> None:
    """Refuse an operation over more than :data:`MAX_SPAN_YEARS` local years."""
    if last - first > MAX_SPAN_YEARS:
        raise ClockRangeError(
            f"the operation spans local years {first}–{last}; one operation may span at most "
            f"{MAX_SPAN_YEARS} years",
            (first, last),
        )


def _too_far(n: int, what: str) -> ClockRangeError:
    return ClockRangeError(
        f"cannot {what} {n // (86_400 * US):,} days of open time: the answer lies more than {MAX_SPAN_YEARS} years away "
        f"(one operation may span at most {MAX_SPAN_YEARS} years)",
        n,
    )


def _describe(x: int) -> str:
    try:
        return (EPOCH + dt.timedelta(microseconds=x)).isoformat()
    except OverflowError:
        return f"{x} µs after 1970-01-01 UTC"


def _no_open_time(year: int, direction: int) -> ScheduleError:
    edge = f"up to {year}" if direction > 0 else f"back to {year}"
    return ScheduleError(
        f"the clock has no open time in {_EMPTY_YEARS_LIMIT} consecutive years {edge}; "
        "check its business hours and calendar"
    )


_LIVE: weakref.WeakSet[Timeline] = weakref.WeakSet()
"""Every timeline alive, so a forked child can give each a fresh lock."""


def _fresh_locks_after_fork() -> None:
    for timeline in list(_LIVE):
        timeline._after_fork()


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=_fresh_locks_after_fork)
