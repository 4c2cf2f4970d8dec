"""Scoring every seed scheme by hand, reports, errors (issue: scoring engine)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from importlib import resources

import pytest

from servstd.catalog import catalog
from servstd.errors import DocumentError, ScoringError
from servstd.scoring import (
    Finding,
    Inspection,
    aggregate,
    frequency_findings,
    parse_inspection,
    score,
    totals,
)
from servstd.sla import WorkCalendar
from servstd.standards import parse_standard

D = Decimal
CS = catalog().standard("property-cs-quality-inspection")


def inspect(std_id: str, *findings: Finding, **kw: object) -> Inspection:
    return Inspection(std_id, findings=findings, **kw)  # type: ignore[arg-type]


class TestDeductionScheme:
    def test_exhausting_a_25_point_part_gives_zero_not_negative(self) -> None:
        """倒扣分制: 30 points of findings in the 25-point 基础管理 part leave it at 0; the report shows the cut."""
        r = score(CS, inspect(CS.id, Finding("CS20", 20, note="标识缺失"), Finding("CS05", 10)))
        basic = next(s for s in r.sections if s.id == "basic")
        assert basic.score == 0
        assert basic.raw_deduction == 30
        assert basic.capped is True
        assert r.total == D("75.00")
        first, second = r.lines
        assert (first.applied, first.cut, first.capped_by) == (D(20), D(0), ())
        assert (second.applied, second.cut, second.capped_by) == (D(5), D(5), ("basic",))
        assert second.capped_by_titles == ("基础管理",)
        assert "cut by 基础管理" in r.to_text(lang="en")

    def test_no_findings_is_full_marks(self) -> None:
        """No findings → 100, graded 优秀."""
        r = score(CS, inspect(CS.id))
        assert (r.total, r.grade) == (D("100.00"), "优秀")

    def test_points_per_item_floor_at_zero(self) -> None:
        """符合1分，不符合0分，每一项不符合扣0.3分，扣完为止: item 08 failed 4× loses 1, not 1.2."""
        std = catalog().standard("cs-quality-scoring-rules")
        r = score(std, inspect(std.id, Finding("08", 4), Finding("14", 1), Finding("10", 1)))
        assert r.total_exact == D(6) - D(1) - D("0.5") - D("0.2")
        line = next(ln for ln in r.lines if ln.item == "08")
        assert (line.raw, line.applied, line.capped_by) == (D("1.2"), D(1), ("08",))

    def test_deduction_unit_is_a_visible_parameter(self) -> None:
        """Overriding defaults.deduct in the shipped document changes every item's unit."""
        text = (
            resources.files("servstd.catalog.data")
            .joinpath("property-cs-quality-inspection.yaml")
            .read_text("utf-8")
        )
        assert "  deduct: 1\n" in text
        doubled = parse_standard(text.replace("  deduct: 1\n", "  deduct: 2\n", 1))
        assert score(doubled, inspect(CS.id, Finding("CS13", 3))).total == D("94.00")


VETO_DOC = """
id: veto-demo
title: 一票否决示例
scheme: deduction
max_points: 10
veto_effect: {effect}
grades: [{{name: 合格, min: 6}}, {{name: 不合格, min: 0}}]
sections:
  - id: s
    title: 安全
    max_points: 10
    items:
      - {{code: V1, text: 发生安全责任事故, deduct: 1, veto: true}}
      - {{code: B1, text: 获得业主书面表扬, deduct: 1, bonus: true, cap: 2}}
      - {{code: N1, text: 记录缺失, deduct: 3}}
"""


class TestVetoAndBonus:
    def test_veto_zeroes_the_total(self) -> None:
        """一票否决 with effect zero: any finding on the item makes the total 0."""
        std = parse_standard(VETO_DOC.format(effect="zero"))
        r = score(std, inspect("veto-demo", Finding("V1")))
        assert (r.total, r.vetoed, r.grade) == (D("0.00"), ("V1",), "不合格")

    def test_veto_forces_the_grade(self) -> None:
        """With effect grade: the score stands, the grade is the lowest."""
        std = parse_standard(VETO_DOC.format(effect="grade"))
        r = score(std, inspect("veto-demo", Finding("V1")))
        assert (r.total, r.grade) == (D("9.00"), "不合格")

    def test_bonus_is_capped_and_total_never_exceeds_max(self) -> None:
        """Bonus adds up to its cap; the total stays within max_points."""
        std = parse_standard(VETO_DOC.format(effect="zero"))
        assert score(std, inspect("veto-demo", Finding("N1"), Finding("B1", 5))).total == D("9.00")
        assert score(std, inspect("veto-demo", Finding("B1", 5))).total == D("10.00")


