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
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR
from typing import Any

import numpy as np
import numpy.typing as npt

from servstd._names import FoldedNames
from servstd.errors import DocumentError, InputParseError, NaiveDatetimeError, Problem, ServstdError
from servstd.sla.batch._coverage import NOT_COVERED, estimating, mark_not_covered, quiet
from servstd.sla.batch._engine import _add_us, _arrays, _backward, _days, _local_years, _open_before
from servstd.sla.batch._engine import due as due_column
from servstd.sla.batch._files import first_row
from servstd.sla.batch._tables import I64, NAIVE, NAT, Columns, columns_of, missing
from servstd.sla.clock.columnar import epoch_us
from servstd.sla.clock.durations import BusinessTime, CalendarPeriod, ClockTime, PeriodUnit, WorkingDays
from servstd.sla.policy.conditions import AmountBound, case_amount
from servstd.sla.policy.sla_policy import MetricTarget, SLAPolicy
from servstd.sla.policy.timer import EventKind, TimerEvent, TimerResult, TimerStatus

__all__ = ["evaluate"]

_STATUS = list(TimerStatus)
_CODE = {s: i for i, s in enumerate(_STATUS)}
_KINDS = list(EventKind)
_PAUSE, _RESUME = _KINDS.index(EventKind.PAUSE), _KINDS.index(EventKind.RESUME)
_ROWS_SHOWN = 8


class _Problems:
    """Problems found in the tables, grouped by message so a million bad rows read as one line."""

    def __init__(self, ids: Any = None, first: dict[str, int] | None = None) -> None:
        self.by_message: dict[tuple[str, str], list[npt.NDArray[np.int64]]] = defaultdict(list)
        self.ids = ids  # a function giving the case ids (read only when a message names one)
        self.first = first or {}  # per table, the number shown for its first row (2 for a sheet)

    def add(self, table: str, rows: Any, message: str) -> None:
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        if rows.size:
            self.by_message[(table, message)].append(rows)

    def __bool__(self) -> bool:
        return bool(self.by_message)

    def error(self) -> DocumentError:
        out = []
        for (table, message), parts in self.by_message.items():
            rows = np.unique(np.concatenate(parts))
            first = self.first.get(table, 0)
            shown = ", ".join(str(int(r) + first) for r in rows[:_ROWS_SHOWN])
            more = f" … ({rows.size:,} rows)" if rows.size > _ROWS_SHOWN else ""
            label = "row" if rows.size == 1 else "rows"
            if self.ids is not None and table == "cases" and rows.size == 1:
                shown += f" (case {self.ids()[rows[0]]!r})"
            out.append(Problem(f"{table} {label} {shown}{more}", message))
        return DocumentError("case table", out)


def _now_us(now: object) -> int:
    if not isinstance(now, dt.datetime):
        raise NaiveDatetimeError(now, "now") if now is None else _type_error(now)
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError(now, "now")
    return epoch_us(now.to_pydatetime() if hasattr(now, "to_pydatetime") else now)


def _type_error(now: object) -> ServstdError:
    from servstd.errors import InputTypeError  # noqa: PLC0415 - only on the error path

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
    "metric": np.int16, "status": np.int8, "start": np.int64, "due": np.int64, "completed": np.int64,
    "elapsed": np.int64, "remaining": np.int64, "paused": np.int64, "used": np.float64,
}  # fmt: skip


