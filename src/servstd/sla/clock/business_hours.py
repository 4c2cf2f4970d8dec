"""When the service is open on a given date: weekly templates, rest-day hours, per-date overrides.

>>> from servstd.sla import BusinessHours
>>> h = BusinessHours.parse("09:00-12:00,13:30-18:00")
>>> str(h.working[0][1]), h.standard_day_seconds
('13:30-18:00', 27000)
>>> str(BusinessHours.parse("22:00-06:00").working[0][0])      # overnight: belongs to its start day
'22:00-06:00'

Hours and days are separate knobs: ``"24h"`` is 00:00–24:00 on the calendar's *working* days (rest
days stay closed); round the clock every day is the ``always`` calendar with 24h hours
(:meth:`ServiceClock.always() <servstd.sla.ServiceClock.always>`, ``--region always``).

>>> h = BusinessHours.parse("24h")
>>> str(h), h.rest[6]
('00:00-24:00', ())
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping

import attrs

from servstd.errors import ScheduleError
from servstd.sla.calendar.day_kind import DayKind

__all__ = ["BusinessHours", "TimeInterval"]

DAY = 86_400
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DAY_KEYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4, "周六": 5, "周日": 6, "周天": 6,
    "星期一": 0, "星期二": 1, "星期三": 2, "星期四": 3, "星期五": 4, "星期六": 5, "星期日": 6,
}  # fmt: skip
_ACCEPTED = (
    "'HH:MM-HH:MM' intervals separated by commas, e.g. '09:00-12:00,13:30-18:00' "
    "('24:00' may end a day; '22:00-06:00' runs overnight; '24h' for 00:00-24:00; '' or 'closed' for none)"
)
_WHOLE_DAY = (["24h"], ["24小时"], ["全天"])
_DAYS_TOO = (["7x24"], ["7×24"], ["always"], ["24/7"])


def _clock(text: str, spec: str) -> int:
    m = _TIME.match(text.strip())
    if not m:
        raise ScheduleError(f"bad time {text.strip()!r} in {spec!r}; accepted: {_ACCEPTED}", spec)
    h, mi = int(m.group(1)), int(m.group(2))
    if mi > 59 or h > 24 or (h == 24 and mi):
        raise ScheduleError(f"bad time {text.strip()!r} in {spec!r}: hours 00–24, minutes 00–59", spec)
    return h * 3600 + mi * 60


def _fmt(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


@attrs.frozen(order=True)
class TimeInterval:
    """An open interval of one day, in seconds after local midnight, half-open ``[start, end)``.

    ``end`` may exceed 86 400 for an overnight interval (it belongs to the day it starts on).
    """

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if not (0 <= self.start < DAY and self.start < self.end <= self.start + DAY):
            raise ScheduleError(f"bad interval {self.start}s–{self.end}s", (self.start, self.end))

    @classmethod
    def parse(cls, text: str) -> TimeInterval:
        """Read ``"HH:MM-HH:MM"``; an end before the start means overnight."""
        parts = re.split(r"\s*[-–~～至]\s*", text.strip())
        if len(parts) != 2:
            raise ScheduleError(f"bad interval {text!r}; accepted: {_ACCEPTED}", text)
        start, end = _clock(parts[0], text), _clock(parts[1], text)
        if start == DAY:
            raise ScheduleError(f"bad interval {text!r}: an interval cannot start at 24:00", text)
        if end == start:
            raise ScheduleError(f"empty interval {text!r}: start and end are the same", text)
        if end < start:
            end += DAY  # overnight
        return cls(start, end)

    @property
    def seconds(self) -> int:
        """Length in seconds."""
        return self.end - self.start

    def __str__(self) -> str:
        end = self.end - DAY if self.end > DAY else self.end
        return f"{_fmt(self.start)}-{_fmt(end)}"


Day = tuple[TimeInterval, ...]

MAX_INTERVALS = 48
"""The most open intervals one day may have (one every half hour): a clock's tables grow with it."""


def _parse_day(spec: str | Iterable[str] | None) -> Day:
    if spec is None:
        return ()
    parts = list(re.split(r"[,，;；]", spec)) if isinstance(spec, str) else list(spec)
    parts = [p.strip() for p in parts if p.strip()]
    if parts in (["closed"], ["休息"], ["不营业"]):
        return ()
    if [p.lower() for p in parts] in _WHOLE_DAY:
        return (TimeInterval(0, DAY),)
    if [p.lower() for p in parts] in _DAYS_TOO:
        raise ScheduleError(
            f"{spec!r} names days as well as hours: business hours are '24h' (00:00-24:00 on the "
            "calendar's working days); every day round the clock is the 'always' calendar with 24h "
            "hours (ServiceClock.always(), or 'always: true' in a clock spec)",
            spec,
        )
    if len(parts) > MAX_INTERVALS:
        raise ScheduleError(
            f"{len(parts):,} intervals in one day; business hours have at most {MAX_INTERVALS} a day "
            "(every half hour)",
            len(parts),
        )
    day = tuple(sorted(TimeInterval.parse(p) for p in parts))
    for a, b in itertools.pairwise(day):
        if b.start < a.end:
            raise ScheduleError(f"overlapping intervals {a} and {b} in {spec!r}", spec)
    if day and day[-1].end > day[0].start + DAY:
        raise ScheduleError(
            f"overlapping intervals in {spec!r}: {day[-1]} runs into the next day's {day[0]}", spec
        )
    return day


