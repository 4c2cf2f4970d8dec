"""The servstd error and warning hierarchy.

Every error servstd raises on bad input derives from :class:`ServstdError`. Each leaf also
derives from the builtin that fits (``ValueError`` or ``TypeError``), so code written against
builtins keeps working. Errors keep the offending value and what is accepted as attributes, and
their ``str()`` says both.

>>> from servstd.errors import DurationParseError, ServstdError
>>> issubclass(DurationParseError, ServstdError) and issubclass(DurationParseError, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "CalendarCoverageError",
    "CalendarCoverageWarning",
    "ClockRangeError",
    "ComplaintError",
    "DocumentError",
    "DuplicateInspectionWarning",
    "DurationParseError",
    "FileWriteError",
    "InputParseError",
    "InputTypeError",
    "NaiveDatetimeError",
    "NoticeParseError",
    "Problem",
    "ScheduleError",
    "ScoringError",
    "ServstdError",
    "ServstdWarning",
    "TimerError",
]


class ServstdError(Exception):
    """Root of every error servstd raises on bad input."""

    def for_command_line(self) -> str:
        """The message the ``servstd`` command prints for this error (``str(self)`` unless a
        subclass names a command-line remedy, e.g. an option to pass)."""
        return str(self)


def _shown(value: object) -> str:
    """``value`` as quoted in a message: long texts are cut, so a message stays one short line."""
    text = repr(value)
    if len(text) <= 42:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:32]}…{size}"


class NaiveDatetimeError(ServstdError, TypeError):
    """A datetime without a time zone was given where an instant is required.

    servstd never guesses a zone: attach one (``datetime(..., tzinfo=ZoneInfo("Asia/Shanghai"))``
    or ``pendulum.datetime(..., tz="Asia/Shanghai")``).
    """

    def __init__(self, value: object, parameter: str = "instant") -> None:
        self.value = value
        self.parameter = parameter
        super().__init__(
            f"{parameter}={value!r} is a naive datetime; servstd needs aware instants "
            "(attach a tzinfo, e.g. ZoneInfo('Asia/Shanghai'))"
        )


class InputTypeError(ServstdError, TypeError):
    """A value of the wrong type was passed (e.g. a datetime where a date is expected)."""

    def __init__(self, value: object, parameter: str, accepted: str) -> None:
        self.value = value
        self.parameter = parameter
        self.accepted = accepted
        super().__init__(
            f"{parameter}={value!r} ({type(value).__name__}) is not accepted; expected {accepted}"
        )


class InputParseError(ServstdError, ValueError):
    """A typed text (an instant, a date, a time of day, a year) is not one of the accepted forms.

    >>> print(InputParseError("10/09/2026", "received", "date", "the year is last", ["2026-09-10"]))
    cannot read the date '10/09/2026' (received): the year is last. Accepted forms: 2026-09-10
    """

    def __init__(
        self, value: object, parameter: str, kind: str, reason: str, accepted: Sequence[str]
    ) -> None:
        self.value = value
        self.parameter = parameter
        self.kind = kind
        self.reason = reason
        self.accepted = tuple(accepted)
        forms = f". Accepted forms: {', '.join(self.accepted)}" if self.accepted else ""
        super().__init__(f"cannot read the {kind} {_shown(value)} ({parameter}): {reason}{forms}")


# What to add to a region's calendar past its coverage, and where that data comes from.
_REGION_SOURCES = {
    "CN": "the State Council's notice for {year} (国务院办公厅关于{year}年部分节假日安排的通知)",
    "HK": "the Hong Kong SAR Government's general holidays for {year} (Gazette notice)",
    "MO": "the Macao SAR Government's public holidays for {year} (Chief Executive's dispatch)",
    "TW": "the Directorate-General of Personnel Administration's office calendar for {year} (行政院人事行政總處)",
}


class CalendarCoverageError(ServstdError, ValueError):
    """A strict calendar was asked about a year whose official arrangement it does not know.

    The message says what to do where the user is: from Python, ``with_notice`` (mainland) or
    ``with_overlay`` and ``strict=False``; on the command line (:meth:`for_command_line`),
    ``servstd notice add FILE``, ``--notice FILE`` and ``--lenient``. Each region names its own
    source of data.

    >>> e = CalendarCoverageError("中国大陆 (CN)", 2027, "2001–2026", region="CN")
    >>> "with_notice" in str(e), "servstd notice add" in e.for_command_line()
    (True, True)
    """

    def __init__(self, calendar: str, year: int, coverage: str, *, region: str | None = None) -> None:
        self.calendar = calendar
        self.year = year
        self.coverage = coverage
        self.region = region
        super().__init__(
            f"{calendar} does not know the official working-day arrangement for {year} "
            f"(covered: {coverage}). {self._remedy_python()}"
        )

    def _source(self) -> str:
        template = _REGION_SOURCES.get(self.region or "")
        return template.format(year=self.year) if template else f"the arrangement for {self.year}"

    def _remedy_python(self) -> str:
        estimate = (
            f"Either use strict=False to estimate {self.year} from the statutory rule "
            "(a CalendarCoverageWarning is issued), or add the year's data"
        )
        if self.region == "CN":
            return (
                f"{estimate}: calendar.with_notice(<{self._source()}>, as text or a file path), "
                "or put the notice in a notice folder (SERVSTD_NOTICES or `servstd notice add FILE`)."
            )
        return f"{estimate}: calendar.with_overlay(<overlay document with {self._source()}>)."

    def for_command_line(self) -> str:
        """The message with the command-line options instead of Python calls."""
        head = (
            f"{self.calendar} does not know the official working-day arrangement for {self.year} "
            f"(covered: {self.coverage})."
        )
        lenient = (
            f"--lenient estimates {self.year} from the statutory rule (holidays on their statutory "
            "dates, no make-up working days; results are marked estimated)"
        )
        if self.region == "CN":
            return (
                f"{head}\nTo use {self._source()}:\n"
                f"  servstd notice add FILE     check it and keep it for every later command\n"
                f"  --notice FILE               use it for this command only\n"
                f"Or: {lenient}."
            )
        return (
            f"{head}\nTo use {self._source()}:\n"
            f"  --overlay FILE              an overlay document (YAML/JSON) with its rest and working days\n"
            f"Or: {lenient}."
        )


class DurationParseError(ServstdError, ValueError):
    """A duration text is not one of the accepted forms."""

    def __init__(self, text: object, reason: str, accepted: Sequence[str]) -> None:
        self.text = text
        self.reason = reason
        self.accepted = tuple(accepted)
        super().__init__(
            f"cannot read duration {_shown(text)}: {reason}. Accepted forms: {', '.join(accepted)}"
        )


class ScheduleError(ServstdError, ValueError):
    """Business hours or a clock were specified wrongly."""

    def __init__(self, message: str, value: object = None) -> None:
        self.value = value
        super().__init__(message)


class ClockRangeError(ScheduleError):
    """An instant or a duration beyond what a clock answers for.

    A clock answers for instants in the local years 2–9998 of its zone, and one operation
    (``add``, ``subtract``, ``elapsed``, ``periods``) may reach across at most 200 years; beyond
    that the answer would take minutes or overflow ``datetime``, so it is refused at once.
    """


class ComplaintError(ServstdError, ValueError):
    """A complaint's details contradict each other or the policy (a tier and a category that
    disagree, a requested deadline before the receipt)."""

    def __init__(self, message: str, value: object = None) -> None:
        self.value = value
        super().__init__(message)


class ScoringError(ServstdError, ValueError):
    """A scoring scheme or inspection is inconsistent (unknown item, bad count, weights ≠ 1, …)."""

    def __init__(self, message: str, value: object = None) -> None:
        self.value = value
        super().__init__(message)


class TimerError(ServstdError, ValueError):
    """The events of an SLA timer do not make a valid history (out of order, resume without pause…)."""

    def __init__(self, message: str, value: object = None) -> None:
        self.value = value
        super().__init__(message)


class FileWriteError(ServstdError, OSError):
    """A file could not be written (a missing folder, a folder in the way, no permission, a full
    disk, a name too long); the message names the file and the reason.

    >>> print(FileWriteError("out/cal.csv", FileNotFoundError(2, "No such file or directory")))
    cannot write 'out/cal.csv': No such file or directory
    """

    def __init__(self, path: object, error: BaseException | None = None, reason: str = "") -> None:
        self.path = str(path)
        self.reason = reason or (getattr(error, "strerror", None) or str(error or "")).strip()
        super().__init__(f"cannot write {self.path!r}: {self.reason}")

    def __str__(self) -> str:
        return str(self.args[0])


class Problem:
    """One problem found in a document: where it is and what is wrong."""

    __slots__ = ("message", "path", "value")

    def __init__(self, path: str, message: str, value: Any = None) -> None:
        self.path = path
        self.message = message
        self.value = value

    def __str__(self) -> str:
        return f"{self.path or '<document>'}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r})"


class DocumentError(ServstdError, ValueError):
    """A document (standard, policy, inspection, overlay…) is malformed.

    Lists *every* problem at once, each with its path inside the document.

    >>> e = DocumentError("site.yaml", [Problem("sections[0].items[1].deduct", "must be > 0")])
    >>> print(e)
    site.yaml: 1 problem
      - sections[0].items[1].deduct: must be > 0
    """

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"{source}: {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    def for_command_line(self) -> str:
        """One line for a single problem (``file: path: message``); the full list otherwise."""
        if len(self.problems) == 1:
            return f"{self.source}: {self.problems[0]}"
        return str(self)


class NoticeParseError(DocumentError):
    """A State Council holiday notice could not be read, or breaks the law it arranges.

    A sentence the reader cannot place is quoted; a notice that misses a festival or leaves a
    statutory day a working day lists every such problem (``problems``).
    """

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
