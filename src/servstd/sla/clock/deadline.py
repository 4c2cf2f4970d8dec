"""Deadlines: when something received at an instant is due under a duration rule.

Defaults follow the PRC Civil Code, Articles 200–204:

* **Art. 201** — for periods in days, months or years the day of receipt is not counted.
* **Art. 202** — a period in months or years ends on the corresponding day of the last month, or
  on that month's last day when it has no such day.
* **Art. 203** — if the last day is a rest day, the period ends on the next working day; the last
  day ends at 24:00, or at close of business where the service keeps business hours that day.

Natural days ("3个自然日", "3 calendar days") count calendar days, holidays included: the day of
receipt is not counted (Art. 201) and the period is *not* moved off a rest day — the word exists to
say that holidays count; the last day ends at 24:00. A rule may ask for Art. 203 on natural days
(``move_off_rest_day=True``) or for close of business (``end_of_day="close"``); plain days may be
kept off Art. 203 with ``move_off_rest_day=False``.

Working days ("3个工作日"): the day of receipt is never counted (received on a rest day, counting
starts with the next working day); due at close of business of the n-th working day (24:00 when
the clock keeps no hours that day). Clock time ("48小时"): exactly t + d. Business time
("4工作小时"): ``clock.add(t, d)``. "当天": close of business today if the service is still to be
open today, else close of the next working day. "次日" is a one-day period. "半个工作日": half a
standard working day of business time.

Knobs, explicit in the rule and echoed in the explanation: ``end_of_day`` (``"close"`` or
``"midnight"``; by default close of business, 24:00 for natural days), ``move_off_rest_day``
(Art. 203 for a period in days, months or years; by default on, off for natural days),
``cutoff`` (received after that local time, or on a rest day, counts as received at the next
working day's opening; clock time ignores it), ``count_start_day`` (the
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

A window before a reference (:class:`~servstd.sla.clock.durations.WindowBefore`, "在X前5个工作日内"):
the n working days (or calendar days, months, years) before the reference day, that day not
counted. The window opens at 00:00 of its first day (:attr:`Deadline.opens`) and is due at the end
of its last day (close of business, or 24:00); an act before it is early, after it late. A window
of business or clock time runs from that much time before the reference instant to the instant.

>>> anniversary = dt.datetime(2026, 10, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> w = ServiceClock.default().deadline(anniversary, "在生效对应日前5个工作日内")
>>> w.opens.isoformat(), w.due.isoformat()
('2026-09-29T00:00:00+08:00', '2026-10-10T18:00:00+08:00')
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable
from typing import ClassVar, Literal, Protocol

import attrs

from servstd._deprecation import warn_renamed
from servstd._lang import Lang, check_lang
from servstd._schema import Extra, Shaped
from servstd.errors import InputTypeError, InputValueError
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
    WindowBefore,
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

    def elapsed(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta: ...


EndOfDay = Literal["close", "midnight"]


def _end_of_day(value: str | None) -> EndOfDay | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputTypeError(
            value, "end_of_day", "'close' (close of business), 'midnight' (24:00) or None (by the rule)"
        )
    if value not in ("close", "midnight"):
        raise InputValueError(value, "end_of_day", ("close", "midnight"))
    return "close" if value == "close" else "midnight"


def _duration(value: str | Duration | dt.timedelta) -> Duration:
    return parse_duration(value, param="duration")


def _optional_flag(name: str) -> Callable[[object, object, bool | None], None]:
    def check(_self: object, _attr: object, value: bool | None) -> None:
        if value is not None and not isinstance(value, bool):
            raise InputTypeError(value, name, "True, False or None (by the rule)")

    return check


def _period_of(d: Duration) -> CalendarPeriod | None:
    """The calendar period a rule counts, forward or back, if it counts one."""
    inner = d.duration if isinstance(d, (Before, WindowBefore)) else d
    return inner if isinstance(inner, CalendarPeriod) else None


@attrs.frozen
class DeadlineRule(Shaped):
    """A duration plus the knobs that decide how a deadline is computed from it.

    ``end_of_day`` and ``move_off_rest_day`` left as ``None`` follow the duration: close of
    business and Art. 203 for days, months and years; 24:00 and no move for natural days (自然日).

    >>> r = DeadlineRule("3个自然日")
    >>> r.ends_at, r.moves_off_rest_day
    ('midnight', False)
    >>> DeadlineRule("3日").ends_at, DeadlineRule("3个自然日", move_off_rest_day=True).moves_off_rest_day
    ('close', True)
    """

    _json_extra: ClassVar[tuple[Extra, ...]] = (("text", str, lambda r, lang: r.describe(lang)),)

    duration: Duration = attrs.field(converter=_duration)
    end_of_day: EndOfDay | None = attrs.field(default=None, converter=_end_of_day)
    cutoff: dt.time | None = None
    count_start_day: bool = False
    move_off_rest_day: bool | None = attrs.field(default=None, validator=_optional_flag("move_off_rest_day"))

    def __attrs_post_init__(self) -> None:
        if self.cutoff is not None and not isinstance(self.cutoff, dt.time):
            raise InputTypeError(self.cutoff, "cutoff", "a datetime.time such as time(17, 0)")
        if self.counts_back and (self.cutoff is not None or self.count_start_day):
            knob = "cutoff" if self.cutoff is not None else "count_start_day"
            raise InputValueError(
                getattr(self, knob),
                knob,
                reason="no receipt knob on a rule that counts back from a reference day (到期前…, 在X前…内): "
                "only end_of_day applies",
            )
        if self.move_off_rest_day is not None and (
            _period_of(self.duration) is None or isinstance(self.duration, WindowBefore)
        ):
            raise InputValueError(
                self.move_off_rest_day,
                "move_off_rest_day",
                reason="a knob of periods in days, months or years (3日, 3个自然日, 1个月, 提前3日) only "
                f"(Civil Code Art. 203); {self.duration} has no last day to move",
            )

    @property
    def counts_back(self) -> bool:
        """Whether the rule counts back from a reference instant ("到期前5个工作日", "在X前5个工作日内")."""
        return isinstance(self.duration, (Before, WindowBefore))

    @property
    def is_window(self) -> bool:
        """Whether the rule is a window before a reference ("在X前5个工作日内"), where early acts are not on time."""
        return isinstance(self.duration, WindowBefore)

    @property
    def natural_days(self) -> bool:
        """Whether the rule counts natural days (自然日, where holidays count)."""
        p = _period_of(self.duration)
        return p is not None and p.natural

    @property
    def ends_at(self) -> EndOfDay:
        """How a last day ends under this rule, ``end_of_day`` or else 24:00 for natural days and
        close of business (24:00 where the clock keeps no hours that day) for everything else."""
        if self.end_of_day is not None:
            return self.end_of_day
        return "midnight" if self.natural_days else "close"

    @property
    def moves_off_rest_day(self) -> bool:
        """Whether a period whose last day is a rest day moves to the next working day (Art. 203):
        ``move_off_rest_day``, else yes for days, months and years and no for natural days."""
        if self.move_off_rest_day is not None:
            return self.move_off_rest_day
        return not self.natural_days

    def _period_words(self, lang: str) -> str:
        """How a period's last day is treated, when that is not the plain Art. 203 (else "")."""
        p = _period_of(self.duration)
        if (
            p is None
            or isinstance(self.duration, WindowBefore)
            or (not p.natural and self.moves_off_rest_day)
        ):
            return ""
        back = isinstance(self.duration, Before)
        natural_zh = "自然日连续计算，节假日照算；" if p.natural else ""
        natural_en = "natural days count every calendar day, holidays included; " if p.natural else ""
        if self.moves_off_rest_day:
            how_zh = "落在休息日的提前至前一工作日" if back else "最后一日为休息日的顺延至次一工作日"
            how_en = (
                "a day that is a rest day moves to the previous working day"
                if back
                else "a last day that is a rest day moves to the next working day"
            )
            if p.natural:
                how_zh += "（本规则对自然日适用民法典第二百零三条）"
                how_en += " (Civil Code Art. 203, applied to natural days by this rule)"
        else:
            how_zh = "落在休息日的不提前" if back else "最后一日为休息日的不顺延"
            how_en = "a rest day is not moved off" if back else "a last day that is a rest day is not moved"
        return f"；{natural_zh}{how_zh}" if lang == "zh" else f"; {natural_en}{how_en}"

    def _end_words(self, lang: str) -> str:
        """The end of the last day, when it is not the plain default (close of business)."""
        if self.ends_at == "midnight":
            return "，截至当日24:00" if lang == "zh" else "; the last day ends at 24:00"
        if self.natural_days:  # natural days end at 24:00 unless the rule says close of business
            return "，截至当日营业结束时" if lang == "zh" else "; the last day ends at close of business"
        return ""

    def describe(self, lang: Lang = "zh") -> str:
        """The rule in words, in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        lang = check_lang(lang)
        d = self.duration
        if isinstance(d, WindowBefore):
            if d.by_days:
                text = (
                    f"{d}（窗口为基准日之前的{d.duration}，基准日当日不计入；早于窗口为过早，晚于窗口为超时）"
                    if lang == "zh"
                    else f"{d.describe('en')}; the window is the {d.duration.describe('en')} before the reference day, which is "
                    "not counted; an act before the window is early, after it late"
                )
            else:
                text = (
                    f"{d}（窗口为基准时间之前的{d.duration}；早于窗口为过早，晚于基准时间为超时）"
                    if lang == "zh"
                    else f"{d.describe('en')}; the window is the {d.duration.describe('en')} before the reference instant; "
                    "an act before the window is early, after the reference late"
                )
            return text + (self._end_words(lang) if d.by_days else "")
        if isinstance(d, Before):
            inner = d.duration
            days = isinstance(inner, CalendarPeriod) or (isinstance(inner, WorkingDays) and inner.is_whole)
            if lang == "zh":
                text = str(d) + (
                    "（自基准日往前计算，基准日当日不计入）" if days else "（自基准时间往前计算）"
                )
                return text + self._period_words(lang) + self._end_words(lang)
            text = d.describe("en") + (
                "; counted back from the reference day, which is not counted"
                if days
                else "; counted back from the reference instant"
            )
            return text + self._period_words(lang) + self._end_words(lang)
        if lang == "zh":
            text = str(d)
            if isinstance(d, (WorkingDays, CalendarPeriod)) and (
                not isinstance(d, WorkingDays) or d.is_whole
            ):
                text += "（收到当日计入）" if self.count_start_day else "（收到当日不计入）"
            text += self._period_words(lang) + self._end_words(lang)
            if self.cutoff is not None:
                text += f"，{self.cutoff:%H:%M}后或休息日收到的视为次一工作日开始营业时收到"
            return text
        text = d.describe("en")
        if isinstance(d, (WorkingDays, CalendarPeriod)) and (not isinstance(d, WorkingDays) or d.is_whole):
            text += (
                "; the day of receipt is counted"
                if self.count_start_day
                else "; the day of receipt is not counted"
            )
        text += self._period_words(lang) + self._end_words(lang)
        if self.cutoff is not None:
            text += f"; received after {self.cutoff:%H:%M} or on a rest day counts as received at the next working day's opening"
        return text


@attrs.frozen
class SkippedDay(Shaped):
    """A rest day passed over while counting: its kind and its holiday's name (if any)."""

    date: dt.date
    kind: DayKind
    name: str | None
    name_en: str | None = None

    def name_in(self, lang: Lang = "zh") -> str | None:
        """The holiday's name in ``lang`` (``"zh"``, the default, or ``"en"``), or ``None``."""
        return (self.name_en or self.name) if check_lang(lang) == "en" else self.name


