"""Due dates as plans write them (「下月初」, 「本季度末」, 「明年年初」, 「2024年第一季度」) resolve to date ranges.

初/中/末 split a period into the calendar unit one size down: a month into its 旬 (1–10, 11–20, 21–end),
a quarter into its months, a year into its quarters (中 = the 2nd and 3rd). The hand-checked cases
below were worked out on a calendar; the properties hold the resolver to a slow oracle that counts
months one by one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import InputParseError, ServstdError
from servstd.standards import DateRange, DueDate, resolve_due_date
from tests.strategies import plan_dates, relative_due_dates

PLAN = dt.date(2026, 11, 10)


def span(text: str, plan: dt.date = PLAN) -> tuple[str, str]:
    r = resolve_due_date(text, plan)
    return r.first.isoformat(), r.last.isoformat()


class TestHandChecked:
    """Cases worked out by hand on a calendar (seed 003 「改進計劃實施」 and 「戰略實施計劃」)."""

    def test_end_of_this_quarter(self) -> None:
        """「本季度末」 from 2026-11-10: the quarter is Oct–Dec, its end its third month: due 2026-12-31."""
        assert span("本季度末") == ("2026-12-01", "2026-12-31")
        assert DueDate.parse("本季度末").resolve(PLAN).last == dt.date(2026, 12, 31)

    def test_beginning_of_next_month(self) -> None:
        """「下月初」 from 2026-11-10 is December's first 旬: 12-01 to 12-10."""
        assert span("下月初") == ("2026-12-01", "2026-12-10")

    def test_beginning_of_next_year(self) -> None:
        """「明年年初」 from 2026-11-10 is the first quarter of 2027."""
        assert span("明年年初") == ("2027-01-01", "2027-03-31")

    def test_a_quarter_of_a_named_year(self) -> None:
        """「2024年第一季度」 is 2024-01-01 to 2024-03-31, whatever the plan date."""
        assert span("2024年第一季度") == ("2024-01-01", "2024-03-31")
        assert span("2024年Q1", dt.date(2030, 5, 5)) == ("2024-01-01", "2024-03-31")

    def test_a_quarter_without_a_year_is_the_plans(self) -> None:
        """「Q3」 (service-culture-schedule 「實施時間 Q3」) is the third quarter of the plan's year."""
        assert span("Q3") == ("2026-07-01", "2026-09-30")
        assert span("第三季度") == span("Q3")

    def test_next_month_across_the_year(self) -> None:
        """「下月初」 from 2026-12-15 is January 2027's first 旬."""
        assert span("下月初", dt.date(2026, 12, 15)) == ("2027-01-01", "2027-01-10")

    def test_end_of_february_in_a_leap_year(self) -> None:
        """「月底」 in February 2024 is 02-21 to 02-29; in 2026 02-21 to 02-28."""
        assert span("月底", dt.date(2024, 2, 3)) == ("2024-02-21", "2024-02-29")
        assert span("本月末", dt.date(2026, 2, 3)) == ("2026-02-21", "2026-02-28")

    def test_middle_of_a_quarter_and_of_a_year(self) -> None:
        """「本季度中」 is the quarter's second month; 「年中」 the second and third quarters."""
        assert span("本季度中") == ("2026-11-01", "2026-11-30")
        assert span("年中") == ("2026-04-01", "2026-09-30")

    def test_end_of_the_year_and_halves(self) -> None:
        """「年底」 is the fourth quarter; 「下半年」 July–December; 「上半年末」 the second quarter."""
        assert span("年底") == ("2026-10-01", "2026-12-31")
        assert span("下半年") == ("2026-07-01", "2026-12-31")
        assert span("上半年末") == ("2026-04-01", "2026-06-30")

    def test_ten_day_parts_of_a_month(self) -> None:
        """上旬/中旬/下旬 are 初/中/末 of a month."""
        assert span("下月上旬") == span("下月初")
        assert span("本月中旬") == ("2026-11-11", "2026-11-20")
        assert span("本月下旬") == ("2026-11-21", "2026-11-30")

    def test_a_month_of_a_named_year(self) -> None:
        """「2024年3月底」 is 2024-03-21 to 2024-03-31; 「十二月」 December of the plan's year."""
        assert span("2024年3月底") == ("2024-03-21", "2024-03-31")
        assert span("十二月") == ("2026-12-01", "2026-12-31")

    def test_traditional_script_and_english(self) -> None:
        """「下個月初」 reads as 「下个月初」; English forms name the same ranges."""
        assert span("下個月初") == span("下个月初") == span("early next month")
        assert span("end of this quarter") == span("本季度末")
        assert span("beginning of next year") == span("明年年初")
        assert span("Q1 2024") == span("2024-Q1") == span("2024年第一季度")

    def test_the_plan_date_may_be_text(self) -> None:
        """A plan date is a date or an ISO date text."""
        assert DueDate.parse("本季度末").resolve("2026-11-10") == DateRange(
            dt.date(2026, 12, 1), dt.date(2026, 12, 31)
        )


