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
>>> print(r.to_text(lang="en"))
insurance-claims-sla at 2026-10-10 00:00 (+08:00), by tier
tier  metric   cases  met  breached  early  stopped  at risk  open  met %  median (business hours)  p90 (business hours)
VIP   arrival  1      1    0         0      0        0        0     100.0  30 min                   30 min
标准  arrival  2      1    1         0      0        0        0     50.0   1 h                      2 h
<BLANKLINE>
1 breached:
case  metric   tier  due               completed         late (clock time)
A2    arrival  标准  2026-10-01 22:40  2026-10-01 23:00  20 min

The median and 90th percentile count the open time of the metric's clock (business hours); how
late a case is counts clock time. Both are written for a person, in the report's language
(``20分钟``, ``2小时15分``; ``20 min``, ``2 h 15 min``); the JSON and CSV forms keep exact seconds
(``late_seconds``, ``median_seconds``, ``p90_seconds``) beside the hours.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, ClassVar, overload
from zoneinfo import ZoneInfo

import attrs
import numpy as np

from servstd._decimal import exact
from servstd._deprecation import replaced
from servstd._escape import csv_cell, markdown_text
from servstd._extras import require, table_extras
from servstd._input import zone as named_zone
from servstd._lang import check_lang
from servstd._messages import noop, tr
from servstd._schema import Extra, Shaped
from servstd._spans import span_text
from servstd.errors import DocumentError, NaiveDatetimeError, Problem
from servstd.sla.batch._chart import draw
from servstd.sla.batch._coverage import NOT_COVERED
from servstd.sla.batch._files import read_table
from servstd.sla.batch._tables import NAT, columns_of, missing
from servstd.sla.batch.evaluation import evaluated
from servstd.sla.clock.columnar import epoch_us, wall_us
from servstd.sla.policy.sla_policy import SLAPolicy

__all__ = ["Breach", "Breaches", "ComplianceReport", "GroupRow", "report"]

_HOUR_US = 3_600_000_000
_YEAR_US = 31_556_952_000_000  # the mean Gregorian year: only to bound a search
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_TENTH = Decimal("0.1")
_OPEN = ("running", "paused", "pending")
_BREACHES_SHOWN = 30


def _hours(us: int | None) -> Decimal | None:
    return None if us is None else (Decimal(us) / _HOUR_US).quantize(_TENTH, ROUND_HALF_EVEN)


@attrs.frozen
class GroupRow(Shaped):
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
            "p90_hours": _s(_hours(_us(self.p90))), "median_seconds": _seconds(self.median),
            "p90_seconds": _seconds(self.p90), "not_covered": self.not_covered,
        }  # fmt: skip
        return d


@attrs.frozen
class Breach(Shaped):
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
            "late_seconds": _seconds(self.late),
        }
        return d


