"""What kind of day a date is in a working calendar."""

from __future__ import annotations

import enum

from servstd._deprecation import warn_renamed
from servstd._lang import Lang, check_lang

__all__ = ["DayKind"]


class DayKind(enum.Enum):
    """The kind of a calendar date.

    >>> DayKind.MAKEUP_WORKDAY.is_working
    True
    >>> DayKind.HOLIDAY.label(), DayKind.HOLIDAY.label("en")
    ('节假日', 'holiday')
    """

    WORKDAY = "workday"
    """An ordinary working day (Mon–Fri, not a holiday)."""
    WEEKEND = "weekend"
    """An ordinary weekend rest day."""
    HOLIDAY = "holiday"
    """A rest day by a statutory holiday or the yearly arrangement (放假/调休), or an overlay."""
    MAKEUP_WORKDAY = "makeup_workday"
    """A weekend day worked instead of a holiday (调休上班)."""

    @property
    def is_working(self) -> bool:
        """Whether people work on such a day."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)

    def label(self, lang: Lang = "zh") -> str:
        """The name of the kind in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        return (_ZH if check_lang(lang) == "zh" else _EN)[self]

    @property
    def zh(self) -> str:
        """Deprecated; use ``label("zh")``."""
        warn_renamed("DayKind.zh", 'DayKind.label("zh")')
        return _ZH[self]

    @property
    def en(self) -> str:
        """Deprecated; use ``label("en")``."""
        warn_renamed("DayKind.en", 'DayKind.label("en")')
        return _EN[self]


_ZH = {
    DayKind.WORKDAY: "工作日",
    DayKind.WEEKEND: "周末休息日",
    DayKind.HOLIDAY: "节假日",
    DayKind.MAKEUP_WORKDAY: "调休上班日",
}
_EN = {
    DayKind.WORKDAY: "working day",
    DayKind.WEEKEND: "weekend",
    DayKind.HOLIDAY: "holiday",
    DayKind.MAKEUP_WORKDAY: "make-up working day",
}
