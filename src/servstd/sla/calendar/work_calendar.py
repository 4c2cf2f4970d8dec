"""Which dates are working days: statutory holidays, 调休 make-up days, overlays, coverage.

A :class:`WorkCalendar` is immutable. It reads each year once into a small day table (the kind of
every day and a running count of working days) and answers every question from those tables:
``add_working_days`` and ``working_days_between`` cost a binary search per year touched, never a
loop over days.

>>> import datetime as dt
>>> from servstd.sla import WorkCalendar
>>> cal = WorkCalendar.china()
>>> cal.day_kind(dt.date(2026, 10, 10))      # a Saturday worked for the National Day holiday
<DayKind.MAKEUP_WORKDAY: 'makeup_workday'>
>>> cal.add_working_days(dt.date(2026, 9, 30), 3)
datetime.date(2026, 10, 10)
>>> cal.working_days_between(dt.date(2026, 10, 1), dt.date(2026, 10, 12))   # Oct 8, 9, 10
3
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from servstd._input import parse_date
from servstd.errors import (
    CalendarCoverageError,
    CalendarCoverageWarning,
    InputTypeError,
    NaiveDatetimeError,
    ScheduleError,
)
from servstd.sla.calendar._holiday_source import HolidaySource
from servstd.sla.calendar.day_kind import DayKind
from servstd.sla.calendar.notice import parse_notice
from servstd.sla.calendar.overlay import CalendarOverlay

__all__ = ["Coverage", "WorkCalendar", "as_date"]

_MIN_YEAR, _MAX_YEAR = 1, 9999
_KIND_CODES = (DayKind.WORKDAY, DayKind.WEEKEND, DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY)


def as_date(value: object, parameter: str = "date") -> dt.date:
    """Accept a ``date`` (or a date string: ISO ``YYYY-MM-DD``, ``2026/9/30``, ``2026年9月30日``, read
    by :func:`servstd._input.parse_date`); reject datetimes and anything else."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(value, parameter)
        raise InputTypeError(
            value,
            parameter,
            "a date; for an instant use clock.local_date(t) (dates depend on the zone)",
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value, parameter)
    raise InputTypeError(value, parameter, "a datetime.date or an ISO date string like '2026-02-14'")


@attrs.frozen
class Coverage:
    """The years whose working-day arrangement a calendar knows, as inclusive year ranges.

    >>> c = Coverage(((2001, 2026),))
    >>> 2026 in c, 2027 in c, str(c)
    (True, False, '2001–2026')
    """

    spans: tuple[tuple[int, int], ...]

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and any(a <= year <= b for a, b in self.spans)

    @property
    def first(self) -> int:
        """The first covered year."""
        return self.spans[0][0]

    @property
    def last(self) -> int:
        """The last covered year."""
        return self.spans[-1][1]

    def __str__(self) -> str:
        if not self.spans:
            return "no year"
        return ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in self.spans)

    def union(self, years: Iterable[int]) -> Coverage:
        """This coverage plus ``years``."""
        points = sorted({*years})
        spans = [list(s) for s in self.spans] + [[y, y] for y in points]
        spans.sort()
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return Coverage(tuple((a, b) for a, b in merged))


class _YearTable:
    """Day kinds and the running working-day count of one year."""

    __slots__ = ("cum", "first", "kinds", "names_en", "names_zh", "total")

    def __init__(
        self,
        first: dt.date,
        kinds: bytes,
        names_zh: dict[dt.date, str],
        names_en: dict[dt.date, str],
    ) -> None:
        self.first = first
        self.kinds = kinds
        self.names_zh = names_zh
        self.names_en = names_en
        cum = [0]
        for k in kinds:
            cum.append(cum[-1] + (1 if _KIND_CODES[k].is_working else 0))
        self.cum = cum
        self.total = cum[-1]


@attrs.frozen(eq=False)
class _Cache:
    years: dict[int, _YearTable] = attrs.Factory(dict)
    batch: dict[tuple[int, int], Any] = attrs.Factory(dict)  # numpy tables for servstd.sla.batch


