"""The ``servstd`` command: a thin layer over the library (parse, call, render).

The contract, tested in ``tests/test_cli*.py``:

* Exit status 0 on success, 1 on bad input (anything typed or any file given: an instant, a
  duration, a zone, business hours, a cut-off, a document, a missing file), 2 on bad usage (an
  unknown option, a missing or conflicting argument). Every error is one line on stderr,
  ``servstd: …``; with ``--json`` it is also a JSON object on stdout,
  ``{"error": {"type": …, "code": …, "message": …, "problems": [{"path": …, "message": …}]}}``
  (``code`` is the library error's code, :data:`servstd.errors.CODES`; ``null`` for usage errors
  and failures that are not the input's).
* ``--json`` is accepted before or after the subcommand.
* Warnings (e.g. a ``--lenient`` calendar estimating a year) are one line each, ``warning: …``.
* Output that cannot be written (a pipe closed by ``head``, a full disk, a closed stdout, an
  encoding without Chinese) never ends in a traceback: a closed pipe ends quietly with 0, a
  failed write says so in one line and exits 1, characters the encoding lacks are escaped.
* Anything else is a bug: one line saying so (``SERVSTD_DEBUG=1`` shows the traceback), exit 1.
* Language (:mod:`servstd.cli._language`): errors, warnings, help and reports are in Chinese under
  a Chinese locale and in English otherwise; ``SERVSTD_LANG`` and ``--lang zh|en`` override. JSON
  keys, error codes and the ``type`` of an error stay English; its ``message`` follows the language.

The parser is built from argparse alone; a subcommand's module (and the part of the library it
needs) is imported only when that subcommand runs, so ``servstd workday`` loads the calendar and
nothing of the document layer.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from servstd._lazy import installed_version
from servstd._messages import noop, tr, translate
from servstd.cli._common import UsageError
from servstd.cli._hints import command_line_message, unquoted_instant
from servstd.cli._language import LANGUAGE, command_language, language, t
from servstd.cli._output import OutputBrokenError, OutputClosedError, Stream, error_json
from servstd.errors import ServstdError

__all__ = ["main"]


def __dir__() -> list[str]:
    """The command's one public name (its helpers are private)."""
    return list(__all__)


EXAMPLES = """examples:
  servstd deadline "2026-09-30 16:00" 3个工作日
  servstd deadline "2026-09-30T16:00+08:00" 48小时 --json
  servstd deadline "2026年9月30日 16:00" 2日 --lang en
  servstd elapsed "2026-09-30 17:00" "2026-10-08 10:00"
  servstd workday 2026-02-14
  servstd workdays 2026-09-30 2026-10-10 --inclusive --weekend 周五,周六
  servstd calendar 2026 --month 10
  servstd calendar export 2020 2026 --format duckdb -o cal.duckdb
  servstd catalog list
  servstd score property-cs-quality-inspection inspection.yaml --format markdown
  servstd form property-cs-quality-inspection -o 检查表.xlsx
  servstd score property-cs-quality-inspection inspections/ --aggregate --chart sites.png
  servstd complaint timeline --policy property-complaints --tier 重大 --received "2026-09-30 16:00"

instants: ISO 8601 ("2026-09-30 16:00", "2026-09-30T16:00+08:00"), "2026/9/30 16:00" or
"2026年9月30日 16:00"; without an offset, read in --tz. "now" is the current instant and
"today" today's 00:00 (as a date, today's date). Numeric dates with the year last
(10/09/2026) are refused: they read differently in different countries.

exit status: 0 ok, 1 bad input (a value or file given), 2 bad usage (options, arguments)
  servstd sla report cases.csv --policy insurance-claims-sla --by tier,month --chart review.png
"""


class _ArgumentsError(Exception):
    """argparse found bad usage; main() reports it (exit 2)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        self.parser = parser
        super().__init__(message)


# argparse's own words, which the help and its errors show; translated by the catalog.
_ARGPARSE_WORDS = (
    noop("usage: "),
    noop("positional arguments"),
    noop("options"),
    noop("show this help message and exit"),
)


def _in_language(text: str) -> str:
    """A help text in the command's language: a paragraph the catalog has whole, else line by line."""
    lang = language()
    if lang == "en" or not text:
        return text
    return "\n\n".join(
        whole if (whole := tr(p, lang)) != p else "\n".join(translate(line, lang) for line in p.split("\n"))
        for p in text.split("\n\n")
    )


