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
    "DurationParseError",
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


class CalendarCoverageError(ServstdError, ValueError):
    """A strict calendar was asked about a year whose official arrangement it does not know."""

    def __init__(self, calendar: str, year: int, coverage: str) -> None:
        self.calendar = calendar
        self.year = year
        self.coverage = coverage
        super().__init__(
            f"{calendar} does not know the official working-day arrangement for {year} "
            f"(covered: {coverage}). Either use strict=False to estimate {year} from the "
            f"statutory rule (a CalendarCoverageWarning is issued), or add the year's data: "
            f"calendar.with_notice(<the State Council notice for {year}>) or "
            "calendar.with_overlay(<overlay document>)."
        )


class DurationParseError(ServstdError, ValueError):
    """A duration text is not one of the accepted forms."""

    def __init__(self, text: object, reason: str, accepted: Sequence[str]) -> None:
        self.text = text
        self.reason = reason
        self.accepted = tuple(accepted)
        super().__init__(f"cannot read duration {text!r}: {reason}. Accepted forms: {', '.join(accepted)}")


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


class NoticeParseError(DocumentError):
    """A sentence of a State Council holiday notice could not be read; the sentence is quoted."""

    def __init__(self, sentence: str, reason: str) -> None:
        self.sentence = sentence
        self.reason = reason
        super().__init__("holiday notice", [Problem(f"「{sentence}」", reason, sentence)])


class ServstdWarning(UserWarning):
    """Root of servstd's warnings: footguns that are allowed but worth knowing."""


class CalendarCoverageWarning(ServstdWarning):
    """A lenient calendar estimated a year outside its coverage from the statutory rule."""
