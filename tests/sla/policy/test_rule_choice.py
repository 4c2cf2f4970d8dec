"""How a policy chooses its rule per metric (``first``, ``most_specific``, ties), and its defaults."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import DocumentError
from servstd.sla import SLAPolicy, TimerEvent, TimerStatus

SH = ZoneInfo("Asia/Shanghai")


def _policy(match: str, rules: str, extra: str = "") -> SLAPolicy:
    return SLAPolicy.parse(f"kind: sla-policy\nid: p\ntitle: p\nmatch: {match}\n{extra}rules:\n{rules}")


# rule 0: no condition, 1 hour; rule 1: one condition, 2 hours; rule 2: one other condition, 3 hours
RULES = """\
  - targets:
      answer: {within: 1小时}
  - when: {zone: 城区}
    targets:
      answer: {within: 2小时}
  - when: {channel: 电话}
    targets:
      answer: {within: 3小时}
"""


def _within(policy: SLAPolicy, case: dict[str, str]) -> str:
    return str(policy.targets(case)["answer"].rule.duration)


class TestRuleChoice:
    def test_first_match_wins_even_over_a_more_specific_rule(self) -> None:
        """``match: first``: the first matching rule that names the metric wins, however specific the others."""
        policy = _policy("first", RULES)
        assert _within(policy, {"zone": "城区", "channel": "电话"}) == "1小时"
        assert _within(policy, {"zone": "城区"}) == "1小时"

    def test_most_specific_rule_wins(self) -> None:
        """``match: most_specific``: the matching rule with the most conditions wins."""
        policy = _policy("most_specific", RULES)
        assert _within(policy, {"zone": "郊县"}) == "1小时"
        assert _within(policy, {"zone": "城区"}) == "2小时"
        assert _within(policy, {"channel": "电话"}) == "3小时"

    def test_most_specific_ties_go_to_the_earlier_rule(self) -> None:
        """``match: most_specific``: among equally specific matching rules the earlier one wins."""
        policy = _policy("most_specific", RULES)
        assert _within(policy, {"zone": "城区", "channel": "电话"}) == "2小时"


class TestDefaults:
    def test_policy_built_in_code_warns_like_a_document_without_thresholds(self) -> None:
        """The default warning thresholds, a half and three quarters, are the same in code and documents."""
        loaded = _policy("first", RULES)
        built = SLAPolicy(id="p", title="p", match="first", rules=loaded.rules)
        assert built.thresholds == loaded.thresholds == (Fraction(1, 2), Fraction(3, 4))
        t0 = dt.datetime(2026, 3, 9, 9, tzinfo=SH)
        r = built.evaluate({}, [TimerEvent("start", t0)], now=t0 + dt.timedelta(minutes=30))
        assert (r["answer"].status, r["answer"].threshold) == (TimerStatus.AT_RISK, Fraction(1, 2))

    def test_policy_ids_of_one_character_are_accepted(self) -> None:
        """A policy id needs at least one character: "p" loads, "" is a document error."""
        assert _policy("first", RULES).id == "p"
        with pytest.raises(DocumentError, match="id"):
            SLAPolicy.parse(f"kind: sla-policy\nid: ''\ntitle: p\nrules:\n{RULES}")

    def test_target_repr_names_its_clock_not_the_clock_object(self) -> None:
        """A target's repr names its clock by name; the clock object itself is left out."""
        target = _policy("first", RULES).targets({})["answer"]
        text = repr(target)
        assert "clock_name='office'" in text
        assert "ServiceClock" not in text

    @pytest.mark.parametrize("bad", ["0", "1", "-0.5", "1.5"])
    def test_thresholds_lie_strictly_between_zero_and_one(self, bad: str) -> None:
        """A warning threshold of 0, 1 or outside (0, 1) is a document problem under ``thresholds``."""
        with pytest.raises(DocumentError, match="thresholds"):
            _policy("first", RULES, f"thresholds: [0.5, {bad}]\n")
        assert _policy("first", RULES, "thresholds: [0.25, 0.9]\n").thresholds == (
            Fraction(1, 4),
            Fraction(9, 10),
        )


class TestProblemsReportedTogether:
    """When a policy document has a field error, its unknown clocks and metrics are reported with it."""

    DOC = """\
kind: sla-policy
id: p
title: p
match: best
clocks:
  office: {}
  field: {}
rules:
  - targets:
      a: {within: 1小时}
      b: {within: 1小时, clock: field}
      c: {within: 1小时, clock: moon, start_after: a}
      d: {within: 1小时, start_after: zz}
      e: 5
"""

    def test_cross_problems_come_with_field_errors(self) -> None:
        """Unknown clock and start_after metric are named with the bad field; known names are not."""
        with pytest.raises(DocumentError) as info:
            SLAPolicy.parse(self.DOC)
        paths = {p.path for p in info.value.problems}
        assert "rules[0].targets.c.clock" in paths
        assert "rules[0].targets.d.start_after" in paths
        assert any(p.startswith("match") for p in paths)
        for known in ("a.clock", "b.clock", "d.clock", "c.start_after"):
            assert f"rules[0].targets.{known}" not in paths

    def test_default_clock_is_known_when_no_clocks_are_given(self) -> None:
        """Without ``clocks`` the only clock is ``office``: a target on it is fine, one on another is not."""
        doc = "kind: sla-policy\nid: p\ntitle: p\nmatch: best\nrules:\n  - targets:\n"
        doc += "      a: {within: 1小时}\n      b: {within: 1小时, clock: office}\n      c: {within: 1小时, clock: x}\n"
        with pytest.raises(DocumentError) as info:
            SLAPolicy.parse(doc)
        paths = {p.path for p in info.value.problems}
        assert "rules[0].targets.c.clock" in paths
        assert not {"rules[0].targets.a.clock", "rules[0].targets.b.clock"} & paths
