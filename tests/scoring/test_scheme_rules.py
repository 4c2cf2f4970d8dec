"""The scoring schemes' rules at their edges: zero-count findings, veto effects, capped bonuses, batch helpers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.scoring import Finding, Inspection, score, score_many, totals
from servstd.standards import Standard, load_data

D = Decimal


def _items(prefix: str, n: int, **extra: Any) -> list[dict[str, Any]]:
    return [{"code": f"{prefix}{i}", "text": "检查项", **extra} for i in range(1, n + 1)]


def pass_fail(veto_effect: str = "zero") -> Standard:
    """Two sections of pass/fail items; P1 is a veto item (一票否决); graded."""
    return load_data({
        "id": "pf", "title": "合格制标准", "scheme": "pass_fail", "max_points": "10", "veto_effect": veto_effect,
        "grades": [{"name": "不合格", "min": 0}, {"name": "合格", "min": 6}, {"name": "优秀", "min": 9}],
        "sections": [
            {"id": "a", "title": "甲", "items": [{"code": "P1", "text": "否决项", "veto": True}, *_items("Q", 2)]},
            {"id": "b", "title": "乙", "items": _items("R", 2)},
        ],
    })  # fmt: skip


def deduction_with_veto_and_bonus() -> Standard:
    """100 points, a veto item V1, a capped bonus item B1 (+2 each, at most 3) and an uncapped one B2."""
    return load_data({
        "id": "dd", "title": "扣分制标准", "scheme": "deduction", "max_points": "100",
        "grades": [{"name": "不合格", "min": 0}, {"name": "合格", "min": 60}],
        "sections": [
            {"id": "s", "title": "部分", "max_points": "100", "items": [
                {"code": "V1", "text": "否决项", "deduct": "1", "veto": True},
                {"code": "D1", "text": "扣分项", "deduct": "5"},
                {"code": "B1", "text": "加分项", "deduct": "2", "bonus": True, "cap": "3"},
                {"code": "B2", "text": "加分项", "deduct": "1", "bonus": True},
            ]},
        ],
    })  # fmt: skip


def kpi(veto_effect: str) -> Standard:
    return load_data({
        "id": "kk", "title": "考核", "scheme": "kpi", "max_points": "100", "veto_effect": veto_effect,
        "grades": [{"name": "不合格", "min": 0}, {"name": "优秀", "min": 90}],
        "criteria": [{"code": "sat", "name": "满意度", "weight": 1, "mapping": "linear", "worst": 1, "best": 5}],
    })  # fmt: skip


class TestZeroCountFindings:
    def test_pass_fail_zero_count_is_not_a_failure(self) -> None:
        """A finding counted 0 times is no non-conformity: the item passes, no veto, its line applies 0."""
        std = pass_fail()
        r = score(std, Inspection(std.id, findings=[Finding("P1", 0), Finding("Q1", 0)]))
        assert r.total_exact == D(10)
        assert r.compliance == D(1)
        assert r.vetoed == ()
        assert r.grade == "优秀"
        assert [(ln.item, ln.raw, ln.applied) for ln in r.lines] == [("P1", D(0), D(0)), ("Q1", D(0), D(0))]

    def test_deduction_zero_count_veto_item_does_not_veto(self) -> None:
        """一票否决 needs the veto item to be failed at least once; count 0 changes nothing."""
        std = deduction_with_veto_and_bonus()
        ins = Inspection(std.id, findings=[Finding("V1", 0), Finding("D1", 1)])
        r = score(std, ins)
        assert r.vetoed == ()
        assert r.total_exact == D(95)
        assert totals(std, [ins]) == [D(95)]

    def test_deduction_failed_veto_item_zeroes_total_everywhere(self) -> None:
        """A failed veto item sets the total to 0, in score() and in totals() alike."""
        std = deduction_with_veto_and_bonus()
        ins = Inspection(std.id, findings=[Finding("V1", 1)])
        assert score(std, ins).total_exact == 0
        assert score(std, ins).vetoed == ("V1",)
        assert totals(std, [ins]) == [D(0)]


class TestPassFail:
    def test_failed_veto_with_zero_effect_is_zero(self) -> None:
        """veto_effect zero: one failed veto item makes the total 0 and the grade the lowest band's."""
        std = pass_fail("zero")
        r = score(std, Inspection(std.id, findings=[Finding("P1")]))
        assert r.total_exact == 0
        assert r.vetoed == ("P1",)
        assert r.grade == "不合格"

    def test_failed_veto_with_grade_effect_keeps_the_rate(self) -> None:
        """veto_effect grade: the total stays the compliance rate × max_points; only the grade drops."""
        std = pass_fail("grade")
        r = score(std, Inspection(std.id, findings=[Finding("P1")]))
        assert r.total_exact == D(8)
        assert r.grade == "不合格"

    def test_sections_count_items_and_are_never_capped(self) -> None:
        """Pass/fail sections: max = applicable items, deduction = failed items, score = passed; never capped."""
        std = pass_fail()
        r = score(std, Inspection(std.id, findings=[Finding("Q1", 2), Finding("R2")]))
        assert [(s.id, s.max, s.deduction, s.score, s.capped) for s in r.sections] == [
            ("a", D(3), D(1), D(2), False),
            ("b", D(2), D(1), D(1), False),
        ]
        assert r.total_exact == D(3) / D(5) * D(10)


