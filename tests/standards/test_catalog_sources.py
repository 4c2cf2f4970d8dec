"""The catalog says what the seeds say: texts are the source's, values are read from it or marked.

The five source documents are copied under ``tests/standards/seeds/`` (the suite reads nothing
outside the repository). Each shipped document carries the passages it models (``source.excerpt``)
and is held to them three ways:

(a) every excerpt occurs in a seed character for character, line breaks included;
(b) every item text occurs in the document's excerpts, white space aside (a seed's line breaks and
    the gaps between a flattened table's cells are layout, not words) — or it rebuilds a damaged
    passage and its note ``reconstructed: 「…」「…」 — why`` lists, in order, the fragments of the
    excerpt it joins;
(c) every value a computation uses is read from the source — an item's values from the item's own
    text (and the passages its note quotes in 「」, when they are in the excerpts), a document's values
    from its excerpts — or is covered by a ``library default: <where> — <reason>`` note. A mark on
    a container (``grades``, ``sections.*.sections``) does not reach into its items: an item's values
    are read from its text or marked by their own path.

Durations compare as durations (「一个日内」 is 1日, never 1个工作日; 「3-7天内」 gives 3日 and 7日),
frequencies by their period and counts, plain numbers as numbers of the running text (serial
numbers, article numbers and list numbering are not evidence), and words (start events, actors,
roles) across traditional and simplified script.

Run as a script (``uv run python -m tests.standards.test_catalog_sources``) it prints how many
item texts are verbatim.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from servstd._names import fold
from servstd._numerals import cn_int
from servstd.catalog import catalog
from servstd.errors import ServstdError
from servstd.sla import parse_duration
from servstd.standards import Frequency

SEEDS = {
    p.name: p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "seeds").glob("*.txt"))
}
IDS = catalog().ids()

NUMBER_KEYS = {"points", "deduct", "cap", "max_points", "min", "max", "weight", "best", "worst",
               "minimum", "maximum", "target", "thresholds", "at_least", "at_most", "above", "below"}  # fmt: skip
DURATION_KEYS = {"within", "from", "time_limit"}
WORD_KEYS = {"start_event", "actor", "to", "role", "approver", "roles", "clause", "due", "regime"}
ALWAYS_MARKED = {"rank", "hours", "default_tier"}
"""Values no source states (the order of tiers, business hours, the tier of an unlisted
category): each needs its own mark."""
ROUND_THE_CLOCK = ("24小时×365天", "7天/24小时", "全天候", "7×24", "7x24")
"""How a source says a clock runs every day round the clock (``always: true``)."""
RECONSTRUCTED = re.compile(r"reconstructed: ((?:「[^」]*」)+)\s*—\s*\S")
QUOTE = re.compile(r"「([^」]+)」")
ANNOTATION = re.compile(r"（[^）]*）")
AMOUNT_OR_NUMBER = re.compile(r"\d|[万亿]元")
"""A condition value that states a number (300万元以上, 亿元以上): it must be in the source."""


def flat(text: str) -> str:
    """``text`` without white space (line breaks and spaces are the layout of an extraction)."""
    return "".join(text.split())


# -- reading numbers, durations and frequencies out of a text ------------------------------------

_CN = "零〇一二两三四五六七八九十百千"
_UNIT_AFTER = "个項项次分日天小周月年季声聲人条條户戶米元万亿倍星%"
_ENUMERATION = re.compile(
    r"(?m)第[" + _CN + r"\d]+[条條章节節篇步项項]"  # 第三十四条, 第一步
    r"|[(（][" + _CN + r"\d]+[)）]"  # (一), （3）
    r"|^[\s•*#-]*\d+(?:\.\d+)*(?:\s*[.、．]|[ \t]+|$)"  # 1. / 2.1 / 15 at the start of a line
    r"|[•]\s*\d+\s*[.、．]?"  # • 5. inside a line
    r"|\d+[、]"  # 1、
    r"|[" + _CN + r"]+、"  # 一、
)


def numbers(text: str, *, running: bool = False) -> set[Decimal]:
    """The numbers ``text`` states: Arabic (a percentage also as its fraction, 万/亿 as multipliers)
    and Chinese numerals before a unit (三声, 一次, 两天); 半个/半年 as 0.5. ``running`` leaves out
    serial, article and list numbers."""
    if running:
        text = _ENUMERATION.sub(" ", text)
    out: set[Decimal] = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(%|万|亿)?", text):
        n = Decimal(m.group(1))
        out.add(n)
        if m.group(2) == "%":
            out.add(n / 100)
        elif m.group(2):
            out.add(n * (10_000 if m.group(2) == "万" else 100_000_000))
    for m in re.finditer(r"([" + _CN + r"]+)(?=\s*[" + _UNIT_AFTER + r"])", text):
        try:
            out.add(Decimal(cn_int(m.group(1))))
        except ValueError:  # noqa: PERF203 - a malformed numeral (九九九) is read digit by digit
            out.update(Decimal(cn_int(ch)) for ch in m.group(1) if ch not in "十百千")
    for m in re.finditer(r"(?<![\d" + _CN + r"])(万|亿)元", text):  # 保险金额亿元以上
        out.add(Decimal(10_000 if m.group(1) == "万" else 100_000_000))
    if "半个" in text or "半年" in text:
        out.add(Decimal("0.5"))
    if re.search(r"[双雙两兩](?=\s*[人名])", text):  # 双人查勘: two people
        out.add(Decimal(2))
    return out


_NUM = r"(\d+(?:\.\d+)?|[" + _CN + r"半]+)"
_DUR_UNIT = r"(工作日|工作小时|自然日|小时|分钟|日|天|月|年|周|星期)"
_RANGE = re.compile(_NUM + r"\s*[-–~至到]\s*" + _NUM + r"\s*(个)?\s*" + _DUR_UNIT)
_ONE = re.compile(_NUM + r"\s*(个)?\s*" + _DUR_UNIT)
_ANCHORS = {"当天": "当天", "当日": "当天", "次日": "次日", "次工作日": "次工作日"}


def _duration(count: str, unit: str) -> str | None:
    text = f"{count}个{unit}" if unit in ("月", "工作日") or count == "半" else f"{count}{unit}"
    try:
        return str(parse_duration(text))
    except ServstdError:
        return None


def durations(text: str) -> set[str]:
    """The durations ``text`` states, each as servstd writes it (``1日``, ``半个工作日``, ``当天``)."""
    text = fold(text)
    out = {_duration(m.group(i), m.group(4)) for m in _RANGE.finditer(text) for i in (1, 2)}
    out |= {_duration(m.group(1), m.group(3)) for m in _ONE.finditer(text)}
    out |= {v for k, v in _ANCHORS.items() if k in text}
    return {d for d in out if d is not None}


_PERIOD_WORDS = {"day": ("天", "日"), "week": ("周", "星期"), "month": ("月",), "quarter": ("季",),
                 "half-year": ("半年",), "year": ("年",)}  # fmt: skip


# -- the documents -----------------------------------------------------------------------------


def items(node: Any, path: str = "", key: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, item) for every checklist item (an entry of an ``items`` list) in a document's data."""
    if isinstance(node, dict):
        for k, value in node.items():
            yield from items(value, f"{path}.{k}" if path else k, k)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            here = f"{path}.{_label(value, i)}"
            if key == "items" and isinstance(value, dict):
                yield here, value
            yield from items(value, here)


