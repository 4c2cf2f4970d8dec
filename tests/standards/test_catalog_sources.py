"""Every value in the catalog is read from the text it quotes, or marked as a library default.

The walk reads each shipped document as data and collects every value a computation uses
(points, deductions, caps, totals, grade bounds, weights, targets, frequencies, time limits,
ranks, business hours). A value counts as sourced when the numbers in it (or, for 当天/每季度-like
values without a number, its words) appear in the requirement text that quotes the source at the
nearest scope: the item's own text for an item's values; the document's titles, notes and
criteria texts for document-wide values; and for a policy, its notes and stage names plus the
texts of the catalog standards taken from the same source. Anything else must be covered by a
``library default: <where> — <reason>`` note.
"""

from __future__ import annotations

import fnmatch
import re
from decimal import Decimal
from typing import Any

import pytest

from servstd._numerals import cn_int
from servstd.catalog import catalog
from servstd.sla import parse_duration

VALUE_KEYS = {
    "points", "deduct", "cap", "max_points", "min", "max", "frequency", "time_limit", "within", "from",
    "weight", "target", "best", "worst", "minimum", "maximum", "rank", "hours",
}  # fmt: skip
TEXT_KEYS = {"text", "title", "name", "notes", "evidence"}
WORDS = {
    "当天": ("当天", "当日", "當天", "當日"), "当日": ("当天", "当日", "當天", "當日"),
    "每天": ("每天", "每日"), "每周": ("周",), "每月": ("月",), "每季度": ("季",), "每年": ("年",),
}  # fmt: skip
ALWAYS_MARKED = ("rank", "hours")
"""Values no seed states in numbers (an order of tiers, business hours): each needs its mark."""


def _numbers(text: str) -> set[Decimal]:
    """Arabic and Chinese numbers in ``text``; a percentage also counts as its fraction."""
    out: set[Decimal] = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)(%)?", text):
        n = Decimal(m.group(1))
        out.add(n)
        if m.group(2):
            out.add(n / 100)
    for m in re.finditer(r"[零〇一二两三四五六七八九十百千万]+", text):
        out.update(_chinese(m.group(0)))
    if "半个" in text or "半年" in text:
        out.add(Decimal("0.5"))
    return out


def _chinese(run: str) -> set[Decimal]:
    """A run of Chinese numerals: its value, or (when malformed, 九九九) each digit on its own."""
    try:
        return {Decimal(cn_int(run))}
    except ValueError:
        return {Decimal(cn_int(ch)) for ch in run if ch not in "十百千万"}


def _value_numbers(value: Any) -> tuple[set[Decimal], str]:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return {Decimal(str(value))}, ""
    text = str(value)
    nums = _numbers(text)
    try:
        d = parse_duration(text)
        nums = _numbers(str(d)) | nums
    except ValueError:
        pass
    return nums, text


def _texts(node: Any) -> str:
    if isinstance(node, dict):
        return " ".join(
            _texts(v) if k in TEXT_KEYS or isinstance(v, (dict, list)) else "" for k, v in node.items()
        )
    if isinstance(node, list):
        return " ".join(_texts(v) for v in node)
    return str(node)


def _own_text(node: dict[str, Any]) -> str:
    return " ".join(str(node.get(k, "")) for k in ("text", "name", "notes", "evidence", "title"))


def _label(node: Any, index: int) -> str:
    if isinstance(node, dict):
        for key in ("code", "id", "name"):
            if key in node:
                return str(node[key])
    return str(index)


