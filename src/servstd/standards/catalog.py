"""The catalog: machine-readable versions of real service standards, shipped with the package.

Documents live in ``servstd/standards/data/`` (package data) and are read lazily, once.

>>> from servstd.standards import catalog
>>> "property-cs-quality-inspection" in catalog().ids()
True
>>> catalog().get("property-cs-quality-inspection").title
'客户服务部品质检查标准'
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import attrs

from servstd._documents import parse_text
from servstd.errors import DocumentError, Problem
from servstd.standards.loading import load_data
from servstd.standards.standard import Standard

__all__ = ["Catalog", "catalog"]


@attrs.frozen
class Catalog:
    """The shipped documents, by id. Standards load on first use; policies are served raw here and
    read by ``SLAPolicy`` and ``ComplaintPolicy`` in ``servstd.sla``."""

    _files: dict[str, str] = attrs.field(alias="files")
    _cache: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    _standards: dict[str, Standard] = attrs.field(factory=dict, eq=False, repr=False)

    def ids(self, kind: str | None = None) -> list[str]:
        """Every document id (or only those of ``kind``: ``"standard"``, ``"sla-policy"``, ``"complaint-policy"``)."""
        return sorted(i for i in self._files if kind is None or self.kind(i) == kind)

    def data(self, id: str) -> Any:
        """The parsed document data of ``id``."""
        if id not in self._files:
            raise DocumentError(
                "catalog", [Problem("id", f"no document {id!r}; known: {', '.join(self.ids())}", id)]
            )
        if id not in self._cache:
            name = self._files[id]
            text = resources.files("servstd.standards.data").joinpath(name).read_text(encoding="utf-8")
            self._cache[id] = parse_text(text, f"catalog:{name}")
        return self._cache[id]

    def kind(self, id: str) -> str:
        """The kind of document ``id`` is."""
        data = self.data(id)
        return str(data.get("kind", "standard")) if isinstance(data, dict) else "standard"

    def get(self, id: str) -> Standard:
        """The standard ``id``."""
        if id not in self._standards:
            data = dict(self.data(id))
            if data.pop("kind", "standard") != "standard":
                raise DocumentError(
                    "catalog", [Problem("id", f"{id!r} is a {self.kind(id)}, not a standard", id)]
                )
            self._standards[id] = load_data(data, f"catalog:{self._files[id]}")
        return self._standards[id]

    def search(self, text: str) -> list[str]:
        """Ids of documents whose id, title, tags or item texts contain ``text`` (case-insensitive)."""
        needle = text.lower()
        return [i for i in self.ids() if needle in _haystack(self.data(i)).lower()]

    def document(self, id: str) -> tuple[Any, str]:
        """The parsed data of ``id`` and its source name (for policy loaders and error messages)."""
        return self.data(id), f"catalog:{self.source_file(id)}"

    def source_file(self, id: str) -> str:
        """The file name of ``id`` inside the package."""
        self.data(id)
        return self._files[id]


def _haystack(data: Any) -> str:
    if isinstance(data, dict):
        return " ".join(_haystack(v) for v in data.values())
    if isinstance(data, list):
        return " ".join(_haystack(v) for v in data)
    return str(data)


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog of documents shipped with servstd."""
    files: dict[str, str] = {}
    for entry in resources.files("servstd.standards.data").iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            text = entry.read_text(encoding="utf-8")
            for line in text.splitlines():
                if line.startswith("id:"):
                    files[line[3:].strip().strip("'\"")] = entry.name
                    break
    return Catalog(files=files)
