"""The servstd error and warning hierarchy, and its machine-readable contract.

Every error servstd raises on bad input derives from :class:`ServstdError`. Each leaf also
derives from the builtin that fits (``ValueError``, ``TypeError``, ``LookupError`` or
``ImportError``), so code written against builtins keeps working. ``str(error)`` is one stable
English sentence; the same facts are attributes, so a program never reads the text:

* ``code`` — stable and dotted (``duration.unreadable``, ``calendar.not_covered``,
  ``name.unknown``); :data:`CODES` lists every code with its title and HTTP status, and the
  error reference in the docs has the same table;
* ``param`` — the name of the API parameter that was given the bad value (``rule``,
  ``received_at``, ``id``), or ``None`` when no one parameter is at fault;
* ``value`` — the offending value as given;
* ``accepted`` — what would have been accepted, where that is a finite list (known names,
  accepted forms, allowed values), else ``None``;
* ``problems`` — for documents, every problem found, each with its path inside the document.

:meth:`ServstdError.to_dict` gives the same as problem details (RFC 9457): ``type``, ``title``,
``status`` (404 for a name that is not found, 422 for a value that cannot be used, 500 for what
the server must fix), ``detail`` and the extension members ``code``, ``param``, ``value``,
``accepted`` and ``problems`` — JSON-safe, so one exception handler maps every error without
reading its text.

:meth:`ServstdError.render` gives the message in a language, ``"zh"`` or ``"en"``, from the
same attributes and servstd's message catalog (``str()`` stays the English, for logs); a reason
the catalog has no Chinese for stays English rather than be guessed.

>>> from servstd.errors import DurationParseError, ServstdError
>>> issubclass(DurationParseError, ServstdError) and issubclass(DurationParseError, ValueError)
True
>>> e = DurationParseError("3天天", "not a known form", ["'3日'", "'3个工作日'"], param="rule")
>>> d = e.to_dict()
>>> d["status"], d["code"], d["param"], d["value"], d["accepted"]
(422, 'duration.unreadable', 'rule', '3天天', ["'3日'", "'3个工作日'"])
>>> print(e.render("zh"))
无法读取时长 '3天天'（rule）：不是可识别的格式。可接受的格式：'3日', '3个工作日'
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import os
import sys
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from servstd._messages import tr, translate

__all__ = [
    "CODES",
    "CalendarCoverageError",
    "CalendarCoverageWarning",
    "ClockRangeError",
    "ComplaintError",
    "DocumentError",
    "DuplicateInspectionWarning",
    "DurationParseError",
    "ErrorCode",
    "FileWriteError",
    "InputParseError",
    "InputTypeError",
    "InputValueError",
    "MissingExtraError",
    "NaiveDatetimeError",
    "NoticeParseError",
    "Problem",
    "ScheduleError",
    "ScoringError",
    "ServstdError",
    "ServstdWarning",
    "TimerError",
    "UnknownNameError",
]

ERRORS_PAGE = "https://servstd.readthedocs.io/en/latest/reference/errors.html"
"""Where each code is documented; a problem's ``type`` is this page with the code as anchor."""


class ErrorCode(NamedTuple):
    """One error code: its short title (the same for every occurrence) and HTTP status."""

    title: str
    status: int