@attrs.frozen
class Deadline(Shaped):
    """The due instant with everything needed to audit it.

    ``opens`` is set for a window before a reference (:class:`WindowBefore`): the instant the window
    opens; an act before it is early. Its JSON form (``to_dict``) carries the ``explanation``, one
    step a line, in the language asked for.
    """

    _json_extra: ClassVar[tuple[Extra, ...]] = (
        ("explanation", tuple[str, ...], lambda d, lang: d.lines(lang)),
    )

    received: dt.datetime
    start: dt.datetime
    due: dt.datetime
    rule: DeadlineRule
    last_day: dt.date | None = None
    moved_from: dt.date | None = None
    skipped: tuple[SkippedDay, ...] = ()
    _steps: tuple[tuple[str, str], ...] = attrs.field(default=(), alias="steps")
    """Each step of the explanation in Chinese and in English (read them with :meth:`lines`)."""
    opens: dt.datetime | None = None

    def lines(self, lang: Lang = "zh") -> tuple[str, ...]:
        """The explanation, one step a line, in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        i = 0 if check_lang(lang) == "zh" else 1
        return tuple(step[i] for step in self._steps)

    def explain(self, lang: Lang = "zh") -> str:
        """The explanation, one step a line, in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        return "\n".join(self.lines(lang))

    @property
    def lines_zh(self) -> tuple[str, ...]:
        """Deprecated; use ``lines("zh")``."""
        warn_renamed("Deadline.lines_zh", 'Deadline.lines("zh")')
        return self.lines("zh")

    @property
    def lines_en(self) -> tuple[str, ...]:
        """Deprecated; use ``lines("en")``."""
        warn_renamed("Deadline.lines_en", 'Deadline.lines("en")')
        return self.lines("en")

    @property
    def explanation(self) -> str:
        """Deprecated; use ``explain("zh")`` and ``explain("en")`` (this joins both)."""
        warn_renamed("Deadline.explanation", "Deadline.explain(lang) for each language")
        return self.explain("zh") + "\n" + self.explain("en")


