"""Read the State Council's yearly holiday notice (国务院办公厅关于20XX年部分节假日安排的通知).

The notice is the source of truth for mainland China's working days. Parsing it as published
turns it into a :class:`~servstd.sla.CalendarOverlay` that defines its year, so a calendar can be
extended the day a notice appears::

    cal = WorkCalendar.china().with_notice(text)

Forms understood in each numbered item (``一、元旦：…``): ranges ``1月1日（周四）至3日（周六）``
(crossing a month: ``4月29日至5月1日``; with years: ``2018年12月30日至2019年1月1日``), single days,
``放假`` / ``放假调休`` / ``放假1天``, ``共N天`` (checked against the range), ``补休`` days,
``X月X日（周六）、X月X日（周日）上班`` (make-up working days), ``与周末连休`` and ``不调休``. Weekdays in
parentheses (周六 or 星期六) are checked against the date. Sentences that encourage rather than
arrange (``鼓励…``) are kept as notes. Anything else is a :class:`~servstd.errors.NoticeParseError`
that quotes the sentence.

>>> from servstd.sla.calendar.notice import parse_notice
>>> ov = parse_notice('''国务院办公厅关于2026年部分节假日安排的通知
... 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。''')
>>> [str(d) for d, _ in ov.rest_days], [str(d) for d, _ in ov.work_days]
(['2026-01-01', '2026-01-02', '2026-01-03'], ['2026-01-04'])
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

from servstd._numerals import cn_int
from servstd.errors import NoticeParseError
from servstd.sla.calendar.overlay import CalendarOverlay

__all__ = ["parse_notice"]

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ITEM = re.compile(r"(?:^|(?<=[。\s]))([一二三四五六七八九十]{1,3})、([^：:。]{1,30})[：:]")
_PAREN = re.compile(r"[（(]([^）)]*)[）)]")
_DATE = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日"
_DATE_RE = re.compile(_DATE)
_RANGE_RE = re.compile(rf"^{_DATE}\s*(?:至|到|-|—|－|～|~)\s*{_DATE}$")
_LIST_RE = re.compile(rf"^{_DATE}(?:、{_DATE})*$")


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _calendar.monthrange(year, month)[1]


class _Reader:
    def __init__(self, year: int) -> None:
        self.year = year
        self.rest: dict[dt.date, str] = {}
        self.work: dict[dt.date, str] = {}
        self.notes: list[str] = []
        self.reference: dt.date | None = None  # the current item's first holiday day

    # -- dates -----------------------------------------------------------------------------
    def _date(
        self,
        y: str | None,
        m: str | None,
        d: str,
        *,
        default: dt.date | None,
        sentence: str,
        weekday: int | None = None,
    ) -> dt.date:
        """One date token. Without a year: after ``default`` (the previous date of a range or list),
        else the year whose date matches the stated weekday and lies nearest the item's holiday."""
        if m:
            month = int(m)
        elif default is not None:
            month = default.month
        else:
            raise NoticeParseError(sentence, f"the date {d}日 has no month")
        if y:
            years = [int(y)]
        elif default is not None:
            years = [default.year, default.year + 1]
        else:  # the notice's year, or December of the year before (元旦 make-up days)
            years = [self.year, self.year - 1] if month == 12 else [self.year]
        candidates = [dt.date(year, month, int(d)) for year in years if _valid(year, month, int(d))]
        if not candidates:
            raise NoticeParseError(sentence, f"{years[0]}年{month}月{d}日 is not a date")
        if weekday is not None and not y:
            matching = [c for c in candidates if c.weekday() == weekday]
            candidates = matching or candidates  # a mismatch is reported by _check_weekdays
        if default is not None:
            later = [c for c in candidates if c >= default]
            return later[0] if later else candidates[0]
        if self.reference is not None and not y:
            ref = self.reference
            return min(candidates, key=lambda c: abs((c - ref).days))
        return candidates[0]

    def _strip(self, clause: str, sentence: str) -> tuple[str, list[int | None]]:
        """Remove parentheticals; return the clause and the weekday each date token claims."""
        weekdays: list[int | None] = []
        out = []
        pos = 0
        for m in _PAREN.finditer(clause):
            out.append(clause[pos : m.start()])
            pos = m.end()
            wd = re.search(r"(?:周|星期)([一二三四五六日天])", m.group(1))
            # the parenthetical belongs to the date just before it
            n_dates = len(_DATE_RE.findall("".join(out)))
            while len(weekdays) < n_dates - 1:
                weekdays.append(None)
            if len(weekdays) < n_dates:
                weekdays.append(_WEEKDAYS[wd.group(1)] if wd else None)
        out.append(clause[pos:])
        text = "".join(out).replace(" ", "").replace("\u3000", "")
        n_dates = len(_DATE_RE.findall(text))
        weekdays += [None] * (n_dates - len(weekdays))
        return text, weekdays

    def _check_weekdays(self, dates: list[dt.date], weekdays: list[int | None], sentence: str) -> None:
        names = "一二三四五六日"
        for d, wd in zip(dates, weekdays, strict=False):
            if wd is not None and d.weekday() != wd:
                raise NoticeParseError(
                    sentence, f"the notice says 周{names[wd]} but {d} is a 周{names[d.weekday()]}"
                )

    def _dates(self, text: str, sentence: str, weekdays: list[int | None]) -> list[dt.date]:
        """A range (至) or a list (、) of dates, expanded to every day."""
        m = _RANGE_RE.match(text)
        if m:
            padded = [*weekdays, None, None]
            start = self._date(*m.groups()[:3], default=None, sentence=sentence, weekday=padded[0])
            end = self._date(*m.groups()[3:], default=start, sentence=sentence, weekday=padded[1])
            if end < start:
                raise NoticeParseError(sentence, f"the range ends ({end}) before it starts ({start})")
            return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        if _LIST_RE.match(text):
            out: list[dt.date] = []
            for i, g in enumerate(_DATE_RE.findall(text)):
                wd = weekdays[i] if i < len(weekdays) else None
                out.append(self._date(*g, default=out[-1] if out else None, sentence=sentence, weekday=wd))
            return out
        raise NoticeParseError(sentence, f"cannot read the dates in 「{text}」")

    # -- items -----------------------------------------------------------------------------
    def item(self, name: str, body: str) -> None:
        self.reference = None
        for raw in re.split(r"[。；;]", body):
            sentence = raw.strip()
            if not sentence:
                continue
            # "鼓励…" encourages, "其中，…为法定假日…调至…" explains the range just given: notes, not arrangements
            if sentence.startswith(("鼓励", "提倡", "注", "其中")):
                self.notes.append(f"{name}：{sentence}")
                continue
            self.sentence(name, sentence)

    def sentence(self, name: str, sentence: str) -> None:
        last_range: list[dt.date] = []
        for raw_clause in re.split(r"[，,]", sentence):
            clause, weekdays = self._strip(raw_clause.strip(), sentence)
            if not clause:
                continue
            if clause in ("与周末连休", "不调休", "不补休"):
                continue
            m = re.fullmatch(r"共([\d一二三四五六七八九十]+)天", clause)
            if m:
                n = cn_int(m.group(1))
                if n != len(last_range):
                    raise NoticeParseError(
                        sentence,
                        f"the notice says 共{n}天 but the range has {len(last_range)} days",
                    )
                continue
            m = re.fullmatch(r"(.+?)(?:调休)?放假(?:调休|公休)?(?:([\d一二三四五六七八九十]+)天)?", clause)
            if m:
                days = self._dates(m.group(1), sentence, weekdays)
                if self.reference is None:
                    self.reference = days[0]
                self._check_weekdays([days[0], days[-1]] if len(days) > 1 else days, weekdays, sentence)
                if m.group(2) and cn_int(m.group(2)) != len(days):
                    raise NoticeParseError(
                        sentence,
                        f"the notice says {m.group(2)}天 but the dates give {len(days)} days",
                    )
                for d in days:
                    self.rest[d] = name
                last_range = days
                continue
            # single days: compensatory rest days (补休) and make-up working days (上班)
            for pattern, target, label in (
                (r"(.+?)(?:补休|调休)", self.rest, f"{name}（补休）"),
                (r"(.+?)上班", self.work, f"{name}调休上班"),
            ):
                m = re.fullmatch(pattern, clause)
                if m:
                    days = self._dates(m.group(1), sentence, weekdays)
                    self._check_weekdays(days, weekdays, sentence)
                    target.update(dict.fromkeys(days, label))
                    break
            else:
                raise NoticeParseError(sentence, f"cannot read 「{raw_clause.strip()}」")


