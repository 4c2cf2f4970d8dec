"""The 办法's statutory days by period (2000–2007, 2008–2013, 2014–2024, 2025 on), and festival names."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.sla.calendar.statute import (
    FESTIVALS,
    canonical_festival,
    festivals,
    statutory_count,
    statutory_days,
)

D = dt.date
# the rule itself, computed afresh for each call (statutory_days keeps the years it has made)
_statutory_days = statutory_days.__wrapped__

# 春节 (the first day of the first lunar month), checked against printed calendars
LUNAR_NEW_YEAR = {
    2000: D(2000, 2, 5),
    2007: D(2007, 2, 18),
    2008: D(2008, 2, 7),
    2013: D(2013, 2, 10),
    2014: D(2014, 1, 31),
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
}


def _law(year: int) -> tuple[tuple[int, ...], int, int]:
    """The 办法 in force: 春节's days relative to 初一, 劳动节's days, the total of statutory days."""
    if year < 2008:
        return (0, 1, 2), 3, 10
    if year <= 2013:
        return (-1, 0, 1), 1, 11
    if year <= 2024:
        return (0, 1, 2), 1, 11
    return (-1, 0, 1, 2), 2, 13


@pytest.mark.parametrize("year", sorted(LUNAR_NEW_YEAR))
def test_spring_festival_and_labour_day_by_period(year: int) -> None:
    """春节 is 初一–初三 (2000–2007, 2014–2024), 除夕–初二 (2008–2013), 除夕–初三 (2025 on);
    劳动节 is 5月1–3日, 5月1日, 5月1–2日 in the same periods."""
    spring, labour, _ = _law(year)
    days = _statutory_days(year)
    assert sorted(d for d, f in days.items() if f == "春节") == [
        LUNAR_NEW_YEAR[year] + dt.timedelta(days=k) for k in spring
    ]
    assert sorted(d for d, f in days.items() if f == "劳动节") == [
        D(year, 5, k) for k in range(1, labour + 1)
    ]


@given(st.integers(min_value=2000, max_value=2100))
def test_every_year_has_the_days_of_its_law(year: int) -> None:
    """Each year: 元旦 1月1日, 国庆节 10月1–3日, one day each of 清明/端午/中秋 from 2008 (none
    before), 春节 and 劳动节 as the law of the year; statutory_count is the law's total."""
    spring, labour, total = _law(year)
    days = _statutory_days(year)
    per = Counter(f for name in days.values() for f in canonical_festival(name))
    assert per["元旦"] == 1
    assert days[D(year, 1, 1)] == "元旦"
    assert per["国庆节"] == 3
    assert all("国庆节" in days[D(year, 10, k)] for k in (1, 2, 3))
    for f in ("清明节", "端午节", "中秋节"):
        assert per[f] == (1 if year >= 2008 else 0), f
    assert per["春节"] == len(spring)
    assert per["劳动节"] == labour
    assert statutory_count(year) == total == sum(per.values())
    assert set(per) == set(festivals(year))


def test_before_the_law_there_are_no_statutory_days() -> None:
    """The table starts in 2000: 1999 has no statutory days, 2000 has the 2000–2007 ten."""
    assert _statutory_days(1999) == {}
    assert statutory_count(1999) == 0
    assert len(_statutory_days(2000)) == 10


@pytest.mark.parametrize(("year", "day"), [(2009, 3), (2020, 1)])
def test_mid_autumn_on_national_day_is_one_day_of_two_festivals(year: int, day: int) -> None:
    """中秋 on 10月1–3日 (2009, 2020) gives one day named 「中秋节、国庆节」, counted twice."""
    days = _statutory_days(year)
    assert days[D(year, 10, day)] == "中秋节、国庆节"
    others = [D(year, 10, k) for k in (1, 2, 3) if k != day]
    assert [days[d] for d in others] == ["国庆节", "国庆节"]
    assert statutory_count(year) == len(days) + 1


def test_festivals_by_period() -> None:
    """The festivals of the 办法: four until 2007, all seven from 2008, in the notices' order."""
    assert festivals(2000) == festivals(2007) == ("元旦", "春节", "劳动节", "国庆节")
    assert festivals(2008) == festivals(2026) == FESTIVALS


@pytest.mark.parametrize(
    ("name", "fests"),
    [
        ("“五一”国际劳动节", ("劳动节",)),
        ("Labour Day", ("劳动节",)),
        ("农历除夕", ("春节",)),
        ("清明", ("清明节",)),
        ("Tomb-sweeping Day", ("清明节",)),
        ("Qingming", ("清明节",)),
        ("Dragon Boat Festival", ("端午节",)),
        ("Mid-autumn Festival", ("中秋节",)),
        ("国庆节、中秋节", ("中秋节", "国庆节")),
        ("十一", ("国庆节",)),
        ("New Year's Day", ("元旦",)),
        ("休息日（由 2026-01-04 调休）", ()),
        ("Day off (moved from 2026-01-04) New Year", ()),
        ("司庆", ()),
    ],
)
def test_canonical_festival_reads_every_written_form(name: str, fests: tuple[str, ...]) -> None:
    """canonical_festival: each festival's written forms (zh and en), in the law's order; a
    substituted day off (休息日…, Day off…) refers to no festival."""
    assert canonical_festival(name) == fests


@pytest.mark.parametrize(
    ("name", "festivals"),
    [
        ("Chinese New Year (Spring Festival)", ("春节",)),
        ("Lunar New Year", ("春节",)),
        ("New Year's Day", ("元旦",)),
        ("元旦", ("元旦",)),
        ("New Year's Day; Chinese New Year", ("元旦", "春节")),
    ],
)
def test_new_year_is_not_the_lunar_new_year(name: str, festivals: tuple[str, ...]) -> None:
    """ "New Year" names 元旦 only where it is not the lunar new year: "Chinese/Lunar New Year" is 春节."""
    assert canonical_festival(name) == festivals
