"""Document kinds: a reference holds no checkable rule; a schedule may be a plan of due dates."""

from __future__ import annotations

import pytest

from servstd.catalog import catalog
from servstd.errors import DocumentError
from servstd.standards import DocumentKind, parse_standard

REFERENCE = """
kind: reference
id: r
title: 名词解释
sections:
  - id: s
    title: s
    items:
      - {code: "1", text: 服务业:指以提供服务为主要经营形式的行业}
"""


class TestReference:
    def test_a_reference_loads(self) -> None:
        """A reference is a document of passages with nothing to check."""
        assert parse_standard(REFERENCE, format="yaml").kind is DocumentKind.REFERENCE

    @pytest.mark.parametrize(
        ("extra", "word"),
        [
            ("time_limit: 3个工作日", "time_limit"),
            ("frequency: 每月一次", "frequency"),
            ("points: 1", "points"),
            ("due: 下月初", "due"),
            ("measures: [{quantity: 人数, at_least: 2}]", "measures"),
        ],
    )
    def test_a_reference_with_something_to_check_is_refused(self, extra: str, word: str) -> None:
        """An item with a time limit, a frequency, points, a due date or a measure is not reference:
        the document is refused, naming the item and what it holds."""
        doc = REFERENCE.replace("行业}", f"行业, {extra}}}")
        with pytest.raises(DocumentError, match=rf"sections\[0\]\.items\[0\].*{word}"):
            parse_standard(doc, format="yaml")

    def test_a_scored_reference_is_refused(self) -> None:
        """A reference has no points and no scheme but checklist."""
        with pytest.raises(DocumentError, match="no checkable rule"):
            parse_standard(
                REFERENCE.replace("title: 名词解释", "title: 名词解释\nscheme: pass_fail"), format="yaml"
            )

    def test_the_catalog_references_say_why(self) -> None:
        """Each shipped reference says in its notes that it holds no checkable rule."""
        refs = catalog().ids("reference")
        assert sorted(refs) == [
            "hotel-service-guide-contents", "quality-service-psychology", "service-industry-terms",
            "what-is-a-service-standard",
        ]  # fmt: skip
        for rid in refs:
            assert any("不含可检查的规则" in n for n in catalog().standard(rid).notes), rid


class TestSchedules:
    def test_a_plan_of_due_dates_is_a_schedule(self) -> None:
        """A schedule needs frequencies or due dates: 「改進計劃實施」 has owners and due dates only."""
        plan = catalog().standard("service-improvement-plan")
        assert plan.kind is DocumentKind.SCHEDULE
        assert [(it.code, it.actor, str(it.due)) for it in plan.items() if it.due] == [
            ("P1", "張三", "下月初"), ("P2", "李四", "本季度末"), ("P3", "王五", "明年年初"), ("S1", "", "2024年第一季度"),
        ]  # fmt: skip

    def test_a_schedule_with_neither_is_refused(self) -> None:
        """A schedule with no frequency and no due date says what it needs."""
        doc = REFERENCE.replace("kind: reference", "kind: schedule")
        with pytest.raises(DocumentError, match="`frequency` or a `due` date"):
            parse_standard(doc, format="yaml")

    def test_an_unreadable_due_date_names_its_path(self) -> None:
        """「尽快」 is not a due date: a DocumentError at the item's `due`."""
        doc = REFERENCE.replace("kind: reference", "kind: schedule").replace("行业}", "行业, due: 尽快}")
        with pytest.raises(DocumentError, match=r"sections\[0\]\.items\[0\]\.due"):
            parse_standard(doc, format="yaml")
