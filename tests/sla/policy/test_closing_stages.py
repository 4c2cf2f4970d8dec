"""Stages after handling (PM集團 二.9(5)/(6)): 「在投訴處理完畢的當天將住戶投訴意見表交到經營部」 and 「在當天
將處理結果通報給投訴的住戶」 follow 处理完毕, in every tier."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import DocumentError
from servstd.sla import ComplaintPolicy, TimerEvent

SH = ZoneInfo("Asia/Shanghai")
POLICY = ComplaintPolicy.from_catalog("property-complaints")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestTimeline:
    @pytest.mark.parametrize("tier", ["重大", "重要", "轻微"])
    def test_every_tier_ends_with_the_two_same_day_stages(self, tier: str) -> None:
        """The last two stages of every tier hand the form back, then tell the resident, each 当天."""
        tl = POLICY.timeline(at(2026, 11, 10, 10), tier)
        last = [(s.stage.code, s.stage.after, s.rule_text, s.actor, s.to) for s in tl.stages[-2:]]
        assert last == [
            ("hand-in", "resolve", "当天", "被投诉部门负责人", "经营部"),
            ("notify", "hand-in", "当天", "经营部接待员", "投诉的住户"),
        ]

    def test_they_count_from_the_due_of_handling(self) -> None:
        """轻微 received Tue 2026-11-10 10:00: handling due 2日 → Thu 11-12 18:00. Finished at that
        close, 当天 has ended: the form is due Fri 11-13 18:00 and the resident hears by Mon 11-16 18:00."""
        tl = POLICY.timeline(at(2026, 11, 10, 10), "轻微")
        assert tl.stage("resolve").due == at(2026, 11, 12, 18)
        assert tl.stage("hand-in").due == at(2026, 11, 13, 18)
        assert tl.stage("notify").due == at(2026, 11, 16, 18)
        assert "自「处理完毕」的期限 2026-11-12T18:00:00+08:00 起算" in tl.stage("hand-in").explain()

    def test_a_residents_deadline_moves_them_too(self) -> None:
        """轻微 with the resident's deadline Wed 11-11 12:00: the form is due that day at 18:00."""
        tl = POLICY.timeline(at(2026, 11, 10, 10), "轻微", customer_deadline=at(2026, 11, 11, 12))
        assert tl.stage("hand-in").due == at(2026, 11, 11, 18)


class TestEvaluate:
    def test_from_the_moment_handling_was_completed(self) -> None:
        """Handled Wed 11-11 15:00 → form due 11-11 18:00; handed in 17:00 → resident told by 18:00."""
        events = [
            TimerEvent("start", at(2026, 11, 10, 10)),
            TimerEvent("complete", at(2026, 11, 11, 15), metric="resolve"),
            TimerEvent("complete", at(2026, 11, 11, 17), metric="hand-in"),
        ]
        r = POLICY.evaluate("轻微", events, now=at(2026, 11, 11, 17, 30))
        assert r["hand-in"].due == at(2026, 11, 11, 18)
        assert r["hand-in"].status.value == "met"
        assert r["notify"].due == at(2026, 11, 11, 18)
        assert r["notify"].status.value in ("running", "at_risk")

    def test_pending_until_the_stage_before_completes(self) -> None:
        """Without a completed handling the two closing stages have not started."""
        r = POLICY.evaluate("重大", [TimerEvent("start", at(2026, 11, 10, 10))], now=at(2026, 11, 11, 10))
        assert (r["hand-in"].status.value, r["notify"].status.value) == ("pending", "pending")


class TestDocuments:
    def test_a_stage_after_an_unknown_stage_is_refused(self) -> None:
        """`after` names a stage before it in every tier, else the document is refused."""
        doc = """
kind: complaint-policy
id: p
title: p
tiers:
  - {code: a, name: A, rank: 1, stages: [{code: resolve, name: 解决, within: 2日}]}
  - {code: b, name: B, rank: 2, stages: [{code: answer, name: 答复, within: 2日}]}
closing_stages:
  - {code: notify, name: 通报, within: 当天, after: resolve}
"""
        with pytest.raises(DocumentError, match=r"tiers\[1\]\.stages.*follows 'resolve'"):
            ComplaintPolicy.parse(doc)
