"""Deadlines: when something received at an instant is due under a duration rule.

Defaults follow the PRC Civil Code, Articles 200–204:

* **Art. 201** — for periods in days, months or years the day of receipt is not counted.
* **Art. 202** — a period in months or years ends on the corresponding day of the last month, or
  on that month's last day when it has no such day.
* **Art. 203** — if the last day is a rest day, the period ends on the next working day; the last
  day ends at 24:00, or at close of business where the service keeps business hours that day.

Working days ("3个工作日"): the day of receipt is never counted (received on a rest day, counting
starts with the next working day); due at close of business of the n-th working day (24:00 when
the clock keeps no hours that day). Clock time ("48小时"): exactly t + d. Business time
("4工作小时"): ``clock.add(t, d)``. "当天": close of business today if the service is still to be
open today, else close of the next working day. "次日" is a one-day period. "半个工作日": half a
standard working day of business time.

Knobs, explicit in the rule and echoed in the explanation: ``end_of_day`` (``"close"`` or
``"midnight"``), ``cutoff`` (received after that local time, or on a rest day, counts as
received at the next working day's opening; clock time ignores it), ``count_start_day`` (the
day of receipt counts as the first day of "N日"/"N个工作日" only while time is left in it; never for
"次日"/"次工作日"): a due instant is never before the receipt.

Counting back (:class:`~servstd.sla.clock.durations.Before`, "到期前5个工作日", "提前一个月"): the
latest instant by which an act due before a reference instant is on time — the close of the n-th
working day before the reference day (not counted); a period back ends on the corresponding day
(Arts. 201–202 mirrored) and moves to the *previous* working day when that is a rest day.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from servstd.sla import ServiceClock
>>> t = dt.datetime(2026, 9, 30, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> dl = ServiceClock.default().deadline(t, "3个工作日")
>>> dl.due.isoformat()
'2026-10-10T18:00:00+08:00'
>>> print(dl.explain("en"))
Received 2026-09-30 16:00 (+08:00).
Rule: 3 working days; the day of receipt is not counted.
Rest days skipped: 2026-10-01–2026-10-07 National Day (holiday).
The 3rd working day is 2026-10-10, a make-up working day (调休上班).
Due at close of business on 2026-10-10: 2026-10-10 18:00 (+08:00).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable
from typing import Literal, Protocol

import attrs

from servstd.errors import InputTypeError
from servstd.sla.calendar.day_kind import DayKind
from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.business_hours import BusinessHours
from servstd.sla.clock.durations import (
    Anchor,
    AnchorKind,
    Before,
    BusinessTime,
    CalendarPeriod,
    ClockTime,
    Duration,
    PeriodUnit,
    WorkingDays,
    parse_duration,
)

__all__ = ["Deadline", "DeadlineClock", "DeadlineRule", "SkippedDay", "compute_deadline"]


class DeadlineClock(Protocol):
    """What a deadline needs of a clock: its calendar, hours, local time, opening and closing.

    :class:`~servstd.sla.ServiceClock` is one; the protocol keeps this module below the clock that
    offers ``deadline()`` as a method.
    """

    @property
    def calendar(self) -> WorkCalendar: ...

    @property
    def hours(self) -> BusinessHours: ...

    def local(self, t: dt.datetime) -> dt.datetime: ...

    def intervals_on(self, d: dt.date) -> list[tuple[dt.datetime, dt.datetime]]: ...

    def close_of_business(self, d: dt.date) -> dt.datetime | None: ...

    def end_of_day(self, d: dt.date) -> dt.datetime: ...

    def add(self, t: dt.datetime, d: dt.timedelta) -> dt.datetime: ...


EndOfDay = Literal["close", "midnight"]


def _end_of_day(value: str) -> EndOfDay:
    if value not in ("close", "midnight"):
        raise InputTypeError(value, "end_of_day", "'close' (close of business) or 'midnight' (24:00)")
    return "close" if value == "close" else "midnight"


@attrs.frozen
class DeadlineRule:
    """A duration plus the knobs that decide how a deadline is computed from it."""

    duration: Duration = attrs.field(converter=parse_duration)
    end_of_day: EndOfDay = attrs.field(default="close", converter=_end_of_day)
    cutoff: dt.time | None = None
    count_start_day: bool = False

    def __attrs_post_init__(self) -> None:
        if self.cutoff is not None and not isinstance(self.cutoff, dt.time):
            raise InputTypeError(self.cutoff, "cutoff", "a datetime.time such as time(17, 0)")
        if isinstance(self.duration, Before) and (self.cutoff is not None or self.count_start_day):
            knob = "cutoff" if self.cutoff is not None else "count_start_day"
            raise InputTypeError(
                getattr(self, knob),
                knob,
                "no receipt knob on a rule that counts back from a reference day (到期前…): "
                "only end_of_day applies",
            )

    @property
    def counts_back(self) -> bool:
        """Whether the rule counts back from a reference instant ("到期前5个工作日")."""
        return isinstance(self.duration, Before)

    def describe(self, lang: str = "zh") -> str:
        """The rule in words."""
        d = self.duration
        if isinstance(d, Before):
            inner = d.duration
            days = isinstance(inner, CalendarPeriod) or (isinstance(inner, WorkingDays) and inner.is_whole)
            if lang == "zh":
                text = str(d) + (
                    "（自基准日往前计算，基准日当日不计入）" if days else "（自基准时间往前计算）"
                )
                return text + ("，截至当日24:00" if self.end_of_day == "midnight" else "")
            text = d.en + (
                "; counted back from the reference day, which is not counted"
                if days
                else "; counted back from the reference instant"
            )
            return text + ("; the last day ends at 24:00" if self.end_of_day == "midnight" else "")
        if lang == "zh":
            text = str(d)
            if isinstance(d, (WorkingDays, CalendarPeriod)) and (
                not isinstance(d, WorkingDays) or d.is_whole
            ):
                text += "（收到当日计入）" if self.count_start_day else "（收到当日不计入）"
            if self.end_of_day == "midnight":
                text += "，截至当日24:00"
            if self.cutoff is not None:
                text += f"，{self.cutoff:%H:%M}后或休息日收到的视为次一工作日开始营业时收到"
            return text
        text = d.en
        if isinstance(d, (WorkingDays, CalendarPeriod)) and (not isinstance(d, WorkingDays) or d.is_whole):
            text += (
                "; the day of receipt is counted"
                if self.count_start_day
                else "; the day of receipt is not counted"
            )
        if self.end_of_day == "midnight":
            text += "; the last day ends at 24:00"
        if self.cutoff is not None:
            text += f"; received after {self.cutoff:%H:%M} or on a rest day counts as received at the next working day's opening"
        return text


@attrs.frozen
class SkippedDay:
    """A rest day passed over while counting."""

    date: dt.date
    kind: DayKind
    name: str | None
    name_en: str | None = None


@attrs.frozen
class Deadline:
    """The due instant with everything needed to audit it."""

    received: dt.datetime
    start: dt.datetime
    due: dt.datetime
    rule: DeadlineRule
    last_day: dt.date | None = None
    moved_from: dt.date | None = None
    skipped: tuple[SkippedDay, ...] = ()
    lines_zh: tuple[str, ...] = ()
    lines_en: tuple[str, ...] = ()

    def explain(self, lang: str = "zh") -> str:
        """The explanation, one step a line, in ``"zh"`` or ``"en"``."""
        if lang not in ("zh", "en"):
            raise InputTypeError(lang, "lang", "'zh' or 'en'")
        return "\n".join(self.lines_zh if lang == "zh" else self.lines_en)

    @property
    def explanation(self) -> str:
        """The Chinese and English explanations."""
        return self.explain("zh") + "\n" + self.explain("en")


def _fmt(t: dt.datetime) -> str:
    off = t.strftime("%z")
    return f"{t:%Y-%m-%d %H:%M} ({off[:3]}:{off[3:]})"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _group(skipped: list[SkippedDay], lang: str) -> str:
    """Consecutive rest days with the same name as one range."""
    runs: list[list[SkippedDay]] = []
    for s in skipped:
        if runs and (s.date - runs[-1][-1].date).days == 1 and _label(s, lang) == _label(runs[-1][-1], lang):
            runs[-1].append(s)
        else:
            runs.append([s])
    parts = []
    for run in runs:
        a, b = run[0].date, run[-1].date
        span = a.isoformat() if a == b else f"{a.isoformat()}–{b.isoformat()}"
        parts.append(f"{span} {_label(run[0], lang)}")
    return ("；" if lang == "zh" else "; ").join(parts)


def _label(s: SkippedDay, lang: str) -> str:
    if lang == "zh":
        return s.name or s.kind.zh
    return f"{s.name_en} ({s.kind.en})" if s.name_en else s.kind.en


def _add_months(d: dt.date, months: int) -> dt.date:
    """Art. 202: the corresponding day, or the month's last day when it has none."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, _calendar.monthrange(y, m)[1]))