def _label(node: Any, index: int) -> str:
    if isinstance(node, dict):
        for key in ("code", "id", "name"):
            if key in node:
                return str(node[key])
    return str(index)


def excerpts(sid: str) -> tuple[str, ...]:
    return catalog().source(sid).excerpts


def reconstruction(item: dict[str, Any]) -> list[str] | None:
    """The fragments a reconstructed item text joins, from its note (``None``: not reconstructed)."""
    m = RECONSTRUCTED.search(str(item.get("notes", "")))
    return QUOTE.findall(m.group(1)) if m else None


def quoted(text: str, sid: str) -> str:
    """``text`` when it occurs in the excerpts of ``sid`` (white space aside), else nothing."""
    return text if any(flat(text) in flat(e) for e in excerpts(sid)) else ""


def _values(node: Any, path: str, out: list[tuple[str, str, Any]], when: bool = False) -> None:
    """(path, key, value) for every value a computation uses."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else key
            if key in ("notes", "source", "text", "title", "name", "evidence", "tags"):
                continue
            if isinstance(value, list) and key in NUMBER_KEYS | DURATION_KEYS | WORD_KEYS | {"frequency"}:
                for i, v in enumerate(value):
                    if isinstance(v, dict):
                        _values(v, f"{here}.{i}", out)
                    else:
                        out.append((f"{here}.{i}", key, v))
            elif isinstance(value, (dict, list)):
                _values(value, here, out, when or key == "when")
            elif when and re.search(AMOUNT_OR_NUMBER, str(value)):
                out.append((here, "when", value))
            elif key in NUMBER_KEYS | DURATION_KEYS | WORD_KEYS | ALWAYS_MARKED | {"frequency", "always"}:
                out.append((here, key, value))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if when and not isinstance(value, (dict, list)) and re.search(AMOUNT_OR_NUMBER, str(value)):
                out.append((f"{path}.{i}", "when", value))
            else:
                _values(value, f"{path}.{_label(value, i)}", out, when)


def _covered(path: str, marks: list[str]) -> bool:
    """A mark covers its own path and what lies below it, but never reaches into an item."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        head, rest = ".".join(parts[:n]), parts[n:]
        if any(fnmatch.fnmatchcase(head, w) for w in marks):
            return "items" not in rest
    return False