def _walk(node: Any, path: str, scope: str, out: list[tuple[str, Any, str]]) -> None:
    """(path, value, nearest evidence) for every value under ``node``."""
    if isinstance(node, dict):
        here = _own_text(node) if ("code" in node or "name" in node) else ""
        for key, value in node.items():
            p = f"{path}.{key}" if path else key
            if key in VALUE_KEYS and not isinstance(value, (dict, list)):
                out.append((p, value, here + " " + scope))
            elif isinstance(value, dict) and key in ("time_limit",):
                _walk(value, p, here + " " + scope, out)
            elif isinstance(value, (dict, list)):
                _walk(value, p, (here + " " + scope) if here else scope, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk(value, f"{path}.{_label(value, i)}", scope, out)


def _item_paths(data: dict[str, Any]) -> dict[str, Any]:
    """Items by code (a value's path names its item by code, whatever section it sits in)."""
    found: dict[str, Any] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "code" in node and "text" in node:
                found[str(node["code"])] = node
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return found


def _document_scope(data: dict[str, Any]) -> str:
    notes = [n for n in data.get("notes", []) if not str(n).startswith("library default:")]
    parts = [str(data.get("title", "")), *map(str, notes)]
    parts += [_texts(c) for c in data.get("criteria", [])]
    parts += [str(s.get("title", "")) + " " + str(s.get("notes", "")) for s in data.get("sections", [])]
    return " ".join(parts)


def _source_family(sid: str) -> str:
    """Texts of the catalog's standards taken from the same source collection as ``sid``."""
    c = catalog()
    family = c.source_title(sid).split("：")[0]
    return " ".join(
        _texts(c.data(i))
        for i in c.ids()
        if c.kind(i) in ("standard", "procedure", "schedule") and c.source_title(i).split("：")[0] == family
    )


def unsourced(sid: str) -> list[str]:
    """The values of document ``sid`` with neither a source in its text nor a library-default mark."""
    c = catalog()
    data = c.data(sid)
    marks = [d.where for d in c.defaults(sid)]
    scope = _document_scope(data)
    if c.kind(sid) in ("sla-policy", "complaint-policy"):
        scope += " " + _texts(data) + " " + _source_family(sid)
    values: list[tuple[str, Any, str]] = []
    _walk({k: v for k, v in data.items() if k != "notes"}, "", scope, values)
    problems = []
    for path, value, near in values:
        evidence = near
        if any(fnmatch.fnmatch(path, w) or fnmatch.fnmatch(path, w + ".*") for w in marks):
            continue
        if path.split(".")[-1] in ALWAYS_MARKED:
            problems.append(f"{path} = {value!r}")
            continue
        if path.startswith("grades."):
            evidence = " ".join(
                str(n) for n in data.get("notes", []) if not str(n).startswith("library default:")
            )
        nums, text = _value_numbers(value)
        if nums:
            if nums <= _numbers(evidence):
                continue
        elif text and any(w in evidence for w in WORDS.get(text, (text,))):
            continue
        problems.append(f"{path} = {value!r}")
    return problems


@pytest.mark.parametrize("sid", catalog().ids())
def test_every_value_has_a_source_or_a_library_default_mark(sid: str) -> None:
    """No catalog value lacks a source in the text it quotes or a "library default" mark."""
    assert unsourced(sid) == []


@pytest.mark.parametrize("sid", catalog().ids())
def test_sources_are_human_titles(sid: str) -> None:
    """A document names its source by title and place, never by an internal file name."""
    title = catalog().source_title(sid)
    assert title
    assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt", title)


def test_the_walk_catches_an_invented_value() -> None:
    """The walk itself can fail: a value the text does not state is reported."""
    data = {"id": "x", "title": "t", "sections": [{"id": "s", "title": "s", "items": [
        {"code": "A", "text": "3个工作日内答复", "time_limit": "3个工作日"},
        {"code": "B", "text": "及时答复", "time_limit": "10日"},
    ]}]}  # fmt: skip
    found: list[tuple[str, Any, str]] = []
    _walk(data, "", "", found)
    bad = [p for p, v, ev in found if not _value_numbers(v)[0] <= _numbers(ev)]
    assert bad == ["sections.s.items.B.time_limit"]


def test_numbers_reads_chinese_and_percentages() -> None:
    """The evidence reader sees 三声, 40%, 半个工作日."""
    assert {Decimal(3), Decimal("0.4"), Decimal("0.5")} <= _numbers("三声内接听，权重40%，半个工作日")


def test_invalid_numbers_do_not_crash() -> None:
    """A malformed numeral in a text is read digit by digit, not refused."""
    assert Decimal(9) in _numbers("九九九")
