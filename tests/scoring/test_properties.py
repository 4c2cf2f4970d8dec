"""Point-pool and KPI properties under hypothesis (issue: scoring engine, ≥500 examples in CI)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.scoring import Finding, Inspection, PoolTree, score
from servstd.standards import Standard, load_data

units = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(5), places=1)
maxes = st.one_of(st.none(), st.integers(1, 30).map(Decimal))


@st.composite
def deduction_standards(draw: st.DrawFn) -> Standard:
    """Random deduction standards: nested sections, optional caps at every level."""
    n = 0

    def item() -> dict[str, Any]:
        nonlocal n
        n += 1
        it: dict[str, Any] = {"code": f"I{n}", "text": "检查项", "deduct": str(draw(units))}
        cap = draw(maxes)
        if cap is not None:
            it["cap"] = str(cap)
        return it

    def section(depth: int) -> dict[str, Any]:
        sec: dict[str, Any] = {
            "id": f"S{draw(st.integers(0, 10**9))}",
            "title": "部分",
            "items": [item() for _ in range(draw(st.integers(1, 4)))],
        }
        cap = draw(maxes)
        if cap is not None:
            sec["max_points"] = str(cap)
        if depth < 2 and draw(st.booleans()):
            sec["sections"] = [section(depth + 1) for _ in range(draw(st.integers(1, 2)))]
        return sec

    secs = [section(0) for _ in range(draw(st.integers(1, 3)))]
    ids = [s["id"] for s in secs]
    if len(set(ids)) != len(ids):
        for i, s in enumerate(secs):
            s["id"] = f"T{i}"
    top = draw(st.integers(1, 100))
    if all("max_points" in s for s in secs):  # declared parts must add up to the total
        top = sum(int(s["max_points"]) for s in secs)
    doc = {
        "id": "random",
        "title": "随机标准",
        "scheme": "deduction",
        "max_points": str(top),
        "sections": secs,
    }
    return load_data(_unique_section_ids(doc))


def _unique_section_ids(doc: dict[str, Any]) -> dict[str, Any]:
    counter = iter(range(10**6))

    def walk(sec: dict[str, Any]) -> None:
        sec["id"] = f"S{next(counter)}"
        for sub in sec.get("sections", []):
            walk(sub)

    for s in doc["sections"]:
        walk(s)
    return doc


@st.composite
def cases(draw: st.DrawFn) -> tuple[Standard, list[Finding]]:
    std = draw(deduction_standards())
    codes = [it.code for it in std.items()]
    findings = draw(st.lists(st.builds(Finding, st.sampled_from(codes), st.integers(0, 20)), max_size=12))
    return std, findings


def node_scores(std: Standard, findings: list[Finding]) -> list[Decimal | None]:
    r = score(std, Inspection(std.id, findings=findings))
    return [r.total_exact, *[s.score for s in r.sections]]


@given(deduction_standards())
def test_no_findings_full_marks(std: Standard) -> None:
    """No findings → full marks at every node."""
    r = score(std, Inspection(std.id))
    assert r.total_exact == std.max_points
    assert all(s.score == s.max for s in r.sections)


@given(cases())
def test_every_node_between_zero_and_max(case: tuple[Standard, list[Finding]]) -> None:
    """0 ≤ node score ≤ node max, for the total and every section with a max."""
    std, findings = case
    r = score(std, Inspection(std.id, findings=findings))
    assert std.max_points is not None
    assert 0 <= r.total_exact <= std.max_points
    for s in r.sections:
        if s.max is not None:
            assert s.score is not None
            assert 0 <= s.score <= s.max


@given(cases(), st.data())
def test_adding_a_finding_never_raises_a_score(
    case: tuple[Standard, list[Finding]], data: st.DataObject
) -> None:
    """Adding a finding never raises any node's score."""
    std, findings = case
    extra = Finding(
        data.draw(st.sampled_from([it.code for it in std.items()])), data.draw(st.integers(1, 10))
    )
    before, after = node_scores(std, findings), node_scores(std, [*findings, extra])
    for b, a in zip(before, after, strict=True):
        if b is not None:
            assert a is not None
            assert a <= b


@given(cases(), st.randoms(use_true_random=False))
def test_order_of_findings_never_matters(case: tuple[Standard, list[Finding]], rnd: Any) -> None:
    """Shuffling findings changes no score."""
    std, findings = case
    shuffled = list(findings)
    rnd.shuffle(shuffled)
    assert node_scores(std, findings) == node_scores(std, shuffled)


@given(cases(), st.data())
def test_splitting_a_finding_changes_nothing(
    case: tuple[Standard, list[Finding]], data: st.DataObject
) -> None:
    """One finding of count a+b scores like two findings of a and b."""
    std, findings = case
    code = data.draw(st.sampled_from([it.code for it in std.items()]))
    a, b = data.draw(st.integers(0, 10)), data.draw(st.integers(0, 10))
    assert node_scores(std, [*findings, Finding(code, a + b)]) == node_scores(
        std, [*findings, Finding(code, a), Finding(code, b)]
    )


@given(cases())
def test_deduction_plus_score_is_max_for_uncapped_nodes(case: tuple[Standard, list[Finding]]) -> None:
    """For every node whose raw deduction stays within its max: deduction + score == max."""
    std, findings = case
    r = score(std, Inspection(std.id, findings=findings))
    for s in r.sections:
        if s.max is not None and not s.capped:
            assert s.score is not None
            assert s.deduction + s.score == s.max
            assert s.deduction == s.raw_deduction
    tree = PoolTree.of(std)
    raw = {it.code: Decimal(0) for it in std.items()}
    for f in findings:
        raw[f.item] += std.item(f.item).deduct * f.count  # type: ignore[operator]
    result = tree.evaluate(raw)
    if not result.capped(0):
        assert result.applied[0] + r.total_exact == std.max_points


KPI = catalog().standard("cs-kpi-assessment")


@given(
    sat=st.decimals(min_value=1, max_value=5, places=2),
    resp=st.integers(0, 10 * 86400),
    res=st.decimals(min_value=0, max_value=1, places=3),
)
def test_weighted_kpi_total_stays_in_range(sat: Decimal, resp: int, res: Decimal) -> None:
    """A weighted KPI total is between 0 and the max, and equals the weighted sum of criterion points."""
    r = score(
        KPI, Inspection(KPI.id, measurements={"satisfaction": sat, "response": resp, "resolution": res})
    )
    assert 0 <= r.total_exact <= 100
    assert r.total_exact == sum((c.points * c.weight for c in r.criteria), Decimal(0))
