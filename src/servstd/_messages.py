"""The text servstd prints, in Chinese or English: a gettext catalog read when a message is rendered.

English is the source language: every message is written in English in the code, and
``locale/zh_CN/LC_MESSAGES/servstd.po`` holds its Chinese. The catalog is read on the first
Chinese message of a process (never at import, so a command that prints English, or nothing, never
reads it) and kept for the life of the process.

Two ways in:

* :func:`tr` — a message written for translation: its ``msgid`` is a literal in the code, its
  values are named (``tr("{n} breached", lang, n=3)``). The catalog check (``tests/test_messages.py``)
  finds every such literal in ``src/`` and fails on one that has no Chinese, on a Chinese text whose
  placeholders differ from the English, and on an entry nothing uses.
* :func:`translate` — a whole English message made elsewhere (an error's reason, argparse's own
  words): the catalog's *patterns* (entries flagged ``servstd-pattern``) are matched against it,
  each placeholder standing for any text; a placeholder whose name starts with ``msg`` is itself
  translated. A value (a placeholder not named ``msg…``) never spans ``"; "``, so messages
  joined by ``"; "`` (a file's problems, in one reason) are translated part by part, each part
  whole. A message no pattern matches stays English — never a wrong translation.

>>> tr("{n} breached", "en", n=3)
'3 breached'
>>> tr("{n} breached", "zh", n=3)
'违约 3 件'
>>> translate("not a month number", "zh")
'不是月份数字'
>>> translate("argument --lang: invalid choice: 'fr' (choose from 'zh', 'en')", "zh")
"参数 --lang：无效的选项 'fr'（可选：'zh', 'en'）"
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

__all__ = ["CATALOG", "Entry", "entries", "noop", "pattern_msgids", "placeholders", "tr", "translate"]

CATALOG = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "locale", "zh_CN", "LC_MESSAGES", "servstd.po"
)
"""The Chinese catalog (gettext ``.po``), as a file name (pathlib is not loaded at start-up)."""

PATTERN_FLAG = "servstd-pattern"
"""The flag (``#, servstd-pattern``) of an entry that translates messages made outside :func:`tr`."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_VALUE = r"(?:(?!; ).)+?"
"""What a value placeholder matches: any text but the ``"; "`` that joins two messages."""
_JOINED = 8  # at most this many "; "-joined parts are tried one by one


class Entry(NamedTuple):
    """One catalog entry: ``msgid``, ``msgstr`` and its flags."""

    msgid: str
    msgstr: str
    flags: frozenset[str]


def _unquote(line: str) -> str:
    """The text of one quoted ``.po`` string (``"..."``), escapes resolved."""
    body = line.strip()[1:-1]
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _parse(text: str) -> Iterator[Entry]:
    """The entries of a ``.po`` text (the header entry, whose msgid is empty, left out)."""
    flags: set[str] = set()
    field = ""
    parts: dict[str, list[str]] = {}

    def done() -> Iterator[Entry]:
        if "msgid" in parts and "msgstr" in parts and "".join(parts["msgid"]):
            yield Entry("".join(parts["msgid"]), "".join(parts["msgstr"]), frozenset(flags))

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            yield from done()
            flags, field, parts = set(), "", {}
        elif line.startswith("#,"):
            flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgstr ", "msgctxt ")):
            if line.startswith("msgid ") and "msgstr" in parts:  # no blank line between entries
                yield from done()
                flags, parts = set(), {}
            field, _, rest = line.partition(" ")
            parts[field] = [_unquote(rest)]
        elif line.startswith('"') and field:
            parts[field].append(_unquote(line))


@functools.cache
def entries() -> tuple[Entry, ...]:
    """Every entry of the Chinese catalog (read once, on first use)."""
    with open(CATALOG, encoding="utf-8") as f:
        return tuple(_parse(f.read()))


@functools.cache
def _exact() -> dict[str, str]:
    return {e.msgid: e.msgstr for e in entries() if e.msgstr}


def placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders of a message, in order.

    >>> placeholders("{n} of {total}")
    ['n', 'total']
    """
    return _PLACEHOLDER.findall(text)


def pattern_msgids() -> list[str]:
    """The msgids of the pattern entries."""
    return [e.msgid for e in entries() if PATTERN_FLAG in e.flags]


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each pattern entry as a regular expression, the most literal text first."""
    found = []
    for e in entries():
        if PATTERN_FLAG not in e.flags or not e.msgstr:
            continue
        pieces = _PLACEHOLDER.split(e.msgid)  # literal, name, literal, name, …
        regex = "".join(
            re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" if p.startswith("msg") else f"(?P<{p}>{_VALUE})"
            for i, p in enumerate(pieces)
        )
        literal = sum(len(p) for p in pieces[::2])
        found.append((literal, re.compile(regex + r"\Z", re.S), e.msgstr))
    found.sort(key=lambda x: -x[0])
    return tuple((rx, zh) for _, rx, zh in found)


def _is_zh(lang: object) -> bool:
    """Whether ``lang`` is Chinese; callers have checked it (this module sits below the error tree,
    so a wrong value here is a bug in servstd, not bad input)."""
    if lang not in ("zh", "en"):
        raise AssertionError(f"lang={lang!r}: 'zh' or 'en' expected")
    return lang == "zh"


def noop(msgid: str) -> str:
    """``msgid`` unchanged: marks a text translated later (by :func:`translate`), so the catalog
    check knows it is used and that it needs Chinese."""
    return msgid


def tr(msgid: str, lang: object, /, **values: Any) -> str:
    """The message ``msgid`` in ``lang`` (``"zh"`` or ``"en"``), its ``{name}`` placeholders filled
    with ``values``. A message the catalog lacks is English (the catalog check keeps that from
    happening in a release)."""
    text = _exact().get(msgid, msgid) if _is_zh(lang) else msgid
    return text.format(**values) if values else text


def translate(text: str, lang: object) -> str:
    """An English message made elsewhere, in ``lang``: each line by the catalog's exact entries or
    patterns, unchanged where none matches."""
    if not _is_zh(lang):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    body = line[len(indent) :]
    if not body:
        return line
    got = _translated(body)
    return line if got is None else indent + got


def _translated(body: str) -> str | None:
    """``body`` in Chinese by an exact entry, a pattern or as messages joined by ``"; "``;
    ``None`` if it is none of these."""
    exact = _exact().get(body)
    if exact is not None:
        return exact
    for rx, zh in _patterns():
        m = rx.match(body)
        if m:
            values = {k: (_line(v) if k.startswith("msg") else v) for k, v in m.groupdict().items()}
            return zh.format(**values)
    return _joined(body)


def _joined(body: str) -> str | None:
    """Messages joined by ``"; "``, each translated whole (the first as few parts as make one
    known message, the rest likewise), joined by ``；``; ``None`` unless every part is known."""
    parts = body.split("; ")
    if not 2 <= len(parts) <= _JOINED:
        return None
    for k in range(1, len(parts)):
        head = _translated("; ".join(parts[:k]))
        if head is None:
            continue
        rest = _translated("; ".join(parts[k:]))
        if rest is not None:
            return f"{head}；{rest}"
    return None
