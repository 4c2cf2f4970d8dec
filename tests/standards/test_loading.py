"""Standard documents: validation at the edge, all problems at once, round trips (issue: standards)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DocumentError
from servstd.standards import dump, json_schema, load_data, parse_standard, read_standard

BAD = """
id: bad doc
title: 坏文档
scheme: kpi
max_points: 50
colour: red
grades:
  - {name: A, min: 80, max: 100}
  - {name: B, min: 50, max: 70}
sections:
  - id: s1
    title: 第一部分
    max_points: 3
    items:
      - {code: X1, text: 甲, points: 1, deduct: -1}
      - {code: X1, text: 乙, points: 1}
      - {code: X3, text: 丙, points: 2, time_limit: 三个星期二, frequency: 偶尔}
criteria:
  - {code: c1, name: 满意度, weight: 0.5, mapping: linear, worst: 1, best: 5}
  - {code: c2, name: 响应, weight: 0.4, unit: seconds, mapping: threshold, target: 24小时}
"""


def test_a_malformed_document_lists_every_problem_with_its_path(tmp_path: Path) -> None:
    """One DocumentError names the file and lists every problem with its path."""
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_standard(path)
    text = str(info.value)
    assert str(path) in text
    for expected in ["id:", "colour: unknown field", "sections[0].items[0].deduct"]:
        assert expected in text


def test_semantic_problems_are_listed_together() -> None:
    """Duplicate codes, sums that miss the declared max, bad durations and frequencies, weights ≠ 1, grade gaps."""
    doc = (
        BAD.replace("id: bad doc", "id: bad-doc")
        .replace("colour: red\n", "")
        .replace("deduct: -1", "deduct: 1")
    )
    with pytest.raises(DocumentError) as info:
        parse_standard(doc)
    paths = {p.path for p in info.value.problems}
    assert "sections[0].items[1].code" in paths  # duplicate X1
    assert "sections[0].max_points" in paths  # 1 + 1 + 2 != 3
    assert "sections[0].items[2].time_limit" in paths  # 三个星期二
    assert "sections[0].items[2].frequency" in paths  # 偶尔
    assert "criteria" in paths  # 0.5 + 0.4 != 1
    assert "max_points" in paths or any(p.startswith("grades") for p in paths)  # gap 70–80
    assert any("gap" in p.message for p in info.value.problems)


def test_deduction_standard_needs_units() -> None:
    """A deduction standard without a deduction unit for an item is an error naming the item."""
    with pytest.raises(DocumentError, match=r"sections\[0\]\.items\[0\]\.deduct"):
        parse_standard(
            "id: d\ntitle: t\nscheme: deduction\nsections: [{id: a, title: A, items: [{code: A1, text: x}]}]\n"
        )


def test_bad_syntax() -> None:
    """Invalid YAML is a DocumentError, not a YAML traceback."""
    with pytest.raises(DocumentError, match="not valid"):
        parse_standard("id: [unclosed\n")


def test_json_schema_describes_the_document() -> None:
    """The JSON Schema names the document fields and forbids unknown ones."""
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert {"id", "title", "sections", "criteria", "grades"} <= set(schema["properties"])
    json.dumps(schema)


# -- property: random valid standards round-trip ------------------------------------------------

codes = st.from_regex(r"[A-Z]{1,2}[0-9]{1,3}", fullmatch=True)
texts = st.text(
    alphabet=st.sampled_from("服务标准检查项目不要客人微笑ABC 0123:#-\"'"), min_size=1, max_size=20
).filter(lambda t: t.strip() == t and t != "")
decimals = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(10), places=1)
passages = st.text(alphabet=st.sampled_from("服务标准,;:()（）。\n 1"), min_size=1, max_size=30).filter(
    lambda t: t.strip() != ""
)
sources = st.one_of(
    st.none(),
    texts,
    st.builds(lambda t, ex: {"title": t, "excerpt": ex}, texts, st.lists(passages, min_size=1, max_size=3)),
)


@st.composite
def standard_docs(draw: st.DrawFn) -> dict[str, Any]:
    """Documents built field by field from the document model (valid by construction)."""
    used: set[str] = set()

    def item() -> dict[str, Any]:
        code = draw(codes.filter(lambda c: c not in used))
        used.add(code)
        it: dict[str, Any] = {"code": code, "text": draw(texts)}
        it["kind"] = draw(st.sampled_from(["requirement", "prohibition", "time_limit", "step"]))
        it["deduct"] = str(draw(decimals))
        it["per"] = draw(st.sampled_from(["item", "place", "occurrence"]))
        if draw(st.booleans()):
            it["cap"] = str(draw(decimals))
        frequencies = st.sampled_from(["每周至少1次", "每月5日前", "每天", "每季度至少2次", "每周更新一次"])
        limits = st.sampled_from(["3个工作日", "半个工作日", "40分钟", "2日", "当天", "1个月", "一个日内"])
        if draw(st.booleans()):  # one clause, or several (each clause's frequency is the item's)
            it["frequency"] = draw(st.one_of(frequencies, st.lists(frequencies, min_size=2, max_size=3)))
        if draw(st.booleans()):
            it["time_limit"] = draw(st.one_of(limits, st.lists(limits, min_size=2, max_size=3)))
        it["veto"] = draw(st.booleans())
        it["tags"] = draw(st.lists(texts, max_size=2))
        return it

    sections = []
    for i in range(draw(st.integers(1, 3))):
        sec: dict[str, Any] = {
            "id": f"s{i}",
            "title": draw(texts),
            "items": [item() for _ in range(draw(st.integers(1, 4)))],
        }
        if draw(st.booleans()):
            sec["sections"] = [{"id": f"s{i}x", "title": draw(texts), "items": [item()]}]
        sections.append(sec)
    return {
        "id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)),
        "title": draw(texts),
        "version": draw(st.sampled_from(["1", "2.0", "2026-01"])),
        "scheme": "deduction",
        "effective": draw(st.sampled_from([None, "2026-01-01"])),
        "notes": draw(st.lists(texts, max_size=2)),
        "source": draw(sources),
        "sections": sections,
        "grades": [{"name": "合格", "min": 60, "max": 100}, {"name": "不合格", "min": 0, "max": 60}],
    }


@given(standard_docs())
def test_random_standards_round_trip(doc: dict[str, Any]) -> None:
    """Any valid standard survives YAML and JSON unchanged."""
    doc = {k: v for k, v in doc.items() if v is not None}
    s = load_data(doc)
    assert parse_standard(dump(s, "yaml")) == s
    assert parse_standard(dump(s, "json")) == s


class TestSource:
    """``source``: a title, or a title with the verbatim passages the document models."""

    DOC = "id: s\ntitle: 标准\nsections: [{id: a, title: 甲, items: [{code: A1, text: 按时完成}]}]\n"

    def test_a_plain_text_is_a_title_with_no_excerpt(self) -> None:
        """`source: 公司手册` reads as Source(title='公司手册', excerpts=())."""
        s = parse_standard(self.DOC + "source: 公司手册\n")
        assert (s.source.title, s.source.excerpts, str(s.source)) == ("公司手册", (), "公司手册")

    def test_the_schema_accepts_a_title_or_passages(self) -> None:
        """The JSON Schema says what the loader reads: a string, or {title, excerpt: string | [string]}."""
        schema = json_schema()["$defs"]["SourceDoc"]
        string, mapping = schema["anyOf"]
        assert string == {"type": "string"}
        assert mapping["additionalProperties"] is False
        assert {"type": "string"} in mapping["properties"]["excerpt"]["anyOf"]

    def test_passages_keep_every_character(self) -> None:
        """An excerpt keeps the source's half-width punctuation and line breaks; one passage needs no list."""
        s = parse_standard(
            self.DOC + "source:\n  title: 手册\n  excerpt: |-\n    按时完成,有记录;\n    (一)每周\n"
        )
        assert s.source.excerpts == ("按时完成,有记录;\n(一)每周",)
        again = parse_standard(dump(s, "yaml"))
        assert again == s
        assert again.source.excerpts == ("按时完成,有记录;\n(一)每周",)

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            ("{excerpt: [按时完成]}", "needs a `title`"),
            ("{title: 手册, excerpt: ['  ']}", "excerpt passage 1 is empty"),
            ("{title: 手册, excerpts: [按时完成]}", "source.excerpts: unknown field"),
            ("[手册]", "source: a source is a title, or a mapping with `title` and `excerpt`"),
        ],
    )
    def test_a_bad_source_is_a_named_problem(self, source: str, message: str) -> None:
        """A source with passages but no title, an empty passage, a misspelt key: DocumentError at `source`."""
        with pytest.raises(DocumentError, match=re.escape(message)):
            parse_standard(self.DOC + f"source: {source}\n")