CODES: dict[str, ErrorCode] = {
    "input.invalid": ErrorCode("Invalid input", 422),
    "name.unknown": ErrorCode("Unknown name", 404),
    "input.wrong_type": ErrorCode("Value of the wrong type", 422),
    "input.not_allowed": ErrorCode("Value not allowed", 422),
    "input.unreadable": ErrorCode("Unreadable value", 422),
    "instant.naive": ErrorCode("Instant without a time zone", 422),
    "zone.unknown": ErrorCode("Unknown time zone", 422),
    "duration.unreadable": ErrorCode("Unreadable duration", 422),
    "calendar.not_covered": ErrorCode("Year not covered by the calendar", 422),
    "schedule.invalid": ErrorCode("Invalid business hours or clock", 422),
    "clock.out_of_range": ErrorCode("Beyond the clock's range", 422),
    "complaint.conflict": ErrorCode("Contradictory complaint details", 422),
    "scoring.invalid": ErrorCode("Inconsistent scoring", 422),
    "timer.invalid": ErrorCode("Invalid timer events", 422),
    "document.invalid": ErrorCode("Invalid document", 422),
    "notice.invalid": ErrorCode("Invalid holiday notice", 422),
    "file.unreadable": ErrorCode("File cannot be read", 422),
    "file.unwritable": ErrorCode("File cannot be written", 500),
    "extra.missing": ErrorCode("Optional dependency not installed", 500),
}
"""Every error code, with its title and HTTP status. A code is never renamed or reused."""

_SHOWN_NAMES = 12  # known names listed in a message (``accepted`` keeps them all)
_VALUE_TEXT = 1000  # characters of a text value kept in to_dict()


def _anchor(code: str) -> str:
    """The anchor the docs give ``code`` (what docutils makes of it: lower case, runs of other
    characters as one hyphen)."""
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in code.lower())
    return "-".join(part for part in out.split("-") if part)


def _is_exact_number(value: object) -> bool:
    """Whether ``value`` is a ``Decimal`` or a ``Fraction`` (a value cannot be one before its
    module is loaded, so neither is imported for the question)."""
    return any(
        (module := sys.modules.get(name)) is not None and isinstance(value, getattr(module, cls))
        for name, cls in (("decimal", "Decimal"), ("fractions", "Fraction"))
    )


