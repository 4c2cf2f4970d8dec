"""The shipped documents as files: which id lives in which file, each parsed and built once.

This is the bottom of the catalog, public so that the layers below the catalog can use it
without importing upwards: it knows files, parsed data and a cache of the objects built from
them, not what the documents mean. The policy classes (``SLAPolicy.from_catalog``,
``ComplaintPolicy.from_catalog``) build their documents through it, and the typed
:class:`~servstd.catalog.Catalog` above serves standards and policies from the same cache, so
one document is parsed once and built once per process, whichever way it is asked for.

Each file's id is read by parsing the YAML document (its top-level ``id`` key; the rest of the
file is parsed on first use, and its ``id`` checked again).

>>> from servstd.catalog.shelf import shipped
>>> shipped().files["insurance-claims-sla"]
'insurance-claims-sla.yaml'
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import attrs
import yaml
from yaml import events as ev

from servstd._documents import parse_text
from servstd.errors import DocumentError, InputTypeError, Problem, UnknownNameError

__all__ = ["KINDS", "STANDARD_KINDS", "Shelf", "shipped"]

KINDS = ("standard", "procedure", "schedule", "reference", "sla-policy", "complaint-policy")
STANDARD_KINDS = ("standard", "procedure", "schedule", "reference")
"""The kinds built as a :class:`~servstd.standards.Standard` (they load, score and export alike)."""

T = TypeVar("T")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@attrs.frozen
class Shelf:
    """The document files by id; each is parsed on first use and kept, as is what is built from it."""

    files: dict[str, str]
    _cache: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    _built: dict[tuple[str, str], Any] = attrs.field(factory=dict, eq=False, repr=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, eq=False, repr=False)

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
            data = parse_text(text, f"catalog:{name}")
            if not isinstance(data, dict) or data.get("id") != id:
                raise DocumentError(
                    f"catalog:{name}", [Problem("id", f"the document's id is not {id!r}", id)]
                )
            self._cache[id] = data
        return self._cache[id]

    def kind(self, id: str) -> str:
        """The kind of ``id``: one of :data:`KINDS`."""
        data = self.data(id)
        return str(data.get("kind", "standard"))

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

    def built(self, id: str, kind: str, build: Callable[[Any, str], T]) -> T:
        """What ``build(data, source)`` makes of document ``id`` (checked to be of ``kind``),
        built once and kept: every later call, by any route, gets the same object."""
        key = (kind, id)
        got = self._built.get(key)
        if got is None:
            with self._lock:
                got = self._built.get(key)
                if got is None:
                    got = build(*self.document(id, kind))
                    self._built[key] = got
        result: T = got
        return result


def document_id(text: str, source: str) -> str | None:
    """The value of the top-level ``id`` key of a YAML document, parsed up to that key (the rest
    of the document is not read).

    >>> document_id("kind: sla-policy\\nnotes: [a, {id: inner}]\\nid: 'outer'\\n", "x.yaml")
    'outer'
    """
    depth = 0
    key: str | None = None
    expect_key = True
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                depth -= 1
                if depth == 1:
                    expect_key = True  # a container value of the top-level mapping has ended
            elif isinstance(event, ev.ScalarEvent) and depth == 1:
                if expect_key:
                    key, expect_key = event.value, False
                elif key == "id":
                    return str(event.value)
                else:
                    expect_key = True
            elif isinstance(event, ev.AliasEvent) and depth == 1 and not expect_key:
                expect_key = True
    except yaml.YAMLError as exc:
        raise DocumentError(source, [Problem("", f"not valid YAML: {exc}")]) from None
    return None


@functools.lru_cache(maxsize=1)
def shipped() -> Shelf:
    """The shipped documents (their ids read once per process)."""
    files: dict[str, str] = {}
    for entry in sorted(resources.files("servstd.catalog.data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            found = document_id(entry.read_text(encoding="utf-8"), f"catalog:{entry.name}")
            if found in files:
                raise DocumentError(
                    f"catalog:{entry.name}",
                    [Problem("id", f"{found!r} is also the id of {files[found]}", found)],
                )
            if found is not None:
                files[found] = entry.name
    return Shelf(files=files)
