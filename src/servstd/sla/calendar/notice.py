"""Read a State Council holiday notice as people paste it (国务院办公厅关于20XX年部分节假日安排的通知).

The notice is the source of truth for mainland China's working days; :func:`parse_notice` turns
its text into a :class:`~servstd.sla.CalendarOverlay`:

* a **yearly notice** (部分节假日安排) *defines* its year — after the law check of
  :mod:`~servstd.sla.calendar.statute` (every festival has an item, every statutory day is a rest
  day, the moved days balance);
* a **later notice** that changes an announced year (延长…假期, 调整…安排, a one-off memorial day)
  *amends* it: only the days it names change. ``partial=True`` reads a yearly notice that is
  not complete (one item, say) the same way.

The text is read as text, not lines (see ``_notice_text``): wrapped lines and a title split over
two lines are joined; full-width or ASCII punctuation; 星期X or 周X; ranges with 至, 到, —, ——,
———, - (across months and years); lists with 、; 农历 notes in parentheses; 与周末连休; 补休;
the 2006–2009 其中 sentences (为法定(节)假日, 为国庆节法定节假日 — checked to be that festival's
statutory days —, 为公休日, 照常公休, 将…两个公休日(分别)调至… — the count checked —, 2009's
「10月3日（星期六）公休日及中秋节分别调至10月5日、10月6日」, …上班); 延长…假期至…; the one-off
notice of 2015 (国发明电〔2015〕1号: 「2015年9月3日全国放假1天」, 「特作如下调休：…」).
A bare 「29日」 takes its month from the date before it; opening a clause after a range that runs
over two months (2006: 「1月29日—2月4日…其中，29日、30日、31日为法定假日」) it is the day of that
number inside the range, and refused when there is none.
**Nothing is dropped silently**: every date a sentence names is placed (a rest day, a working
day, or a statutory or weekend day the sentence only describes, checked to be one), and a
sentence with a date the reader cannot place is a :class:`~servstd.errors.NoticeParseError`
quoting it. Sentences without dates (the salutation, 节假日期间…), encouragements (鼓励…) and
clauses that say why (为使…, 为方便…) are kept as notes. Weekdays in parentheses and 共N天 are
checked against the dates.

>>> ov = parse_notice('''国务院办公厅关于2026年部分节假日安排的通知
... 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。''', partial=True)
>>> ov.kind, [str(d) for d, _ in ov.rest_days], [str(d) for d, _ in ov.work_days]
('amends', ['2026-01-01', '2026-01-02', '2026-01-03'], ['2026-01-04'])

Names follow the items: a rest day is named after its item's festival (a combined item keeps its
combined name, written in the order of the law: 中秋节、国庆节); a make-up working day is
「<festival>调休上班」.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from pathlib import Path

from servstd._numerals import cn_int
from servstd._text import read_text
from servstd.errors import NoticeParseError, Problem
from servstd.sla.calendar._notice_text import Layout, layout, normalize
from servstd.sla.calendar.overlay import CalendarOverlay
from servstd.sla.calendar.statute import (
    canonical_festival,
    festivals,
    statutory_count,
    statutory_days,
)

__all__ = ["parse_notice", "read_notice"]

_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]{0,40})\))?")
_HAS_DATE = re.compile(r"\d{1,2}[月日]")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_COUNT = re.compile(r"共([\d一二三四五六七八九十]{1,3})天")
_YEAR = re.compile(r"(\d{4})年")
_EXTEND = re.compile(r"(?:延长(?:\d{4}年)?([^\d,()]{1,12}?)假期至|([^\d,()]{1,12}?)假期延长至)")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NAMES = "一二三四五六日"

_REST = ("放假", "放假调休", "调休放假", "放假公休", "休息")
_WORK = ("上班",)
_WORK_AS_USUAL = ("正常上班", "照常上班")
_EXTRA_REST = ("补休", "调休")
# 「为法定节假日」, 「为国庆节法定节假日」 (2009): the days are statutory days (of the festival named)
_STATUTORY = re.compile(r"为?([^\d,()]{0,8}?)法定(?:节假日|假日|休假日)|为全国放假")
_NATIONWIDE = re.compile(r"全国放假(\d{1,2})天")  # 「2015年9月3日全国放假1天」
_WEEKEND_REST = ("为公休日", "照常公休", "公休")
_FILLERS = ("其中", "与周末连休", "不调休", "不补休", "")
# a clause without a date that says why, not which day (the 2015 memorial-day notice): a note
_PURPOSES = ("为使", "为方便", "为便于", "为了", "根据")
_RANGE = ("至", "—", "到")
_LIST = ("、", "和")
_LEADS = ("", "将", "其中", "注:", "注", "特作如下调休:", "特作如下安排:", "具体安排如下:")
# 「两个公休日(分别)调至」, 「公休日及中秋节分别调至」 (2009: a Saturday's rest and the festival on it)
_MOVED = re.compile(r"(?:([两二三四])个)?公休日(?:及([^\d,()]{1,8}?))?(?:分别)?")
_MOVED_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4}
_AMENDING = ("延长", "调整", "补充")
_MAX_RANGE = 31


def _clauses(sentence: str) -> list[str]:
    """The comma-separated clauses of a sentence; commas inside parentheses do not split."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(sentence):
        if ch == "(":
            depth += 1
            if depth > 1:
                raise NoticeParseError(sentence, "parentheses inside parentheses")
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise NoticeParseError(sentence, "a closing parenthesis without an opening one")
        elif ch == "," and depth == 0:
            out.append(sentence[start:i])
            start = i + 1
    if depth:
        raise NoticeParseError(sentence, "a parenthesis is not closed")
    out.append(sentence[start:])
    return out


