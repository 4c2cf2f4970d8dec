"""The Chinese message catalogs (``docs/locale/zh_CN/LC_MESSAGES/*.po``), kept in step with the
English sources.

``python docs/translations.py update POT_DIR PO_DIR`` merges a fresh ``sphinx-build -b gettext``
output into the catalogs: translations of unchanged messages are kept, new or changed messages
arrive empty, messages that left the sources are dropped.

``python docs/translations.py check POT_DIR PO_DIR`` prints, per page, the messages of the English
source that the catalog lacks (new or changed text), leaves untranslated, or marks fuzzy, and
exits 1 if any count is not zero.

Two kinds of text have no catalog entries: API docstrings, which stay English on the Chinese site
(the reference pages' own introductions are translated), and the pages generated from the library
at build time (``catalog/``), which the generator writes in each language itself. The changelog
is a record kept in English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

GENERATED = ("catalog/", "changelog")
HEADER = "# servstd documentation: Chinese (Simplified) translation of the English sources."


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value[0]) if value else ""  # type: ignore[index]


def _translatable(m: Message) -> bool:
    """A message of the page itself, not only of an API docstring."""
    if not m.id:
        return False
    # a page's own text is located in its source file; a docstring in "x.py:docstring of y"
    files = [str(loc) for loc, _ in m.locations]
    return not files or any(f.endswith((".md", ".rst")) for f in files)


def _pages(pot_dir: Path) -> list[tuple[str, Path]]:
    out = []
    for pot in sorted(pot_dir.rglob("*.pot")):
        name = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if not name.startswith(GENERATED):
            out.append((name, pot))
    return out


def update(pot_dir: Path, po_dir: Path) -> None:
    """Merge the templates into the catalogs (see the module docstring)."""
    for name, pot in _pages(pot_dir):
        template = _read(pot)
        po = po_dir / f"{name}.po"
        old = {_text(m.id): m for m in _read(po)} if po.exists() else {}
        new = Catalog(locale="zh_CN", project="servstd", fuzzy=False, header_comment=HEADER)
        for m in template:
            if not _translatable(m):
                continue
            key = _text(m.id)
            prev = old.get(key)
            new.add(key, _text(prev.string) if prev is not None and not prev.fuzzy else "", locations=())
        pairs = [(_text(m.id), _text(m.string)) for m in new if m.id]
        if pairs == [(k, _text(m.string)) for k, m in old.items()] or (not pairs and not po.exists()):
            continue  # unchanged: the file (and its dates) stay as they are
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as f:
            write_po(f, new, width=0, omit_header=False, no_location=True)


def check(pot_dir: Path, po_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Per page: (missing, untranslated, fuzzy) message counts."""
    report: dict[str, tuple[int, int, int]] = {}
    for name, pot in _pages(pot_dir):
        wanted = [_text(m.id) for m in _read(pot) if _translatable(m)]
        po = po_dir / f"{name}.po"
        have = {_text(m.id): m for m in _read(po) if m.id} if po.exists() else {}
        missing = sum(1 for w in wanted if w not in have)
        untranslated = sum(1 for w in wanted if w in have and not _text(have[w].string))
        fuzzy = sum(1 for w in wanted if w in have and have[w].fuzzy)
        report[name] = (missing, untranslated, fuzzy)
    return report


def main(argv: list[str]) -> int:
    command, pot_dir, po_dir = argv[0], Path(argv[1]), Path(argv[2])
    if command == "update":
        update(pot_dir, po_dir)
    report = check(pot_dir, po_dir)
    bad = {k: v for k, v in report.items() if any(v)}
    for name, (missing, untranslated, fuzzy) in sorted(bad.items()):
        print(f"{name}.po: {missing} missing, {untranslated} untranslated, {fuzzy} fuzzy")
    if bad:
        total = sum(sum(v) for v in bad.values())
        print(
            f"{total} messages out of step in {len(bad)} of {len(report)} catalogs: run "
            "`nox -s translations`, then translate the empty messages in docs/locale/zh_CN/LC_MESSAGES"
        )
        return 1 if command == "check" else 0
    print(f"translations: {len(report)} catalogs in step with the English sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
