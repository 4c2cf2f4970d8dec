"""SLA policies, timers, complaint tiers (issue: SLA policies and complaint tiers)."""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.errors import DocumentError, TimerError, UnknownNameError
from servstd.sla import (
    ComplaintPolicy,
    DeadlineRule,
    ServiceClock,
    SLAPolicy,
    TimerEvent,
    TimerStatus,
    evaluate_timer,
)
from tests.strategies import instants

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()
H = dt.timedelta(hours=1)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestComplaintTiers:
    def test_major_complaint_timeline(self) -> None:
        """重大 received 2026-09-30 16:00: GM the same day, answer in 2 days, resolution in 10 days."""
        tl = ComplaintPolicy.from_catalog("property-complaints").timeline(at(2026, 9, 30, 16), "重大")
        due = {s.stage.code: s.due for s in tl.stages}
        assert due["report"] == at(2026, 9, 30, 18)  # 当天, close of business
        assert due["answer"] == at(2026, 10, 8, 18)  # 2日: Oct 2 is a holiday → next working day
        assert due["resolve"] == at(2026, 10, 10, 18)  # 10日: Oct 10 is a make-up Saturday, stays
        text = tl.explain("en")
        assert "Civil Code Art. 203" in text
        assert "The last day 2026-10-02 is a rest day (2026-10-02–2026-10-07 National Day" in text

    def test_important_complaint_friday_before_a_holiday(self) -> None:
        """重要 received Friday 2026-04-03 17:30 (清明 Apr 4–6): escalate 18:30, report 18:00, resolve Apr 7;
        the form goes back 当天 after handling — from Apr 7's close, the next working day (Apr 8) — and the
        resident hears 当天 after that (Apr 9)."""
        tl = ComplaintPolicy.from_catalog("property-complaints").timeline(at(2026, 4, 3, 17, 30), "important")
        due = {s.stage.code: s.due for s in tl.stages}
        assert due == {
            "form": at(2026, 4, 3, 17, 40),
            "escalate": at(2026, 4, 3, 18, 30),
            "report": at(2026, 4, 3, 18),
            "resolve": at(2026, 4, 7, 18),
            "hand-in": at(2026, 4, 8, 18),
            "notify": at(2026, 4, 9, 18),
        }
        resolve = next(s for s in tl.stages if s.stage.code == "resolve")
        assert resolve.note_in() == "超时需经公司总经理批准。"
        assert resolve.note_in("en") == "An overrun needs the approval of 公司总经理."

    def test_minor_complaint_customer_deadline(self) -> None:
        """轻微: 2日, or the resident's requested deadline (或在住户要求的期限内), said explicitly."""
        policy = ComplaintPolicy.from_catalog("property-complaints")
        default = policy.timeline(at(2026, 3, 9, 10), "轻微")
        assert default.stage("resolve").due == at(2026, 3, 11, 18)
        asked = policy.timeline(at(2026, 3, 9, 10), "轻微", customer_deadline=at(2026, 3, 16, 12))
        last = asked.stage("resolve")
        assert (last.due, last.source) == (at(2026, 3, 16, 12), "customer")
        assert "住户要求的期限" in last.explain("zh")

    def test_classification_by_category(self) -> None:
        """服务态度 24h, 产品质量 48h, other categories 72h."""
        policy = ComplaintPolicy.from_catalog("complaint-types")
        t = at(2026, 9, 30, 16)
        assert policy.timeline(t, category="服务态度").stages[0].due == at(2026, 10, 1, 16)
        assert policy.timeline(t, category="产品质量").stages[0].due == at(2026, 10, 2, 16)
        assert policy.timeline(t, category="物流").stages[0].due == at(2026, 10, 3, 16)
        with pytest.raises(UnknownNameError, match="重大"):
            ComplaintPolicy.from_catalog("property-complaints").tier("紧急")

    def test_stage_timers(self) -> None:
        """A complaint's stages run as timers: met, breached, running."""
        policy = ComplaintPolicy.from_catalog("property-complaints")
        t0 = at(2026, 3, 9, 10)
        evs = [TimerEvent("start", t0), TimerEvent("complete", t0 + dt.timedelta(minutes=5), metric="form"),
               TimerEvent("complete", at(2026, 3, 9, 12), metric="escalate")]  # fmt: skip
        r = policy.evaluate("重要", evs, now=at(2026, 3, 10, 10))
        assert r["form"].status is TimerStatus.MET
        assert r["escalate"].status is TimerStatus.BREACHED
        assert r["resolve"].status is TimerStatus.RUNNING


