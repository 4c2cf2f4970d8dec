"""Weighted KPI scoring: each criterion maps a measured value to 0–100 points; weights sum to 1.

>>> from decimal import Decimal as D
>>> from servstd.standards import catalog
>>> from servstd.scoring.kpi import criterion_points
>>> c = catalog().get("cs-kpi-assessment").criteria[0]        # 顾客满意度 1–5分, linear
>>> criterion_points(c, D(4))
Decimal('75.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from servstd.errors import DurationParseError, ScoringError
from servstd.sla.durations import parse_duration
from servstd.standards.kpi import KpiCriterion, Mapping

__all__ = ["criterion_points", "measured_value"]

HUNDRED = Decimal(100)


def measured_value(c: KpiCriterion, value: Any) -> Decimal:
    """Read a measurement: a number, a percentage ("92%"), or for time criteria a duration ("3小时")."""
    if isinstance(value, bool) or value is None:
        raise ScoringError(f"criterion {c.code!r} ({c.name}): no measured value", value)
    if isinstance(value, (int, Decimal)):
        v = Decimal(value)
    elif isinstance(value, float):
        v = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip()
        try:
            v = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
        except ArithmeticError:
            if c.unit != "seconds":
                raise ScoringError(
                    f"criterion {c.code!r} ({c.name}): {value!r} is not a number", value
                ) from None
            try:
                micros = getattr(parse_duration(text), "micros", None)
            except DurationParseError as exc:
                raise ScoringError(f"criterion {c.code!r} ({c.name}): {exc}", value) from None
            if micros is None:
                raise ScoringError(
                    f"criterion {c.code!r} ({c.name}): {value!r} is not a length of time", value
                ) from None
            v = Decimal(micros) / 1_000_000
    else:
        raise ScoringError(f"criterion {c.code!r} ({c.name}): cannot read {value!r}", value)
    if (c.minimum is not None and v < c.minimum) or (c.maximum is not None and v > c.maximum):
        lo = "−∞" if c.minimum is None else c.minimum
        hi = "∞" if c.maximum is None else c.maximum
        raise ScoringError(f"criterion {c.code!r} ({c.name}): {v} is outside its scale {lo}–{hi}", value)
    return v


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
