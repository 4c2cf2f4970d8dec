"""Answers never depend on the caller's decimal context (issue 23 item 4): scores, reports,
documents and durations are computed in servstd's own context (:mod:`servstd._decimal`)."""

from __future__ import annotations

import decimal
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.scoring import Finding, Inspection, score
from servstd.sla import SLAPolicy
from servstd.sla.batch import report
from servstd.sla.clock.durations import parse_duration
from servstd.standards import dump, parse_standard
from tests.strategies import filled_inspections

STANDARDS = [catalog().standard(i) for i in catalog().ids("standard")]
SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "claims_2026_national_day.csv"
SIGNALS = [decimal.Inexact, decimal.Rounded, decimal.Subnormal, decimal.Underflow, decimal.Clamped,
           decimal.FloatOperation, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow]  # fmt: skip
ROUNDINGS = [decimal.ROUND_DOWN, decimal.ROUND_UP, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
             decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP]  # fmt: skip


@st.composite
def contexts(draw: st.DrawFn) -> decimal.Context:
    """Any context a host application may set: low precision, any rounding, any traps."""
    return decimal.Context(
        prec=draw(st.integers(1, 40)),
        rounding=draw(st.sampled_from(ROUNDINGS)),
        traps=draw(st.lists(st.sampled_from(SIGNALS), unique=True)),
        Emax=draw(st.sampled_from([99, 999_999])),
        Emin=draw(st.sampled_from([-99, -999_999])),
    )


def rendered(std: object, ins: object) -> tuple[str, str, str]:
    rep = score(std, ins)  # type: ignore[arg-type]
    return rep.to_json(), rep.to_text(), rep.to_markdown()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(STANDARDS).flatmap(lambda s: st.tuples(st.just(s), filled_inspections(s))), contexts())
def test_scores_are_the_same_under_any_caller_context(
    case: tuple[object, object], ctx: decimal.Context
) -> None:
    """A score and its three renderings are identical under any caller context (prec 1–40, any
    rounding, traps on Inexact and the rest) and under Python's default one."""
    std, ins = case
    expected = rendered(std, ins)
    with decimal.localcontext(ctx):
        assert rendered(std, ins) == expected


@settings(max_examples=10, deadline=None)
@given(contexts())
def test_sla_reports_are_the_same_under_any_caller_context(ctx: decimal.Context) -> None:
    """The sample ticket export gives the same report (met %, median, p90) in any context."""
    policy = SLAPolicy.from_catalog("insurance-claims-sla")
    now = pd.Timestamp("2026-10-10", tz="Asia/Shanghai")
    expected = report(policy, SAMPLE, by=["tier"], now=now)
    with decimal.localcontext(ctx):
        got = report(policy, SAMPLE, by=["tier"], now=now)
        assert (got.to_json(), got.to_text(), got.to_csv()) == (
            expected.to_json(),
            expected.to_text(),
            expected.to_csv(),
        )


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(STANDARDS),
    contexts(),
    st.sampled_from(["1.5小时", "0.25 business hours", "2.5个工作日", "半个工作日"]),
)
def test_documents_and_durations_under_any_caller_context(
    std: object, ctx: decimal.Context, text: str
) -> None:
    """A standard reads back from its YAML, and a fractional duration parses, the same in any context."""
    expected = parse_duration(text + " ")
    with decimal.localcontext(ctx):
        assert parse_standard(dump(std)) == std  # type: ignore[arg-type]
        assert parse_duration(" " + text) == expected


def test_the_reported_cases() -> None:
    """The audit's contexts (prec=4 with ROUND_DOWN, prec=3, a trap on Inexact) give the same total."""
    std = catalog().standard("property-cs-quality-inspection")
    ins = Inspection(std.id, findings=[Finding("CS13", 1)])
    expected = score(std, ins).total
    for ctx in (decimal.Context(prec=4, rounding=decimal.ROUND_DOWN), decimal.Context(prec=3),
                decimal.Context(traps=[decimal.Inexact])):  # fmt: skip
        with decimal.localcontext(ctx):
            assert score(std, ins).total == expected
