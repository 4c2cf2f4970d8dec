"""The pool tree's structure and evaluation, against a slow recursive oracle (DESIGN: scoring is a
tree of point pools; each node's deduction is capped at its maximum, its score floors at zero)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.scoring import Finding, Inspection, PoolTree, score
from servstd.standards import ChecklistItem, Scheme, Section, Standard

# -- a slow, obvious reading of the standard itself -------------------------------------------


def walk(std: Standard) -> Iterator[tuple[str, str, str | None, int, Decimal | None]]:
    """Every pool as (id, kind, parent id, depth, max): sections nest, items sit one level deeper."""
    yield "__root__", "standard", None, 0, std.max_points

    def section(
        sec: Section, parent: str, depth: int
    ) -> Iterator[tuple[str, str, str | None, int, Decimal | None]]:
        yield sec.id, "section", parent, depth, sec.max_points
        for it in sec.items:
            if not it.bonus:
                yield it.code, "item", sec.id, depth + 1, it.max_deduction
        for sub in sec.sections:
            yield from section(sub, sec.id, depth + 1)

    for sec in std.sections:
        yield from section(sec, "__root__", 0)


def oracle(std: Standard, raw_by_item: dict[str, Decimal]) -> dict[str, tuple[Decimal, Decimal]]:
    """(raw, applied) deduction of every node, by recursion over the standard."""
    out: dict[str, tuple[Decimal, Decimal]] = {}

    def cap(raw: Decimal, mx: Decimal | None) -> Decimal:
        return raw if mx is None else min(raw, mx)

    def section(sec: Section) -> Decimal:
        raw = Decimal(0)
        for it in sec.items:
            if it.bonus:
                continue
            r = raw_by_item.get(it.code, Decimal(0))
            out[it.code] = (r, cap(r, it.max_deduction))
            raw += out[it.code][1]
        for sub in sec.sections:
            raw += section(sub)
        out[sec.id] = (raw, cap(raw, sec.max_points))
        return out[sec.id][1]

    total = sum((section(s) for s in std.sections), Decimal(0))
    out["__root__"] = (total, cap(total, std.max_points))
    return out


# -- random nested standards ---------------------------------------------------------------------

caps = st.one_of(st.none(), st.integers(1, 12).map(Decimal))


@st.composite
def pool_standards(draw: st.DrawFn) -> Standard:
    """Sections with their own items *and* subsections, caps anywhere, some bonus items."""
    counter = iter(range(10_000))

    def item() -> ChecklistItem:
        return ChecklistItem(
            code=f"I{next(counter)}",
            text="检查项",
            deduct=Decimal(1),
            cap=draw(caps),
            bonus=draw(st.booleans()) and draw(st.booleans()),
        )

    def section(depth: int) -> Section:
        ident = f"S{next(counter)}"
        items = tuple(item() for _ in range(draw(st.integers(0 if depth else 1, 3))))
        subs = tuple(section(depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 2 else 0))))
        return Section(ident, "部分", items=items, sections=subs, max_points=draw(caps))

    secs = tuple(section(0) for _ in range(draw(st.integers(1, 3))))
    return Standard(
        "pools",
        "随机标准",
        scheme=Scheme.DEDUCTION,
        max_points=draw(st.integers(1, 40).map(Decimal)),
        sections=secs,
    )


@st.composite
def pool_cases(draw: st.DrawFn) -> tuple[Standard, dict[str, Decimal]]:
    """A standard and raw deductions of some of its items, often landing exactly on a cap."""
    std = draw(pool_standards())
    codes = [it.code for it in std.items() if not it.bonus]
    raw: dict[str, Decimal] = {}
    for code in draw(st.lists(st.sampled_from(codes), unique=True)) if codes else []:
        mx = std.item(code).max_deduction
        near = [mx, mx - Decimal("0.5"), mx + Decimal("0.5")] if mx is not None else []
        raw[code] = draw(st.sampled_from([*near, Decimal(0), Decimal(3), Decimal(7), Decimal(25)]))
    return std, raw


class TestStructure:
    @given(pool_standards())
    def test_every_pool_has_its_parent_depth_and_max(self, std: Standard) -> None:
        """Parent links, depths, kinds and maxima are those of the standard's nesting (bonus items are not pools)."""
        tree = PoolTree.of(std)
        got = {
            ("__root__" if k == "standard" else ident): (
                k,
                None if p < 0 else ("__root__" if tree.kinds[p] == "standard" else tree.ids[p]),
                d,
                m,
            )
            for ident, k, p, d, m in zip(
                tree.ids, tree.kinds, tree.parent, tree.depths, tree.maxes, strict=True
            )
        }
        expected = {ident: (k, p, d, m) for ident, k, p, d, m in walk(std)}
        assert got == expected
        assert len(tree.ids) == len(expected)

    @given(pool_standards())
    def test_parents_come_before_children_and_the_index_agrees(self, std: Standard) -> None:
        """Nodes are stored parents first (evaluation relies on it); ``index`` maps each id to its node."""
        tree = PoolTree.of(std)
        assert tree.root == 0
        assert tree.parent[0] == -1
        assert tree.index["__root__"] == 0
        assert all(0 <= tree.parent[i] < i for i in range(1, len(tree.ids)))
        for i, ident in enumerate(tree.ids[1:], 1):
            assert tree.index[ident] == i

    def test_trees_are_values(self) -> None:
        """A compiled tree is an immutable value: equal trees compare and hash alike."""
        std = catalog().standard("property-cs-quality-inspection")
        a, b = PoolTree.of(std), PoolTree.of(std)
        rebuilt = PoolTree(a.ids, a.titles, a.kinds, a.depths, a.maxes, a.parent, dict(a.index))
        assert a == b == rebuilt
        assert hash(a) == hash(rebuilt)

    def test_catalog_items_hang_under_their_own_section(self) -> None:
        """CS01 belongs to 'plan' (a subsection of 'basic'), one level below it; 'basic' is a top part."""
        tree = PoolTree.of(catalog().standard("property-cs-quality-inspection"))
        ix = tree.index
        assert tree.parent[ix["CS01"]] == ix["plan"]
        assert tree.parent[ix["plan"]] == ix["basic"]
        assert tree.parent[ix["basic"]] == 0
        assert (tree.depths[ix["basic"]], tree.depths[ix["plan"]], tree.depths[ix["CS01"]]) == (0, 1, 2)
        assert tree.maxes[ix["basic"]] == Decimal(25)