class TestInsurancePolicy:
    POLICY = SLAPolicy.from_catalog("insurance-claims-sla")

    def test_arrival_by_zone_on_a_7x24_clock(self) -> None:
        """城区 40 minutes, 郊县 3 hours, counted around the clock (holiday night included)."""
        t0 = at(2026, 10, 2, 23, 50)
        assert self.POLICY.targets({"zone": "城区"})["arrival"].rule.duration.describe("en") == "40 minutes"
        r = self.POLICY.evaluate({"zone": "郊县"}, [TimerEvent("start", t0)], now=t0 + H)
        assert r["arrival"].due == at(2026, 10, 3, 2, 50)
        assert r["arrival"].status is TimerStatus.RUNNING

    def test_most_specific_rule_wins(self) -> None:
        """理赔 pays in 10 working days; 理赔 + 上级批复 (more specific) in 3."""
        assert str(self.POLICY.targets({"category": "理赔"})["payment"].rule.duration) == "10个工作日"
        assert (
            str(self.POLICY.targets({"category": "理赔", "approval": "上级批复"})["payment"].rule.duration)
            == "3个工作日"
        )

    def test_appeal_then_written_rejection(self) -> None:
        """拒赔: 15 working days of appeal, then 10 days to deliver the written rejection."""
        t0 = at(2026, 9, 1, 10)
        end_appeal = at(2026, 9, 21, 17)
        evs = [TimerEvent("start", t0), TimerEvent("complete", end_appeal, metric="appeal")]
        r = self.POLICY.evaluate({"category": "拒赔"}, evs, now=at(2026, 9, 23, 9))
        # 15th working day after Sep 1, counting the make-up Sunday Sep 20; the office closes at 18:00
        # (5天/8小时: 09:00–12:00 and 13:00–18:00, the marked default)
        assert r["appeal"].due == at(2026, 9, 21, 18)
        assert r["appeal"].status is TimerStatus.MET
        # 10日 from Sep 21: the last day Oct 1 is a holiday, so it moves to Oct 8
        assert r["rejection_notice"].due == at(2026, 10, 8, 18)


class TestCountingBack:
    """A metric that counts back from its reference (到期前5个工作日): the act comes before it."""

    EXPIRY = at(2026, 10, 12, 0, 0)  # a policy expiring on Monday 12 October 2026
    RULE = DeadlineRule("到期前5个工作日")

    def test_notice_sent_before_the_reference_is_met(self) -> None:
        """Sent by the close of 29 September (5 working days back, over the National Day week): met."""
        evs = [TimerEvent("start", self.EXPIRY), TimerEvent("complete", at(2026, 9, 29, 10))]
        r = evaluate_timer("renewal_notice", CLOCK, self.RULE, evs, now=at(2026, 10, 1, 9))
        assert r.due == at(2026, 9, 29, 18)
        assert r.status is TimerStatus.MET
        assert r.remaining == CLOCK.elapsed(at(2026, 9, 29, 10), r.due)

    def test_notice_sent_after_the_due_instant_is_breached(self) -> None:
        """Sent at 11:00 on 30 September, after the close of the 29th: breached, two open hours late."""
        evs = [TimerEvent("start", self.EXPIRY), TimerEvent("complete", at(2026, 9, 30, 11))]
        r = evaluate_timer("renewal_notice", CLOCK, self.RULE, evs, now=at(2026, 10, 1, 9))
        assert r.status is TimerStatus.BREACHED
        assert r.remaining == -2 * H

    def test_open_notice_runs_until_its_due_instant(self) -> None:
        """Not yet sent: running before the due instant, breached after it."""
        evs = [TimerEvent("start", self.EXPIRY)]
        before = evaluate_timer("renewal_notice", CLOCK, self.RULE, evs, now=at(2026, 9, 28, 9))
        after = evaluate_timer("renewal_notice", CLOCK, self.RULE, evs, now=at(2026, 9, 30, 9))
        assert (before.status, after.status) == (TimerStatus.RUNNING, TimerStatus.BREACHED)

    def test_pauses_are_refused(self) -> None:
        """A deadline that counts back has no pauses: a TimerError says so."""
        evs = [TimerEvent("start", self.EXPIRY), TimerEvent("pause", at(2026, 9, 28, 9))]
        with pytest.raises(TimerError, match="counts back"):
            evaluate_timer("renewal_notice", CLOCK, self.RULE, evs, now=at(2026, 9, 30, 9))

    def test_catalog_policy_records_the_renewal_notice(self) -> None:
        """The insurance policy's renewal notice, completed before the expiry, evaluates as met."""
        policy = SLAPolicy.from_catalog("insurance-claims-sla")
        case = {"category": "续期"}
        evs = [
            TimerEvent("start", self.EXPIRY),
            TimerEvent("complete", at(2026, 9, 29, 10), metric="renewal_notice"),
        ]
        r = policy.evaluate(case, evs, now=at(2026, 10, 1, 9))
        assert r["renewal_notice"].status is TimerStatus.MET