@attrs.frozen
class WorkCalendar:
    """An immutable working-day calendar.

    Build one with :meth:`china`, :meth:`for_region`, :meth:`weekdays` or :meth:`every_day`, and
    extend it with :meth:`with_rest_days`, :meth:`with_work_days`, :meth:`with_overlay` and
    :meth:`with_notice`; each returns a new calendar.
    """

    name: str
    region: str | None = None
    strict: bool = True
    weekend: frozenset[int] = frozenset({5, 6})
    overlays: tuple[CalendarOverlay, ...] = ()
    base_coverage: Coverage = Coverage(((_MIN_YEAR, _MAX_YEAR),))
    _cache: _Cache = attrs.field(factory=_Cache, eq=False, repr=False, hash=False, alias="_cache")

    # -- constructors --------------------------------------------------------------------
    @classmethod
    def china(cls, *, strict: bool = True) -> WorkCalendar:
        """Mainland China: Mon–Fri, statutory holidays and the State Council's 放假调休 arrangement.

        Coverage is the years whose notice the ``holidays`` package records (2001 on).
        """
        return cls.for_region("CN", strict=strict)

    @classmethod
    def for_region(cls, code: str, *, strict: bool = True) -> WorkCalendar:
        """The calendar of ``"CN"`` (mainland), ``"HK"``, ``"MO"`` or ``"TW"``."""
        region = str(code).strip().upper()
        if region not in HolidaySource.regions():
            raise ScheduleError(
                f"unknown region {code!r}; accepted: {', '.join(HolidaySource.regions())}", code
            )
        first, last = HolidaySource(region).official_years()
        names = {"CN": "中国大陆 (CN)", "HK": "香港 (HK)", "MO": "澳门 (MO)", "TW": "台湾 (TW)"}
        return cls(
            name=names[region],
            region=region,
            strict=strict,
            base_coverage=Coverage(((first, last),)),
        )

    @classmethod
    def weekdays(cls) -> WorkCalendar:
        """Monday to Friday, no holidays."""
        return cls(name="Mon–Fri")

    @classmethod
    def every_day(cls) -> WorkCalendar:
        """Every day is a working day (7×24 services)."""
        return cls(name="every day", weekend=frozenset())

    # -- overlays ------------------------------------------------------------------------
    def with_overlay(self, overlay: CalendarOverlay | str | Path) -> WorkCalendar:
        """This calendar with an overlay on top (a :class:`CalendarOverlay`, a file, or YAML/JSON text)."""
        if not isinstance(overlay, CalendarOverlay):
            # A document is read with pydantic, which a calendar that reads none never loads.
            from servstd.sla.calendar.overlay_document import load_overlay  # noqa: PLC0415

            overlay = load_overlay(overlay)
        return attrs.evolve(self, overlays=(*self.overlays, overlay), _cache=_Cache())

    def with_rest_days(self, days: Iterable[Any] | Mapping[Any, str], name: str = "休息日") -> WorkCalendar:
        """This calendar with extra rest days (a list of dates, or a mapping date → name)."""
        pairs = _pairs(days, name, "days")
        return self.with_overlay(CalendarOverlay(name=name, rest_days=pairs))

    def with_work_days(self, days: Iterable[Any] | Mapping[Any, str], name: str = "上班") -> WorkCalendar:
        """This calendar with extra working days (a list of dates, or a mapping date → name)."""
        pairs = _pairs(days, name, "days")
        return self.with_overlay(CalendarOverlay(name=name, work_days=pairs))

    def with_notice(self, text: str) -> WorkCalendar:
        """This calendar with a State Council holiday notice, which defines its year.

        See :func:`servstd.sla.parse_notice` for the forms understood.
        """
        return self.with_overlay(parse_notice(text))

    # -- coverage ------------------------------------------------------------------------
    @property
    def coverage(self) -> Coverage:
        """The years whose arrangement is known (the data's years plus the years overlays define)."""
        years = [y for ov in self.overlays for y in ov.defines_years]
        return self.base_coverage.union(years) if years else self.base_coverage

    # -- day tables ----------------------------------------------------------------------
    def _table(self, year: int) -> _YearTable:
        table = self._cache.years.get(year)
        if table is None:
            table = self._build(year)
            self._cache.years[year] = table
        return table

    def _build(self, year: int) -> _YearTable:
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise CalendarCoverageError(self.name, year, str(self.coverage))
        if year not in self.coverage:
            if self.strict:
                raise CalendarCoverageError(self.name, year, str(self.coverage))
            warnings.warn(
                f"{self.name}: {year} is outside the known arrangement ({self.coverage}); "
                "its holidays are estimated from the statutory rule and marked （推定）/(estimated)",
                CalendarCoverageWarning,
                stacklevel=4,
            )
        first = dt.date(year, 1, 1)
        n = (dt.date(year, 12, 31) - first).days + 1 if year < _MAX_YEAR else 365
        kinds = bytearray(n)
        names_zh: dict[dt.date, str] = {}
        names_en: dict[dt.date, str] = {}
        defining = max((i for i, ov in enumerate(self.overlays) if year in ov.defines_years), default=-1)
        use_base = defining < 0 and self.region is not None
        facts = HolidaySource(self.region).year(year) if use_base and self.region else None
        for i in range(n):
            d = first + dt.timedelta(days=i)
            weekend = d.weekday() in self.weekend
            kind = DayKind.WEEKEND if weekend else DayKind.WORKDAY
            if facts is not None:
                if weekend and d in facts.weekend_workdays:
                    kind = DayKind.MAKEUP_WORKDAY
                elif d in facts.rest_zh:
                    kind = DayKind.HOLIDAY
                    names_zh[d] = facts.rest_zh[d]
                    names_en[d] = facts.rest_en.get(d, facts.rest_zh[d])
            kinds[i] = _KIND_CODES.index(kind)
        if facts is not None:
            _name_periods(first, kinds, names_zh, names_en, estimated=year not in self.coverage)
            _name_makeup_days(facts.rest_zh, names_zh, names_en, first, kinds)
        for ov in self.overlays[max(defining, 0) :]:
            for d, label in ov.rest_days:
                if d.year == year:
                    kinds[(d - first).days] = _KIND_CODES.index(DayKind.HOLIDAY)
                    names_zh[d] = names_en[d] = label
            for d, label in ov.work_days:
                if d.year == year:
                    weekend = d.weekday() in self.weekend
                    k = DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY
                    kinds[(d - first).days] = _KIND_CODES.index(k)
                    names_zh.pop(d, None)
                    names_en.pop(d, None)
                    if weekend:
                        names_zh[d] = names_en[d] = label
        return _YearTable(first, bytes(kinds), names_zh, names_en)

    # -- questions about one date --------------------------------------------------------
    def day_kind(self, d: dt.date) -> DayKind:
        """The kind of ``d``: working day, weekend, holiday or make-up working day."""
        d = as_date(d, "d")
        t = self._table(d.year)
        return _KIND_CODES[t.kinds[(d - t.first).days]]

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day (make-up working days included)."""
        return self.day_kind(d).is_working

    def holiday_name(self, d: dt.date, lang: str = "zh") -> str | None:
        """The name of the holiday (or make-up day) on ``d`` in ``"zh"`` or ``"en"``, else ``None``.

        >>> import datetime as dt
        >>> WorkCalendar.china().holiday_name(dt.date(2026, 10, 1), "en")
        'National Day'
        """
        d = as_date(d, "d")
        if lang not in ("zh", "en"):
            raise InputTypeError(lang, "lang", "'zh' or 'en'")
        t = self._table(d.year)
        return (t.names_zh if lang == "zh" else t.names_en).get(d)

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    # -- counting ------------------------------------------------------------------------
    def _ordinal(self, d: dt.date) -> tuple[_YearTable, int]:
        """Working days in d's year up to and including d."""
        t = self._table(d.year)
        return t, t.cum[(d - t.first).days + 1]

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``d`` (``d`` itself not counted); negative ``n`` goes back.

        ``n == 0`` returns ``d``.
        """
        d = as_date(d, "d")
        if isinstance(n, bool) or not isinstance(n, int):
            raise InputTypeError(n, "n", "an int")
        if n == 0:
            return d
        year = d.year
        t, k = self._ordinal(d)
        if n > 0:
            target = k + n
            while target > t.total:
                target -= t.total
                year += 1
                t = self._guard(year, d, n)
            i = bisect.bisect_left(t.cum, target) - 1
            return t.first + dt.timedelta(days=i)
        # backwards: the working day whose ordinal is (working days strictly before d) + n + 1
        t = self._table(year)
        target = t.cum[(d - t.first).days] + n + 1
        while target < 1:
            year -= 1
            t = self._guard(year, d, n)
            target += t.total
        i = bisect.bisect_left(t.cum, target) - 1
        return t.first + dt.timedelta(days=i)

    def _guard(self, year: int, d: dt.date, n: int) -> _YearTable:
        if abs(year - d.year) > abs(n) + 5:
            raise ScheduleError(f"{self.name} has no working days near {d}; cannot add {n} working days")
        return self._table(year)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in the half-open range ``[a, b)``; negative when ``b < a``."""
        a, b = as_date(a, "a"), as_date(b, "b")
        if b < a:
            return -self.working_days_between(b, a)
        if a == b:
            return 0
        last = b - dt.timedelta(days=1)  # half-open: b itself is never read
        ta = self._table(a.year)
        tb = self._table(last.year)
        count = tb.cum[(last - tb.first).days + 1] - ta.cum[(a - ta.first).days]
        for y in range(a.year, last.year):
            count += self._table(y).total
        return count

    def working_days(self, a: dt.date, b: dt.date) -> Iterator[dt.date]:
        """Iterate the working days in ``[a, b)``."""
        a, b = as_date(a, "a"), as_date(b, "b")
        d = a
        while d < b:
            t = self._table(d.year)
            end = min(b, dt.date(d.year, 12, 31) + dt.timedelta(days=1)) if d.year < _MAX_YEAR else b
            for i in range((d - t.first).days, (end - t.first).days):
                if _KIND_CODES[t.kinds[i]].is_working:
                    yield t.first + dt.timedelta(days=i)
            d = end

    def rest_days(self, a: dt.date, b: dt.date) -> list[tuple[dt.date, DayKind, str | None, str | None]]:
        """The non-working days in ``[a, b)``: date, kind, Chinese name and English name."""
        a, b = as_date(a, "a"), as_date(b, "b")
        out = []
        d = a
        while d < b:
            t = self._table(d.year)
            i = (d - t.first).days
            kind = _KIND_CODES[t.kinds[i]]
            if not kind.is_working:
                out.append((d, kind, t.names_zh.get(d), t.names_en.get(d)))
            d += dt.timedelta(days=1)
        return out