def _json(value: object, depth: int = 0) -> Any:
    """``value`` as JSON-safe data: numbers that are not floats as text, instants in ISO 8601,
    containers as lists and objects, anything else as its ``repr`` (long texts cut)."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        return value if len(value) <= _VALUE_TEXT else f"{value[:_VALUE_TEXT]}… ({len(value):,} characters)"
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, os.PathLike) or _is_exact_number(value):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, enum.Enum):
        return _json(value.value, depth)
    if depth < 4 and isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        return [_json(v, depth + 1) for v in items[:50]] + (
            [f"… ({len(items):,} in all)"] if len(items) > 50 else []
        )
    if depth < 4 and isinstance(value, dict):
        return {str(k): _json(v, depth + 1) for k, v in list(value.items())[:50]}
    return _json(repr(value), depth)


def _deprecated(old: str, new: str) -> None:
    warnings.warn(
        f"{old} is deprecated; use {new} (the old name goes in the next release)",
        DeprecationWarning,
        stacklevel=3,
    )


class ServstdError(Exception):
    """Root of every error servstd raises on bad input; see the module documentation.

    ``code``, ``param``, ``value`` and ``accepted`` are set by every subclass; ``problems`` is
    empty but for documents.
    """

    default_code = "input.invalid"
    """The code of this class's errors where a raise does not name a more precise one."""

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        value: object = None,
        accepted: Iterable[str] | None = None,
    ) -> None:
        self.code = code or self.default_code
        if self.code not in CODES:
            raise ValueError(f"unknown error code {self.code!r}")  # a bug in servstd: every code is listed
        self.param = param
        self.value = value
        self.accepted = None if accepted is None else tuple(str(a) for a in accepted)
        super().__init__(message)

    problems: tuple[Problem, ...] = ()

    @property
    def title(self) -> str:
        """The title of the error's code (the same for every error with this code)."""
        return CODES[self.code].title

    @property
    def status(self) -> int:
        """The HTTP status of the error's code (404 not found, 422 unusable input, 500 the server's)."""
        return CODES[self.code].status

    def to_dict(self) -> dict[str, Any]:
        """The error as RFC 9457 problem details, JSON-safe.

        >>> e = UnknownNameError("CS99", "code", ["CS01", "CS02"], kind="item")
        >>> import json; print(json.dumps(e.to_dict(), ensure_ascii=False, indent=1))
        {
         "type": "https://servstd.readthedocs.io/en/latest/reference/errors.html#name-unknown",
         "title": "Unknown name",
         "status": 404,
         "detail": "unknown item 'CS99' (code); known: CS01, CS02",
         "code": "name.unknown",
         "param": "code",
         "value": "CS99",
         "accepted": [
          "CS01",
          "CS02"
         ],
         "problems": []
        }
        """
        return {
            "type": f"{ERRORS_PAGE}#{_anchor(self.code)}",
            "title": self.title,
            "status": self.status,
            "detail": str(self),
            "code": self.code,
            "param": self.param,
            "value": _json(self.value),
            "accepted": None if self.accepted is None else list(self.accepted),
            "problems": [p.to_dict() for p in self.problems],
        }

    @property
    def parameter(self) -> str | None:
        """Deprecated; use ``param``."""
        _deprecated("ServstdError.parameter", "ServstdError.param")
        return self.param

    def render(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``); ``render("en") == str(self)``.

        >>> print(UnknownNameError("CS99", "code", ["CS01", "CS02"], kind="item").render("zh"))
        未知的检查项 'CS99'（code）；已知：CS01, CS02
        """
        if lang not in ("zh", "en"):
            raise InputValueError(lang, "lang", ("zh", "en"))
        return str(self) if lang == "en" else self._chinese()

    def _chinese(self) -> str:
        """The message in Chinese: the English translated line by line by the catalog."""
        return translate(str(self), "zh")

    def for_command_line(self) -> str:
        """Deprecated; use ``str(error)`` (the command line adds its own hints)."""
        _deprecated("ServstdError.for_command_line()", "str(error)")
        return str(self)


def _shown(value: object) -> str:
    """``value`` as quoted in a message: long texts are cut, so a message stays one short line."""
    text = repr(value)
    if len(text) <= 42:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:32]}…{size}"


def _listed(names: Sequence[str], lang: str = "en") -> str:
    """Names for a message: the first few, and how many there are in all."""
    shown = ", ".join(names[:_SHOWN_NAMES])
    more = tr(", … ({n} in all)", lang, n=len(names))
    return shown + (more if len(names) > _SHOWN_NAMES else "")


class UnknownNameError(ServstdError, LookupError):
    """A name that is not found: a catalog id, an item code, a tier, a stage, a category, a region…

    ``value`` is the name as given, ``param`` the parameter it was given as, ``accepted`` every
    known name and ``kind`` what was looked for. Its status is 404.

    >>> print(UnknownNameError("XX", "region", ["CN", "HK", "MO", "TW"], kind="region"))
    unknown region 'XX' (region); known: CN, HK, MO, TW
    """

    default_code = "name.unknown"

    def __init__(self, value: object, param: str, accepted: Iterable[str], *, kind: str) -> None:
        self.kind = kind
        known = [str(a) for a in accepted]
        listing = f"; known: {_listed(known)}" if known else "; none is known"
        super().__init__(
            f"unknown {kind} {_shown(value)} ({param}){listing}", param=param, value=value, accepted=known
        )

    def _chinese(self) -> str:
        values = {"kind": translate(self.kind, "zh"), "value": _shown(self.value), "param": self.param}
        if not self.accepted:
            return tr("unknown {kind} {value} ({param}); none is known", "zh", **values)
        known = _listed(self.accepted, "zh")
        return tr("unknown {kind} {value} ({param}); known: {known}", "zh", known=known, **values)


class NaiveDatetimeError(ServstdError, TypeError):
    """A datetime without a time zone was given where an instant is required.

    servstd never guesses a zone: attach one (``datetime(..., tzinfo=ZoneInfo("Asia/Shanghai"))``
    or ``pendulum.datetime(..., tz="Asia/Shanghai")``).
    """

    default_code = "instant.naive"

    def __init__(self, value: object, param: str = "instant") -> None:
        super().__init__(
            f"{param}={value!r} is a naive datetime; servstd needs aware instants "
            "(attach a tzinfo, e.g. ZoneInfo('Asia/Shanghai'))",
            param=param,
            value=value,
        )

    def _chinese(self) -> str:
        return tr(
            "{param}={value} is a naive datetime; servstd needs aware instants "
            "(attach a tzinfo, e.g. ZoneInfo('Asia/Shanghai'))",
            "zh",
            param=self.param,
            value=repr(self.value),
        )


class InputTypeError(ServstdError, TypeError):
    """A value of the wrong type was passed (e.g. a datetime where a date is expected).

    ``expected`` says in words what would be accepted (``accepted`` is ``None``: a type is not a
    list of values).
    """

    default_code = "input.wrong_type"

    def __init__(self, value: object, param: str, expected: str) -> None:
        self.expected = expected
        super().__init__(
            f"{param}={value!r} ({type(value).__name__}) is not accepted; expected {expected}",
            param=param,
            value=value,
        )

    def _chinese(self) -> str:
        return tr(
            "{param}={value} ({type}) is not accepted; expected {expected}",
            "zh",
            param=self.param,
            value=repr(self.value),
            type=type(self.value).__name__,
            expected=translate(self.expected, "zh"),
        )


class InputValueError(ServstdError, ValueError):
    """A value of the right type that is not allowed: not one of ``accepted`` (``lang="fr"``), or,
    when there is no list, not allowed for the ``reason`` given (a receipt cut-off on a rule that
    counts back).

    >>> print(InputValueError("fr", "lang", ["zh", "en"]))
    lang='fr' is not accepted; accepted: 'zh', 'en'
    """

    default_code = "input.not_allowed"

    def __init__(
        self,
        value: object,
        param: str,
        accepted: Iterable[str] | None = None,
        *,
        reason: str = "",
        code: str | None = None,
    ) -> None:
        allowed = None if accepted is None else [str(a) for a in accepted]
        self.reason = reason
        why = f": {reason}" if reason else ""
        listing = "" if allowed is None else f"; accepted: {', '.join(repr(a) for a in allowed)}"
        super().__init__(
            f"{param}={_shown(value)} is not accepted{why}{listing}",
            code=code,
            param=param,
            value=value,
            accepted=allowed,
        )

    def _chinese(self) -> str:
        text = tr("{param}={value} is not accepted", "zh", param=self.param, value=_shown(self.value))
        if self.reason:
            text += tr(": {reason}", "zh", reason=translate(self.reason, "zh"))
        if self.accepted is not None:
            text += tr("; accepted: {accepted}", "zh", accepted=", ".join(repr(a) for a in self.accepted))
        return text


class InputParseError(ServstdError, ValueError):
    """A typed text (an instant, a date, a time of day, a year) is not one of the accepted forms.

    >>> print(InputParseError("10/09/2026", "received", "date", "the year is last", ["2026-09-10"]))
    cannot read the date '10/09/2026' (received): the year is last. Accepted forms: 2026-09-10
    """

    default_code = "input.unreadable"

    def __init__(self, value: object, param: str, kind: str, reason: str, accepted: Sequence[str]) -> None:
        self.kind = kind
        self.reason = reason
        forms = f". Accepted forms: {', '.join(accepted)}" if accepted else ""
        super().__init__(
            f"cannot read the {kind} {_shown(value)} ({param}): {reason}{forms}",
            param=param,
            value=value,
            accepted=accepted,
        )

    def _chinese(self) -> str:
        return tr(
            "cannot read the {kind} {value} ({param}): {reason}",
            "zh",
            kind=translate(self.kind, "zh"),
            value=_shown(self.value),
            param=self.param,
            reason=translate(self.reason, "zh"),
        ) + _forms(self.accepted)


def _forms(accepted: Sequence[str] | None) -> str:
    """The accepted forms, in Chinese, after a reason."""
    forms = ", ".join(translate(a, "zh") for a in accepted or ())
    return tr(". Accepted forms: {forms}", "zh", forms=forms) if accepted else ""


# What to add to a region's calendar past its coverage, and where that data comes from.
_REGION_SOURCES_ZH = {
    "CN": "国务院办公厅关于{year}年部分节假日安排的通知",
    "HK": "香港特区政府公布的{year}年公众假期（宪报公告）",
    "MO": "澳门特区政府公布的{year}年公众假期（行政长官批示）",
    "TW": "行政院人事行政總處公布的{year}年政府行政机关办公日历",
}
_REGION_SOURCES = {
    "CN": "the State Council's notice for {year} (国务院办公厅关于{year}年部分节假日安排的通知)",
    "HK": "the Hong Kong SAR Government's general holidays for {year} (Gazette notice)",
    "MO": "the Macao SAR Government's public holidays for {year} (Chief Executive's dispatch)",
    "TW": "the Directorate-General of Personnel Administration's office calendar for {year} (行政院人事行政總處)",
}


class CalendarCoverageError(ServstdError, ValueError):
    """A strict calendar was asked about a year whose official arrangement it does not know.

    ``year`` is the year asked about, ``coverage`` the years the calendar knows, ``calendar`` its
    name and ``region`` its region code; ``value`` is the year unless a date was given; ``reason``,
    when set, says why the year is unknown (a damaged notice file, named with its removal). The
    message names the region's source of data and the two ways forward from Python
    (``strict=False``, or the year's data); the ``servstd`` command names its own options.

    >>> e = CalendarCoverageError("中国大陆 (CN)", 2027, "2001–2026", region="CN")
    >>> "with_notice" in str(e), e.code, e.year
    (True, 'calendar.not_covered', 2027)
    """

    default_code = "calendar.not_covered"

    def __init__(
        self,
        calendar: str,
        year: int,
        coverage: str,
        *,
        region: str | None = None,
        param: str | None = None,
        value: object = None,
        reason: str | None = None,
    ) -> None:
        self.calendar = calendar
        self.year = year
        self.coverage = coverage
        self.region = region
        self.reason = reason
        remedy = f"{reason[:1].upper()}{reason[1:]}." if reason else self._remedy()
        super().__init__(
            f"{calendar} does not know the official working-day arrangement for {year} "
            f"(covered: {coverage}). {remedy}",
            param=param,
            value=year if value is None else value,
        )

    def source(self, lang: str = "en") -> str:
        """Where the year's data comes from, for this calendar's region (in ``lang``)."""
        if lang == "zh":
            template = _REGION_SOURCES_ZH.get(self.region or "")
            return (
                template.format(year=self.year)
                if template
                else tr("the arrangement for {year}", "zh", year=self.year)
            )
        template = _REGION_SOURCES.get(self.region or "")
        return template.format(year=self.year) if template else f"the arrangement for {self.year}"

    def _chinese(self) -> str:
        head = tr(
            "{calendar} does not know the official working-day arrangement for {year} (covered: {coverage}).",
            "zh",
            calendar=self.calendar,
            year=self.year,
            coverage=self.coverage,
        )
        if self.reason:  # why the year is unknown, as the English says it
            return head + tr("{reason}.", "zh", reason=translate(self.reason, "zh"))
        estimate = tr(
            "Either use strict=False to estimate {year} from the statutory rule "
            "(a CalendarCoverageWarning is issued), or add the year's data",
            "zh",
            year=self.year,
        )
        if self.region == "CN":
            remedy = tr(
                "{estimate}: calendar.with_notice(<{source}>, as text or a file path), "
                "or put the notice in a notice folder (SERVSTD_NOTICES or `servstd notice add FILE`).",
                "zh",
                estimate=estimate,
                source=self.source("zh"),
            )
        else:
            remedy = tr(
                "{estimate}: calendar.with_overlay(<overlay document with {source}>).",
                "zh",
                estimate=estimate,
                source=self.source("zh"),
            )
        return f"{head}{remedy}"

    def _remedy(self) -> str:
        estimate = (
            f"Either use strict=False to estimate {self.year} from the statutory rule "
            "(a CalendarCoverageWarning is issued), or add the year's data"
        )
        if self.region == "CN":
            return (
                f"{estimate}: calendar.with_notice(<{self.source()}>, as text or a file path), "
                "or put the notice in a notice folder (SERVSTD_NOTICES or `servstd notice add FILE`)."
            )
        return f"{estimate}: calendar.with_overlay(<overlay document with {self.source()}>)."


class DurationParseError(ServstdError, ValueError):
    """A duration text is not one of the accepted forms (``value`` is the text as given).

    ``param`` names the parameter the text was given as (``rule`` for a deadline's rule, ``text``
    for :func:`~servstd.sla.parse_duration`); ``reason`` says what is wrong with it.
    """

    default_code = "duration.unreadable"

    def __init__(self, text: object, reason: str, accepted: Sequence[str], *, param: str = "text") -> None:
        self.reason = reason
        super().__init__(
            f"cannot read duration {_shown(text)} ({param}): {reason}. Accepted forms: {', '.join(accepted)}",
            param=param,
            value=text,
            accepted=accepted,
        )

    def _chinese(self) -> str:
        return tr(
            "cannot read duration {value} ({param}): {reason}",
            "zh",
            value=_shown(self.value),
            param=self.param,
            reason=translate(self.reason, "zh"),
        ) + _forms(self.accepted)

    @property
    def text(self) -> object:
        """Deprecated; use ``value``."""
        _deprecated("DurationParseError.text", "DurationParseError.value")
        return self.value


class _ReasonError(ServstdError):
    """An error whose message is one sentence saying what is wrong, with the value it is about."""

    def __init__(
        self,
        message: str,
        value: object = None,
        *,
        code: str | None = None,
        param: str | None = None,
        accepted: Iterable[str] | None = None,
    ) -> None:
        super().__init__(message, code=code, param=param, value=value, accepted=accepted)


class ScheduleError(_ReasonError, ValueError):
    """Business hours or a clock were specified wrongly (an unknown time zone: ``zone.unknown``)."""

    default_code = "schedule.invalid"


class ClockRangeError(ScheduleError):
    """An instant or a duration beyond what a clock answers for.

    A clock answers for instants in the local years 2–9998 of its zone, and one operation
    (``add``, ``subtract``, ``elapsed``, ``periods``) may reach across at most 200 years; beyond
    that the answer would take minutes or overflow ``datetime``, so it is refused at once.
    """

    default_code = "clock.out_of_range"


class ComplaintError(_ReasonError, ValueError):
    """A complaint's details contradict each other or the policy (a tier and a category that
    disagree, a requested deadline before the receipt)."""

    default_code = "complaint.conflict"


class ScoringError(_ReasonError, ValueError):
    """A scoring scheme or inspection is inconsistent (bad count, weights ≠ 1, …)."""

    default_code = "scoring.invalid"


class TimerError(_ReasonError, ValueError):
    """The events of an SLA timer do not make a valid history (out of order, resume without pause…)."""

    default_code = "timer.invalid"


class MissingExtraError(ServstdError, ImportError):
    """An optional dependency is not installed; the message names the one extra that installs
    everything the call needs (``extra``, e.g. ``pandas``; several joined by commas only when no
    single extra covers them). Its status is 500: the installation, not the input, must change.

    >>> print(MissingExtraError("an SLA report", ["pandas"], ["pandas", "numpy"]))
    an SLA report needs pandas, numpy: pip install 'servstd[pandas]'
    """

    default_code = "extra.missing"

    def __init__(self, what: str, extras: Sequence[str], modules: Sequence[str]) -> None:
        self.what = what
        self.extras = tuple(extras)
        self.extra = ",".join(self.extras)
        self.modules = tuple(modules)
        super().__init__(
            f"{what} needs {', '.join(self.modules)}: pip install 'servstd[{self.extra}]'",
            value=list(self.modules),
        )

    def _chinese(self) -> str:
        return tr(
            "{what} needs {modules}: pip install 'servstd[{extra}]'",
            "zh",
            what=translate(self.what, "zh"),
            modules=", ".join(self.modules),
            extra=self.extra,
        )


class FileWriteError(ServstdError, OSError):
    """A file could not be written (a missing folder, a folder in the way, no permission, a full
    disk, a name too long); the message names the file (``path``, also ``value``) and the reason.
    Its status is 500: the server's files, not the input, must change.

    >>> print(FileWriteError("out/cal.csv", FileNotFoundError(2, "No such file or directory")))
    cannot write 'out/cal.csv': No such file or directory
    """

    default_code = "file.unwritable"

    def __init__(self, path: object, error: BaseException | None = None, reason: str = "") -> None:
        self.path = str(path)
        self.reason = reason or (getattr(error, "strerror", None) or str(error or "")).strip()
        super().__init__(f"cannot write {self.path!r}: {self.reason}", value=self.path)

    def __str__(self) -> str:
        return str(self.args[0])

    def _chinese(self) -> str:
        return tr(
            "cannot write {path}: {reason}", "zh", path=repr(self.path), reason=translate(self.reason, "zh")
        )


class Problem:
    """One problem found in a document: where it is and what is wrong."""

    __slots__ = ("message", "path", "value")

    def __init__(self, path: str, message: str, value: Any = None) -> None:
        self.path = path
        self.message = message
        self.value = value

    def __str__(self) -> str:
        return f"{self.path or '<document>'}: {self.message}"

    def render(self, lang: str = "zh") -> str:
        """The problem in ``lang`` (``"zh"`` or ``"en"``); ``render("en") == str(self)``."""
        if lang != "zh":
            return str(self)
        return tr(
            "{path}: {message}",
            "zh",
            path=self.path or tr("<document>", "zh"),
            message=translate(self.message, "zh"),
        )

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r})"

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-safe data: ``path``, ``message`` and ``value``."""
        return {"path": self.path, "message": self.message, "value": _json(self.value)}


