"""Rows whose years a strict calendar does not cover: found once, marked ``not_covered``.

A policy's clocks may have strict calendars (the mainland's knows the years of its notices). A
table of cases is evaluated on copies of those clocks that estimate the years they do not know
(:func:`estimating`), with the warnings held back; then every result row whose computation
reaches such a year — any local year from the earliest of its receipt, start and due to the
latest of its due, completion and (while open) ``now`` — is marked :data:`NOT_COVERED`
(:func:`uncovered`): its due, elapsed and remaining time are left missing, since they would be
estimates. The other rows are exactly what the strict clocks give: a year is either known, and
then the same on both copies, or not touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from servstd.errors import CalendarCoverageError, CalendarCoverageWarning
from servstd.sla.calendar.calendar_state import notice_state
from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.columnar import FIRST_YEAR, LAST_YEAR, wall_us
from servstd.sla.clock.service_clock import ServiceClock
from servstd.sla.policy.sla_policy import MetricTarget, SLAPolicy

__all__ = ["NOT_COVERED", "estimating", "mark_not_covered", "quiet", "uncovered"]

NOT_COVERED = "not_covered"
"""The status of a row whose years the policy's calendar does not know."""

I64 = npt.NDArray[np.int64]
_NAT = np.iinfo(np.int64).min
_SHOWN = 5


def _estimating_clock(clock: ServiceClock) -> ServiceClock:
    cal = clock.calendar
    lenient = WorkCalendar(
        name=cal.name,
        region=cal.region,
        strict=False,
        weekend=cal.weekend,
        overlays=cal.overlays,
        base_coverage=cal.base_coverage,
        unknown_years=cal.unknown_years,
    )
    return ServiceClock(lenient, clock.hours, clock.tz)


def estimating(policy: SLAPolicy) -> tuple[SLAPolicy, frozenset[int]]:
    """``policy`` with each clock on a strict calendar replaced by one that estimates the years
    the calendar does not know (built once per clock and calendar state), and the ``id`` of each
    replacement (the clocks whose rows :func:`uncovered` checks)."""
    strict = {id(c): c for _, c in policy.clocks if c.calendar.strict}
    strict |= {id(t.clock): t.clock for r in policy.rules for t in r.targets if t.clock.calendar.strict}
    if not strict:
        return policy, frozenset()
    state = notice_state()
    swap = {
        id(c): state.kept(("estimating", c), functools.partial(_estimating_clock, c)) for c in strict.values()
    }
    rules = tuple(
        attrs.evolve(
            r, targets=tuple(attrs.evolve(t, clock=swap.get(id(t.clock), t.clock)) for t in r.targets)
        )
        for r in policy.rules
    )
    clocks = tuple((n, swap.get(id(c), c)) for n, c in policy.clocks)
    return attrs.evolve(policy, rules=rules, clocks=clocks), frozenset(id(c) for c in swap.values())


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Hold back the warnings of the estimating calendars (their rows are marked instead)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CalendarCoverageWarning)
        yield


