"""Grade bands (优秀/良好/合格/不合格, 一星…三星) that partition a score range."""

from __future__ import annotations

from decimal import Decimal

import attrs

from servstd._decimal import exact
from servstd._lang import Lang, in_lang
from servstd._schema import Shaped
from servstd.errors import DocumentError, Problem

__all__ = ["GradeBand", "GradeScale"]


@attrs.frozen
class GradeBand(Shaped):
    """Scores in ``[min, max)`` get ``name`` (the top band includes its max)."""

    name: str
    min: Decimal
    max: Decimal
    name_en: str = ""

    def name_in(self, lang: Lang = "zh") -> str:
        """The grade's name in ``lang`` (the English ``name_en`` for ``"en"`` when given)."""
        return in_lang(self.name, self.name_en, lang)


@attrs.frozen
class GradeScale(Shaped):
    """Bands that cover ``[low, high]`` exactly, without gaps or overlaps.

    >>> from decimal import Decimal as D
    >>> s = GradeScale.from_minimums({"优秀": D(90), "良好": D(80), "合格": D(60), "不合格": D(0)}, high=D(100))
    >>> s.grade(D("89.99")), s.grade(D(100)), s.grade(D(0))
    ('良好', '优秀', '不合格')
    """

    bands: tuple[GradeBand, ...]

    def __attrs_post_init__(self) -> None:
        bands = sorted(self.bands, key=lambda b: b.min)
        problems = []
        for i, b in enumerate(bands):
            if b.max <= b.min:
                problems.append(Problem(f"grades[{b.name}]", f"max {b.max} is not above min {b.min}"))
            if i and bands[i - 1].max != b.min:
                kind = "gap" if bands[i - 1].max < b.min else "overlap"
                problems.append(
                    Problem(
                        f"grades[{b.name}]",
                        f"{kind} between {bands[i - 1].name} (to {bands[i - 1].max}) and {b.name} (from {b.min})",
                    )
                )
        if problems:
            raise DocumentError("grade bands", problems)
        object.__setattr__(self, "bands", tuple(bands))

    @classmethod
    def from_minimums(cls, minimums: dict[str, Decimal], *, high: Decimal) -> GradeScale:
        """Bands from each grade's minimum score; each band runs to the next minimum, the top to ``high``."""
        items = sorted(minimums.items(), key=lambda kv: kv[1])
        bands = []
        for i, (name, lo) in enumerate(items):
            hi = items[i + 1][1] if i + 1 < len(items) else high
            bands.append(GradeBand(name, Decimal(lo), Decimal(hi)))
        return cls(tuple(bands))

    @property
    def low(self) -> Decimal:
        """The lowest score covered."""
        return self.bands[0].min

    @property
    def high(self) -> Decimal:
        """The highest score covered."""
        return self.bands[-1].max

    @exact
    def band(self, score: Decimal) -> GradeBand:
        """The band of ``score``; outside ``[low, high]`` is an error."""
        if not self.low <= score <= self.high:
            raise DocumentError(
                "grade bands",
                [Problem("score", f"{score} is outside the grade range {self.low}–{self.high}")],
            )
        for b in self.bands:
            if b.min <= score < b.max:
                return b
        return self.bands[-1]

    @exact
    def grade(self, score: Decimal) -> str:
        """The name of the band of ``score``."""
        return self.band(score).name
