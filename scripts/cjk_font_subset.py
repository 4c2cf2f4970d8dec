"""Build the Chinese font shipped for charts: a subset of Noto Sans CJK SC, renamed.

Charts fall back to this font when the machine has no font with Chinese characters, so
``pip install 'servstd[charts]'`` alone draws readable Chinese labels. It keeps the characters of
GB 2312 (6,763 simplified hanzi) and Big5's level 1 (5,401 common traditional hanzi), ASCII,
Latin-1, general punctuation, CJK symbols and punctuation and the full-width forms — about 2 MB
instead of the full font's 16 MB.

The source is Noto Sans CJK (SIL Open Font License 1.1, © Adobe, Reserved Font Name "Source"),
given as its collection (``NotoSansCJK-Regular.ttc``, e.g. from the ``fonts-noto-cjk`` Debian package
or the ``noto-cjk-sans-otc`` wheel) or as ``NotoSansCJKsc-Regular.otf``. The subset is a Modified
Version under the OFL: it is renamed "Servstd Sans SC" and ships with the licence
(``src/servstd/_fonts/OFL.txt``)::

    uv run python scripts/cjk_font_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "servstd" / "_fonts" / "ServstdSansSC-Regular.otf"
FAMILY = "Servstd Sans SC"
POSTSCRIPT = "ServstdSansSC-Regular"


def _codec_chars(codec: str, leads: range, trails: list[int]) -> set[int]:
    decoded = (bytes([hi, lo]).decode(codec, errors="replace") for hi in leads for lo in trails)
    return {ord(ch) for ch in decoded if len(ch) == 1 and ch != "\ufffd"}


def characters() -> set[int]:
    """The code points kept: GB 2312, Big5 level 1, and the Latin and CJK punctuation blocks."""
    gb2312 = _codec_chars("gb2312", range(0xA1, 0xF8), list(range(0xA1, 0xFF)))
    big5_level1 = _codec_chars("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    blocks = [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x2100, 0x2200), (0x3000, 0x3040)]
    blocks += [(0xFF00, 0xFFF0)]
    return gb2312 | big5_level1 | {cp for lo, hi in blocks for cp in range(lo, hi)}


def _sc_face(source: Path) -> TTFont:
    if source.suffix.lower() == ".ttc":
        for face in TTCollection(source).fonts:
            if face["name"].getDebugName(1) == "Noto Sans CJK SC":
                return face
        raise SystemExit(f"{source}: no 'Noto Sans CJK SC' face in the collection")
    face = TTFont(source)
    if face["name"].getDebugName(1) != "Noto Sans CJK SC":
        raise SystemExit(f"{source}: not Noto Sans CJK SC")
    return face


def build(source: Path, target: Path = TARGET) -> Path:
    """Write the renamed subset of ``source``'s SC face to ``target``."""
    font = _sc_face(source)
    version = font["name"].getDebugName(5) or ""
    options = subset.Options()
    options.layout_features = []  # labels need no vertical forms, ligatures or localised variants
    options.hinting = False
    options.name_IDs = [0, 13, 14]  # copyright, licence and its address; names are set below
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=characters())
    sub.subset(font)
    names = font["name"]
    description = f"Subset of Noto Sans CJK SC ({version.split(';')[0]}) for servstd's charts"
    for name_id, text in ((1, FAMILY), (2, "Regular"), (3, f"{POSTSCRIPT};{version.split(';')[0]}"),
                          (4, FAMILY), (5, version.split(";")[0]), (6, POSTSCRIPT), (10, description)):  # fmt: skip
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    font["CFF "].cff.fontNames = [POSTSCRIPT]
    font.recalcTimestamp = False  # the same bytes from the same source
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="NotoSansCJK-Regular.ttc or NotoSansCJKsc-Regular.otf")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    path = build(args.source, args.output)
    print(f"{path}: {path.stat().st_size:,} bytes, {len(characters()):,} code points asked")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