class _Out:
    """The result columns, preallocated: one row per case × applicable metric, by case then metric.

    Each chunk of results is scattered straight to its place: the row of (case r, metric m) is
    ``first[r]`` (the rows of earlier cases) plus the number of metrics before m in r's group.
    """

    def __init__(self, inv: I64, groups: list[dict[str, MetricTarget]], metrics: list[str]) -> None:
        index = {m: i for i, m in enumerate(metrics)}
        rank = np.zeros((max(len(groups), 1), max(len(metrics), 1)), dtype=np.int64)
        count = np.zeros(max(len(groups), 1), dtype=np.int64)
        for g, targets in enumerate(groups):
            applicable = sorted(index[m] for m in targets)
            rank[g, applicable] = np.arange(len(applicable))
            count[g] = len(applicable)
        per_case = count[inv] if inv.size else np.zeros(0, dtype=np.int64)
        self.first = np.cumsum(per_case) - per_case
        self.case_rows = np.repeat(np.arange(inv.size), per_case)
        self.inv, self.rank = inv, rank
        total = int(per_case.sum())
        self.cols = {name: np.empty(total, dtype=dtype) for name, dtype in _COLUMNS.items()}

    def add(self, *, row: Any, metric: Any, **cols: Any) -> None:
        row = np.asarray(row, dtype=np.int64)
        metric = np.broadcast_to(np.asarray(metric, dtype=np.int64), row.shape)
        pos = self.first[row] + self.rank[self.inv[row], metric]
        self.cols["metric"][pos] = metric
        for k, v in cols.items():
            self.cols[k][pos] = v


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
    tab, data, tz, _ = evaluated(
        policy, cases, events, now=now, case_id=case_id, received=received, strict=strict
    )
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
    n = tab.n
    bad = _Problems(lambda: tab.values(case_id), {"cases": first_row(cases), "events": first_row(events)})
    ev_tab = columns_of(events, "events") if events is not None else None
    if ev_tab is not None:
        _require(ev_tab, "events", ("case", "kind", "at"))
    event_rows = _case_rows(tab, case_id, ev_tab, bad)
    rec = _instants(tab, "cases", received, bad)
    bad.add(
        "cases", np.flatnonzero(rec == NAT), f"{received} is missing; every case needs its receipt instant"
    )

    metrics = policy.metrics()
    keys = policy.fields
    inv, groups = _groups(tab, keys, policy, bad)
    comp = {
        m: _instants(tab, "cases", f"{m}_at", bad) if f"{m}_at" in tab else np.full(n, NAT, dtype=np.int64)
        for m in metrics
    }
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
        for plan in plans:
            plan.compute(now_us, out)
    cols = out.cols
    mark_not_covered(
        estimated, groups, metrics, cols, case_rows=out.case_rows, group_of_row=inv[out.case_rows],
        received=rec[out.case_rows], now_us=now_us, strict=strict, code=len(_STATUS),
        ids=lambda rows: tab.take(case_id, rows),
    )  # fmt: skip
    data = {
        "case": ("column", tab.take(case_id, out.case_rows)),
        "metric": ("category", (cols["metric"], metrics)),
        "status": ("category", (cols["status"], [*(s.value for s in _STATUS), NOT_COVERED])),
        "start": ("instant", cols["start"]),
        "due": ("instant", cols["due"]),
        "completed": ("instant", cols["completed"]),
        "elapsed": ("duration", cols["elapsed"]),
        "remaining": ("duration", cols["remaining"]),
        "paused": ("duration", cols["paused"]),
        "used": ("float", cols["used"]),
    }
    return tab, data, _zone(policy), out.case_rows


def _zone(policy: SLAPolicy) -> str:
    zones = {t.clock.tz for r in policy.rules for t in r.targets}
    return zones.pop() if len(zones) == 1 else "UTC"


