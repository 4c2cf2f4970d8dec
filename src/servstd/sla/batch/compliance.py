"""SLA compliance reports: how many cases met each limit, per group, and which did not.

:func:`report` evaluates a policy over a case table (a pandas DataFrame, or a CSV, XLSX or
Parquet file) with :func:`servstd.sla.batch.evaluate` and counts, per group of ``by`` (columns
of the table, or ``month`` — the month of receipt in the policy's zone) and per metric:

* ``cases``; ``met``, ``breached``, ``early`` (done before a window opened), ``stopped``;
  ``at_risk`` (open, past a warning threshold) and ``open`` (running, paused or not started);
* ``met_pct`` = met ÷ (met + breached + early), rounded half-even to 0.1 (``None`` when nothing
  was decided yet);
* the median and 90th percentile of the time to complete (open time of the metric's clock,
  without pauses, over the completed cases), nearest-rank: the smallest time at least half
  (90 %) of the completed cases did not exceed;

and lists every breached case with how late it was (completion, or ``now`` while still open,
minus the due instant). The report renders as text, JSON, CSV and Markdown, and draws the
picture of a monthly review (met % per month per group, and the distribution of lateness) with
matplotlib (``servstd[charts]``).

>>> import pandas as pd
>>> from servstd.sla import SLAPolicy
>>> from servstd.sla.batch import report
>>> cases = pd.DataFrame({
...     "case": ["A1", "A2", "A3"],
...     "received_at": pd.to_datetime(["2026-09-30 16:00", "2026-10-01 22:00", "2026-10-02 08:00"]).tz_localize("Asia/Shanghai"),
...     "zone": ["城区", "城区", "郊县"],
...     "tier": ["VIP", "标准", "标准"],
...     "arrival_at": pd.to_datetime(["2026-09-30 16:30", "2026-10-01 23:00", "2026-10-02 10:00"]).tz_localize("Asia/Shanghai"),
... })
>>> r = report(SLAPolicy.from_catalog("insurance-claims-sla"), cases, by=["tier"], now=pd.Timestamp("2026-10-10", tz="Asia/Shanghai"))
>>> print(r.to_text())
insurance-claims-sla at 2026-10-10 00:00 (+08:00), by tier
tier  metric   cases  met  breached  early  stopped  at risk  open  met %  median h  p90 h
VIP   arrival  1      1    0         0      0        0        0     100.0  0.5       0.5
标准  arrival  2      1    1         0      0        0        0     50.0   1.0       2.0
<BLANKLINE>
1 breached:
case  metric   tier  due               completed         late h
A2    arrival  标准  2026-10-01 22:40  2026-10-01 23:00  0.3
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import numpy as np

from servstd._decimal import exact
from servstd._escape import csv_cell, markdown_text
from servstd._extras import require, table_extras
from servstd._input import zone as named_zone
from servstd.errors import DocumentError, NaiveDatetimeError, Problem
from servstd.sla.batch._chart import draw
from servstd.sla.batch._coverage import NOT_COVERED
from servstd.sla.batch._files import pandas_module, read_table
from servstd.sla.batch.evaluation import evaluate
from servstd.sla.policy.sla_policy import SLAPolicy

__all__ = ["Breach", "ComplianceReport", "GroupRow", "report"]

_HOUR_US = 3_600_000_000
_TENTH = Decimal("0.1")
_OPEN = ("running", "paused", "pending")
_BREACHES_SHOWN = 30


def _hours(us: int | None) -> Decimal | None:
    return None if us is None else (Decimal(us) / _HOUR_US).quantize(_TENTH, ROUND_HALF_EVEN)


@attrs.frozen
class GroupRow:
    """The counts of one group (values of ``by``) and one metric."""

    key: tuple[str, ...]
    metric: str
    cases: int
    met: int
    breached: int
    early: int
    stopped: int
    at_risk: int
    open: int
    met_pct: Decimal | None
    median: dt.timedelta | None
    p90: dt.timedelta | None
    not_covered: int = 0
    """Cases whose years the policy's calendar does not cover (not counted as met or breached)."""

    def as_dict(self, by: Sequence[str]) -> dict[str, Any]:
        """A flat mapping (JSON-ready: percentages and hours as strings of decimals)."""
        d: dict[str, Any] = dict(zip(by, self.key, strict=True))
        d |= {
            "metric": self.metric, "cases": self.cases, "met": self.met, "breached": self.breached,
            "early": self.early, "stopped": self.stopped, "at_risk": self.at_risk, "open": self.open,
            "met_pct": _s(self.met_pct), "median_hours": _s(_hours(_us(self.median))),
            "p90_hours": _s(_hours(_us(self.p90))), "not_covered": self.not_covered,
        }  # fmt: skip
        return d