class TestRefusals:
    """What is not a due date is an InputParseError naming the accepted forms — never a guess."""

    @pytest.mark.parametrize(
        "text",
        [
            "2024",  # seed 003 「中期 增強品牌影響力 2024」: cut off, a year alone is not read
            "下季度上旬",  # 上旬 is a part of a month
            "上半年中",  # a half-year has no middle
            "明月",  # 明 names a year only
            "下年月初",  # 年 then 月: two periods
            "月",  # a bare unit names nothing
            "尽快",
            "",
        ],
    )
    def test_unknown_forms(self, text: str) -> None:
        """Each is refused with the accepted forms listed."""
        with pytest.raises(InputParseError, match="下月初"):
            DueDate.parse(text)

    def test_not_text(self) -> None:
        """A due date is text."""
        with pytest.raises(InputParseError):
            DueDate.parse(2024)  # type: ignore[arg-type]

    def test_a_plan_date_out_of_the_calendar(self) -> None:
        """A range past year 9999 is an error, not a wrapped date."""
        with pytest.raises(ServstdError):
            resolve_due_date("明年年初", dt.date(9999, 6, 1))


# -- a slow oracle ----------------------------------------------------------------------------

MONTHS = {"月": 1, "季度": 3, "年": 12}


def oracle(plan: dt.date, unit: str, offset: int, part: str) -> tuple[dt.date, dt.date]:
    """The range counted out month by month: list the plan year's periods as (year, month) lists,
    step ``offset`` periods from the one holding the plan date, then take the part."""
    size = MONTHS[unit]
    periods = []
    for year in range(plan.year - 2, plan.year + 3):
        months = [(year, m) for m in range(1, 13)]
        periods += [months[i : i + size] for i in range(0, 12, size)]
    here = next(i for i, p in enumerate(periods) if (plan.year, plan.month) in p)
    period = periods[here + offset]

    def whole(ms: list[tuple[int, int]]) -> tuple[dt.date, dt.date]:
        (y0, m0), (y1, m1) = ms[0], ms[-1]
        return dt.date(y0, m0, 1), dt.date(y1, m1, calendar.monthrange(y1, m1)[1])

    if not part:
        return whole(period)
    if unit == "月":
        y, m = period[0]
        last = calendar.monthrange(y, m)[1]
        a, b = {"初": (1, 10), "中": (11, 20), "末": (21, last)}[part]
        return dt.date(y, m, a), dt.date(y, m, b)
    parts = (
        [period[i : i + 1] for i in range(3)]
        if unit == "季度"
        else [period[i : i + 3] for i in range(0, 12, 3)]
    )
    chosen = {"初": parts[:1], "中": parts[1:-1], "末": parts[-1:]}[part]
    return whole([m for p in chosen for m in p])


class TestProperties:
    @given(relative_due_dates(), plan_dates)
    def test_matches_the_month_by_month_oracle(self, due: tuple[str, str, int, str], plan: dt.date) -> None:
        """A relative due date resolves to the range the slow oracle counts out."""
        text, unit, offset, part = due
        r = resolve_due_date(text, plan)
        assert (r.first, r.last) == oracle(plan, unit, offset, part)

    @given(st.sampled_from(["月", "季度", "年"]), plan_dates)
    def test_beginning_middle_and_end_partition_the_period(self, unit: str, plan: dt.date) -> None:
        """初, 中 and 末 of a period are contiguous, in order, and together make the whole period."""
        whole = resolve_due_date(f"本{unit}", plan)
        parts = [resolve_due_date(f"本{unit}{p}", plan) for p in "初中末"]
        assert parts[0].first == whole.first
        assert parts[-1].last == whole.last
        for a, b in itertools.pairwise(parts):
            assert a.last + dt.timedelta(days=1) == b.first

    @given(st.sampled_from(["月", "季度"]), plan_dates)
    def test_this_period_holds_the_plan_date_and_next_follows_it(self, unit: str, plan: dt.date) -> None:
        """「本月」 holds the plan date; 「下月」 begins the day after it ends; 「上月」 ends the day before."""
        this = resolve_due_date(f"本{unit}", plan)
        assert plan in this
        assert resolve_due_date(f"下{unit}", plan).first == this.last + dt.timedelta(days=1)
        assert resolve_due_date(f"上{unit}", plan).last == this.first - dt.timedelta(days=1)

    @given(plan_dates)
    def test_di_reads_as_mo(self, plan: dt.date) -> None:
        """底 is 末: 「月底」 is 「月末」, 「年底」 is 「年末」."""
        assert resolve_due_date("月底", plan) == resolve_due_date("月末", plan)
        assert resolve_due_date("年底", plan) == resolve_due_date("年末", plan)
