"""Columnar SLA evaluation: :meth:`SLAPolicy.evaluate <servstd.sla.SLAPolicy.evaluate>` over a whole table.

A ticket export is a table: one row per case with its id, the aware instant it was received, the
attributes a policy's conditions read (zone, category, tier…) and, per metric, an optional column
``<metric>_at`` with the instant the metric was completed (null while open). An optional long
table of events (``case``, ``kind``, ``at`` and optionally ``metric``, ``approver``,
``new_target``) holds pauses, resumptions, approved extensions, stops and completions, with the
kinds of :class:`~servstd.sla.TimerEvent`.

:func:`evaluate` answers with one row per case × applicable metric, in the kind of table it was
given (pandas, polars, pyarrow), ordered by case (as given) then metric (as the policy names
them). Each row is what the scalar API says for that case, where the case's events are a ``start``
at the receipt instant, a ``complete`` (scoped to the metric) at each non-null ``<metric>_at`` and
its rows of the events table. How it gets there:

* rules are matched once per group of cases that every condition treats alike (equal names; for
  a field compared as an amount, 「300万元以上」, the same outcome of each comparison), not once per
  case — so a column of distinct amounts makes a handful of groups, and each group is matched by
  the scalar :meth:`SLAPolicy.targets <servstd.sla.SLAPolicy.targets>` on one of its cases;
* deadlines (windows before a reference too), pauses, elapsed and remaining time are computed per
  target with the columnar engine (numpy ``searchsorted`` on the clock's arrays): no Python loop
  per case when a case has no events or only pauses and resumptions (pauses are applied in
  order, one vector step per pause number);
* cases with other events (extensions, stops, completions in the events table) are evaluated by
  the scalar timer, one case at a time.

Bad rows are all reported together in one :class:`~servstd.errors.DocumentError` that says which
rows and why: a naive or missing receipt instant, an attribute value no rule names when no rule
applies (an unknown tier), a value of an amount field that cannot be read as an amount, events
out of order (a resumption without a pause, a pause after the metric completed, a completion
before the start), an event for an unknown case. Rows are counted from 0, in the order of the
table.

Columns of the result: ``case``, ``metric``, ``status`` (the values of
:class:`~servstd.sla.TimerStatus`), ``start``, ``due``, ``completed`` (instants in the policy's
time zone; null where the metric has not started or not completed), ``elapsed``, ``remaining``,
``paused`` (durations of open time), and ``used`` (elapsed ÷ allowed open time as a float, for
display: the status itself is decided in exact integer arithmetic).

>>> import pandas as pd
>>> from servstd.sla import SLAPolicy, batch
>>> policy = SLAPolicy.from_catalog("insurance-claims-sla")
>>> cases = pd.DataFrame({
...     "case": ["A1", "A2"],
...     "received_at": pd.to_datetime(["2026-09-30 16:00", "2026-10-01 22:00"]).tz_localize("Asia/Shanghai"),
...     "zone": ["城区", "郊县"],
...     "category": ["咨询", None],
...     "answer_at": pd.to_datetime(["2026-10-12 10:00", None]).tz_localize("Asia/Shanghai"),
...     "arrival_at": pd.to_datetime(["2026-09-30 16:30", "2026-10-02 02:00"]).tz_localize("Asia/Shanghai"),
... })
>>> out = batch.evaluate(policy, cases, now=pd.Timestamp("2026-10-20", tz="Asia/Shanghai"))
>>> out[["case", "metric", "status", "due"]].to_string(index=False)
'case  metric   status                       due\\n  A1 arrival      met 2026-09-30 16:40:00+08:00\\n  A1  answer breached 2026-10-10 18:00:00+08:00\\n  A2 arrival breached 2026-10-02 01:00:00+08:00'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR
from typing import Any

import numpy as np
import numpy.typing as npt

from servstd._names import FoldedNames
from servstd.errors import (
    DocumentError,
    InputParseError,
    InputTypeError,
    NaiveDatetimeError,
    Problem,
    ServstdError,
)
from servstd.sla.batch._coverage import NOT_COVERED, estimating, mark_not_covered, quiet
from servstd.sla.batch._engine import _add_us, _arrays, _backward, _days, _due_us, _local_years, _open_before
from servstd.sla.batch._files import first_row
from servstd.sla.batch._tables import I64, NAIVE, NAT, Columns, columns_of, missing
from servstd.sla.clock.columnar import epoch_us
from servstd.sla.clock.deadline import DeadlineRule
from servstd.sla.clock.durations import BusinessTime, CalendarPeriod, ClockTime, PeriodUnit, WorkingDays
from servstd.sla.policy.conditions import AmountBound, case_amount
from servstd.sla.policy.sla_policy import MetricTarget, SLAPolicy
from servstd.sla.policy.timer import EventKind, TimerEvent, TimerResult, TimerStatus

__all__ = ["evaluate", "evaluate_chunks"]

_STATUS = list(TimerStatus)
_CODE = {s: i for i, s in enumerate(_STATUS)}
_KINDS = list(EventKind)
_PAUSE, _RESUME = _KINDS.index(EventKind.PAUSE), _KINDS.index(EventKind.RESUME)
_ROWS_SHOWN = 8


class _Problems:
    """Problems found in the tables, grouped by message so a million bad rows read as one line.

    Rows are recorded as the positions in the tables evaluated; ``offset`` (case rows) and
    ``event_rows`` (the events' rows in the table the caller gave) say where they stand in the
    tables as given, when a chunk or a part of the events is evaluated; ``first`` is, per table,
    the number shown for its first row (2 for a sheet).
    """

    def __init__(
        self,
        ids: Any = None,
        first: dict[str, int] | None = None,
        *,
        offset: int = 0,
        event_rows: I64 | None = None,
    ) -> None:
        self.by_message: dict[tuple[str, str], list[npt.NDArray[np.int64]]] = defaultdict(list)
        self.ids = ids  # a function giving the case ids (read only when a message names one)
        self.first = first or {}
        self.offset = offset
        self.event_rows = event_rows

    def add(self, table: str, rows: Any, message: str) -> None:
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        if rows.size:
            self.by_message[(table, message)].append(rows)

    def __bool__(self) -> bool:
        return bool(self.by_message)

    def error(self) -> DocumentError:
        out = []
        for (table, message), parts in self.by_message.items():
            local = np.unique(np.concatenate(parts))
            if table == "cases":
                rows = local + self.offset
            else:
                rows = local if self.event_rows is None else np.sort(self.event_rows[local])
            first = self.first.get(table, 0)
            shown = ", ".join(str(int(r) + first) for r in rows[:_ROWS_SHOWN])
            more = f" … ({rows.size:,} rows)" if rows.size > _ROWS_SHOWN else ""
            label = "row" if rows.size == 1 else "rows"
            if self.ids is not None and table == "cases" and rows.size == 1:
                named = self.ids()[local[0]]
                if not missing(named):  # a row without an id is named by its position alone
                    shown += f" (case {named!r})"
            out.append(Problem(f"{table} {label} {shown}{more}", message))
        return DocumentError("case table", out)


def _now_us(now: object) -> int:
    if not isinstance(now, dt.datetime):
        raise NaiveDatetimeError(now, "now") if now is None else _type_error(now)
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError(now, "now")
    return epoch_us(now.to_pydatetime() if hasattr(now, "to_pydatetime") else now)


def _type_error(now: object) -> ServstdError:
    return InputTypeError(now, "now", "an aware datetime")


def _require(tab: Columns, table: str, names: Iterable[str]) -> None:
    missing = [n for n in names if n not in tab]
    if missing:
        have = ", ".join(tab.names) or "none"
        raise DocumentError(
            f"{table} table",
            [Problem(n, f"no column {n!r} (the table has: {have})") for n in missing],
        )


def _instants(tab: Columns, table: str, name: str, bad: _Problems) -> I64:
    us, why = tab.instants(name)
    bad.add(
        table,
        np.flatnonzero(why == NAIVE),
        f"{name} is a naive instant (no time zone); servstd needs aware instants",
    )
    bad.add(
        table,
        np.flatnonzero(why > NAIVE),
        f"{name} is not an instant; give time-zone-aware timestamps",
    )
    return us


def _chain_problem(targets: dict[str, MetricTarget]) -> str | None:
    """What the scalar evaluation would reject about this group's ``start_after`` chains."""
    for t in targets.values():
        if t.start_after is not None and t.start_after not in targets:
            return f"{t.metric} starts after {t.start_after!r}, which no rule gives this case"
    done: set[str] = set()
    pending = list(targets.values())
    while pending:
        later = [t for t in pending if t.start_after is not None and t.start_after not in done]
        if len(later) == len(pending):
            return f"metrics {[t.metric for t in later]} start after each other in a cycle"
        done |= {t.metric for t in pending if t not in later}
        pending = later
    return None


def _topological(metrics: list[str], edges: set[tuple[str, str]]) -> list[str] | None:
    order: list[str] = []
    left = list(metrics)
    while left:
        ready = [m for m in left if all(a in order for a, b in edges if b == m)]
        if not ready:
            return None
        order += ready
        left = [m for m in left if m not in ready]
    return order


_COLUMNS = {
    "status": np.int8, "start": np.int64, "due": np.int64, "completed": np.int64,
    "elapsed": np.int64, "remaining": np.int64, "paused": np.int64, "used": np.float64,
}  # fmt: skip
_CHUNK = 1 << 16
"""Cases computed at a time by the vector path: its temporaries stay a few MB whatever the table."""


class _Out:
    """The result columns, preallocated in their final types: one row per case × applicable
    metric, by case then metric.

    Each chunk of results is scattered straight to its place: the row of (case r, metric m) is
    ``first[r]`` (the rows of earlier cases) plus the number of metrics before m in r's group —
    ``r × k + rank[m]`` when every case has the same ``k`` metrics.
    """

    def __init__(self, inv: I64, groups: list[dict[str, MetricTarget]], metrics: list[str]) -> None:
        index = {m: i for i, m in enumerate(metrics)}
        rank = np.zeros((max(len(groups), 1), max(len(metrics), 1)), dtype=np.int64)
        count = np.zeros(max(len(groups), 1), dtype=np.int64)
        for g, targets in enumerate(groups):
            applicable = sorted(index[m] for m in targets)
            rank[g, applicable] = np.arange(len(applicable))
            count[g] = len(applicable)
        self.n = inv.size
        self.inv, self.rank = inv, rank
        used = np.flatnonzero(np.bincount(inv, minlength=len(groups)))  # the groups with cases
        sets = {tuple(sorted(groups[g])) for g in used.tolist()}
        self.uniform = len(sets) <= 1  # every case has the same metrics: positions are arithmetic
        if self.uniform:
            self.k = len(next(iter(sets))) if sets else 0
            self.first: I64 | None = None
            total = self.n * self.k
        else:
            per_case = count[inv] if inv.size else np.zeros(0, dtype=np.int64)
            self.k = 0
            self.first = np.cumsum(per_case) - per_case
            total = int(per_case.sum())
        self.total = total
        self.metric_code = np.int8 if len(metrics) < 128 else np.int16
        self.cols: dict[str, npt.NDArray[Any]] = {"metric": np.empty(total, dtype=self.metric_code)}
        self.cols.update((name, np.empty(total, dtype=dtype)) for name, dtype in _COLUMNS.items())
        self.shared = int(used[0]) if used.size else 0  # with uniform metrics: any group with cases
        if self.first is None and self.k:  # each case's metrics, in their order, written once
            mine = sorted(index[m] for m in groups[self.shared])
            self.cols["metric"].reshape(self.n, self.k)[:] = np.array(mine, dtype=self.metric_code)

    def positions(self, row: I64, metric: int) -> I64:
        """Where the results of ``metric`` for the cases in ``row`` go."""
        ranks = self.rank[:, metric]
        if self.first is None:
            pos: I64 = row * self.k
            pos += int(ranks[self.shared])
            return pos
        pos = self.first[row]
        pos += ranks[self.inv[row]]
        return pos

    def add(self, *, row: Any, metric: int, **cols: Any) -> None:
        row = np.atleast_1d(np.asarray(row, dtype=np.int64))
        if self.first is None and row.size:  # every k-th result row, from the metric's rank on
            at = int(self.rank[self.shared, metric])
            run = int(row[-1]) - int(row[0]) + 1 == row.size  # consecutive cases: a slice
            where: Any = slice(int(row[0]), int(row[-1]) + 1) if run else row
            for k, v in cols.items():
                self.cols[k][at :: self.k][where] = v
            return
        pos = self.positions(row, metric)
        self.cols["metric"][pos] = metric
        for k, v in cols.items():
            self.cols[k][pos] = v

    def case_rows(self) -> I64:
        """The case row of each result row."""
        if self.first is None:
            return np.repeat(np.arange(self.n, dtype=np.int64), self.k)
        per_case = np.diff(np.append(self.first, self.total))
        return np.repeat(np.arange(self.n, dtype=np.int64), per_case)


def evaluate(
    policy: SLAPolicy,
    cases: Any,
    events: Any = None,
    *,
    now: dt.datetime,
    case_id: str = "case",
    received: str = "received_at",
    strict: bool = False,
) -> Any:
    """Evaluate ``policy`` on every case of ``cases`` at ``now`` (see the module documentation).

    A row that reaches a year its clock's strict calendar does not cover (a 2027 case before
    2027's notice is known) gets the status ``not_covered``, with no due, elapsed or remaining
    time, and the others are evaluated; with ``strict=True`` such a row is a
    :class:`~servstd.errors.CalendarCoverageError` naming the first cases instead.
    """
    tab, data, tz = evaluated(  # each result row's case row is let go before the table is built
        policy, cases, events, now=now, case_id=case_id, received=received, strict=strict
    )[:3]
    return tab.build(data, tz)


def evaluated(
    policy: SLAPolicy,
    cases: Any,
    events: Any = None,
    *,
    now: dt.datetime,
    case_id: str = "case",
    received: str = "received_at",
    strict: bool = False,
) -> tuple[Columns, dict[str, tuple[str, Any]], str, I64]:
    """What :func:`evaluate` builds its table from: the case table's columns, the result columns
    (``{name: (type, numpy array)}``), the zone they are shown in, and each result row's case row
    (what :func:`~servstd.sla.batch.report` counts without building a table)."""
    now_us = _now_us(now)
    policy, estimated = estimating(policy)
    tab = columns_of(cases, "cases")
    _require(tab, "cases", (case_id, received))
    ev_tab = columns_of(events, "events") if events is not None else None
    if ev_tab is not None:
        _require(ev_tab, "events", ("case", "kind", "at"))
    bad = _Problems(_ids(tab, case_id), {"cases": first_row(cases), "events": first_row(events)})
    event_rows = _case_rows(tab, case_id, ev_tab, bad)
    data, case_rows = _evaluate(
        policy, tab, ev_tab, event_rows, bad, estimated=estimated,
        now=now, now_us=now_us, case_id=case_id, received=received, strict=strict,
    )  # fmt: skip
    return tab, data, _zone(policy), case_rows


def evaluate_chunks(
    policy: SLAPolicy,
    chunks: Any,
    events: Any = None,
    *,
    now: dt.datetime,
    case_id: str = "case",
    received: str = "received_at",
    strict: bool = False,
) -> Iterator[Any]:
    """:func:`evaluate` one table of cases at a time: for a case table that does not fit in memory.

    ``chunks`` is an iterable of case tables (pandas or polars DataFrames, pyarrow Tables or
    RecordBatches), or a ``pyarrow.parquet.ParquetFile``, read one row group at a time.
    ``events`` is one table for all of them: each chunk is evaluated with the events of its own
    cases. Yields one result table per chunk; their rows, in order, are the rows
    :func:`evaluate` gives for all the cases at once. Rows named in an error are counted from
    the first case of the first chunk (and in the events table as given).

    Each chunk is checked as it comes (an error stops the iteration there); a case id is checked
    against the other ids of its own chunk, and an event whose case is in no chunk is reported
    once every chunk has been read. Memory is what one chunk needs. Rows that reach a year the
    calendar does not cover are marked ``not_covered`` as :func:`evaluate` marks them (with
    ``strict=True``, the chunk holding the first such row raises).

    >>> import pandas as pd
    >>> from servstd.sla import SLAPolicy, batch
    >>> policy = SLAPolicy.from_catalog("insurance-claims-sla")
    >>> cases = pd.DataFrame({
    ...     "case": ["A1", "A2"],
    ...     "received_at": pd.to_datetime(["2026-09-30 16:00", "2026-10-01 22:00"]).tz_localize("Asia/Shanghai"),
    ...     "zone": ["城区", "郊县"],
    ... })
    >>> now = pd.Timestamp("2026-10-20", tz="Asia/Shanghai")
    >>> parts = batch.evaluate_chunks(policy, [cases.iloc[:1], cases.iloc[1:]], now=now)
    >>> pd.concat(parts, ignore_index=True).equals(batch.evaluate(policy, cases, now=now))
    True
    """
    now_us = _now_us(now)
    ev_tab = columns_of(events, "events") if events is not None else None
    if ev_tab is not None:
        _require(ev_tab, "events", ("case", "kind", "at"))
    return _chunks(
        policy, _tables(chunks), ev_tab, events_first=first_row(events),
        now=now, now_us=now_us, case_id=case_id, received=received, strict=strict,
    )  # fmt: skip


def _tables(chunks: Any) -> Iterator[Any]:
    """The case tables of ``chunks``: a Parquet file's row groups, or the tables it yields."""
    if type(chunks).__module__.startswith("pyarrow") and hasattr(chunks, "read_row_group"):
        for i in range(chunks.num_row_groups):
            yield chunks.read_row_group(i)
        return
    try:
        tables = iter(chunks)
    except TypeError:
        raise InputTypeError(
            chunks, "chunks", "an iterable of case tables, or a pyarrow.parquet.ParquetFile"
        ) from None
    yield from tables


def _chunks(
    policy: SLAPolicy,
    tables: Iterator[Any],
    ev_tab: Columns | None,
    *,
    events_first: int,
    now: dt.datetime,
    now_us: int,
    case_id: str,
    received: str,
    strict: bool,
) -> Iterator[Any]:
    policy, estimated = estimating(policy)
    zone = _zone(policy)
    seen = np.zeros(ev_tab.n if ev_tab is not None else 0, dtype=bool)
    offset = 0
    for table in tables:
        tab = columns_of(table, "cases")
        _require(tab, "cases", (case_id, received))
        first = {"cases": first_row(table), "events": events_first}
        scan = _Problems(_ids(tab, case_id), first, offset=offset)
        found = _case_rows(tab, case_id, ev_tab, scan, unmatched=False)
        part, rows, mine = None, found, None
        if ev_tab is not None:
            mine = np.flatnonzero(found >= 0)
            seen[mine] = True
            part, rows = ev_tab.subset(mine), found[mine]
        bad = _Problems(_ids(tab, case_id), first, offset=offset, event_rows=mine)
        bad.by_message.update(scan.by_message)
        data, _ = _evaluate(
            policy, tab, part, rows, bad, estimated=estimated,
            now=now, now_us=now_us, case_id=case_id, received=received, strict=strict,
        )  # fmt: skip
        yield tab.build(data, zone)
        offset += tab.n
    if not seen.all():
        bad = _Problems(first={"events": events_first})
        bad.add("events", np.flatnonzero(~seen), "an event for a case that is not in the case table")
        raise bad.error()


def _evaluate(
    policy: SLAPolicy,
    tab: Columns,
    ev_tab: Columns | None,
    event_rows: I64,
    bad: _Problems,
    *,
    estimated: frozenset[int],
    now: dt.datetime,
    now_us: int,
    case_id: str,
    received: str,
    strict: bool,
) -> tuple[dict[str, tuple[str, Any]], I64]:
    """The result columns of one case table whose ids are checked (``event_rows``: each event's
    case), and each result row's case row. ``estimated``: the clocks of ``policy`` that estimate
    years their strict calendar does not cover (see :mod:`servstd.sla.batch._coverage`)."""
    n = tab.n
    rec = _instants(tab, "cases", received, bad)
    bad.add(
        "cases", np.flatnonzero(rec == NAT), f"{received} is missing; every case needs its receipt instant"
    )

    metrics = policy.metrics()
    keys = policy.fields
    inv, groups = _groups(tab, keys, policy, bad)
    never = np.broadcast_to(np.int64(NAT), (n,))  # one read-only column for every metric without one
    comp = {m: _instants(tab, "cases", f"{m}_at", bad) if f"{m}_at" in tab else never for m in metrics}
    ev = _Events(ev_tab, event_rows, metrics, bad) if ev_tab is not None else None
    scalar_rows = np.zeros(n, dtype=bool)
    if ev is not None:
        scalar_rows[ev.rows[ev.complex]] = True
    edges = {(t.start_after, t.metric) for g in groups for t in g.values() if t.start_after is not None}
    order = _topological(metrics, edges)
    if order is None:  # chains that differ between groups: the scalar timer orders them per case
        chained = np.array([any(t.start_after for t in g.values()) for g in groups], dtype=bool)
        scalar_rows |= chained[inv] if chained.size else False
        order = metrics
    # a target counting back from its reference (到期前…, 在X前…内) takes no pauses or extensions:
    # a case of such a group with events is left to the scalar timer (which refuses them)
    back = np.array([any(t.rule.counts_back for t in g.values()) for g in groups], dtype=bool)
    if ev is not None and back.any():
        with_events = np.zeros(n, dtype=bool)
        with_events[ev.rows[ev.rows >= 0]] = True
        scalar_rows |= back[inv] & with_events

    plans = _plan(
        policy, order, groups=groups, inv=inv, rec=rec, comp=comp, vector_rows=~scalar_rows, ev=ev, bad=bad
    )
    out = _Out(inv, groups, metrics)
    with quiet():  # rows the estimates reach are marked below
        if scalar_rows.any():
            _scalar(
                policy, np.flatnonzero(scalar_rows), keys=keys, tab=tab, rec=rec, comp=comp, ev=ev,
                now=now, metrics=metrics, out=out, bad=bad,
            )  # fmt: skip
        if bad:
            raise bad.error()
        del scalar_rows, ev
        for plan in plans:
            plan.compute(now_us, out)
    del plans, comp  # the result columns are built without them

    cols = out.cols
    case_rows = out.case_rows()
    mark_not_covered(
        estimated, groups, metrics, cols, case_rows=case_rows, group_of_case=inv,
        received=rec, now_us=now_us, strict=strict, code=len(_STATUS),
        ids=lambda rows: tab.take(case_id, rows),
    )  # fmt: skip
    del rec, inv
    data = {
        "case": ("column", tab.take(case_id, case_rows)),
        "metric": ("category", (cols.pop("metric"), metrics)),
        "status": ("category", (cols.pop("status"), [*(s.value for s in _STATUS), NOT_COVERED])),
        **{name: ("instant", cols.pop(name)) for name in ("start", "due", "completed")},
        **{name: ("duration", cols.pop(name)) for name in ("elapsed", "remaining", "paused")},
        "used": ("float", cols.pop("used")),
    }
    del out, cols
    return data, case_rows


def _zone(policy: SLAPolicy) -> str:
    zones = {t.clock.tz for r in policy.rules for t in r.targets}
    return zones.pop() if len(zones) == 1 else "UTC"


def _case_rows(
    tab: Columns, name: str, events: Columns | None, bad: _Problems, *, unmatched: bool = True
) -> I64:
    """Report missing and repeated case ids; the case row of each event (−1: no such case).

    ``unmatched``: report events whose case is not in ``tab`` (not when ``tab`` is one chunk).
    """
    got = tab.unique_rows(name, events, "case")
    if got is not None:
        missing_id, found = got
        bad.add("cases", np.flatnonzero(missing_id), f"{name} is missing; every case needs an id")
        if unmatched:
            bad.add("events", np.flatnonzero(found < 0), "an event for a case that is not in the case table")
        return found
    codes, values = tab.codes(name)
    none = len(values) - 1  # the code of a missing id
    bad.add("cases", np.flatnonzero(codes == none), f"{name} is missing; every case needs an id")
    counts = np.bincount(codes, minlength=none + 1)[:none]
    dup = np.flatnonzero(counts > 1)
    for code in dup[:_ROWS_SHOWN]:
        rows = np.flatnonzero(codes == code)
        bad.add("cases", rows, f"{name} {values[code]!r} appears more than once")
    if dup.size > _ROWS_SHOWN:
        rows = np.flatnonzero(np.isin(codes, dup[_ROWS_SHOWN:]))
        bad.add("cases", rows, f"{name} values appear more than once")
    return np.full(events.n if events is not None else 0, -1, dtype=np.int64)  # events cannot be told apart


def _ids(tab: Columns, name: str) -> Callable[[], Any]:
    """A function giving the case ids of ``tab`` (read only when an error names a case)."""
    return lambda: tab.values(name)


def _groups(
    tab: Columns, keys: list[str], policy: SLAPolicy, bad: _Problems
) -> tuple[I64, list[dict[str, MetricTarget]]]:
    """Per row the index of its group, and each group's targets.

    A group holds the rows every condition treats alike: equal values of the fields matched by
    name, and equal outcomes of every comparison of the fields compared as amounts.
    """
    n = tab.n
    gid = np.zeros(n, dtype=np.int64)
    values: list[list[Any]] = []
    codes: list[I64] = []
    amounts = set(policy.amount_fields)
    for k in keys:
        c, v = tab.codes(k) if k in tab else (np.zeros(n, dtype=np.int64), [None])
        if k in amounts:
            c, v = _amount_codes(k, c, v, policy, bad)
        gid = gid * len(v) + c
        codes.append(c)
        values.append(v)
    if not n:
        return gid, []
    if int(gid.max()) < 4 * n:  # few combinations: count instead of sorting
        seen = np.bincount(gid)
        uniq = np.flatnonzero(seen)
        lookup = np.zeros(seen.size, dtype=np.int64)
        lookup[uniq] = np.arange(uniq.size)
        inv = lookup[gid]
        first = np.full(uniq.size, n, dtype=np.int64)
        np.minimum.at(first, inv, np.arange(n))
    else:
        uniq, first, inv = np.unique(gid, return_index=True, return_inverse=True)
    named = {
        k: FoldedNames(
            dict.fromkeys(v for r in policy.rules for c in r.when if c.field == k for v in c.values)
        )
        for k in keys
    }
    groups: list[dict[str, MetricTarget]] = []
    for g, row in enumerate(first):
        case = {k: values[j][codes[j][row]] for j, k in enumerate(keys)}
        try:
            targets = policy.targets(case)
        except InputParseError:  # an amount field that cannot be read: its rows are reported
            groups.append({})
            continue
        groups.append(targets)
        unknown = [
            f"{k} {v!r}"
            for k, v in case.items()
            if v is not None and k not in amounts and str(v) not in named[k]
        ]
        if not targets and unknown:
            names = {k: ", ".join(sorted(named[k].names)) for k in keys}
            bad.add(
                "cases",
                np.flatnonzero(inv == g),
                f"no rule of {policy.id} applies: unknown {' and '.join(unknown)} "
                f"(known: {'; '.join(f'{k}: {names[k]}' for k in keys)})",
            )
        problem = _chain_problem(targets)
        if problem:
            bad.add("cases", np.flatnonzero(inv == g), problem)
    del uniq
    return np.asarray(inv, dtype=np.int64).reshape(-1), groups


_MISSING, _UNREADABLE = -1, -2


def _amount_codes(
    name: str, codes: I64, values: list[Any], policy: SLAPolicy, bad: _Problems
) -> tuple[I64, list[Any]]:
    """Codes of an amount field's rows by the outcome of every comparison the policy makes of it,
    with one value of each outcome (to match the rules on); unreadable amounts are reported.

    ``values`` ends with ``None`` (missing). Integer columns are compared as whole numbers, exactly;
    anything else is read value by value as the scalar path reads it (floats by their shortest
    decimal text).
    """
    bounds = list(dict.fromkeys(b for r in policy.rules for c in r.when if c.field == name for b in c.bounds))
    m = len(values)
    given = np.asarray(values[:-1]) if m > 1 else np.zeros(0, dtype=np.int64)
    state = np.zeros(m, dtype=np.int64)
    state[-1] = _MISSING
    if given.dtype.kind in "iu" and len(bounds) < 62:
        nonneg = given >= 0
        for i, b in enumerate(bounds):
            state[:-1] |= _holds_int(given, b).astype(np.int64) << i
        state[:-1] = np.where(nonneg, state[:-1], _UNREADABLE)
        for j in np.flatnonzero(~nonneg)[:_ROWS_SHOWN]:
            _unreadable(name, values[j], np.flatnonzero(codes == j), bad)
        if (~nonneg).sum() > _ROWS_SHOWN:
            rest = np.flatnonzero(~nonneg)[_ROWS_SHOWN:]
            bad.add("cases", np.flatnonzero(np.isin(codes, rest)), f"{name} is negative: not an amount")
    else:
        outcome: dict[tuple[bool, ...], int] = {}
        unreadable = []
        for j, v in enumerate(values[:-1]):
            try:
                amount = case_amount(v, name)
            except InputParseError:
                state[j] = _UNREADABLE
                unreadable.append(j)
                continue
            if amount is None:
                state[j] = _MISSING
                continue
            key = tuple(b.holds(amount) for b in bounds)
            state[j] = outcome.setdefault(key, len(outcome))
        for j in unreadable[:_ROWS_SHOWN]:
            _unreadable(name, values[j], np.flatnonzero(codes == j), bad)
        if len(unreadable) > _ROWS_SHOWN:
            rows = np.flatnonzero(np.isin(codes, unreadable[_ROWS_SHOWN:]))
            bad.add("cases", rows, f"{name} cannot be read as an amount (元, 万元, 亿元)")
    _, first, inv = np.unique(state, return_index=True, return_inverse=True)
    out: I64 = np.asarray(inv, dtype=np.int64).reshape(-1)[codes]
    return out, [values[int(i)] for i in first]


def _unreadable(name: str, value: Any, rows: I64, bad: _Problems) -> None:
    try:
        case_amount(value, name)
    except InputParseError as exc:
        bad.add("cases", rows, f"{name} {value!r} cannot be read as an amount: {exc.reason}")
    else:  # pragma: no cover - only unreadable values come here
        raise AssertionError(value)


def _holds_int(x: I64, bound: AmountBound) -> npt.NDArray[np.bool_]:
    """``bound.holds`` on whole numbers, exactly: against the integer on the right side of it."""
    b = bound.amount
    floor = int(b.to_integral_value(rounding=ROUND_FLOOR))
    ceil = int(b.to_integral_value(rounding=ROUND_CEILING))
    big = np.iinfo(np.int64).max  # a bound past every int64 holds for all or for none
    op = bound.comparison.value
    if op == ">=":
        return x >= ceil if ceil <= big else np.zeros(x.size, dtype=bool)
    if op == ">":
        return x > floor if floor <= big else np.zeros(x.size, dtype=bool)
    if op == "<=":
        return x <= floor if floor <= big else np.ones(x.size, dtype=bool)
    return x < ceil if ceil <= big else np.ones(x.size, dtype=bool)


def _in_order(kind: I64, at: I64, row: I64) -> bool:
    """Whether the events are already ordered by case row, then instant, then kind (as an export
    usually lists them): then sorting them would change nothing."""
    if row.size < 2:
        return True
    later = row[1:] > row[:-1]
    same = row[1:] == row[:-1]
    if not (later | same).all():
        return False
    at_later, at_same = at[1:] > at[:-1], at[1:] == at[:-1]
    return bool((later | (same & (at_later | (at_same & (kind[1:] >= kind[:-1]))))).all())


class _Events:
    """The events table as arrays: case row, kind, instant, metric (−1: every metric)."""

    def __init__(self, tab: Columns, rows: I64, metrics: list[str], bad: _Problems) -> None:
        self.tab = tab
        self.rows = rows
        kc, kinds = tab.codes("kind")
        index = {k.value: i for i, k in enumerate(_KINDS)}
        kmap = np.array([index.get(str(k), -1) if k is not None else -1 for k in kinds], dtype=np.int64)
        self.kind = kmap[kc] if kc.size else np.empty(0, dtype=np.int64)
        accepted = ", ".join(k.value for k in _KINDS)
        bad.add("events", np.flatnonzero(self.kind < 0), f"unknown event kind; accepted: {accepted}")
        self.at = _instants(tab, "events", "at", bad)
        bad.add("events", np.flatnonzero(self.at == NAT), "at is missing; every event needs its instant")
        if "metric" in tab:
            mc, mvals = tab.codes("metric")
            mindex = {m: i for i, m in enumerate(metrics)}
            mmap = np.array([-1 if v is None else mindex.get(str(v), -2) for v in mvals], dtype=np.int64)
            self.metric = mmap[mc] if mc.size else np.empty(0, dtype=np.int64)
        else:
            self.metric = np.full(tab.n, -1, dtype=np.int64)
        self.complex = ~np.isin(self.kind, (_PAUSE, _RESUME)) & (self.rows >= 0)
        self.rows = np.where(self.kind < 0, -1, self.rows)

    def pauses_of(self, metric: int) -> I64:
        """Indices of the pauses and resumptions of known cases for ``metric`` (or every metric),
        ordered by case row, instant and kind (sorted once for all metrics)."""
        order: I64 | None = getattr(self, "_order", None)
        if order is None:
            simple = np.flatnonzero((self.rows >= 0) & np.isin(self.kind, (_PAUSE, _RESUME)))
            keys = (self.kind[simple], self.at[simple], self.rows[simple])
            order = simple if _in_order(*keys) else simple[np.lexsort(keys)]
            self._order = order
        scope = self.metric[order]
        found: I64 = order[(scope == -1) | (scope == metric)]
        return found

    def for_case(self, row: int) -> list[int]:
        """Indices of the events of the case in ``row`` (the scalar path)."""
        index: dict[int, list[int]] | None = getattr(self, "_index", None)
        if index is None:
            index = defaultdict(list)
            for i, r in enumerate(self.rows.tolist()):
                index[r].append(i)
            self._index = index
        return index.get(row, [])

    def optional(self, name: str) -> npt.NDArray[Any]:
        return self.tab.values(name) if name in self.tab else np.full(self.tab.n, None, dtype=object)


def _scalar(
    policy: SLAPolicy,
    rows: I64,
    *,
    keys: list[str],
    tab: Columns,
    rec: I64,
    comp: dict[str, I64],
    ev: _Events | None,
    now: dt.datetime,
    metrics: list[str],
    out: _Out,
    bad: _Problems,
) -> None:
    """Cases with extensions, stops or completions among their events: the scalar timer, per case."""
    attrs = {k: tab.values(k) if k in tab else None for k in keys}
    mindex = {m: i for i, m in enumerate(metrics)}
    approver = ev.optional("approver") if ev is not None else None
    new_target = ev.optional("new_target") if ev is not None else None
    metric_col = ev.optional("metric") if ev is not None else None
    utc = dt.timezone.utc
    for row in rows.tolist():
        if rec[row] == NAT:
            continue
        case = {k: (None if col is None else _plain(col[row])) for k, col in attrs.items()}
        evs = [TimerEvent("start", _dt(int(rec[row]), utc))]
        try:
            evs += [
                TimerEvent("complete", _dt(int(comp[m][row]), utc), metric=m)
                for m in metrics
                if comp[m][row] != NAT
            ]
            if ev is not None:
                for i in ev.for_case(row):
                    if ev.at[i] == NAT:
                        continue  # reported already
                    assert approver is not None
                    assert new_target is not None
                    assert metric_col is not None
                    evs.append(
                        TimerEvent(
                            _KINDS[int(ev.kind[i])],
                            _dt(int(ev.at[i]), utc),
                            metric=_text(metric_col[i]),
                            approver=_text(approver[i]),
                            new_target=_text(new_target[i]),
                        )
                    )
            results = policy.evaluate(case, evs, now)
        except ServstdError as exc:
            bad.add("cases", row, f"{exc} (evaluated with its events)")
            continue
        for m, r in results.items():
            _append_result(out, row, mindex[m], r)


def _plain(v: Any) -> Any:
    return None if missing(v) else v


def _text(v: Any) -> str | None:
    v = _plain(v)
    return None if v is None else str(v)


def _dt(us: int, tz: dt.tzinfo) -> dt.datetime:
    s, micro = divmod(us, 1_000_000)
    return dt.datetime.fromtimestamp(s, tz).replace(microsecond=micro)


def _us_or_nat(t: dt.datetime | None) -> int:
    return NAT if t is None else epoch_us(t)


def _append_result(out: _Out, row: int, metric: int, r: TimerResult) -> None:
    micro = dt.timedelta(microseconds=1)
    out.add(
        row=row, metric=metric, status=_CODE[r.status], start=_us_or_nat(r.start),
        due=_us_or_nat(r.due), completed=_us_or_nat(r.completed), elapsed=r.elapsed // micro,
        remaining=r.remaining // micro, paused=r.paused // micro, used=float(r.used),
    )  # fmt: skip


# -- the vector path -----------------------------------------------------------------------------


class _Plan:
    """One target of one metric over the cases it applies to, computed :data:`_CHUNK` cases at a time.

    The plan's cases are those of the groups ``groups`` (a bool per group) among ``vector_rows``,
    picked a chunk at a time (no column of row numbers per plan). Starts and completions are read
    from the case columns chunk by chunk (a chained metric starts at its predecessor's completion,
    where that started); the plan keeps only its pauses (sorted by case row) and the cases whose
    last pause is still open.
    """

    def __init__(
        self,
        metric: int,
        target: MetricTarget,
        groups: npt.NDArray[np.bool_],
        *,
        inv: I64,
        vector_rows: npt.NDArray[np.bool_],
        rec: I64,
        comp: dict[str, I64],
        start_of: dict[str, I64],
        thresholds: Any,
    ) -> None:
        self.metric, self.target, self.thresholds = metric, target, tuple(thresholds)
        self.groups, self.inv, self.vector_rows = groups, inv, vector_rows
        self.every = bool(groups.all()) and bool(vector_rows.all())  # the plan takes every case
        self.rec, self.done = rec, comp[target.metric]
        after = target.start_after
        self.pred_start = None if after is None else start_of.get(after)
        self.pred_done = None if after is None else comp[after]
        self.p_row = np.empty(0, dtype=np.int64)  # per pause: case row, start, end, ordinal
        self.p0 = self.p1 = self.p_ord = np.empty(0, dtype=np.int64)
        self.open_rows = np.empty(0, dtype=np.int64)  # cases whose last pause is open

    def takes(self, rows: I64) -> npt.NDArray[np.bool_]:
        """Whether each case in ``rows`` is one of the plan's."""
        taken: npt.NDArray[np.bool_] = self.groups[self.inv[rows]] & self.vector_rows[rows]
        return taken

    def chunks(self) -> Iterator[I64]:
        """The plan's case rows, :data:`_CHUNK` cases of the table at a time."""
        n = self.inv.size
        for i0 in range(0, n, _CHUNK):
            i1 = min(i0 + _CHUNK, n)
            if self.every:
                yield np.arange(i0, i1, dtype=np.int64)
                continue
            rows = np.flatnonzero(self.groups[self.inv[i0:i1]] & self.vector_rows[i0:i1])
            if rows.size:
                rows += i0
                yield rows

    def starts(self, rows: I64) -> tuple[I64, I64]:
        """(start, completion) of the metric for the cases in ``rows`` (NAT: not started, not done)."""
        if self.target.start_after is None:
            start: I64 = self.rec[rows]
        elif self.pred_start is None or self.pred_done is None:
            start = np.full(rows.size, NAT, dtype=np.int64)
        else:
            start = np.where(self.pred_start[rows] != NAT, self.pred_done[rows], NAT)
        done = self.done[rows]
        return start, (done if self.target.start_after is None else np.where(start != NAT, done, NAT))

    def compute(self, now_us: int, out: _Out) -> None:
        for rows in self.chunks():
            self._chunk(rows, now_us, out)

    def _chunk(self, rows: I64, now_us: int, out: _Out) -> None:
        start, done = self.starts(rows)
        started = start != NAT
        if not started.all():
            pend = np.flatnonzero(~started)
            out.add(
                row=rows[pend], metric=self.metric, status=_CODE[TimerStatus.PENDING],
                start=NAT, due=NAT, completed=NAT, elapsed=0, remaining=0, paused=0, used=0.0,
            )  # fmt: skip
            if pend.size == rows.size:
                return
            idx = np.flatnonzero(started)
            rows, start, done = rows[idx], start[idx], done[idx]
        first, last = int(rows[0]), int(rows[-1]) + 1
        lo, hi = np.searchsorted(self.p_row, (first, last))
        # the chunk's pauses, by position among its started rows (a pause's case always started)
        pauses = (np.searchsorted(rows, self.p_row[lo:hi]), self.p0[lo:hi], self.p1[lo:hi], self.p_ord[lo:hi])
        if self.target.rule.counts_back:
            self._compute_back(rows, s=start, c=done, now_us=now_us, out=out)
            return
        open_pause = np.zeros(rows.size, dtype=bool)
        lo, hi = np.searchsorted(self.open_rows, (first, last))
        open_pause[np.searchsorted(rows, self.open_rows[lo:hi])] = True
        self._compute_started(
            rows, s=start, c=done, pauses=pauses, open_pause=open_pause, now_us=now_us, out=out
        )

    def _compute_started(
        self,
        rows: I64,
        *,
        s: I64,
        c: I64,
        pauses: tuple[I64, I64, I64, I64],
        open_pause: npt.NDArray[np.bool_],
        now_us: int,
        out: _Out,
    ) -> None:
        t = self.target
        clock = t.clock
        e = np.where(c != NAT, c, now_us)
        due = _due_us(clock, s, t.rule)
        paused = np.zeros(rows.size, dtype=np.int64)
        pp, p0, p1, p_ord = pauses  # positions among the chunk's rows, start, end, ordinal
        if pp.size:
            p1 = np.where(p1 != NAT, p1, np.maximum(now_us, p0))
        if pp.size:
            a = _arrays(clock, p0, p1)
            covered_all = _open_before(a, p1) - _open_before(a, p0)
            for k in range(int(p_ord.max()) + 1):
                sel = np.flatnonzero(p_ord == k)
                pos = pp[sel]
                counts = p0[sel] < due[pos]
                covered = np.where(counts, covered_all[sel], 0)
                paused[pos] += covered
                due[pos] = _add_us(clock, due[pos], covered)
        pend_end = np.minimum(p1, e[pp]) if pp.size else p1
        clip = pend_end > p0
        a = _arrays(clock, s, e, due, p0[clip], pend_end[clip])
        cs, ce, cd = _open_before(a, s), _open_before(a, e), _open_before(a, due)
        elapsed = ce - cs
        if clip.any():
            in_pauses = np.zeros(rows.size, dtype=np.int64)
            np.add.at(in_pauses, pp[clip], _open_before(a, pend_end[clip]) - _open_before(a, p0[clip]))
            elapsed -= in_pauses
        remaining = cd - ce
        allowed = cd - cs
        allowed -= paused
        np.maximum(allowed, 1, out=allowed)
        window = _window(clock, s, t.earliest) if t.earliest is not None else None
        status = self._status(
            c, due=due, now_us=now_us, window=window, elapsed=elapsed, allowed=allowed, open_pause=open_pause
        )
        out.add(
            row=rows, metric=self.metric, status=status, start=s, due=due,
            completed=c, elapsed=elapsed, remaining=remaining, paused=paused, used=elapsed / allowed,
        )  # fmt: skip

    def _compute_back(self, rows: I64, *, s: I64, c: I64, now_us: int, out: _Out) -> None:
        """A target counting back from its reference (the start): due before it, a window's opening
        makes an earlier completion early; no share of time used (see the scalar timer)."""
        t = self.target
        e = np.where(c != NAT, c, now_us)
        due, opens = _backward(t.clock, s, t.rule)
        a = _arrays(t.clock, e, due)
        remaining = _open_before(a, due) - _open_before(a, e)
        done = c != NAT
        finished = np.where(c <= due, _CODE[TimerStatus.MET], _CODE[TimerStatus.BREACHED])
        if t.rule.is_window:
            finished = np.where(c < opens, _CODE[TimerStatus.EARLY], finished)
        running = np.where(now_us > due, _CODE[TimerStatus.BREACHED], _CODE[TimerStatus.RUNNING])
        status = np.where(done, finished, running)
        out.add(
            row=rows, metric=self.metric, status=status, start=s, due=due, completed=c,
            elapsed=0, remaining=remaining, paused=0, used=0.0,
        )  # fmt: skip

    def _status(
        self,
        c: I64,
        *,
        due: I64,
        now_us: int,
        window: I64 | None,
        elapsed: I64,
        allowed: I64,
        open_pause: npt.NDArray[np.bool_],
    ) -> I64:
        done = c != NAT
        passed = np.zeros(c.size, dtype=bool)
        for th in self.thresholds:
            passed |= elapsed * th.denominator >= th.numerator * allowed
        status = np.where(passed, _CODE[TimerStatus.AT_RISK], _CODE[TimerStatus.RUNNING])
        status = np.where(open_pause, _CODE[TimerStatus.PAUSED], status)
        status = np.where(now_us > due, _CODE[TimerStatus.BREACHED], status)
        finished = np.where(c <= due, _CODE[TimerStatus.MET], _CODE[TimerStatus.BREACHED])
        if window is not None:
            finished = np.where(c < window, _CODE[TimerStatus.EARLY], finished)
        return np.where(done, finished, status).astype(np.int64)


def _window(clock: Any, s: I64, earliest: Any) -> I64:
    """When each window opens (see ``servstd.sla.policy.timer``): "3–7天" opens at 00:00 of day 3."""
    if isinstance(earliest, ClockTime):
        return s + earliest.micros
    if isinstance(earliest, BusinessTime):
        return _add_us(clock, s, np.full(s.size, earliest.micros, dtype=np.int64))
    by_days = isinstance(earliest, CalendarPeriod) and earliest.unit is PeriodUnit.DAYS
    by_working = isinstance(earliest, WorkingDays) and earliest.is_whole
    if not (by_days or by_working):
        return _due_us(clock, s, DeadlineRule(earliest))
    lo, hi = _local_years(clock, s)
    while True:
        days = _days(clock, lo, hi)
        k = days.day(s)
        if by_days:
            idx = k + int(earliest.count)  # 24:00 of day n is 00:00 of the day after
        else:
            target = days.wcum[k] + int(earliest.count)
            idx = days.by_wcum.left(target)
            idx = np.where(target > days.wcum[-1], days.start.size, idx)
        if idx.size and int(idx.max()) >= days.start.size:
            hi += 1
            continue
        return days.start[idx]


def _plan(
    policy: SLAPolicy,
    order: list[str],
    *,
    groups: list[dict[str, MetricTarget]],
    inv: I64,
    rec: I64,
    comp: dict[str, I64],
    vector_rows: npt.NDArray[np.bool_],
    ev: _Events | None,
    bad: _Problems,
) -> list[_Plan]:
    """Per metric (in start-after order) and target: the cases, checked starts and events."""
    metrics = policy.metrics()
    n = rec.size
    chained = {t.start_after for g in groups for t in g.values() if t.start_after is not None}
    start_of: dict[str, I64] = {}  # the start of each metric another one starts after
    plans: list[_Plan] = []
    for m in order:
        mi = metrics.index(m)
        start_m = np.full(n, NAT, dtype=np.int64) if m in chained else None
        targets = [g.get(m) for g in groups]
        distinct: list[MetricTarget] = []
        tid = np.full(len(groups), -1, dtype=np.int64)
        for g, t in enumerate(targets):
            if t is None:
                continue
            for j, d in enumerate(distinct):
                if d is t:
                    tid[g] = j
                    break
            else:
                tid[g] = len(distinct)
                distinct.append(t)
        mine = ev.pauses_of(mi) if ev is not None else None
        for j, t in enumerate(distinct):
            plan = _Plan(
                mi, t, tid == j, inv=inv, vector_rows=vector_rows, rec=rec, comp=comp, start_of=start_of,
                thresholds=policy.thresholds,
            )  # fmt: skip
            for rows in plan.chunks():  # a chunk at a time: no full-size temporaries
                start, c = plan.starts(rows)
                if start_m is not None:
                    start_m[rows] = start
                if not t.rule.counts_back:  # counting back, the act comes before its reference
                    early = np.flatnonzero((c != NAT) & (c < start))
                    bad.add("cases", rows[early], f"{m} completed before it started (events out of order)")
            if ev is not None and mine is not None and mine.size:
                _pauses(plan, ev, mine, bad)
            plans.append(plan)
        if start_m is not None:
            start_of[m] = start_m
    return plans


def _pauses(plan: _Plan, ev: _Events, mine: I64, bad: _Problems) -> None:
    """Attach the plan's pauses (checked: alternating, after the start, not after completion).

    ``mine``: the metric's pauses and resumptions, by case row, instant and kind."""
    sel = mine[plan.takes(ev.rows[mine])]
    row = ev.rows[sel]
    start, completed = plan.starts(row)
    live = np.flatnonzero(start != NAT)  # the events of cases whose metric started
    if live.size < sel.size:
        sel, row, start, completed = sel[live], row[live], start[live], completed[live]
    if not sel.size:
        return
    at, kind = ev.at[sel], ev.kind[sel]
    first = np.r_[True, row[1:] != row[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(row.size), 0))
    rank = np.arange(row.size) - group_start
    name = plan.target.metric
    before = at < start
    bad.add("events", sel[before], f"an event for {name} before it started (events out of order)")
    after = (completed != NAT) & (at > completed)
    bad.add("events", sel[after], f"a pause or resumption after {name} completed (events out of order)")
    wrong = kind != np.where(rank % 2 == 0, _PAUSE, _RESUME)
    resume_first = wrong & (kind == _RESUME)
    bad.add("events", sel[resume_first], f"a resumption of {name} without a pause (events out of order)")
    bad.add(
        "events", sel[wrong & ~resume_first], f"a pause of {name} while already paused (events out of order)"
    )
    is_pause = (kind == _PAUSE) & ~wrong
    nxt = np.r_[np.arange(1, row.size), row.size - 1]
    has_resume = (np.r_[row[1:] == row[:-1], False]) & is_pause
    p = np.flatnonzero(is_pause)
    plan.p_row = row[p]
    plan.p0 = at[p]
    resume = np.where(has_resume[p], at[nxt[p]], NAT)
    closed_by = completed[p]
    plan.p1 = np.where(resume != NAT, resume, closed_by)
    plan.p_ord = rank[p] // 2
    last_open = is_pause & ~has_resume
    plan.open_rows = row[last_open & (completed == NAT)]
