"""Durations as service standards write them, in Chinese and English.

Five kinds, each a frozen value with a canonical text that parses back to itself:

* :class:`BusinessTime` — counted only while the service is open ("4工作小时", "4 business hours");
* :class:`WorkingDays` — "3个工作日", "三个工作日", "3 working days", "3wd", "半个工作日";
* :class:`CalendarPeriod` — days, months, years ("2日", "2天", "60日", "1个月", "一年"), and natural
  days ("3个自然日", "3 calendar days": holidays count, the period is not moved off a rest day);
* :class:`ClockTime` — wall-clock elapsed time, no hours skipped ("48小时", "48h", "40分钟");
* :class:`Anchor` — "当天"/"当日"/"same day", "次日"/"next day", "次工作日"/"next working day".

A sixth, :class:`Before`, turns any of the first four around: "到期前5个工作日", "提前一个月",
"5 working days before" count back from a reference instant (an expiry, a due date) and give the
latest instant by which the act is on time (see :mod:`servstd.sla.clock.deadline`).

A seventh, :class:`WindowBefore`, is a window that closes at a reference: "在生效对应日前5个工作日内",
"within 5 working days before the anniversary" — the n working days before the reference day (that
day not counted); an act inside the window is on time, one before it is early. "到期前5个工作日" and
"提前5个工作日" (no 内) stay :class:`Before`: a deadline, not a window. In English, "within … before"
or "… before <a named day>" is a window; "… before", "… before expiry/the deadline/due" a deadline.

Every kind is bounded: nothing longer than :data:`MAX_YEARS` years (36,600 days, 26,000 working
days, 1,200 months) is read, so a mistyped "999…9个工作日" is a clear
:class:`~servstd.errors.DurationParseError`, never a conversion crash or an endless computation.

>>> from servstd.sla import parse_duration
>>> parse_duration("三个工作日内")
WorkingDays(count=Fraction(3, 1))
>>> str(parse_duration("48h")), parse_duration("48h").describe("en")
('48小时', '48 hours')
>>> parse_duration(str(parse_duration("半个工作日"))) == parse_duration("half a working day")
True
>>> parse_duration("到期前5个工作日"), str(parse_duration("提前一个月")), parse_duration("5 working days before").describe("en")
(Before(duration=WorkingDays(count=Fraction(5, 1))), '提前1个月', '5 working days before')
>>> w = parse_duration("在生效对应日前5个工作日内")
>>> w, str(w), w.describe("en")
(WindowBefore(duration=WorkingDays(count=Fraction(5, 1))), '在基准日前5个工作日内', 'within 5 working days before the reference day')
>>> parse_duration("3个自然日"), parse_duration("3 calendar days").describe("en")
(CalendarPeriod(count=3, unit=<PeriodUnit.DAYS: 'days'>, natural=True), '3 calendar days')
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import ClassVar, TypeVar

import attrs

from servstd._decimal import exact
from servstd._deprecation import warn_renamed
from servstd._lang import Lang, check_lang
from servstd._numerals import MAX_DIGITS, cn_int
from servstd._schema import Extra, Shaped, duration_data
from servstd.errors import DurationParseError

__all__ = [
    "ACCEPTED_FORMS",
    "MAX_YEARS",
    "Anchor",
    "AnchorKind",
    "Before",
    "BusinessTime",
    "CalendarPeriod",
    "ClockTime",
    "Duration",
    "PeriodUnit",
    "WindowBefore",
    "WorkingDays",
    "parse_duration",
]

ACCEPTED_FORMS = (
    "'3个工作日' / '三个工作日' / '3 working days' / '3wd'",
    "'半个工作日' / 'half a working day'",
    "'4工作小时' / '4 business hours' / '30 business minutes'",
    "'2日' / '2天' / '2 days' / '1周' / '2 weeks'",
    "natural days (holidays count, not moved): '3个自然日' / '3 calendar days' / '3 natural days'",
    "'1个月' / '1 month'",
    "'一年' / '1 year'",
    "'48小时' / '48h' / '24 hours' / '40分钟' / '40 min' / '30秒' / '30 s' / '5us'",
    "'当天' / '当日' / 'same day'",
    "'次日' / 'next day'",
    "'次工作日' / 'next working day'",
    "counting back: '到期前5个工作日' / '提前一个月' / '5 working days before'",
    "a window before a reference: '在生效对应日前5个工作日内' / 'within 5 working days before the anniversary'",
    f"numbers: Arabic (at most {MAX_DIGITS} digits, decimals for time) or Chinese (三, 十五, 一百零五)",
    "nothing longer than 100 years",
)

MAX_YEARS = 100
"""The longest time limit read, in years; each kind's bound follows from it."""
_MAX_DAYS = 36_600  # 100 years of calendar days, with room for leap days
_MAX_WORKING_DAYS = 26_000  # about 100 years of working days
_MAX_MONTHS = 12 * MAX_YEARS
_MAX_MICROS = _MAX_DAYS * 86_400_000_000

