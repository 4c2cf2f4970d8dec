"""The catalog: machine-readable versions of real service standards and policies, shipped with servstd.

Documents live in ``servstd/catalog/data/`` (package data) and are read lazily, once. Every entry
is a standard, an SLA policy or a complaint policy, each served as its domain object.

>>> from servstd.catalog import catalog
>>> "property-cs-quality-inspection" in catalog().ids("standard")
True
>>> catalog().standard("property-cs-quality-inspection").title
'客户服务部品质检查标准'
>>> catalog().sla_policy("insurance-claims-sla").id
'insurance-claims-sla'
>>> catalog().source_title("property-cs-quality-inspection")
'《客户服务部品质检查标准》合集：「客户服务部品质检查标准」（物业，服务质量检查标准表，序号1–32）'
>>> catalog().source("insurance-service-standard").excerpts[0][:27]
'第四章电话服务第十六条公司电话服务中心,实行7天/24'
>>> [d.where for d in catalog().defaults("cs-kpi-appraisal")][:3]
['grades', 'max_points', 'criteria.*.mapping']
>>> [r.code for r in catalog().reconstructions("cs-quality-scoring-rules")]
['08', '10', '11', '14']

Each document quotes the passages of its source it models (``source.excerpt``, character for
character). Its item texts are the source's words, punctuation and script included (white space
aside: a seed's line breaks and the gaps between a flattened table's cells are layout); where a
passage is damaged, the item's note says ``reconstructed: 「…」「…」 — <why>``, naming the fragments
of the excerpt it joins, which :meth:`Catalog.reconstructions` lists. Every value is either read
from those texts, or marked in the document's ``notes`` as a library default —
``"library default: <where> — <reason>"`` — which :meth:`Catalog.defaults` lists for review.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs

from servstd._deprecation import warn_renamed
from servstd._documents import SourceDoc, source_of
from servstd._names import fold
from servstd._source import Source
from servstd.catalog.shelf import KINDS, STANDARD_KINDS, Shelf, shipped
from servstd.errors import InputTypeError
from servstd.sla.clock.service_clock import ServiceClock
from servstd.sla.policy.complaint_policy import ComplaintPolicy
from servstd.sla.policy.sla_policy import SLAPolicy
from servstd.standards.loading import load_data
from servstd.standards.standard import Standard

__all__ = ["KIND_TITLES", "Catalog", "LibraryDefault", "Reconstruction", "catalog"]

KIND_TITLES = {
    "standard": ("服务标准", "standard"),
    "procedure": ("服务流程", "procedure"),
    "schedule": ("计划与频次", "schedule"),
    "reference": ("参考资料", "reference"),
    "sla-policy": ("SLA 时限策略", "SLA policy"),
    "complaint-policy": ("投诉分级策略", "complaint policy"),
}
"""Each document kind's heading, Chinese and English, in the order the catalog lists them."""

_DEFAULT_MARK = re.compile(r"^library default: (\S+) — (.+)$", re.DOTALL)
_RECONSTRUCTED = re.compile(r"reconstructed: ((?:「[^」]*」)+)\s*—\s*([^。]+)")


@attrs.frozen
class LibraryDefault:
    """A value the source does not state, chosen by the library and marked in the document.

    ``where`` names the value (``grades``, ``clocks.office.hours``, ``tiers.*.rank``); ``reason``
    says why it was chosen and what a user should check.
    """

    where: str
    reason: str


@attrs.frozen
class Reconstruction:
    """An item text rebuilt from a damaged passage of its source.

    ``fragments`` are the pieces of the source's excerpt the text joins, in order (a table's
    columns interleaved with the row, a conversion remnant left out); ``reason`` says what was
    damaged. The text has no character the fragments do not have.
    """

    code: str
    fragments: tuple[str, ...]
    reason: str