class TestPassFail:
    def test_hotel_compliance_rate(self) -> None:
        """3 failures of 105 hotel checks: 102/105 = 97.14 %, 优秀."""
        std = catalog().standard("hotel-service-quality-inspection")
        r = score(std, inspect(std.id, Finding("FO01"), Finding("HK05"), Finding("SE18")))
        assert r.compliance == D(102) / D(105)
        assert (r.total, r.grade) == (D("97.14"), "优秀")
        fo = next(s for s in r.sections if s.id == "FO")
        assert (fo.max, fo.score) == (27, 26)

    def test_not_applicable_items_leave_the_denominator(self) -> None:
        """Items marked not applicable are not counted."""
        std = catalog().standard("service-quality-inspection-rules")
        r = score(std, inspect(std.id, Finding("Q01"), not_applicable=["Q10", "Q09"]))
        assert r.compliance == D(7) / D(8)


class TestKpi:
    def test_satisfaction_response_resolution(self) -> None:
        """顾客满意度 40% (1–5 linear), 响应时限 30% (≤24小时), 解决率 30% (≥90%)."""
        std = catalog().standard("cs-kpi-assessment")
        r = score(
            std,
            Inspection(
                std.id, measurements={"satisfaction": "4.2", "response": "20小时", "resolution": "92%"}
            ),
        )
        assert r.total == D("92.00")
        assert [c.points for c in r.criteria] == [D(80), D(100), D(100)]
        r = score(
            std,
            Inspection(
                std.id, measurements={"satisfaction": 3, "response": 30 * 3600, "resolution": D("0.85")}
            ),
        )
        assert r.total == D("20.00")
        assert r.grade == "不合格"

    def test_appraisal_thresholds(self) -> None:
        """顾客满意度 ≥4分, 处理效率 ≤5分钟, 服务态度 ≥90%."""
        std = catalog().standard("cs-kpi-appraisal")
        r = score(
            std,
            Inspection(std.id, measurements={"satisfaction": "4", "handling": "5分钟", "attitude": "89%"}),
        )
        assert r.total == D("70.00")

    @pytest.mark.parametrize(
        ("measurements", "message"),
        [
            ({"satisfaction": 6, "response": 1, "resolution": "90%"}, "outside its scale"),
            ({"satisfaction": 4, "resolution": "90%"}, "no measurement"),
            ({"satisfaction": 4, "response": "soon", "resolution": "90%"}, "response"),
            ({"satisfaction": 4, "response": 1, "resolution": "90%", "speed": 1}, "unknown criteria"),
        ],
    )
    def test_bad_measurements(self, measurements: dict[str, object], message: str) -> None:
        """A measurement outside its scale, missing or unknown is a ScoringError naming it."""
        std = catalog().standard("cs-kpi-assessment")
        with pytest.raises(ScoringError, match=message):
            score(std, Inspection(std.id, measurements=measurements))

    def test_weights_must_sum_to_one(self) -> None:
        """A KPI document whose weights do not sum to exactly 1 is refused."""
        with pytest.raises(DocumentError, match="not exactly 1"):
            parse_standard(
                "id: k\ntitle: k\nscheme: kpi\ncriteria:\n  - {code: a, name: a, weight: 0.5, mapping: threshold, target: 1}\n"
            )


class TestErrors:
    def test_unknown_item(self) -> None:
        """A finding for an unknown item names it."""
        with pytest.raises(ScoringError, match="findings\\[0\\]: unknown item 'ZZ'"):
            score(CS, inspect(CS.id, Finding("ZZ")))

    @pytest.mark.parametrize("count", [-1, 1.5, True])
    def test_bad_counts(self, count: object) -> None:
        """Negative, fractional or boolean counts are ScoringErrors."""
        with pytest.raises(ScoringError):
            Finding("CS01", count)  # type: ignore[arg-type]

    def test_wrong_standard_or_version(self) -> None:
        """An inspection of another standard, or another version, is refused."""
        with pytest.raises(ScoringError, match="not 'property-cs-quality-inspection'"):
            score(CS, inspect("other"))
        with pytest.raises(ScoringError, match="version"):
            score(CS, Inspection(CS.id, version="9"))

    def test_inspection_document_errors_name_entries(self) -> None:
        """A malformed inspection document lists its problems by path."""
        with pytest.raises(DocumentError) as info:
            parse_inspection(
                "standard: x\nfindings:\n  - {item: A, count: -2}\n  - {item: B, count: 1.5}\n  - {count: 1}\n"
            )
        paths = {p.path for p in info.value.problems}
        assert {"findings[0].count", "findings[1].count", "findings[2].item"} <= paths