class TestTimers:
    RULE = DeadlineRule("4工作小时")

    def test_pause_stops_the_clock(self) -> None:
        """Waiting for the customer 11:00–14:00 (2 open hours) moves the due instant by 2 open hours."""
        t0 = at(2026, 3, 9, 9)
        evs = [
            TimerEvent("start", t0),
            TimerEvent("pause", at(2026, 3, 9, 11)),
            TimerEvent("resume", at(2026, 3, 9, 14)),
        ]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 9, 15))
        assert r.due == at(2026, 3, 9, 16)
        assert r.paused == 2 * H
        assert r.elapsed == 3 * H
        assert r.remaining == H
        assert r.status is TimerStatus.AT_RISK
        assert r.used == Fraction(3, 4)
        assert r.threshold == Fraction(3, 4)

    def test_breach_is_not_undone_by_a_later_pause(self) -> None:
        """A pause that starts after the deadline does not move it."""
        t0 = at(2026, 3, 9, 9)
        evs = [
            TimerEvent("start", t0),
            TimerEvent("pause", at(2026, 3, 9, 15)),
            TimerEvent("resume", at(2026, 3, 10, 9)),
        ]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 10, 10))
        assert r.due == at(2026, 3, 9, 14)
        assert r.status is TimerStatus.BREACHED

    def test_extension_needs_an_approver_and_moves_later(self) -> None:
        """An extension with an approver moves the deadline; without one it is an error."""
        t0 = at(2026, 3, 9, 9)
        ok = [
            TimerEvent("start", t0),
            TimerEvent("extend", at(2026, 3, 9, 12), approver="主管经理", new_target="8工作小时"),
        ]
        r = evaluate_timer("resolution", CLOCK, self.RULE, ok, now=at(2026, 3, 9, 12))
        assert r.due == at(2026, 3, 9, 18)
        assert r.extensions == (("主管经理", "8工作小时"),)
        with pytest.raises(TimerError, match="approver"):
            evaluate_timer(
                "r",
                CLOCK,
                self.RULE,
                [ok[0], TimerEvent("extend", at(2026, 3, 9, 12), new_target="8工作小时")],
                now=t0,
            )
        with pytest.raises(TimerError, match="earlier"):
            evaluate_timer(
                "r",
                CLOCK,
                self.RULE,
                [ok[0], TimerEvent("extend", at(2026, 3, 9, 12), approver="x", new_target="1工作小时")],
                now=t0,
            )

    @pytest.mark.parametrize(
        ("events", "message"),
        [
            ([("start", 9), ("resume", 10)], "without a pause"),
            ([("start", 9), ("pause", 10), ("pause", 11)], "already paused"),
            ([("start", 12), ("stop", 10)], "before the start"),
            ([("start", 9), ("start", 10)], "more than one start"),
            ([("start", 9), ("complete", 10), ("pause", 11)], "after the metric completed"),
            ([("start", 9), ("sleep", 10)], "unknown event kind"),
        ],
    )
    def test_impossible_histories_are_errors(self, events: list[tuple[str, int]], message: str) -> None:
        """Resume without pause, stop before start, double start… are TimerErrors."""

        def run() -> None:
            evs = [TimerEvent(k, at(2026, 3, 9, h)) for k, h in events]
            evaluate_timer("r", CLOCK, self.RULE, evs, now=at(2026, 3, 9, 17))

        with pytest.raises(TimerError, match=message):
            run()

    def test_follow_up_window(self) -> None:
        """投诉处理完成后3-7天内回访: day 2 is early, day 3 is in, day 8 is late."""
        policy = SLAPolicy.from_catalog("property-follow-up-sla")
        t0 = at(2026, 3, 2, 10)
        done = at(2026, 3, 9, 11)
        for call, status in [(at(2026, 3, 11, 10), TimerStatus.EARLY), (at(2026, 3, 12, 9), TimerStatus.MET),
                             (at(2026, 3, 16, 17), TimerStatus.MET), (at(2026, 3, 17, 10), TimerStatus.BREACHED)]:  # fmt: skip
            evs = [
                TimerEvent("start", t0),
                TimerEvent("complete", done, metric="resolution"),
                TimerEvent("complete", call, metric="follow_up"),
            ]
            assert (
                policy.evaluate({"category": "投诉"}, evs, now=at(2026, 3, 20, 9))["follow_up"].status
                is status
            ), call

    def test_bad_policy_document(self) -> None:
        """Unknown clocks, bad durations and dangling start_after are listed together."""
        bad = """
kind: sla-policy
id: bad
title: bad
rules:
  - targets:
      a: {within: 三个星期二}
      b: {within: 1小时, clock: moon}
      c: {within: 1小时, start_after: zz}
"""
        with pytest.raises(DocumentError) as info:
            SLAPolicy.parse(bad)
        paths = {p.path for p in info.value.problems}
        assert {
            "rules[0].targets.a.within",
            "rules[0].targets.b.clock",
            "rules[0].targets.c.start_after",
        } <= paths


