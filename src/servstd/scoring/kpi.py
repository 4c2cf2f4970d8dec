"""Weighted KPI scoring: each criterion maps a measured value to 0–100 points; weights sum to 1.

>>> from decimal import Decimal as D
>>> from servstd.catalog import catalog
>>> from servstd.scoring.kpi import criterion_points
>>> c = catalog().standard("cs-kpi-assessment").criteria[0]        # 顾客满意度 1–5分, linear
>>> criterion_points(c, D(4))
Decimal('75.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from servstd._decimal import exact
from servstd.errors import ScoringError
from servstd.standards.kpi import KpiCriterion, Mapping, read_value

__all__ = ["criterion_points", "measured_value"]

HUNDRED = Decimal(100)


@exact
def measured_value(c: KpiCriterion, value: Any) -> Decimal:
    """Read a measurement (:func:`~servstd.standards.kpi.read_value`) and check it is on the criterion's scale."""
    try:
        v = read_value(value, c.unit)
    except ValueError as exc:
        raise ScoringError(f"criterion {c.code!r} ({c.name}): {exc}", value) from None
    if (c.minimum is not None and v < c.minimum) or (c.maximum is not None and v > c.maximum):
        lo = "−∞" if c.minimum is None else c.minimum
        hi = "∞" if c.maximum is None else c.maximum
        raise ScoringError(f"criterion {c.code!r} ({c.name}): {v} is outside its scale {lo}–{hi}", value)
    return v


@exact
def criterion_points(c: KpiCriterion, v: Decimal) -> Decimal:
    """Points (0–100) for measured value ``v`` under the criterion's mapping."""
    if c.mapping is Mapping.LINEAR:
        assert c.worst is not None
        assert c.best is not None
        share = (v - c.worst) / (c.best - c.worst)
        return HUNDRED * min(max(share, Decimal(0)), Decimal(1))
    if c.mapping is Mapping.THRESHOLD:
        assert c.target is not None
        ok = v >= c.target if c.higher_is_better else v <= c.target
        return HUNDRED if ok else Decimal(0)
    points = Decimal(0)
    for band in sorted(c.bands, key=lambda b: b.min):
        if v >= band.min:
            points = band.points
    return points
