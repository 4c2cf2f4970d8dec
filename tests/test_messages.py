"""The message catalog (src/servstd/locale/zh_CN/LC_MESSAGES/servstd.po) is in step with the code.

Every text the code marks for translation — the first argument of ``tr(...)``, ``t(...)`` and
``noop(...)`` anywhere in ``src/`` — and every help text, description and epilog of the
``servstd`` parser has Chinese; every Chinese text has the placeholders of its English; and no
entry is left that nothing uses. Run this file as a script to print the missing entries as
``.po`` text, ready to translate::

    uv run python tests/test_messages.py >> src/servstd/locale/zh_CN/LC_MESSAGES/servstd.po
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from servstd import _messages
from servstd._messages import PATTERN_FLAG, entries, placeholders, tr, translate
from servstd.cli import _parser

SRC = Path(__file__).resolve().parent.parent / "src" / "servstd"
MARKERS = {"tr", "t", "noop"}


def _marked() -> dict[str, str]:
    """Every literal marked for translation in src/, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0]
            if name in MARKERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(SRC.parent)}:{node.lineno}")
    return found


def _constants() -> set[str]:
    """Every string constant in src/ (a word a message is built from may be translated whole)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every parser below it (``calendar export`` included)."""
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                out += _parsers(sub)
    for name in ("by_year", "export"):
        if isinstance(getattr(parser, name, None), argparse.ArgumentParser):
            out += _parsers(getattr(parser, name))
    return out


def _help_texts() -> dict[str, str]:
    """Every text of the parser that a person reads, as the help formatter looks it up: a
    paragraph, or each line of a paragraph the catalog does not have whole (command lines left out)."""
    exact = {e.msgid for e in entries()}
    found: dict[str, str] = {}
    for p in _parsers(_parser()):
        texts = [p.description, p.epilog]
        for action in p._actions:
            texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts += [a.help for a in action._choices_actions]
        for text in texts:
            if not text or text is argparse.SUPPRESS:
                continue
            for para in text.split("\n\n"):
                if para in exact:
                    found.setdefault(para, p.prog)
                    continue
                for line in para.split("\n"):
                    body = line.strip()
                    if body and not body.startswith("servstd ") and re.search(r"\w", body):
                        found.setdefault(body, p.prog)
    return found


def _missing() -> dict[str, str]:
    have = {e.msgid for e in entries() if e.msgstr}
    wanted = {**_help_texts(), **_marked()}
    return {m: where for m, where in sorted(wanted.items()) if m not in have}


class TestCatalog:
    def test_every_marked_text_has_chinese(self) -> None:
        """Every tr()/t()/noop() literal in src/ has a Chinese entry (run this file to list them)."""
        have = {e.msgid for e in entries() if e.msgstr}
        assert {m: w for m, w in _marked().items() if m not in have} == {}

    def test_every_help_text_has_chinese(self) -> None:
        """Every help text, description and epilog of the command has a Chinese entry."""
        have = {e.msgid for e in entries() if e.msgstr}
        assert {m: w for m, w in _help_texts().items() if m not in have} == {}

    def test_placeholders_match(self) -> None:
        """A Chinese text has exactly the placeholders of its English (each as often)."""
        bad = [
            e.msgid
            for e in entries()
            if e.msgstr and Counter(placeholders(e.msgid)) != Counter(placeholders(e.msgstr))
        ]
        assert bad == []

    def test_no_unused_entries(self) -> None:
        """Every entry that is not a pattern is a marked literal, a help text or a text the code
        holds (a word or reason translated whole): an entry nothing uses is stale."""
        used = set(_marked()) | set(_help_texts()) | _constants()
        stale = [e.msgid for e in entries() if PATTERN_FLAG not in e.flags and e.msgid not in used]
        assert stale == []

    def test_no_duplicate_entries(self) -> None:
        """Each English text is in the catalog once."""
        counts = Counter(e.msgid for e in entries())
        assert [m for m, n in counts.items() if n > 1] == []

    def test_chinese_is_chinese(self) -> None:
        """Each translation has Chinese characters, unless the English has no words to translate."""
        cjk = re.compile(r"[\u4e00-\u9fff]")
        bad = [
            e.msgid
            for e in entries()
            if e.msgstr
            and re.search(r"[A-Za-z]{3}", re.sub(r"\{\w+\}", "", e.msgid))
            and not cjk.search(e.msgstr)
        ]
        assert bad == []


class TestTranslate:
    def test_english_is_the_source(self) -> None:
        """Under "en" a message is its msgid, filled in."""
        assert tr("{n} breached", "en", n=3) == "3 breached"

    def test_unknown_text_stays_english(self) -> None:
        """A message the catalog does not know stays as it is, never half-guessed."""
        assert translate("a message nobody wrote", "zh") == "a message nobody wrote"

    def test_patterns_translate_argparse(self) -> None:
        """argparse's errors are translated by pattern, the inner message too."""
        text = translate("argument --format: invalid choice: 'x' (choose from 'a', 'b')", "zh")
        assert text == "参数 --format：无效的选项 'x'（可选：'a', 'b'）"

    def test_joined_messages_are_translated_part_by_part(self) -> None:
        """Messages joined by "; " (a notice file's problems, in one reason) are translated each
        whole, a part that holds "; " itself included; a value never swallows the next message."""
        joined = (
            "no item for 春节 (statutory: 2月5日、2月6日); a part of the notice is missing; "
            "2027-02-05 is a statutory day of 春节 but the notice does not make it a rest day"
        )
        assert translate(joined, "zh") == (
            "没有春节这一项（法定假日：2月5日、2月6日）；通知缺了一部分；"
            "2027-02-05 是春节的法定假日，但通知没有把它定为休息日"
        )

    def test_joined_messages_with_an_unknown_part_stay_english(self) -> None:
        """If one of the joined messages is unknown, the whole line stays English."""
        joined = (
            "no item for 春节 (statutory: 2月5日); a part of the notice is missing; a message nobody wrote"
        )
        assert translate(joined, "zh") == joined

    def test_a_nested_reason_is_translated(self) -> None:
        """A {msg_…} placeholder is translated in turn: a damaged notice file's reason."""
        text = translate(
            "the notice file /n/2028.txt is damaged (is a symbolic link; notices in a folder must be "
            "regular files); remove it (servstd notice remove 2028) or add the year's notice again",
            "zh",
        )
        assert text == (
            "通知文件 /n/2028.txt 已损坏（是符号链接；文件夹中的通知必须是普通文件）；"
            "请删除它（servstd notice remove 2028），或重新添加该年的通知"
        )

    def test_catalog_is_read_lazily(self) -> None:
        """Importing servstd (and its errors) does not read the catalog."""
        code = (
            "import servstd, servstd.errors, servstd._messages as m, sys;"
            "sys.exit(m.entries.cache_info().currsize)"
        )
        assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

    def test_catalog_ships_in_the_package(self) -> None:
        """The catalog is package data beside the module that reads it."""
        assert Path(_messages.CATALOG).is_file()
        assert Path(_messages.CATALOG).resolve().is_relative_to(SRC)


if __name__ == "__main__":  # print the missing entries as .po text; exit 1 if there are any
    missing = _missing()
    for msgid, where in missing.items():
        escaped = msgid.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        sys.stdout.write(f'#: {where}\nmsgid "{escaped}"\nmsgstr ""\n\n')
    sys.exit(1 if missing else 0)