_US = {"h": 3_600_000_000, "m": 60_000_000, "s": 1_000_000, "us": 1}


def _time_text(us: int, zh_suffix: str, en_prefix: str) -> tuple[str, str]:
    for unit, zh, en in (("h", "小时", "hour"), ("m", "分钟", "minute"), ("s", "秒", "second")):
        if us % _US[unit] == 0:
            n = us // _US[unit]
            return f"{n}{zh_suffix}{zh}", f"{n} {en_prefix}{en}{'' if n == 1 else 's'}"
    return f"{us}{zh_suffix}微秒", f"{us} {en_prefix}microsecond{'' if us == 1 else 's'}"


class Duration(Shaped):
    """Base of the duration kinds. ``d.describe(lang)`` is its canonical text in Chinese (the
    default, also ``str(d)``) or English; both parse back to ``d``.

    Its JSON form (``to_dict``) names its ``type`` and gives its ``text`` in the language asked for;
    a length of time adds ``iso`` (ISO 8601) and whole ``seconds``.
    """

    __slots__ = ()
    _json_extra: ClassVar[tuple[Extra, ...]] = (("text", str, lambda d, lang: d.describe(lang)),)

    def describe(self, lang: Lang = "zh") -> str:
        """The canonical text in ``lang`` (``"zh"``, the default, or ``"en"``); it parses back.

        >>> parse_duration("3个工作日").describe(), parse_duration("3个工作日").describe("en")
        ('3个工作日', '3 working days')
        """
        return str(self) if check_lang(lang) == "zh" else self._english()

    @property
    def en(self) -> str:
        """Deprecated; use ``describe("en")``."""
        warn_renamed("Duration.en", 'Duration.describe("en")')
        return self._english()

    def _english(self) -> str:
        raise NotImplementedError


_T = TypeVar("_T", bound="_Length")