class TestEvaluation:
    @given(pool_cases())
    def test_raw_and_applied_match_the_recursive_oracle(
        self, case: tuple[Standard, dict[str, Decimal]]
    ) -> None:
        """Each node's raw deduction is the sum of its children's applied ones; applied = min(raw, max)."""
        std, raw = case
        tree = PoolTree.of(std)
        result = tree.evaluate(raw)
        expected = oracle(std, raw)
        for i, ident in enumerate(tree.ids):
            key = "__root__" if i == 0 else ident
            assert (result.raw[i], result.applied[i]) == expected[key], key

    @given(pool_cases())
    def test_score_capped_and_cuts(self, case: tuple[Standard, dict[str, Decimal]]) -> None:
        """score = max − applied (None without a max); capped only when raw exceeds the max strictly;
        cuts lists the capped nodes from the item up to the root, the root as "total"."""
        std, raw = case
        tree = PoolTree.of(std)
        result = tree.evaluate(raw)
        expected = oracle(std, raw)
        for i, ident in enumerate(tree.ids):
            key = "__root__" if i == 0 else ident
            mx = tree.maxes[i]
            r, a = expected[key]
            assert result.score(i) == (None if mx is None else mx - a)
            assert result.capped(i) == (mx is not None and r > mx)
        for code in raw:
            path = []
            i = tree.index[code]
            while i >= 0:
                path.append(i)
                i = tree.parent[i]
            want = tuple(
                ("total" if j == 0 else tree.ids[j])
                for j in path
                if tree.maxes[j] is not None
                and expected["__root__" if j == 0 else tree.ids[j]][0] > tree.maxes[j]
            )
            assert result.cuts(tree.index[code]) == want

    @given(pool_cases())
    def test_touched_is_the_findings_and_their_ancestors(
        self, case: tuple[Standard, dict[str, Decimal]]
    ) -> None:
        """``touched`` holds exactly the items with a finding and every node above them."""
        std, raw = case
        tree = PoolTree.of(std)
        want = set()
        for code in raw:
            i = tree.index[code]
            while i >= 0:
                want.add(i)
                i = tree.parent[i]
        assert tree.evaluate(raw).touched == want