def compute_deadline(
    clock: DeadlineClock,
    received_at: dt.datetime,
    rule: str | Duration | DeadlineRule,
    *,
    end_of_day: str | None = None,
    cutoff: dt.time | None = None,
    count_start_day: bool | None = None,
    explain: bool = True,
) -> Deadline:
    """Compute a deadline on ``clock`` (see the module documentation for the rules).

    ``explain=False`` skips building the explanation and the list of skipped days (the fast path
    behind :meth:`ServiceClock.due`, timers and the batch API).
    """
    if not isinstance(rule, DeadlineRule):
        rule = DeadlineRule(parse_duration(rule))
    changes: dict[str, object] = {}
    if end_of_day is not None:
        changes["end_of_day"] = end_of_day
    if cutoff is not None:
        changes["cutoff"] = cutoff
    if count_start_day is not None:
        changes["count_start_day"] = count_start_day
    if changes:
        rule = attrs.evolve(rule, **changes)  # type: ignore[arg-type]
    return _Computation(clock, clock.local(received_at), rule, verbose=explain).run()


class _Computation:
    """One deadline computation. With ``verbose=False`` no explanation is built (the fast path)."""

    def __init__(
        self, clock: DeadlineClock, received: dt.datetime, rule: DeadlineRule, *, verbose: bool = True
    ) -> None:
        self.clock = clock
        self.cal = clock.calendar
        self.received = received
        self.rule = rule
        self.verbose = verbose
        self.zh: list[str] = []
        self.en: list[str] = []
        if rule.counts_back:
            self.say(
                lambda: (f"基准时间（到期）：{_fmt(received)}。", f"Reference (expiry) {_fmt(received)}.")
            )
        else:
            self.say(lambda: (f"收到时间：{_fmt(received)}。", f"Received {_fmt(received)}."))
        self.say(lambda: (f"规则：{rule.describe('zh')}。", f"Rule: {rule.describe('en')}."))

    # -- helpers -----------------------------------------------------------------------------
    def say(self, make: Callable[[], tuple[str, str]]) -> None:
        """Add one explanation step (built only when explaining)."""
        if self.verbose:
            zh, en = make()
            self.zh.append(zh)
            self.en.append(en)

    def day_end(self, d: dt.date) -> tuple[dt.datetime, str, str]:
        """When date d ends under the rule: close of business, or 24:00."""
        close = self.clock.close_of_business(d) if self.rule.end_of_day == "close" else None
        if close is not None:
            return close, "营业结束时", "close of business"
        return self.clock.end_of_day(d), "24:00", "24:00"

    def effective_start(self) -> dt.datetime:
        cutoff = self.rule.cutoff
        t = self.received
        if cutoff is None or isinstance(self.rule.duration, ClockTime):
            return t
        d = t.date()
        if self.cal.is_working_day(d) and t.timetz().replace(tzinfo=None) < cutoff:
            return t
        nxt = self.cal.next_working_day(d)
        ivs = self.clock.intervals_on(nxt)
        start = ivs[0][0] if ivs else self.clock.end_of_day(nxt - dt.timedelta(days=1))
        self.say(lambda: (
            f"收到时间在{cutoff:%H:%M}之后或为休息日，视为{_fmt(start)}收到。",
            f"Received after the {cutoff:%H:%M} cut-off or on a rest day: counts as received {_fmt(start)}.",
        ))  # fmt: skip
        return start

    def skipped(self, after: dt.date, through: dt.date) -> list[SkippedDay]:
        """The rest days in (after, through] — listed only when explaining."""
        if not self.verbose:
            return []
        days = self.cal.rest_days(after + dt.timedelta(days=1), through + dt.timedelta(days=1))
        return [SkippedDay(d, k, zh, en) for d, k, zh, en in days]

    def note_skipped(self, skipped: list[SkippedDay], last: dt.date | None = None) -> None:
        if skipped:
            self.say(
                lambda: (
                    f"跳过休息日：{_group(skipped, 'zh')}。",
                    f"Rest days skipped: {_group(skipped, 'en')}.",
                )
            )
        # the notices or overlays (文号 or file) that decided a skipped or make-up day
        days = [s.date for s in skipped] + (
            [last] if last and self.cal.day_kind(last) is DayKind.MAKEUP_WORKDAY else []
        )
        sources = (
            list(dict.fromkeys(src for d in days if (src := self.cal.source_of(d)))) if self.verbose else []
        )
        if sources:
            self.say(lambda: (f"依据：{'；'.join(sources)}。", f"Source: {'; '.join(sources)}."))

    def finish(self, start: dt.datetime, due: dt.datetime, **kw: object) -> Deadline:
        return Deadline(
            received=self.received, start=start, due=due, rule=self.rule,
            lines_zh=tuple(self.zh), lines_en=tuple(self.en), **kw,  # type: ignore[arg-type]
        )  # fmt: skip

    def due_on(
        self, start: dt.datetime, last: dt.date, skipped: list[SkippedDay], moved_from: dt.date | None = None
    ) -> Deadline:
        due, zh_end, en_end = self.day_end(last)
        self.say(
            lambda: (
                f"截止于{last.isoformat()}{zh_end}：{_fmt(due)}。",
                f"Due at {en_end} on {last.isoformat()}: {_fmt(due)}.",
            )
        )
        return self.finish(start, due, last_day=last, moved_from=moved_from, skipped=tuple(skipped))

    def start_day_counts(self, start: dt.datetime, *, working: bool) -> bool:
        """Whether ``count_start_day`` counts the day of (effective) receipt.

        Only while that day still has time left under the rule (before its close, or 24:00) and,
        for working days, only when it is a working day: a deadline never falls before receipt.
        """
        if not self.rule.count_start_day:
            return False
        d0 = start.date()
        if working and not self.cal.is_working_day(d0):
            return False
        end, zh_end, en_end = self.day_end(d0)
        if start < end:
            return True
        self.say(lambda: (
            f"收到时当日已过{zh_end}，收到当日不能计入，自次日起算。",
            f"Received after the day's {en_end}: the day of receipt cannot count; counting starts the next day.",
        ))  # fmt: skip
        return False

    # -- the rules ---------------------------------------------------------------------------
    def run(self) -> Deadline:
        d = self.rule.duration
        if isinstance(d, Before):
            return self.backward(d.duration)
        start = self.effective_start()
        if isinstance(d, ClockTime):
            # on the UTC line: aware + timedelta in Python is wall-clock arithmetic
            due = self.clock.local(start.astimezone(dt.timezone.utc) + d.timedelta)
            self.say(
                lambda: (
                    f"按自然时间计算，不扣除非营业时间：{_fmt(due)}。",
                    f"Clock time, no hours skipped: due {_fmt(due)}.",
                )
            )
            return self.finish(start, due)
        if isinstance(d, BusinessTime) or (isinstance(d, WorkingDays) and not d.is_whole):
            return self.business(start, d)
        if isinstance(d, WorkingDays):
            return self.working_days(start, int(d.count))
        if isinstance(d, CalendarPeriod):
            return self.period(start, d)
        assert isinstance(d, Anchor)
        if self.rule.count_start_day and d.kind is not AnchorKind.SAME_DAY:
            self.say(lambda: (
                f"“{d}”指收到之后的一日，“收到当日计入”不适用。",
                f"'{d.en}' always means a later day than the receipt: counting the day of receipt does not apply.",
            ))  # fmt: skip
        if d.kind is AnchorKind.NEXT_DAY:
            return self.period(start, CalendarPeriod(1), anchor=True)
        if d.kind is AnchorKind.NEXT_WORKING_DAY:
            return self.working_days(start, 1, anchor=True)
        return self.same_day(start)

    def business(self, start: dt.datetime, d: Duration) -> Deadline:
        if isinstance(d, WorkingDays):
            micros = int(d.count * self.clock.hours.standard_day_seconds * 1_000_000)
            td = dt.timedelta(microseconds=micros)
            self.say(
                lambda: (
                    f"{d}按标准工作日营业时间折算为{td}营业时间。",
                    f"{d.en} is {td} of business time (a standard day's open time).",
                )
            )
        else:
            assert isinstance(d, BusinessTime)
            td = d.timedelta
        due = self.clock.add(start, td)
        skipped = self.skipped(start.date(), due.date()) if due.date() > start.date() else []
        self.note_skipped(skipped)
        self.say(lambda: (f"只计营业时间：{_fmt(due)}。", f"Counting business time only: due {_fmt(due)}."))
        return self.finish(start, due, last_day=due.date(), skipped=tuple(skipped))

    def working_days(self, start: dt.datetime, n: int, *, anchor: bool = False) -> Deadline:
        d0 = start.date()
        if not anchor and self.start_day_counts(start, working=True):
            last = self.cal.add_working_days(d0, n - 1)
        else:
            last = self.cal.add_working_days(d0, n)
        skipped = self.skipped(d0, last)
        self.note_skipped(skipped, last)

        def step() -> tuple[str, str]:
            makeup = self.cal.day_kind(last) is DayKind.MAKEUP_WORKDAY
            extra_zh = "（调休上班日）" if makeup else ""
            extra_en = ", a make-up working day (调休上班)" if makeup else ""
            return (
                f"第{n}个工作日为{last.isoformat()}{extra_zh}。",
                f"The {_ordinal(n)} working day is {last.isoformat()}{extra_en}.",
            )

        self.say(step)
        return self.due_on(start, last, skipped)

    def period(self, start: dt.datetime, p: CalendarPeriod, *, anchor: bool = False) -> Deadline:
        d0 = start.date()
        counted = not anchor and self.start_day_counts(start, working=False)
        first = d0 if counted else d0 + dt.timedelta(days=1)
        if p.unit is PeriodUnit.DAYS:
            last = first + dt.timedelta(days=p.count - 1)
        else:
            months = p.count * (12 if p.unit is PeriodUnit.YEARS else 1)
            last = _add_months(d0, months)
            if counted:
                last -= dt.timedelta(days=1)
        plain = last
        self.say(lambda: (
            f"期间自{first.isoformat()}起算，最后一日为{plain.isoformat()}（民法典第二百零一、二百零二条）。",
            f"The period runs from {first.isoformat()}; its last day is {plain.isoformat()} (Civil Code Arts. 201–202).",
        ))  # fmt: skip
        moved_from = None
        skipped: list[SkippedDay] = []
        if not self.cal.is_working_day(last):
            moved_from = last
            new_last = self.cal.next_working_day(last)
            skipped = self.skipped(last - dt.timedelta(days=1), new_last - dt.timedelta(days=1))
            self.say(lambda: (
                f"最后一日{plain.isoformat()}为休息日（{_group(skipped, 'zh')}），顺延至{new_last.isoformat()}（民法典第二百零三条）。",
                f"The last day {plain.isoformat()} is a rest day ({_group(skipped, 'en')}); "
                f"the period ends on the next working day, {new_last.isoformat()} (Civil Code Art. 203).",
            ))  # fmt: skip
            last = new_last
        return self.due_on(start, last, skipped, moved_from)

    def same_day(self, start: dt.datetime) -> Deadline:
        d0 = start.date()
        if self.cal.is_working_day(d0):
            end, _, _ = self.day_end(d0)
            if start < end:
                self.say(lambda: ("当天办结。", "Due the same day."))
                return self.due_on(start, d0, [])
        last = self.cal.next_working_day(d0)
        skipped = self.skipped(d0, last)
        self.say(lambda: (
            f"收到时当日已结束营业或为休息日，顺延至下一工作日{last.isoformat()}。",
            f"Received after the day's close or on a rest day: due on the next working day, {last.isoformat()}.",
        ))  # fmt: skip
        self.note_skipped(skipped)
        return self.due_on(start, last, skipped)

    # -- counting back -----------------------------------------------------------------------
    def backward(self, d: Duration) -> Deadline:
        """The latest instant by which an act due ``d`` before the reference is on time."""
        ref = self.received
        if isinstance(d, ClockTime):
            due = self.clock.local(ref.astimezone(dt.timezone.utc) - d.timedelta)
            self.say(lambda: (
                f"按自然时间往前计算，不扣除非营业时间：{_fmt(due)}。",
                f"Clock time counted back, no hours skipped: due {_fmt(due)}.",
            ))  # fmt: skip
            return self.finish(ref, due)
        if isinstance(d, BusinessTime) or (isinstance(d, WorkingDays) and not d.is_whole):
            if isinstance(d, WorkingDays):
                td = dt.timedelta(
                    microseconds=int(d.count * self.clock.hours.standard_day_seconds * 1_000_000)
                )
            else:
                td = d.timedelta
            due = self.clock.add(ref, -td)
            skipped = (
                self.skipped(due.date(), ref.date() - dt.timedelta(days=1)) if due.date() < ref.date() else []
            )
            self.note_skipped(skipped)
            self.say(lambda: (
                f"只计营业时间，往前计算{td}：{_fmt(due)}。",
                f"Counting {td} of business time back: due {_fmt(due)}.",
            ))  # fmt: skip
            return self.finish(ref, due, last_day=due.date(), skipped=tuple(skipped))
        d0 = ref.date()
        if isinstance(d, WorkingDays):
            n = int(d.count)
            last = self.cal.add_working_days(d0, -n)
            skipped = self.skipped(last, d0 - dt.timedelta(days=1))
            self.note_skipped(skipped)

            def step() -> tuple[str, str]:
                makeup = self.cal.day_kind(last) is DayKind.MAKEUP_WORKDAY
                extra_zh = "（调休上班日）" if makeup else ""
                extra_en = ", a make-up working day (调休上班)" if makeup else ""
                return (
                    f"自{d0.isoformat()}往前数（当日不计入），第{n}个工作日为{last.isoformat()}{extra_zh}。",
                    f"Counting back from {d0.isoformat()} (not counted), the {_ordinal(n)} working day "
                    f"before is {last.isoformat()}{extra_en}.",
                )

            self.say(step)
            return self.due_on(ref, last, skipped)
        assert isinstance(d, CalendarPeriod)
        if d.unit is PeriodUnit.DAYS:
            last = d0 - dt.timedelta(days=d.count)
        else:
            last = _add_months(d0, -d.count * (12 if d.unit is PeriodUnit.YEARS else 1))
        plain = last
        self.say(lambda: (
            f"期间自{(d0 - dt.timedelta(days=1)).isoformat()}往前计算，最早一日为{plain.isoformat()}"
            "（比照民法典第二百零一、二百零二条）。",
            f"The period runs back from {(d0 - dt.timedelta(days=1)).isoformat()}; its first day is "
            f"{plain.isoformat()} (Civil Code Arts. 201–202, mirrored).",
        ))  # fmt: skip
        moved_from = None
        passed: list[SkippedDay] = []
        if not self.cal.is_working_day(last):
            moved_from = last
            new_last = self.cal.add_working_days(last, -1)
            passed = self.skipped(new_last, last)
            self.say(lambda: (
                f"该日{plain.isoformat()}为休息日（{_group(passed, 'zh')}），提前至前一工作日{new_last.isoformat()}"
                "（比照民法典第二百零三条）。",
                f"{plain.isoformat()} is a rest day ({_group(passed, 'en')}); the act is due on the previous "
                f"working day, {new_last.isoformat()} (Civil Code Art. 203, mirrored).",
            ))  # fmt: skip
            last = new_last
        return self.due_on(ref, last, passed, moved_from)
