"""Names people type, matched the way people mean them: across traditional and simplified script,
full- and half-width forms, case and stray spaces.

Seed documents and users in Hong Kong, Macao and Taiwan write 服務態度 where a policy says 服务态度;
a spreadsheet may hold ＶＩＰ where a document says vip. Every place that compares a name a user
gives (a category, a tier, a role, a condition value, a search word) with the names a document
defines compares their :func:`fold`, never the raw text. Texts themselves are never rewritten: the
folded form is for matching and indexes only.

Script conversion is OpenCC, the maintained reference converter for Chinese script: its Hong Kong
and then its Taiwan tables to simplified (``hk2s``, ``tw2s``), so regional variants fold too
(衞 → 卫, and 對著 → 对着, which the generic ``t2s`` table leaves as 对著). It loads on first use.

>>> fold("服務態度") == fold("服务态度")
True
>>> fold("  ＶＩＰ 客戶 ")
'vip 客户'
>>> index = FoldedNames(["服务态度", "产品质量"])
>>> index.find("服務態度"), index.find("其他")
('服务态度', None)
"""

from __future__ import annotations

import functools
import os
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["FoldedNames", "fold"]

_lock = threading.Lock()
_converters: tuple[Any, ...] = ()


def _fresh_lock_after_fork() -> None:
    global _lock  # noqa: PLW0603 - a forked child must not inherit a lock another thread held
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=_fresh_lock_after_fork)


def _to_simplified(text: str) -> str:
    global _converters  # noqa: PLW0603 - one pair of converters per process, built on first use
    if not _converters:
        with _lock:
            if not _converters:
                import opencc  # noqa: PLC0415 - loads its dictionaries; only when a name is compared

                _converters = (opencc.OpenCC("hk2s"), opencc.OpenCC("tw2s"))
    for converter in _converters:
        text = converter.convert(text)
    return text


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The matching form of ``text``: NFKC (full-width → half-width), case-folded, control and
    format characters dropped, runs of white space as one space, stripped, and traditional
    characters as simplified."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    visible = "".join(" " if ch.isspace() else ch for ch in normal if ch.isspace() or not _invisible(ch))
    plain = " ".join(visible.split())
    if plain.isascii():
        return plain
    return _to_simplified(plain)


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf")


class FoldedNames:
    """Known names, found by their folded form (the first of several names with one fold wins)."""

    __slots__ = ("_by_fold", "names")

    def __init__(self, names: Iterable[str]) -> None:
        self.names: tuple[str, ...] = tuple(names)
        self._by_fold: dict[str, str] = {}
        for name in self.names:
            self._by_fold.setdefault(fold(name), name)

    def find(self, given: str) -> str | None:
        """The known name that ``given`` folds to, or ``None``."""
        return self._by_fold.get(fold(given))

    def __contains__(self, given: object) -> bool:
        return isinstance(given, str) and fold(given) in self._by_fold
