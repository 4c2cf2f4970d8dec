"""Text in columns as a terminal shows it: CJK characters take two cells, combining marks none.

>>> from servstd.scoring._columns import fit, width
>>> width("基础管理A"), fit("档案室、档案柜标示", 8) + "|", fit("CS20", 6) + "|"
(9, '档案室… |', 'CS20  |')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["fit", "pad", "table", "width"]


def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    return sum(_cells(ch) for ch in text)


def fit(text: str, cells: int) -> str:
    """``text`` on one line in exactly ``cells`` cells: cut with ``…`` when too long, padded when short."""
    text = " ".join(text.split())
    if width(text) > cells:
        out, used = [], 0
        for ch in text:
            w = _cells(ch)
            if used + w > cells - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return pad(text, cells)


def pad(text: str, cells: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``cells`` cells (on the left when ``right``-aligned)."""
    gap = " " * max(cells - width(text), 0)
    return gap + text if right else text + gap


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool], indent: str = ""
) -> list[str]:
    """Lines of a table whose columns are as wide as their widest cell; numbers aligned right."""
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(header)]
    out = []
    for r in [list(header), *rows]:
        cells = [pad(c, w, right=num) for c, w, num in zip(r, widths, numeric, strict=True)]
        out.append((indent + "  ".join(cells)).rstrip())
    return out
