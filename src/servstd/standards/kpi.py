"""Weighted KPI criteria: a measured value (a 1–5 rating, a response time, a ratio) mapped to points.

"顾客满意度 40% 1–5分, 响应时限 30% ≤24小时, 解决率 30% ≥90%" is three criteria whose weights sum to 1.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

__all__ = ["Band", "KpiCriterion", "Mapping"]


class Mapping(enum.Enum):
    """How a measured value becomes points (0–100 of the criterion)."""

    LINEAR = "linear"
    """Linear from ``worst`` (0 points) to ``best`` (100 points), clamped."""
    THRESHOLD = "threshold"
    """100 points when the value meets ``target`` (≤ or ≥, by ``higher_is_better``), else 0."""
    BANDS = "bands"
    """Points by the band the value falls in."""


@attrs.frozen
class Band:
    """Values from ``min`` (inclusive) earn ``points``."""

    min: Decimal
    points: Decimal


@attrs.frozen
class KpiCriterion:
    """One weighted criterion of a KPI scheme.

    ``unit`` names what is measured: ``"rating"`` (a score such as 1–5), ``"ratio"`` (0–1),
    ``"seconds"`` (a duration; targets may be given as durations like "24小时").
    """

    code: str
    name: str
    weight: Decimal
    unit: str
    mapping: Mapping
    higher_is_better: bool = True
    worst: Decimal | None = None
    best: Decimal | None = None
    target: Decimal | None = None
    bands: tuple[Band, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    name_en: str = ""
    text: str = ""
    """The criterion as the standard wrote it (e.g. "≤24小时")."""
