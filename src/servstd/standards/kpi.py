"""Weighted KPI criteria: a measured value (a 1–5 rating, a response time, a ratio) mapped to points.

"顾客满意度 40% 1–5分, 响应时限 30% ≤24小时, 解决率 30% ≥90%" is three criteria whose weights sum to 1.
"""

from __future__ import annotations

import contextlib
import enum
from decimal import Decimal
from typing import Any

import attrs

from servstd._decimal import exact
from servstd._documents import number_problem, short
from servstd._lang import Lang, in_lang
from servstd._schema import Shaped
from servstd.errors import DurationParseError
from servstd.sla.clock.durations import parse_duration

__all__ = ["Band", "KpiCriterion", "Mapping", "read_value"]


class Mapping(enum.Enum):
    """How a measured value becomes points (0–100 of the criterion)."""

    LINEAR = "linear"
    """Linear from ``worst`` (0 points) to ``best`` (100 points), clamped."""
    THRESHOLD = "threshold"
    """100 points when the value meets ``target`` (≤ or ≥, by ``higher_is_better``), else 0."""
    BANDS = "bands"
    """Points by the band the value falls in."""


@attrs.frozen
class Band(Shaped):
    """Values from ``min`` (inclusive) earn ``points``."""

    min: Decimal
    points: Decimal


@attrs.frozen
class KpiCriterion(Shaped):
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

    def name_in(self, lang: Lang = "zh") -> str:
        """The criterion's name in ``lang`` (the English ``name_en`` for ``"en"`` when given)."""
        return in_lang(self.name, self.name_en, lang)


@exact
def read_value(value: Any, unit: str) -> Decimal:
    """A KPI value: a number, a percentage ("90%"), or for ``seconds`` a duration ("24小时").

    Comparison signs as standards write them ("≤24小时", "≥90%") are allowed. NaN, infinities and
    numbers of 10^12 or more are refused. Anything else is a ``ValueError`` saying what was wrong
    (callers turn it into their own error).

    >>> read_value("≥90%", "ratio"), read_value("≤24小时", "seconds"), read_value(4, "rating")
    (Decimal('0.9'), Decimal('86400'), Decimal('4'))
    """
    if isinstance(value, bool) or value is None:
        raise ValueError("no value")
    if isinstance(value, (int, Decimal)):
        return _finite(Decimal(value), value)
    if isinstance(value, float):
        return _finite(Decimal(str(value)), value)
    if not isinstance(value, str):
        raise ValueError(f"cannot read {short(repr(value))}")
    if len(value) > 200:
        raise ValueError(f"{short(repr(value))} is not a value")
    text = value.strip().lstrip("≤≥<>=")
    number: Decimal | None = None
    with contextlib.suppress(ArithmeticError):
        number = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
    if number is not None:
        return _finite(number, value)
    if unit != "seconds" or text.endswith("%"):
        raise ValueError(f"{value!r} is not a number")
    try:
        micros = getattr(parse_duration(text), "micros", None)
    except DurationParseError as exc:
        raise ValueError(f"{exc.reason}: {value!r}") from None
    if micros is None:
        raise ValueError(f"{value!r} is not a length of time (use hours or minutes)")
    return Decimal(micros) / 1_000_000


def _finite(number: Decimal, value: Any) -> Decimal:
    """``number`` if it is usable (finite, not absurdly large); else a ValueError naming ``value``."""
    problem = number_problem(number)
    if problem is not None:
        raise ValueError(f"{short(repr(value))} {problem}")
    return number