_HOLIDAY = _KIND_CODES.index(DayKind.HOLIDAY)
_SUBSTITUTED = ("休息日", "Day off")
_OBSERVED = ("（补假）", " (observed)")


def _main_name(names: list[str]) -> str | None:
    """The holiday a run of rest days is for: its most frequent name, observed marks removed."""
    base = []
    for n in names:
        if n.startswith(_SUBSTITUTED):
            continue
        plain = n
        for mark in _OBSERVED:
            plain = plain.replace(mark, "")
        base.append(plain)
    return max(base, key=base.count) if base else None


def _name_periods(
    first: dt.date, kinds: bytearray, zh: dict[dt.date, str], en: dict[dt.date, str], *, estimated: bool
) -> None:
    """Name each holiday period as the notice does ("10月1日至7日 国庆节").

    The package names the days of a period piecemeal (国庆节, 国庆节（补假）, 休息日（由…调休）) and
    leaves weekend days inside it unnamed. Within each run of consecutive rest days, the days from
    its first to its last holiday become one period named after its holiday. Estimated years are
    marked （推定） / (estimated).
    """
    n = len(kinds)
    i = 0
    while i < n:
        if _KIND_CODES[kinds[i]].is_working:
            i += 1
            continue
        j = i
        while j < n and not _KIND_CODES[kinds[j]].is_working:
            j += 1
        hol = [k for k in range(i, j) if kinds[k] == _HOLIDAY]
        if hol:
            days = [first + dt.timedelta(days=k) for k in hol]
            name_zh = _main_name([zh[d] for d in days])
            name_en = _main_name([en[d] for d in days])
            for k in range(hol[0], hol[-1] + 1):
                d = first + dt.timedelta(days=k)
                kinds[k] = _HOLIDAY
                zh[d] = (name_zh or zh.get(d) or zh[days[0]]) + ("（推定）" if estimated else "")
                en[d] = (name_en or en.get(d) or en[days[0]]) + (" (estimated)" if estimated else "")
        i = j


