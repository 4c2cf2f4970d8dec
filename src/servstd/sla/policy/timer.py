"""SLA timers: one metric of one case, evaluated from its events.

Events: ``start``, ``pause``/``resume`` (the clock stops while waiting for the customer),
``extend`` (needs an ``approver``; moves the deadline later), ``complete`` (the metric is done) and
``stop`` (the case is closed or cancelled). Events are sorted by time first, so the order they are
given in never matters; an impossible history (resume without pause, stop before start, an
extension without approver…) is a :class:`~servstd.errors.TimerError`, never a silent guess.

The due instant starts as ``clock.deadline(start, target)``; each pause that began before the
current due instant pushes it later by the open time the pause covered (so pausing never makes a
deadline earlier, and a breach is never undone by a later pause).

A target that counts back from its reference ("到期前5个工作日") or is a window before it
("在生效对应日前5个工作日内") takes the start event as the reference: the act comes before it. Such a
metric has no pauses or extensions; under a window, a completion before the window opens is
:attr:`TimerStatus.EARLY`, inside it :attr:`~TimerStatus.MET`, after it :attr:`~TimerStatus.BREACHED`.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from servstd.sla import ServiceClock
>>> sh = ZoneInfo("Asia/Shanghai")
>>> anniversary = TimerEvent("start", dt.datetime(2026, 10, 12, tzinfo=sh))
>>> def sent(*day):
...     evs = [anniversary, TimerEvent("complete", dt.datetime(*day, 10, tzinfo=sh))]
...     rule = DeadlineRule("在生效对应日前5个工作日内")
...     return evaluate_timer("renewal_notice", ServiceClock.default(), rule, evs, now=anniversary.at).status.value
>>> sent(2026, 10, 9), sent(2026, 10, 13), sent(2026, 9, 20)
('met', 'breached', 'early')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import ClassVar

import attrs

from servstd._schema import Shaped
from servstd.errors import InputTypeError, NaiveDatetimeError, TimerError
from servstd.sla.clock.columnar import epoch_us
from servstd.sla.clock.deadline import DeadlineRule
from servstd.sla.clock.durations import (
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    Duration,
    PeriodUnit,
    WorkingDays,
    parse_duration,
)
from servstd.sla.clock.service_clock import ServiceClock

__all__ = ["EventKind", "TimerEvent", "TimerResult", "TimerStatus", "evaluate_timer"]


class EventKind(enum.Enum):
    """What happened to a case."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    COMPLETE = "complete"
    STOP = "stop"


class TimerStatus(enum.Enum):
    """Where a metric stands."""

    PENDING = "pending"
    """Not started yet (no start event)."""
    RUNNING = "running"
    AT_RISK = "at_risk"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    EARLY = "early"
    """Completed before its window opened (e.g. a follow-up call before day 3 of "3–7天")."""
    STOPPED = "stopped"
    """The case was stopped before the metric completed, within its deadline."""


def _kind(value: EventKind | str) -> EventKind:
    try:
        return value if isinstance(value, EventKind) else EventKind(value)
    except ValueError:
        raise TimerError(
            f"unknown event kind {value!r}; accepted: {', '.join(k.value for k in EventKind)}", value
        ) from None


def _optional_duration(value: str | Duration | None) -> Duration | None:
    return None if value is None else parse_duration(value)


