"""Notice texts written from an arrangement, in each style the reader supports (test data).

An :class:`Arrangement` is a year's items (festival name, rest days, make-up working days). The
official arrangements of 2004–2026 come from the ``chinesecalendar`` package, an oracle
independent of the ``holidays`` data the calendar is built on (corrected where it is wrong:
2005-12-31 was a working day, 国办发明电〔2005〕35号). Each style writes the text a publisher
would: the current gov.cn style (周X), the 2010s style (星期X), a gov.cn page copy (title over two
lines, ASCII punctuation) and the 2008 style (em-dash ranges, 其中 sentences). Variants turn the
punctuation full-width or ASCII, and wrap lines at any column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
from chinese_calendar import constants

from servstd.sla.calendar.statute import canonical_festival, statutory_days

D = dt.date
STYLES = ("modern", "2010s", "gov-copy", "2008")
_WD = "一二三四五六日"
_NUMS = "一二三四五六七八九十"
_ORDER = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


@attrs.frozen
class Item:
    name: str
    rest: tuple[dt.date, ...]
    work: tuple[dt.date, ...]


@attrs.frozen
class Arrangement:
    year: int
    items: tuple[Item, ...]

    @property
    def rest(self) -> dict[dt.date, str]:
        return {d: i.name for i in self.items for d in i.rest}

    @property
    def work(self) -> dict[dt.date, str]:
        return {d: f"{i.name}调休上班" for i in self.items for d in i.work}


def _zh(en: str) -> str:
    fests = canonical_festival(en)
    assert len(fests) == 1, en
    return fests[0]


def _notice_year(d: dt.date, fest: str) -> int:
    return d.year + 1 if (d.month == 12 and fest == "元旦") else d.year


def official(year: int) -> Arrangement:
    """The yearly notice of ``year`` as published (later amendments left out)."""
    hol = {d: _zh(str(n)) for d, n in constants.holidays.items() if "Anti-Fascist" not in str(n)}
    work = {d: _zh(str(n)) for d, n in constants.workdays.items() if "Anti-Fascist" not in str(n)}
    hol.pop(D(2005, 12, 31), None)
    work[D(2005, 12, 31)] = "元旦"  # 国办发明电〔2005〕35号: 12月31日（星期六）上班
    if year == 2020:  # the extension came later (国办发明电〔2020〕1号)
        for k in range(3):
            hol.pop(D(2020, 1, 31) + dt.timedelta(days=k), None)
        work[D(2020, 2, 1)] = "春节"
    rest_days = set(hol)
    groups: dict[str, list[dt.date]] = {}
    for d, f in hol.items():
        if _notice_year(d, f) == year:
            groups.setdefault(f, []).append(d)
    spans = []
    for f, days in groups.items():
        a, b = min(days), max(days)
        # the whole run of rest days: weekends next to it belong to it
        while (a - dt.timedelta(days=1)).weekday() >= 5 and (a - dt.timedelta(days=1)) not in work:
            a -= dt.timedelta(days=1)
        while (b + dt.timedelta(days=1)).weekday() >= 5 and (b + dt.timedelta(days=1)) not in work:
            b += dt.timedelta(days=1)
        while a - dt.timedelta(days=1) in rest_days and _notice_year(a - dt.timedelta(days=1), f) == year:
            a -= dt.timedelta(days=1)
        spans.append([a, b, {f}])
    spans.sort()
    merged: list[list] = []
    for a, b, fs in spans:
        if merged and a <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1][1] = max(b, merged[-1][1])
            merged[-1][2] |= fs
        else:
            merged.append([a, b, set(fs)])
    items = []
    statutory = statutory_days(year)
    for a, b, fs in merged:
        # 中秋 on 10月1日 (2020): the item is for both festivals (「国庆节、中秋节」)
        fs |= {f for d, n in statutory.items() if a <= d <= b for f in canonical_festival(n)}
        name = "、".join(f for f in _ORDER if f in fs)
        rest = tuple(a + dt.timedelta(days=k) for k in range((b - a).days + 1))
        mk = tuple(sorted(d for d, f in work.items() if f in fs and _notice_year(d, f) == year))
        items.append(Item(name, rest, mk))
    items.sort(key=lambda i: _ORDER.index(i.name.split("、")[0]))
    return Arrangement(year, tuple(items))


# -- writing ------------------------------------------------------------------------------------


def _date(d: dt.date, prev: dt.date | None, *, year: int, weekday: str | None, full_year: bool) -> str:
    text = ""
    if full_year or (d.year != year and (prev is None or prev.year != d.year)):
        text += f"{d.year}年"
    if prev is None or prev.month != d.month or text:
        text += f"{d.month}月"
    text += f"{d.day}日"
    if weekday:
        text += f"（{weekday}{_WD[d.weekday()]}）"
    return text


def _list(days: Iterable[dt.date], year: int, weekday: str | None, *, repeat_month: bool = True) -> str:
    out, prev = [], None
    for d in days:
        out.append(_date(d, None if repeat_month else prev, year=year, weekday=weekday, full_year=False))
        prev = d
    return "、".join(out)


def _range(a: dt.date, b: dt.date, year: int, joint: str, weekday: str | None) -> str:
    cross = a.year != b.year
    first = _date(a, None, year=year, weekday=weekday, full_year=cross)
    if a == b:
        return first
    return first + joint + _date(b, a, year=year, weekday=weekday, full_year=cross)


def _item_modern(item: Item, year: int, weekday: str | None, joint: str) -> str:
    a, b = item.rest[0], item.rest[-1]
    moved = item.work or any(d.weekday() < 5 and d not in statutory_days(d.year) for d in item.rest)
    text = f"{_range(a, b, year, joint, weekday)}放假{'调休' if moved else ''}，共{len(item.rest)}天。"
    if item.work:
        text += f"{_list(item.work, year, weekday or '星期')}上班。"
    return text


def _item_2008(item: Item, year: int) -> str:
    a, b = item.rest[0], item.rest[-1]
    text = f"{_range(a, b, year, '—', None)}放假，共{len(item.rest)}天。"
    statutory = [d for d in item.rest if d in statutory_days(d.year)]
    weekend = [d for d in item.rest if d.weekday() >= 5 and d not in statutory]
    moved = [d for d in item.rest if d.weekday() < 5 and d not in statutory]
    parts = [f"{_list(statutory, year, None)}为法定节假日"] if statutory else []
    if weekend:
        parts.append(f"{_list(weekend, year, '星期')}照常公休")
    if item.work:
        to = moved[: len(item.work)]
        count = "两个" if len(item.work) == 2 else ""
        parts.append(f"{_list(item.work, year, '星期')}{count}公休日调至{_list(to, year, '星期')}")
        parts.append(f"{_list(item.work, year, '星期')}上班")
    parts.extend(
        f"{_date(d, None, year=year, weekday='星期', full_year=False)}补休" for d in moved[len(item.work) :]
    )
    return text + "其中，" + "，".join(parts) + "。"


def write(arr: Arrangement, style: str, *, number: str = "") -> str:
    """The yearly notice text of ``arr`` in ``style``."""
    y = arr.year
    title = f"国务院办公厅关于{y}年部分节假日安排的通知"
    if style == "gov-copy":
        title = f"国务院办公厅关于{y}年\n部分节假日安排的通知"
    names = "、".join(i.name for i in arr.items)
    lines = [title, number, "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
             f"经国务院批准，现将{y}年{names}放假调休日期的具体安排通知如下。"]  # fmt: skip
    for k, item in enumerate(arr.items):
        if style == "2008":
            body = _item_2008(item, y)
        elif style == "modern":
            body = _item_modern(item, y, "周", "至")
        else:
            body = _item_modern(item, y, None, "至")
        lines.append(f"{_NUMS[k]}、{item.name}：{body}")
    lines += [
        "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。",
        "国务院办公厅",
        f"{y - 1}年12月1日",
    ]
    text = "\n".join(line for line in lines if line)
    return to_ascii(text) if style == "gov-copy" else text


_ASCII = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})
_FULL = str.maketrans(
    {"(": "（", ")": "）", ":": "：", ",": "，", **{str(i): chr(0xFF10 + i) for i in range(10)}}
)


def to_ascii(text: str) -> str:
    return text.translate(_ASCII)


def to_full_width(text: str) -> str:
    return text.translate(_FULL)


def wrap(text: str, width: int) -> str:
    """Every line cut at ``width`` characters, wherever that falls (inside a date, too)."""
    out = []
    for line in text.split("\n"):
        out += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out)