@functools.cache
def _translating(base: Any) -> type[argparse.HelpFormatter]:
    """``base`` with every help text, heading and usage prefix in the command's language."""

    class Formatter(base):  # type: ignore[misc]
        def _get_help_string(self, action: argparse.Action) -> str | None:
            return _in_language(action.help) if action.help else action.help

        def start_section(self, heading: str | None) -> None:
            super().start_section(_in_language(heading) if heading else heading)

        def add_text(self, text: str | None) -> None:
            super().add_text(_in_language(text) if text and text is not argparse.SUPPRESS else text)

        def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, _in_language("usage: ") if prefix is None else prefix)

    return Formatter


class _Parser(argparse.ArgumentParser):
    """argparse that reports instead of exiting, reads ``-3天`` as an argument, not an option,
    and speaks the command's language.

    No servstd option starts with a digit or a Chinese numeral, so a word that does is a
    (negative) value: the command can then say why a negative duration is refused.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._negative_number_matcher = re.compile(r"^-\.?[0-9０-９零〇一二两三四五六七八九十百半]")

    _building = False  # argparse makes formatters to check each argument and name subcommands

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        self._building = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._building = False

    def add_subparsers(self, **kwargs: Any) -> Any:
        self._building = True
        try:
            return super().add_subparsers(**kwargs)
        finally:
            self._building = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        # A formatter made while building lays out no help: its width need not be the terminal's
        # (asking for that loads shutil, a fiftieth of `servstd workday`'s start-up).
        width = 80 if self._building else None
        formatter: argparse.HelpFormatter = _translating(self.formatter_class)(prog=self.prog, width=width)  # type: ignore[arg-type]
        return formatter

    def error(self, message: str) -> NoReturn:
        raise _ArgumentsError(self, translate(message, language()))


class _Unbuilt(_Parser):
    """The parser of a subcommand the command line does not name: it takes the calls that build
    one and keeps nothing (building all of them took a third of ``servstd workday``'s own time)."""

    def __init__(self) -> None:
        pass  # nothing is built, so nothing of argparse's is set up

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def set_defaults(self, **kwargs: Any) -> None:
        return None


_UNBUILT = _Unbuilt()


class _VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=noop("print the version and exit"))

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        sys.stdout.write(f"servstd {installed_version('servstd')}\n")
        parser.exit()


def _run(handler: str, args: argparse.Namespace) -> int:
    """Import the subcommand's module (``"module:function"`` inside ``servstd.cli``) and run it."""
    module, _, name = handler.partition(":")
    func: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"servstd.cli.{module}"), name
    )
    return int(func(args))


# -- parser --------------------------------------------------------------------------------------

BOM_HELP = "write CSV without the byte-order mark Excel needs to read UTF-8 (for programs)"
REGION_HELP = "working days: CN (default; mainland China with 调休), HK, MO, TW, weekdays (Mon–Fri) or always (every day)"


def _region_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", default="CN", help=REGION_HELP)
    p.add_argument(
        "--weekend",
        metavar="DAYS",
        help="the weekly rest days, as Excel's WORKDAY.INTL takes them, on top of the region's holidays: "
        "a mask Monday to Sunday (0000011 = Sat and Sun, 0000110 = Fri and Sat), an Excel weekend "
        "number (1–7, 11–17) or day names (周五,周六)",
    )
    p.add_argument(
        "--lenient",
        action="store_true",
        help="estimate years outside the calendar's coverage (with a warning)",
    )
    _overlay_options(p)


def _clock_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--hours",
        default=None,
        help="business hours on working days, e.g. '09:00-12:00,13:30-18:00' or '24h' (00:00-24:00); "
        "default 09:00-12:00,13:00-18:00, round the clock with --region always",
    )
    p.add_argument(
        "--tz", default="Asia/Shanghai", help="IANA time zone; instants without an offset are read in it"
    )
    _region_options(p)


def _overlay_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--notice", action="append", metavar="FILE", help="a State Council holiday notice (text) to apply"
    )
    p.add_argument(
        "--overlay", action="append", metavar="FILE", help="an overlay document (YAML/JSON) to apply"
    )


