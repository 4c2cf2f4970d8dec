"""A service standard (服务标准): sections of checklist items, KPI criteria and grade bands."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterator
from decimal import Decimal

import attrs

from servstd._decimal import exact
from servstd._lang import Lang, in_lang
from servstd._names import FoldedNames, fold
from servstd._schema import Shaped
from servstd._source import Source, as_source
from servstd.errors import UnknownNameError
from servstd.standards.checklist_item import ChecklistItem
from servstd.standards.grade import GradeScale
from servstd.standards.kpi import KpiCriterion

__all__ = ["DocumentKind", "Rounding", "Scheme", "Section", "Standard", "VetoEffect", "item_codes"]


class DocumentKind(enum.Enum):
    """What a standard document describes; all four load and round-trip the same way."""

    STANDARD = "standard"
    """Requirements to meet (a checklist, a deduction table, KPI criteria)."""
    PROCEDURE = "procedure"
    """Ordered steps (流程), each with an actor, an action and an optional time limit; inspected as
    「是否按流程」: each step done as written, in order."""
    SCHEDULE = "schedule"
    """Things done at a frequency (每月一次, 每季一次, 每半年一次); checked from an activity log with
    :func:`~servstd.scoring.frequency_findings`; plan items with a due date (「下月初」) are checked
    with :func:`~servstd.scoring.overdue_findings`."""
    REFERENCE = "reference"
    """A text kept for reference (teaching material, definitions, an essay on what a standard is)
    that holds no checkable rule: no item has points, a frequency, a time limit, a measure or a
    due date, and its notes say why."""


class Scheme(enum.Enum):
    """How a standard is scored."""

    DEDUCTION = "deduction"
    """A tree of point pools where findings deduct, each node capped and floored at zero (倒扣分制, 扣完为止)."""
    PASS_FAIL = "pass_fail"
    """Each item passes or fails; the result is the compliance rate."""
    KPI = "kpi"
    """Weighted criteria mapped from measured values."""
    CHECKLIST = "checklist"
    """Requirements, prohibitions and procedures to follow, scored as compliance when inspected."""


class VetoEffect(enum.Enum):
    """What a failed veto item (一票否决) does."""

    ZERO = "zero"
    """The total becomes 0."""
    GRADE = "grade"
    """The grade is forced to the lowest band (the score stands)."""


@attrs.frozen
class Rounding(Shaped):
    """How results are rounded: ``places`` decimals with a ``decimal`` rounding mode."""

    places: int = 2
    mode: str = "ROUND_HALF_UP"

    @exact
    def apply(self, value: Decimal) -> Decimal:
        """Round ``value``."""
        return value.quantize(Decimal(1).scaleb(-self.places), rounding=self.mode)


@attrs.frozen
class Section(Shaped):
    """A group of items (and nested sections) with an optional point maximum."""

    id: str
    title: str
    items: tuple[ChecklistItem, ...] = ()
    sections: tuple[Section, ...] = ()
    max_points: Decimal | None = None
    title_en: str = ""
    notes: str = ""

    def title_in(self, lang: Lang = "zh") -> str:
        """The title in ``lang`` (the English ``title_en`` for ``"en"`` when given)."""
        return in_lang(self.title, self.title_en, lang)

    def walk_items(self) -> Iterator[ChecklistItem]:
        """Every item in this section and its subsections, in order."""
        yield from self.items
        for s in self.sections:
            yield from s.walk_items()


@attrs.frozen(cache_hash=True)
class Standard(Shaped):
    """A service standard, its structure and how it is scored."""

    id: str
    title: str
    version: str = "1"
    effective: dt.date | None = None
    issuer: str = ""
    source: Source = attrs.field(default=Source(), converter=as_source)
    """The source the standard comes from — its title and the verbatim passages it models."""
    language: str = "zh"
    title_en: str = ""
    scheme: Scheme = Scheme.CHECKLIST
    max_points: Decimal | None = None
    rounding: Rounding = Rounding()
    veto_effect: VetoEffect = VetoEffect.ZERO
    grades: GradeScale | None = None
    sections: tuple[Section, ...] = ()
    criteria: tuple[KpiCriterion, ...] = ()
    notes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kind: DocumentKind = DocumentKind.STANDARD

    def title_in(self, lang: Lang = "zh") -> str:
        """The title in ``lang`` (the English ``title_en`` for ``"en"`` when given)."""
        return in_lang(self.title, self.title_en, lang)

    def steps(self) -> list[ChecklistItem]:
        """The procedure's steps (items of kind ``step``) in their written order."""
        return [it for it in self.items() if it.kind.value == "step"]

    def items(self) -> Iterator[ChecklistItem]:
        """Every checklist item, in document order."""
        for s in self.sections:
            yield from s.walk_items()

    def item(self, code: str) -> ChecklistItem:
        """The item with ``code``; an :class:`~servstd.errors.UnknownNameError` if none.

        A code typed in another width, case or script finds its item when no other code reads
        alike (traditional → simplified script, NFKC width, case): ``ｃｓ２０`` is ``CS20``.
        """
        for it in self.items():
            if it.code == code:
                return it
        found = item_codes(self).find(code)
        if found is None:
            raise UnknownNameError(code, "code", [it.code for it in self.items()], kind="item")
        return self.item(found)

    def walk_sections(self) -> Iterator[Section]:
        """Every section, depth first."""

        def walk(ss: tuple[Section, ...]) -> Iterator[Section]:
            for s in ss:
                yield s
                yield from walk(s.sections)

        yield from walk(self.sections)


@functools.lru_cache(maxsize=256)
def item_codes(standard: Standard) -> FoldedNames:
    """The item codes of ``standard``, found by their folded form; codes that read alike (``A1``
    and ``a1``) are left out, so a typed code never picks one of two.

    >>> from servstd.catalog import catalog
    >>> item_codes(catalog().standard("property-cs-quality-inspection")).find("ｃｓ２０")
    'CS20'
    """
    codes = [it.code for it in standard.items()]
    alike: dict[str, int] = {}
    for c in codes:
        alike[fold(c)] = alike.get(fold(c), 0) + 1
    return FoldedNames(c for c in codes if alike[fold(c)] == 1)
