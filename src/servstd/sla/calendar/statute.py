"""The law behind every yearly notice: 《全国年节及纪念日放假办法》 (national festivals and memorial days).

The State Council's yearly notice only *arranges* days; which festivals there are and which days
are statutory rest days (法定节假日) is fixed by the 办法, revised several times. The reader checks
each yearly notice against it, so a copy that lost a festival or made a statutory day a working
day is an error, not a calendar:

* 2000–2007 (10 days): 元旦 1月1日; 春节 初一–初三; 劳动节 5月1–3日; 国庆节 10月1–3日;
* 2008–2013 (11 days): 元旦; 春节 除夕–初二; 清明节; 劳动节 5月1日; 端午节; 中秋节; 国庆节 10月1–3日;
* 2014–2024 (11 days): as 2008–2013, with 春节 初一–初三;
* 2025 on (13 days): 春节 除夕–初三; 劳动节 5月1–2日; the rest as 2014–2024.

Lunar dates (除夕, 初一, 端午, 中秋) and 清明 come from the ``holidays`` package's Chinese
lunisolar tables, the same tables the built-in calendar is made from.

>>> import datetime as dt
>>> days = statutory_days(2026)
>>> len(days), days[dt.date(2026, 2, 16)], days[dt.date(2026, 5, 2)]
(13, '春节', '劳动节')
>>> festivals(2007)
('元旦', '春节', '劳动节', '国庆节')
"""

from __future__ import annotations

import datetime as dt
import functools

__all__ = [
    "FESTIVALS",
    "FESTIVAL_NAMES_EN",
    "canonical_festival",
    "festivals",
    "statutory_count",
    "statutory_days",
]

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
"""Every festival of the 办法, in the order the notices list them (also the order of combined names)."""

FESTIVAL_NAMES_EN = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-Sweeping Day",
    "劳动节": "Labor Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
}
"""English names of the festivals."""

# Each festival's marks in a name as notices and data sources write it (“五一”国际劳动节, 农历除夕…).
_MARKS = (
    ("元旦", ("元旦", "New Year")),
    ("春节", ("春节", "除夕", "Spring Festival", "Chinese New Year", "Lunar New Year")),
    ("清明节", ("清明", "Tomb-Sweeping", "Tomb-sweeping", "Qingming")),
    ("劳动节", ("劳动节", "五一", "Labor Day", "Labour Day")),
    ("端午节", ("端午", "Dragon Boat")),
    ("中秋节", ("中秋", "Mid-Autumn", "Mid-autumn")),
    ("国庆节", ("国庆", "十一", "National Day")),
)

_FIRST_YEAR = 2000


def canonical_festival(name: str) -> tuple[str, ...]:
    """The festivals a name refers to, in :data:`FESTIVALS` order (empty when none).

    >>> canonical_festival("“五一”国际劳动节"), canonical_festival("国庆节、中秋节")
    (('劳动节',), ('中秋节', '国庆节'))
    >>> canonical_festival("Chinese New Year (Spring Festival)"), canonical_festival("New Year's Day")
    (('春节',), ('元旦',))
    >>> canonical_festival("休息日（由 2026-01-04 调休）")
    ()
    """
    if name.startswith(("休息日", "Day off")):
        return ()
    # "New Year" marks 元旦 only where it is not the lunar one ("Chinese New Year" is 春节)
    solar = name.replace("Chinese New Year", "").replace("Lunar New Year", "")
    return tuple(f for f, marks in _MARKS if any(m in (solar if f == "元旦" else name) for m in marks))


def festivals(year: int) -> tuple[str, ...]:
    """The festivals of ``year`` under the 办法 in force (清明, 端午 and 中秋 from 2008)."""
    if year < 2008:
        return ("元旦", "春节", "劳动节", "国庆节")
    return FESTIVALS


@functools.cache
def statutory_days(year: int) -> dict[dt.date, str]:
    """Every statutory rest day of ``year`` with its festival (years 2000 on; earlier: empty)."""
    if year < _FIRST_YEAR:
        return {}
    # the holidays package (0.1 s to import) only when a notice is checked against the law
    from holidays.calendars.chinese import _ChineseLunisolar  # noqa: PLC0415

    lunar = _ChineseLunisolar()

    def on(found: tuple[dt.date | None, bool]) -> dt.date:
        day = found[0]
        if day is None:  # pragma: no cover - the tables reach 2100
            raise ValueError(f"no lunar date for {year}")
        return day

    new_year = on(lunar.lunar_new_year_date(year))
    spring = (-1, 0, 1, 2) if year >= 2025 else (-1, 0, 1) if 2008 <= year <= 2013 else (0, 1, 2)
    labour = 3 if year < 2008 else 2 if year >= 2025 else 1
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    days.update({new_year + dt.timedelta(days=k): "春节" for k in spring})
    days.update({dt.date(year, 5, k): "劳动节" for k in range(1, labour + 1)})
    if year >= 2008:
        days[on(lunar.qingming_date(year))] = "清明节"
        days[on(lunar.dragon_boat_date(year))] = "端午节"
        days[on(lunar.mid_autumn_date(year))] = "中秋节"
    for k in (1, 2, 3):
        # 中秋 on a National Day (2001, 2009, 2020): one day of two festivals, named after both
        day = dt.date(year, 10, k)
        days[day] = "中秋节、国庆节" if days.get(day) == "中秋节" else "国庆节"
    return days


def statutory_count(year: int) -> int:
    """Statutory days of ``year`` counting a day of two festivals twice (it earns a day off more).

    >>> statutory_count(2020), len(statutory_days(2020))
    (11, 10)
    """
    return sum(len(canonical_festival(name)) for name in statutory_days(year).values())