def _named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names (its first word past the top-level options), if it is one;
    ``None`` when it names none (help, version, a mistake): then every subcommand is built."""
    words = iter(argv)
    for word in words:
        if word == "--json" or word.startswith("--lang="):
            continue
        if word == "--lang":
            next(words, None)
            continue
        return word if word in COMMANDS else None
    return None


COMMANDS = frozenset(
    {"deadline", "elapsed", "workday", "workdays", "calendar", "catalog", "validate", "schema", "complaint"}
    | {"notice", "score", "form", "sla"}
)
"""Every subcommand (a test holds this equal to the parser's)."""


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command's parser; ``only`` builds that subcommand alone (the others parse nothing)."""
    json_help = "machine-readable output (also for errors: a JSON object on stdout)"
    lang_help = "language of messages, help and reports (default: from SERVSTD_LANG, else the locale)"
    common = _Parser(add_help=False)  # on subcommands: absent leaves a top-level --json in force
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=json_help)
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=lang_help)
    parser = _Parser(
        prog="servstd", description="Service standards, scoring and exact working-day SLA deadlines.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=lang_help)
    parser.add_argument("--version", action=_VersionAction)
    sub: argparse._SubParsersAction[_Parser] = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, func: str, example: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _UNBUILT
        p = sub.add_parser(name, help=help_, description=help_, parents=[common], epilog=f"example:\n  {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
        p.set_defaults(func=func)
        return p

    p = add(
        "deadline",
        "when is it due?",
        "time_commands:cmd_deadline",
        'servstd deadline "2026-09-30 16:00" 3个工作日',
    )
    p.add_argument(
        "received",
        help="when it was received: ISO 8601, '2026-09-30 16:00' or '2026年9月30日 16:00' (in --tz)",
    )
    p.add_argument(
        "duration", help="3个工作日, 48小时, 2日, 3个自然日, 当天, 在到期日前5个工作日内, '4 business hours'…"
    )
    _clock_options(p)
    p.add_argument(
        "--end-of-day",
        choices=["close", "midnight"],
        default=None,
        help="a last day ends at close of business or at 24:00 (default: close, 24:00 for 自然日)",
    )
    p.add_argument(
        "--move-off-rest-day",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="Civil Code Art. 203: a period whose last day is a rest day ends on the next working day "
        "(default: yes for 日/月/年, no for 自然日)",
    )
    p.add_argument("--cutoff", help="receipt cut-off HH:MM: received later counts from the next working day")
    p.add_argument("--count-start-day", action="store_true", help="count the day of receipt as day 1")

    p = add(
        "elapsed",
        "business time between two instants",
        "time_commands:cmd_elapsed",
        'servstd elapsed "2026-09-30 17:00" "2026-10-08 10:00"',
    )
    p.add_argument("start", help="the first instant (same forms as deadline's received)")
    p.add_argument("end", help="the second instant; before start gives a negative time")
    _clock_options(p)

    p = add(
        "workday", "is this date a working day?", "time_commands:cmd_workday", "servstd workday 2026-02-14"
    )
    p.add_argument("date", help="a date: 2026-02-14, 2026/2/14, 2026年2月14日 or today")
    _region_options(p)

    p = add(
        "workdays",
        "how many working days between two dates? (like NETWORKDAYS with --inclusive)",
        "time_commands:cmd_workdays",
        "servstd workdays 2026-09-30 2026-10-10 --inclusive",
    )
    p.add_argument("start", metavar="FROM", help="the first date (counted); 'today' for today")
    p.add_argument(
        "end", metavar="TO", help="the last date: not counted ([FROM, TO)), or counted with --inclusive"
    )
    p.add_argument(
        "--inclusive",
        action="store_true",
        help="count both FROM and TO, as Excel's NETWORKDAYS does (default: [FROM, TO), as working_days_between)",
    )
    _region_options(p)

    p = add(
        "calendar",
        "a year's or month's working calendar",
        "time_commands:cmd_calendar",
        "servstd calendar 2026 --month 10",
    )
    p.add_argument("year", help="the year (1–9999)")
    p.add_argument("--month", metavar="1-12", help="one month instead of the whole year")
    _region_options(p)
    p.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour holidays and make-up days (auto: on a terminal, unless NO_COLOR is set)",
    )

    _document_commands(add)
    _notice_commands(add)
    _inspection_commands(add)
    _calendar_export_command(sub, common)
    _sla_commands(add)
    parser.set_defaults(commands=tuple(sorted(COMMANDS)))  # named when no command is given
    return parser


def _document_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands about documents: catalog, validate, schema, complaint."""
    p = add(
        "catalog",
        "the shipped standards and policies",
        "document_commands:cmd_catalog",
        "servstd catalog show hotel-service-quality-inspection",
    )
    p.add_argument(
        "action",
        choices=["list", "show", "export", "search"],
        help="list [KIND], show ID, export ID or search WORD",
    )
    p.add_argument(
        "id",
        nargs="?",
        help="a catalog id (show, export), a kind to list (standard, sla-policy…) or a word to search for",
    )
    p.add_argument(
        "--format",
        choices=["yaml", "json", "toml"],
        help="document format for show and export (default yaml)",
    )

    p = add(
        "validate",
        "check a document; exit 1 listing every problem",
        "document_commands:cmd_validate",
        "servstd validate my-standard.yaml",
    )
    p.add_argument("file", help="a standard, inspection or policy document (YAML/JSON/TOML)")

    p = add(
        "schema",
        "print a document JSON Schema",
        "document_commands:cmd_schema",
        "servstd schema standard > standard.schema.json",
    )
    p.add_argument(
        "kind", choices=["standard", "inspection", "policy", "complaint-policy"], help="the document kind"
    )

    p = add("complaint", "complaint stage deadlines", "complaint_commands:cmd_complaint",
            'servstd complaint timeline --policy property-complaints --tier 重大 --received "2026-09-30 16:00"')  # fmt: skip
    p.add_argument("action", choices=["timeline"], help="timeline: every stage's deadline")
    p.add_argument("--policy", default="property-complaints", help="catalog id or file")
    p.add_argument("--tier", help="tier code or name (重大/重要/轻微)")
    p.add_argument("--category", help="classify by category instead (服务态度, 产品质量…)")
    p.add_argument("--received", required=True, help="when the complaint was received (in --tz)")
    p.add_argument("--customer-deadline", help="the resident's requested deadline (an instant, in --tz)")
    p.add_argument("--now", help="show the time left to each stage at this instant (in --tz)")
    p.add_argument("--tz", default="Asia/Shanghai", help="IANA time zone of instants without an offset")
    p.add_argument("--explain", action="store_true", help="print every stage's explanation")


def _notice_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """``servstd notice check|add|remove|list``: holiday notices and the notice folders."""
    p = add(
        "notice",
        "check, add, remove and list State Council holiday notices",
        "notice_commands:cmd_notice",
        "servstd notice check 2027.txt",
    )
    p.add_argument(
        "action",
        choices=["check", "add", "remove", "list"],
        help="check: read and check against the law; add: check, then copy into the data folder; "
        "remove: take a year's notices (or one file) out of it again; list: what is read",
    )
    p.add_argument("file", nargs="?", help="the notice text file (check, add); a YEAR or a FILE (remove)")
    p.add_argument(
        "--partial", action="store_true", help="read a notice that is not complete as an amendment"
    )
    p.add_argument("--year", type=int, help="the year, for a text without its title")


def _inspection_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands about inspections: form, score."""
    p = add(
        "form",
        "an inspection form to print or fill in (xlsx, csv, Markdown, HTML)",
        "inspection_commands:cmd_form",
        "servstd form property-cs-quality-inspection -o 检查表.xlsx",
    )
    p.add_argument("standard", help="a catalog id or a standard file")
    p.add_argument(
        "--format",
        choices=["xlsx", "csv", "markdown", "html", "json"],
        help="default: from -o, else markdown (--json: the form as JSON)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the form to FILE (.xlsx, .csv, .md, .html, .json)"
    )
    p.add_argument("--no-bom", action="store_true", help=BOM_HELP)

    p = add(
        "score",
        "score an inspection (YAML/JSON or a filled xlsx/csv form), or many with --aggregate",
        "inspection_commands:cmd_score",
        "servstd score property-cs-quality-inspection 检查表.xlsx",
    )
    p.add_argument("standard", help="a catalog id or a standard file")
    p.add_argument(
        "inspection", help="an inspection (YAML/JSON/xlsx/csv), or with --aggregate a folder or workbook"
    )
    p.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="report format (default text)"
    )
    p.add_argument("--aggregate", action="store_true", help="score every inspection and print the aggregate")
    p.add_argument(
        "--by", default="site,month", help="group the aggregate by (site, month, year, inspector, grade)"
    )
    p.add_argument(
        "--chart", metavar="FILE", help="with --aggregate: draw score per site over months (.png, .svg)"
    )
    p.add_argument("--font", metavar="NAME|FILE", help="the chart's font (default: a Chinese font installed)")
    p.add_argument(
        "--annotate", metavar="OUT.xlsx", help="copy a filled xlsx form with points and totals filled in"
    )


