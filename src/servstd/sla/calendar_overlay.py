"""Calendar overlays: rest days and working days layered over a calendar, without code changes.

An overlay is what a later State Council notice, a company's extra rest days, or a site's
extra working days add to a calendar. It is a frozen value; documents (YAML/JSON) are validated
with pydantic and turned into one once.

>>> from servstd.sla import CalendarOverlay
>>> ov = CalendarOverlay.from_text('''
... name: 公司年会
... rest_days:
...   - {date: 2026-12-31, name: 公司年会}
... ''')
>>> ov.rest_days
((datetime.date(2026, 12, 31), '公司年会'),)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import pydantic

from servstd._documents import DocumentModel, parse_text, read_document, validate
from servstd.errors import DocumentError, Problem

__all__ = ["CalendarOverlay", "load_overlay"]


def _sorted_pairs(
    value: Iterable[tuple[dt.date, str]] | Mapping[dt.date, str],
) -> tuple[tuple[dt.date, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(dict(items).items()))


def _years(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class CalendarOverlay:
    """Rest days and working days to lay over a calendar.

    ``defines_years`` are years this overlay describes completely (as a State Council notice
    does): for those years the underlying calendar's holidays are ignored, and the years count as
    covered.
    """

    name: str = ""
    source: str = ""
    rest_days: tuple[tuple[dt.date, str], ...] = attrs.field(default=(), converter=_sorted_pairs)
    work_days: tuple[tuple[dt.date, str], ...] = attrs.field(default=(), converter=_sorted_pairs)
    defines_years: frozenset[int] = attrs.field(default=frozenset(), converter=_years)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    def __attrs_post_init__(self) -> None:
        both = {d for d, _ in self.rest_days} & {d for d, _ in self.work_days}
        if both:
            first = min(both)
            raise DocumentError(
                self.name or "overlay",
                [
                    Problem(
                        "rest_days/work_days",
                        f"{first} is listed both as a rest day and a working day",
                        first,
                    )
                ],
            )

    @classmethod
    def from_text(cls, text: str, *, source: str = "<text>") -> CalendarOverlay:
        """Read an overlay document from YAML or JSON text."""
        return _from_data(parse_text(text, source), source)

    @classmethod
    def from_file(cls, path: str | Path) -> CalendarOverlay:
        """Read an overlay document from a ``.yaml``/``.yml``/``.json``/``.toml`` file."""
        return _from_data(*read_document(Path(path)))


def load_overlay(path_or_text: str | Path) -> CalendarOverlay:
    """Load an overlay from a file path or from YAML/JSON text."""
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

    def collect(entries: list[_DayEntry], default: str) -> dict[dt.date, str]:
        return {d: e.name or default for e in entries for d in e.days()}

    rest = collect(doc.rest_days, "休息日")
    work = collect(doc.work_days, "上班")
    years = set(doc.defines_years)
    notes: tuple[str, ...] = ()
    if doc.notice:
        from servstd.sla.notice import parse_notice  # noqa: PLC0415 - notice builds overlays

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
