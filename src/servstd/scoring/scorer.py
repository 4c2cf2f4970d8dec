"""Turning an inspection into a score: ``score(standard, inspection) -> ScoreReport``.

* ``deduction`` — the point-pool tree (:mod:`servstd.scoring.pools`); bonus items add up to their cap;
* ``pass_fail`` / ``checklist`` — each applicable item passes unless it has a finding; the score is
  the compliance rate × ``max_points`` (100 when not given);
* ``kpi`` — weighted criteria (:mod:`servstd.scoring.kpi`).

A failed veto item (一票否决) sets the total to 0, or forces the lowest grade, as the standard says.
Arithmetic is exact ``Decimal``; the standard's rounding rule applies to the reported total, and
the grade is read from that rounded total (what people see).

>>> from servstd.catalog import catalog
>>> from servstd.scoring import Finding, Inspection, score
>>> std = catalog().standard("property-cs-quality-inspection")
>>> r = score(std, Inspection(std.id, findings=[Finding("CS20", 30), Finding("CS13", 2)]))
>>> r.total, r.grade
(Decimal('73.00'), '合格')
>>> [s.score for s in r.sections if s.id == "basic"]
[Decimal('0')]
>>> next(ln for ln in r.lines if ln.item == "CS20").capped_by
('basic',)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal

import attrs

from servstd._decimal import exact
from servstd._names import FoldedNames
from servstd.errors import ScoringError
from servstd.scoring.inspection import Inspection
from servstd.scoring.kpi import criterion_points, measured_value
from servstd.scoring.pools import ZERO, PoolTree
from servstd.scoring.report import CriterionScore, DeductionLine, ScoreReport, SectionScore
from servstd.standards.checklist_item import ChecklistItem
from servstd.standards.standard import Scheme, Standard, VetoEffect, item_codes

__all__ = ["score", "score_many", "totals"]

HUNDRED = Decimal(100)


@functools.lru_cache(maxsize=256)
def _items(standard: Standard) -> dict[str, tuple[ChecklistItem, str]]:
    out: dict[str, tuple[ChecklistItem, str]] = {}
    for sec in standard.walk_sections():
        for it in sec.items:
            out[it.code] = (it, sec.id)
    return out


def _resolved(standard: Standard, inspection: Inspection) -> Inspection:
    """``inspection`` with each item code and criterion as the standard writes it.

    A code typed in another width, case or script (``ｃｓ２０``, ``cs20``) is its item's code; a
    measurement may name its criterion by code or by name in either script (顾客满意度 for
    顧客滿意度). Codes that match nothing are left as typed, for :func:`_check` to refuse.
    """
    codes = item_codes(standard)

    def code(typed: str) -> str:
        return typed if typed in _items(standard) else codes.find(typed) or typed

    findings = tuple(attrs.evolve(f, item=code(f.item)) for f in inspection.findings)
    not_applicable = tuple(code(c) for c in inspection.not_applicable)
    measurements = inspection.measurements
    if measurements and standard.criteria:
        names = FoldedNames([*(c.code for c in standard.criteria), *(c.name for c in standard.criteria)])
        by_name = {c.name: c.code for c in standard.criteria}
        seen: dict[str, str] = {}
        out = []
        for key, value in measurements:
            found = names.find(key)
            criterion = by_name.get(found, found) if found is not None else key
            if criterion in seen:
                raise ScoringError(
                    f"measurements {seen[criterion]!r} and {key!r} both name criterion {criterion!r}; give it once",
                    key,
                )
            seen[criterion] = key
            out.append((criterion, value))
        measurements = tuple(sorted(out))
    if (findings, not_applicable, measurements) == (
        inspection.findings,
        inspection.not_applicable,
        inspection.measurements,
    ):
        return inspection
    return attrs.evolve(
        inspection, findings=findings, not_applicable=not_applicable, measurements=dict(measurements)
    )


def _check(standard: Standard, inspection: Inspection, items: dict[str, tuple[ChecklistItem, str]]) -> None:
    if inspection.standard != standard.id:
        raise ScoringError(
            f"the inspection is for standard {inspection.standard!r}, not {standard.id!r}",
            inspection.standard,
        )
    if inspection.version and inspection.version != standard.version:
        raise ScoringError(
            f"the inspection is for version {inspection.version!r} of {standard.id!r}, the standard is version {standard.version!r}",
            inspection.version,
        )
    for i, f in enumerate(inspection.findings):
        if f.item not in items:
            raise ScoringError(f"findings[{i}]: unknown item {f.item!r} in standard {standard.id!r}", f.item)
    for code in inspection.not_applicable:
        if code not in items:
            raise ScoringError(f"not_applicable: unknown item {code!r} in standard {standard.id!r}", code)


def _grade(standard: Standard, total: Decimal, vetoed: bool) -> str | None:
    if standard.grades is None:
        return None
    if vetoed and standard.veto_effect is VetoEffect.GRADE:
        return standard.grades.bands[0].name
    return standard.grades.grade(total)


@exact
def score(standard: Standard, inspection: Inspection) -> ScoreReport:
    """Score ``inspection`` against ``standard``; unknown items and other mistakes are ScoringErrors."""
    items = _items(standard)
    inspection = _resolved(standard, inspection)
    _check(standard, inspection, items)
    if standard.scheme is Scheme.DEDUCTION:
        return _deduction(standard, inspection, items)
    if standard.scheme is Scheme.KPI:
        return _kpi(standard, inspection)
    return _pass_fail(standard, inspection, items)


@exact
def score_many(standard: Standard, inspections: Iterable[Inspection]) -> list[ScoreReport]:
    """Score many inspections of one standard (the standard is compiled once)."""
    return [score(standard, ins) for ins in inspections]


@exact
def totals(standard: Standard, inspections: Iterable[Inspection]) -> list[Decimal]:
    """Only the exact totals of many deduction-scheme inspections: the fast path for dashboards."""
    if standard.scheme is not Scheme.DEDUCTION:
        return [score(standard, ins).total_exact for ins in inspections]
    tree = PoolTree.of(standard)
    items = _items(standard)
    max_points = standard.max_points if standard.max_points is not None else ZERO
    out = []
    for typed in inspections:
        ins = _resolved(standard, typed)
        _check(standard, ins, items)
        raw: dict[str, Decimal] = {}
        vetoed = False
        bonus = ZERO
        for f in ins.findings:
            it = items[f.item][0]
            if it.bonus:
                bonus += _unit(it) * f.count
                continue
            raw[f.item] = raw.get(f.item, ZERO) + _unit(it) * f.count
            vetoed = vetoed or (it.veto and f.count > 0)
        result = tree.evaluate(raw)
        total = max_points - result.applied[0] + min(bonus, _bonus_cap(standard))
        total = max(min(total, max_points), ZERO)
        out.append(ZERO if vetoed and standard.veto_effect is VetoEffect.ZERO else total)
    return out


def _unit(it: ChecklistItem) -> Decimal:
    if it.deduct is None:
        raise ScoringError(f"item {it.code!r} has no deduction unit", it.code)
    return it.deduct


def _bonus_cap(standard: Standard) -> Decimal:
    caps = [it.max_deduction for it in standard.items() if it.bonus]
    return (
        sum((c for c in caps if c is not None), ZERO)
        if all(c is not None for c in caps)
        else Decimal("Infinity")
    )


def _deduction(
    standard: Standard, inspection: Inspection, items: dict[str, tuple[ChecklistItem, str]]
) -> ScoreReport:
    if standard.max_points is None:
        raise ScoringError(f"deduction standard {standard.id!r} has no max_points", standard.id)
    tree = PoolTree.of(standard)
    raw: dict[str, Decimal] = {}
    bonus_raw: dict[str, Decimal] = {}
    vetoed: list[str] = []
    for f in inspection.findings:
        it = items[f.item][0]
        target = bonus_raw if it.bonus else raw
        target[f.item] = target.get(f.item, ZERO) + _unit(it) * f.count
        if it.veto and f.count > 0 and f.item not in vetoed:
            vetoed.append(f.item)
    result = tree.evaluate(raw)
    per_value = _per_values(standard)
    # Lines: each finding's share of the pools, consumed in finding order — a line passes up the
    # tree from its item, each capped node letting through only what is left of its maximum, so
    # the lines' applied points add up to the total deduction exactly.
    passed: dict[int, Decimal] = {}
    bonus_used: dict[str, Decimal] = {}
    lines = []
    for f in inspection.findings:
        it, sec = items[f.item]
        unit = _unit(it)
        line_raw = unit * f.count
        if it.bonus:
            cap = it.max_deduction
            before = bonus_used.get(f.item, ZERO)
            applied = line_raw if cap is None else max(min(line_raw, cap - before), ZERO)
            bonus_used[f.item] = before + line_raw
            cut_ids: tuple[str, ...] = (f.item,) if applied < line_raw else ()
            cut_titles: tuple[str, ...] = cut_ids
        else:
            applied, cut_nodes = _pass_up(tree, tree.index[f.item], line_raw, passed)
            cut_ids = tuple(_cut_id(tree, i) for i in cut_nodes)
            cut_titles = tuple(_cut_title(tree, i) for i in cut_nodes)
        lines.append(DeductionLine(
            f.item, it.text, sec, f.count, unit, per_value[f.item], line_raw, applied, cut_ids, f.note, f.places,
            it.veto, it.bonus, cut=line_raw - applied, capped_by_titles=cut_titles,
        ))  # fmt: skip
    bonus = ZERO
    for code, amount in bonus_raw.items():
        cap = items[code][0].max_deduction
        bonus += amount if cap is None else min(amount, cap)
    max_points = standard.max_points
    total = max(min(max_points - result.applied[0] + bonus, max_points), ZERO)
    if vetoed and standard.veto_effect is VetoEffect.ZERO:
        total = ZERO
    # Sections without findings share one precomputed score each; only touched ones are built.
    pristine, position = _pristine_sections(standard)
    section_list = list(pristine)
    for i in result.touched:
        pos = position.get(i)
        if pos is not None:
            section_list[pos] = SectionScore(
                id=tree.ids[i], title=tree.titles[i], depth=tree.depths[i], max=tree.maxes[i],
                raw_deduction=result.raw[i], deduction=result.applied[i], score=result.score(i), capped=result.capped(i),
            )  # fmt: skip
    sections = tuple(section_list)
    rounded = standard.rounding.apply(total)
    return ScoreReport(
        standard=standard.id, title=standard.title, version=standard.version, scheme=standard.scheme,
        rounding=standard.rounding, max_points=max_points, total_exact=total, total=rounded,
        grade=_grade(standard, rounded, bool(vetoed)), site=inspection.site, inspector=inspection.inspector,
        date=inspection.date.isoformat() if inspection.date else "", sections=sections, lines=tuple(lines),
        vetoed=tuple(vetoed), notes=(f"bonus +{bonus}",) if bonus else (),
    )  # fmt: skip


def _pass_up(
    tree: PoolTree, i: int, amount: Decimal, passed: dict[int, Decimal]
) -> tuple[Decimal, list[int]]:
    """Send ``amount`` from node ``i`` up to the root; each capped node lets through what is left."""
    cut_nodes = []
    while i >= 0:
        cap = tree.maxes[i]
        if cap is not None:
            room = max(cap - passed.get(i, ZERO), ZERO)
            if amount > room:
                cut_nodes.append(i)
                amount = room
        passed[i] = passed.get(i, ZERO) + amount
        i = tree.parent[i]
    return amount, cut_nodes


def _cut_id(tree: PoolTree, i: int) -> str:
    return "total" if tree.kinds[i] == "standard" else tree.ids[i]


def _cut_title(tree: PoolTree, i: int) -> str:
    """How a report names a cap: the item's code, the section's title, or 总分 for the total."""
    kind = tree.kinds[i]
    return "总分" if kind == "standard" else tree.ids[i] if kind == "item" else tree.titles[i]


@functools.lru_cache(maxsize=256)
def _per_values(standard: Standard) -> dict[str, str]:
    return {it.code: it.per.value for it in standard.items()}


@functools.lru_cache(maxsize=256)
def _pristine_sections(standard: Standard) -> tuple[tuple[SectionScore, ...], dict[int, int]]:
    """Section scores with no deduction (shared by every report) and each section node's position."""
    tree = PoolTree.of(standard)
    nodes = [i for i, k in enumerate(tree.kinds) if k == "section"]
    pristine = tuple(
        SectionScore(
            tree.ids[i], tree.titles[i], tree.depths[i], tree.maxes[i], ZERO, ZERO, tree.maxes[i], False
        )
        for i in nodes
    )
    return pristine, {node: pos for pos, node in enumerate(nodes)}


