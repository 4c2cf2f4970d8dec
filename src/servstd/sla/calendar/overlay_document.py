"""Overlay documents: the YAML/JSON form of a :class:`~servstd.sla.CalendarOverlay`, validated once.

>>> from servstd.sla import parse_overlay
>>> ov = parse_overlay('''
... name: 公司年会
... rest_days:
...   - {date: 2026-12-31, name: 公司年会}
... ''')
>>> ov.rest_days
((datetime.date(2026, 12, 31), '公司年会'),)

:func:`read_overlay` reads a file (YAML, or JSON/TOML by the suffix), :func:`parse_overlay` text.
"""

from __future__ import annotations

import datetime as dt
from os import PathLike
from pathlib import Path
from typing import Any

import pydantic

from servstd._deprecation import replaced
from servstd._documents import DocumentModel, named, parse_document, read_document, read_path, validate
from servstd.errors import DocumentError, Problem
from servstd.sla.calendar.notice import parse_notice
from servstd.sla.calendar.overlay import CalendarOverlay

__all__ = ["load_overlay", "names_a_file", "parse_overlay", "read_overlay"]


MAX_RANGE_DAYS = 3_660
"""The longest ``from``–``to`` range of one entry (ten years of days)."""
MAX_OVERLAY_DAYS = 36_600
"""The most days one overlay document names in ``rest_days`` or in ``work_days``."""


def read_overlay(path: str | PathLike[str]) -> CalendarOverlay:
    """The overlay in the file ``path`` (YAML, or JSON/TOML by the suffix)."""
    data, source = read_path(path, text_reader="parse_overlay")
    with named("path"):
        return _from_data(data, source)


def parse_overlay(text: str) -> CalendarOverlay:
    """The overlay in YAML (or JSON) ``text``."""
    data, source = parse_document(text, file_reader="read_overlay")
    with named("text"):
        return _from_data(data, source)


def names_a_file(text: str) -> bool:
    """Whether ``text`` is a file name rather than a document, as the old loaders guessed: one
    line ending in ``.yaml``, ``.yml``, ``.json`` or ``.toml``."""
    return (
        "\n" not in text
        and len(text) < 4096
        and text.strip().lower().endswith((".yaml", ".yml", ".json", ".toml"))
    )


@replaced("servstd.sla.load_overlay", "servstd.sla.read_overlay(path) or parse_overlay(text)")
def load_overlay(path_or_text: str | Path) -> CalendarOverlay:
    """Deprecated; use :func:`read_overlay` (a file) or :func:`parse_overlay` (text); this guesses
    which from the suffix."""
    return _from_data(*read_document(path_or_text))


# -- the document edge ---------------------------------------------------------------------


class _DayEntry(DocumentModel):
    date: dt.date | None = None
    from_: dt.date | None = pydantic.Field(default=None, alias="from")
    to: dt.date | None = None
    name: str = ""

    @pydantic.model_validator(mode="before")
    @classmethod
    def _bare_date(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {"date": value}

    @pydantic.model_validator(mode="after")
    def _one_form(self) -> _DayEntry:
        if (self.date is None) == (self.from_ is None or self.to is None):
            raise ValueError("give either `date`, or both `from` and `to`")
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise ValueError(f"`to` ({self.to}) is before `from` ({self.from_})")
        if self.from_ is not None and self.to is not None and (self.to - self.from_).days >= MAX_RANGE_DAYS:
            raise ValueError(
                f"{self.from_}–{self.to} spans {(self.to - self.from_).days + 1:,} days; a range spans at most "
                f"{MAX_RANGE_DAYS:,} (ten years)"
            )
        return self

    def days(self) -> list[dt.date]:
        if self.date is not None:
            return [self.date]
        assert self.from_ is not None
        assert self.to is not None
        n = (self.to - self.from_).days
        return [self.from_ + dt.timedelta(days=i) for i in range(n + 1)]


class _OverlayDoc(DocumentModel):
    name: str = ""
    source: str = ""
    defines_years: list[int] = []
    rest_days: list[_DayEntry] = []
    work_days: list[_DayEntry] = []
    notice: str | None = None


def _from_data(data: Any, source: str) -> CalendarOverlay:
    doc = validate(_OverlayDoc, data, source)
    for field, entries in (("rest_days", doc.rest_days), ("work_days", doc.work_days)):
        total = sum(len(e.days()) for e in entries)  # each range is at most MAX_RANGE_DAYS
        if total > MAX_OVERLAY_DAYS:
            raise DocumentError(
                source, [Problem(field, f"{total:,} days; an overlay names at most {MAX_OVERLAY_DAYS:,}")]
            )

    def collect(entries: list[_DayEntry], default: str) -> dict[dt.date, str]:
        return {d: e.name or default for e in entries for d in e.days()}

    rest = collect(doc.rest_days, "休息日")
    work = collect(doc.work_days, "上班")
    years = set(doc.defines_years)
    notes: tuple[str, ...] = ()
    if doc.notice:
        parsed = parse_notice(doc.notice)
        rest = {**dict(parsed.rest_days), **rest}
        work = {**dict(parsed.work_days), **work}
        years |= parsed.defines_years
        notes = parsed.notes
    both = sorted(set(rest) & set(work))
    if both:
        raise DocumentError(
            source, [Problem("work_days", f"{d} is also listed in rest_days", d) for d in both]
        )
    return CalendarOverlay(
        name=doc.name,
        source=doc.source or source,
        rest_days=rest,
        work_days=work,
        defines_years=years,
        notes=notes,
    )