def _nested() -> Standard:
    """Total 10; part A (max 6) has its own item A1 (cap 4) and subsection B (max 3) with B1, B2."""
    b = Section(
        "B",
        "子部分",
        items=(
            ChecklistItem("B1", "子项一", deduct=Decimal(1)),
            ChecklistItem("B2", "子项二", deduct=Decimal(1), cap=Decimal(2)),
        ),
        max_points=Decimal(3),
    )
    a = Section(
        "A",
        "部分",
        items=(ChecklistItem("A1", "自有项", deduct=Decimal(1), cap=Decimal(4)),),
        sections=(b,),
        max_points=Decimal(6),
    )
    c = Section("C", "另一部分", items=(ChecklistItem("C1", "项", deduct=Decimal(1)),), max_points=Decimal(6))
    return Standard("nested", "嵌套", scheme=Scheme.DEDUCTION, max_points=Decimal(10), sections=(a, c))


class TestHandChecked:
    def test_nested_capped_section_with_its_own_items(self) -> None:
        """B caps B1 + B2 (2 + 2 = 4) at 3; A adds its own A1 (4): 7, capped at 6; total 10 − 6 = 4."""
        tree = PoolTree.of(_nested())
        r = tree.evaluate({"A1": Decimal(4), "B1": Decimal(2), "B2": Decimal(2)})
        ix = tree.index
        assert (r.raw[ix["B"]], r.applied[ix["B"]], r.score(ix["B"])) == (Decimal(4), Decimal(3), Decimal(0))
        assert (r.raw[ix["A"]], r.applied[ix["A"]], r.score(ix["A"])) == (Decimal(7), Decimal(6), Decimal(0))
        assert r.score(0) == Decimal(4)
        assert r.cuts(ix["B1"]) == ("B", "A")
        assert r.cuts(ix["A1"]) == ("A",)
        assert r.score(ix["C"]) == Decimal(6)

    def test_a_cut_by_the_standards_total_cap(self) -> None:
        """A 6 + C 6 = 12 against a total of 10: only the total cuts, reported as "total"."""
        tree = PoolTree.of(_nested())
        r = tree.evaluate({"A1": Decimal(4), "B1": Decimal(2), "C1": Decimal(6)})
        assert r.raw[0] == Decimal(12)
        assert r.applied[0] == Decimal(10)
        assert r.score(0) == Decimal(0)
        assert r.cuts(tree.index["C1"]) == ("total",)
        assert r.capped(0)

    def test_landing_exactly_on_the_maximum_is_not_capped(self) -> None:
        """Raw deduction equal to the max uses the whole pool but the cap did not cut anything."""
        tree = PoolTree.of(_nested())
        r = tree.evaluate({"B1": Decimal(1), "B2": Decimal(2)})
        ix = tree.index
        assert r.applied[ix["B"]] == Decimal(3)
        assert r.score(ix["B"]) == Decimal(0)
        assert not r.capped(ix["B"])
        assert not r.capped(ix["B2"])
        assert r.cuts(ix["B1"]) == ()

    def test_report_lines_and_sections_show_the_cuts(self) -> None:
        """Through score(): the report's section depths follow the nesting and lines name the cuts.

        Lines use the pools in finding order: B1 3 (B 3/3, A 3/6, total 3/10), C1 6 (C 6/6, total
        9/10), then A1 4 fits 3 more into A but only 1 more into the total: applied 1, cut 3 by A
        and the total."""
        std = _nested()
        rep = score(
            std, Inspection("nested", findings=[Finding("B1", 3), Finding("C1", 6), Finding("A1", 4)])
        )
        depths = {s.id: s.depth for s in rep.sections}
        assert depths == {"A": 0, "B": 1, "C": 0}
        by_item = {line.item: (line.applied, line.cut, line.capped_by) for line in rep.lines}
        assert by_item == {
            "B1": (Decimal(3), Decimal(0), ()),
            "C1": (Decimal(6), Decimal(0), ()),
            "A1": (Decimal(1), Decimal(3), ("A", "total")),
        }
        assert rep.total_exact == Decimal(0)
