"""The shipped documents as files: which id lives in which file, read and parsed once.

This is the bottom of the catalog: it knows files and parsed data, not what the documents mean,
so the policy classes (``SLAPolicy.from_catalog``) can read their documents from here while the
typed :class:`~servstd.catalog.Catalog` above builds standards and policies from the same data.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import attrs

from servstd._documents import parse_text
from servstd.errors import InputTypeError, UnknownNameError

__all__ = ["Shelf", "shelf"]

KINDS = ("standard", "procedure", "schedule", "sla-policy", "complaint-policy")
STANDARD_KINDS = ("standard", "procedure", "schedule")
"""The kinds built as a :class:`~servstd.standards.Standard` (they load, score and export alike)."""


@attrs.frozen
class Shelf:
    """The document files by id; each is parsed on first use and kept."""

    files: dict[str, str]
    _cache: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def ids(self, kind: str | None = None) -> list[str]:
        """Every id, or those of one kind."""
        if kind is not None and kind not in KINDS:
            raise UnknownNameError(kind, "kind", KINDS, kind="document kind")
        return sorted(i for i in self.files if kind is None or self.kind(i) == kind)

    def data(self, id: str) -> Any:
        """The parsed data of ``id``."""
        if not isinstance(id, str):
            raise InputTypeError(id, "id", "a document id (text)")
        if id not in self.files:
            raise UnknownNameError(id, "id", self.ids(), kind="catalog document")
        if id not in self._cache:
            name = self.files[id]
            text = resources.files("servstd.catalog.data").joinpath(name).read_text(encoding="utf-8")
            self._cache[id] = parse_text(text, f"catalog:{name}")
        return self._cache[id]

    def kind(self, id: str) -> str:
        """The kind of ``id``: one of :data:`KINDS`."""
        data = self.data(id)
        return str(data.get("kind", "standard")) if isinstance(data, dict) else "standard"

    def document(self, id: str, kind: str | None = None) -> tuple[Any, str]:
        """The parsed data of ``id`` (checked to be of ``kind``) and its source name.

        An id that is not a document of ``kind`` is an :class:`~servstd.errors.UnknownNameError`
        listing the ids of that kind (a standard is any of the standard kinds).
        """
        if not isinstance(id, str):
            raise InputTypeError(id, "id", "a document id (text)")
        if kind is not None:
            kinds = STANDARD_KINDS if kind == "standard" else (kind,)
            if id not in self.files or self.kind(id) not in kinds:
                known = [i for i in self.ids() if self.kind(i) in kinds]
                raise UnknownNameError(id, "id", known, kind=kind.replace("-", " "))
        return self.data(id), f"catalog:{self.files[id]}"


@functools.lru_cache(maxsize=1)
def shelf() -> Shelf:
    """The shipped documents (read once per process)."""
    files: dict[str, str] = {}
    for entry in resources.files("servstd.catalog.data").iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            for line in entry.read_text(encoding="utf-8").splitlines():
                if line.startswith("id:"):
                    files[line[3:].strip().strip("'\"")] = entry.name
                    break
    return Shelf(files=files)
