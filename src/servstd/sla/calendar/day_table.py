"""A calendar's days as arrays: the kind of every date and running counts of working days.

What the columnar engine reads of a :class:`~servstd.sla.WorkCalendar` (its
:meth:`~servstd.sla.WorkCalendar.day_table`): one immutable snapshot of consecutive years, built
from the calendar's own year tables, so a column answer equals the scalar one by construction.

Day ``k`` is ``first + k days``. ``kinds[k]`` is an index into :attr:`DayTable.KINDS`;
``working_before[k]`` counts the working days before day k (``working_before[0] == 0``; the last
entry is the total), so the working days of ``[i, j)`` are ``working_before[j] - working_before[i]``;
``working_days`` lists the day indexes of the working days in order, so the n-th working day
(1-based) is day ``working_days[n - 1]``. The arrays are read-only int64 :class:`memoryview` s that
numpy reads without a copy:

>>> import datetime as dt
>>> import numpy as np
>>> from servstd.sla import WorkCalendar
>>> t = WorkCalendar.china(notices=False).day_table(2026, 2026)
>>> before = np.asarray(t.working_before)
>>> k = (dt.date(2026, 10, 1) - t.first).days
>>> int(before[k + 11] - before[k])         # working days in [Oct 1, Oct 12): Oct 8, 9, 10
3
>>> t.first + dt.timedelta(days=int(np.asarray(t.working_days)[before[k] + 2]))   # the 3rd from Oct 1
datetime.date(2026, 10, 10)
>>> DayTable.KINDS[t.kinds[k + 9]]
<DayKind.MAKEUP_WORKDAY: 'makeup_workday'>
"""

from __future__ import annotations

import array
import datetime as dt
from typing import ClassVar

import attrs

from servstd.sla.calendar.day_kind import DayKind

__all__ = ["DayTable"]


@attrs.frozen(eq=False)
class DayTable:
    """The days of the years ``first_year``..``last_year`` of a calendar, one immutable snapshot."""

    KINDS: ClassVar[tuple[DayKind, ...]] = (
        DayKind.WORKDAY,
        DayKind.WEEKEND,
        DayKind.HOLIDAY,
        DayKind.MAKEUP_WORKDAY,
    )
    """The kind of each code in ``kinds`` (the working kinds are codes 0 and 3)."""

    first_year: int
    last_year: int
    kinds: bytes
    working_before: memoryview
    working_days: memoryview

    @classmethod
    def build(cls, first_year: int, last_year: int, kinds: bytes) -> DayTable:
        """The table of ``kinds`` (one code a day from 1 January of ``first_year``)."""
        working = [k for k, code in enumerate(kinds) if cls.KINDS[code].is_working]
        before = array.array("q", [0]) * (len(kinds) + 1)
        count = 0
        for k, code in enumerate(kinds):
            before[k] = count
            count += cls.KINDS[code].is_working
        before[len(kinds)] = count
        return cls(
            first_year,
            last_year,
            bytes(kinds),
            memoryview(before).toreadonly(),
            memoryview(array.array("q", working)).toreadonly(),
        )

    @property
    def first(self) -> dt.date:
        """1 January of ``first_year`` (day 0)."""
        return dt.date(self.first_year, 1, 1)

    def __len__(self) -> int:
        return len(self.kinds)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle and copy by value: the kinds rebuild the counts."""
        return (DayTable.build, (self.first_year, self.last_year, self.kinds))