_SWAPPED = re.compile(r"由 (\d{4}-\d{2}-\d{2}) 调休")


def _name_makeup_days(
    rest_zh: Mapping[dt.date, str],
    zh: dict[dt.date, str],
    en: dict[dt.date, str],
    first: dt.date,
    kinds: bytearray,
) -> None:
    """Name each make-up working day after the holiday it pays for ("国庆节调休上班")."""
    for rest_day, label in rest_zh.items():
        m = _SWAPPED.search(label)
        if not m:
            continue
        worked = dt.date.fromisoformat(m.group(1))
        if worked.year != first.year or kinds[(worked - first).days] != _KIND_CODES.index(
            DayKind.MAKEUP_WORKDAY
        ):
            continue
        period_zh, period_en = zh.get(rest_day), en.get(rest_day)
        if period_zh:
            zh[worked] = f"{period_zh}调休上班"
            en[worked] = f"make-up working day ({period_en})"


def _pairs(days: Iterable[Any] | Mapping[Any, str], name: str, parameter: str) -> dict[dt.date, str]:
    if isinstance(days, Mapping):
        return {as_date(k, parameter): str(v) for k, v in days.items()}
    if isinstance(days, (str, dt.date)):
        days = [days]
    return {as_date(d, parameter): name for d in days}