def _aware(_self: object, _attr: object, at: dt.datetime) -> None:
    value: object = at  # checked at run time: callers may pass anything
    if not isinstance(value, dt.datetime):
        raise InputTypeError(value, "at", "an aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(value, "at")


@attrs.frozen
class TimerEvent(Shaped):
    """One event of a case. ``metric`` scopes ``complete``/``extend``/``pause`` to one metric (else all)."""

    kind: EventKind = attrs.field(converter=_kind)
    at: dt.datetime = attrs.field(validator=_aware)
    metric: str | None = None
    approver: str | None = None
    new_target: Duration | None = attrs.field(default=None, converter=_optional_duration)
    note: str = ""
    us: int = attrs.field(init=False, eq=False, repr=False)
    _json_skip: ClassVar[frozenset[str]] = frozenset({"us"})
    """The instant in integer microseconds since the epoch (computed once)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "us", epoch_us(self.at))


@attrs.frozen
class TimerResult(Shaped):
    """The state of one metric at ``now``: due instant, status, elapsed and remaining open time."""

    metric: str
    status: TimerStatus
    start: dt.datetime | None
    due: dt.datetime | None
    window_opens: dt.datetime | None
    completed: dt.datetime | None
    elapsed: dt.timedelta
    remaining: dt.timedelta
    paused: dt.timedelta
    used: Fraction
    threshold: Fraction | None
    target: str
    extensions: tuple[tuple[str, str], ...] = ()
    explanation: tuple[str, ...] = ()


_ORDER = {k: i for i, k in enumerate(EventKind)}
_ONE_US = dt.timedelta(microseconds=1)


def _sorted(events: Iterable[TimerEvent]) -> list[TimerEvent]:
    return sorted(events, key=lambda e: (e.us, _ORDER[e.kind]))


def evaluate_timer(
    metric: str,
    clock: ServiceClock,
    rule: DeadlineRule,
    events: Sequence[TimerEvent],
    now: dt.datetime,
    *,
    start: dt.datetime | None = None,
    earliest: Duration | None = None,
    thresholds: Sequence[Fraction] = (Fraction(1, 2), Fraction(3, 4)),
) -> TimerResult:
    """Evaluate ``metric`` from ``events`` at ``now``.

    ``start`` overrides the case's start event (a metric that starts when another completes).
    ``earliest`` opens a window ("3–7天": completion before it is EARLY).
    """
    evs = [e for e in _sorted(events) if e.metric in (None, metric)]
    starts = [e for e in evs if e.kind is EventKind.START]
    if start is None:
        if not starts:
            return _not_started(metric, rule)
        start = starts[0].at
    if len(starts) > 1:
        raise TimerError(f"{metric}: more than one start event ({starts[1].at.isoformat()})", starts[1].at)
    if rule.counts_back:
        return _counting_back(metric, clock, rule, evs=evs, reference=start, now=now)
    replay = _replay(metric, clock, rule, evs, start)
    notes = replay.notes
    pauses, completed, stopped, current = replay.pauses, replay.completed, replay.stopped, replay.rule
    extensions, paused_at = replay.extensions, replay.paused_at
    end = completed or stopped or now
    due = clock.due(start, current)
    notes.append(f"due {due.isoformat()} by {current.duration} from {start.isoformat()}")
    # open time from the clock's public arithmetic: elapsed(a, b) = C(b) - C(a), add(t, d)
    zero = dt.timedelta(0)
    pauses_at = [(p0, p1 if p1 is not None else max(now, p0)) for p0, p1 in pauses]
    paused_total = zero
    if pauses_at:
        for p0, p1 in pauses_at:
            if p0 >= due:  # a pause after the deadline cannot undo a breach
                notes.append(f"pause from {p0.isoformat()} ignored: after the deadline")
                continue
            covered = clock.elapsed(p0, p1)
            paused_total += covered
            due = clock.add(due, covered)
            notes.append(f"paused {covered} of open time from {p0.isoformat()}")
        due = clock.local(due)
        notes.append(f"due moves to {due.isoformat()}")
    window = _window_opens(clock, start, earliest) if earliest is not None else None
    clipped = [(a, min(b, end)) for a, b in pauses_at if min(b, end) > a]
    in_pauses = sum((clock.elapsed(a, b) for a, b in clipped), zero)
    elapsed = clock.elapsed(start, end) - in_pauses
    remaining = clock.elapsed(end, due)
    allowed = clock.elapsed(start, due) - paused_total
    used = Fraction(elapsed // _ONE_US, max(allowed // _ONE_US, 1))
    passed = [t for t in thresholds if used >= t]
    threshold = max(passed) if passed else None
    status = _status(
        completed=completed, stopped=stopped, now=now, due=due, window=window,
        paused=paused_at is not None, threshold=threshold,
    )  # fmt: skip
    return TimerResult(
        metric=metric, status=status, start=clock.local(start), due=due, window_opens=window, completed=completed,
        elapsed=elapsed, remaining=remaining, paused=paused_total, used=used, threshold=threshold,
        target=str(current.duration), extensions=tuple(extensions), explanation=tuple(notes),
    )  # fmt: skip


def _counting_back(
    metric: str,
    clock: ServiceClock,
    rule: DeadlineRule,
    *,
    evs: list[TimerEvent],
    reference: dt.datetime,
    now: dt.datetime,
) -> TimerResult:
    """A metric that counts back from a reference ("到期前5个工作日", "在X前5个工作日内"): the act is
    due *before* the start event, which is the reference (an expiry date, an anniversary), so a
    completion may come before it. Such a metric has no pauses or extensions, and no share of time
    used (it has no beginning); a window's opening makes an earlier completion EARLY."""
    completed = stopped = None
    for e in evs:
        if e.kind in (EventKind.PAUSE, EventKind.RESUME, EventKind.EXTEND):
            raise TimerError(
                f"{metric}: {e.kind.value} at {e.at.isoformat()}: a deadline that counts back "
                f"({rule.duration}) has no pauses or extensions",
                e.at,
            )
        if e.kind is EventKind.COMPLETE and completed is None and stopped is None:
            completed = e.at
        elif e.kind is EventKind.STOP and completed is None and stopped is None:
            stopped = e.at
    dl = clock.deadline(reference, rule)  # the clock's checks too: an aware instant in its years
    due, opens = dl.due, dl.opens
    end = completed or stopped or now
    status = _status(
        completed=completed, stopped=stopped, now=now, due=due, window=opens, paused=False, threshold=None
    )
    note = f"due {due.isoformat()}: {rule.duration} counted back from {reference.isoformat()}"
    if opens is not None:
        note += f"; the window opens {opens.isoformat()}"
    return TimerResult(
        metric=metric, status=status, start=clock.local(reference), due=due, window_opens=opens,
        completed=completed, elapsed=dt.timedelta(0), remaining=clock.elapsed(end, due),
        paused=dt.timedelta(0), used=Fraction(0), threshold=None, target=str(rule.duration),
        explanation=(note,),
    )  # fmt: skip


@attrs.define
class _Replay:
    """What the events say, in order: pauses, completion, stop, extensions."""

    rule: DeadlineRule
    notes: list[str] = attrs.Factory(list)
    pauses: list[tuple[dt.datetime, dt.datetime | None]] = attrs.Factory(list)
    paused_at: dt.datetime | None = None
    completed: dt.datetime | None = None
    stopped: dt.datetime | None = None
    extensions: list[tuple[str, str]] = attrs.Factory(list)


def _replay(
    metric: str, clock: ServiceClock, rule: DeadlineRule, evs: list[TimerEvent], start: dt.datetime
) -> _Replay:
    r = _Replay(rule)
    for e in evs:
        if e.kind is EventKind.START:
            continue
        if e.at < start:
            raise TimerError(
                f"{metric}: {e.kind.value} at {e.at.isoformat()} is before the start ({start.isoformat()})",
                e.at,
            )
        if r.completed is not None or r.stopped is not None:
            if e.kind in (EventKind.COMPLETE, EventKind.PAUSE, EventKind.RESUME, EventKind.EXTEND):
                done = "completed" if r.completed is not None else "stopped"
                raise TimerError(
                    f"{metric}: {e.kind.value} at {e.at.isoformat()} after the metric {done}", e.at
                )
            continue
        if e.kind is EventKind.PAUSE:
            if r.paused_at is not None:
                raise TimerError(f"{metric}: pause at {e.at.isoformat()} while already paused", e.at)
            r.paused_at = e.at
        elif e.kind is EventKind.RESUME:
            if r.paused_at is None:
                raise TimerError(f"{metric}: resume at {e.at.isoformat()} without a pause", e.at)
            r.pauses.append((r.paused_at, e.at))
            r.paused_at = None
        elif e.kind is EventKind.EXTEND:
            _extend(metric, clock, r, e, start)
        else:  # COMPLETE or STOP closes an open pause
            if r.paused_at is not None:
                r.pauses.append((r.paused_at, e.at))
                r.paused_at = None
            if e.kind is EventKind.COMPLETE:
                r.completed = e.at
            else:
                r.stopped = e.at
    if r.paused_at is not None:
        r.pauses.append((r.paused_at, None))
    return r


def _extend(metric: str, clock: ServiceClock, r: _Replay, e: TimerEvent, start: dt.datetime) -> None:
    if not e.approver:
        raise TimerError(
            f"{metric}: the extension at {e.at.isoformat()} has no approver; an overrun needs one", e.at
        )
    if e.new_target is None:
        raise TimerError(f"{metric}: the extension at {e.at.isoformat()} has no new target", e.at)
    new = attrs.evolve(r.rule, duration=e.new_target)
    if clock.due(start, new) < clock.due(start, r.rule):
        raise TimerError(
            f"{metric}: the extension at {e.at.isoformat()} to {e.new_target} would move the deadline earlier",
            e.at,
        )
    r.rule = new
    r.extensions.append((e.approver, str(e.new_target)))
    r.notes.append(f"extended to {e.new_target} by {e.approver} at {e.at.isoformat()}")


def _status(
    *,
    completed: dt.datetime | None,
    stopped: dt.datetime | None,
    now: dt.datetime,
    due: dt.datetime,
    window: dt.datetime | None,
    paused: bool,
    threshold: Fraction | None,
) -> TimerStatus:
    if completed is not None:
        if window is not None and completed < window:
            return TimerStatus.EARLY
        return TimerStatus.MET if completed <= due else TimerStatus.BREACHED
    if stopped is not None:
        return TimerStatus.BREACHED if stopped > due else TimerStatus.STOPPED
    if now > due:
        return TimerStatus.BREACHED
    if paused:
        return TimerStatus.PAUSED
    return TimerStatus.AT_RISK if threshold is not None else TimerStatus.RUNNING


def _window_opens(clock: ServiceClock, start: dt.datetime, earliest: Duration) -> dt.datetime:
    """When a window such as "3–7天" opens: the start of its first day ("第3日起")."""
    d0 = clock.local_date(start)
    if isinstance(earliest, CalendarPeriod) and earliest.unit is PeriodUnit.DAYS:
        return clock.end_of_day(d0 + dt.timedelta(days=earliest.count - 1))  # 00:00 of day n
    if isinstance(earliest, WorkingDays) and earliest.is_whole:
        day = clock.calendar.add_working_days(d0, int(earliest.count))
        return clock.end_of_day(day - dt.timedelta(days=1))
    if isinstance(earliest, ClockTime):
        return clock.local(start.astimezone(dt.timezone.utc) + earliest.timedelta)
    if isinstance(earliest, BusinessTime):
        return clock.add(start, earliest.timedelta)
    return clock.due(start, earliest)


def _not_started(metric: str, rule: DeadlineRule) -> TimerResult:
    zero = dt.timedelta()
    return TimerResult(
        metric=metric, status=TimerStatus.PENDING, start=None, due=None, window_opens=None, completed=None,
        elapsed=zero, remaining=zero, paused=zero, used=Fraction(0), threshold=None, target=str(rule.duration),
        explanation=("not started",),
    )  # fmt: skip