class _Reader:
    """Sentences → rest days and working days, item by item."""

    def __init__(self, year: int, *, amendment: bool) -> None:
        self.year = year
        self.amendment = amendment
        self.rest: dict[dt.date, str] = {}
        self.work: dict[dt.date, str] = {}
        self.notes: list[str] = []
        self.items: list[tuple[str, tuple[str, ...], set[dt.date]]] = []
        self._start_item("", ())

    # -- items -------------------------------------------------------------------------------
    def _start_item(self, name: str, fests: tuple[str, ...]) -> None:
        self.name = name
        self.festivals = fests
        self.ref: dt.date | None = None  # the item's first rest day
        self.last: dt.date | None = None  # the last date read (month and year of 「24日」)
        self.last_range: list[dt.date] = []
        self.item_rest: set[dt.date] = set()
        self.moved: dict[dt.date, str] = {}  # weekend days whose rest moved (公休日调至)
        self.items.append((name, fests, self.item_rest))

    def item(self, name: str, fests: tuple[str, ...], sentences: tuple[str, ...]) -> None:
        self._start_item(name, fests)
        for s in sentences:
            self.sentence(s)
        self.end_item()

    def end_item(self) -> None:
        for d, sentence in self.moved.items():
            if d not in self.item_rest:  # its rest moved away and nothing else rests it: worked
                self._set(self.work, d, f"{self.name}调休上班", sentence)

    # -- sentences ---------------------------------------------------------------------------
    def sentence(self, s: str) -> None:
        if not _HAS_DATE.search(s) or s.startswith(("鼓励", "提倡")):
            self.notes.append(f"{self.name}:{s}" if self.name else s)
            return
        for clause in _clauses(s):
            self.clause(clause, s)

    def clause(self, c: str, s: str) -> None:
        if c in _FILLERS:
            return
        if c.startswith(_PURPOSES) and not _HAS_DATE.search(c):
            self.notes.append(f"{self.name}:{c}" if self.name else c)
            return
        m = _COUNT.fullmatch(c)
        if m:
            try:
                n = cn_int(m.group(1))
            except ValueError as exc:
                raise NoticeParseError(s, f"cannot read the day count {m.group(1)!r}: {exc}") from exc
            if n != len(self.last_range):
                have = len(self.last_range)
                raise NoticeParseError(s, f"the notice says 共{n}天 but the range before it has {have} days")
            return
        if "调至" in c:
            left, _, right = c.partition("调至")
            self._moves(left, right, s)
            return
        ext = _EXTEND.match(c)
        if ext:
            self._extension(ext.group(1) or ext.group(2), c[ext.end() :], s)
            return
        lead, days, tail = self._dates(c, s)
        if lead not in _LEADS:
            raise NoticeParseError(s, f"cannot read 「{lead}」 before the dates in 「{c}」")
        counted = re.fullmatch(r"(?:放假|调休放假|放假调休)(\d{1,2})天", tail) or _NATIONWIDE.fullmatch(tail)
        statutory = _STATUTORY.fullmatch(tail)
        if tail in _REST or counted:
            said = counted.group(1) if counted else None
            if said and int(said) != len(days):
                raise NoticeParseError(s, f"the notice says {said}天 but the dates give {len(days)}")
            self.ref = self.ref or days[0]
            self.last_range = days
            for d in days:
                self._rest(d, s)
        elif tail in _WORK or tail in _WORK_AS_USUAL:
            for d in days:
                if d.weekday() < 5 and tail in _WORK and not self.amendment:
                    raise NoticeParseError(
                        s,
                        f"{d} ({_wd(d)}) is a weekday: a make-up working day (上班) is a Saturday or Sunday",
                    )
                self._set(self.work, d, f"{self.name}调休上班", s)
        elif tail in _EXTRA_REST:
            for d in days:
                if d.weekday() >= 5:
                    raise NoticeParseError(
                        s, f"{d} ({_wd(d)}) is a weekend day: 补休/调休 gives a weekday off"
                    )
                self._rest(d, s)
        elif statutory:
            self._statutory(days, statutory.group(1) or "", s)
        elif tail in _WEEKEND_REST:
            for d in days:
                if d.weekday() < 5:
                    raise NoticeParseError(s, f"{d} ({_wd(d)}) is not a weekend day (公休日)")
                self._rest(d, s)
        else:
            raise NoticeParseError(s, f"cannot read 「{tail}」 after the dates in 「{c}」")

    def _statutory(self, days: list[dt.date], named: str, s: str) -> None:
        """「…为法定节假日」, 「…为国庆节法定节假日」: statutory days (of the festival named) that rest."""
        fests = canonical_festival(named)
        if named and len(fests) != 1:
            raise NoticeParseError(s, f"cannot read 「{named}」 before 法定节假日 (a festival of the law)")
        for d in days:
            law = statutory_days(d.year).get(d)
            if law is None and not self.amendment:
                raise NoticeParseError(s, f"{d} is not a statutory holiday (法定节假日) of {d.year}")
            if law is not None and fests and fests[0] not in canonical_festival(law):
                raise NoticeParseError(s, f"{d} is a statutory day of {law}, not of {fests[0]}")
            self._rest(d, s)

    def _moves(self, left: str, right: str, s: str) -> None:
        """「A（星期六）公休日调至B（星期一）」: B becomes a rest day; A is worked unless rested.

        「将A、B两个公休日分别调至C、D」 moves as many days as it names (the count word, when
        written, must agree); 「A（星期六）公休日及中秋节分别调至C、D」 (2009) moves two rests of
        the one day A: its weekend rest and the festival's statutory day that falls on it.
        """
        lead, froms, tail = self._dates(left, s)
        moved = _MOVED.fullmatch(tail)
        if lead not in _LEADS or moved is None:
            raise NoticeParseError(s, f"cannot read 「{left}调至」")
        count, festival = moved.groups()
        if count and _MOVED_COUNT[count] != len(froms):
            raise NoticeParseError(s, f"the notice says {count}个公休日 but names {len(froms)} days")
        festival_days: list[dt.date] = []
        if festival:
            fests = canonical_festival(festival)
            if len(fests) != 1:
                raise NoticeParseError(
                    s, f"cannot read 「{festival}」 in 「{left}调至」 (a festival of the law)"
                )
            festival_days = [
                a for a in froms if fests[0] in canonical_festival(statutory_days(a.year).get(a, ""))
            ]
            if not festival_days:
                raise NoticeParseError(s, f"{fests[0]} is not on {'、'.join(str(a) for a in froms)}")
        lead, tos, tail = self._dates(right, s)
        if lead or tail or len(tos) != len(froms) + len(festival_days):
            raise NoticeParseError(s, f"cannot read 「调至{right}」 (as many days as moved)")
        for k, (a, b) in enumerate(zip([*froms, *festival_days], tos, strict=True)):
            weekend_rest = k < len(froms)  # the festival's days come after the weekend days
            if b.weekday() >= 5 or (weekend_rest and a.weekday() < 5):
                raise NoticeParseError(s, f"a weekend day's rest moves to a weekday, not {a} → {b}")
            if weekend_rest:
                self.moved[a] = s
            self._rest(b, s)

    def _extension(self, festival: str, rest: str, s: str) -> None:
        """「延长2020年春节假期至2月2日」: the festival's days from its first statutory day to that date."""
        lead, days, tail = self._dates(rest, s)
        fests = canonical_festival(festival)
        if lead or tail or len(days) != 1 or len(fests) != 1:
            raise NoticeParseError(s, f"cannot read the extension 「{s}」")
        end = days[0]
        firsts = [d for d, f in statutory_days(end.year).items() if fests[0] in f and d <= end]
        if not firsts or (end - min(firsts)).days > _MAX_RANGE:
            raise NoticeParseError(s, f"{end} does not follow the statutory days of {fests[0]} in {end.year}")
        self.name = self.name or fests[0]
        start = min(firsts)
        self.last_range = [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
        for d in self.last_range:
            self._rest(d, s)

    # -- days --------------------------------------------------------------------------------
    def _rest(self, d: dt.date, s: str) -> None:
        self.item_rest.add(d)
        self._set(self.rest, d, self.name, s)

    def _set(self, target: dict[dt.date, str], d: dt.date, label: str, s: str) -> None:
        other = self.work if target is self.rest else self.rest
        if d in other:
            raise NoticeParseError(s, f"{d} is both a rest day and a working day in this notice")
        target[d] = label

    def _dates(self, clause: str, s: str) -> tuple[str, list[dt.date], str]:
        """The text before the dates, every day the dates name (a range or a list), the text after."""
        found = list(itertools.islice(_DATE.finditer(clause), _MAX_RANGE + 1))
        if len(found) > _MAX_RANGE:
            raise NoticeParseError(s, f"a clause naming more than {_MAX_RANGE} dates is not part of a notice")
        if not found:
            raise NoticeParseError(s, f"cannot read 「{clause}」")
        joints = {clause[a.end() : b.start()] for a, b in itertools.pairwise(found)}
        dates: list[dt.date] = []
        for m in found:
            dates.append(self._date(m, dates[-1] if dates else None, s))
        lead, tail = clause[: found[0].start()], clause[found[-1].end() :]
        if len(found) == 2 and joints <= set(_RANGE):
            a, b = dates
            if b < a or (b - a).days > _MAX_RANGE:
                raise NoticeParseError(s, f"the range {a} – {b} is not a holiday period")
            return lead, [a + dt.timedelta(days=k) for k in range((b - a).days + 1)], tail
        if joints and not joints <= set(_LIST):
            raise NoticeParseError(s, f"cannot read the dates in 「{clause}」 (a range A至B or a list A、B)")
        return lead, dates, tail

    def _date(self, m: re.Match[str], prev: dt.date | None, s: str) -> dt.date:
        y, mo, d, paren = m.groups()
        wd_m = _WEEKDAY.search(paren or "")
        weekday = _WEEKDAYS[wd_m.group(1)] if wd_m else None
        context = prev or self.last
        if not mo and prev is None and self._spans_months():
            return self._in_range(int(d), weekday, s)
        if mo:
            month = int(mo)
        elif context is not None:
            month = context.month
        else:
            raise NoticeParseError(s, f"the date {d}日 has no month")
        if y:
            years = [int(y)]
        elif prev is not None:
            years = [prev.year, prev.year + 1]
        elif not mo and context is not None:
            years = [context.year]
        else:
            years = [self.year, self.year - 1] if month == 12 else [self.year]
        options = [dt.date(year, month, int(d)) for year in years if _valid(year, month, int(d))]
        if not options:
            raise NoticeParseError(s, f"{years[0]}年{month}月{d}日 is not a date")
        if prev is not None:
            options = [o for o in options if o >= prev] or options
            chosen = options[0]
        elif weekday is not None and len(options) > 1 and any(o.weekday() == weekday for o in options):
            chosen = next(o for o in options if o.weekday() == weekday)
        elif len(options) > 1:
            ref = self.ref
            if ref is not None:
                chosen = min(options, key=lambda o: abs((o - ref).days))
            else:  # a December date in the 元旦 item is the year before
                chosen = options[1] if "元旦" in self.festivals else options[0]
        else:
            chosen = options[0]
        if weekday is not None and chosen.weekday() != weekday:
            raise NoticeParseError(s, f"the notice says 周{_NAMES[weekday]} but {chosen} is a {_wd(chosen)}")
        self.last = chosen
        return chosen

    def _spans_months(self) -> bool:
        """Whether the item's last range runs over two months (1月29日—2月4日)."""
        r = self.last_range
        return bool(r) and (r[0].year, r[0].month) != (r[-1].year, r[-1].month)

    def _in_range(self, day: int, weekday: int | None, s: str) -> dt.date:
        """A bare 「29日」 opening a clause after a range over two months (2006: 「1月29日—2月4日放假
        …其中，29日、30日、31日为法定假日」): the day of that number inside the range, which
        its weekday (when written) must confirm. Outside the range, or in it twice, it is refused:
        its month is not written and cannot be read."""
        r = self.last_range
        inside = [d for d in r if d.day == day]
        span = f"{r[0].month}月{r[0].day}日—{r[-1].month}月{r[-1].day}日"
        if len(inside) != 1:
            raise NoticeParseError(
                s, f"the date {day}日 has no month, and the range before it ({span}) runs over two months"
            )
        chosen = inside[0]
        if weekday is not None and chosen.weekday() != weekday:
            raise NoticeParseError(s, f"the notice says 周{_NAMES[weekday]} but {chosen} is a {_wd(chosen)}")
        self.last = chosen
        return chosen


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _wd(d: dt.date) -> str:
    return f"周{_NAMES[d.weekday()]}"


def _item_name(written: str, fallback: str) -> tuple[str, tuple[str, ...]]:
    """The name a rest day takes from its item, and the festivals the item is for."""
    fests = canonical_festival(written)
    if fests:
        return "、".join(fests), fests
    plain = written.strip("“”\"' ")
    return (plain or fallback), ()


def _subject(title: str) -> str:
    """What an amending notice is about, from its title (春节, 劳动节, a memorial day…)."""
    fests = canonical_festival(title)
    if fests:
        return "、".join(fests)
    m = re.fullmatch(
        r"(?:国务院办公厅)?关于(?:调整|延长)?(?:\d{4}年)?(.{1,40}?)(?:调休|放假|假期|安排).*", title
    )
    return m.group(1) if m else "调整"


def _amends(title: str) -> bool:
    """Whether the title is a later notice's: 延长/调整/补充…, a memorial day, or one festival alone.

    Anything else with a title is read as a yearly notice, so the law check sees a damaged title.
    """
    if any(w in title for w in _AMENDING) or "纪念日" in title:
        return True
    return bool(title) and "部分节假日" not in title and len(canonical_festival(title)) == 1


def _infer_year(text: str) -> int | None:
    """The year the dates fix: the latest year written in a full date (「2007年12月30日—2008年1月1日」)
    if every written weekday holds in it, else the only year 2000–2100 in which they all hold."""
    marks = []
    for m in re.finditer(r"(\d{1,2})月(\d{1,2})日\(([^()]{0,40})\)", text):
        wd = _WEEKDAY.search(m.group(3))
        if wd and m.group(1) != "12":
            marks.append((int(m.group(1)), int(m.group(2)), _WEEKDAYS[wd.group(1)]))
    written = [int(y) for y in re.findall(r"(\d{4})年\d{1,2}月", text)]
    candidates = [max(written)] if written else range(2000, 2101)
    if not marks and not written:
        return None
    fits = [
        year
        for year in candidates
        if all(_valid(year, mo, d) and dt.date(year, mo, d).weekday() == wd for mo, d, wd in marks)
    ]
    return fits[0] if len(fits) == 1 else None


def _law_problems(year: int, reader: _Reader) -> list[Problem]:
    """What a yearly notice breaks of the 办法: missing festivals, statutory days worked, balance."""
    problems = []
    named = {f for _, fests, _ in reader.items for f in fests}
    for name, fests, _ in reader.items:
        if name and not fests and reader.rest:
            problems.append(Problem(f"「{name}」", "is not a festival of 《全国年节及纪念日放假办法》"))
    statutory = statutory_days(year)
    for f in festivals(year):
        if f not in named:
            days = "、".join(f"{d.month}月{d.day}日" for d, n in statutory.items() if f in n)
            problems.append(
                Problem(f, f"no item for {f} (statutory: {days}); a part of the notice is missing")
            )
    for d, f in statutory.items():
        label = reader.rest.get(d)
        if label is None:
            problems.append(
                Problem(f"{d}", f"{d} is a statutory day of {f} but the notice does not make it a rest day")
            )
        elif not set(canonical_festival(f)) & set(canonical_festival(label)):
            problems.append(
                Problem(f"{d}", f"{d} is a statutory day of {f} but falls in the item for {label}")
            )
    weekday_rest = sum(1 for d in reader.rest if d.weekday() < 5)
    owed = statutory_count(year) + len(reader.work)
    if not problems and weekday_rest != owed:
        problems.append(
            Problem(
                "balance",
                f"{weekday_rest} weekday rest days, but {statutory_count(year)} statutory days and "
                f"{len(reader.work)} make-up working days make {owed}: a day is lost or added",
            )
        )
    return problems


def parse_notice(
    text: str, *, year: int | None = None, partial: bool = False, source: str = "", file: str = ""
) -> CalendarOverlay:
    """Parse a State Council holiday notice into an overlay (see the module documentation).

    ``year`` is needed only when the text lacks its title and its written weekdays do not fix
    the year. ``partial=True`` reads a yearly notice without the law's completeness check; the
    result then amends the days it names and does not make the year covered. ``source`` and
    ``file`` name where the text came from (the 文号 found in the text is used when ``source`` is
    empty).
    """
    lay: Layout = layout(text)
    title_year = _YEAR.search(lay.title)
    if title_year:
        if year is not None and year != int(title_year.group(1)):
            raise NoticeParseError(
                lay.title, f"the title says {title_year.group(1)} but year={year} was given"
            )
        year = int(title_year.group(1))
    if year is None:
        year = _infer_year(normalize(text))
        if year is None:
            first = text.strip()[:40]
            raise NoticeParseError(
                first,
                "no title 「国务院办公厅关于20XX年部分节假日安排的通知」, and the weekdays written in the "
                "text do not fix the year: give year=",
            )
    amending = _amends(lay.title)
    reader = _Reader(year, amendment=amending or partial)
    subject = _subject(lay.title) if amending else ""
    reader.name, reader.festivals = _item_name(subject, subject)
    reader.notes.extend(lay.intro)
    for s in lay.preamble:
        reader.sentence(s)
    reader.end_item()
    for item in lay.items:
        name, fests = _item_name(item.name, subject)
        reader.item(name, fests, item.sentences)
    if not reader.rest and not reader.work:
        raise NoticeParseError(
            text.strip()[:60], "no arrangement found: no sentence names a rest day or a working day"
        )
    number = lay.number
    if not amending and not partial:
        problems = _law_problems(year, reader)
        if problems:
            raise NoticeParseError(
                lay.title or str(year),
                "breaks the law",
                problems=problems,
                source=file or f"notice for {year}",
            )
    years = {year} if not amending and not partial else set()
    amended = {d.year for d in (*reader.rest, *reader.work)} if not years else set()
    return CalendarOverlay(
        name=lay.title.removeprefix("关于") or f"{year}年部分节假日安排",
        source=source or number or lay.title or f"{year}年节假日安排",
        rest_days=reader.rest,
        work_days=reader.work,
        defines_years=years,
        amends_years=amended,
        notes=reader.notes,
        issued=lay.issued,
        file=file,
    )


def read_notice(path: str | Path, *, year: int | None = None, partial: bool = False) -> CalendarOverlay:
    """Read and parse the notice in a text file (UTF-8, UTF-16 with BOM, or GB18030).

    The overlay's ``file`` is the file's name, so explanations can name it.
    """
    p = Path(path)
    text, _ = read_text(p)
    try:
        return parse_notice(text, year=year, partial=partial, file=p.name)
    except NoticeParseError as exc:
        if exc.source == "holiday notice":
            raise NoticeParseError(exc.sentence, exc.reason, problems=exc.problems, source=p.name) from None
        raise