def _pass_fail(
    standard: Standard, inspection: Inspection, items: dict[str, tuple[ChecklistItem, str]]
) -> ScoreReport:
    max_points = standard.max_points if standard.max_points is not None else HUNDRED
    na = set(inspection.not_applicable)
    failed = {f.item for f in inspection.findings if f.count > 0}
    vetoed = [
        code
        for code in dict.fromkeys(f.item for f in inspection.findings)
        if code in failed and items[code][0].veto
    ]
    applicable = [code for code, (it, _) in items.items() if code not in na and not it.bonus]
    if not applicable:
        raise ScoringError(f"every item of {standard.id!r} is marked not applicable", standard.id)
    passed = sum(1 for code in applicable if code not in failed)
    compliance = Decimal(passed) / Decimal(len(applicable))
    total = compliance * max_points
    if vetoed and standard.veto_effect is VetoEffect.ZERO:
        total = ZERO
    sections = []
    for sec in standard.walk_sections():
        codes = [it.code for it in sec.walk_items() if it.code not in na and not it.bonus]
        if not codes:
            continue
        bad = sum(1 for c in codes if c in failed)
        depth = _depth(standard, sec.id)
        sections.append(
            SectionScore(
                sec.id,
                sec.title,
                depth,
                Decimal(len(codes)),
                Decimal(bad),
                Decimal(bad),
                Decimal(len(codes) - bad),
                False,
            )
        )
    lines = tuple(
        DeductionLine(
            item=f.item,
            text=items[f.item][0].text,
            section=items[f.item][1],
            count=f.count,
            unit=Decimal(1),
            per="item",
            raw=Decimal(1 if f.count else 0),
            applied=Decimal(1 if f.count else 0),
            note=f.note,
            places=f.places,
            veto=items[f.item][0].veto,
        )
        for f in inspection.findings
    )
    rounded = standard.rounding.apply(total)
    return ScoreReport(
        standard=standard.id, title=standard.title, version=standard.version, scheme=standard.scheme,
        rounding=standard.rounding, max_points=max_points, total_exact=total, total=rounded,
        grade=_grade(standard, rounded, bool(vetoed)), site=inspection.site, inspector=inspection.inspector,
        date=inspection.date.isoformat() if inspection.date else "", sections=tuple(sections), lines=lines,
        compliance=compliance, vetoed=tuple(vetoed),
    )  # fmt: skip


