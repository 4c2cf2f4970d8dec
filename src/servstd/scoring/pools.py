"""Scoring as a tree of point pools.

Every node — item, section, standard — may have a maximum. A finding deducts ``unit × count`` from
its item; each node's deduction is the sum of its children's, capped at its maximum, and its score
is ``max − deduction``, never below zero (扣完为止). That one rule covers "4 parts × 25 points,
倒扣分制" and "符合1分，每项不符合扣0.3分，扣完为止".

The tree is compiled once per standard into flat lists (children before parents), so scoring an
inspection is one pass over the nodes.

>>> from decimal import Decimal as D
>>> from servstd.catalog import catalog
>>> from servstd.scoring.pools import PoolTree
>>> tree = PoolTree.of(catalog().standard("property-cs-quality-inspection"))
>>> result = tree.evaluate({"CS20": D(30)})          # 30 points off one 25-point part
>>> result.score(tree.root), result.score(tree.index["records"]), result.raw[tree.index["basic"]]
(Decimal('75'), None, Decimal('30'))
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Mapping
from decimal import Decimal

import attrs

from servstd._decimal import exact
from servstd.standards.standard import Section, Standard

__all__ = ["PoolResult", "PoolTree"]

ZERO = Decimal(0)


@attrs.frozen
class PoolTree:
    """The standard's pools as flat lists: ``ids[i]``, ``maxes[i]``, ``parent[i]`` (−1 for the root).

    Nodes are stored parents first; evaluation walks them backwards (children first).
    """

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    kinds: tuple[str, ...]  # "standard" | "section" | "item"
    depths: tuple[int, ...]
    maxes: tuple[Decimal | None, ...]
    parent: tuple[int, ...]
    index: dict[str, int] = attrs.field(eq=False, hash=False)

    root: int = 0

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def of(standard: Standard) -> PoolTree:
        """Compile (and cache) the pool tree of ``standard``; bonus items are not pools."""
        ids: list[str] = [standard.id]
        titles = [standard.title]
        kinds = ["standard"]
        depths = [0]
        maxes: list[Decimal | None] = [standard.max_points]
        parent = [-1]

        def add_section(sec: Section, p: int, depth: int) -> None:
            ids.append(sec.id)
            titles.append(sec.title)
            kinds.append("section")
            depths.append(depth)
            maxes.append(sec.max_points)
            parent.append(p)
            me = len(ids) - 1
            for it in sec.items:
                if it.bonus:
                    continue
                ids.append(it.code)
                titles.append(it.text)
                kinds.append("item")
                depths.append(depth + 1)
                maxes.append(it.max_deduction)
                parent.append(me)
            for sub in sec.sections:
                add_section(sub, me, depth + 1)

        for sec in standard.sections:
            add_section(sec, 0, 0)
        index = {}
        for i, (k, ident) in enumerate(zip(kinds, ids, strict=True)):
            index[ident if k != "standard" else "__root__"] = i
        return PoolTree(
            tuple(ids), tuple(titles), tuple(kinds), tuple(depths), tuple(maxes), tuple(parent), index
        )

    @exact
    def evaluate(self, raw_by_item: Mapping[str, Decimal]) -> PoolResult:
        """Raw and applied deductions of every node, given each item's raw deduction.

        Only the items with findings and their ancestors are visited, children before parents
        (a child's index is always larger than its parent's).
        """
        n = len(self.ids)
        raw = [ZERO] * n
        applied = [ZERO] * n
        maxes, parent, index = self.maxes, self.parent, self.index
        heap = []
        for code, amount in raw_by_item.items():
            i = index[code]
            raw[i] = amount
            heap.append(-i)
        heapq.heapify(heap)
        seen = {-i for i in heap}
        while heap:
            i = -heapq.heappop(heap)
            cap = maxes[i]
            a = raw[i] if cap is None or raw[i] <= cap else cap
            applied[i] = a
            p = parent[i]
            if p >= 0:
                raw[p] += a
                if p not in seen:
                    seen.add(p)
                    heapq.heappush(heap, -p)
        return PoolResult(self, tuple(raw), tuple(applied), frozenset(seen))


@attrs.frozen
class PoolResult:
    """Raw (before the cap) and applied (after) deduction of every node."""

    tree: PoolTree
    raw: tuple[Decimal, ...]
    applied: tuple[Decimal, ...]
    touched: frozenset[int] = frozenset()
    """Nodes with a finding below them; all others are untouched (no deduction)."""

    def score(self, i: int) -> Decimal | None:
        """The node's score (``max − applied``), ``None`` for a node without a maximum."""
        cap = self.tree.maxes[i]
        return None if cap is None else cap - self.applied[i]

    def capped(self, i: int) -> bool:
        """Whether the node's cap cut its raw deduction."""
        cap = self.tree.maxes[i]
        return cap is not None and self.raw[i] > cap

    def cuts(self, i: int) -> tuple[str, ...]:
        """Ids of the nodes on the path from node ``i`` to the root whose cap cut the deduction."""
        out = []
        while i >= 0:
            if self.capped(i):
                out.append(self.tree.ids[i] if self.tree.kinds[i] != "standard" else "total")
            i = self.tree.parent[i]
        return tuple(out)
