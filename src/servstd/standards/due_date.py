"""Due dates as plans write them: 「下月初」, 「本季度末」, 「明年年初」, 「2024年第一季度」, 「Q3」.

A plan item is often due by a part of a period named relative to the day the plan is made
(「服務手冊更新 張三 下月初」). A :class:`DueDate` keeps the words and resolves them, from a plan
date, to a closed date range ``[first, last]``: the item is due by ``last``.

**初, 中 and 末** (底 reads as 末). A period is split into the calendar unit one size down, and
初 is the first of those units, 末 the last, 中 those between:

============  ===========================  ===========================  ==========================
period        初 (beginning)               中 (middle)                  末 / 底 (end)
============  ===========================  ===========================  ==========================
month 月      days 1–10 (上旬)             days 11–20 (中旬)            day 21 to the last (下旬)
quarter 季度  its first month              its second month             its third month
half 半年     its first quarter            —                            its second quarter
year 年       its first quarter (Jan–Mar)  its 2nd and 3rd quarters     its fourth quarter (Oct–Dec)
============  ===========================  ===========================  ==========================

Quarters are calendar quarters (January–March …), half-years January–June and July–December.
A period named without 初/中/末 is the whole period. 「本/这/当」 is the plan date's own period,
「下/次/来」 the next, 「上」 the previous; for years 「今年」, 「明年」, 「去年」, 「后年」. A
quarter, month or half named without a year (「Q1」, 「第一季度」, 「3月底」, 「下半年」) is the one of the
plan date's year.

>>> import datetime as dt
>>> plan = dt.date(2026, 11, 10)
>>> str(DueDate.parse("本季度末").resolve(plan))
'2026-12-01–2026-12-31'
>>> str(DueDate.parse("下月初").resolve(plan)), str(DueDate.parse("明年年初").resolve(plan))
('2026-12-01–2026-12-10', '2027-01-01–2027-03-31')
>>> DueDate.parse("2024年第一季度").resolve(plan).last
datetime.date(2024, 3, 31)
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

import attrs

from servstd._numerals import cn_int
from servstd._schema import Shaped
from servstd.errors import InputParseError
from servstd.sla.calendar.work_calendar import as_date
from servstd.standards.frequency import Period

__all__ = ["DateRange", "DueDate", "resolve_due_date"]

ACCEPTED = (
    "下月初", "本季度末", "明年年初", "本月底", "下个季度中", "年底", "下月上旬", "2024年第一季度", "2024年Q1",
    "2024年3月底", "Q3", "第三季度", "下半年", "early next month", "end of this quarter", "Q1 2024",
)  # fmt: skip
"""Examples of the due dates :meth:`DueDate.parse` reads."""


@attrs.frozen
class DateRange(Shaped):
    """The closed range of dates ``[first, last]`` (both days included)."""

    first: dt.date
    last: dt.date

    def __contains__(self, day: object) -> bool:
        return (
            isinstance(day, dt.date) and not isinstance(day, dt.datetime) and self.first <= day <= self.last
        )

    def __str__(self) -> str:
        return f"{self.first.isoformat()}–{self.last.isoformat()}"


_PARTS = {"初": "初", "上旬": "初", "中": "中", "中旬": "中", "末": "末", "底": "末", "下旬": "末"}
_OFFSET = {"本": 0, "这": 0, "這": 0, "当": 0, "當": 0, "今": 0, "下": 1, "次": 1, "来": 1, "來": 1,
           "明": 1, "上": -1, "去": -1, "后": 2, "後": 2}  # fmt: skip
_UNIT = {"月": Period.MONTH, "季度": Period.QUARTER, "季": Period.QUARTER, "半年": Period.HALF_YEAR,
         "年度": Period.YEAR, "年": Period.YEAR}  # fmt: skip
_PART = r"(?P<part>初|中旬|中|末|底|上旬|下旬)?"
_RELATIVE = re.compile(
    r"(?P<rel>[本这這当當下次来來上])?(?:个|個)?(?P<unit>月|季度|季)(?:月|季度|季)?" + _PART
)
_YEAR = r"(?:(?P<abs>\d{4})|(?P<yrel>[本这這当當今下次来來明上去后後]))(?:年度|年)"
_IN_YEAR = (
    r"(?:第?(?P<q>[一二三四1-4])(?:季度|季)|[Qq](?P<qq>[1-4])|(?P<m>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?"
    r"|(?P<half>[上下])半年)"
)
_YEAR_BASED = re.compile(
    r"(?:" + _YEAR + r")?(?:" + _IN_YEAR + r")?(?P<again>年度|年|季度|季|月|半年)?" + _PART
)
_EN_PART = {"early": "初", "beginning of": "初", "start of": "初", "mid": "中", "middle of": "中",
            "late": "末", "end of": "末"}  # fmt: skip
_EN = re.compile(
    r"(?P<part>early|beginning of|start of|mid|middle of|late|end of)?\s*(?P<rel>this|next|last)\s+"
    r"(?P<unit>month|quarter|year)"
)
_EN_QUARTER = re.compile(r"(?:q(?P<a>[1-4])\s*(?P<y1>\d{4})|(?P<y2>\d{4})\s*-?\s*q(?P<b>[1-4]))")


def _error(text: object, reason: str) -> InputParseError:
    return InputParseError(text, "due", "due date", reason, ACCEPTED)


@attrs.frozen
class DueDate(Shaped):
    """A due date as written, resolved against a plan date by :meth:`resolve`.

    Either ``offset`` is set (``period`` counted from the plan date's: 0 this one, 1 the next), or
    the period lies in a year — ``year`` as written, else the plan date's year plus ``year_offset``
    — at ``index`` (the month 1–12, the quarter 1–4 or the half 1–2; ``None`` for the whole year).
    ``part`` is ``""`` (the whole period), ``"初"``, ``"中"`` or ``"末"``.
    """

    text: str
    period: Period
    part: str = ""
    offset: int | None = None
    year: int | None = None
    year_offset: int = 0
    index: int | None = None

    @classmethod
    def parse(cls, text: str) -> DueDate:
        """Read a due date (see the module documentation); an unknown form is an
        :class:`~servstd.errors.InputParseError` listing accepted ones.

        >>> DueDate.parse("下月初")
        DueDate(text='下月初', period=<Period.MONTH: 'month'>, part='初', offset=1, year=None, year_offset=0, index=None)
        """
        if not isinstance(text, str):
            raise _error(text, "a due date is text")
        s = re.sub(r"\s+", "", text)
        if not s:
            raise _error(text, "empty")
        m = _RELATIVE.fullmatch(s)
        if m and (m.group("rel") or m.group("part")):
            part = _PARTS[m.group("part")] if m.group("part") else ""
            unit = _UNIT[m.group("unit")]
            if part and unit is Period.QUARTER and m.group("part") in ("上旬", "中旬", "下旬"):
                raise _error(text, "上旬/中旬/下旬 are parts of a month")
            return cls(text, unit, part, _OFFSET[m.group("rel")] if m.group("rel") else 0)
        m = _YEAR_BASED.fullmatch(s)
        if m and (
            m.group("abs")
            or m.group("yrel")
            or _in_year(m)
            or (m.group("again") in ("年", "年度") and m.group("part"))
        ):
            return _year_based(text, m)
        english = _english(text)
        if english is not None:
            return english
        raise _error(text, "not a due date this library reads")

    def resolve(self, plan_date: dt.date | str) -> DateRange:
        """The dates the item is due in, counted from ``plan_date`` (a date or an ISO date text).

        >>> DueDate.parse("本季度末").resolve("2026-11-10").last
        datetime.date(2026, 12, 31)
        """
        plan = as_date(plan_date, "plan_date")
        if self.offset is not None:
            first, last = _relative(self.period, plan, self.offset)
        else:
            year = self.year if self.year is not None else plan.year + self.year_offset
            first, last = _in_year_range(self.period, year, self.index)
        return _part(self.period, first, last, self.part, self.text)

    def __str__(self) -> str:
        return self.text


def resolve_due_date(text: str, plan_date: dt.date | str) -> DateRange:
    """The date range 「下月初」 (or any form :meth:`DueDate.parse` reads) names, from ``plan_date``.

    >>> import datetime as dt
    >>> str(resolve_due_date("本季度末", dt.date(2026, 11, 10)))
    '2026-12-01–2026-12-31'
    """
    return DueDate.parse(text).resolve(plan_date)


# -- reading ----------------------------------------------------------------------------------


def _in_year(m: re.Match[str]) -> bool:
    return bool(m.group("q") or m.group("qq") or m.group("m") or m.group("half"))


def _year_based(text: str, m: re.Match[str]) -> DueDate:
    part = _PARTS[m.group("part")] if m.group("part") else ""
    year = int(m.group("abs")) if m.group("abs") else None
    rel = m.group("yrel")
    year_offset = _OFFSET[rel] if rel else 0
    again = m.group("again")
    if m.group("q") or m.group("qq"):
        q = m.group("qq") or m.group("q")
        period, index = Period.QUARTER, int(q) if q.isdigit() else cn_int(q)
    elif m.group("m"):
        period, index = Period.MONTH, int(m.group("m")) if m.group("m").isdigit() else cn_int(m.group("m"))
    elif m.group("half"):
        period, index = Period.HALF_YEAR, 1 if m.group("half") == "上" else 2
    else:
        period, index = Period.YEAR, None
    if again is not None and _UNIT[again] is not period:
        raise _error(text, f"「{again}」 does not name the same period as what precedes it")
    if part and m.group("part") in ("上旬", "中旬", "下旬") and period is not Period.MONTH:
        raise _error(text, "上旬/中旬/下旬 are parts of a month")
    if part == "中" and period is Period.HALF_YEAR:
        raise _error(
            text, "a half-year has a beginning (its first quarter) and an end (its second), no middle"
        )
    return DueDate(text, period, part, None, year, year_offset, index)


def _english(text: str) -> DueDate | None:
    s = " ".join(text.lower().split())
    m = _EN.fullmatch(s)
    if m:
        offset = {"this": 0, "next": 1, "last": -1}[m.group("rel")]
        part = _EN_PART[m.group("part")] if m.group("part") else ""
        unit = {"month": Period.MONTH, "quarter": Period.QUARTER, "year": Period.YEAR}[m.group("unit")]
        if unit is Period.YEAR:
            return DueDate(text, Period.YEAR, part, None, None, offset, None)
        return DueDate(text, unit, part, offset)
    m = _EN_QUARTER.fullmatch(s.replace(" ", ""))
    if m:
        q = int(m.group("a") or m.group("b"))
        return DueDate(text, Period.QUARTER, "", None, int(m.group("y1") or m.group("y2")), 0, q)
    return None


# -- resolving ---------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def _months(period: Period) -> int:
    return {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}[period]


def _relative(period: Period, plan: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    size = _months(period)
    start = (plan.year * 12 + plan.month - 1) // size * size + offset * size
    year, month0 = divmod(start, 12)
    end_year, end_month0 = divmod(start + size - 1, 12)
    if year < dt.MINYEAR or end_year > dt.MAXYEAR:
        raise _error(f"{offset:+d} {period.value}", "the year lies outside the calendar")
    return dt.date(year, month0 + 1, 1), _month_end(end_year, end_month0 + 1)


def _in_year_range(period: Period, year: int, index: int | None) -> tuple[dt.date, dt.date]:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _error(str(year), "the year lies outside the calendar")
    if index is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    size = _months(period)
    first_month = (index - 1) * size + 1
    return dt.date(year, first_month, 1), _month_end(year, first_month + size - 1)


def _part(period: Period, first: dt.date, last: dt.date, part: str, text: str) -> DateRange:
    """初/中/末 of the period ``[first, last]`` (see the table in the module documentation)."""
    if not part:
        return DateRange(first, last)
    if period is Period.MONTH:
        spans = {"初": (1, 10), "中": (11, 20), "末": (21, last.day)}
        a, b = spans[part]
        return DateRange(first.replace(day=a), first.replace(day=b))
    # quarters split into months, half-years and years into quarters
    unit = 1 if period is Period.QUARTER else 3
    units = _months(period) // unit
    pick = {"初": (0, 0), "中": (1, units - 2), "末": (units - 1, units - 1)}[part]
    if pick[0] > pick[1]:
        raise _error(text, f"a {period.value} has no middle part")
    a_month = first.month + pick[0] * unit
    b_month = first.month + pick[1] * unit + unit - 1
    return DateRange(dt.date(first.year, a_month, 1), _month_end(first.year, b_month))
