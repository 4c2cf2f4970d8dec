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
>>> cal.subtract_working_days(dt.date(2026, 10, 10), 3)      # the inverse of add_working_days
datetime.date(2026, 9, 30)

Ranges are half-open, ``[a, b)``, and mirror when reversed: with ``b < a`` the range is ``[b, a)``,
counted negative and walked latest first, so ``working_days_between(a, b)`` is always the signed
length of ``working_days(a, b)`` (as ``numpy.busday_count`` and ``elapsed`` count back):

>>> cal.working_days_between(dt.date(2026, 10, 12), dt.date(2026, 10, 1))
-3
>>> list(cal.working_days(dt.date(2026, 10, 12), dt.date(2026, 10, 1)))
[datetime.date(2026, 10, 10), datetime.date(2026, 10, 9), datetime.date(2026, 10, 8)]

The calendar names this library types (``for_region``, ``--region``, a clock's ``region:``) are the
regions ``CN``, ``HK``, ``MO``, ``TW`` and the two weekly rules, ``weekdays`` (Monday to Friday) and
``always`` (every day a working day: with round-the-clock hours, the 7×24 clock).
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from servstd._deprecation import warn_renamed
from servstd._input import parse_date
from servstd._lang import Lang, check_lang
from servstd._schema import Shaped
from servstd.errors import (
    CalendarCoverageError,
    CalendarCoverageWarning,
    InputTypeError,
    NaiveDatetimeError,
    ScheduleError,
    UnknownNameError,
)
from servstd.sla.calendar._holiday_source import HolidaySource
from servstd.sla.calendar.calendar_state import notice_state
from servstd.sla.calendar.day_kind import DayKind
from servstd.sla.calendar.day_table import DayTable
from servstd.sla.calendar.overlay import CalendarOverlay
from servstd.sla.calendar.statute import FESTIVAL_NAMES_EN, canonical_festival
from servstd.sla.calendar.weekend import WeekendSpec, describe_weekend, parse_weekend

if TYPE_CHECKING:  # a file is a Path, but pathlib need not load for a calendar that reads none
    from pathlib import Path

__all__ = ["Coverage", "WorkCalendar", "as_date"]

_MIN_YEAR, _MAX_YEAR = 1, 9999
_MAX_TABLE_YEARS = 1000  # one day table: a longer span is almost surely a mistake (and 360 k days)
_KEPT_TABLES = 32  # day tables kept per calendar (the columnar engine asks for a few spans)
_WEEKLY = ("weekdays", "always")
"""The calendars of a weekly rule alone, by the name :meth:`WorkCalendar.for_region` reads."""
_OLD_NAMES = {
    "EVERY-DAY": "always",
    "7X24": "always",
    "7×24": "always",
    "ALL": "always",
    "MON-FRI": "weekdays",
}
"""Spellings of the weekly calendars kept for one release (each warns, naming the new one)."""
_KIND_CODES = DayTable.KINDS
_DEFAULT_WEEKEND = frozenset({5, 6})
_ALWAYS = "7×24"
_WEEKEND_SUFFIX = re.compile(r"，[^，]*休息$")  # what with_weekend adds to a calendar's name


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
class Coverage(Shaped):
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

    def without(self, years: Iterable[int]) -> Coverage:
        """This coverage less ``years``.

        >>> str(Coverage(((2001, 2027),)).without([2026]))
        '2001–2025, 2027'
        """
        spans = list(self.spans)
        for y in sorted(set(years)):
            spans = [
                part
                for a, b in spans
                for part in (((a, b),) if not a <= y <= b else ((a, y - 1), (y + 1, b)))
                if part[0] <= part[1]
            ]
        return Coverage(tuple(spans))

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

    __slots__ = ("cum", "first", "kinds", "names_en", "names_zh", "sources", "total", "year_source")

    def __init__(
        self,
        first: dt.date,
        kinds: bytes,
        names_zh: dict[dt.date, str],
        names_en: dict[dt.date, str],
        *,
        sources: dict[dt.date, str] | None = None,
        year_source: str | None = None,
    ) -> None:
        self.first = first
        self.kinds = kinds
        self.names_zh = names_zh
        self.names_en = names_en
        self.sources = sources or {}
        self.year_source = year_source
        cum = [0]
        for k in kinds:
            cum.append(cum[-1] + (1 if _KIND_CODES[k].is_working else 0))
        self.cum = cum
        self.total = cum[-1]


@attrs.frozen
class _Raw:
    """What the data and the overlays say of one year, before day kinds and periods are drawn.

    ``rest``: date → (Chinese name, English name, whether it belongs to a holiday period — the
    built-in data and notices do, a company's rest day does not); ``work``: date → name;
    ``sources``: date → the overlay that decided it; ``year_source``: the notice defining the year.
    """

    rest: dict[dt.date, tuple[str, str, bool]]
    work: dict[dt.date, str]
    sources: dict[dt.date, str]
    year_source: str | None


@attrs.frozen(eq=False)
class _Cache:
    years: dict[int, _YearTable] = attrs.Factory(dict)
    raw: dict[int, _Raw] = attrs.Factory(dict)
    tables: dict[tuple[int, int], DayTable] = attrs.Factory(dict)  # day_table() snapshots


@attrs.frozen
class WorkCalendar:
    """An immutable working-day calendar.

    Build one with :meth:`china`, :meth:`for_region`, :meth:`weekdays` or :meth:`always`, and
    extend it with :meth:`with_rest_days`, :meth:`with_work_days`, :meth:`with_overlay` and
    :meth:`with_notice`; each returns a new calendar.
    """

    name: str
    region: str | None = None
    strict: bool = True
    weekend: frozenset[int] = _DEFAULT_WEEKEND
    """The weekly rest days, as ``date.weekday()`` numbers (Saturday 5, Sunday 6)."""
    overlays: tuple[CalendarOverlay, ...] = ()
    base_coverage: Coverage = Coverage(((_MIN_YEAR, _MAX_YEAR),))
    unknown_years: tuple[tuple[int, str], ...] = ()
    """Years no question may be answered for, each with why (a damaged notice file, named with
    the command that removes it): outside the coverage whatever the data says."""
    _cache: _Cache = attrs.field(factory=_Cache, eq=False, repr=False, hash=False, alias="_cache")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle and deep-copy by value: the definition (the day tables are a cache, rebuilt on
        demand in the copy)."""
        fields = (
            self.name,
            self.region,
            self.strict,
            self.weekend,
            self.overlays,
            self.base_coverage,
            self.unknown_years,
        )
        return (WorkCalendar, fields)

    # -- constructors --------------------------------------------------------------------
    @classmethod
    def china(
        cls, *, strict: bool = True, notices: bool = True, weekend: WeekendSpec | None = None
    ) -> WorkCalendar:
        """Mainland China: Mon–Fri, statutory holidays and the State Council's 放假调休 arrangement.

        Coverage is the years whose notice the ``holidays`` package records (2001 on), extended
        by the notices in the notice folders (``SERVSTD_NOTICES`` and the user's servstd data
        folder, see :mod:`~servstd.sla.calendar.notice_folder`) unless ``notices=False``. The
        folders are read once per process and shared by every default
        (:func:`~servstd.sla.calendar.calendar_state.notice_state`; :func:`~servstd.sla.calendar.calendar_state.reload_notices`
        reads them again): the same call gives the same calendar until then.
        ``weekend`` replaces Saturday and Sunday as the weekly rest days (see :meth:`with_weekend`).
        """
        return cls.for_region("CN", strict=strict, notices=notices, weekend=weekend)

    @classmethod
    def for_region(
        cls,
        code: str,
        *,
        strict: bool = True,
        notices: bool = True,
        weekend: WeekendSpec | None = None,
    ) -> WorkCalendar:
        """The calendar named ``code``: ``"CN"`` (mainland), ``"HK"``, ``"MO"``, ``"TW"``, or a weekly
        rule, ``"weekdays"`` (:meth:`weekdays`) or ``"always"`` (:meth:`always`); case is ignored.
        Another name is an :class:`~servstd.errors.UnknownNameError` listing these.

        The mainland calendar reads the notice folders unless ``notices=False``; a weekly rule knows
        every year, so ``strict`` and ``notices`` do not change it. ``weekend`` sets the weekly rest
        days on top of the region's holidays (see :meth:`with_weekend`).

        >>> WorkCalendar.for_region("always") == WorkCalendar.always()
        True
        >>> WorkCalendar.for_region("CN", weekend="周五,周六") == WorkCalendar.china().with_weekend("0000110")
        True
        """
        region = _region_name(code, stacklevel=4)  # an old spelling blames the caller of for_region
        cal = cls._for_region(region, strict=strict, notices=notices)
        return cal if weekend is None else cal.with_weekend(weekend)

    @classmethod
    def _for_region(cls, region: str, *, strict: bool, notices: bool) -> WorkCalendar:
        if region in _WEEKLY:
            return cls.weekdays() if region == "weekdays" else cls.always()
        first, last = HolidaySource(region).official_years()
        names = {"CN": "中国大陆 (CN)", "HK": "香港 (HK)", "MO": "澳门 (MO)", "TW": "台湾 (TW)"}
        if region != "CN" or not notices:
            return cls(
                name=names[region], region=region, strict=strict, base_coverage=Coverage(((first, last),))
            )
        state = notice_state()

        def build() -> WorkCalendar:
            return cls(
                name=names[region],
                region=region,
                strict=bool(strict),
                base_coverage=Coverage(((first, last),)),
                overlays=state.overlays,
                unknown_years=state.unknown_years,
            )

        # One strict calendar per state: every default shares its day tables. A lenient one is
        # new each time, so that each warns of the years it estimates.
        return state.kept(("WorkCalendar.china", cls), build) if strict else build()

    @staticmethod
    def region_name(code: str) -> str:
        """The name :meth:`for_region` reads ``code`` as: ``"CN"``, ``"HK"``, ``"MO"``, ``"TW"``,
        ``"weekdays"`` or ``"always"`` (an old spelling warns; anything else is a
        :class:`~servstd.errors.ScheduleError` naming the accepted ones).

        >>> WorkCalendar.region_name(" cn "), WorkCalendar.region_name("Always")
        ('CN', 'always')
        """
        return _region_name(code, stacklevel=4)

    @classmethod
    def weekdays(cls) -> WorkCalendar:
        """Monday to Friday, no holidays (``for_region("weekdays")``)."""
        return cls(name="Mon–Fri")

    @classmethod
    def always(cls) -> WorkCalendar:
        """Every day is a working day (``for_region("always")``): with round-the-clock hours, the
        7×24 clock of :meth:`ServiceClock.always() <servstd.sla.ServiceClock.always>`."""
        return cls(name=_ALWAYS, weekend=frozenset())

    @classmethod
    def every_day(cls) -> WorkCalendar:
        """Deprecated: use :meth:`always`."""
        warn_renamed("WorkCalendar.every_day()", "WorkCalendar.always()")
        return cls.always()

    def with_weekend(self, weekend: WeekendSpec) -> WorkCalendar:
        """This calendar with other weekly rest days, as Excel's WORKDAY.INTL takes them: a mask
        Monday to Sunday (``"0000110"``, 1 = rest), an Excel weekend number (``7``), day names
        (``"周五,周六"``, ``"Fri,Sat"``) or weekday numbers (Monday 0 … Sunday 6); see
        :func:`~servstd.sla.calendar.weekend.parse_weekend`.

        The region's holidays and make-up working days stay: a holiday is a rest day whatever
        weekday it falls on, and a make-up day is worked. A make-up day that falls on a day the
        new week already works is an ordinary working day.

        >>> import datetime as dt
        >>> cal = WorkCalendar.china().with_weekend("周五,周六")
        >>> cal.day_kind(dt.date(2026, 10, 16)), cal.day_kind(dt.date(2026, 10, 18))   # a Friday, a Sunday
        (<DayKind.WEEKEND: 'weekend'>, <DayKind.WORKDAY: 'workday'>)
        >>> cal.day_kind(dt.date(2026, 10, 10))      # the National Day make-up Saturday is still worked
        <DayKind.MAKEUP_WORKDAY: 'makeup_workday'>
        >>> cal.name
        '中国大陆 (CN)，周五、周六休息'
        """
        days = parse_weekend(weekend)
        if days == self.weekend:
            return self
        base = _WEEKEND_SUFFIX.sub("", self.name)
        plain = days == (frozenset() if base == _ALWAYS else _DEFAULT_WEEKEND)  # the base's own week
        name = base if plain else f"{base}，{describe_weekend(days)}休息"
        return attrs.evolve(self, name=name, weekend=days, _cache=_Cache())

    # -- overlays ------------------------------------------------------------------------
    def with_overlay(self, overlay: CalendarOverlay | str | Path) -> WorkCalendar:
        """This calendar with an overlay on top: a :class:`CalendarOverlay`, a file (a
        :class:`~pathlib.Path`), or YAML/JSON text (a ``str``) — as :meth:`with_notice` reads a notice.

        An overlay that amends years (:attr:`CalendarOverlay.kind` ``"amends"``) needs them
        covered: amending a year whose arrangement is unknown raises
        :class:`~servstd.errors.CalendarCoverageError`.
        """
        if not isinstance(overlay, CalendarOverlay):
            # A document is read with pydantic, which a calendar that reads none never loads.
            from servstd.sla.calendar import overlay_document as od  # noqa: PLC0415

            if isinstance(overlay, str) and od.names_a_file(overlay):
                warn_renamed("with_overlay(<a file name as str>)", "with_overlay(Path(file))")
                overlay = od.read_overlay(overlay)
            elif isinstance(overlay, str):
                overlay = od.parse_overlay(overlay)
            else:
                overlay = od.read_overlay(overlay)
        uncovered = sorted(y for y in overlay.amends_years if y not in self.coverage)
        if uncovered:
            raise CalendarCoverageError(self.name, uncovered[0], str(self.coverage), region=self.region)
        return attrs.evolve(self, overlays=(*self.overlays, overlay), _cache=_Cache())

    def with_rest_days(self, days: Iterable[Any] | Mapping[Any, str], name: str = "休息日") -> WorkCalendar:
        """This calendar with extra rest days (a list of dates, or a mapping date → name)."""
        pairs = _pairs(days, name, "days")
        return self.with_overlay(CalendarOverlay(name=name, rest_days=pairs))

    def with_work_days(self, days: Iterable[Any] | Mapping[Any, str], name: str = "上班") -> WorkCalendar:
        """This calendar with extra working days (a list of dates, or a mapping date → name)."""
        pairs = _pairs(days, name, "days")
        return self.with_overlay(CalendarOverlay(name=name, work_days=pairs))

    def with_notice(
        self, notice: str | Path, *, partial: bool = False, year: int | None = None
    ) -> WorkCalendar:
        """This calendar with a State Council holiday notice: its text, or a :class:`~pathlib.Path`.

        A yearly notice defines its year (after the law check); a later notice, or a yearly one
        read with ``partial=True``, amends only the days it names. See
        :func:`servstd.sla.parse_notice` for the forms understood.
        """
        from servstd.sla.calendar.notice import parse_notice, read_notice  # noqa: PLC0415 - read when asked

        if isinstance(notice, os.PathLike):
            return self.with_overlay(read_notice(notice, partial=partial, year=year))
        return self.with_overlay(parse_notice(notice, partial=partial, year=year))

    # -- coverage ------------------------------------------------------------------------
    @property
    def coverage(self) -> Coverage:
        """The years whose arrangement is known (the data's years plus the years overlays define)."""
        years = [y for ov in self.overlays for y in ov.defines_years]
        covered = self.base_coverage.union(years) if years else self.base_coverage
        return covered.without(y for y, _ in self.unknown_years) if self.unknown_years else covered

    # -- day tables ----------------------------------------------------------------------
    def _table(self, year: int) -> _YearTable:
        table = self._cache.years.get(year)
        if table is None:
            table = self._build(year)
            self._cache.years[year] = table
        return table

    def _raw(self, year: int) -> _Raw:
        raw = self._cache.raw.get(year)
        if raw is None:
            raw = self._read_raw(year)
            self._cache.raw[year] = raw
        return raw

    def _read_raw(self, year: int) -> _Raw:
        rest: dict[dt.date, tuple[str, str, bool]] = {}
        work: dict[dt.date, str] = {}
        sources: dict[dt.date, str] = {}
        defining = max((i for i, ov in enumerate(self.overlays) if year in ov.defines_years), default=-1)
        if defining < 0 and self.region is not None:
            facts = HolidaySource(self.region).year(year)
            work.update(dict.fromkeys(facts.weekend_workdays, ""))
            for d, zh in facts.rest_zh.items():
                work.pop(d, None)  # a later notice (2020's extension) made a make-up day a rest day
                rest[d] = (zh, facts.rest_en.get(d, zh), True)
        for ov in self.overlays[max(defining, 0) :]:
            for d, label in ov.rest_days:
                if d.year == year:
                    work.pop(d, None)
                    en = " / ".join(FESTIVAL_NAMES_EN[f] for f in canonical_festival(label)) or label
                    rest[d] = (label, en, ov.is_notice)
                    sources[d] = ov.provenance
            for d, label in ov.work_days:
                if d.year == year:
                    rest.pop(d, None)
                    work[d] = label
                    sources[d] = ov.provenance
        year_source = self.overlays[defining].provenance if defining >= 0 else None
        return _Raw(rest, work, sources, year_source)

    def _build(self, year: int) -> _YearTable:
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise CalendarCoverageError(self.name, year, str(self.coverage), region=self.region)
        if year not in self.coverage:
            why = dict(self.unknown_years).get(year)
            if self.strict:
                raise CalendarCoverageError(
                    self.name, year, str(self.coverage), region=self.region, reason=why
                )
            warnings.warn(
                f"{self.name}: {year} is outside the known arrangement ({self.coverage}"
                f"{'; ' + why if why else ''}); "
                "its holidays are estimated from the statutory rule and marked （推定）/(estimated)",
                CalendarCoverageWarning,
                stacklevel=4,
            )
        # Periods are drawn over the year and a fortnight either side: a New Year period may start
        # in December (2007-12-30) and a make-up day may be paid for next year (2005-12-31).
        first = dt.date(year, 1, 1)
        last = dt.date(year, 12, 31)
        lo = first - dt.timedelta(days=_MARGIN) if year > _MIN_YEAR else first
        hi = last + dt.timedelta(days=_MARGIN) if year < _MAX_YEAR else last
        raws = {y: self._raw(y) for y in range(lo.year, hi.year + 1)}
        # A region's arrangement is written for a Saturday–Sunday week: its holiday periods are
        # drawn on that week, then the calendar's own weekend (with_weekend) decides the other days.
        week = _DEFAULT_WEEKEND if self.region is not None else self.weekend
        days = _Days(lo, (hi - lo).days + 1, week)
        for raw in raws.values():
            days.apply(raw)
        # The mainland's periods take in the weekend days of their run, whatever the base: the
        # built-in data and a notice on ``weekdays()`` give the same day kinds. Other regions'
        # holidays are single days (a Saturday next to a Hong Kong holiday stays a weekend day).
        mainland = self.region in ("CN", None)
        days.name_periods(absorb_weekends=mainland, estimated=year not in self.coverage, weekend=self.weekend)
        return days.table(first, last, raws[year])

    def day_table(self, first_year: int, last_year: int) -> DayTable:
        """The days of the years ``first_year``..``last_year`` as arrays, one immutable snapshot:
        each date's kind and running working-day counts (what the columnar engine reads; see
        :class:`~servstd.sla.calendar.day_table.DayTable`). Built once per span and kept.

        A strict calendar raises :class:`~servstd.errors.CalendarCoverageError` for a year it does
        not cover, as every other question does.
        """
        for name, year in (("first_year", first_year), ("last_year", last_year)):
            if isinstance(year, bool) or not isinstance(year, int):
                raise InputTypeError(year, name, "a year (int)")
        if not _MIN_YEAR <= first_year <= last_year <= _MAX_YEAR:
            raise ScheduleError(
                f"the years {first_year}–{last_year} are not an ascending span within {_MIN_YEAR}–{_MAX_YEAR}",
                (first_year, last_year),
            )
        if last_year - first_year >= _MAX_TABLE_YEARS:
            raise ScheduleError(
                f"{last_year - first_year + 1} years is more than one day table holds ({_MAX_TABLE_YEARS})",
                (first_year, last_year),
            )
        key = (first_year, last_year)
        got = self._cache.tables.get(key)
        if got is None:
            kinds = b"".join(self._table(y).kinds for y in range(first_year, last_year + 1))
            got = DayTable.build(first_year, last_year, kinds)
            if len(self._cache.tables) >= _KEPT_TABLES:
                self._cache.tables.clear()
            self._cache.tables[key] = got
        return got

    # -- questions about one date --------------------------------------------------------
    def day_kind(self, d: dt.date) -> DayKind:
        """The kind of ``d``: working day, weekend, holiday or make-up working day."""
        d = as_date(d, "d")
        t = self._table(d.year)
        return _KIND_CODES[t.kinds[(d - t.first).days]]

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day (make-up working days included)."""
        return self.day_kind(d).is_working

    def holiday_name(self, d: dt.date, lang: Lang = "zh") -> str | None:
        """The name of the holiday (or make-up day) on ``d`` in ``lang`` (``"zh"``, the default, or
        ``"en"``), else ``None``.

        >>> import datetime as dt
        >>> WorkCalendar.china().holiday_name(dt.date(2026, 10, 1), "en")
        'National Day'
        """
        d = as_date(d, "d")
        lang = check_lang(lang)
        t = self._table(d.year)
        return (t.names_zh if lang == "zh" else t.names_en).get(d)

    def source_of(self, d: dt.date) -> str | None:
        """The notice or overlay that decided ``d`` (its 文号 and file), or ``None`` for the
        calendar's own data (the built-in arrangement or the weekly rule).

        A day of a year defined by a notice is decided by that notice; a day an amendment or an
        overlay names, by the last one that names it.

        >>> import datetime as dt
        >>> WorkCalendar.china(notices=False).source_of(dt.date(2026, 10, 1)) is None
        True
        """
        d = as_date(d, "d")
        t = self._table(d.year)
        return t.sources.get(d, t.year_source)

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: dt.date) -> dt.date:
        """The last working day strictly before ``d``.

        >>> import datetime as dt
        >>> WorkCalendar.china(notices=False).previous_working_day(dt.date(2026, 10, 8))
        datetime.date(2026, 9, 30)
        """
        return self.add_working_days(d, -1)

    # -- counting ------------------------------------------------------------------------
    def _ordinal(self, d: dt.date) -> tuple[_YearTable, int]:
        """Working days in d's year up to and including d."""
        t = self._table(d.year)
        return t, t.cum[(d - t.first).days + 1]

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``d`` (``d`` itself not counted); negative ``n`` goes back
        (:meth:`subtract_working_days`).

        ``n == 0`` returns ``d``.
        """
        d = as_date(d, "d")
        _count(n)
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

    def subtract_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day before ``d`` (``d`` itself not counted); negative ``n`` goes forward.

        The inverse of :meth:`add_working_days`: from a working day, adding ``n`` working days and
        subtracting them again comes back to it (from a rest day, to the working day before it).
        ``n == 0`` returns ``d``.

        >>> import datetime as dt
        >>> cal = WorkCalendar.china(notices=False)
        >>> cal.subtract_working_days(dt.date(2026, 10, 10), 1)      # Oct 1–7 is the National Day holiday
        datetime.date(2026, 10, 9)
        >>> cal.subtract_working_days(cal.add_working_days(dt.date(2026, 9, 30), 5), 5)
        datetime.date(2026, 9, 30)
        """
        return self.add_working_days(d, -_count(n))

    def _guard(self, year: int, d: dt.date, n: int) -> _YearTable:
        if abs(year - d.year) > abs(n) + 5:
            raise ScheduleError(f"{self.name} has no working days near {d}; cannot add {n} working days")
        return self._table(year)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in the half-open range ``[a, b)``; when ``b < a``, minus the working days of
        ``[b, a)`` (the signed length of :meth:`working_days`)."""
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
        """Iterate the working days in ``[a, b)``; when ``b < a``, those of ``[b, a)``, latest first
        (so the count is always :meth:`working_days_between`, up to its sign)."""
        a, b = as_date(a, "a"), as_date(b, "b")
        if b < a:
            return reversed(list(self._forward_working_days(b, a)))
        return self._forward_working_days(a, b)

    def _forward_working_days(self, a: dt.date, b: dt.date) -> Iterator[dt.date]:
        d = a
        while d < b:
            t = self._table(d.year)
            end = min(b, dt.date(d.year, 12, 31) + dt.timedelta(days=1)) if d.year < _MAX_YEAR else b
            for i in range((d - t.first).days, (end - t.first).days):
                if _KIND_CODES[t.kinds[i]].is_working:
                    yield t.first + dt.timedelta(days=i)
            d = end

    def rest_days(self, a: dt.date, b: dt.date) -> list[tuple[dt.date, DayKind, str | None, str | None]]:
        """The non-working days in ``[a, b)``: date, kind, Chinese name and English name (none when
        ``b <= a``)."""
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
_WEEKEND = _KIND_CODES.index(DayKind.WEEKEND)
_WORKDAY = _KIND_CODES.index(DayKind.WORKDAY)
_MAKEUP = _KIND_CODES.index(DayKind.MAKEUP_WORKDAY)
_MARGIN = 16
_SUBSTITUTED = ("休息日", "Day off")
_OBSERVED = ("（补假）", " (observed)")
_SWAPPED = re.compile(r"由 (\d{4}-\d{2}-\d{2}) 调休")


def _main_name(names: list[str], *, mainland: bool = False) -> str | None:
    """The holiday a run of rest days is for: on the mainland its festivals in the law's order
    (中秋节、国庆节), else its most frequent name with observed marks removed."""
    fests: set[str] = set()
    # a festival present only by a day in lieu (2015: 中秋节（补假） in the National Day week) does
    # not name the period; the notice lists it under the other festival
    direct = [n for n in names if not any(mark in n for mark in _OBSERVED)]
    for n in (direct or names) if mainland else ():
        fests.update(canonical_festival(n))
    if fests:
        from_law = [f for f in FESTIVAL_NAMES_EN if f in fests]
        return "、".join(from_law)
    base = []
    for n in names:
        if n.startswith(_SUBSTITUTED):
            continue
        plain = n
        for mark in _OBSERVED:
            plain = plain.replace(mark, "")
        base.append(plain)
    return max(base, key=base.count) if base else None


def _english(zh: str, fallback: list[str]) -> str:
    fests = [f for f in zh.split("、") if f in FESTIVAL_NAMES_EN]
    if fests and len(fests) == len(zh.split("、")):
        return " / ".join(FESTIVAL_NAMES_EN[f] for f in fests)
    return _main_name(fallback) or zh


class _Days:
    """Day kinds and names over a window of dates, drawn from raw year data.

    One rule for every path (built-in data or notice): a run of consecutive rest days that holds a
    holiday's days is one holiday period — every day of it, weekend days included, is a HOLIDAY
    named after its festivals (除夕 in the Spring Festival run is 春节; two festivals in one run
    give the combined name in the law's order); a weekend day outside such a run is a WEEKEND; a
    make-up working day is named after the period it pays for.
    """

    def __init__(self, lo: dt.date, n: int, weekend: frozenset[int]) -> None:
        self.lo = lo
        self.dates = [lo + dt.timedelta(days=i) for i in range(n)]
        self.weekend = weekend
        self.kinds = bytearray(_WEEKEND if d.weekday() in weekend else _WORKDAY for d in self.dates)
        self.zh: dict[dt.date, str] = {}
        self.en: dict[dt.date, str] = {}
        self.festive: set[dt.date] = set()
        self.work_labels: dict[dt.date, str] = {}
        self.worked: set[dt.date] = set()  # every day a notice or overlay says is worked
        self.swaps: dict[dt.date, dt.date] = {}  # make-up day → the rest day it pays for
        self.sources: dict[dt.date, str] = {}

    def apply(self, raw: _Raw) -> None:
        end = self.dates[-1]
        for d, (zh, en, festive) in raw.rest.items():
            if self.lo <= d <= end:
                self.kinds[(d - self.lo).days] = _HOLIDAY
                self.zh[d], self.en[d] = zh, en
                if festive:
                    self.festive.add(d)
            m = _SWAPPED.search(zh)
            if m:
                self.swaps[dt.date.fromisoformat(m.group(1))] = d
        for d, label in raw.work.items():
            if self.lo <= d <= end:
                weekend = d.weekday() in self.weekend
                self.kinds[(d - self.lo).days] = _MAKEUP if weekend else _WORKDAY
                self.worked.add(d)
                if label:
                    self.work_labels[d] = label
        for d, src in raw.sources.items():
            if self.lo <= d <= end:
                self.sources[d] = src

    def name_periods(self, *, absorb_weekends: bool, estimated: bool, weekend: frozenset[int]) -> None:
        """Name the holiday periods drawn on this week, take ``weekend`` as the week from then on
        (a holiday stays a holiday; any other day is worked unless it falls on ``weekend`` and no
        notice says it is worked), and name the make-up working days."""
        kinds, n = self.kinds, len(self.kinds)
        zh_mark, en_mark = ("（推定）", " (estimated)") if estimated else ("", "")
        i = 0
        while i < n:
            if _KIND_CODES[kinds[i]].is_working:
                i += 1
                continue
            j = i
            while j < n and not _KIND_CODES[kinds[j]].is_working:
                j += 1
            festive = [k for k in range(i, j) if self.dates[k] in self.festive]
            if festive:
                names = [self.zh[self.dates[k]] for k in festive]
                name = _main_name(names, mainland=absorb_weekends) or names[0]
                en_names = [self.en[self.dates[k]] for k in festive]
                en = _english(name, en_names) if absorb_weekends else _main_name(en_names) or en_names[0]
                source = next(
                    (self.sources[self.dates[k]] for k in festive if self.dates[k] in self.sources), None
                )
                span = range(i, j) if absorb_weekends else range(festive[0], festive[-1] + 1)
                for k in span:
                    d = self.dates[k]
                    if kinds[k] == _HOLIDAY and d not in self.festive:
                        continue  # a company's rest day keeps its own name
                    kinds[k] = _HOLIDAY
                    self.festive.add(d)
                    self.zh[d], self.en[d] = name + zh_mark, en + en_mark
                    if source is not None:
                        self.sources.setdefault(d, source)
            i = j
        if weekend != self.weekend:
            self.reweek(weekend)
        for k, d in enumerate(self.dates):
            if kinds[k] != _MAKEUP:
                continue
            label = self.work_labels.get(d)
            paid = self.swaps.get(d)
            if paid is not None and paid in self.festive:
                self.zh[d] = f"{self.zh[paid].removesuffix(zh_mark)}调休上班{zh_mark}"
                self.en[d] = f"make-up working day ({self.en[paid]})"
            elif label:
                self.zh[d] = label
                fests = canonical_festival(label)
                self.en[d] = (
                    f"make-up working day ({' / '.join(FESTIVAL_NAMES_EN[f] for f in fests) or label})"
                )

    def reweek(self, weekend: frozenset[int]) -> None:
        """Take ``weekend`` as the week: a day of a holiday period (drawn on the Saturday–Sunday
        week the arrangement was written for, weekend days of its run included) stays a holiday;
        any other day rests only on ``weekend``, unless it is said to be worked."""
        for k, d in enumerate(self.dates):
            if self.kinds[k] == _HOLIDAY:
                continue
            rest = d.weekday() in weekend
            if d in self.worked:
                self.kinds[k] = _MAKEUP if rest else _WORKDAY
            else:
                self.kinds[k] = _WEEKEND if rest else _WORKDAY
        self.weekend = weekend

    def table(self, first: dt.date, last: dt.date, raw: _Raw) -> _YearTable:
        a, b = (first - self.lo).days, (last - self.lo).days + 1
        keep = set(self.dates[a:b])
        return _YearTable(
            first,
            bytes(self.kinds[a:b]),
            {
                d: v
                for d, v in self.zh.items()
                if d in keep and _KIND_CODES[self.kinds[(d - self.lo).days]] is not DayKind.WORKDAY
            },
            {
                d: v
                for d, v in self.en.items()
                if d in keep and _KIND_CODES[self.kinds[(d - self.lo).days]] is not DayKind.WORKDAY
            },
            sources={d: v for d, v in self.sources.items() if d in keep},
            year_source=raw.year_source,
        )


def _region_name(code: str, *, stacklevel: int) -> str:
    """:meth:`WorkCalendar.region_name`, warning ``stacklevel`` frames up (the user's line)."""
    region = str(code).strip().upper()
    if region in _OLD_NAMES:
        new = _OLD_NAMES[region]
        warn_renamed(f"the calendar name {code!r}", repr(new), stacklevel=stacklevel)
        return new
    if region.lower() in _WEEKLY:
        return region.lower()
    if region not in HolidaySource.regions():
        raise UnknownNameError(code, "code", (*HolidaySource.regions(), *_WEEKLY), kind="region")
    return region


def _count(n: object) -> int:
    """A number of working days: an ``int`` (not a ``bool``)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputTypeError(n, "n", "an int")
    return n


def _pairs(days: Iterable[Any] | Mapping[Any, str], name: str, parameter: str) -> dict[dt.date, str]:
    if isinstance(days, Mapping):
        return {as_date(k, parameter): str(v) for k, v in days.items()}
    if isinstance(days, (str, dt.date)):
        days = [days]
    return {as_date(d, parameter): name for d in days}
