"""Aggregating many reports for dashboards: per site, per month — count, mean, min, max, trend.

>>> from servstd.catalog import catalog
>>> from servstd.scoring import Finding, Inspection, aggregate, score
>>> import datetime as dt
>>> std = catalog().get("property-cs-quality-inspection")
>>> rs = [score(std, Inspection(std.id, site="A", date=dt.date(2026, 3, d), findings=[Finding("CS13", d)])) for d in (2, 9, 16)]
>>> row = aggregate(rs, by=("site", "month"))[0]
>>> row.key, row.count, row.mean, row.min, row.trend
(('A', '2026-03'), 3, Decimal('91.00'), Decimal('84.00'), Decimal('-14.00'))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from servstd.errors import ScoringError
from servstd.scoring.report import ScoreReport

__all__ = ["AggregateRow", "aggregate"]

_KEYS = ("site", "month", "standard", "inspector", "grade", "year")


@attrs.frozen
class AggregateRow:
    """Statistics of one group of reports. ``trend`` is the last total minus the first, by date."""

    key: tuple[str, ...]
    count: int
    mean: Decimal
    min: Decimal
    max: Decimal
    trend: Decimal


def _key(r: ScoreReport, by: Sequence[str]) -> tuple[str, ...]:
    parts = []
    for k in by:
        if k == "month":
            parts.append(r.date[:7])
        elif k == "year":
            parts.append(r.date[:4])
        else:
            parts.append(str(getattr(r, k) or ""))
    return tuple(parts)


def aggregate(reports: Iterable[ScoreReport], by: Sequence[str] = ("site", "month")) -> list[AggregateRow]:
    """Group reports by ``by`` (any of site, month, year, standard, inspector, grade) and summarise totals."""
    for k in by:
        if k not in _KEYS:
            raise ScoringError(f"cannot group by {k!r}; accepted: {', '.join(_KEYS)}", k)
    groups: dict[tuple[str, ...], list[ScoreReport]] = {}
    for r in reports:
        groups.setdefault(_key(r, by), []).append(r)
    rows = []
    for key in sorted(groups):
        rs = sorted(groups[key], key=lambda r: r.date)
        totals = [r.total for r in rs]
        rounding = rs[0].rounding
        mean = rounding.apply(sum(totals, Decimal(0)) / len(totals))
        rows.append(AggregateRow(key, len(rs), mean, min(totals), max(totals), totals[-1] - totals[0]))
    return rows
