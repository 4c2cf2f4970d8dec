"""Names of complaint policies match as people type them, and stages say who acts and who receives
(issue 22): categories, tiers and approvers in traditional or simplified script, any width or
case; 「呈送公司总经理」 is done by the reception clerk for the general manager; a resident's
deadline for a tier that does not take one is refused, never dropped."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.errors import ComplaintError, DocumentError, UnknownNameError
from servstd.sla import ComplaintPolicy, TimerEvent, TimerStatus
from tests.strategies import spellings

SH = ZoneInfo("Asia/Shanghai")
PROPERTY = ComplaintPolicy.from_catalog("property-complaints")
TYPES = ComplaintPolicy.from_catalog("complaint-types")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestCategoriesAcrossScripts:
    def test_traditional_category_gets_its_tier(self) -> None:
        """服務態度 (seed 003's script) is 服务态度: 24小时, due 10-01 16:00 — not 其他问题's 72小时."""
        tl = TYPES.timeline(at(2026, 9, 30, 16), category="服務態度")
        assert (tl.tier.code, tl.stages[0].rule_text) == ("attitude", "24小时")
        assert tl.stages[0].due == at(2026, 10, 1, 16)

    def test_an_unlisted_category_still_falls_to_the_default(self) -> None:
        """A category no listed one reads as (快遞) takes the default tier, as before."""
        assert TYPES.classify("快遞").code == "other"

    def test_tiers_by_traditional_name_and_any_case(self) -> None:
        """輕微 is 轻微; MAJOR is the code major."""
        assert PROPERTY.tier("輕微").code == "minor"
        assert PROPERTY.tier("MAJOR").code == "major"
        with pytest.raises(UnknownNameError, match="重大") as caught:
            PROPERTY.tier("緊急")
        assert (caught.value.param, caught.value.value) == ("tier", "緊急")

    @given(data=st.data())
    def test_a_name_and_its_other_spellings_resolve_alike(self, data: st.DataObject) -> None:
        """Property: every category, tier code and tier name of the shipped complaint policies, in
        traditional script (HK, TW, mixed), another case or width, with stray spaces, resolves to
        the tier its own spelling does."""
        policy = data.draw(st.sampled_from([PROPERTY, TYPES]))
        names = [c for c, _ in policy.categories] + [n for t in policy.tiers for n in (t.code, t.name)]
        name = data.draw(st.sampled_from(names))
        typed = data.draw(spellings(name))
        if name in dict(policy.categories):
            assert policy.classify(typed) == policy.classify(name)
        else:
            assert policy.tier(typed) == policy.tier(name)

    def test_categories_that_read_alike_but_differ_are_refused(self) -> None:
        """A document listing 服务态度 and 服務態度 for different tiers is ambiguous: a DocumentError."""
        doc = """
kind: complaint-policy
id: t
title: t
categories: {服务态度: a, 服務態度: b}
tiers:
  - {code: a, name: 甲, rank: 1, stages: [{code: s, name: s, within: 24小时}]}
  - {code: b, name: 乙, rank: 2, stages: [{code: s, name: s, within: 48小时}]}
"""
        with pytest.raises(DocumentError, match="reads as '服务态度'"):
            ComplaintPolicy.parse(doc)

    def test_a_category_may_name_its_tier_in_the_other_script(self) -> None:
        """categories: {產品質量: 产品质量} names the tier 产品质量 in traditional script: valid."""
        doc = """
kind: complaint-policy
id: t
title: t
categories: {產品質量: 產品質量}
tiers:
  - {code: quality, name: 产品质量, rank: 1, stages: [{code: s, name: s, within: 48小时}]}
"""
        assert ComplaintPolicy.parse(doc).classify("产品质量").code == "quality"


class TestActorAndRecipient:
    def test_reporting_to_the_general_manager(self) -> None:
        """Seed 002: 「经营部接待员应将重大投诉…经经营部经理当天转呈公司总经理」: the clerk acts, the general
        manager receives — the general manager is not the one who reports."""
        report = PROPERTY.tier("重大").stage("report")
        assert (report.actor, report.to) == ("经营部接待员", "公司总经理")

    def test_escalating_to_the_managing_manager(self) -> None:
        """「重要投诉，接待后1小时内转呈主管经理」: 主管经理 receives."""
        escalate = PROPERTY.tier("重要").stage("escalate")
        assert (escalate.actor, escalate.to) == ("经营部接待员", "主管经理")

    def test_explanations_name_both(self) -> None:
        """The explanation's stage line shows actor → recipient, in Chinese and in English."""
        tl = PROPERTY.timeline(at(2026, 9, 30, 16), "重大")
        assert "呈送公司总经理 (经营部接待员 → 公司总经理) [当天]:" in tl.explain()
        assert "Report to the general manager (reception clerk → general manager) [当天]:" in tl.explain("en")

    def test_checklist_items_c11_c12(self) -> None:
        """property-complaint-rules C11/C12 (seed's own script): 經營部接待員 acts, 公司總經理 / 主管經理 receive."""
        rules = catalog().standard("property-complaint-rules")
        assert (rules.item("C11").actor, rules.item("C11").to) == ("經營部接待員", "公司總經理")
        assert (rules.item("C12").actor, rules.item("C12").to) == ("經營部接待員", "主管經理")


class TestApprovers:
    def _events(self, approver: str) -> list[TimerEvent]:
        t0 = at(2026, 3, 9, 10)
        return [
            TimerEvent("start", t0),
            TimerEvent("extend", at(2026, 3, 10, 10), metric="resolve", approver=approver, new_target="5日"),
        ]

    def test_the_named_approver_in_either_script(self) -> None:
        """轻微's 处理完毕 overrun needs 主管经理: an extension approved by 主管經理 is that role."""
        r = PROPERTY.evaluate("轻微", self._events("主管經理"), now=at(2026, 3, 12, 10))
        assert r["resolve"].due == at(2026, 3, 16, 18)  # 5日 from the receipt, at close of business
        assert r["resolve"].status is not TimerStatus.BREACHED
        assert r["resolve"].extensions == (("主管經理", "5日"),)

    def test_another_approver_is_refused(self) -> None:
        """An extension approved by 经营部经理 where 主管经理 must approve is a ComplaintError."""
        with pytest.raises(ComplaintError, match="needs the approval of 主管经理"):
            PROPERTY.evaluate("轻微", self._events("经营部经理"), now=at(2026, 3, 12, 10))


class TestCustomerDeadline:
    def test_refused_for_a_tier_that_does_not_take_it(self) -> None:
        """重大 has no stage the resident's deadline applies to: the timeline refuses it, naming 轻微
        as the tier that takes one — it is not dropped."""
        with pytest.raises(
            ComplaintError, match=r"does not apply to 重大 \(major\).*only 轻微 \(minor\): 处理完毕"
        ):
            PROPERTY.timeline(at(2026, 9, 30, 16), "重大", customer_deadline=at(2026, 10, 9, 10))

    def test_refused_when_no_tier_takes_it(self) -> None:
        """complaint-types has no such stage at all: refused, saying so."""
        with pytest.raises(ComplaintError, match="no stage of complaint-types takes one"):
            TYPES.timeline(at(2026, 9, 30, 16), category="服务态度", customer_deadline=at(2026, 10, 9, 10))

    def test_applied_where_it_binds(self) -> None:
        """轻微 (typed 輕微): the resident's deadline replaces the default 2日 of 处理完毕."""
        tl = PROPERTY.timeline(at(2026, 9, 30, 16), "輕微", customer_deadline=at(2026, 10, 9, 10))
        assert (tl.stage("resolve").due, tl.stage("resolve").source) == (at(2026, 10, 9, 10), "customer")
        assert PROPERTY.takes_customer_deadline("轻微") == (PROPERTY.tier("轻微").stage("resolve"),)