def _item_of(path: str, by_path: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        found = by_path.get(".".join(parts[:n]))
        if found is not None:
            return found
    return None


def _sourced(key: str, value: Any, evidence: str, running: bool) -> bool:
    if key == "always":
        return value is not True or any(w in fold(evidence) for w in ROUND_THE_CLOCK)
    if key in WORD_KEYS:
        words = ANNOTATION.sub("", str(value))  # 生效对应日（倒计）: the remark is the library's
        return bool(words.strip()) and flat(fold(words)) in flat(fold(evidence))
    if key == "frequency":
        freq = Frequency.parse(str(value))
        need = {Decimal(freq.by_day)} if freq.by_day else set()
        need |= {Decimal(freq.at_least)} if freq.at_least > 1 else set()
        return need <= numbers(evidence) and any(
            w in fold(evidence) for w in _PERIOD_WORDS[freq.period.value]
        )
    if key in DURATION_KEYS or (isinstance(value, str) and durations(value)):
        said = durations(str(value))
        return bool(said) and said <= durations(evidence)
    if isinstance(value, bool):
        return True
    said_numbers = {Decimal(value)} if isinstance(value, (int, Decimal)) else numbers(str(value))
    return bool(said_numbers) and said_numbers <= numbers(evidence, running=running)


def unsourced(sid: str) -> list[str]:
    """The values of document ``sid`` read neither from the source nor covered by a mark."""
    c = catalog()
    data = c.data(sid)
    marks = [d.where for d in c.defaults(sid)]
    by_path = dict(items(data))
    whole = "\n".join(excerpts(sid))
    found: list[tuple[str, str, Any]] = []
    _values({k: v for k, v in data.items() if k not in ("notes", "source")}, "", found)
    problems = []
    for path, key, value in found:
        if _covered(path, marks):
            continue
        if key in ALWAYS_MARKED:
            problems.append(f"{path} = {value!r} (needs a library default mark)")
            continue
        item = _item_of(path, by_path)
        if item is not None:
            quotes = [quoted(q, sid) for q in QUOTE.findall(str(item.get("notes", "")))]
            evidence = " ".join([str(item["text"]), *quotes])
            if key == "roles":  # who takes part: often named by a heading (项目经理管理要求)
                evidence += " " + whole
            ok = _sourced(key, value, evidence, running=False)
        else:
            ok = _sourced(key, value, whole, running=True)
        if not ok:
            problems.append(f"{path} = {value!r}")
    return problems


# -- (a) excerpts ------------------------------------------------------------------------------


@pytest.mark.parametrize("sid", IDS)
def test_every_document_quotes_its_source_verbatim(sid: str) -> None:
    """(a) A document carries the passages it models, each found character for character in a seed."""
    found = excerpts(sid)
    assert found, f"{sid}: source.excerpt is empty"
    assert [e for e in found if not any(e in seed for seed in SEEDS.values())] == []


# -- (b) item texts ----------------------------------------------------------------------------


def misquoted(sid: str) -> list[str]:
    """Items whose text is not in the excerpts of ``sid`` and not a stated reconstruction of them."""
    body = [flat(e) for e in excerpts(sid)]
    bad = []
    for path, item in items(catalog().data(sid)):
        text = flat(str(item["text"]))
        if any(text in b for b in body):
            continue
        fragments = reconstruction(item)
        if fragments is None:
            bad.append(f"{path}: {item['text']!r} is not in the excerpt")
            continue
        if flat("".join(fragments)) != text:
            bad.append(f"{path}: the fragments of its reconstruction do not join to its text")
            continue
        if not any(_in_order([flat(f) for f in fragments], b) for b in body):
            bad.append(f"{path}: a fragment of its reconstruction is not in the excerpt, in order")
    return bad


def _in_order(fragments: list[str], body: str) -> bool:
    at = 0
    for f in fragments:
        at = body.find(f, at)
        if not f or at < 0:
            return False
        at += len(f)
    return True


@pytest.mark.parametrize("sid", IDS)
def test_every_item_text_is_the_sources(sid: str) -> None:
    """(b) Item texts are the source's characters (punctuation and script included), or a marked reconstruction."""
    assert misquoted(sid) == []


# -- (c) values --------------------------------------------------------------------------------


@pytest.mark.parametrize("sid", IDS)
def test_every_value_is_read_from_the_source_or_marked(sid: str) -> None:
    """(c) Every number, duration, frequency, start event and actor is in the source text, or marked."""
    assert unsourced(sid) == []


@pytest.mark.parametrize("sid", IDS)
def test_sources_are_human_titles(sid: str) -> None:
    """A document names its source by title and place, never by an internal file name."""
    title = catalog().source_title(sid)
    assert title
    assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt", title)


class TestTheChecksCanFail:
    """The readers behind (b) and (c) report what they should (so an empty list means something)."""

    def test_a_changed_word_or_punctuation_is_not_in_the_source(self) -> None:
        """One word, or a half-width comma made full-width, is enough to miss the seed."""
        seed = "每周至少组织一次部门例会,有会议记录"
        assert flat("每周至少组织一次部门例会,有会议记录") in flat(seed)
        assert flat("每周至少组织一次部门例会，有会议记录") not in flat(seed)
        assert flat("每周至少组织一次部门会议,有会议记录") not in flat(seed)

    def test_durations_are_read_as_durations(self) -> None:
        """「一个日内」 is 1日 (not 1个工作日); a range gives both ends; traditional script reads too."""
        assert durations("苗木死亡或损坏一个日内以《工作联系单》发相关部门处理") == {"1日"}
        assert "1个工作日" not in durations("一个日内")
        assert durations("投诉处理完成后3-7天内对投诉业主进行回访") >= {"3日", "7日"}
        assert durations("重要投訴,接待后1小時內轉呈主管經理") == {"1小时"}
        assert durations("半个工作日内") == {"半个工作日"}

    def test_running_numbers_leave_out_numbering(self) -> None:
        """Serial and article numbers are not evidence; 40%, 三声 and 300万元 are."""
        text = "第三十四条(二)\n15 卫生状况不达标项\n权重40%,三声内接听,保险金额300万元以上\n24小时内答复,保险金额亿元以上"
        got = numbers(text, running=True)
        assert {Decimal("0.4"), Decimal(3), Decimal(3_000_000), Decimal(24), Decimal(100_000_000)} <= got
        assert not {Decimal(34), Decimal(2), Decimal(15)} & got

    def test_a_mark_does_not_reach_into_items(self) -> None:
        """`sections.*.sections` covers a section's own values, not the items' under it."""
        marks = ["sections.*.sections", "grades"]
        assert _covered("grades.优秀.min", marks)
        assert _covered("sections.basic.sections.plan.max_points", marks)
        assert not _covered("sections.basic.sections.plan.items.CS01.frequency", marks)

    def test_an_invented_value_is_reported(self) -> None:
        """A time limit, a count or a start event the item's text does not state is unsourced."""
        text = "每周至少对园区巡查1次,有周检记录"
        assert _sourced("frequency", "每周至少1次", text, running=False)
        assert not _sourced("frequency", "每周至少2次", text, running=False)
        assert not _sourced("frequency", "每月至少1次", text, running=False)
        assert _sourced("time_limit", "1日", "苗木死亡或损坏一个日内", running=False)
        assert not _sourced("time_limit", "1个工作日", "苗木死亡或损坏一个日内", running=False)
        assert not _sourced("start_event", "接到报案", "城区出险40分钟内到达现场", running=False)
        assert not _sourced("deduct", Decimal("0.5"), "每 一项不符合扣0.3分", running=False)


def figures() -> dict[str, int]:
    """How many item texts are verbatim: in a seed as is, white space aside, and in their own excerpt."""
    seeds = "\n".join(SEEDS.values())
    seeds_flat = flat(seeds)
    out = {"items": 0, "in a seed as written": 0, "in a seed, white space aside": 0,
           "in the document's excerpt": 0, "stated reconstructions": 0,
           "values checked": 0, "values covered by a mark": 0}  # fmt: skip
    for sid in IDS:
        body = [flat(e) for e in excerpts(sid)]
        for _, item in items(catalog().data(sid)):
            text = str(item["text"])
            out["items"] += 1
            out["in a seed as written"] += text in seeds
            out["in a seed, white space aside"] += flat(text) in seeds_flat
            out["in the document's excerpt"] += any(flat(text) in b for b in body)
            out["stated reconstructions"] += reconstruction(item) is not None
        data = catalog().data(sid)
        found: list[tuple[str, str, Any]] = []
        _values({k: v for k, v in data.items() if k not in ("notes", "source")}, "", found)
        marks = [d.where for d in catalog().defaults(sid)]
        out["values checked"] += len(found)
        out["values covered by a mark"] += sum(_covered(p, marks) for p, _, _ in found)
    return out


if __name__ == "__main__":  # pragma: no cover - the figures for a review
    import sys

    sys.stdout.write("".join(f"{name:>32}: {n}\n" for name, n in figures().items()))
