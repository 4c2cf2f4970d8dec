"""Calendar overlays: rest days and working days layered over a calendar, without code changes.

An overlay is what a later State Council notice, a company's extra rest days, or a site's
extra working days add to a calendar. It is a frozen value; documents (YAML/JSON) are validated
with pydantic and turned into one once.

>>> import datetime as dt
>>> from servstd.sla import CalendarOverlay
>>> ov = CalendarOverlay(name="公司年会", rest_days={dt.date(2026, 12, 31): "公司年会"})
>>> ov.rest_days
((datetime.date(2026, 12, 31), '公司年会'),)

Documents are read by :func:`servstd.sla.load_overlay` (``overlay_document``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

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
