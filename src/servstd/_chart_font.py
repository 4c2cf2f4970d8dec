"""The font a chart draws its labels with, so Chinese site names, titles and policies are readable.

The font is, in this order:

1. the one asked for (``font=`` in Python, ``--font`` on the command line): the family name of an
   installed font, or a font file (``.ttf``, ``.otf``, ``.ttc``);
2. an installed font with Chinese characters (Noto Sans CJK SC, Source Han Sans SC, WenQuanYi,
   Microsoft YaHei, PingFang SC…: the machine's own, complete fonts come first);
3. "Servstd Sans SC", shipped with servstd: a subset of Noto Sans CJK SC 2.004 (SIL Open Font
   License 1.1, ``_fonts/OFL.txt``) with the characters of GB 2312 and Big5 level 1 — every common
   simplified and traditional character — made by ``scripts/cjk_font_subset.py``.

matplotlib's DejaVu Sans follows the font for the symbols it lacks. A character neither has is
named in one :class:`~servstd.errors.ServstdWarning` (with the remedy) instead of matplotlib's
warning per glyph; when the fonts cover every label, matplotlib's own warnings are left alone, so a
missing glyph is never silent. An SVG keeps its text as text (``svg.fonttype: none``): it can be
searched and copied, and the viewer draws it with the font named, or its own Chinese font.

matplotlib (``servstd[charts]``) is imported only by the functions here, when a chart is drawn.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from servstd.errors import ServstdWarning, UnknownNameError

__all__ = ["SHIPPED_FAMILY", "ChartFont", "chart_font", "saving", "styled"]

SHIPPED_FAMILY = "Servstd Sans SC"
"""The family name of the subset shipped in ``servstd/_fonts``."""

_SHIPPED_FILE = "ServstdSansSC-Regular.otf"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

_INSTALLED = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "SimHei", "Sarasa Gothic SC",
    "Noto Sans CJK TC", "Noto Sans CJK JP", "AR PL UMing CN", "Droid Sans Fallback",
)  # fmt: skip
"""Installed families with Chinese characters, the most complete and legible first."""

_FALLBACK = "DejaVu Sans"


@attrs.frozen
class ChartFont:
    """The font a chart uses: its family name, its file and where it came from."""

    family: str
    path: Path
    origin: Literal["chosen", "installed", "shipped"]


def _font_manager() -> Any:
    from matplotlib import font_manager  # noqa: PLC0415 - optional: servstd[charts]

    return font_manager


@functools.cache
def _registered(path: Path) -> str:
    """Add a font file to matplotlib's fonts once; its family name."""
    fm = _font_manager()
    fm.fontManager.addfont(str(path))
    return str(fm.get_font(str(path)).family_name)


def shipped_path() -> Path:
    """The file of the shipped subset font."""
    return Path(str(resources.files("servstd") / "_fonts" / _SHIPPED_FILE))


def _path_of(family: str) -> Path:
    fm = _font_manager()
    return Path(fm.findfont(fm.FontProperties(family=family), fallback_to_default=False))


def _installed_chinese() -> str | None:
    names = {f.name for f in _font_manager().fontManager.ttflist} - {SHIPPED_FAMILY}
    known = next((name for name in _INSTALLED if name in names), None)
    return known or next((name for name in sorted(names) if "CJK" in name), None)


def chart_font(font: str | Path | None = None) -> ChartFont:
    """The font to draw with: ``font`` (a family name installed or a font file), else an installed
    font with Chinese characters, else the shipped subset of Noto Sans CJK SC.

    Raises :class:`~servstd.errors.UnknownNameError` for a family that is not installed and is not
    a font file, listing the installed families with Chinese characters.
    """
    if font is not None:
        given = Path(font)
        if given.suffix.lower() in _FONT_SUFFIXES and given.is_file():
            return ChartFont(_registered(given.resolve()), given.resolve(), "chosen")
        name = str(font)
        names = {f.name for f in _font_manager().fontManager.ttflist}
        if name not in names or name == SHIPPED_FAMILY:
            if name == SHIPPED_FAMILY:
                return ChartFont(_registered(shipped_path()), shipped_path(), "shipped")
            chinese = [n for n in _INSTALLED if n in names] + sorted(
                n for n in names if "CJK" in n and n not in _INSTALLED
            )
            accepted = [*chinese, SHIPPED_FAMILY, "a .ttf, .otf or .ttc file"]
            raise UnknownNameError(name, "font", accepted, kind="font")
        return ChartFont(name, _path_of(name), "chosen")
    installed = _installed_chinese()
    if installed is not None:
        return ChartFont(installed, _path_of(installed), "installed")
    return ChartFont(_registered(shipped_path()), shipped_path(), "shipped")


@contextmanager
def styled(font: ChartFont) -> Iterator[None]:
    """matplotlib settings for drawing and saving a figure with ``font``, restored afterwards."""
    import matplotlib as mpl  # noqa: PLC0415 - optional: servstd[charts]

    rc_context: Any = mpl.rc_context  # its stub types the keys as a Literal of every setting
    style: dict[str, Any] = {
        "font.family": "sans-serif",
        "font.sans-serif": [font.family, _FALLBACK],
        "svg.fonttype": "none",  # text stays text in an SVG
        "svg.hashsalt": "servstd",  # the same ids for the same chart
    }
    with rc_context(style):
        yield


@functools.cache
def _charmap(path: Path) -> frozenset[int]:
    return frozenset(_font_manager().get_font(str(path)).get_charmap())


def uncovered(texts: Iterator[str] | list[str], font: ChartFont) -> list[str]:
    """The characters of ``texts`` that neither ``font`` nor DejaVu Sans can draw, in order."""
    have = _charmap(font.path) | _charmap(_path_of(_FALLBACK))
    seen = dict.fromkeys(ch for text in texts for ch in text if ch.isprintable() and ord(ch) not in have)
    return list(seen)


@contextmanager
def saving(figure: Any, font: ChartFont) -> Iterator[None]:
    """Around ``figure.savefig``: one warning naming the characters the fonts lack, if any.

    Only then are matplotlib's warnings per missing glyph silenced (they would repeat what this
    one said); otherwise every warning matplotlib gives goes through.
    """
    from matplotlib.text import Text  # noqa: PLC0415 - optional: servstd[charts]

    texts = [t.get_text() for t in figure.findobj(Text)]
    missing = uncovered(texts, font)
    with warnings.catch_warnings():
        if missing:
            warnings.warn(
                f"the font {font.family!r} has no glyph for {''.join(missing[:20])!r}"
                f"{'…' if len(missing) > 20 else ''}: they show as boxes; install a font with them "
                "(e.g. Noto Sans CJK SC) or choose one with font= (--font NAME or FILE)",
                ServstdWarning,
                stacklevel=4,
            )
            warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        yield