def parse_notice(text: str, *, year: int | None = None) -> CalendarOverlay:
    """Parse a State Council holiday notice into an overlay that defines its year.

    ``year`` is needed only when the text lacks the title (``关于20XX年部分节假日安排的通知``).
    """
    title = re.search(r"关于(\d{4})年[^\n]*?(?:节假日|放假)[^\n]*?通知", text)
    if year is None:
        if title is None:
            first = text.strip().splitlines()[0] if text.strip() else text
            raise NoticeParseError(
                first, "no title 「国务院办公厅关于20XX年部分节假日安排的通知」 and no year= given"
            )
        year = int(title.group(1))
    reader = _Reader(year)
    items = 0
    for line in text.splitlines():
        matches = list(_ITEM.finditer(line))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            reader.item(m.group(2).strip(), line[m.end() : end])
            items += 1
    if items == 0:
        raise NoticeParseError(text.strip()[:60], "no numbered items (一、元旦：…) found")
    number = re.search(r"国办发[明电]*〔\d{4}〕\d+号", text)
    return CalendarOverlay(
        name=f"{year}年部分节假日安排",
        source=number.group(0) if number else (title.group(0) if title else f"{year} notice"),
        rest_days=reader.rest,
        work_days=reader.work,
        defines_years={year},
        notes=reader.notes,
    )
