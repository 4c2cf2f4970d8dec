"""What an inspector records: findings (non-conformities) and measurements, as a document or in code.

>>> from servstd.scoring import parse_inspection
>>> ins = parse_inspection('''
... standard: property-cs-quality-inspection
... site: 阳光花园
... date: 2026-03-09
... findings:
...   - {item: CS20, count: 2, note: 档案柜标识缺失, places: [档案室A, 档案室B]}
... ''')
>>> ins.findings[0].count, ins.findings[0].places
(2, ('档案室A', '档案室B'))

:func:`read_inspection` reads a file: a YAML/JSON/TOML document, or a filled xlsx or csv form
(by its suffix); :func:`parse_inspection` reads document text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import attrs
import pydantic

from servstd._decimal import exact
from servstd._deprecation import replaced, warn_renamed
from servstd._documents import (
    DocumentModel,
    Number,
    NumberText,
    named,
    parse_document,
    read_document,
    read_path,
    validate,
)
from servstd.errors import ScoringError
from servstd.scoring.sheet import is_sheet, read_sheet
from servstd.standards.standard import Standard

__all__ = [
    "Finding",
    "Inspection",
    "inspection_from_data",
    "load_inspection",
    "parse_inspection",
    "read_inspection",
]


MAX_COUNT = 1_000_000_000
"""The largest count of one finding (a billion): larger is a typing slip, and past 10^28 no longer
fits the 28 digits scores are computed with."""


def _count(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringError(f"a finding's count must be a whole number, got {value!r}", value)
    if value < 0:
        raise ScoringError(f"a finding's count cannot be negative, got {value}", value)
    if value > MAX_COUNT:
        raise ScoringError(f"a finding's count is at most {MAX_COUNT:,}, got {value:.3g}", value)
    return value


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


@attrs.frozen
class Finding:
    """A non-conformity against ``item``, counted ``count`` times (places, occurrences…)."""

    item: str
    count: int = attrs.field(default=1, converter=_count)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    note: str = ""
    evidence: str = ""


def _measurements(value: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((value or {}).items()))


@attrs.frozen
class Inspection:
    """One inspection of a site against a standard.

    ``findings`` are non-conformities; ``not_applicable`` items are left out of pass/fail rates;
    ``measurements`` feed KPI criteria (criterion code → value).
    """

    standard: str
    version: str = ""
    site: str = ""
    inspector: str = ""
    date: dt.date | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    not_applicable: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    measurements: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_measurements)

    @classmethod
    def from_text(cls, text: str) -> Inspection:
        """Deprecated; use :func:`parse_inspection`."""
        warn_renamed("Inspection.from_text", "servstd.scoring.parse_inspection")
        return parse_inspection(text)

    def measurement(self, code: str) -> Any:
        """The measured value of criterion ``code`` (``None`` if not measured)."""
        return dict(self.measurements).get(code)


class FindingDoc(DocumentModel):
    """A finding in an inspection document."""

    item: str = pydantic.Field(min_length=1)
    count: int = pydantic.Field(default=1, ge=0, le=1_000_000_000, strict=True)
    places: list[str] = []
    note: str = ""
    evidence: str = ""


class InspectionDoc(DocumentModel):
    """An inspection document."""

    standard: str = pydantic.Field(min_length=1)
    version: str = ""
    site: str = ""
    inspector: str = ""
    date: dt.date | None = None
    findings: list[FindingDoc] = []
    not_applicable: list[str] = []
    measurements: dict[str, Number | NumberText] = {}
    kind: Literal["inspection"] = "inspection"

    @pydantic.field_validator("version", mode="before")
    @classmethod
    def _version(cls, v: Any) -> Any:
        if isinstance(v, bool):
            return v
        return str(v) if isinstance(v, (int, float, Decimal)) else v


@exact
def read_inspection(path: str | PathLike[str], standard: Standard | None = None) -> Inspection:
    """The inspection in the file ``path``: a YAML/JSON/TOML document, or a filled xlsx/csv form
    (by its suffix); problems are one :class:`~servstd.errors.DocumentError`.

    A form (:mod:`servstd.scoring.sheet`) is read by its column names; with ``standard`` its
    codes, standard, version and values are checked cell by cell, every bad cell named.
    """
    given: object = path  # checked at run time: callers may pass anything
    if isinstance(given, (str, PathLike)) and "\n" not in str(given) and is_sheet(Path(path)):
        with named("path"):
            return inspection_from_data(read_sheet(Path(path), standard), str(path))
    data, source = read_path(path, text_reader="parse_inspection")
    with named("path"):
        return inspection_from_data(data, source)


@exact
def parse_inspection(text: str, *, format: str | None = None) -> Inspection:
    """The inspection in document ``text`` (YAML, or JSON when it starts with ``{``;
    ``format="toml"`` for TOML); problems are one :class:`~servstd.errors.DocumentError`."""
    data, source = parse_document(text, format, file_reader="read_inspection")
    with named("text"):
        return inspection_from_data(data, source)


@replaced(
    "servstd.scoring.load_inspection", "servstd.scoring.read_inspection(path) or parse_inspection(text)"
)
@exact
def load_inspection(path_or_text: str | Path, standard: Standard | None = None) -> Inspection:
    """Deprecated; use :func:`read_inspection` (a file) or :func:`parse_inspection` (text); this
    guesses which from the suffix."""
    if is_sheet(path_or_text):
        data, source = read_sheet(path_or_text, standard), str(path_or_text)
    else:
        data, source = read_document(path_or_text)
    return inspection_from_data(data, source)


@exact
def inspection_from_data(data: Any, source: str) -> Inspection:
    """An inspection from document data (parsed YAML/JSON, or a form read by the sheet reader)."""
    doc = validate(InspectionDoc, data, source)
    return Inspection(
        standard=doc.standard, version=doc.version, site=doc.site, inspector=doc.inspector, date=doc.date,
        findings=tuple(Finding(f.item, f.count, tuple(f.places), f.note, f.evidence) for f in doc.findings),
        not_applicable=tuple(doc.not_applicable), measurements=doc.measurements,
    )  # fmt: skip
