"""The service clock's engine: sorted open intervals on the UTC line with prefix sums.

Instants are integers (microseconds since the Unix epoch, UTC). For the loaded span of years the
engine keeps three parallel lists — interval ``starts``, ``ends`` and ``cum`` (open time before
each start) — plus ``cum_end`` (open time up to each end). With C(x) the open time before x:

* ``C(x) = cum[i] + min(x, ends[i]) - starts[i]`` where ``i`` is the last interval starting at or
  before ``x`` (one ``bisect``);
* ``add``: the smallest x with ``C(x) = C(t) + d`` is found by ``bisect`` on ``cum_end``;
* ``subtract``: the largest x with ``C(x) = C(t) - d`` by ``bisect`` on ``cum``.

Years are read lazily, once, and the lists are rebuilt when the span grows. The batch API reads
the same lists as numpy arrays, so scalar and batch answers agree by construction.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, Literal
from zoneinfo import ZoneInfo

from servstd.errors import ScheduleError

__all__ = ["EPOCH", "US", "Timeline", "to_us", "wall_to_us"]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
US = 1_000_000
_ONE_US = dt.timedelta(microseconds=1)
_EMPTY_YEARS_LIMIT = 3  # consecutive years with no open time before add() gives up

Intervals = list[tuple[int, int]]
State = tuple[list[int], list[int], list[int], list[int], int, int]


def to_us(t: dt.datetime) -> int:
    """Microseconds since the epoch of an aware datetime (exact integer arithmetic)."""
    if type(t) is not dt.datetime:  # pendulum and other subclasses: their arithmetic differs
        t = dt.datetime(
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, tzinfo=t.tzinfo, fold=t.fold
        )
    return (t - EPOCH) // _ONE_US


def wall_to_us(d: dt.date, seconds: int, zone: ZoneInfo) -> int:
    """The instant of local wall time ``d`` + ``seconds`` (may pass midnight) in ``zone``.

    A wall time inside a DST gap is read with the offset before the change (``fold=0``).
    """
    local = dt.datetime.combine(d + dt.timedelta(days=seconds // 86_400), dt.time(), tzinfo=zone)
    local += dt.timedelta(seconds=seconds % 86_400)  # wall-clock addition within the local date
    return to_us(local.replace(tzinfo=zone))


class Timeline:
    """Open intervals of a clock, one year read at a time (thread-safe, lazily extended)."""

    def __init__(
        self, year_intervals: Callable[[int], Intervals], zone: ZoneInfo, *, spills_back: bool
    ) -> None:
        self._year_intervals = year_intervals
        self._zone = zone
        self._spills_back = spills_back  # overnight intervals reach into the next year
        self._years: dict[int, Intervals] = {}
        self.days: dict[dt.date, tuple[tuple[int, int], ...]] = {}  # per-date intervals, for deadlines
        self.batch: dict[str, Any] = {}  # numpy views for servstd.sla.batch
        self._lock = threading.Lock()
        self.y0 = 0
        self.y1 = -1
        # One tuple, replaced whole, so readers always see a consistent set:
        # (starts, ends, cum, cum_end, lo_us, hi_us) where [lo_us, hi_us) are the instants whose
        # local year is loaded (the fast path needs no zone conversion).
        self.state: State = ([], [], [], [], 0, 0)

    # -- loading ---------------------------------------------------------------------------
    def ensure(self, lo: int, hi: int) -> None:
        """Make sure years ``lo``..``hi`` (local years of the clock) are loaded."""
        if self._spills_back:
            lo -= 1
        self._load(lo, hi)

    def _load(self, lo: int, hi: int) -> None:
        if self.y0 <= lo and hi <= self.y1:
            return
        with self._lock:
            y0 = min(lo, self.y0) if self.y1 >= self.y0 else lo
            y1 = max(hi, self.y1) if self.y1 >= self.y0 else hi
            for y in range(y0, y1 + 1):
                if y not in self._years:
                    self._years[y] = self._year_intervals(y)
            merged: Intervals = []
            for y in range(y0, y1 + 1):
                for s, e in self._years[y]:
                    if merged and s <= merged[-1][1]:
                        if e > merged[-1][1]:
                            merged[-1] = (merged[-1][0], e)
                    else:
                        merged.append((s, e))
            starts = [s for s, _ in merged]
            ends = [e for _, e in merged]
            cum = []
            cum_end = []
            total = 0
            for s, e in merged:
                cum.append(total)
                total += e - s
                cum_end.append(total)
            # publish atomically enough: readers use one consistent snapshot via snapshot()
            first = y0 + 1 if self._spills_back else y0
            lo_us = wall_to_us(dt.date(first, 1, 1), 0, self._zone) if first <= y1 else 0
            hi_us = wall_to_us(dt.date(y1, 12, 31), 86_400, self._zone) if first <= y1 else 0
            self.state = (starts, ends, cum, cum_end, lo_us, hi_us)
            self.y0, self.y1 = y0, y1

    def snapshot(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """The current lists (one consistent set)."""
        st = self.state
        return st[0], st[1], st[2], st[3]

    # -- questions -------------------------------------------------------------------------
    @staticmethod
    def open_before(x: int, starts: list[int], ends: list[int], cum: list[int]) -> int:
        """C(x): open microseconds before ``x`` since the start of the loaded span."""
        i = bisect.bisect_right(starts, x) - 1
        if i < 0:
            return 0
        return cum[i] + min(x, ends[i]) - starts[i]

    def extend_forward(self) -> None:
        """Load one more year at the end (see :meth:`extend`)."""
        self.extend(1)

    def extend_backward(self) -> None:
        """Load one more year at the start (see :meth:`extend`)."""
        self.extend(-1)

    def extend(self, direction: Literal[1, -1]) -> None:
        """Load years in ``direction`` until open time grows; give up after years with none."""
        for _ in range(_EMPTY_YEARS_LIMIT):
            before = self.state[3][-1] if self.state[3] else 0
            if direction > 0:
                self._load(self.y0, self.y1 + 1)
            else:
                self._load(self.y0 - 1, self.y1)
            if (self.state[3][-1] if self.state[3] else 0) > before:
                return
        edge = f"up to {self.y1}" if direction > 0 else f"back to {self.y0}"
        raise ScheduleError(
            f"the clock has no open time in {_EMPTY_YEARS_LIMIT} consecutive years {edge}; "
            "check its business hours and calendar"
        )
