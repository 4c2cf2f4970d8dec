"""Measures: a count or a size with bounds read as the words say (以上/以下 include, 之前/不足 exclude)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DocumentError, InputTypeError
from servstd.standards import Measure, dump, load_data, parse_standard
from tests.strategies import bounded_measures


class TestBounds:
    def test_before_the_third_ring(self) -> None:
        """「在第三次振铃之前要接通」: 2 rings pass, 3 fail (below excludes its number)."""
        m = Measure("振铃次数", below=3, unit="次")
        assert [m.holds(n) for n in (0, 1, 2, 3, 4)] == [True, True, True, False, False]

    def test_within_three_rings(self) -> None:
        """「響鈴三聲以內」: 3 rings pass, 4 fail (at_most includes its number)."""
        m = Measure("响铃声数", at_most=3)
        assert [m.holds(n) for n in (3, 4)] == [True, False]

    def test_three_to_five_seconds(self) -> None:
        """「握手时间一般在3-5秒」: both ends included; a Decimal between them passes."""
        m = Measure("握手时间", at_least=3, at_most=5, unit="秒")
        assert [m.holds(v) for v in (Decimal("2.9"), 3, Decimal("4.5"), 5, Decimal("5.1"))] == [
            False, True, True, True, False
        ]  # fmt: skip

    def test_text_shows_the_bounds(self) -> None:
        """str() says the bounds as numbers with their unit."""
        assert str(Measure("振铃次数", below=3, unit="次")) == "振铃次数 < 3次"
        assert str(Measure("查勘人数", at_least=2, unit="人")) == "查勘人数 >= 2人"
        assert str(Measure("握手时间", at_least=3, at_most=5, unit="秒")) == "握手时间 3–5秒"


class TestRefusals:
    @pytest.mark.parametrize(
        "bounds",
        [
            {},
            {"at_least": 3, "above": 2},
            {"at_most": 3, "below": 4},
            {"at_least": 5, "at_most": 3},
            {"above": 3, "below": 3},
        ],
    )
    def test_no_bound_two_bounds_on_a_side_or_an_empty_range(self, bounds: dict[str, int]) -> None:
        """A measure needs one bound a side at most, and some value inside."""
        with pytest.raises(DocumentError):
            Measure("振铃次数", **bounds)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [2.0, "2", True, None])
    def test_observations_are_ints_or_decimals(self, value: object) -> None:
        """A float (or text, a bool) is refused: counts and sizes are exact."""
        with pytest.raises(InputTypeError):
            Measure("振铃次数", below=3).holds(value)  # type: ignore[arg-type]

    def test_a_bad_measure_in_a_document_names_its_path(self) -> None:
        """An empty range in a document is a DocumentError naming the item's measure."""
        doc = """
id: t
title: t
sections:
  - id: s
    title: s
    items:
      - {code: A, text: t, measures: [{quantity: 人数, at_least: 3, at_most: 2}]}
"""
        with pytest.raises(DocumentError, match=r"sections\[0\]\.items\[0\]\.measures\[0\]"):
            parse_standard(doc, format="yaml")


class TestProperties:
    @given(bounded_measures(), st.integers(-5, 30))
    def test_holds_is_the_conjunction_of_its_bounds(self, bounds: dict[str, int | None], value: int) -> None:
        """holds(v) is exactly: v ≥ at_least, v > above, v ≤ at_most, v < below (each when given)."""
        m = Measure("x", **bounds)  # type: ignore[arg-type]
        expected = all(
            (
                bounds["at_least"] is None or value >= bounds["at_least"],
                bounds["above"] is None or value > bounds["above"],
                bounds["at_most"] is None or value <= bounds["at_most"],
                bounds["below"] is None or value < bounds["below"],
            )
        )
        assert m.holds(value) is expected

    @given(bounded_measures())
    def test_an_item_with_a_measure_round_trips(self, bounds: dict[str, int | None]) -> None:
        """parse_standard(dump(s)) == s for an item carrying a measure (YAML and JSON)."""
        m = {k: v for k, v in bounds.items() if v is not None}
        doc = {"id": "t", "title": "t", "sections": [{"id": "s", "title": "s", "items": [
            {"code": "A", "text": "t", "measures": [{"quantity": "人数", "unit": "人", **m}]}]}]}  # fmt: skip
        s = load_data(doc, "test")
        for fmt in ("yaml", "json"):
            assert parse_standard(dump(s, fmt), format=fmt) == s