@attrs.frozen
class _Length(Duration):
    """A length of time in microseconds; subclasses say whether only open time counts."""

    micros: int
    _json_extra: ClassVar[tuple[Extra, ...]] = (
        *Duration._json_extra,
        ("iso", str, lambda d, lang: duration_data(d.timedelta)["iso"]),
        ("seconds", int, lambda d, lang: duration_data(d.timedelta)["seconds"]),
    )
    _ZH: ClassVar[str] = ""
    _EN: ClassVar[str] = ""
    _WHAT: ClassVar[str] = "time"

    def __attrs_post_init__(self) -> None:
        micros: object = self.micros  # checked at run time: callers may pass anything
        if isinstance(micros, bool) or not isinstance(micros, int):
            raise DurationParseError(
                micros, f"{self._WHAT} is a whole number of microseconds", ACCEPTED_FORMS
            )
        if micros < 0:
            raise DurationParseError(micros, f"{self._WHAT} cannot be negative", ACCEPTED_FORMS)
        if micros > _MAX_MICROS:
            raise DurationParseError(
                micros, f"{self._WHAT} longer than {MAX_YEARS} years is not a time limit", ACCEPTED_FORMS
            )

    @classmethod
    def of(cls: type[_T], td: dt.timedelta) -> _T:
        """From a timedelta."""
        return cls(td // dt.timedelta(microseconds=1))

    @property
    def timedelta(self) -> dt.timedelta:
        """As a timedelta."""
        return dt.timedelta(microseconds=self.micros)

    def __str__(self) -> str:
        return _time_text(self.micros, self._ZH, self._EN)[0]

    def _english(self) -> str:
        """Canonical English text."""
        return _time_text(self.micros, self._ZH, self._EN)[1]


@attrs.frozen
class BusinessTime(_Length):
    """Time counted only while the clock is open, in microseconds."""

    _json_type: ClassVar[str] = "business_time"

    _ZH: ClassVar[str] = "工作"
    _EN: ClassVar[str] = "business "
    _WHAT: ClassVar[str] = "business time"


@attrs.frozen
class ClockTime(_Length):
    """Wall-clock elapsed time (no hours skipped), in microseconds: exactly t + d on the UTC line."""

    _json_type: ClassVar[str] = "clock_time"

    _WHAT: ClassVar[str] = "clock time"


@attrs.frozen
class WorkingDays(Duration):
    """A count of working days. Whole counts use the working-day rule; fractional counts ("半个工作日")
    mean that share of a standard working day's open time, added as business time."""

    _json_type: ClassVar[str] = "working_days"

    count: Fraction = attrs.field(converter=Fraction)

    def __attrs_post_init__(self) -> None:
        if self.count <= 0:
            raise DurationParseError(
                self.count, "a count of working days must be more than zero", ACCEPTED_FORMS
            )
        if self.count > _MAX_WORKING_DAYS:
            raise DurationParseError(
                self.count, f"more than {_MAX_WORKING_DAYS} working days is not a time limit", ACCEPTED_FORMS
            )

    @property
    def is_whole(self) -> bool:
        """Whether the count is a whole number of days."""
        return self.count.denominator == 1

    def _num(self) -> str:
        if self.is_whole:
            return str(self.count.numerator)
        return str(Decimal(self.count.numerator) / Decimal(self.count.denominator))

    def __str__(self) -> str:
        return "半个工作日" if self.count == Fraction(1, 2) else f"{self._num()}个工作日"

    def _english(self) -> str:
        """Canonical English text."""
        if self.count == Fraction(1, 2):
            return "half a working day"
        return f"{self._num()} working day{'' if self.count == 1 else 's'}"


class PeriodUnit(enum.Enum):
    """The unit of a calendar period."""

    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


@attrs.frozen
class CalendarPeriod(Duration):
    """A period of calendar days, months or years (Civil Code Arts. 201–203 apply).

    ``natural`` days (自然日, "calendar days") count every calendar day, holidays included, and the
    period is not moved off a rest day: the word exists to say that holidays count.
    """

    _json_type: ClassVar[str] = "calendar_period"

    count: int
    unit: PeriodUnit = PeriodUnit.DAYS
    natural: bool = False

    def __attrs_post_init__(self) -> None:
        count: object = self.count  # checked at run time: callers may pass anything
        if isinstance(count, bool) or not isinstance(count, int) or count <= 0:
            raise DurationParseError(
                self.count,
                f"a count of {self.unit.value} must be a whole number more than zero",
                ACCEPTED_FORMS,
            )
        bound = {"days": _MAX_DAYS, "months": _MAX_MONTHS, "years": MAX_YEARS}[self.unit.value]
        if count > bound:
            raise DurationParseError(
                count, f"more than {bound} {self.unit.value} is not a time limit", ACCEPTED_FORMS
            )
        natural: object = self.natural  # checked at run time: callers may pass anything
        if natural is not False and (natural is not True or self.unit is not PeriodUnit.DAYS):
            raise DurationParseError(
                self.natural,
                "natural (自然日) is True or False, and only for a count of days",
                ACCEPTED_FORMS,
            )

    def __str__(self) -> str:
        if self.natural:
            return f"{self.count}个自然日"
        return f"{self.count}{ {'days': '日', 'months': '个月', 'years': '年'}[self.unit.value] }"

    def _english(self) -> str:
        """Canonical English text."""
        unit = self.unit.value[:-1] if self.count == 1 else self.unit.value
        return f"{self.count} {'calendar ' if self.natural else ''}{unit}"


class AnchorKind(enum.Enum):
    """Same day, next day, next working day."""

    SAME_DAY = "same day"
    NEXT_DAY = "next day"
    NEXT_WORKING_DAY = "next working day"


@attrs.frozen
class Anchor(Duration):
    """A deadline tied to a day rather than a length: 当天, 次日, 次工作日."""

    _json_type: ClassVar[str] = "anchor"

    kind: AnchorKind

    def __str__(self) -> str:
        return {"same day": "当天", "next day": "次日", "next working day": "次工作日"}[self.kind.value]

    def _english(self) -> str:
        """Canonical English text."""
        return self.kind.value


@attrs.frozen
class Before(Duration):
    """A time limit that counts back from a reference instant: "到期前5个工作日", "提前一个月".

    ``duration`` is the length counted back (working days, a calendar period, business or clock
    time); a deadline under it is the latest instant by which the act is on time.
    """

    _json_type: ClassVar[str] = "before"

    duration: Duration

    def __attrs_post_init__(self) -> None:
        d = self.duration
        if not isinstance(d, (WorkingDays, CalendarPeriod, BusinessTime, ClockTime)):
            what = "an anchor (当天, 次日, 次工作日)" if isinstance(d, Anchor) else repr(d)
            raise DurationParseError(d, f"{what} cannot count back", ACCEPTED_FORMS)

    def __str__(self) -> str:
        return f"提前{self.duration}"

    def _english(self) -> str:
        """Canonical English text."""
        return f"{self.duration._english()} before"


@attrs.frozen
class WindowBefore(Duration):
    """A window that closes at a reference: "在生效对应日前5个工作日内", "within 5 working days before X".

    For days (working days, calendar days, months, years) the window is the days before the
    reference day, that day not counted; for business or clock time, the time before the reference
    instant. An act inside the window is on time, one before it early, one after it late
    (the ``opens`` of its :class:`~servstd.sla.Deadline` is when it opens).
    """

    _json_type: ClassVar[str] = "window_before"

    duration: Duration

    def __attrs_post_init__(self) -> None:
        d = self.duration
        if not isinstance(d, (WorkingDays, CalendarPeriod, BusinessTime, ClockTime)):
            what = "an anchor (当天, 次日, 次工作日)" if isinstance(d, Anchor) else repr(d)
            raise DurationParseError(d, f"{what} cannot make a window before a reference", ACCEPTED_FORMS)

    @property
    def by_days(self) -> bool:
        """Whether the window counts whole days (else time before the reference instant)."""
        d = self.duration
        return isinstance(d, CalendarPeriod) or (isinstance(d, WorkingDays) and d.is_whole)

    def __str__(self) -> str:
        return f"在基准{'日' if self.by_days else '时间'}前{self.duration}内"

    def _english(self) -> str:
        """Canonical English text."""
        return f"within {self.duration._english()} before the reference {'day' if self.by_days else 'time'}"


# -- parsing ---------------------------------------------------------------------------------


class _Lazy:
    """A regular expression compiled on first use: the parser has 25, and the first duration a
    process reads (``3个工作日``) needs a third of them."""

    __slots__ = ("_compiled", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._compiled: re.Pattern[str] | None = None

    def match(self, s: str) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._text)
        return compiled.match(s)


_NUM = r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)"
_FORMS: list[tuple[_Lazy, str]] = [
    (_Lazy(r"^(?:当天|当日|同日|sameday|today)$"), "anchor:same day"),
    (_Lazy(r"^(?:次日|翌日|第二天|nextday|tomorrow)$"), "anchor:next day"),
    (_Lazy(r"^(?:次工作日|下一个?工作日|nextworkingday|nextbusinessday)$"), "anchor:next working day"),
    (_Lazy(r"^(?:半个?工作日|half(?:a)?(?:working|business)day)$"), "half"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:工作日|working ?days?|business ?days?|wd)$"), "wd"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:工作小时|工作时|businesshours?|workinghours?|bh)$"), "bt:h"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:工作分钟|businessminutes?|workingminutes?)$"), "bt:m"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:工作秒|businessseconds?|workingseconds?)$"), "bt:s"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:工作微秒|businessmicroseconds?)$"), "bt:us"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:自然日|日历日|自然天|calendardays?|naturaldays?)$"), "natural"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:日|天|days?|d)$"), "days"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:星期|周|weeks?|w)$"), "weeks"),
    (_Lazy(rf"^{_NUM}(?:个月|months?|mo)$"), "months"),
    (_Lazy(rf"^{_NUM}(?:年|years?|y)$"), "years"),
    (_Lazy(rf"^{_NUM}(?:个)?(?:小时|钟头|h|hours?|hrs?)$"), "ct:h"),
    (_Lazy(rf"^{_NUM}(?:分钟|min|mins|minutes?)$"), "ct:m"),
    (_Lazy(rf"^{_NUM}(?:秒钟|秒|s|secs?|seconds?)$"), "ct:s"),
    (_Lazy(rf"^{_NUM}(?:微秒|us|microseconds?)$"), "ct:us"),
]
_PREFIXES = ("within", "in", "不超过", "不得超过", "最迟", "在")
_SUFFIXES = ("以内", "之内", "内", "完成")