class Breaches(Sequence[Breach]):
    """The breached cases as columns, in report order (group values, metric, latest first, case):
    ``len()`` costs nothing, and :class:`Breach` objects are made only for the ones read
    (``breaches[:30]``, iteration, :meth:`head`).

    The order is worked out on first access; it compares case ids as text.
    """

    def __init__(
        self, *, ids: Callable[[Any], Any], case_rows: Any, metric: Any, metric_rank: Any,
        metrics: Sequence[str], keys: list[tuple[Any, list[str]]], due: Any, completed: Any, late: Any,
        zone: ZoneInfo,
    ) -> None:  # fmt: skip
        self._ids, self._case_rows = ids, case_rows
        self._metric, self._metric_rank, self._metrics = metric, metric_rank, metrics
        self._keys, self._due, self._completed, self._late, self._zone = keys, due, completed, late, zone
        self._sorted: tuple[Any, Any] | None = None  # (order, case ids as text)

    def __len__(self) -> int:
        return int(self._due.size)

    def _order(self) -> tuple[Any, Any]:
        if self._sorted is None:
            texts = np.array([str(v) for v in self._ids(self._case_rows)], dtype=object)
            case_rank = (
                np.unique(texts.astype(str), return_inverse=True)[1].reshape(-1) if texts.size else texts
            )
            keys = [codes for codes, _ in reversed(self._keys)]
            order = np.lexsort((case_rank, -self._late, self._metric_rank, *keys))
            self._sorted = (order, texts)
        return self._sorted

    def _breach(self, i: int) -> Breach:
        order, texts = self._order()
        j = int(order[i])
        done = int(self._completed[j])
        return Breach(
            case=str(texts[j]),
            metric=str(self._metrics[self._metric[j]]),
            key=tuple(values[codes[j]] for codes, values in self._keys),
            due=_instant(int(self._due[j]), self._zone),
            completed=None if done == NAT else _instant(done, self._zone),
            late=dt.timedelta(microseconds=int(self._late[j])),
        )

    @overload
    def __getitem__(self, i: int) -> Breach: ...
    @overload
    def __getitem__(self, i: slice) -> list[Breach]: ...
    def __getitem__(self, i: int | slice) -> Breach | list[Breach]:
        if isinstance(i, slice):
            return [self._breach(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        return self._breach(i % n)

    def __iter__(self) -> Iterator[Breach]:
        return (self._breach(k) for k in range(len(self)))

    def head(self, n: int = _BREACHES_SHOWN) -> list[Breach]:
        """The first ``n`` breaches (a listing's page)."""
        return self[:n]

    def lateness_hours(self) -> list[float]:
        """How late each breach was, in hours (plotting coordinates only)."""
        return list((self._late / _HOUR_US).tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<Breaches: {len(self)} breached case(s)>"


def _instant(us: int, zone: ZoneInfo) -> dt.datetime:
    return (_EPOCH + dt.timedelta(microseconds=us)).astimezone(zone)


def _us(t: dt.timedelta | None) -> int | None:
    return None if t is None else t // dt.timedelta(microseconds=1)


def _s(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def _seconds(t: dt.timedelta | None) -> int | str | None:
    """Exact seconds: an int when whole, else the decimal as a string (no float ever)."""
    if t is None:
        return None
    us = t // dt.timedelta(microseconds=1)
    return us // 1_000_000 if us % 1_000_000 == 0 else str(Decimal(us) / 1_000_000)


def _span(t: dt.timedelta | None, lang: str) -> str:
    return "—" if t is None else span_text(t, check_lang(lang))


@attrs.frozen
class ComplianceReport(Shaped):
    """Per group and metric counts, and the breached cases (see the module documentation)."""

    policy: str
    now: dt.datetime
    by: tuple[str, ...]
    groups: tuple[GroupRow, ...]
    breaches: Sequence[Breach]
    """The breached cases (:class:`~servstd.sla.batch.compliance.Breaches`, columns until read)."""

    _json_extra: ClassVar[tuple[Extra, ...]] = (("not_covered", int, lambda r, lang: r.not_covered),)

    @property
    def not_covered(self) -> int:
        """How many rows (a case and a metric each) reach years the policy's calendar does not
        cover; they are neither met nor breached, and ``report(..., strict=True)`` refuses them."""
        return sum(g.not_covered for g in self.groups)

    # -- rendering -------------------------------------------------------------------------------
    @replaced("ComplianceReport.as_dict", "ComplianceReport.to_dict (typed, nested) or to_json (flat rows)")
    def as_dict(self, *, limit: int | None = None) -> dict[str, Any]:
        """Deprecated: the flat rows of :meth:`to_json`; ``to_dict()`` is the report's JSON form."""
        return self._flat(limit)

    def _flat(self, limit: int | None = None) -> dict[str, Any]:
        """The report as flat rows (groups and breaches with the ``by`` values as keys); ``limit``
        lists at most that many breaches (their number is ``breached``)."""
        listed = self.breaches if limit is None else self.breaches[:limit]
        return {
            "policy": self.policy,
            "now": self.now.isoformat(),
            "by": list(self.by),
            "not_covered": self.not_covered,
            "groups": [g.as_dict(self.by) for g in self.groups],
            "breached": len(self.breaches),
            "breaches": [b.as_dict(self.by) for b in listed],
        }

    @exact
    def to_json(self, *, limit: int | None = None) -> str:
        """The report as JSON in flat rows, as the command prints it: each group and breach with the
        ``by`` values as keys, hours as decimal text (``to_dict()`` is the typed, nested form);
        ``limit`` lists at most that many breaches (their number is ``breached``)."""
        return json.dumps(self._flat(limit), ensure_ascii=False, indent=2)

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

    def _table(self, lang: str = "en") -> list[list[str]]:
        head = [*self.by, *(tr(h, lang) for h in _GROUP_HEAD)]
        body = []
        for g in self.groups:
            d = g.as_dict(self.by)
            counts = [_cell(d[f]) for f in _COUNTS]
            body.append([*(str(k) for k in g.key), *counts, _span(g.median, lang), _span(g.p90, lang)])
        return [head, *body]

    def _breach_table(self, lang: str = "en", limit: int | None = None) -> list[list[str]]:
        head = [
            tr("case", lang),
            tr("metric", lang),
            *self.by,
            *(tr(h, lang) for h in ("due", "completed", "late (clock time)")),
        ]
        listed = self.breaches if limit is None else self.breaches[:limit]
        body = [
            [
                b.case,
                b.metric,
                *b.key,
                _local(b.due),
                _local(b.completed),
                span_text(b.late, check_lang(lang)),
            ]
            for b in listed
        ]
        return [head, *body]

    @exact
    def to_text(self, lang: str = "zh") -> str:
        """An aligned table of the groups, then the breached cases (the first 30); headings in
        ``lang`` (``"zh"`` or ``"en"``), group names and metrics as the data and policy write them."""
        lang = check_lang(lang)
        by = tr(", by {columns}", lang, columns=", ".join(self.by)) if self.by else ""
        offset = f"{self.now.strftime('%z')[:3]}:{self.now.strftime('%z')[3:]}"
        lines = [
            tr(
                "{policy} at {now} ({offset}){by}",
                lang,
                policy=self.policy,
                now=_local(self.now),
                offset=offset,
                by=by,
            )
        ]
        lines += _aligned(self._table(lang))
        lines.append("")
        if self.not_covered:
            lines.append(
                tr("{n} not covered: {note}", lang, n=self.not_covered, note=tr(_NOT_COVERED_NOTE, lang))
            )
        if self.breaches:
            lines.append(tr("{n} breached:", lang, n=len(self.breaches)))
            lines += _aligned(self._breach_table(lang, _BREACHES_SHOWN))
            if len(self.breaches) > _BREACHES_SHOWN:
                more = len(self.breaches) - _BREACHES_SHOWN
                lines.append(tr("… and {n} more (the JSON form lists all)", lang, n=more))
        else:
            lines.append(tr("{n} breached", lang, n=0))
        return "\n".join(lines)

    @exact
    def to_markdown(self, *, limit: int | None = None) -> str:
        """The groups and the breached cases (every one, or the first ``limit``) as Markdown tables."""
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
        out += _markdown(self._breach_table(limit=limit)) if self.breaches else ["None."]
        if limit is not None and len(self.breaches) > limit:
            out += ["", f"… and {len(self.breaches) - limit} more."]
        return "\n".join(out)

    @exact
    def chart(self, path: str | Path, *, font: str | Path | None = None) -> Path:
        """Draw met % per month per group and the distribution of lateness; save as PNG or SVG.

        Needs matplotlib (``servstd[charts]``); the format follows the file's suffix. Labels are
        drawn with ``font`` (an installed family name or a font file), else an installed font with
        Chinese characters, else the subset of Noto Sans CJK SC shipped with servstd.
        """
        groups = [(g.key, g.metric, g.met_pct) for g in self.groups]
        late = (
            self.breaches.lateness_hours()
            if isinstance(self.breaches, Breaches)
            else [b.late / dt.timedelta(hours=1) for b in self.breaches]
        )  # plotting coordinates only
        return draw(self.policy, self.by, groups, late, Path(path), font=font)


_COUNTS = ["metric", "cases", "met", "breached", "early", "stopped", "at_risk", "open", "met_pct"]
_FIELDS = [*_COUNTS, "median_hours", "p90_hours", "median_seconds", "p90_seconds"]
_NOT_COVERED_NOTE = noop(
    "cases that reach a year the policy's calendar does not know (its notice is not read); "
    "they are neither met nor breached (the JSON form counts them per group)"
)


_GROUP_HEAD = (
    "metric",
    "cases",
    "met",
    "breached",
    "early",
    "stopped",
    "at risk",
    "open",
    "met %",
    "median (business hours)",
    "p90 (business hours)",
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
    """The compliance report of ``policy`` over ``cases``.

    ``cases`` and ``events`` are tables in memory — a pandas or polars DataFrame, a pyarrow
    Table — or files: a path, the file's ``bytes``, or a file object opened in binary or text
    mode (CSV, XLSX or Parquet, told apart by their first bytes; an upload need not go through a
    temporary file). Files are read with the same bounds as a path, and errors name the table
    (``cases``, ``events``), never a file name. ``assume_tz`` (a zone name, a
    :class:`~zoneinfo.ZoneInfo` or a pendulum ``Timezone``) reads times without an offset in files
    as local times of that zone (otherwise they are an error).

    Cases that reach a year the policy's calendar does not cover are counted apart, as
    ``not_covered`` (see :func:`~servstd.sla.batch.evaluate`); ``strict=True`` refuses them with a
    :class:`~servstd.errors.CalendarCoverageError` naming the first case ids.

    The counts are computed on the evaluation's columns; the breached cases stay columns too
    (:class:`~servstd.sla.batch.compliance.Breaches`) until they are listed.
    """
    assume_tz = None if assume_tz is None else named_zone(assume_tz, "assume_tz").key
    given: object = now  # checked at run time: callers may pass anything
    if not isinstance(given, dt.datetime) or given.tzinfo is None or given.utcoffset() is None:
        raise NaiveDatetimeError(now, "now")
    instants = [received, *(f"{m}_at" for m in policy.metrics())]
    cases = _table(cases, instants, assume_tz, "cases")
    if events is not None:
        events = _table(events, ["at"], assume_tz, "events")
    names = columns_of(cases, "cases").names
    by = tuple(by)
    missing_by = [k for k in by if k != "month" and k not in names]
    if missing_by:
        raise DocumentError(
            "cases",
            [
                Problem(k, f"no column {k!r} to group by (the table has: {', '.join(names)}; or month)")
                for k in missing_by
            ],
        )
    tab, data, tz, case_rows = evaluated(
        policy, cases, events, now=now, case_id=case_id, received=received, strict=strict
    )
    zone = named_zone(tz, "tz")
    keys = [_key_codes(tab, k, case_rows, received, zone) for k in by]
    counted = _Counted(data, keys, case_rows)
    return ComplianceReport(
        policy=policy.id,
        now=now.astimezone(zone),
        by=by,
        groups=counted.groups(),
        breaches=counted.breaches(tab, case_id, now, zone),
    )


def _table(table: Any, instants: list[str], assume_tz: str | None, source: str) -> Any:
    """A table in memory as it is; a file (path, bytes, file object) read as a pandas DataFrame."""
    if isinstance(table, (str, Path, bytes, bytearray, memoryview)) or hasattr(table, "read"):
        require("reading ticket files", "pandas", *table_extras(table))
        return read_table(table, instants, assume_tz=assume_tz, source=source)
    return table


def _key_codes(tab: Any, name: str, rows: Any, received: str, zone: ZoneInfo) -> tuple[Any, list[str]]:
    """Per result row the code of its group value, and the values as text, in sorted order (so
    codes compare as the texts do)."""
    if name == "month":
        return _months(tab.instants(received)[0][rows], zone)
    codes, values = tab.codes(name)
    texts = ["" if missing(v) else str(v) for v in values]
    ordered = sorted(set(texts))
    index = {t: i for i, t in enumerate(ordered)}
    remap = np.array([index[t] for t in texts], dtype=np.int64)
    return remap[codes][rows], ordered


def _months(us: Any, zone: ZoneInfo) -> tuple[Any, list[str]]:
    """The month of each instant in ``zone`` as a code, and the months as ``YYYY-MM``."""
    if not us.size:
        return np.zeros(0, dtype=np.int64), []
    lo = int(us.min() // _YEAR_US) + 1970 - 1
    hi = int(us.max() // _YEAR_US) + 1970 + 1
    starts = np.array(
        [wall_us(dt.date(y, m, 1), 0, zone) for y in range(lo, hi + 1) for m in range(1, 13)], dtype=np.int64
    )
    k = np.searchsorted(starts, us, side="right") - 1
    present, codes = np.unique(k, return_inverse=True)
    labels = [f"{lo + int(i) // 12:04d}-{int(i) % 12 + 1:02d}" for i in present]
    return codes.astype(np.int64).reshape(-1), labels


class _Counted:
    """The evaluation's columns grouped by the values of ``by`` and the metric."""

    def __init__(
        self, data: dict[str, tuple[str, Any]], keys: list[tuple[Any, list[str]]], rows: Any
    ) -> None:
        self.metric, self.metrics = data["metric"][1]
        self.status, self.labels = data["status"][1]
        self.due = data["due"][1]
        self.completed = data["completed"][1]
        self.elapsed = data["elapsed"][1]
        self.keys = keys
        self.case_rows = rows
        gid = np.zeros(rows.size, dtype=np.int64)
        for codes, values in [*keys, (self.metric, self.metrics)]:
            gid = np.unique(gid * max(len(values), 1) + codes, return_inverse=True)[1].reshape(-1)
        _, self.first, self.inv = np.unique(gid, return_index=True, return_inverse=True)
        self.inv = self.inv.reshape(-1)
        self.n_groups = self.first.size

    def groups(self) -> tuple[GroupRow, ...]:
        g, s = self.n_groups, len(self.labels)
        counts = np.bincount(self.inv * s + self.status, minlength=g * s).reshape(g, s)
        col = {label: counts[:, i] for i, label in enumerate(self.labels)}
        sizes = np.bincount(self.inv, minlength=g)
        done = self.completed != NAT
        ranks = self._ranks(done)
        out = []
        for i in range(g):
            row = int(self.first[i])
            met, breached, early = (int(col[k][i]) for k in ("met", "breached", "early"))
            decided = met + breached + early
            pct = (Decimal(100 * met) / decided).quantize(_TENTH, ROUND_HALF_EVEN) if decided else None
            median, p90 = (None if r[i] == NAT else dt.timedelta(microseconds=int(r[i])) for r in ranks)
            out.append(
                GroupRow(
                    key=tuple(values[codes[row]] for codes, values in self.keys),
                    metric=str(self.metrics[self.metric[row]]),
                    cases=int(sizes[i]),
                    met=met,
                    breached=breached,
                    early=early,
                    stopped=int(col["stopped"][i]),
                    at_risk=int(col["at_risk"][i]),
                    open=sum(int(col[k][i]) for k in _OPEN),
                    met_pct=pct,
                    median=median,
                    p90=p90,
                    not_covered=int(col[NOT_COVERED][i]),
                )
            )
        return tuple(out)

    def _ranks(self, done: Any) -> list[Any]:
        """Per group the nearest-rank median and 90th percentile of the time to complete (NAT: none)."""
        g = self.n_groups
        inv, elapsed = self.inv[done], self.elapsed[done]
        order = np.lexsort((elapsed, inv))
        sorted_el = elapsed[order]
        n_done = np.bincount(inv, minlength=g)
        start = np.cumsum(n_done) - n_done
        out = []
        for q in (50, 90):  # the smallest value at least q % of the values do not exceed
            k = np.maximum(-(-q * n_done // 100), 1)
            pick = np.where(n_done > 0, start + k - 1, 0)
            out.append(np.where(n_done > 0, sorted_el[pick] if sorted_el.size else NAT, NAT))
        return out

    def breaches(self, tab: Any, case_id: str, now: dt.datetime, zone: ZoneInfo) -> Breaches:
        rows = np.flatnonzero(self.status == self.labels.index("breached"))
        due, done = self.due[rows], self.completed[rows]
        late = np.where(done == NAT, epoch_us(now), done) - due
        metric_rank = np.argsort(np.argsort(np.array([str(m) for m in self.metrics], dtype=object)))
        return Breaches(
            ids=lambda picked: tab.values(case_id)[picked],
            case_rows=self.case_rows[rows],
            metric=self.metric[rows], metric_rank=metric_rank[self.metric[rows]], metrics=self.metrics,
            keys=[(codes[rows], values) for codes, values in self.keys],
            due=due, completed=done, late=late, zone=zone,
        )  # fmt: skip