class _CalendarParser(_Parser):
    """``servstd calendar``: the year view, or ``calendar export …`` when the first word is ``export``."""

    def __init__(self, by_year: argparse.ArgumentParser, export: argparse.ArgumentParser) -> None:
        super().__init__(prog=by_year.prog, add_help=False)
        self.by_year = by_year
        self.export = export

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if args and args[0] == "export":
            return self.export.parse_known_args(list(args[1:]), namespace)
        return self.by_year.parse_known_args(args, namespace)


def _calendar_export_command(
    sub: argparse._SubParsersAction[_Parser], common: argparse.ArgumentParser
) -> None:
    """``servstd calendar export FROM_YEAR TO_YEAR --format … -o FILE`` beside ``servstd calendar YEAR``."""
    by_year = sub.choices.get("calendar")
    if by_year is None:  # another subcommand was named
        return
    help_ = "the calendar and the clock as tables for a database (days, open intervals, macros)"
    p = _Parser(
        prog=f"{by_year.prog} export", description=help_, parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  servstd calendar export 2020 2026 --format duckdb -o cal.duckdb\n"
        "  (csv and parquet write one file per table into the folder -o names)",
    )  # fmt: skip
    p.set_defaults(func="export_commands:cmd_calendar_export")
    p.add_argument("from_year", metavar="FROM_YEAR", help="the first year exported (1–9999)")
    p.add_argument("to_year", metavar="TO_YEAR", help="the last year exported")
    p.add_argument(
        "--format",
        required=True,
        choices=["csv", "parquet", "sql", "duckdb", "sqlite"],
        help="a database file (duckdb, sqlite), portable SQL, or tables as files (csv, parquet)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="a file (a folder for csv, parquet)")
    p.add_argument("--no-bom", action="store_true", help=BOM_HELP)
    _clock_options(p)
    by_year.epilog = f"{by_year.epilog}\n  servstd calendar export 2020 2026 --format duckdb -o cal.duckdb"
    sub.choices["calendar"] = _CalendarParser(by_year, p)


def _sla_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands about SLA compliance over case tables: sla report."""
    p = add("sla", "SLA compliance of a ticket export (CSV, XLSX, Parquet)", "sla_commands:cmd_sla",
            "servstd sla report cases.csv --policy insurance-claims-sla --by tier,month --chart review.png")  # fmt: skip
    p.add_argument("action", choices=["report"], help="report: met, breached, at risk and open per group")
    p.add_argument("cases", help="the case table: one row per case (.csv, .xlsx, .parquet)")
    p.add_argument("--events", help="a table of events: case, kind, at, metric, approver, new_target")
    p.add_argument("--policy", required=True, help="catalog id or policy file")
    p.add_argument("--now", help="evaluate as of this instant (default: the current time)")
    p.add_argument(
        "--by", default="month", help="group by these columns, comma-separated; 'month' = month of receipt"
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "markdown"],
        default="text",
        help="report format (default text)",
    )
    p.add_argument("--chart", metavar="FILE", help="draw met %% per month and lateness to a .png or .svg")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of the screen")
    p.add_argument("--no-bom", action="store_true", help=BOM_HELP)
    p.add_argument("--font", metavar="NAME|FILE", help="the chart's font (default: a Chinese font installed)")
    p.add_argument("--tz", help="the zone of times written without an offset (otherwise they are an error)")
    p.add_argument("--case-id", default="case", help="the id column (default: case)")
    p.add_argument("--received", default="received_at", help="the receipt column (default: received_at)")


# -- running -------------------------------------------------------------------------------------


def _debug() -> bool:
    """Whether ``SERVSTD_DEBUG`` asks for tracebacks: 1, true, yes or on (0, false, no, off and
    empty do not)."""
    return os.environ.get("SERVSTD_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def _wants_json(argv: Sequence[str]) -> bool:
    """``--json`` among the options (before a ``--``)."""
    return "--json" in (argv[: list(argv).index("--")] if "--" in argv else argv)


def _with_hint(message: str, hint: str | None) -> str:
    """``message``, followed by ``hint`` where there is one."""
    return t("{message}; {hint}", message=message, hint=hint) if hint else message


def _report(
    out: Stream,
    err: Stream,
    *,
    as_json: bool,
    kind: str,
    message: str,
    problems: Sequence[object] = (),
    code: str | None = None,
) -> None:
    """One error: a line on stderr and, with ``--json``, an object on stdout."""
    err.say(f"servstd: {message}")  # (the program's name stays as typed)
    if as_json:
        with contextlib.suppress(OutputBrokenError, OutputClosedError):
            out.write(error_json(kind, message, problems, code))
            out.flush()


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command; returns the exit status (0 ok, 1 bad input, 2 bad usage)."""
    out = Stream(stdout if stdout is not None else sys.stdout, real=stdout is None)
    err = Stream(stderr if stderr is not None else sys.stderr, real=stderr is None)
    argv = list(argv) if argv is not None else sys.argv[1:]
    as_json = _wants_json(argv)
    token = LANGUAGE.set(command_language(argv, os.environ))
    try:
        return _main(argv, out, err, as_json)
    except OutputBrokenError:  # the reader went away (| head -1): nothing more to say
        out.silence()
        return 0
    except OutputClosedError as exc:  # a full disk, a closed stdout
        out.silence()
        err.say("servstd: " + t("cannot write the output: {reason}", reason=translate(str(exc), language())))
        return 1
    except KeyboardInterrupt:
        err.say("servstd: " + t("interrupted"))
        return 130
    finally:
        LANGUAGE.reset(token)


def _main(argv: list[str], out: Stream, err: Stream, as_json: bool) -> int:
    parser = _parser(_named_command(argv))
    try:
        with contextlib.redirect_stdout(out):  # --help and --version write here
            args = parser.parse_args(argv)
    except _ArgumentsError as exc:
        hint = unquoted_instant(argv, language())
        see = t("{message} (see '{prog} --help')", message=exc, prog=exc.parser.prog)
        _report(
            out, err, as_json=as_json, kind="UsageError", message=_with_hint(str(exc), hint) if hint else see
        )
        return 2
    except SystemExit as exc:  # --help and --version
        out.flush()
        return int(exc.code or 0)
    args.stdout = out
    args.lang = language()
    if not getattr(args, "func", None):  # the help for a person, the error line (or JSON) for a script
        if not as_json:
            parser.print_help(out)
        commands = ", ".join(args.commands)
        _report(out, err, as_json=as_json, kind="UsageError",
                message=t("no command given; one of: {commands} (see 'servstd --help')", commands=commands))  # fmt: skip
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = _run(args.func, args)
            out.flush()
        except UsageError as exc:
            _report(out, err, as_json=as_json, kind="UsageError", message=translate(str(exc), language()))
            code = 2
        except ServstdError as exc:
            hint = unquoted_instant(argv, language())
            _report(
                out,
                err,
                as_json=as_json,
                kind=type(exc).__name__,
                message=_with_hint(command_line_message(exc, language()), hint),
                problems=exc.problems,
                code=exc.code,
            )
            code = 1
        except (OutputBrokenError, OutputClosedError, KeyboardInterrupt):
            raise
        except OverflowError as exc:  # datetime arithmetic beyond year 9999 (or before year 1)
            message = t(
                "the answer falls outside the years servstd can represent (1–9999): {reason}", reason=exc
            )
            _report(out, err, as_json=as_json, kind="OverflowError", message=message)
            code = 1
        except Exception as exc:
            if _debug():
                raise
            message = t(
                "internal error: {type}: {reason} — this is a bug in servstd; please report "
                "it with the command line (SERVSTD_DEBUG=1 shows the traceback)",
                type=type(exc).__name__,
                reason=exc,
            )
            _report(out, err, as_json=as_json, kind="InternalError", message=message)
            code = 1
        finally:
            seen: set[str] = set()
            for w in caught:
                text = " ".join(str(w.message).split())
                if text not in seen:
                    seen.add(text)
                    err.say(t("warning: {text}", text=translate(text, language())))
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
