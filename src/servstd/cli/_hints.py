"""What the command says about an error: the library's message, with the command's own options.

Library messages name Python parameters and calls, never options; here the command swaps in
its own remedies — ``servstd notice add``, ``--notice``, ``--overlay`` and ``--lenient`` for a
year a calendar does not cover, the option that sets a parameter (``--tz`` for ``assume_tz``,
``--region always`` for ``ServiceClock.always()``), and one line for a document with one problem.
"""

from __future__ import annotations

from servstd.errors import CalendarCoverageError, DocumentError, ServstdError

__all__ = ["SPELLINGS", "command_line_message"]

SPELLINGS = {"(assume_tz)": "(--tz)", "ServiceClock.always()": "--region always"}
"""Python spellings a library message may name, and what the command line says instead."""


def _coverage(exc: CalendarCoverageError) -> str:
    head = (
        f"{exc.calendar} does not know the official working-day arrangement for {exc.year} "
        f"(covered: {exc.coverage})."
    )
    lenient = (
        f"--lenient estimates {exc.year} from the statutory rule (holidays on their statutory "
        "dates, no make-up working days; results are marked estimated)"
    )
    if exc.reason:
        return f"{head}\n{exc.reason[:1].upper()}{exc.reason[1:]}.\nOr: {lenient}."
    if exc.region == "CN":
        return (
            f"{head}\nTo use {exc.source()}:\n"
            f"  servstd notice add FILE     check it and keep it for every later command\n"
            f"  --notice FILE               use it for this command only\n"
            f"Or: {lenient}."
        )
    return (
        f"{head}\nTo use {exc.source()}:\n"
        f"  --overlay FILE              an overlay document (YAML/JSON) with its rest and working days\n"
        f"Or: {lenient}."
    )


def command_line_message(exc: ServstdError) -> str:
    """The message the ``servstd`` command prints for ``exc``.

    >>> from servstd.errors import Problem
    >>> e = DocumentError("cases.csv", [Problem("received_at", "row 0: times without an offset; give the zone they were written in (assume_tz)")])
    >>> print(command_line_message(e))
    cases.csv: received_at: row 0: times without an offset; give the zone they were written in (--tz)
    """
    if isinstance(exc, CalendarCoverageError):
        return _coverage(exc)
    if isinstance(exc, DocumentError) and len(exc.problems) == 1:
        text = f"{exc.source}: {exc.problems[0]}"
    else:
        text = str(exc)
    for python, option in SPELLINGS.items():
        text = text.replace(python, option)
    return text