def _number(text: str) -> Decimal:
    if text[0].isdigit():
        whole = text.partition(".")[0]
        if len(whole) > MAX_DIGITS or len(text) > 2 * MAX_DIGITS:
            raise ValueError(f"the number has more than {MAX_DIGITS} digits")
        return Decimal(text)
    return Decimal(cn_int(text))


_BACK_ZH = _Lazy(r"^(?:(?:到期|期满|届满|截止|满期)日?)?(?:提前|前)(.+)$")
_BACK_ZH_AFTER = _Lazy(r"^(?:(?:到期|期满|届满|截止|满期)日?)?(.+?)(?:之前|以前|前)$")
_DEADLINE_WORDS = r"(?:the)?(?:expiry|expiration|deadline|due|end)(?:date|day)?"
_BACK_EN = _Lazy(
    r"^(.+?)(?:before|prior|inadvance|ahead|earlier)"
    rf"(?:(?:to)?{_DEADLINE_WORDS})?$"
)
# Windows before a reference, read before prefixes and suffixes come off: 内 / within make a window.
_WINDOW_ZH = _Lazy(r"^(?:在)?(?P<ref>.*?)(?<!提)前(?P<dur>.+?)(?:以内|之内|内)$")
_WINDOW_EN_WITHIN = _Lazy(r"^within(?:the)?(?P<dur>.+?)before(?P<ref>.*)$")
_WINDOW_EN_NAMED = _Lazy(r"^(?:the)?(?P<dur>.+?)before(?P<ref>.+)$")
_DEADLINE_REF = _Lazy(rf"^{_DEADLINE_WORDS}$")


