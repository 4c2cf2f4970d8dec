"""How often a checklist item must be done: "每周至少1次", "每月5日前", "每天", "每季度".

>>> from servstd.standards import Frequency
>>> Frequency.parse("每周至少1次")
Frequency(period=<Period.WEEK: 'week'>, at_least=1, by_day=None, text='每周至少1次')
>>> Frequency.parse("每月5日前").by_day
5

A review named by its period reads as once per period: 「月度考核」 is once a month, 「年度考核」 once a
year, 「日常考核」 once a day.

>>> Frequency.parse("半年度考核").period
<Period.HALF_YEAR: 'half-year'>
"""

from __future__ import annotations

import enum
import re

import attrs

from servstd._numerals import cn_int
from servstd._schema import Shaped
from servstd.errors import DocumentError, Problem

__all__ = ["Frequency", "Period"]


class Period(enum.Enum):
    """The period a frequency repeats over."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half-year"
    YEAR = "year"


_PERIODS = {"天": Period.DAY, "日": Period.DAY, "周": Period.WEEK, "星期": Period.WEEK, "月": Period.MONTH,
            "季度": Period.QUARTER, "季": Period.QUARTER, "半年": Period.HALF_YEAR, "半年度": Period.HALF_YEAR,
            "年": Period.YEAR, "年度": Period.YEAR,
            "day": Period.DAY, "week": Period.WEEK, "month": Period.MONTH, "quarter": Period.QUARTER,
            "half-year": Period.HALF_YEAR, "halfyear": Period.HALF_YEAR, "year": Period.YEAR}  # fmt: skip
_ADJECTIVE = {"日常": Period.DAY, "月度": Period.MONTH, "季度": Period.QUARTER, "半年度": Period.HALF_YEAR,
              "年度": Period.YEAR}  # fmt: skip
"""A review named by its period (月度考核, 年度考核): once per period; 日常 is every day."""
_ACCEPTED = (
    "'每周至少1次', '每月2次', '每月一次', '每周抽查2户', '每天', '每月5日前', '每季度', '每半年一次', '每年一次', "
    "'月度', '日常考核', 'weekly', 'semiannually', 'at least 2 per month'"
)


@attrs.frozen
class Frequency(Shaped):
    """At least ``at_least`` times per ``period``, and (for monthly items) by day ``by_day`` of it."""

    period: Period
    at_least: int = 1
    by_day: int | None = None
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> Frequency:
        """Read a frequency as the standards write it (Chinese or English)."""
        s = re.sub(r"\s+", "", str(text)).lower()
        m = re.fullmatch(r"每(个)?月(\d{1,2})[日号](之|以)?前", s)
        if m:
            day = int(m.group(2))
            if not 1 <= day <= 31:
                raise _error(text, "the day of the month must be 1–31")
            return cls(Period.MONTH, 1, day, str(text))
        m = re.fullmatch(
            r"每(?:个)?(天|日|周|星期|月|季度|季|半年度|半年|年度|年)(?:至少|不少于)?(?:抽查|检查|巡查|召开|组织|举行|更新)?"
            r"(?:至少|不少于)?(?:(\d+|[一二两三四五六七八九十])(?:次|户|回|期|遍))?(?:以上)?",
            s,
        )
        if m:
            n = cn_int(m.group(2)) if m.group(2) else 1
            return cls(_PERIODS[m.group(1)], n, None, str(text))
        m = re.fullmatch(r"(日常|月度|季度|半年度|年度)(?:考核|检查|檢查|评估|評估|巡查)?", s)
        if m:  # 月度考核: once a month (日常: every day)
            return cls(_ADJECTIVE[m.group(1)], 1, None, str(text))
        english = {"daily": Period.DAY, "weekly": Period.WEEK, "monthly": Period.MONTH,
                   "quarterly": Period.QUARTER, "semiannually": Period.HALF_YEAR, "half-yearly": Period.HALF_YEAR,
                   "yearly": Period.YEAR, "annually": Period.YEAR}  # fmt: skip
        if s in english:
            return cls(english[s], 1, None, str(text))
        m = re.fullmatch(
            r"(?:atleast)?(\d+)(?:times?)?(?:per|a|each)(day|week|month|quarter|half-year|year)", s
        )
        if m:
            return cls(_PERIODS[m.group(2)], int(m.group(1)), None, str(text))
        raise _error(text, "not a known frequency")

    def __attrs_post_init__(self) -> None:
        if self.at_least < 1:
            raise _error(self.text, "at least once per period")

    def __str__(self) -> str:
        if self.text:
            return self.text
        zh = {
            Period.DAY: "天",
            Period.WEEK: "周",
            Period.MONTH: "月",
            Period.QUARTER: "季度",
            Period.HALF_YEAR: "半年",
            Period.YEAR: "年",
        }
        if self.by_day is not None:
            return f"每月{self.by_day}日前"
        return f"每{zh[self.period]}至少{self.at_least}次"


def _error(text: object, reason: str) -> DocumentError:
    return DocumentError(
        "frequency", [Problem("frequency", f"{text!r}: {reason}; accepted: {_ACCEPTED}", text)]
    )
