"""Names people type, matched the way people mean them: across traditional and simplified script,
full- and half-width forms, case and stray spaces.

Seed documents and users in Hong Kong, Macao and Taiwan write 服務態度 where a policy says 服务态度;
a spreadsheet may hold ＶＩＰ where a document says vip. Every place that compares a name a user
gives (a category, a tier, a role, a condition value, a search word) with the names a document
defines compares their :func:`fold`, never the raw text. Texts themselves are never rewritten: the
folded form is for matching and indexes only.

Script conversion is OpenCC's traditional → simplified table (``t2s``, phrase-aware), the
maintained reference converter for Chinese script; it loads on first use.

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
_converter: Any = None


def _fresh_lock_after_fork() -> None:
    global _lock  # noqa: PLW0603 - a forked child must not inherit a lock another thread held
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=_fresh_lock_after_fork)


def _t2s() -> Any:
    global _converter  # noqa: PLW0603 - one converter per process, built on first use
    if _converter is None:
        with _lock:
            if _converter is None:
                import opencc  # noqa: PLC0415 - loads its dictionaries; only when a name is compared

                _converter = opencc.OpenCC("t2s")
    return _converter


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The matching form of ``text``: NFKC (full-width → half-width), case-folded, runs of white
    space as one space, stripped, and traditional characters as simplified."""
    plain = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if plain.isascii():
        return plain
    return str(_t2s().convert(plain))


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