def _case_rows(tab: Columns, name: str, events: Columns | None, bad: _Problems) -> I64:
    """Report missing and repeated case ids; the case row of each event (−1: no such case)."""
    codes, ev_codes = tab.shared_codes(name, events, "case")
    bad.add("cases", np.flatnonzero(codes < 0), f"{name} is missing; every case needs an id")
    counts = np.bincount(codes[codes >= 0], minlength=1)
    if counts.max() > 1:
        values = tab.values(name)
        dup = np.flatnonzero(counts > 1)
        for code in dup[:_ROWS_SHOWN]:
            rows = np.flatnonzero(codes == code)
            bad.add("cases", rows, f"{name} {values[rows[0]]!r} appears more than once")
        if dup.size > _ROWS_SHOWN:
            rows = np.flatnonzero(np.isin(codes, dup[_ROWS_SHOWN:]))
            bad.add("cases", rows, f"{name} values appear more than once")
        return np.full(ev_codes.size, -1, dtype=np.int64)  # events cannot be told apart
    row_of_code = np.full(
        max(int(codes.max(initial=-1)), int(ev_codes.max(initial=-1))) + 2, -1, dtype=np.int64
    )
    ok = codes >= 0
    row_of_code[codes[ok]] = np.flatnonzero(ok)
    found: I64 = row_of_code[ev_codes]  # −1 codes pick the last entry, which is always −1
    bad.add("events", np.flatnonzero(found < 0), "an event for a case that is not in the case table")
    return found


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
    """One target of one metric over the rows it applies to: start, completion, pauses."""

    def __init__(
        self, metric: int, target: MetricTarget, rows: I64, *, start: I64, completed: I64, thresholds: Any
    ) -> None:
        self.metric, self.target, self.rows, self.thresholds = metric, target, rows, tuple(thresholds)
        self.start, self.completed = start, completed
        self.p_pos = np.empty(0, dtype=np.int64)  # per pause: position in rows, start, end, ordinal
        self.p0 = self.p1 = self.p_ord = np.empty(0, dtype=np.int64)
        self.open_pause = np.zeros(rows.size, dtype=bool)

    def compute(self, now_us: int, out: _Out) -> None:
        started = self.start != NAT
        pend = np.flatnonzero(~started)
        if pend.size:
            out.add(
                row=self.rows[pend], metric=self.metric, status=_CODE[TimerStatus.PENDING],
                start=NAT, due=NAT, completed=NAT, elapsed=0, remaining=0, paused=0, used=0.0,
            )  # fmt: skip
        if not started.any():
            return
        self._compute_started(np.flatnonzero(started), now_us, out)

    def _compute_started(self, idx: I64, now_us: int, out: _Out) -> None:
        t = self.target
        clock = t.clock
        s = self.start[idx]
        c = self.completed[idx]
        e = np.where(c != NAT, c, now_us)
        if t.rule.counts_back:
            self._compute_back(idx, s=s, c=c, e=e, now_us=now_us, out=out)
            return
        due = due_column(clock, s.astype("datetime64[us]"), t.rule).astype(np.int64)
        paused = np.zeros(idx.size, dtype=np.int64)
        # pauses of these rows, renumbered to positions in idx
        where = np.full(self.rows.size, -1, dtype=np.int64)
        where[idx] = np.arange(idx.size)
        keep = where[self.p_pos] >= 0 if self.p_pos.size else np.zeros(0, dtype=bool)
        pp, p0, p_ord = where[self.p_pos[keep]], self.p0[keep], self.p_ord[keep]
        p1 = np.where(self.p1[keep] != NAT, self.p1[keep], np.maximum(now_us, p0))
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
        in_pauses = np.zeros(idx.size, dtype=np.int64)
        if clip.any():
            np.add.at(in_pauses, pp[clip], _open_before(a, pend_end[clip]) - _open_before(a, p0[clip]))
        elapsed = ce - cs - in_pauses
        remaining = cd - ce
        allowed = np.maximum(cd - cs - paused, 1)
        window = _window(clock, s, t.earliest) if t.earliest is not None else None
        status = self._status(
            c, due=due, now_us=now_us, window=window, elapsed=elapsed, allowed=allowed,
            open_pause=self.open_pause[idx],
        )  # fmt: skip
        out.add(
            row=self.rows[idx], metric=self.metric, status=status, start=s, due=due,
            completed=c, elapsed=elapsed, remaining=remaining, paused=paused, used=elapsed / allowed,
        )  # fmt: skip

    def _compute_back(self, idx: I64, *, s: I64, c: I64, e: I64, now_us: int, out: _Out) -> None:
        """A target counting back from its reference (the start): due before it, a window's opening
        makes an earlier completion early; no share of time used (see the scalar timer)."""
        t = self.target
        due, opens = _backward(t.clock, s, t.rule)
        a = _arrays(t.clock, e, due)
        remaining = _open_before(a, due) - _open_before(a, e)
        done = c != NAT
        finished = np.where(c <= due, _CODE[TimerStatus.MET], _CODE[TimerStatus.BREACHED])
        if t.rule.is_window:
            finished = np.where(c < opens, _CODE[TimerStatus.EARLY], finished)
        running = np.where(now_us > due, _CODE[TimerStatus.BREACHED], _CODE[TimerStatus.RUNNING])
        status = np.where(done, finished, running)
        zero = np.zeros(idx.size, dtype=np.int64)
        out.add(
            row=self.rows[idx], metric=self.metric, status=status, start=s, due=due, completed=c,
            elapsed=zero, remaining=remaining, paused=zero, used=np.zeros(idx.size),
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
        due: I64 = due_column(clock, s.astype("datetime64[us]"), earliest).astype(np.int64)
        return due
    lo, hi = _local_years(clock, s)
    while True:
        days = _days(clock, lo, hi)
        k = np.searchsorted(days.start, s, side="right") - 1
        if by_days:
            idx = k + int(earliest.count)  # 24:00 of day n is 00:00 of the day after
        else:
            target = days.wcum[k] + int(earliest.count)
            idx = np.searchsorted(days.wcum, target, side="left")
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
    """Per metric (in start-after order) and target: the rows, their starts, checked events."""
    metrics = policy.metrics()
    n = rec.size
    start_of: dict[str, I64] = {}
    plans: list[_Plan] = []
    for m in order:
        mi = metrics.index(m)
        start_m = np.full(n, NAT, dtype=np.int64)
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
        row_tid = tid[inv] if inv.size else np.empty(0, dtype=np.int64)
        for j, t in enumerate(distinct):
            rows = np.flatnonzero((row_tid == j) & vector_rows)
            if t.start_after is None:
                start = rec[rows]
            else:
                pred = start_of.get(t.start_after, np.full(n, NAT, dtype=np.int64))
                start = np.where(pred[rows] != NAT, comp[t.start_after][rows], NAT)
            start_m[rows] = start
            c = np.where(start != NAT, comp[m][rows], NAT)
            if not t.rule.counts_back:  # counting back, the act comes before its reference
                early = np.flatnonzero((c != NAT) & (c < start))
                bad.add("cases", rows[early], f"{m} completed before it started (events out of order)")
            plan = _Plan(mi, t, rows, start=start, completed=c, thresholds=policy.thresholds)
            if ev is not None:
                _pauses(plan, mi, ev, n, bad)
            plans.append(plan)
        start_of[m] = start_m
    return plans


def _pauses(plan: _Plan, mi: int, ev: _Events, n: int, bad: _Problems) -> None:
    """Attach the plan's pauses (checked: alternating, after the start, not after completion)."""
    pos_of_row = np.full(n, -1, dtype=np.int64)
    live = plan.start != NAT
    pos_of_row[plan.rows[live]] = np.flatnonzero(live)
    ok_row = ev.rows >= 0
    pos = np.where(ok_row, pos_of_row[np.where(ok_row, ev.rows, 0)], -1)
    sel = np.flatnonzero((pos >= 0) & ((ev.metric == -1) | (ev.metric == mi)) & ~ev.complex)
    if not sel.size:
        return
    pos, at, kind = pos[sel], ev.at[sel], ev.kind[sel]
    o = np.lexsort((kind, at, pos))
    pos, at, kind, sel = pos[o], at[o], kind[o], sel[o]
    first = np.r_[True, pos[1:] != pos[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(pos.size), 0))
    rank = np.arange(pos.size) - group_start
    name = plan.target.metric
    before = at < plan.start[pos]
    bad.add("events", sel[before], f"an event for {name} before it started (events out of order)")
    done = plan.completed[pos]
    after = (done != NAT) & (at > done)
    bad.add("events", sel[after], f"a pause or resumption after {name} completed (events out of order)")
    wrong = kind != np.where(rank % 2 == 0, _PAUSE, _RESUME)
    resume_first = wrong & (kind == _RESUME)
    bad.add("events", sel[resume_first], f"a resumption of {name} without a pause (events out of order)")
    bad.add(
        "events", sel[wrong & ~resume_first], f"a pause of {name} while already paused (events out of order)"
    )
    is_pause = (kind == _PAUSE) & ~wrong
    nxt = np.r_[np.arange(1, pos.size), pos.size - 1]
    has_resume = (np.r_[pos[1:] == pos[:-1], False]) & is_pause
    p = np.flatnonzero(is_pause)
    plan.p_pos = pos[p]
    plan.p0 = at[p]
    resume = np.where(has_resume[p], at[nxt[p]], NAT)
    closed_by = plan.completed[pos[p]]
    plan.p1 = np.where(resume != NAT, resume, closed_by)
    plan.p_ord = rank[p] // 2
    last_open = is_pause & ~has_resume
    plan.open_pause[pos[last_open & (plan.completed[pos] == NAT)]] = True