class TestBonus:
    def test_capped_bonus_line_names_its_item(self) -> None:
        """A bonus line beyond its item's cap is cut by that item; within the cap it is not cut."""
        std = deduction_with_veto_and_bonus()
        r = score(std, Inspection(std.id, findings=[Finding("B1", 1), Finding("B1", 1), Finding("B2", 4)]))
        first, second, third = r.lines
        assert (first.applied, first.cut, first.capped_by) == (D(2), D(0), ())
        assert (second.applied, second.cut, second.capped_by) == (D(1), D(1), ("B1",))
        assert (third.applied, third.capped_by) == (D(4), ())

    def test_bonus_exactly_at_cap_is_not_cut(self) -> None:
        """A bonus landing exactly on its cap is applied whole and reported as not cut."""
        std = load_data({
            "id": "bb", "title": "加分", "scheme": "deduction", "max_points": "100",
            "sections": [{"id": "s", "title": "部分", "items": [
                {"code": "D1", "text": "扣分项", "deduct": "10"},
                {"code": "B1", "text": "加分项", "deduct": "2", "bonus": True, "cap": "4"},
            ]}],
        })  # fmt: skip
        r = score(std, Inspection(std.id, findings=[Finding("D1"), Finding("B1", 2)]))
        line = r.lines[1]
        assert (line.applied, line.cut, line.capped_by) == (D(4), D(0), ())
        assert r.total_exact == D(94)


class TestKpiGrade:
    def test_kpi_grade_is_read_from_the_total(self) -> None:
        """A KPI standard has no veto items: even with veto_effect grade, the grade follows the total."""
        for effect in ("zero", "grade"):
            std = kpi(effect)
            r = score(std, Inspection(std.id, measurements={"sat": 5}))
            assert (r.total_exact, r.grade) == (D(100), "优秀")


CS = catalog().standard("property-cs-quality-inspection")
CODES = [it.code for it in CS.items()]


@given(
    st.lists(st.lists(st.builds(Finding, st.sampled_from(CODES), st.integers(0, 5)), max_size=6), max_size=4)
)
def test_batch_helpers_agree_with_score(batch: list[list[Finding]]) -> None:
    """score_many is score() per inspection; totals() is each report's exact total (deduction scheme)."""
    inspections = [Inspection(CS.id, findings=f) for f in batch]
    reports = score_many(CS, inspections)
    assert reports == [score(CS, ins) for ins in inspections]
    assert totals(CS, inspections) == [r.total_exact for r in reports]


def test_totals_of_other_schemes_are_report_totals() -> None:
    """totals() of a pass/fail standard gives each report's exact total, in order."""
    std = pass_fail()
    inspections = [Inspection(std.id), Inspection(std.id, findings=[Finding("Q1")]), Inspection(std.id)]
    assert totals(std, inspections) == [D(10), D(8), D(10)]
