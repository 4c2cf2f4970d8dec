"""What the command says about an error: the library's message, with the command's own options.

Library messages name Python parameters and calls, never options; here the command swaps in
its own remedies — ``servstd notice add``, ``--notice``, ``--overlay`` and ``--lenient`` for a
year a calendar does not cover, the option that sets a parameter (``--tz`` for ``assume_tz``,
``--region always`` for ``ServiceClock.always()``), and one line for a document with one problem.
"""

from __future__ import annotations

from servstd._messages import tr
from servstd.errors import CalendarCoverageError, DocumentError, ServstdError

__all__ = ["SPELLINGS", "command_line_message"]

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
    if exc.region == "CN":
        add = tr("check it and keep it for every later command", lang)
        once = tr("use it for this command only", lang)
        options = f"  servstd notice add FILE     {add}\n  --notice FILE               {once}\n"
    else:
        overlay = tr("an overlay document (YAML/JSON) with its rest and working days", lang)
        options = f"  --overlay FILE              {overlay}\n"
    return f"{head}\n{use}\n{options}" + tr("Or: {lenient}.", lang, lenient=lenient)


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
        text = f"{exc.source}: {exc.problems[0].render(lang)}"
    else:
        text = exc.render(lang)
    for python, option in SPELLINGS.items():
        text = text.replace(python, option)
    return text