def _keys(key: str) -> list[int]:
    k = key.strip().lower()
    if k in ("all", "every day", "daily", "每天"):
        return list(range(7))
    if k in ("weekdays", "mon-fri", "工作日", "周一至周五"):
        return list(range(5))
    if k in ("weekend", "sat-sun", "周末"):
        return [5, 6]
    m = re.fullmatch(r"(.+?)\s*(?:-|至|到)\s*(.+)", k)
    if m and m.group(1) in _DAY_KEYS and m.group(2) in _DAY_KEYS:
        a, b = _DAY_KEYS[m.group(1)], _DAY_KEYS[m.group(2)]
        return list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(b + 1)]
    if k in _DAY_KEYS:
        return [_DAY_KEYS[k]]
    raise ScheduleError(
        f"unknown day {key!r}; accepted: mon..sun, 周一..周日, ranges like 'mon-fri' or '周一至周五', "
        "'weekdays', 'weekend', 'all'",
        key,
    )


def _week(mapping: Mapping[str, str | Iterable[str] | None] | None) -> tuple[Day, ...]:
    week: list[Day] = [() for _ in range(7)]
    for key, spec in (mapping or {}).items():
        for i in _keys(key):
            week[i] = _parse_day(spec)
    return tuple(week)


@attrs.frozen
class BusinessHours:
    """A weekly template of open intervals, rest-day hours and per-date overrides.

    * ``working[i]``: hours on a working day that is weekday ``i`` (0 = Monday);
    * ``makeup``: hours on a make-up working day (调休上班) whose weekday has no working hours
      (by default the Monday hours: a worked Saturday runs like a weekday);
    * ``rest[i]``: hours on a rest day (weekend or holiday) that is weekday ``i`` — usually none,
      e.g. a hall open 10:00–16:00 on holidays;
    * ``overrides``: hours for particular dates, whatever the calendar says.
    """

    working: tuple[Day, ...]
    rest: tuple[Day, ...] = ((),) * 7
    makeup: Day | None = None
    overrides: tuple[tuple[dt.date, Day], ...] = ()

    @classmethod
    def parse(cls, spec: str) -> BusinessHours:
        """The same hours on every working day, none on rest days: ``"09:00-12:00,13:30-18:00"``."""
        day = _parse_day(spec)
        return cls(working=(day,) * 7)

    @classmethod
    def weekly(
        cls,
        working: Mapping[str, str | Iterable[str] | None],
        *,
        rest: str | Mapping[str, str | Iterable[str] | None] | None = None,
        makeup: str | None = None,
        overrides: Mapping[dt.date, str | Iterable[str] | None] | None = None,
    ) -> BusinessHours:
        """Hours per weekday, e.g. ``{"mon-fri": "09:00-18:00", "sat": "09:00-12:00"}``.

        >>> h = BusinessHours.weekly({"周一至周五": "09:00-17:00"}, rest="10:00-16:00")
        >>> [str(i) for i in h.rest[6]]
        ['10:00-16:00']
        """
        rest_week = _week({"all": rest}) if isinstance(rest, str) else _week(rest)
        return cls(
            working=_week(working),
            rest=rest_week,
            makeup=_parse_day(makeup) if makeup is not None else None,
            overrides=tuple(sorted((d, _parse_day(s)) for d, s in (overrides or {}).items())),
        )

    @classmethod
    def always(cls) -> BusinessHours:
        """Open round the clock on every day, working or rest (with :meth:`WorkCalendar.always`, the
        7×24 clock of :meth:`ServiceClock.always`)."""
        full = (TimeInterval(0, DAY),)
        return cls(working=(full,) * 7, rest=(full,) * 7)

    def __attrs_post_init__(self) -> None:
        if len(self.working) != 7 or len(self.rest) != 7:
            raise ScheduleError("working and rest hours need one entry per weekday (7)", self)
        days = [*self.working, *self.rest, self.makeup or (), *(d for _, d in self.overrides)]
        widest = max(len(d) for d in days)
        if widest > MAX_INTERVALS:
            raise ScheduleError(
                f"{widest:,} intervals in one day; business hours have at most {MAX_INTERVALS} a day", widest
            )

    def with_overrides(self, overrides: Mapping[dt.date, str | Iterable[str] | None]) -> BusinessHours:
        """These hours with particular dates replaced (``None`` or ``""`` closes the date)."""
        merged = dict(self.overrides)
        merged.update((d, _parse_day(s)) for d, s in overrides.items())
        return attrs.evolve(self, overrides=tuple(sorted(merged.items())))

    def on(self, d: dt.date, kind: DayKind) -> Day:
        """The intervals open on date ``d`` of the given kind."""
        for od, day in self.overrides:
            if od == d:
                return day
        wd = d.weekday()
        if kind.is_working:
            day = self.working[wd]
            if not day and kind is DayKind.MAKEUP_WORKDAY:
                return self.makeup if self.makeup is not None else self.working[0]
            return day
        return self.rest[wd]

    @property
    def has_overnight(self) -> bool:
        """Whether any interval runs past midnight (into the next date)."""
        days = [*self.working, *self.rest, self.makeup or (), *(d for _, d in self.overrides)]
        return any(i.end > DAY for day in days for i in day)

    @property
    def standard_day_seconds(self) -> int:
        """Open seconds of a standard working day (the first weekday with working hours)."""
        for day in self.working:
            if day:
                return sum(i.seconds for i in day)
        return DAY

    def __str__(self) -> str:
        names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        if len(set(self.working)) == 1 and not any(self.rest) and not self.overrides:
            return ",".join(str(i) for i in self.working[0]) or "closed"
        parts = [f"{names[i]} {','.join(str(x) for x in day)}" for i, day in enumerate(self.working) if day]
        parts += [
            f"rest {names[i]} {','.join(str(x) for x in day)}" for i, day in enumerate(self.rest) if day
        ]
        return "; ".join(parts) or "closed"