class TestClauses:
    """One item, several clauses: each clause's frequency or time limit is an attribute of the item."""

    DOC = "id: s\ntitle: 标准\nsections: [{id: a, title: 甲, items: [{code: A1, text: 甲乙, %s}]}]\n"

    def test_several_frequencies_and_time_limits(self) -> None:
        """`frequency: [每月5日前, 每周更新一次]` and a list of time limits load in order and dump back."""
        s = parse_standard(
            self.DOC
            % "frequency: [每月5日前, 每周更新一次], time_limit: [半个工作日, {within: 一个日内, start_event: 苗木死亡或损坏}]"
        )
        item = s.item("A1")
        assert [str(f) for f in item.frequencies] == ["每月5日前", "每周更新一次"]
        assert item.frequency is not None
        assert item.frequency.by_day == 5
        assert [str(t.duration) for t in item.time_limits] == ["半个工作日", "1日"]
        assert item.time_limits[1].start_event == "苗木死亡或损坏"
        assert parse_standard(dump(s, "yaml")) == s

    def test_a_time_limit_keeps_its_words(self) -> None:
        """「一个日内」 reads as 1日 (calendar days, not working days) and is written back as 一个日内."""
        s = parse_standard(self.DOC % "time_limit: 一个日内")
        limit = s.item("A1").time_limit
        assert limit is not None
        assert (str(limit), str(limit.duration), limit.text) == ("一个日内", "1日", "一个日内")
        assert "time_limit: 一个日内" in dump(s, "yaml")
        assert str(parse_standard(self.DOC % "time_limit: 3个工作日").item("A1").time_limit) == "3个工作日"

    def test_a_bad_clause_is_named_by_its_place_in_the_list(self) -> None:
        """A bad second frequency or time limit is a problem at `frequency[1]` / `time_limit[1]`."""
        with pytest.raises(DocumentError) as info:
            parse_standard(self.DOC % "frequency: [每周, 偶尔], time_limit: [3个工作日, 三个星期二]")
        paths = [p.path for p in info.value.problems]
        assert paths == ["sections[0].items[0].frequency[1]", "sections[0].items[0].time_limit[1]"]
