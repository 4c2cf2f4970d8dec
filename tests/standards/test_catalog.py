"""The catalog: every seed system ships, loads, validates, round-trips, and matches the seed's counts.

The expected figures below were counted by hand from the seed documents (../shared/seeds/); they
never come from the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from servstd.catalog import catalog
from servstd.errors import DocumentError
from servstd.sla import ClockTime, WorkingDays
from servstd.standards import ItemKind, Scheme, dump, load

# id: (source title as the seed names itself, scheme, {section id: item count}, max_points)
GOLDEN: dict[str, tuple[str, Scheme, dict[str, int], Decimal | None]] = {
    "property-cs-quality-inspection": ("《客户服务部品质检查标准》合集", Scheme.DEDUCTION,
        {"plan": 4, "etiquette": 1, "manager": 6, "records": 3, "housing": 6, "fitout": 4, "fees": 2, "complaints": 6, "culture": 2},
        Decimal(100)),
    "cs-quality-scoring-rules": ("《客户服务部品质检查标准》合集", Scheme.DEDUCTION, {"cs": 6}, Decimal(6)),
    "hotel-service-quality-inspection": ("《客户服务部品质检查标准》合集", Scheme.PASS_FAIL,
        {"FO": 27, "HK": 22, "PA": 15, "FB": 23, "SE": 18}, Decimal(100)),
    "property-cs-check-items": ("《客户服务部品质检查标准》合集", Scheme.PASS_FAIL,
        {"response": 2, "attitude": 2, "efficiency": 2, "knowledge": 2, "communication": 2, "process": 2, "satisfaction": 2, "flow": 7},
        Decimal(100)),
    "service-quality-inspection-rules": ("《客户服务部品质检查标准》合集", Scheme.PASS_FAIL, {"rules": 10}, Decimal(100)),
    "cs-dept-assessment-rules": ("《客户服务部品质检查标准》合集", Scheme.CHECKLIST,
        {"content": 3, "efficiency": 4, "attitude": 4, "capability": 3}, None),
    "service-assessment-standard": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"quality": 5, "efficiency": 3, "communication": 3, "teamwork": 3}, Decimal(100)),
    "hotel-four-standards-twelve-requirements": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"four": 4, "dos": 12, "donts": 12}, Decimal(100)),
    "civilized-service-standard": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"ethics": 6, "image": 3, "discipline": 4}, Decimal(100)),
    "service-industry-response-standard": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"response": 3, "quality": 3, "efficiency": 3, "attitude": 3}, Decimal(100)),
    "insurance-service-standard": ("《服务标准》合集", Scheme.CHECKLIST,
        {"phone": 6, "underwriting": 5, "aftersales": 5, "claims": 10}, None),
    "bank-special-needs-procedure": ("《第十一章 服务过程》合集", Scheme.CHECKLIST,
        {"identify": 1, "facilities": 4, "flow": 6, "points": 2}, None),
    "property-complaint-rules": ("《PM集團經營部客戶服務標準》", Scheme.CHECKLIST,
        {"intake": 5, "commitments": 7, "time-limits": 4}, None),
    "pm-customer-service-standard": ("《PM集團經營部客戶服務標準》", Scheme.DEDUCTION,
        {"dress": 11, "hygiene": 5, "attitude": 1, "walking": 6, "other": 3, "talking": 7, "phone-in": 2, "phone-out": 2, "elevator": 7, "no-argument": 4},
        Decimal(100)),
    "cs-manager-performance": ("《PM集團經營部客戶服務標準》", Scheme.PASS_FAIL,
        {"business": 7, "supervision": 9, "coordination": 11, "reporting": 10}, Decimal(100)),
    "cs-staff-performance": ("《PM集團經營部客戶服務標準》", Scheme.PASS_FAIL,
        {"preparation": 10, "activities": 6, "results": 6}, Decimal(100)),
    "complaint-type-time-limits": ("《顧客服務標準制定》演示文稿", Scheme.CHECKLIST, {"types": 3}, None),
    "cs-kpi-assessment": ("《顧客服務標準制定》演示文稿", Scheme.KPI, {}, Decimal(100)),
    "cs-kpi-appraisal": ("《顧客服務標準制定》演示文稿", Scheme.KPI, {}, Decimal(100)),
    "service-grade-table": ("《顧客服務標準制定》演示文稿", Scheme.CHECKLIST, {"one-star": 1, "two-star": 1, "three-star": 1}, None),
}  # fmt: skip


def test_every_seed_system_is_in_the_catalog() -> None:
    """catalog().ids() lists every seed standard (policies are listed too, by kind)."""
    assert set(GOLDEN) <= set(catalog().ids("standard"))


@pytest.mark.parametrize("sid", sorted(GOLDEN))
class TestCatalogStandard:
    def test_counts_and_totals_match_the_seed(self, sid: str) -> None:
        """Each section has the seed's number of items; source (by title), scheme and total are recorded.

        Seed rows holding two time limits are two items: 客户服务部品质检查标准 序号12 (每月5日前 and
        每周更新一次) and 序号15 (半个工作日 for 卫生, 一个(工作)日 for 苗木); 篇1 二、9 has six points,
        (1), (2) and the first half of (5) among them.
        """
        seed, scheme, counts, total = GOLDEN[sid]
        s = catalog().get(sid)
        assert s.source.startswith(seed + "：")
        assert s.scheme is scheme
        assert s.max_points == total
        got = {sec.id: len(sec.items) for sec in s.walk_sections() if sec.items}
        assert got == counts

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_round_trips(self, sid: str, fmt: str) -> None:
        """load(dump(s)) == s in YAML, JSON and TOML."""
        s = catalog().get(sid)
        assert load(dump(s, fmt), format=fmt) == s


class TestSeedFacts:
    def test_four_parts_of_25_points_with_a_visible_deduction_unit(self) -> None:
        """客户服务部品质检查标准: 基础管理/房屋与设施设备管理/公共秩序管理/环境管理 × 25 points, 1 point per finding."""
        s = catalog().get("property-cs-quality-inspection")
        assert [(p.title, p.max_points) for p in s.sections] == [
            ("基础管理", 25), ("房屋与设施设备管理", 25), ("公共秩序管理", 25), ("环境管理", 25)
        ]  # fmt: skip
        assert {it.deduct for it in s.items()} == {Decimal(1)}
        assert any("倒扣分制" in n for n in s.notes)

    def test_time_bound_items(self) -> None:
        """'每月5日前', '半个工作日内', '投诉处理完成后3-7天内回访' are typed, not just text."""
        s = catalog().get("property-cs-quality-inspection")
        assert s.item("CS12").frequency is not None
        assert s.item("CS12").frequency.by_day == 5
        assert s.item("CS14").time_limit is not None
        assert s.item("CS14").time_limit.duration == WorkingDays(Decimal("0.5"))
        follow_up = s.item("CS30").time_limit
        assert follow_up is not None
        assert (str(follow_up.earliest), str(follow_up.duration)) == ("3日", "7日")

    def test_scoring_rules_deductions_as_the_seed_gives_them(self) -> None:
        """符合1分；扣0.3 / 0.3 / 0.2 / 0.3 / 0.3 / 0.5 per non-conformity."""
        s = catalog().get("cs-quality-scoring-rules")
        assert [(it.code, it.points, it.deduct) for it in s.items()] == [
            ("08", 1, Decimal("0.3")), ("09", 1, Decimal("0.3")), ("10", 1, Decimal("0.2")),
            ("11", 1, Decimal("0.3")), ("13", 1, Decimal("0.3")), ("14", 1, Decimal("0.5")),
        ]  # fmt: skip
        assert any("不可读" in n for n in s.notes)

    def test_twelve_donts_are_prohibitions(self) -> None:
        """十二不要 are prohibitions."""
        s = catalog().get("hotel-four-standards-twelve-requirements")
        donts = next(sec for sec in s.sections if sec.id == "donts")
        assert all(it.kind is ItemKind.PROHIBITION and it.text.startswith("不要") for it in donts.items)

    def test_insurance_time_limits(self) -> None:
        """40 min urban, 3 h suburban, 3/5/7/10 working days, 15 working days then 10 days, 60 days."""
        s = catalog().get("insurance-service-standard")
        limits = {it.code: str(it.time_limit.duration) for it in s.items() if it.time_limit}
        assert limits["A43-1"] == "40分钟"
        assert limits["A43-2"] == "3小时"
        assert limits["A19"] == "3个工作日"
        assert limits["A34-1"] == "5个工作日"
        assert limits["A32"] == "7个工作日"
        assert limits["A46-1"] == "10个工作日"
        assert (limits["A47-1"], limits["A47-2"]) == ("15个工作日", "10日")
        assert limits["A48"] == "60日"

    def test_kpi_weights(self) -> None:
        """顾客满意度 40%, 响应时限 30% (≤24小时), 解决率 30% (≥90%)."""
        s = catalog().get("cs-kpi-assessment")
        assert [(c.name, c.weight) for c in s.criteria] == [
            ("顧客滿意度", Decimal("0.4")), ("響應時限", Decimal("0.3")), ("解決率", Decimal("0.3"))
        ]  # fmt: skip
        assert s.criteria[1].target == 24 * 3600
        assert s.criteria[2].target == Decimal("0.9")

    def test_complaint_type_limits(self) -> None:
        """服务态度 24h, 产品质量 48h, 其他 72h."""
        s = catalog().get("complaint-type-time-limits")
        assert [it.time_limit.duration for it in s.items() if it.time_limit] == [
            ClockTime(24 * 3_600_000_000), ClockTime(48 * 3_600_000_000), ClockTime(72 * 3_600_000_000)
        ]  # fmt: skip


class TestCatalogApi:
    def test_search(self) -> None:
        """search finds documents by text in titles and items."""
        assert "hotel-four-standards-twelve-requirements" in catalog().search("十二不要")
        assert "insurance-service-standard" in catalog().search("40分钟")

    def test_unknown_id(self) -> None:
        """An unknown id is a DocumentError listing the known ones."""
        with pytest.raises(DocumentError, match="property-cs-quality-inspection"):
            catalog().get("nope")