def _local_years(x: I64, clock: ServiceClock) -> I64:
    """The local year of each instant ``x`` (µs since the epoch) in ``clock``'s zone."""
    valid = x[x != _NAT]
    if not valid.size:
        return np.zeros(x.size, dtype=np.int64)
    lo = max(FIRST_YEAR, int(valid.min() // 31_556_952_000_000) + 1970 - 1)
    hi = min(LAST_YEAR + 1, int(valid.max() // 31_556_952_000_000) + 1970 + 2)
    starts = np.array([wall_us(dt.date(y, 1, 1), 0, clock.zone) for y in range(lo, hi + 1)], dtype=np.int64)
    return lo - 1 + np.searchsorted(starts, x, side="right").astype(np.int64)


def _years(us: int, clocks: dict[int, ServiceClock]) -> list[int]:
    """The local year of ``us`` in each clock's zone."""
    return [int(_local_years(np.array([us], dtype=np.int64), c)[0]) for c in clocks.values()]


def uncovered(
    estimated: frozenset[int],
    groups: Sequence[dict[str, MetricTarget]],
    metrics: Sequence[str],
    *,
    case_rows: I64,
    group_of_case: I64,
    metric_of_row: Any,
    received: I64,
    cols: dict[str, Any],
    now_us: int,
) -> tuple[npt.NDArray[np.bool_], tuple[ServiceClock, int] | None]:
    """Which result rows reach a year their clock's calendar does not cover (for the clocks of
    ``estimated``), and the clock and year of the first one (``None``, and no mask, when every row
    is covered).

    ``case_rows``: the case of each result row; ``group_of_case`` and ``received``: per case. They
    are read per result row only when some year in the table's span is not covered."""
    n = case_rows.size
    none = np.zeros(0, dtype=bool)
    first: tuple[ServiceClock, int] | None = None
    clocks: dict[int, ServiceClock] = {}
    index = {m: i for i, m in enumerate(metrics)}
    table = np.full((max(len(groups), 1), max(len(metrics), 1)), -1, dtype=np.int64)
    for g, targets in enumerate(groups):
        for m, t in targets.items():
            if id(t.clock) in estimated:
                clocks.setdefault(id(t.clock), t.clock)
                table[g, index[m]] = list(clocks).index(id(t.clock))
    if not clocks or not n:
        return none, None
    start, due, done = cols["start"], cols["due"], cols["completed"]
    big = np.iinfo(np.int64).max
    first_us = min(int(np.min(a, where=a != _NAT, initial=big)) for a in (received, start, due))
    # every case's receipt counts (not only those with result rows): a wider span, checked once
    last_us = max(int(due.max()), int(done.max()), now_us if bool((done == _NAT).any()) else _NAT)
    span = range(min(_years(first_us, clocks)), max(_years(max(last_us, first_us), clocks)) + 1)
    if all(y in c.calendar.coverage for c in clocks.values() for y in span):
        return none, None  # the whole table lies in covered years: no row to look at
    mask = np.zeros(n, dtype=bool)
    received = received[case_rows]
    which = table[group_of_case[case_rows], np.asarray(metric_of_row, dtype=np.int64)]
    lo = np.minimum(received, np.where(start == _NAT, big, start))
    lo = np.minimum(lo, np.where(due == _NAT, big, due))
    hi = np.maximum(np.where(due == _NAT, _NAT, due), np.where(done == _NAT, now_us, done))
    hi = np.maximum(hi, received)
    for k, clock in enumerate(clocks.values()):
        rows = np.flatnonzero(which == k)
        if not rows.size:
            continue
        years_lo = _local_years(lo[rows], clock)
        years_hi = _local_years(hi[rows], clock)
        a, b = int(years_lo.min()), int(years_hi.max())
        covered = clock.calendar.coverage
        missing = np.array([y not in covered for y in range(a, b + 1)], dtype=np.int64)
        count = np.concatenate([[0], np.cumsum(missing)])
        bad = count[years_hi - a + 1] - count[years_lo - a] > 0
        mask[rows[bad]] = True
        if bad.any() and first is None:
            r = int(np.flatnonzero(bad)[0])
            year = next(y for y in range(int(years_lo[r]), int(years_hi[r]) + 1) if y not in covered)
            first = (clock, year)
    return mask, first


def mark_not_covered(
    estimated: frozenset[int],
    groups: Sequence[dict[str, MetricTarget]],
    metrics: Sequence[str],
    cols: dict[str, Any],
    *,
    case_rows: I64,
    group_of_case: I64,
    received: I64,
    now_us: int,
    strict: bool,
    code: int,
    ids: Callable[[I64], Any],
) -> None:
    """Give the rows :func:`uncovered` finds the status ``code`` (:data:`NOT_COVERED`) and no
    due, elapsed, remaining or used time; with ``strict``, raise naming their first cases.
    ``group_of_case`` and ``received`` are per case, ``case_rows`` the case of each result row."""
    mask, first = uncovered(
        estimated, groups, metrics, case_rows=case_rows, group_of_case=group_of_case,
        metric_of_row=cols["metric"], received=received, cols=cols, now_us=now_us,
    )  # fmt: skip
    if first is None:
        return
    if strict:
        names = list(dict.fromkeys(str(i) for i in ids(case_rows[mask])))
        raise refusal(first, names, len(names))
    cols["status"][mask] = code
    for name in ("due", "elapsed", "remaining"):
        cols[name][mask] = _NAT
    cols["used"][mask] = np.nan


def refusal(first: tuple[ServiceClock, int], ids: Sequence[object], total: int) -> CalendarCoverageError:
    """The error of ``strict=True``: the calendar, the first year it does not know, the first cases."""
    clock, year = first
    cal = clock.calendar
    shown = ", ".join(repr(str(i)) for i in ids[:_SHOWN])
    more = f" and {total - _SHOWN} more" if total > _SHOWN else ""
    why = dict(cal.unknown_years).get(year)
    return CalendarCoverageError(
        cal.name,
        year,
        str(cal.coverage),
        region=cal.region,
        reason=(
            f"the cases {shown}{more} reach into {year}"
            + (f" ({why})" if why else "")
            + f"; give the year's data, or evaluate without strict=True to mark them {NOT_COVERED!r}"
        ),
    )