@attrs.frozen
class Catalog:
    """The shipped documents by id, each loaded on first use and kept."""

    _shelf: Shelf = attrs.field(alias="shelf")
    _folded: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    """The search index: each document's text, folded (built on first search)."""

    def ids(self, kind: str | None = None) -> list[str]:
        """Every document id, or only those of ``kind``: ``"standard"``, ``"sla-policy"``, ``"complaint-policy"``."""
        return self._shelf.ids(kind)

    def kind(self, id: str) -> str:
        """The kind of document ``id`` is (one of :meth:`kinds`)."""
        return self._shelf.kind(id)

    @staticmethod
    def kinds() -> tuple[str, ...]:
        """The document kinds, in listing order: standard, procedure, schedule, reference, SLA policy, complaint policy."""
        return KINDS

    @staticmethod
    def standard_kinds() -> tuple[str, ...]:
        """The kinds built as a :class:`~servstd.standards.Standard` (they load, score and export alike)."""
        return STANDARD_KINDS

    def by_kind(self) -> dict[str, list[str]]:
        """Every id grouped by kind, in the order of :meth:`kinds` (empty kinds left out)."""
        groups: dict[str, list[str]] = {k: [] for k in KINDS}
        for i in self.ids():
            groups[self.kind(i)].append(i)
        return {k: v for k, v in groups.items() if v}

    def source(self, id: str) -> Source:
        """Where document ``id`` comes from: the source's title and the verbatim passages it models."""
        return source_of(SourceDoc.model_validate(self._shelf.data(id).get("source", "")))

    def source_title(self, id: str) -> str:
        """Where document ``id`` comes from: the source's human title and the place in it."""
        return self.source(id).title

    def defaults(self, id: str) -> list[LibraryDefault]:
        """The library defaults marked in document ``id`` — values a user should review."""
        notes = self._shelf.data(id).get("notes", [])
        out = []
        for note in notes if isinstance(notes, list) else []:
            m = _DEFAULT_MARK.match(str(note))
            if m:
                out.append(LibraryDefault(m.group(1), m.group(2).strip()))
        return out

    def reconstructions(self, id: str) -> list[Reconstruction]:
        """The items of document ``id`` whose text rebuilds a damaged passage, in document order."""
        out = []
        for item in _items(self._shelf.data(id)):
            m = _RECONSTRUCTED.search(str(item.get("notes", "")))
            if m:
                fragments = tuple(re.findall(r"「([^」]*)」", m.group(1)))
                out.append(Reconstruction(str(item.get("code", "")), fragments, m.group(2).strip()))
        return out

    def data(self, id: str) -> Any:
        """The parsed document data of ``id`` (as written, before validation)."""
        return self._shelf.data(id)

    def document(self, id: str) -> tuple[Any, str]:
        """The parsed data of ``id`` and its source name (for loaders and error messages)."""
        return self._shelf.document(id)

    def source_file(self, id: str) -> str:
        """The file name of ``id`` inside the package."""
        self._shelf.data(id)
        return self._shelf.files[id]

    def standard(self, id: str) -> Standard:
        """The standard ``id`` (built once; an unknown id is an :class:`~servstd.errors.UnknownNameError`)."""
        return self._shelf.built(id, "standard", load_data)

    def get(self, id: str) -> Standard:
        """Deprecated; use :meth:`standard`."""
        warn_renamed("Catalog.get", "Catalog.standard")
        return self.standard(id)

    def sla_policy(self, id: str, *, clock: ServiceClock | None = None) -> SLAPolicy:
        """The SLA policy ``id`` — the same object as ``SLAPolicy.from_catalog(id)``: its clocks
        read the notices every default reads (one calendar state per process). With ``clock``,
        timed on that clock instead."""
        return SLAPolicy.from_catalog(id, clock=clock)

    def complaint_policy(self, id: str, *, clock: ServiceClock | None = None) -> ComplaintPolicy:
        """The complaint policy ``id`` — the same object as ``ComplaintPolicy.from_catalog(id)``:
        its clock reads the notices every default reads (one calendar state per process). With
        ``clock``, timed on that clock instead."""
        return ComplaintPolicy.from_catalog(id, clock=clock)

    def search(self, text: str) -> list[str]:
        """Ids of documents whose id, title, tags or item texts contain ``text``, in either script,
        width or case: 培训 finds the 培訓 of a traditional-script source.

        The documents' texts are never rewritten: the search reads an index of their folded text
        (traditional → simplified script, NFKC width, case), built once per document.

        >>> "service-culture-schedule" in catalog().search("培训")
        True
        """
        if not isinstance(text, str):
            raise InputTypeError(text, "text", "a word to search for (text)")
        needle = fold(text)
        return [i for i in self.ids() if needle in self._folded_text(i)]

    def _folded_text(self, id: str) -> str:
        """The folded text of document ``id`` that :meth:`search` reads (kept once built)."""
        if id not in self._folded:
            self._folded[id] = fold(_haystack(self.data(id)))
        return self._folded[id]


def _items(node: Any, key: str = "") -> list[dict[str, Any]]:
    """The checklist items (entries of ``items`` lists) in a document's data, in document order."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for k, value in node.items():
            found += _items(value, k)
    elif isinstance(node, list):
        for value in node:
            if key == "items" and isinstance(value, dict):
                found.append(value)
            found += _items(value)
    return found


def _haystack(data: Any) -> str:
    if isinstance(data, dict):
        return " ".join(_haystack(v) for v in data.values())
    if isinstance(data, list):
        return " ".join(_haystack(v) for v in data)
    return str(data)


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog of documents shipped with servstd."""
    return Catalog(shelf=shipped())
