"""The layout of a pasted notice: title, 文号, numbered items and their sentences.

Read as text, not lines: punctuation is made one width (full-width and ASCII alike), wrapped
lines are joined (a line break ends a sentence only before a numbered item or a paragraph that
opens a new part: 节假日期间…, 鼓励…, 国务院办公厅), an item runs from 「一、」 to the next numbered
item, and the title is found across line breaks. Every step is a single pass or a regular
expression without nested or overlapping repetition, so the work is linear in the text's length.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from servstd.errors import NoticeParseError

__all__ = ["MAX_CHARS", "Item", "Layout", "layout", "numeral"]

MAX_CHARS = 1_000_000
"""The longest text read as a notice (a real one is under 3,000 characters)."""

_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "；": ";",
        "．": ".",
        "～": "—",
        "~": "—",
        "－": "—",
        "-": "—",
        "–": "—",
        "―": "—",
        "〜": "—",
        " ": None,
        "\u3000": None,
        "\t": None,
        "\r": None,
        "\xa0": None,
        "\ufeff": None,
    }
)
_DASHES = re.compile("—+")
_CN_DIGITS = "一二三四五六七八九"
_ITEM = re.compile(r"([一二三四五六七八九十]{1,3}|\d{1,2})、")
# a line that opens a new part of the notice (so the line break before it ends a sentence)
_STARTERS = ("节假日期间", "调休放假期间", "鼓励", "国务院", "各省、", "经国务院批准", "请", "特此通知")
_TITLE = re.compile(r"关于([^。]{1,60}?)的?通知")
# 国办发明电〔2014〕28号 (the General Office's yearly notices), 国发明电〔2015〕1号 (the State Council's own)
_NUMBER = re.compile(r"国(?:办)?发[明电]{0,2}[〔\[【(](\d{4})[〕\]】)](\d{1,3})号")
_SIGNED = re.compile(r"(?:国务院(?:办公厅)?)?(\d{4})年(\d{1,2})月(\d{1,2})日")
_AFTER_INTRO = re.compile(r"如下[:。]")


def numeral(text: str) -> int:
    """一 … 九十九 or Arabic digits as an int (0 when it is neither)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.index(text) + 1 if len(text) == 1 and text in _CN_DIGITS else 0
    t = 1 if tens == "" else (_CN_DIGITS.index(tens) + 1 if tens in _CN_DIGITS else 0)
    u = 0 if units == "" else (_CN_DIGITS.index(units) + 1 if units in _CN_DIGITS else -100)
    return max(t * 10 + u, 0)


@attrs.frozen
class Item:
    """One numbered item: its number, the name before the colon (may be empty), its sentences."""

    number: int
    name: str
    sentences: tuple[str, ...]


@attrs.frozen
class Layout:
    """A notice cut into its parts."""

    title: str
    number: str
    issued: dt.date | None
    intro: tuple[str, ...]
    """Sentences up to 「…通知如下」: they describe, they do not arrange."""
    preamble: tuple[str, ...]
    """Sentences after the intro and before the first item (a notice without items arranges here)."""
    items: tuple[Item, ...]


def normalize(text: str) -> str:
    """One width of punctuation and digits, no spaces; line breaks kept."""
    if len(text) > MAX_CHARS:
        raise NoticeParseError(
            text[:40], f"the text has {len(text):,} characters; a notice is read up to {MAX_CHARS:,}"
        )
    return _DASHES.sub("—", text.translate(_WIDTH))


def _title(lines: list[str]) -> tuple[str, int]:
    """The title (across up to four leading lines) and how many lines it takes."""
    head = ""
    for k, line in enumerate(lines[:6]):
        head += line
        if len(head) > 300:
            break
        m = _TITLE.search(head)
        if m:
            return m.group(0), k + 1
    return "", 0


def _sentences(lines: list[str]) -> list[str]:
    """Sentences of the text: split at 。 and ；, and after 「通知如下：」; wrapped lines joined."""
    joined: list[str] = []
    for line in lines:
        if not line:
            continue
        if joined and (_ITEM.match(line) or line.startswith(_STARTERS)):
            joined.append("。")
        joined.append(line)
    text = _AFTER_INTRO.sub(lambda m: m.group(0)[:2] + "。", "".join(joined))
    return [part for part in text.replace(";", "。").split("。") if part]


def layout(text: str) -> Layout:
    """Title, 文号, signature date and items of a notice (see the module documentation)."""
    lines = [ln for ln in normalize(text).split("\n") if ln]
    title, used = _title(lines)
    number_m = _NUMBER.search(text.translate(_WIDTH)[:2000])
    number = number_m.group(0) if number_m else ""
    sentences = _sentences(lines[used:])
    intro_end = next((k + 1 for k, sen in enumerate(sentences) if sen.endswith(("如下", "如下:"))), 0)
    intro = sentences[:intro_end]
    preamble: list[str] = []
    items: list[tuple[int, str, list[str]]] = []
    current: list[str] | None = None
    issued = None
    for sentence in sentences[intro_end:]:
        signed = _SIGNED.fullmatch(sentence)
        if signed:
            y, m, d = (int(g) for g in signed.groups())
            try:
                issued = dt.date(y, m, d)
            except ValueError:
                raise NoticeParseError(sentence, "the signature date is not a date") from None
            continue
        marker = _ITEM.match(sentence)
        if marker and numeral(marker.group(1)):
            # an excerpt may start at any item; after that each item is the next one
            expected = items[-1][0] + 1 if items else numeral(marker.group(1))
            if numeral(marker.group(1)) != expected:
                raise NoticeParseError(
                    sentence,
                    f"item {marker.group(1)}、 where item {expected} was expected: an item is missing "
                    "or its number is damaged",
                )
            body = sentence[marker.end() :]
            name = ""
            colon = body.find(":", 0, 40)
            if colon > 0 and not any(c.isdigit() for c in body[:colon]):
                name, body = body[:colon], body[colon + 1 :]
            current = [body] if body else []
            items.append((expected, name, current))
            continue
        if current is None:
            preamble.append(sentence)
        else:
            current.append(sentence)
    frozen = tuple(Item(n, name, tuple(body)) for n, name, body in items)
    return Layout(title, number, issued, tuple(intro), tuple(preamble), frozen)