class DocumentError(ServstdError, ValueError):
    """A document (standard, policy, inspection, overlay…) is malformed.

    Lists *every* problem at once, each with its path inside the document. ``source`` names the
    document (a file, ``<text>``, ``catalog:…``) and is also ``value``; ``param`` is the
    parameter the document was given as, where one was.

    >>> e = DocumentError("site.yaml", [Problem("sections[0].items[1].deduct", "must be > 0")])
    >>> print(e)
    site.yaml: 1 problem
      - sections[0].items[1].deduct: must be > 0
    """

    default_code = "document.invalid"

    def __init__(
        self, source: str, problems: Sequence[Problem], *, code: str | None = None, param: str | None = None
    ) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"{source}: {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines), code=code, param=param, value=source)

    def _chinese(self) -> str:
        lines = [tr("{source}: {n} problem(s)", "zh", source=self.source, n=len(self.problems))]
        lines += [f"  - {p.render('zh')}" for p in self.problems]
        return "\n".join(lines)


class NoticeParseError(DocumentError):
    """A State Council holiday notice could not be read, or breaks the law it arranges.

    A sentence the reader cannot place is quoted; a notice that misses a festival or leaves a
    statutory day a working day lists every such problem (``problems``).
    """

    default_code = "notice.invalid"

    def __init__(
        self,
        sentence: str,
        reason: str,
        *,
        problems: Sequence[Problem] = (),
        source: str = "holiday notice",
    ) -> None:
        quoted = sentence if len(sentence) <= 200 else sentence[:200] + "…"
        self.sentence = sentence
        self.reason = reason
        super().__init__(source, list(problems) or [Problem(f"「{quoted}」", reason, sentence)])


class ServstdWarning(UserWarning):
    """Root of servstd's warnings: footguns that are allowed but worth knowing."""


class CalendarCoverageWarning(ServstdWarning):
    """A lenient calendar estimated a year outside its coverage from the statutory rule."""


class DuplicateInspectionWarning(ServstdWarning):
    """Two files record one inspection (same standard, site, date and inspector) alike; it counts once."""