def _squash(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"\s+", "", s)


def _normalise(text: str) -> str:
    s = _squash(text)
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if s.startswith(p) and len(s) > len(p) and (p != "in" or s[2:3].isdigit()):
                s, changed = s[len(p) :], True
        for suf in _SUFFIXES:
            if s.endswith(suf) and len(s) > len(suf):
                s, changed = s[: -len(suf)], True
    return s


def parse_duration(text: str | Duration | dt.timedelta, *, param: str = "text") -> Duration:
    """Read a duration; a :class:`Duration` is returned as it is, a ``timedelta`` is clock time.

    Unknown text raises :class:`~servstd.errors.DurationParseError` listing the accepted forms;
    ``param`` is the parameter name the error gives the text (a method reading its ``rule``
    passes ``"rule"``).
    """
    if isinstance(text, Duration):
        return text
    if isinstance(text, dt.timedelta):
        return ClockTime.of(text)
    if not isinstance(text, str):
        raise DurationParseError(
            text, f"expected text, got {type(text).__name__}", ACCEPTED_FORMS, param=param
        )
    if len(text) > _MAX_TEXT:
        raise DurationParseError(
            f"{text[:24]}…", f"the text is longer than {_MAX_TEXT} characters", ACCEPTED_FORMS, param=param
        )
    try:
        return _parse_text(text)
    except DurationParseError as exc:
        if exc.value is text and exc.param == param:
            raise
        raise DurationParseError(text, exc.reason, ACCEPTED_FORMS, param=param) from None


