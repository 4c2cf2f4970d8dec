"""Complaint timelines are checked and complete: order flagged, contradictions refused, who/rule/time left."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import ComplaintError, NaiveDatetimeError
from servstd.sla import ComplaintPolicy

SH = ZoneInfo("Asia/Shanghai")
PROPERTY = ComplaintPolicy.from_catalog("property-complaints")
TYPES = ComplaintPolicy.from_catalog("complaint-types")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestOrder:
    def test_stage_due_after_the_next_is_flagged(self) -> None:
        """重要 received 17:30: 转呈主管经理 (1小时 → 18:30) is after the next stage (当天 → 18:00): flagged."""
        tl = PROPERTY.timeline(at(2026, 9, 30, 17, 30), "重要")
        flagged = [s.stage.name for s in tl.stages if s.out_of_order]
        assert flagged == ["转呈主管经理"]
        assert len(tl.warnings_in()) == len(tl.warnings_in("en")) == 1
        assert "转呈主管经理" in tl.warnings_in()[0]
        assert "Escalate to the managing manager" in tl.warnings_in("en")[0]
        for lang in ("zh", "en"):
            assert "18:30" in tl.warnings_in(lang)[0]  # type: ignore[arg-type]
            assert "18:00" in tl.warnings_in(lang)[0]  # type: ignore[arg-type]
        assert " / " not in tl.warnings_in()[0]  # one language a line
        marked = [line for line in tl.explain().splitlines() if line.startswith("⚠ 转呈主管经理")]
        assert marked

    def test_stages_in_order_have_no_warning(self) -> None:
        """重要 received 10:00: every stage is due in order, no warning, no mark."""
        tl = PROPERTY.timeline(at(2026, 9, 30, 10, 0), "重要")
        assert tl.warnings_in() == tl.warnings_in("en") == ()
        assert not any(s.out_of_order for s in tl.stages)
        assert "⚠" not in tl.explain()


class TestContradictions:
    def test_customer_deadline_before_receipt_is_refused(self) -> None:
        """轻微 received 09-30 with a requested deadline on 09-01 is a ComplaintError."""
        with pytest.raises(ComplaintError, match="before the receipt"):
            PROPERTY.timeline(at(2026, 9, 30, 10), "轻微", customer_deadline=at(2026, 9, 1, 10))

    def test_customer_deadline_at_receipt_is_allowed(self) -> None:
        """A requested deadline equal to the receipt is the boundary: allowed, and used."""
        tl = PROPERTY.timeline(at(2026, 9, 30, 10), "轻微", customer_deadline=at(2026, 9, 30, 10))
        assert tl.stage("resolve").due == at(2026, 9, 30, 10)

    def test_tier_and_category_that_disagree(self) -> None:
        """tier=服务态度 with category=产品质量 is refused, naming both (never silently dropping one)."""
        with pytest.raises(ComplaintError, match="disagree"):
            TYPES.timeline(at(2026, 9, 30, 10), "服务态度", category="产品质量")

    def test_tier_and_category_that_agree(self) -> None:
        """tier=服务态度 with category=服务态度 is the same as either alone."""
        both = TYPES.timeline(at(2026, 9, 30, 10), "attitude", category="服务态度")
        assert both == TYPES.timeline(at(2026, 9, 30, 10), category="服务态度")

    def test_naive_now(self) -> None:
        """A naive ``now`` is a NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            PROPERTY.timeline(at(2026, 9, 30, 10), "重大", now=dt.datetime(2026, 9, 30, 11))


class TestStageDetails:
    def test_actor_recipient_rule_text_and_time_left(self) -> None:
        """Each stage shows who acts and who receives, its rule as written, and with ``now`` the time
        left (negative when overdue)."""
        tl = PROPERTY.timeline(at(2026, 9, 30, 16, 0), "重大", now=at(2026, 9, 30, 16, 20))
        first, report = tl.stages[0], tl.stages[1]
        assert (report.actor, report.to, report.rule_text) == ("经营部接待员", "公司总经理", "当天")
        assert first.rule_text == "10分钟"
        assert first.time_left == dt.timedelta(minutes=-10)  # due 16:10
        assert report.time_left == dt.timedelta(hours=1, minutes=40)  # due 18:00
        assert "超时: 0:10:00" in first.explain()
        assert "time left: 1:40:00" in report.explain("en")

    def test_no_now_no_time_left(self) -> None:
        """Without ``now`` no stage carries a time left."""
        assert all(s.time_left is None for s in PROPERTY.timeline(at(2026, 9, 30, 16), "重大").stages)

    def test_english_names(self) -> None:
        """lang='en' uses the English tier and stage names."""
        text = PROPERTY.timeline(at(2026, 9, 30, 16), "重大").explain("en")
        assert text.startswith("major (")
        assert "Report to the general manager" in text
        assert "呈送公司总经理" not in text.split("\n")[0]
