"""What the command says about an error: the library's message, with the command's own options.

Library messages name Python parameters and calls, never options; here the command swaps in
its own remedies — ``servstd notice add``, ``--notice``, ``--overlay`` and ``--lenient`` for a
year a calendar does not cover, the option that sets a parameter (``--tz`` for ``assume_tz``,
``--region always`` for ``ServiceClock.always()``), and one line for a document with one problem.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from servstd._messages import tr, translate
from servstd.errors import CalendarCoverageError, DocumentError, ServstdError

__all__ = ["SPELLINGS", "command_line_message", "unquoted_instant"]

_DATE = re.compile(r"^\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日)$")
_SPECIAL = re.compile(r"[\s'\"$`\\!*?;&|<>()\[\]{}#~]")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")

SPELLINGS = {"(assume_tz)": "(--tz)", "ServiceClock.always()": "--region always"}
"""Python spellings a library message may name, and what the command line says instead."""


def _coverage(exc: CalendarCoverageError, lang: str) -> str:
    head = tr(
        "{calendar} does not know the official working-day arrangement for {year} (covered: {coverage}).",
        lang,
        calendar=exc.calendar,
        year=exc.year,
        coverage=exc.coverage,
    )
    lenient = tr(
        "--lenient estimates {year} from the statutory rule (holidays on their statutory "
        "dates, no make-up working days; results are marked estimated)",
        lang,
        year=exc.year,
    )
    use = tr("To use {source}:", lang, source=exc.source(lang))
    if exc.reason:
        reason = translate(exc.reason, lang)
        because = tr("{reason}.", lang, reason=f"{reason[:1].upper()}{reason[1:]}")
        return f"{head}\n{because}\n" + tr("Or: {lenient}.", lang, lenient=lenient)
    if exc.region == "CN":
        add = tr("check it and keep it for every later command", lang)
        once = tr("use it for this command only", lang)
        options = f"  servstd notice add FILE     {add}\n  --notice FILE               {once}\n"
    else:
        overlay = tr("an overlay document (YAML/JSON) with its rest and working days", lang)
        options = f"  --overlay FILE              {overlay}\n"
    return f"{head}\n{use}\n{options}" + tr("Or: {lenient}.", lang, lenient=lenient)


def unquoted_instant(argv: Sequence[str], lang: str = "en") -> str | None:
    """A hint when a date and a time were typed as two arguments (the shell splits at the space).

    >>> print(unquoted_instant(["deadline", "2026-09-30", "16:00", "3个工作日"]))
    a date and a time of day are one argument: quote them together, e.g. servstd deadline "2026-09-30 16:00" 3个工作日
    >>> unquoted_instant(["deadline", "2026-09-30 16:00", "3个工作日"]) is None
    True
    """
    words, fixed, i, found = list(argv), [], 0, False
    while i < len(words):
        if i + 1 < len(words) and _DATE.match(words[i]) and _TIME.match(words[i + 1]):
            fixed.append(f"{words[i]} {words[i + 1]}")
            found, i = True, i + 2
        else:
            fixed.append(words[i])
            i += 1
    if not found:
        return None
    line = " ".join(_shell_word(w) for w in fixed)
    return tr(
        "a date and a time of day are one argument: quote them together, e.g. {command}",
        lang,
        command=f"servstd {line}",
    )


def _shell_word(word: str) -> str:
    """``word`` as typed in a shell: bare if nothing in it is special, else in quotes."""
    if word and not _SPECIAL.search(word):
        return word
    if not re.search(r'["$`\\!]', word):
        return f'"{word}"'
    return shlex.quote(word)


def command_line_message(exc: ServstdError, lang: str = "en") -> str:
    """The message the ``servstd`` command prints for ``exc``, in ``lang``.

    >>> from servstd.errors import Problem
    >>> e = DocumentError("cases.csv", [Problem("received_at", "row 0: times without an offset; give the zone they were written in (assume_tz)")])
    >>> print(command_line_message(e))
    cases.csv: received_at: row 0: times without an offset; give the zone they were written in (--tz)
    """
    if isinstance(exc, CalendarCoverageError):
        return _coverage(exc, lang)
    if isinstance(exc, DocumentError) and len(exc.problems) == 1:
        problem = exc.problems[0]  # a problem with no place inside the document is about all of it
        said = problem.render(lang) if problem.path else translate(problem.message, lang)
        text = tr("{path}: {message}", lang, path=exc.source, message=said)
    else:
        text = exc.render(lang)
    for python, option in SPELLINGS.items():
        text = text.replace(python, option)
    return text