def _fmt(t: dt.datetime, day: dt.date | None = None) -> str:
    """``2026-10-10 18:00 (+08:00)``; seconds and microseconds are shown when there are any. The
    midnight that ends ``day`` is written as 24:00 of it (``2026-10-03 24:00``), as the rule says."""
    off = t.strftime("%z")
    if day is not None and t.date() == day + dt.timedelta(days=1) and t.time() == dt.time(0):
        return f"{day:%Y-%m-%d} 24:00 ({off[:3]}:{off[3:]})"
    clock = f"{t:%H:%M}"
    if t.second or t.microsecond:
        clock += f":{t:%S}" + (f".{t.microsecond:06d}" if t.microsecond else "")
    return f"{t:%Y-%m-%d} {clock} ({off[:3]}:{off[3:]})"


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
        return s.name or s.kind.label("zh")
    return f"{s.name_en} ({s.kind.label('en')})" if s.name_en else s.kind.label("en")


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
    move_off_rest_day: bool | None = None,
    explain: bool = True,
) -> Deadline:
    """Compute a deadline on ``clock`` (see the module documentation for the rules).

    ``explain=False`` skips building the explanation and the list of skipped days (the fast path
    behind :meth:`ServiceClock.due`, timers and the batch API).
    """
    if not isinstance(rule, DeadlineRule):
        rule = DeadlineRule(parse_duration(rule, param="rule"))
    changes: dict[str, object] = {}
    if end_of_day is not None:
        changes["end_of_day"] = end_of_day
    if cutoff is not None:
        changes["cutoff"] = cutoff
    if count_start_day is not None:
        changes["count_start_day"] = count_start_day
    if move_off_rest_day is not None:
        changes["move_off_rest_day"] = move_off_rest_day
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
        self.steps: list[tuple[str, str]] = []
        if rule.is_window:
            self.say(lambda: (f"基准时间：{_fmt(received)}。", f"Reference {_fmt(received)}."))
        elif rule.counts_back:
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
            self.steps.append(make())

    def day_end(self, d: dt.date) -> tuple[dt.datetime, str, str]:
        """When date d ends under the rule: close of business, or 24:00."""
        close = self.clock.close_of_business(d) if self.rule.ends_at == "close" else None
        if close is not None:
            return close, "营业结束时", "close of business"
        return self.clock.end_of_day(d), "24:00", "24:00"

    def day_start(self, d: dt.date) -> dt.datetime:
        """00:00 of date d (the end of the day before)."""
        return self.clock.end_of_day(d - dt.timedelta(days=1))

    def holds(self, d: dt.date, t: dt.datetime) -> bool:
        """Whether instant t falls in day d, taken as (00:00, 24:00]: a due instant at 24:00 belongs
        to the day it ends, one after 00:00 to the day it is in."""
        return self.day_start(d) < t <= self.clock.end_of_day(d)

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

    def skipped(self, after: dt.date, through: dt.date, due: dt.datetime | None = None) -> list[SkippedDay]:
        """The rest days in (after, through] — listed only when explaining; never the day that holds
        the due instant (an overnight close or 24:00 may end a deadline on a rest day's date)."""
        if not self.verbose:
            return []
        days = self.cal.rest_days(after + dt.timedelta(days=1), through + dt.timedelta(days=1))
        return [SkippedDay(d, k, zh, en) for d, k, zh, en in days if due is None or not self.holds(d, due)]

    def note_skipped(self, skipped: list[SkippedDay], *shown: dt.date) -> None:
        if skipped:
            self.say(
                lambda: (
                    f"跳过休息日：{_group(skipped, 'zh')}。",
                    f"Rest days skipped: {_group(skipped, 'en')}.",
                )
            )
        self.note_sources([s.date for s in skipped], *shown)

    def note_sources(self, rest: list[dt.date], *shown: dt.date) -> None:
        """The notices or overlays (文号 or file) that decided the rest days passed over and the
        make-up working days among the days ``shown``."""
        if not self.verbose:
            return
        days = rest + [d for d in shown if self.cal.day_kind(d) is DayKind.MAKEUP_WORKDAY]
        sources = list(dict.fromkeys(src for d in days if (src := self.cal.source_of(d))))
        if sources:
            self.say(lambda: (f"依据：{'；'.join(sources)}。", f"Source: {'; '.join(sources)}."))

    def finish(self, start: dt.datetime, due: dt.datetime, **kw: object) -> Deadline:
        return Deadline(
            received=self.received, start=start, due=due, rule=self.rule,
            steps=tuple(self.steps), **kw,  # type: ignore[arg-type]
        )  # fmt: skip

    def due_on(
        self,
        start: dt.datetime,
        last: dt.date,
        skipped: list[SkippedDay],
        moved_from: dt.date | None = None,
        *,
        due: tuple[dt.datetime, str, str] | None = None,
        opens: dt.datetime | None = None,
    ) -> Deadline:
        when, zh_end, en_end = due or self.day_end(last)
        zh_end = f" {zh_end}" if zh_end[:1].isdigit() else zh_end  # 2026-10-03 24:00, 2026-10-10营业结束时
        self.say(
            lambda: (
                f"截止于{last.isoformat()}{zh_end}：{_fmt(when, last)}。",
                f"Due at {en_end} on {last.isoformat()}: {_fmt(when, last)}.",
            )
        )
        return self.finish(
            start, when, last_day=last, moved_from=moved_from, skipped=tuple(skipped), opens=opens
        )

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

    def business_days(self, a: dt.datetime, b: dt.datetime) -> tuple[list[SkippedDay], list[SkippedDay]]:
        """The rest days between instants a < b: (passed over with no open time counted, counted
        because the clock keeps hours on them). Never the day that holds b."""
        if not self.verbose or b.date() <= a.date():
            return [], []
        passed: list[SkippedDay] = []
        counted: list[SkippedDay] = []
        for d, k, zh, en in self.cal.rest_days(
            a.date() + dt.timedelta(days=1), b.date() + dt.timedelta(days=1)
        ):
            if self.holds(d, b):
                continue
            lo, hi = max(a, self.day_start(d)), min(b, self.clock.end_of_day(d))
            open_time = self.clock.elapsed(lo, hi) if hi > lo else dt.timedelta(0)
            (counted if open_time else passed).append(SkippedDay(d, k, zh, en))
        return passed, counted

    def note_business_days(self, passed: list[SkippedDay], counted: list[SkippedDay]) -> None:
        self.note_skipped(passed)
        if counted:
            self.say(
                lambda: (
                    f"休息日按其营业时间计入：{_group(counted, 'zh')}。",
                    f"Rest days with business hours, counted: {_group(counted, 'en')}.",
                )
            )

    # -- the rules ---------------------------------------------------------------------------
    def run(self) -> Deadline:
        d = self.rule.duration
        if isinstance(d, WindowBefore):
            return self.window(d)
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
                f"'{d.describe('en')}' always means a later day than the receipt: counting the day of receipt does not apply.",
            ))  # fmt: skip
        if d.kind is AnchorKind.NEXT_DAY:
            return self.period(start, CalendarPeriod(1), anchor=True)
        if d.kind is AnchorKind.NEXT_WORKING_DAY:
            return self.working_days(start, 1, anchor=True)
        return self.same_day(start)

    def business_length(self, d: Duration) -> dt.timedelta:
        """Business time of ``d`` (a fraction of a working day is that share of a standard day)."""
        if isinstance(d, WorkingDays):
            micros = int(d.count * self.clock.hours.standard_day_seconds * 1_000_000)
            td = dt.timedelta(microseconds=micros)
            self.say(
                lambda: (
                    f"{d}按标准工作日营业时间折算为{td}营业时间。",
                    f"{d.describe('en')} is {td} of business time (a standard day's open time).",
                )
            )
            return td
        assert isinstance(d, BusinessTime)
        return d.timedelta

    def business(self, start: dt.datetime, d: Duration) -> Deadline:
        td = self.business_length(d)
        due = self.clock.add(start, td)
        passed, counted = self.business_days(start, due)
        self.note_business_days(passed, counted)
        self.say(lambda: (f"只计营业时间：{_fmt(due)}。", f"Counting business time only: due {_fmt(due)}."))
        return self.finish(start, due, last_day=due.date(), skipped=tuple(passed))

    def working_days(self, start: dt.datetime, n: int, *, anchor: bool = False) -> Deadline:
        d0 = start.date()
        if not anchor and self.start_day_counts(start, working=True):
            last = self.cal.add_working_days(d0, n - 1)
        else:
            last = self.cal.add_working_days(d0, n)
        end = self.day_end(last)
        skipped = self.skipped(d0, last, end[0])
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
        return self.due_on(start, last, skipped, due=end)

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
        if p.natural:
            self.say(lambda: (
                f"按自然日连续计算（节假日照算），期间自{first.isoformat()}起算，最后一日为{plain.isoformat()}"
                "（民法典第二百零一条）。",
                f"Natural days, holidays included: the period runs from {first.isoformat()}; its last day is "
                f"{plain.isoformat()} (Civil Code Art. 201).",
            ))  # fmt: skip
        else:
            self.say(lambda: (
                f"期间自{first.isoformat()}起算，最后一日为{plain.isoformat()}（民法典第二百零一、二百零二条）。",
                f"The period runs from {first.isoformat()}; its last day is {plain.isoformat()} (Civil Code Arts. 201–202).",
            ))  # fmt: skip
        moved_from = None
        skipped: list[SkippedDay] = []
        if not self.cal.is_working_day(last):
            if not (anchor or self.rule.moves_off_rest_day):
                self.say(lambda: self.rest_day_stays(plain, p.natural))
            else:
                moved_from = last
                new_last = self.cal.next_working_day(last)
                end = self.day_end(new_last)
                skipped = self.skipped(last - dt.timedelta(days=1), new_last - dt.timedelta(days=1), end[0])
                why_zh = "（本规则对自然日适用）" if p.natural else ""
                why_en = ", applied to natural days by this rule" if p.natural else ""
                run = self.skipped(last - dt.timedelta(days=1), new_last - dt.timedelta(days=1))
                self.say(lambda: (
                    f"最后一日{plain.isoformat()}为休息日（{_group(run, 'zh')}），顺延至{new_last.isoformat()}"
                    f"（民法典第二百零三条{why_zh}）。",
                    f"The last day {plain.isoformat()} is a rest day ({_group(run, 'en')}); "
                    f"the period ends on the next working day, {new_last.isoformat()} (Civil Code Art. 203{why_en}).",
                ))  # fmt: skip
                return self.due_on(start, new_last, skipped, moved_from, due=end)
        return self.due_on(start, last, skipped, moved_from)

    def rest_day_stays(self, day: dt.date, natural: bool) -> tuple[str, str]:
        """The line saying a period's last day stays on a rest day."""
        kind = self.skipped(day - dt.timedelta(days=1), day)
        zh_kind = _group(kind, "zh").partition(" ")[2] or self.cal.day_kind(day).label("zh")
        en_kind = _group(kind, "en").partition(" ")[2] or self.cal.day_kind(day).label("en")
        if natural:
            return (
                f"最后一日{day.isoformat()}为休息日（{zh_kind}）；按自然日计算，不顺延。",
                f"The last day {day.isoformat()} is a rest day ({en_kind}); natural days are not moved off a rest day.",
            )
        return (
            f"最后一日{day.isoformat()}为休息日（{zh_kind}）；按本规则不顺延。",
            f"The last day {day.isoformat()} is a rest day ({en_kind}); this rule does not move it.",
        )

    def same_day(self, start: dt.datetime) -> Deadline:
        d0 = start.date()
        if self.cal.is_working_day(d0):
            today = self.day_end(d0)
            if start < today[0]:
                self.say(lambda: ("当天办结。", "Due the same day."))
                return self.due_on(start, d0, [], due=today)
        last = self.cal.next_working_day(d0)
        end = self.day_end(last)
        skipped = self.skipped(d0, last, end[0])
        self.say(lambda: (
            f"收到时当日已结束营业或为休息日，顺延至下一工作日{last.isoformat()}。",
            f"Received after the day's close or on a rest day: due on the next working day, {last.isoformat()}.",
        ))  # fmt: skip
        self.note_skipped(skipped)
        return self.due_on(start, last, skipped, due=end)

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
            td = self.business_length(d)
            due = self.clock.add(ref, -td)
            between, counted = self.business_days(due, ref)
            self.note_business_days(between, counted)
            self.say(lambda: (
                f"只计营业时间，往前计算{td}：{_fmt(due)}。",
                f"Counting {td} of business time back: due {_fmt(due)}.",
            ))  # fmt: skip
            return self.finish(ref, due, last_day=due.date(), skipped=tuple(between))
        d0 = ref.date()
        if isinstance(d, WorkingDays):
            n = int(d.count)
            last = self.cal.add_working_days(d0, -n)
            end = self.day_end(last)
            skipped = self.skipped(last, d0 - dt.timedelta(days=1), end[0])
            self.note_skipped(skipped, last)

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
            return self.due_on(ref, last, skipped, due=end)
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
            if not self.rule.moves_off_rest_day:
                natural = d.natural
                self.say(lambda: (
                    f"该日{plain.isoformat()}为休息日；{'按自然日计算' if natural else '按本规则'}，不提前。",
                    f"{plain.isoformat()} is a rest day; "
                    f"{'natural days are' if natural else 'this rule is'} not moved off a rest day.",
                ))  # fmt: skip
                return self.due_on(ref, last, passed)
            moved_from = last
            new_last = self.cal.add_working_days(last, -1)
            end = self.day_end(new_last)
            run = self.skipped(new_last, last)
            passed = self.skipped(new_last, last, end[0])
            self.say(lambda: (
                f"该日{plain.isoformat()}为休息日（{_group(run, 'zh')}），提前至前一工作日{new_last.isoformat()}"
                "（比照民法典第二百零三条）。",
                f"{plain.isoformat()} is a rest day ({_group(run, 'en')}); the act is due on the previous "
                f"working day, {new_last.isoformat()} (Civil Code Art. 203, mirrored).",
            ))  # fmt: skip
            return self.due_on(ref, new_last, passed, moved_from, due=end)
        return self.due_on(ref, last, passed, moved_from)

    # -- windows before a reference ------------------------------------------------------------
    def window(self, w: WindowBefore) -> Deadline:
        """The window before the reference: when it opens, and when it is due (its end)."""
        ref = self.received
        d = w.duration
        if not w.by_days:
            before: list[SkippedDay] = []
            if isinstance(d, ClockTime):
                opens = self.clock.local(ref.astimezone(dt.timezone.utc) - d.timedelta)
            else:
                td = self.business_length(d)
                opens = self.clock.add(ref, -td)
                before, counted = self.business_days(opens, ref)
                self.note_business_days(before, counted)
            self.say(lambda: (
                f"窗口自{_fmt(opens)}起至基准时间止；此前办理为过早，不视为按时。",
                f"The window opens at {_fmt(opens)} and ends at the reference; an act before it is early, not on time.",
            ))  # fmt: skip
            self.say(lambda: (f"截止于基准时间：{_fmt(ref)}。", f"Due at the reference: {_fmt(ref)}."))
            return self.finish(ref, ref, last_day=ref.date(), skipped=tuple(before), opens=opens)
        d0 = ref.date()
        if isinstance(d, WorkingDays):
            n = int(d.count)
            first = self.cal.add_working_days(d0, -n)
            last = self.cal.add_working_days(d0, -1)
        else:
            assert isinstance(d, CalendarPeriod)
            last = d0 - dt.timedelta(days=1)
            if d.unit is PeriodUnit.DAYS:
                first = d0 - dt.timedelta(days=d.count)
            else:
                first = _add_months(d0, -d.count * (12 if d.unit is PeriodUnit.YEARS else 1))
        opens = self.day_start(first)
        end = self.day_end(last)
        skipped = self.skipped(first, d0 - dt.timedelta(days=1), end[0]) if isinstance(d, WorkingDays) else []
        if isinstance(d, WorkingDays) and self.verbose:
            days = [self.cal.add_working_days(first, i) for i in range(min(n, 10))]
            self.note_skipped(skipped, *days)
            makeup = {x for x in days if self.cal.day_kind(x) is DayKind.MAKEUP_WORKDAY}

            def shown(lang: str) -> str:
                mark = "（调休上班日）" if lang == "zh" else " (a make-up working day)"
                listed = [f"{x.isoformat()}{mark if x in makeup else ''}" for x in days]
                if n > len(days):
                    listed[-1:] = ["…", last.isoformat()]
                return ("、" if lang == "zh" else ", ").join(listed)

            self.say(lambda: (
                f"窗口为{d0.isoformat()}之前的{n}个工作日：{shown('zh')}。",
                f"The window is the {n} working day{'s' if n != 1 else ''} before {d0.isoformat()}: {shown('en')}.",
            ))  # fmt: skip
        else:
            self.say(lambda: (
                f"窗口为{d0.isoformat()}之前的{d}：{first.isoformat()}至{last.isoformat()}（节假日照算）。",
                f"The window is the {d.describe('en')} before {d0.isoformat()}: {first.isoformat()} to {last.isoformat()}"
                " (holidays included).",
            ))  # fmt: skip
        self.say(lambda: (
            f"窗口开始于{_fmt(opens)}；此前办理为过早，不视为按时。",
            f"The window opens at {_fmt(opens)}; an act before it is early, not on time.",
        ))  # fmt: skip
        return self.due_on(ref, last, skipped, due=end, opens=opens)
