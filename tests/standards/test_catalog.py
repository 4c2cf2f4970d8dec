"""The catalog: every seed system ships, loads, validates, round-trips, and matches the seed's counts.

The expected figures below were counted by hand from the seed documents (../shared/seeds/); they
never come from the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servstd.catalog import catalog
from servstd.errors import UnknownNameError
from servstd.scoring import Finding, Inspection, frequency_findings, score
from servstd.sla import ClockTime, SLAPolicy, TimerEvent, WindowBefore, WorkingDays
from servstd.standards import ItemKind, Scheme, dump, parse_standard

S0, S1, S3, S4 = (
    "《服务标准》合集",
    "《第十一章 服务过程》合集",
    "《顧客服務標準制定》演示文稿",
    "《客户服务部品质检查标准》合集",
)
# id: (source title as the seed names itself, scheme, {section id: item count}, max_points)
GOLDEN: dict[str, tuple[str, Scheme, dict[str, int], Decimal | None]] = {
    "property-cs-quality-inspection": ("《客户服务部品质检查标准》合集", Scheme.DEDUCTION,
        {"plan": 4, "etiquette": 1, "manager": 6, "records": 3, "housing": 4, "fitout": 4, "fees": 2, "complaints": 6, "culture": 2},
        Decimal(100)),
    "cs-quality-scoring-rules": ("《客户服务部品质检查标准》合集", Scheme.DEDUCTION, {"cs": 6}, Decimal(6)),
    "hotel-service-quality-inspection": ("《客户服务部品质检查标准》合集", Scheme.PASS_FAIL,
        {"FO": 27, "HK": 22, "PA": 15, "FB": 23, "SE": 18}, Decimal(100)),
    "property-cs-check-items": ("《客户服务部品质检查标准》合集", Scheme.PASS_FAIL,
        {"response": 2, "attitude": 2, "efficiency": 2, "knowledge": 2, "communication": 2, "process": 2, "satisfaction": 2, "flow": 7},
        Decimal(100)),
    "service-quality-inspection-rules": ("《客户服务部品质检查标准》合集", Scheme.PASS_FAIL, {"rules": 10}, Decimal(100)),
    "cs-dept-assessment-rules": ("《客户服务部品质检查标准》合集", Scheme.CHECKLIST,
        {"framework": 4, "content": 3, "efficiency": 4, "attitude": 4, "capability": 3, "methods": 5}, None),
    "service-assessment-standard": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"quality": 5, "efficiency": 3, "communication": 3, "teamwork": 3}, Decimal(100)),
    "hotel-four-standards-twelve-requirements": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"four": 4, "dos": 12, "donts": 12}, Decimal(100)),
    "civilized-service-standard": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"ethics": 6, "image": 3, "discipline": 4}, Decimal(100)),
    "service-industry-response-standard": ("《服务标准》合集", Scheme.PASS_FAIL,
        {"philosophy": 5, "response": 3, "quality": 3, "efficiency": 3, "attitude": 3}, Decimal(100)),
    "insurance-service-standard": ("《服务标准》合集", Scheme.CHECKLIST,
        {"phone": 7, "underwriting": 14, "aftersales": 4, "claims": 9}, None),
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
    # seed 000
    "service-standards-and-flow": (S0, Scheme.CHECKLIST, {"standards": 5, "flow": 6}, None),
    "cs-staff-service-standard": (S0, Scheme.CHECKLIST, {"attitude": 4, "language": 4, "flow": 5, "efficiency": 2}, None),
    "service-philosophy-standard": (S0, Scheme.PASS_FAIL, {"philosophy": 3, "preparation": 2, "process": 3, "results": 3}, Decimal(100)),
    "customer-standard-service": (S0, Scheme.PASS_FAIL, {"areas": 6, "s1": 3, "s2": 3, "s3": 3, "s4": 3, "s5": 3}, Decimal(100)),
    "service-work-requirements": (S0, Scheme.PASS_FAIL, {"requirements": 6}, Decimal(100)),
    "service-industry-ten-points": (S0, Scheme.PASS_FAIL, {"points": 10}, Decimal(100)),
    "service-standards-common": (S0, Scheme.PASS_FAIL, {"common": 7, "aspects": 7}, Decimal(100)),
    "restaurant-service-standard-model": (S0, Scheme.PASS_FAIL, {"r1": 3, "r2": 4, "r3": 3, "r4": 3, "r5": 3}, Decimal(100)),
    "service-quality-requirements-10": (S0, Scheme.PASS_FAIL, {"requirements": 10}, Decimal(100)),
    "service-quality-requirements-8": (S0, Scheme.PASS_FAIL, {"requirements": 8}, Decimal(100)),
    "cs-quality-evaluation-standard": (S0, Scheme.PASS_FAIL, {"criteria": 10}, Decimal(100)),
    "service-standard-elements": (S0, Scheme.CHECKLIST, {"elements": 10}, None),
    "quality-customer-service-standards": (S0, Scheme.PASS_FAIL, {"standards": 8}, Decimal(100)),
    "restaurant-service-concepts": (S0, Scheme.PASS_FAIL, {"concepts": 5, "qualities": 15, "awareness": 1}, Decimal(100)),
    "service-industry-terms": (S0, Scheme.CHECKLIST, {"terms": 3}, None),
    "what-is-a-service-standard": (S0, Scheme.CHECKLIST, {"features": 5}, None),
    "insurance-conduct-standard": (S0, Scheme.PASS_FAIL, {"general": 6, "conduct": 3, "premises": 6}, Decimal(100)),
    # seed 001
    "service-process-control-system": (S1, Scheme.CHECKLIST, {"general": 8, "principles": 5, "organisation": 4}, None),
    "service-flow-seven-steps": (S1, Scheme.CHECKLIST, {"flow": 7}, None),
    "customer-management-daily-service": (S1, Scheme.CHECKLIST, {"points": 3, "difficulties": 3, "measures": 1}, None),
    "property-daily-service": (S1, Scheme.CHECKLIST,
        {"points": 2, "difficulties": 3, "construction": 1, "measures": 1}, None),
    "quality-service-psychology": (S1, Scheme.CHECKLIST, {"teaching": 4, "first-impression": 4, "language": 4}, None),
    "hotel-service-guide-contents": (S1, Scheme.CHECKLIST, {"chapters": 12, "chapter-1": 1}, None),
    # seed 003
    "service-culture-schedule": (S3, Scheme.CHECKLIST, {"training": 3, "drills": 3, "evaluation": 1, "improvement": 3}, None),
    "service-improvement-plan": (S3, Scheme.CHECKLIST, {"improvement": 3, "strategy": 2}, None),
    "customer-service-standard-setting": (S3, Scheme.CHECKLIST,
        {**{f"c{n:02d}-{k}": 5 for n in range(1, 10) for k in (1, 3)}, "c04-2": 3, "c10-1": 5}, None),
    # seed 004
    "service-quality-inspection-model": (S4, Scheme.PASS_FAIL, {"preparation": 2, "flow": 5, "attitude": 3}, Decimal(100)),
    "service-check-standard": (S4, Scheme.PASS_FAIL, {"checks": 10}, Decimal(100)),
    "quality-dept-basics": (S4, Scheme.CHECKLIST, {"duties": 4, "tools": 2}, None),
    "hotel-quality-inspector-duties": (S4, Scheme.CHECKLIST, {"duties": 1}, None),
}  # fmt: skip
KINDS = {"service-standards-and-flow": "procedure", "cs-staff-service-standard": "procedure",
         "service-flow-seven-steps": "procedure", "bank-special-needs-procedure": "procedure",
         "service-culture-schedule": "schedule", "service-improvement-plan": "schedule",
         "quality-service-psychology": "reference", "hotel-service-guide-contents": "reference",
         "service-industry-terms": "reference", "what-is-a-service-standard": "reference"}  # fmt: skip


def test_every_seed_system_is_in_the_catalog() -> None:
    """catalog().ids() lists every seed system, each under its kind (policies are listed too)."""
    c = catalog()
    assert set(GOLDEN) <= set(c.ids())
    for sid in GOLDEN:
        assert c.kind(sid) == KINDS.get(sid, "standard")
        assert c.standard(sid).kind.value == KINDS.get(sid, "standard")
    assert list(c.by_kind()) == [
        "standard",
        "procedure",
        "schedule",
        "reference",
        "sla-policy",
        "complaint-policy",
    ]


@pytest.mark.parametrize("sid", sorted(GOLDEN))
class TestCatalogStandard:
    def test_counts_and_totals_match_the_seed(self, sid: str) -> None:
        """Each section has the seed's number of items; source (by title), scheme and total are recorded.

        One seed row is one item, however many clauses it has: 客户服务部品质检查标准 has its 32 rows
        (序号12 holds 每月5日前 and 每周更新一次, 序号15 半个工作日 for 卫生 and 一个日内 for 苗木 — two
        frequencies, two time limits, one item each).
        """
        seed, scheme, counts, total = GOLDEN[sid]
        s = catalog().standard(sid)
        assert s.source.title.startswith(seed + "：")
        assert s.scheme is scheme
        assert s.max_points == total
        got = {sec.id: len(sec.items) for sec in s.walk_sections() if sec.items}
        assert got == counts

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_round_trips(self, sid: str, fmt: str) -> None:
        """parse_standard(dump(s)) == s in YAML, JSON and TOML."""
        s = catalog().standard(sid)
        assert parse_standard(dump(s, fmt), format=fmt) == s


class TestSeedFacts:
    def test_four_parts_of_25_points_with_a_visible_deduction_unit(self) -> None:
        """客户服务部品质检查标准: 基础管理/房屋与设施设备管理/公共秩序管理/环境管理 × 25 points, 1 point per finding."""
        s = catalog().standard("property-cs-quality-inspection")
        assert [(p.title, p.max_points) for p in s.sections] == [
            ("基础管理", 25), ("房屋与设施设备管理", 25), ("公共秩序管理", 25), ("环境管理", 25)
        ]  # fmt: skip
        assert {it.deduct for it in s.items()} == {Decimal(1)}
        assert any("倒扣分制" in n for n in s.notes)

    def test_time_bound_items(self) -> None:
        """'每月5日前', '半个工作日内', '投诉处理完成后3-7天内回访' are typed, not just text."""
        s = catalog().standard("property-cs-quality-inspection")
        assert s.item("CS12").frequency is not None
        assert s.item("CS12").frequency.by_day == 5
        assert s.item("CS14").time_limit is not None
        assert s.item("CS14").time_limit.duration == WorkingDays(Decimal("0.5"))
        follow_up = s.item("CS30").time_limit
        assert follow_up is not None
        assert (str(follow_up.earliest), str(follow_up.duration)) == ("3日", "7日")

    def test_scoring_rules_deductions_as_the_seed_gives_them(self) -> None:
        """符合1分；扣0.3 / 0.3 / 0.2 / 0.3 / 0.3 / 0.5 per non-conformity."""
        s = catalog().standard("cs-quality-scoring-rules")
        assert [(it.code, it.points, it.deduct) for it in s.items()] == [
            ("08", 1, Decimal("0.3")), ("09", 1, Decimal("0.3")), ("10", 1, Decimal("0.2")),
            ("11", 1, Decimal("0.3")), ("13", 1, Decimal("0.3")), ("14", 1, Decimal("0.5")),
        ]  # fmt: skip
        assert any("不可读" in n for n in s.notes)

    def test_twelve_donts_are_prohibitions(self) -> None:
        """十二不要 are prohibitions."""
        s = catalog().standard("hotel-four-standards-twelve-requirements")
        donts = next(sec for sec in s.sections if sec.id == "donts")
        assert all(it.kind is ItemKind.PROHIBITION and it.text.startswith("不要") for it in donts.items)

    def test_insurance_time_limits(self) -> None:
        """40 min urban, 3 h suburban, 30 min elsewhere; 3/5/7/10 working days, 15 working days then 10
        days, 60 days — each the limit of one clause of its article."""
        s = catalog().standard("insurance-service-standard")
        limits = {it.code: [str(t.duration) for t in it.time_limits] for it in s.items() if it.time_limits}
        assert limits["A43"] == ["40分钟", "3小时", "30分钟"]
        assert limits["A19"] == ["3个工作日"]
        assert limits["A34"] == ["5个工作日", "5个工作日", "10个工作日"]
        assert limits["A32"] == ["7个工作日"]
        assert limits["A37"] == ["10个工作日", "10个工作日", "5个工作日"]
        assert limits["A46"] == ["10个工作日", "3个工作日"]
        assert limits["A47"] == ["15个工作日", "10日"]
        assert limits["A48"] == ["60日"]
        assert [t.clause for t in s.item("A43").time_limits] == [
            "城区出险40分钟内到达现场", "郊县出险3小时内到达现场", "外地出险接到报案后30分钟内做好委托协作公司查勘工作"
        ]  # fmt: skip

    def test_every_insurance_article_is_an_item_with_its_full_text(self) -> None:
        """第一条–第四十九条: each article is one item (A1–A49) whose text is the whole article as the
        seed writes it, from after 「第N条」 to the next article (line breaks aside)."""
        seed = (Path(__file__).parent / "seeds" / "000_4df919181f7d3ffb.txt").read_text(encoding="utf-8")
        body = "".join(seed[seed.index("服务标准第一章服务标准总则") :].split())
        marks = list(re.finditer(r"第([一二三四五六七八九十]+)条", body))
        assert len(marks) == 49
        texts = {}
        for n, m in enumerate(marks, start=1):
            end = marks[n].start() if n < len(marks) else len(body)
            texts[f"A{n}"] = re.sub(r"第[一二三四五六七八九十]+章[^第]*$", "", body[m.end() : end])
        items = {
            it.code: "".join(it.text.split())
            for sid in ("insurance-conduct-standard", "insurance-service-standard")
            for it in catalog().standard(sid).items()
        }
        assert items == texts

    def test_insurance_counts_are_measures(self) -> None:
        """第十八条 「在第三次振铃之前要接通」 is fewer than 3 rings; 第四十四条 「双人查勘」 at least 2
        surveyors; 第九条 「握手时间一般在3-5秒」 3 to 5 seconds — each a measure the library checks."""
        service = catalog().standard("insurance-service-standard")
        rings = service.item("A18").measures[0]
        assert [rings.holds(n) for n in (0, 2, 3)] == [True, True, False]
        surveyors = service.item("A44").measures[0]
        assert [surveyors.holds(n) for n in (1, 2)] == [False, True]
        handshake = catalog().standard("insurance-conduct-standard").item("A9").measures[0]
        assert [handshake.holds(n) for n in (2, 3, 5, 6)] == [False, True, True, False]

    def test_kpi_weights(self) -> None:
        """顾客满意度 40%, 响应时限 30% (≤24小时), 解决率 30% (≥90%)."""
        s = catalog().standard("cs-kpi-assessment")
        assert [(c.name, c.weight) for c in s.criteria] == [
            ("顧客滿意度", Decimal("0.4")), ("響應時限", Decimal("0.3")), ("解決率", Decimal("0.3"))
        ]  # fmt: skip
        assert s.criteria[1].target == 24 * 3600
        assert s.criteria[2].target == Decimal("0.9")

    def test_complaint_type_limits(self) -> None:
        """服务态度 24h, 产品质量 48h, 其他 72h."""
        s = catalog().standard("complaint-type-time-limits")
        assert [it.time_limit.duration for it in s.items() if it.time_limit] == [
            ClockTime(24 * 3_600_000_000), ClockTime(48 * 3_600_000_000), ClockTime(72 * 3_600_000_000)
        ]  # fmt: skip


class TestCatalogApi:
    def test_search(self) -> None:
        """search finds documents by text in titles and items."""
        assert "hotel-four-standards-twelve-requirements" in catalog().search("十二不要")
        assert "insurance-service-standard" in catalog().search("40分钟")

    def test_unknown_id(self) -> None:
        """An unknown id is an UnknownNameError (404) listing the known ones."""
        with pytest.raises(UnknownNameError, match="unknown catalog document 'nope'") as caught:
            catalog().data("nope")
        assert (caught.value.param, caught.value.value, caught.value.status) == ("id", "nope", 404)
        assert set(catalog().ids()) == set(caught.value.accepted or ())
        with pytest.raises(UnknownNameError, match="unknown standard 'nope'"):
            catalog().standard("nope")

    def test_an_id_of_another_kind_is_not_found(self) -> None:
        """A policy's id asked for as a standard is not found among the standards (the known names
        are the standards, procedures and schedules)."""
        with pytest.raises(UnknownNameError, match="unknown standard 'insurance-claims-sla'") as caught:
            catalog().standard("insurance-claims-sla")
        assert "property-cs-quality-inspection" in (caught.value.accepted or ())
        assert "insurance-claims-sla" not in (caught.value.accepted or ())


class TestProceduresAndSchedules:
    def test_procedure_steps_are_ordered_with_actors(self) -> None:
        """服务流程: seven steps, in order, each with an actor; inspected as 「是否按流程」 (pass/fail per step)."""
        s = catalog().standard("service-flow-seven-steps")
        assert [st.code for st in s.steps()] == [f"F{n}" for n in range(1, 8)]
        assert s.steps()[0].text.startswith("接受服务请求")
        assert all(st.actor for st in s.steps())
        report = score(s, Inspection(s.id, findings=(Finding("F3", 1),)))
        assert report.total < report.max_points

    def test_schedule_half_year_and_year_items(self) -> None:
        """服務演練 每半年一次: a half-year without a drill is one finding; 每年一次 judged per calendar year."""
        s = catalog().standard("service-culture-schedule")
        fs = frequency_findings(
            s,
            {"D3": [dt.date(2025, 3, 1)], "T3": [dt.date(2025, 5, 1)]},
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
        )
        assert [(f.item, f.count) for f in fs] == [("D3", 1)]
        assert "2025-07-01–2025-12-31" in fs[0].note

    def test_committee_meets_every_quarter(self) -> None:
        """服务过程控制管理制度 第十五条: the committee meets 每季度."""
        item = catalog().standard("service-process-control-system").item("P15")
        assert item.frequency is not None
        assert item.frequency.period.value == "quarter"


class TestInsurancePolicy:
    def test_every_time_limit_is_a_metric(self) -> None:
        """保险公司服务标准: A20, A32, A34 ×3, A35, A37 (with 300万元以上), A39 ×2 and A49 are policy metrics."""
        p = SLAPolicy.from_catalog("insurance-claims-sla")
        assert str(p.targets({"category": "电话预约"})["notify_department"].rule.duration) == "当天"
        renewal = p.targets({"category": "续期"})
        assert str(renewal["renewal_notice"].rule.duration) == "在基准日前5个工作日内"
        assert str(renewal["renewal_reminder"].rule.duration) == "1个月"
        assert "follow_up_call" not in p.targets({"category": "回访", "line": "财险"})
        assert "follow_up_call" in p.targets({"category": "回访", "line": "财险", "sum_insured": 5_000_000})
        assert str(p.targets({"category": "核赔"})["inform_customer"].rule.duration) == "5个工作日"

    def test_item_a39_1_is_a_window_before_the_anniversary(self) -> None:
        """第三十九条 「在生效对应日前5个工作日内」 is the window of 5 working days before 生效对应日, not 5
        working days forward from it."""
        item = catalog().standard("insurance-service-standard").item("A39")
        assert item.time_limit is not None
        assert item.time_limit.duration == WindowBefore(WorkingDays(5))
        assert item.time_limit.start_event == "生效对应日"

    def test_renewal_notice_is_a_window_before_the_anniversary(self) -> None:
        """第三十九条 「在生效对应日前5个工作日内」: for 生效对应日 2026-10-12 (Mon) the window is the
        working days 09-29, 09-30, 10-08, 10-09 and 10-10 (a make-up Saturday): it opens 09-29 00:00
        and closes at the close of 10-10 (office hours end 18:00)."""
        p = SLAPolicy.from_catalog("insurance-claims-sla")
        sh = ZoneInfo("Asia/Shanghai")
        ref = dt.datetime(2026, 10, 12, tzinfo=sh)
        r = p.evaluate({"category": "续期"}, [TimerEvent("start", ref)], now=ref)
        assert r["renewal_notice"].window_opens == dt.datetime(2026, 9, 29, tzinfo=sh)
        assert r["renewal_notice"].due == dt.datetime(2026, 10, 10, 18, tzinfo=sh)


MARKED = {
    "property-cs-quality-inspection": {"defaults.deduct", "sections.*.sections", "grades"},
    "cs-quality-scoring-rules": {"sections.cs.items.09.deduct", "max_points"},
    "cs-kpi-assessment": {"criteria.*.mapping", "grades", "max_points"},
    "cs-kpi-appraisal": {"criteria.*.mapping", "grades", "max_points"},
    "service-grade-table": {"sections.*.items.*.tags"},
    "complaint-types": {"default_tier", "clock", "tiers.*.rank"},
    "service-industry-response-sla": {"clocks.7x24"},
    "insurance-claims-sla": {"clocks.office.hours", "rules.*.targets.disaster_plan.within"},
    "insurance-service-standard": {
        "sections.*.items.A19.time_limit.start_event", "sections.*.items.A32.time_limit.start_event",
        "sections.*.items.A34.time_limit.0.start_event", "sections.*.items.A43.time_limit.*.start_event",
        "sections.*.items.A47.time_limit.0.start_event",
    },
    "service-flow-seven-steps": {"sections.flow.items.*.actor"},
    "service-standards-and-flow": {"sections.flow.items.*.actor"},
    "property-follow-up-sla": {"rules.0.targets.resolution", "clocks.office.hours"},
    "service-improvement-plan": {"sections.*.items.*.due"},
    "service-culture-schedule": {"sections.improvement.items.*.due"},
    "cs-dept-assessment-rules": {"sections.methods.items.3.1.1.frequency"},
}  # fmt: skip
"""Values the seeds do not state, by document: each must be listed as a library default (issue 22)."""


class TestLibraryDefaults:
    @pytest.mark.parametrize("sid", sorted(MARKED))
    def test_invented_values_are_listed_for_review(self, sid: str) -> None:
        """Every value the seed does not state is a marked default with a reason: deduction units, the
        grouping of 32 items into four parts, item 09's 0.3, KPI mappings, cumulative grades, the
        default tier, natural-time clocks, office hours, start events and actors (issue 22)."""
        found = {d.where: d.reason for d in catalog().defaults(sid)}
        assert MARKED[sid] <= set(found)
        assert all(len(found[w]) > 10 for w in MARKED[sid])

    def test_a_stale_mark_is_gone(self) -> None:
        """pm-customer-service-standard gives its sections no points, so no mark says it does."""
        marks = [d.where for d in catalog().defaults("pm-customer-service-standard")]
        assert marks == ["max_points", "defaults.deduct"]
        assert all(
            sec.max_points is None
            for sec in catalog().standard("pm-customer-service-standard").walk_sections()
        )

    def test_insurance_office_hours_are_five_days_of_eight_hours(self) -> None:
        """第十六条 「5天/8小时」: the office clock is open 8 hours on a working day (09–12 and 13–18)."""
        office = next(
            t.clock
            for r in SLAPolicy.from_catalog("insurance-claims-sla").rules
            for t in r.targets
            if t.clock_name == "office"
        )
        tz = ZoneInfo("Asia/Shanghai")
        tuesday = dt.datetime(2026, 9, 29, tzinfo=tz)
        assert office.elapsed(tuesday, tuesday + dt.timedelta(days=1)) == dt.timedelta(hours=8)
        assert office.elapsed(tuesday + dt.timedelta(days=2), tuesday + dt.timedelta(days=3)) == dt.timedelta(
            0
        )


class TestSeedPolicyRules:
    """Rules added for issue 26: 「问题」 in 2.1.3, and 序号15's 卫生 and 苗木 limits."""

    SH = ZoneInfo("Asia/Shanghai")

    def test_problems_are_answered_and_resolved_in_48_hours(self) -> None:
        """服务业 2.1.3 「对于投诉和问题,确保在48小时内回应并解决」: a 问题 received 2026-09-30 16:00 is to be
        answered and resolved by 10-02 16:00 (clock time, the holiday counts)."""
        p = SLAPolicy.from_catalog("service-industry-response-sla")
        t0 = dt.datetime(2026, 9, 30, 16, tzinfo=self.SH)
        for case in (
            {"category": "问题"},
            {"category": "problem"},
            {"category": "投诉", "channel": "电子邮件"},
        ):
            r = p.evaluate(case, [TimerEvent("start", t0)], now=t0)
            assert {m: r[m].due for m in r} == {
                "first_response": dt.datetime(2026, 10, 2, 16, tzinfo=self.SH),
                "resolution": dt.datetime(2026, 10, 2, 16, tzinfo=self.SH),
            }

    def test_sanitation_and_plants(self) -> None:
        """序号15: 卫生状况不达标 半个工作日 (4 h of 09–12/13–18): found Tue 2026-11-10 10:00 → 15:00;
        苗木死亡或损坏 「一个日内」 = 1日 → Wed 11-11 18:00. Found Wed 09-30 16:00 before National Day:
        卫生 → 10-08 11:00 (2 h that day, 2 h after the holiday); 苗木 → 10-01 is a holiday → 10-08 18:00."""
        p = SLAPolicy.from_catalog("property-follow-up-sla")

        def due(category: str, *start: int) -> dt.datetime:
            t0 = dt.datetime(*start, tzinfo=self.SH)
            return p.evaluate({"category": category}, [TimerEvent("start", t0)], now=t0)["notice"].due

        assert due("卫生", 2026, 11, 10, 10) == dt.datetime(2026, 11, 10, 15, tzinfo=self.SH)
        assert due("苗木", 2026, 11, 10, 10) == dt.datetime(2026, 11, 11, 18, tzinfo=self.SH)
        assert due("卫生状况不达标", 2026, 9, 30, 16) == dt.datetime(2026, 10, 8, 11, tzinfo=self.SH)
        assert due("苗木死亡或损坏", 2026, 9, 30, 16) == dt.datetime(2026, 10, 8, 18, tzinfo=self.SH)