def _depth(standard: Standard, section_id: str) -> int:
    tree = PoolTree.of(standard)
    return tree.depths[tree.index[section_id]]


def _kpi(standard: Standard, inspection: Inspection) -> ScoreReport:
    max_points = standard.max_points if standard.max_points is not None else HUNDRED
    measured = dict(inspection.measurements)
    unknown = sorted(set(measured) - {c.code for c in standard.criteria})
    if unknown:
        raise ScoringError(f"measurements for unknown criteria {unknown} in {standard.id!r}", unknown)
    weight_sum = sum((c.weight for c in standard.criteria), ZERO)
    if weight_sum != 1:
        raise ScoringError(f"weights of {standard.id!r} add up to {weight_sum}, not exactly 1", weight_sum)
    rows = []
    weighted_total = ZERO
    for c in standard.criteria:
        if c.code not in measured:
            raise ScoringError(f"no measurement for criterion {c.code!r} ({c.name})", c.code)
        v = measured_value(c, measured[c.code])
        pts = criterion_points(c, v)
        weighted = pts * c.weight
        weighted_total += weighted
        rule = c.text or c.mapping.value
        rows.append(CriterionScore(c.code, c.name, v, pts, c.weight, weighted, rule, c.unit))
    total = weighted_total / HUNDRED * max_points
    rounded = standard.rounding.apply(total)
    return ScoreReport(
        standard=standard.id, title=standard.title, version=standard.version, scheme=standard.scheme,
        rounding=standard.rounding, max_points=max_points, total_exact=total, total=rounded,
        grade=_grade(standard, rounded, False), site=inspection.site, inspector=inspection.inspector,
        date=inspection.date.isoformat() if inspection.date else "", criteria=tuple(rows),
    )  # fmt: skip