class TestReports:
    def test_renders_text_json_markdown(self) -> None:
        """Reports render as text, JSON (decimals exact) and Markdown."""
        r = score(CS, inspect(CS.id, Finding("CS20", 2, places=("A", "B"), note="标识缺失")))
        data = json.loads(r.render("json"))
        assert data["total"] == "98.00"
        assert data["lines"][0]["places"] == ["A", "B"]
        assert (
            "| CS20 | 档案室、档案柜、档案立卷标示符合创优规范;物业服务中心档案按照创优标准分类存放 | 2 |"
            in r.render("markdown", lang="en")
        )
        assert "Total: 98.00 / 100" in r.render("text", lang="en")

    def test_aggregate_per_site_and_month(self) -> None:
        """Aggregates give count, mean, min, max and trend per group."""
        rs = [score(CS, Inspection(CS.id, site=s, date=dt.date(2026, m, 1), findings=[Finding("CS13", n)]))
              for s, m, n in [("A", 3, 1), ("A", 3, 5), ("B", 3, 2), ("A", 4, 0)]]  # fmt: skip
        rows = {row.key: row for row in aggregate(rs)}
        assert rows[("A", "2026-03")].count == 2
        assert rows[("A", "2026-03")].mean == D("97.00")
        assert rows[("A", "2026-04")].max == D("100.00")
        with pytest.raises(ScoringError):
            aggregate(rs, by=("colour",))

    def test_totals_fast_path_agrees(self) -> None:
        """totals() gives the same exact totals as score()."""
        ins = [inspect(CS.id, Finding("CS20", n), Finding("CS30", n % 3)) for n in range(40)]
        assert totals(CS, ins) == [score(CS, i).total_exact for i in ins]


class TestFrequency:
    def test_monthly_by_day_with_the_working_calendar(self) -> None:
        """每月5日前: 2026-04-05 is a holiday (清明), so 2026-04-07 still meets it with the calendar.

        序号12 also says 每周更新一次: the weekly updates of 7, 14 and 21 April meet that clause.
        """
        log = {"CS12": [dt.date(2026, 4, 7), dt.date(2026, 4, 14), dt.date(2026, 4, 21)]}
        fs = frequency_findings(CS, log, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
        assert [(f.item, f.count) for f in fs] == [("CS12", 1)]
        assert fs[0].note.startswith("每月5日前: 1 period(s) short")
        fs = frequency_findings(
            CS, log, dt.date(2026, 4, 1), dt.date(2026, 4, 30), calendar=WorkCalendar.china()
        )
        assert fs == []

    def test_an_item_of_two_clauses_gives_one_finding(self) -> None:
        """序号12 (每月5日前…;…每周更新一次) is one item: a month with no record is one finding, whose
        count is the short periods of both clauses (April 2026: one month, three whole weeks)."""
        fs = frequency_findings(CS, {"CS12": []}, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
        assert [(f.item, f.count) for f in fs] == [("CS12", 4)]
        assert "每月5日前: 1 period(s) short" in fs[0].note
        assert "每周更新一次: 3 period(s) short" in fs[0].note

    def test_misses_score_like_findings(self) -> None:
        """Frequency misses become findings that score like any other non-conformity."""
        fs = frequency_findings(
            CS, {"CS08": [dt.date(2026, 3, 3)]}, dt.date(2026, 3, 2), dt.date(2026, 3, 15)
        )
        assert [(f.item, f.count) for f in fs] == [("CS08", 2)]
        assert score(CS, Inspection(CS.id, findings=fs)).total == D("98.00")

    def test_unknown_items(self) -> None:
        """Events for an item that has no frequency are refused."""
        with pytest.raises(ScoringError):
            frequency_findings(CS, {"CS20": []}, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