_MAX_TEXT = 200


@functools.lru_cache(maxsize=1024)
@exact
def _parse_text(text: str) -> Duration:
    window = _window(text)
    if window is not None:
        return window
    s = _normalise(text)
    if not s:
        raise DurationParseError(text, "the text is empty", ACCEPTED_FORMS)
    for back in (_BACK_ZH, _BACK_ZH_AFTER, _BACK_EN):
        m = back.match(s)
        if m and not any(f[0].match(s) for f in _FORMS):
            inner = _forward(text, _normalise(m.group(1)))
            if isinstance(inner, Anchor):
                raise DurationParseError(text, f"an anchor ({inner}) cannot count back", ACCEPTED_FORMS)
            return Before(inner)
    return _forward(text, s)


def _window(text: str) -> WindowBefore | None:
    """A window before a reference ("在X前5个工作日内", "within 5 working days before X"), if ``text`` is one."""
    s = _squash(text)
    for p in ("最迟", "应当", "应"):  # words that may open a requirement before the window
        s = s.removeprefix(p)
    m = _WINDOW_ZH.match(s)
    if m is None:
        m = _WINDOW_EN_WITHIN.match(s)
        if m is None:
            m = _WINDOW_EN_NAMED.match(s)
            if m is None or _DEADLINE_REF.match(m.group("ref")):
                return None
    dur = _normalise(m.group("dur"))
    if not dur or not any(f[0].match(dur) for f in _FORMS):
        return None
    inner = _forward(text, dur)
    if isinstance(inner, Anchor):
        raise DurationParseError(
            text, f"an anchor ({inner}) cannot make a window before a reference", ACCEPTED_FORMS
        )
    return WindowBefore(inner)


def _forward(text: str, s: str) -> Duration:
    for pattern, kind in _FORMS:
        m = pattern.match(s)
        if not m:
            continue
        if kind.startswith("anchor:"):
            return Anchor(AnchorKind(kind[7:]))
        if kind == "half":
            return WorkingDays(Fraction(1, 2))
        try:
            n = _number(m.group(1))
        except (InvalidOperation, ValueError) as exc:
            raise DurationParseError(
                text, f"cannot read the number {m.group(1)[:24]!r}: {exc}", ACCEPTED_FORMS
            ) from exc
        if kind == "wd":
            if n <= 0:
                raise DurationParseError(
                    text, "a count of working days must be more than zero", ACCEPTED_FORMS
                )
            return WorkingDays(Fraction(n))
        if kind in ("days", "natural", "weeks", "months", "years"):
            if n != n.to_integral_value() or n <= 0:
                what = "days" if kind == "natural" else kind
                raise DurationParseError(
                    text, f"a count of {what} must be a whole number more than zero", ACCEPTED_FORMS
                )
            if kind == "weeks":  # a week is seven calendar days
                return CalendarPeriod(7 * int(n), PeriodUnit.DAYS)
            if kind == "natural":
                return CalendarPeriod(int(n), PeriodUnit.DAYS, natural=True)
            return CalendarPeriod(int(n), PeriodUnit(kind))
        family, unit = kind.split(":")
        us = n * _US[unit]
        if us != us.to_integral_value():
            raise DurationParseError(
                text, "the duration is not a whole number of microseconds", ACCEPTED_FORMS
            )
        return BusinessTime(int(us)) if family == "bt" else ClockTime(int(us))
    raise DurationParseError(text, "not a known form", ACCEPTED_FORMS)