def test_catalog_lists_policies() -> None:
    """The seed policies load from the catalog by id."""
    assert set(catalog().ids("sla-policy")) == {
        "insurance-claims-sla",
        "service-industry-response-sla",
        "property-follow-up-sla",
    }
    assert set(catalog().ids("complaint-policy")) == {"property-complaints", "complaint-types"}
    assert (
        SLAPolicy.from_catalog("service-industry-response-sla")
        .targets({"channel": "email"})["first_response"]
        .rule.duration.describe("en")
        == "24 hours"
    )


# -- properties ------------------------------------------------------------------------------

RULES = [DeadlineRule(r) for r in ["4工作小时", "3个工作日", "2日", "48小时", "当天"]]


@st.composite
def histories(draw: st.DrawFn) -> tuple[DeadlineRule, list[TimerEvent], dt.datetime]:
    start = draw(instants(hi=dt.datetime(2026, 6, 30)))
    rule = draw(st.sampled_from(RULES))
    t = start
    evs = [TimerEvent("start", start)]
    for _ in range(draw(st.integers(0, 3))):
        t = t + dt.timedelta(minutes=draw(st.integers(1, 3000)))
        evs.append(TimerEvent("pause", t))
        t = t + dt.timedelta(minutes=draw(st.integers(1, 3000)))
        evs.append(TimerEvent("resume", t))
    if draw(st.booleans()):
        t = t + dt.timedelta(minutes=draw(st.integers(0, 5000)))
        evs.append(TimerEvent("complete", t))
    now = t + dt.timedelta(minutes=draw(st.integers(0, 3000)))
    return rule, evs, now


@given(histories())
def test_pausing_never_makes_the_due_earlier(h: tuple[DeadlineRule, list[TimerEvent], dt.datetime]) -> None:
    """The due instant with pauses is never before the due instant without them, which is clock.deadline."""
    rule, evs, now = h
    plain = evaluate_timer("m", CLOCK, rule, [evs[0]], now)
    assert plain.due == CLOCK.deadline(evs[0].at, rule).due
    paused = evaluate_timer("m", CLOCK, rule, evs, now)
    assert paused.due is not None
    assert plain.due is not None
    assert paused.due >= plain.due


@given(histories())
def test_met_or_breached_is_completion_against_due(
    h: tuple[DeadlineRule, list[TimerEvent], dt.datetime],
) -> None:
    """A completed metric is met exactly when it completed at or before the due instant."""
    rule, evs, now = h
    r = evaluate_timer("m", CLOCK, rule, evs, now)
    if r.completed is not None:
        assert r.due is not None
        assert (r.status is TimerStatus.MET) == (r.completed <= r.due)


@given(histories(), st.randoms(use_true_random=False))
def test_order_of_events_does_not_matter(
    h: tuple[DeadlineRule, list[TimerEvent], dt.datetime], rnd: random.Random
) -> None:
    """Events are sorted first: shuffling them changes nothing."""
    rule, evs, now = h
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert evaluate_timer("m", CLOCK, rule, evs, now) == evaluate_timer("m", CLOCK, rule, shuffled, now)


@given(histories(), st.sampled_from(["8工作小时", "5个工作日", "10日", "72小时"]))
def test_extensions_only_move_deadlines_later(
    h: tuple[DeadlineRule, list[TimerEvent], dt.datetime], longer: str
) -> None:
    """An accepted extension never makes the due instant earlier."""
    rule, evs, now = h
    base = evaluate_timer("m", CLOCK, rule, evs, now)
    ext = TimerEvent("extend", evs[0].at + dt.timedelta(minutes=1), approver="经理", new_target=longer)
    try:
        extended = evaluate_timer("m", CLOCK, rule, [*evs, ext], now)
    except TimerError:
        return  # an extension that would shorten, or one after completion, is refused
    assert extended.due is not None
    assert base.due is not None
    assert extended.due >= base.due