@attrs.frozen
class Breach:
    """A breached case: when it was due, when it was done (``None`` while open), how late."""

    case: str
    metric: str
    key: tuple[str, ...]
    due: dt.datetime
    completed: dt.datetime | None
    late: dt.timedelta

    def as_dict(self, by: Sequence[str]) -> dict[str, Any]:
        """A flat mapping (JSON-ready)."""
        d: dict[str, Any] = {"case": self.case, "metric": self.metric}
        d |= dict(zip(by, self.key, strict=True))
        d |= {
            "due": self.due.isoformat(),
            "completed": None if self.completed is None else self.completed.isoformat(),
            "late_hours": _s(_hours(_us(self.late))),
        }
        return d


def _us(t: dt.timedelta | None) -> int | None:
    return None if t is None else t // dt.timedelta(microseconds=1)


def _s(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


@attrs.frozen
class ComplianceReport:
    """Per group and metric counts, and the breached cases (see the module documentation)."""

    policy: str
    now: dt.datetime
    by: tuple[str, ...]
    groups: tuple[GroupRow, ...]
    breaches: tuple[Breach, ...]

    @property
    def not_covered(self) -> int:
        """Rows (case × metric) whose years the policy's calendar does not cover: neither met nor
        breached, counted apart (``report(..., strict=True)`` refuses them instead)."""
        return sum(g.not_covered for g in self.groups)

    # -- rendering -------------------------------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        """The whole report as JSON-ready data."""
        return {
            "policy": self.policy,
            "now": self.now.isoformat(),
            "by": list(self.by),
            "not_covered": self.not_covered,
            "groups": [g.as_dict(self.by) for g in self.groups],
            "breaches": [b.as_dict(self.by) for b in self.breaches],
        }

    @exact
    def to_json(self) -> str:
        """The report as JSON (decimals as strings, instants in ISO 8601)."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    @exact
    def to_csv(self) -> str:
        """The group table as CSV (one row per group and metric)."""
        rows = [g.as_dict(self.by) for g in self.groups]
        buf = io.StringIO()
        fields = [*self.by, *_FIELDS, "not_covered"]
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writerow({f: csv_cell(f) for f in fields})
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
        return buf.getvalue()

    def _table(self) -> list[list[str]]:
        head = [
            *self.by,
            "metric",
            "cases",
            "met",
            "breached",
            "early",
            "stopped",
            "at risk",
            "open",
            "met %",
        ]
        head += ["median h", "p90 h"]
        body = []
        for g in self.groups:
            d = g.as_dict(self.by)
            body.append([*(str(k) for k in g.key)] + [_cell(d[f]) for f in _FIELDS])
        return [head, *body]

    def _breach_table(self) -> list[list[str]]:
        head = ["case", "metric", *self.by, "due", "completed", "late h"]
        body = [
            [b.case, b.metric, *b.key, _local(b.due), _local(b.completed), _cell(_s(_hours(_us(b.late))))]
            for b in self.breaches
        ]
        return [head, *body]

    @exact
    def to_text(self) -> str:
        """An aligned table of the groups, then the breached cases (the first 30)."""
        by = f", by {', '.join(self.by)}" if self.by else ""
        lines = [
            f"{self.policy} at {_local(self.now)} ({self.now.strftime('%z')[:3]}:{self.now.strftime('%z')[3:]}){by}"
        ]
        lines += _aligned(self._table())
        lines.append("")
        if self.not_covered:
            lines.append(f"{self.not_covered} not covered: {_NOT_COVERED_NOTE}")
        lines.append(f"{len(self.breaches)} breached" + (":" if self.breaches else ""))
        if self.breaches:
            table = self._breach_table()
            lines += _aligned(table[: _BREACHES_SHOWN + 1])
            if len(self.breaches) > _BREACHES_SHOWN:
                lines.append(f"… and {len(self.breaches) - _BREACHES_SHOWN} more (the JSON form lists all)")
        return "\n".join(lines)

    @exact
    def to_markdown(self) -> str:
        """The groups and every breached case as Markdown tables."""
        by = f", by {', '.join(self.by)}" if self.by else ""
        out = [
            f"## SLA compliance: {markdown_text(self.policy)}",
            "",
            f"At {self.now.isoformat()}{markdown_text(by)}.",
            "",
        ]
        out += _markdown(self._table())
        if self.not_covered:
            out += ["", f"{self.not_covered} not covered: {markdown_text(_NOT_COVERED_NOTE)}"]
        out += ["", f"### Breached ({len(self.breaches)})", ""]
        out += _markdown(self._breach_table()) if self.breaches else ["None."]
        return "\n".join(out)

    @exact
    def chart(self, path: str | Path) -> Path:
        """Draw met % per month per group and the distribution of lateness; save as PNG or SVG.

        Needs matplotlib (``servstd[charts]``); the format follows the file's suffix.
        """
        groups = [(g.key, g.metric, g.met_pct) for g in self.groups]
        late = [b.late / dt.timedelta(hours=1) for b in self.breaches]  # plotting coordinates only
        return draw(self.policy, self.by, groups, late, Path(path))


_FIELDS = ["metric", "cases", "met", "breached", "early", "stopped", "at_risk", "open", "met_pct"]
_FIELDS += ["median_hours", "p90_hours"]
_NOT_COVERED_NOTE = (
    "cases that reach a year the policy's calendar does not know (its notice is not read); "
    "they are neither met nor breached (the JSON form counts them per group)"
)


def _cell(v: object) -> str:
    return "" if v is None else str(v)


def _local(t: dt.datetime | None) -> str:
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M")


def _width(s: str) -> int:
    if s.isascii():  # most cells: numbers, ids, metrics
        return len(s)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)  # CJK characters take two columns


def _aligned(rows: list[list[str]]) -> list[str]:
    sized = [[(c, _width(c)) for c in r] for r in rows]  # each cell measured once
    widths = [max(r[i][1] for r in sized) for i in range(len(rows[0]))]
    return ["  ".join(c + " " * (w - n) for (c, n), w in zip(r, widths, strict=True)).rstrip() for r in sized]


def _markdown(rows: list[list[str]]) -> list[str]:
    rows = [[markdown_text(c) for c in r] for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out


# -- building --------------------------------------------------------------------------------------


def _nearest_rank(sorted_us: Any, q: int) -> int:
    """The smallest value at least ``q`` % of the values do not exceed (nearest rank)."""
    k = max(-(-q * len(sorted_us) // 100), 1)
    return int(sorted_us[k - 1])


@exact
def report(
    policy: SLAPolicy,
    cases: Any,
    events: Any = None,
    *,
    now: dt.datetime,
    by: Sequence[str] = ("month",),
    case_id: str = "case",
    received: str = "received_at",
    assume_tz: str | ZoneInfo | None = None,
    strict: bool = False,
) -> ComplianceReport:
    """The compliance report of ``policy`` over ``cases`` (a pandas DataFrame or a file path).

    ``events`` likewise (a DataFrame or a file). ``assume_tz`` (a zone name, a
    :class:`~zoneinfo.ZoneInfo` or a pendulum ``Timezone``) reads times without an offset in files
    as local times of that zone (otherwise they are an error).

    Cases that reach a year the policy's calendar does not cover are counted apart, as
    ``not_covered`` (see :func:`~servstd.sla.batch.evaluate`); ``strict=True`` refuses them with a
    :class:`~servstd.errors.CalendarCoverageError` naming the first case ids.
    """
    require("an SLA report", *table_extras(cases, events))
    assume_tz = None if assume_tz is None else named_zone(assume_tz, "assume_tz").key
    pd = pandas_module()
    given: object = now  # checked at run time: callers may pass anything
    if not isinstance(given, dt.datetime) or given.tzinfo is None or given.utcoffset() is None:
        raise NaiveDatetimeError(now, "now")
    instants = [received, *(f"{m}_at" for m in policy.metrics())]
    if isinstance(cases, (str, Path)):
        cases = read_table(cases, instants, assume_tz=assume_tz, source="cases")
    if isinstance(events, (str, Path)):
        events = read_table(events, ["at"], assume_tz=assume_tz, source="events")
    if not isinstance(cases, pd.DataFrame):
        raise DocumentError(
            "cases", [Problem("", "a report reads a pandas DataFrame or a CSV, XLSX or Parquet file")]
        )
    by = tuple(by)
    missing = [k for k in by if k != "month" and k not in cases.columns]
    if missing:
        have = ", ".join(str(c) for c in cases.columns)
        raise DocumentError(
            "cases",
            [Problem(k, f"no column {k!r} to group by (the table has: {have}; or month)") for k in missing],
        )
    result = evaluate(policy, cases, events, now=now, case_id=case_id, received=received, strict=strict)
    zone = str(result["due"].dt.tz) if len(result) else "UTC"
    keys = cases[[case_id]].copy()
    for k in by:
        if k == "month":
            keys[k] = cases[received].dt.tz_convert(zone).dt.strftime("%Y-%m")
        else:
            keys[k] = cases[k].astype(object).where(cases[k].notna(), "").astype(str)
    merged = result.merge(keys, left_on="case", right_on=case_id, how="left", suffixes=("", "_key"))
    local_now = pd.Timestamp(now).tz_convert(zone).to_pydatetime()
    return ComplianceReport(
        policy=policy.id,
        now=local_now,
        by=by,
        groups=_groups(pd, merged, by),
        breaches=_breaches(pd, merged, by, now),
    )


def _groups(pd: Any, merged: Any, by: tuple[str, ...]) -> tuple[GroupRow, ...]:
    """The rows of the group table, computed by the table library (time linear in the cases, also
    when every case is its own group)."""
    keys = [*by, "metric"]
    m = merged.assign(
        _status=merged["status"].astype(str),
        _elapsed=merged["elapsed"].to_numpy().astype("timedelta64[us]").astype(np.int64),
    )
    sizes = m.groupby(keys, sort=True, observed=True, dropna=False).size()
    counts = (
        m.groupby([*keys, "_status"], sort=False, observed=True, dropna=False)
        .size()
        .unstack("_status", fill_value=0)
        .reindex(
            index=sizes.index,
            columns=["met", "breached", "early", "stopped", "at_risk", *_OPEN, NOT_COVERED],
            fill_value=0,
        )
    )
    done = m.loc[m["completed"].notna(), [*keys, "_elapsed"]].sort_values([*keys, "_elapsed"], kind="stable")
    grouped = done.groupby(keys, sort=False, observed=True, dropna=False)["_elapsed"]
    rank = grouped.cumcount().to_numpy() + 1
    n_done = grouped.transform("size").to_numpy()
    ranks = {}
    for q in (50, 90):  # nearest rank: the smallest value at least q % of the values do not exceed
        k = np.maximum(-(-q * n_done // 100), 1)
        ranks[q] = done.loc[rank == k].set_index(keys)["_elapsed"]
    out = []
    for key, total, row, median, p90 in zip(
        sizes.index, sizes.to_numpy(), counts.itertuples(index=False), *(r.reindex(sizes.index) for r in ranks.values()),
        strict=True,
    ):  # fmt: skip
        met, breached, early, stopped, at_risk, running, paused, pending, uncovered = (int(v) for v in row)
        decided = met + breached + early
        pct = (Decimal(100 * met) / decided).quantize(_TENTH, ROUND_HALF_EVEN) if decided else None
        key_t = key if isinstance(key, tuple) else (key,)
        out.append(
            GroupRow(
                key=tuple(str(k) for k in key_t[:-1]),
                metric=str(key_t[-1]),
                cases=int(total),
                met=met,
                breached=breached,
                early=early,
                stopped=stopped,
                at_risk=at_risk,
                open=running + paused + pending,
                met_pct=pct,
                median=None if pd.isna(median) else dt.timedelta(microseconds=int(median)),
                p90=None if pd.isna(p90) else dt.timedelta(microseconds=int(p90)),
                not_covered=uncovered,
            )
        )
    return tuple(out)


def _breaches(pd: Any, merged: Any, by: tuple[str, ...], now: dt.datetime) -> tuple[Breach, ...]:
    b = merged[merged["status"].astype(str) == "breached"]
    out = []
    now_ts = pd.Timestamp(now)
    for rec in b.to_dict("records"):
        due = rec["due"].to_pydatetime()
        completed = None if rec["completed"] is pd.NaT else rec["completed"].to_pydatetime()
        end = completed if completed is not None else now_ts.to_pydatetime()
        out.append(
            Breach(
                case=str(rec["case"]),
                metric=str(rec["metric"]),
                key=tuple(str(rec[k]) for k in by),
                due=due,
                completed=completed,
                late=end - due,
            )
        )
    out.sort(key=lambda x: (x.key, x.metric, -x.late, x.case))
    return tuple(out)
