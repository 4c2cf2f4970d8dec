"""The service clock: a working calendar, business hours and a time zone, answering in exact time.

With C(x) the open time before instant x:

* ``elapsed(a, b) = C(b) - C(a)`` (negative when ``b < a``);
* ``add(t, d)`` is the *smallest* instant x ≥ t with ``elapsed(t, x) == d``, so adding one hour
  at 17:00 when the day closes at 18:00 gives 18:00 that day, and a start outside hours counts
  from the next opening; ``subtract`` mirrors it (the largest x ≤ t with ``elapsed(x, t) == d``).

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from servstd.sla import ServiceClock
>>> clock = ServiceClock.default()          # mainland calendar, 09:00–12:00 + 13:00–18:00, Shanghai
>>> t = dt.datetime(2026, 9, 30, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> clock.add(t, dt.timedelta(hours=1)).isoformat()
'2026-09-30T18:00:00+08:00'
>>> clock.add(t, dt.timedelta(hours=2)).isoformat()     # Oct 1–7 is the National Day holiday
'2026-10-08T10:00:00+08:00'
>>> clock.elapsed(t, dt.datetime(2026, 10, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
datetime.timedelta(seconds=7200)

A clock may be shared by any number of threads: each answer is the single-threaded answer (the
engine's per-year blocks are immutable once built). It answers for instants in the local years
2–9998 of its zone, and one operation reaches across at most 200 years; beyond either bound it
raises :class:`~servstd.errors.ClockRangeError` at once instead of overflowing or running for
minutes:

>>> clock = ServiceClock.always()
>>> clock.add(t, dt.timedelta(days=3_000_000))
Traceback (most recent call last):
    ...
servstd.errors.ClockRangeError: cannot add 3,000,000 days of open time: the answer lies more than 200 years away (one operation may span at most 200 years)
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs

from servstd._input import zone
from servstd.errors import ClockRangeError, InputTypeError, NaiveDatetimeError
from servstd.sla.calendar.calendar_state import notice_state
from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock._timeline import NEAR_YEARS, Intervals, Timeline, check_span
from servstd.sla.clock.business_hours import BusinessHours
from servstd.sla.clock.columnar import (
    FIRST_YEAR,
    LAST_YEAR,
    MISSING,
    LocalDays,
    OpenIntervals,
    epoch_us,
    int64_view,
    wall_us,
)
from servstd.sla.clock.deadline import Deadline, DeadlineRule, compute_deadline
from servstd.sla.clock.durations import Duration

__all__ = ["ServiceClock"]

_ONE_US = dt.timedelta(microseconds=1)


def _check_years(first_year: object, last_year: object) -> None:
    for name, year in (("first_year", first_year), ("last_year", last_year)):
        if isinstance(year, bool) or not isinstance(year, int):
            raise InputTypeError(year, name, "a local year (int)")
    assert isinstance(first_year, int)
    assert isinstance(last_year, int)
    if not FIRST_YEAR <= first_year <= last_year <= LAST_YEAR:
        raise ClockRangeError(
            f"the local years {first_year}–{last_year} are not an ascending span within "
            f"{FIRST_YEAR}–{LAST_YEAR}, the years a clock answers for",
            (first_year, last_year),
        )


def _zone(tz: str) -> ZoneInfo:
    return zone(tz, "tz")


def _tz_name(tz: str | ZoneInfo) -> str:
    """The IANA name of ``tz``: a name, a :class:`~zoneinfo.ZoneInfo` or a pendulum ``Timezone``."""
    if not isinstance(tz, (str, dt.tzinfo)):  # another tzinfo (a fixed offset): zone() says why not
        raise InputTypeError(
            tz,
            "tz",
            "an IANA time zone: a name like 'Asia/Shanghai', a zoneinfo.ZoneInfo or a pendulum Timezone",
        )
    return zone(tz, "tz").key


@attrs.frozen
class ServiceClock:
    """A :class:`WorkCalendar`, :class:`BusinessHours` and an IANA time zone.

    ``tz`` is a zone name, a :class:`~zoneinfo.ZoneInfo` or a pendulum ``Timezone`` (kept as its
    name). Accepts aware ``datetime`` instants (pendulum ``DateTime`` too) in any zone; returns
    aware ``datetime`` in the clock's zone. A naive datetime raises
    :class:`~servstd.errors.NaiveDatetimeError`.
    """

    calendar: WorkCalendar
    hours: BusinessHours
    tz: str = attrs.field(default="Asia/Shanghai", converter=_tz_name)
    _timeline: Timeline = attrs.field(init=False, eq=False, repr=False, hash=False)
    _zone: ZoneInfo = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        zone = _zone(self.tz)
        object.__setattr__(self, "_zone", zone)
        timeline = Timeline(self._intervals, zone, overnight=self.hours.has_overnight)
        object.__setattr__(self, "_timeline", timeline)

    def __reduce__(self) -> tuple[type[ServiceClock], tuple[WorkCalendar, BusinessHours, str]]:
        """Pickle and deep-copy by value: the calendar, the hours and the zone (the interval
        tables and their lock are a cache, rebuilt on demand in the copy)."""
        return (ServiceClock, (self.calendar, self.hours, self.tz))

    @classmethod
    def default(cls) -> ServiceClock:
        """Mainland China calendar, 09:00–12:00 and 13:00–18:00, Asia/Shanghai: one shared clock.

        Every call returns the same immutable clock (its tables are built once, whichever thread
        asks) until :func:`~servstd.sla.calendar.calendar_state.reload_notices` reads the notice folders again;
        the calls after that share a new one. Keep it, or call this again: both are cheap.

        >>> ServiceClock.default() is ServiceClock.default()
        True
        """
        return notice_state().kept(
            ("ServiceClock.default", cls),
            lambda: cls(
                WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:00-18:00"), "Asia/Shanghai"
            ),
        )

    @classmethod
    def always(cls, tz: str | ZoneInfo = "Asia/Shanghai") -> ServiceClock:
        """The 7×24 clock: every day a working day (:meth:`WorkCalendar.always`), open round the
        clock (:meth:`BusinessHours.always`)."""
        return cls(WorkCalendar.always(), BusinessHours.always(), tz)

    @property
    def zone(self) -> ZoneInfo:
        """The clock's time zone."""
        return self._zone

    # -- conversion ------------------------------------------------------------------------
    def _us(self, t: object, parameter: str = "t") -> int:
        if not isinstance(t, dt.datetime):
            raise InputTypeError(t, parameter, "an aware datetime (or pendulum DateTime)")
        try:
            offset = t.utcoffset()
        except (TypeError, ValueError) as exc:  # a tzinfo answering something other than a timedelta
            raise InputTypeError(t, parameter, "an aware datetime whose tzinfo gives a utcoffset") from exc
        if t.tzinfo is None or offset is None:
            raise NaiveDatetimeError(t, parameter)
        try:
            return epoch_us(t)
        except OverflowError as exc:
            raise ClockRangeError(f"{parameter}={t!r} is outside the range of instants", t) from exc

    def _dt(self, us: int) -> dt.datetime:
        seconds, micro = divmod(us, 1_000_000)
        try:
            out = dt.datetime.fromtimestamp(seconds, self._zone)
        except (OverflowError, ValueError, OSError) as exc:
            raise ClockRangeError(
                f"{us} µs after 1970-01-01 UTC is outside the range of datetime in {self.tz}", us
            ) from exc
        return out.replace(microsecond=micro) if micro else out

    def _check_date(self, d: dt.date) -> None:
        if not FIRST_YEAR <= d.year <= LAST_YEAR:
            raise ClockRangeError(
                f"{d} is outside the local years {FIRST_YEAR}–{LAST_YEAR} a clock answers for", d
            )

    def local(self, t: dt.datetime) -> dt.datetime:
        """``t`` in the clock's zone."""
        return self._dt(self._us(t))

    def local_date(self, t: dt.datetime) -> dt.date:
        """The date of instant ``t`` in the clock's zone."""
        return self.local(t).date()

    def _intervals(self, first: dt.date, last: dt.date) -> Intervals:
        """The open intervals starting on the local dates ``first``..``last`` (for the engine)."""
        zone = self.zone
        out: Intervals = []
        d = first
        while d <= last:
            for iv in self.hours.on(d, self.calendar.day_kind(d)):
                s, e = wall_us(d, iv.start, zone), wall_us(d, iv.end, zone)
                if e > s:
                    out.append((s, e))
            d += dt.timedelta(days=1)
        return out

    # -- day-level facts used by deadlines -------------------------------------------------
    def _day(self, d: dt.date) -> tuple[tuple[int, int], ...]:
        """The open intervals starting on local date ``d`` in microseconds (cached per date)."""
        cache = self._timeline.days
        got = cache.get(d)
        if got is None:
            self._check_date(d)
            zone = self._zone
            got = tuple(
                (wall_us(d, iv.start, zone), wall_us(d, iv.end, zone))
                for iv in self.hours.on(d, self.calendar.day_kind(d))
            )
            if len(cache) > 50_000:
                cache.clear()
            cache[d] = got
        return got

    def intervals_on(self, d: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The open intervals that start on local date ``d``, as instants."""
        return [(self._dt(a), self._dt(b)) for a, b in self._day(d)]

    def close_of_business(self, d: dt.date) -> dt.datetime | None:
        """The end of the last interval that starts on ``d``; ``None`` if closed that day."""
        ivs = self._day(d)
        return self._dt(ivs[-1][1]) if ivs else None

    def end_of_day(self, d: dt.date) -> dt.datetime:
        """24:00 of local date ``d`` (the next date's 00:00)."""
        self._check_date(d)
        return self._dt(wall_us(d, 86_400, self.zone))

    # -- arrays for the columnar engines (the ColumnarClock protocol) ------------------------
    def local_year(self, x: int) -> int:
        """The local year of the instant ``x`` (integer microseconds since 1970-01-01 UTC; see
        :mod:`servstd.sla.clock.columnar`); a :class:`~servstd.errors.ClockRangeError` outside the
        local years 2–9998."""
        return self._timeline.year_of(x)

    def open_intervals(self, first_year: int, last_year: int) -> OpenIntervals:
        """One immutable snapshot of the open intervals of at least the local years
        ``first_year``..``last_year``, with prefix sums (what ``servstd.sla.batch`` and the SQL
        export read; see :class:`~servstd.sla.clock.columnar.OpenIntervals`).

        >>> snap = ServiceClock.default().open_intervals(2026, 2026)
        >>> len(snap), snap.first_year <= 2026 <= snap.last_year     # 248 working days, 2 intervals each
        (496, True)
        """
        _check_years(first_year, last_year)
        return self._timeline.open_intervals(first_year, last_year)

    def local_days(self, first_year: int, last_year: int) -> LocalDays:
        """One immutable snapshot of at least the local years ``first_year``..``last_year``, day by
        day: midnight, first opening and close of business (see
        :class:`~servstd.sla.clock.columnar.LocalDays`)."""
        _check_years(first_year, last_year)
        kept = self._timeline.kept_days
        if kept is not None and kept.first_year <= first_year and last_year <= kept.last_year:
            return kept
        if (
            kept is not None
            and first_year <= kept.last_year + NEAR_YEARS
            and kept.first_year - NEAR_YEARS <= last_year
        ):
            first_year, last_year = min(first_year, kept.first_year), max(last_year, kept.last_year)
        check_span(first_year, last_year)
        first = dt.date(first_year, 1, 1)
        n = (dt.date(last_year, 12, 31) - first).days + 1
        zone = self._zone
        starts: list[int] = []
        opens: list[int] = []
        closes: list[int] = []
        for k in range(n):
            d = first + dt.timedelta(days=k)
            starts.append(wall_us(d, 0, zone))
            ivs = self._day(d)
            opens.append(ivs[0][0] if ivs else MISSING)
            closes.append(ivs[-1][1] if ivs else MISSING)
        starts.append(wall_us(first + dt.timedelta(days=n), 0, zone))
        days = LocalDays(
            first_year, last_year, zone, int64_view(starts), int64_view(opens), int64_view(closes)
        )
        self._timeline.kept_days = days
        return days

    def memory_bytes(self) -> int:
        """Bytes held by the clock's cached tables: the per-year interval lists (four 8-byte
        entries per interval) and the snapshots last handed to the columnar engines."""
        held = self._timeline.loaded_intervals() * 4 * 8
        tl = self._timeline
        kept = tl.kept_intervals, tl.kept_days
        return held + sum(snap.nbytes for snap in kept if snap is not None)

    # -- the clock -------------------------------------------------------------------------
    def is_open(self, t: dt.datetime) -> bool:
        """Whether the service is open at ``t`` (intervals are half-open: open at 09:00, closed at 12:00)."""
        return self._timeline.is_open(self._us(t))

    def next_open(self, t: dt.datetime) -> dt.datetime:
        """``t`` itself if open, else the next opening instant."""
        return self._dt(self._timeline.next_open(self._us(t)))

    def elapsed(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Open time between ``a`` and ``b`` (negative if ``b < a``)."""
        return dt.timedelta(microseconds=self._elapsed_us(self._us(a, "a"), self._us(b, "b")))

    def _elapsed_us(self, x: int, y: int) -> int:
        return self._timeline.elapsed(x, y)

    def _delta_us(self, d: object) -> int:
        if not isinstance(d, dt.timedelta):
            raise InputTypeError(d, "d", "a datetime.timedelta")
        return d // _ONE_US

    def add(self, t: dt.datetime, d: dt.timedelta) -> dt.datetime:
        """The smallest instant x ≥ ``t`` with ``elapsed(t, x) == d`` (``subtract`` for negative ``d``)."""
        x, n = self._us(t), self._delta_us(d)
        if n < 0:
            return self._dt(self._subtract(x, -n))
        return self._dt(self._add(x, n))

    def subtract(self, t: dt.datetime, d: dt.timedelta) -> dt.datetime:
        """The largest instant x ≤ ``t`` with ``elapsed(x, t) == d``."""
        x, n = self._us(t), self._delta_us(d)
        if n < 0:
            return self._dt(self._add(x, -n))
        return self._dt(self._subtract(x, n))

    def _add(self, x: int, n: int) -> int:
        return self._timeline.add(x, n)

    def _subtract(self, x: int, n: int) -> int:
        return self._timeline.subtract(x, n)

    def periods(self, a: dt.datetime, b: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
        """The open intervals within ``[a, b)``, clipped to it, in order."""
        x, y = self._us(a, "a"), self._us(b, "b")
        return [(self._dt(s), self._dt(e)) for s, e in self._timeline.periods(x, y)]

    # -- deadlines -------------------------------------------------------------------------
    def deadline(
        self,
        received_at: dt.datetime,
        rule: str | Duration | DeadlineRule,
        *,
        end_of_day: str | None = None,
        cutoff: dt.time | None = None,
        count_start_day: bool | None = None,
        move_off_rest_day: bool | None = None,
    ) -> Deadline:
        """When something received at ``received_at`` is due under ``rule`` ("3个工作日", "48小时"…).

        Defaults follow the PRC Civil Code, Arts. 200–204 (see the Deadlines guide). The keywords
        are the knobs of :class:`DeadlineRule` (each overrides the rule's own): ``end_of_day``
        (``"close"`` or ``"midnight"``), ``cutoff`` (a receipt cut-off time), ``count_start_day``
        and ``move_off_rest_day`` (Civil Code Art. 203 for periods in days, months or years).
        """
        self._timeline.year_of(
            self._us(received_at, "received_at")
        )  # within the clock's years; no calendar read
        return compute_deadline(
            self,
            received_at,
            rule,
            end_of_day=end_of_day,
            cutoff=cutoff,
            count_start_day=count_start_day,
            move_off_rest_day=move_off_rest_day,
        )

    def due(
        self,
        received_at: dt.datetime,
        rule: str | Duration | DeadlineRule,
        *,
        end_of_day: str | None = None,
        cutoff: dt.time | None = None,
        count_start_day: bool | None = None,
        move_off_rest_day: bool | None = None,
    ) -> dt.datetime:
        """``deadline(received_at, rule, ...).due``, without building the explanation: the fast path.

        Takes every keyword :meth:`deadline` takes.

        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> t = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> ServiceClock.default().due(t, "3个工作日")
        datetime.datetime(2026, 10, 10, 18, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        >>> ServiceClock.default().due(t, "3个工作日", end_of_day="midnight").isoformat()
        '2026-10-11T00:00:00+08:00'
        """
        self._timeline.year_of(self._us(received_at, "received_at"))
        return compute_deadline(
            self,
            received_at,
            rule,
            end_of_day=end_of_day,
            cutoff=cutoff,
            count_start_day=count_start_day,
            move_off_rest_day=move_off_rest_day,
            explain=False,
        ).due
