"""Inspections name items and criteria as people type them (issue 22): an item code in full width
or another case is its item; a KPI measurement may name its criterion by code or by name in
either script."""

from __future__ import annotations

from decimal import Decimal

import pytest

from servstd.catalog import catalog
from servstd.errors import ScoringError
from servstd.scoring import Finding, Inspection, score, totals

DEDUCTION = catalog().standard("property-cs-quality-inspection")
KPI = catalog().standard("cs-kpi-assessment")


def test_item_codes_in_another_width_or_case() -> None:
    """ｃｓ２０ ×2 and cs13 deduct from CS20 and CS13 as if typed CS20 and CS13; the report names the
    document's codes."""
    typed = score(DEDUCTION, Inspection(DEDUCTION.id, findings=[Finding("ｃｓ２０", 2), Finding("cs13", 1)]))
    exact = score(DEDUCTION, Inspection(DEDUCTION.id, findings=[Finding("CS20", 2), Finding("CS13", 1)]))
    assert typed.total == exact.total == Decimal("97.00")
    assert {ln.item for ln in typed.lines if ln.count} == {"CS20", "CS13"}
    assert totals(DEDUCTION, [Inspection(DEDUCTION.id, findings=[Finding("ｃｓ２０", 2)])]) == [Decimal(98)]


def test_an_unknown_code_is_still_refused() -> None:
    """A code no item reads as (CS99) is a ScoringError naming it."""
    with pytest.raises(ScoringError, match="unknown item 'CS99'"):
        score(DEDUCTION, Inspection(DEDUCTION.id, findings=[Finding("CS99")]))


def test_criteria_by_name_in_either_script() -> None:
    """The criteria of cs-kpi-assessment are written 顧客滿意度, 響應時限, 解決率: measurements named
    顾客满意度, 响应时限 (simplified) and resolution (the code) score as the codes do."""
    by_name = Inspection(KPI.id, measurements={"顾客满意度": 4, "响应时限": "20小时", "resolution": "95%"})
    by_code = Inspection(KPI.id, measurements={"satisfaction": 4, "response": "20小时", "resolution": "95%"})
    assert score(KPI, by_name).total == score(KPI, by_code).total == Decimal("90.00")


def test_a_criterion_given_twice_is_refused() -> None:
    """顾客满意度 and satisfaction name one criterion: giving both is a ScoringError, not a choice."""
    both = Inspection(
        KPI.id, measurements={"顾客满意度": 4, "satisfaction": 5, "response": "20小时", "resolution": "95%"}
    )
    with pytest.raises(ScoringError, match="both name criterion 'satisfaction'"):
        score(KPI, both)
