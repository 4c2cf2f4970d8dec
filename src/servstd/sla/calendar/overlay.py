"""Calendar overlays: rest days and working days layered over a calendar, without code changes.

An overlay is what a later State Council notice, a company's extra rest days, or a site's
extra working days add to a calendar. It is a frozen value; documents (YAML/JSON) are validated
with pydantic and turned into one once.

>>> import datetime as dt
>>> from servstd.sla import CalendarOverlay
>>> ov = CalendarOverlay(name="公司年会", rest_days={dt.date(2026, 12, 31): "公司年会"})
>>> ov.rest_days
((datetime.date(2026, 12, 31), '公司年会'),)

An overlay does one of three things, and says which (:attr:`CalendarOverlay.kind`):

* ``"defines"`` — it describes whole years (``defines_years``), as a yearly State Council notice
  does: for those years the calendar's own data is set aside and the years become covered;
* ``"amends"`` — it changes some days of years already announced (``amends_years``), as a later
  notice does (延长…假期, 调整…安排, a one-off memorial day): only the days it names change, and
  the calendar must already cover those years (else :class:`~servstd.errors.CalendarCoverageError`);
* ``"adds"`` — company rest days or site working days: only the days it names, no coverage.

>>> CalendarOverlay(name="延长春节假期", amends_years={2020}).kind
'amends'

Documents are read by :func:`servstd.sla.read_overlay` and :func:`servstd.sla.parse_overlay` (``overlay_document``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from servstd._schema import Shaped
from servstd.errors import DocumentError, Problem

__all__ = ["CalendarOverlay"]


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
class CalendarOverlay(Shaped):
    """Rest days and working days to lay over a calendar.

    ``defines_years`` are years this overlay describes completely (as a yearly State Council
    notice does): for those years the underlying calendar's holidays are ignored, and the years
    count as covered. ``amends_years`` are years whose announced arrangement it changes (a later
    notice): only the days it names change. ``source`` is the document number (文号) or title,
    ``file`` the file it was read from, ``issued`` the date it was signed (amendments from a
    notice folder apply in that order).
    """

    name: str = ""
    source: str = ""
    rest_days: tuple[tuple[dt.date, str], ...] = attrs.field(default=(), converter=_sorted_pairs)
    work_days: tuple[tuple[dt.date, str], ...] = attrs.field(default=(), converter=_sorted_pairs)
    defines_years: frozenset[int] = attrs.field(default=frozenset(), converter=_years)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    amends_years: frozenset[int] = attrs.field(default=frozenset(), converter=_years)
    issued: dt.date | None = None
    file: str = ""

    @property
    def kind(self) -> str:
        """``"defines"`` (whole years), ``"amends"`` (days of announced years) or ``"adds"``."""
        if self.defines_years:
            return "defines"
        return "amends" if self.amends_years else "adds"

    @property
    def is_notice(self) -> bool:
        """Whether this overlay is a State Council notice (it defines or amends years)."""
        return bool(self.defines_years or self.amends_years)

    @property
    def provenance(self) -> str:
        """Where the days come from, as explanations name it (文号 and file, whichever are known).

        >>> CalendarOverlay(source="国办发明电〔2020〕1号", file="2020-extension.txt").provenance
        '国办发明电〔2020〕1号 (2020-extension.txt)'
        """
        if self.source and self.file and self.file not in self.source:
            return f"{self.source} ({self.file})"
        return self.source or self.file or self.name or "overlay"

    def __attrs_post_init__(self) -> None:
        if self.defines_years & self.amends_years:
            year = min(self.defines_years & self.amends_years)
            raise DocumentError(
                self.name or "overlay",
                [Problem("amends_years", f"{year} cannot be both defined and amended", year)],
            )
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
