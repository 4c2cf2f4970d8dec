"""The ``servstd`` command: a thin layer over the library (parse, call, render).

Every subcommand takes ``--json``. Errors print one line and exit 1 (bad input) or 2 (bad usage).
The parser is built from argparse alone; a subcommand's module (and the part of the library it
needs) is imported only when that subcommand runs, so ``servstd workday`` loads the calendar and
nothing of the document layer.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from servstd._lazy import installed_version
from servstd.cli._common import UsageError
from servstd.errors import ServstdError

__all__ = ["main"]

EXAMPLES = """examples:
  servstd deadline "2026-09-30 16:00" 3个工作日
  servstd deadline "2026-09-30T16:00+08:00" 48小时 --json
  servstd elapsed "2026-09-30 17:00" "2026-10-08 10:00"
  servstd workday 2026-02-14
  servstd calendar 2026 --month 10
  servstd catalog list
  servstd score property-cs-quality-inspection inspection.yaml --format markdown
  servstd complaint timeline --policy property-complaints --tier 重大 --received "2026-09-30 16:00"
  servstd sla report cases.csv --policy insurance-claims-sla --by tier,month --chart review.png
"""


class _VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        parser.exit(message=f"servstd {installed_version('servstd')}\n")


def _run(handler: str, args: argparse.Namespace) -> int:
    """Import the subcommand's module (``"module:function"`` inside ``servstd.cli``) and run it."""
    module, _, name = handler.partition(":")
    func: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"servstd.cli.{module}"), name
    )
    return int(func(args))


# -- parser --------------------------------------------------------------------------------------


def _clock_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", default="CN", help="CN (default), HK, MO, TW, weekdays or 7x24")
    p.add_argument(
        "--hours",
        default="09:00-12:00,13:00-18:00",
        help="business hours, e.g. '09:00-12:00,13:30-18:00' or '24h'",
    )
    p.add_argument("--tz", default="Asia/Shanghai", help="IANA time zone (default Asia/Shanghai)")
    p.add_argument("--lenient", action="store_true", help="estimate years outside the calendar's coverage")
    _overlay_options(p)


def _overlay_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--notice", action="append", metavar="FILE", help="a State Council holiday notice (text) to apply"
    )
    p.add_argument(
        "--overlay", action="append", metavar="FILE", help="an overlay document (YAML/JSON) to apply"
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    parser = argparse.ArgumentParser(
        prog="servstd", description="Service standards, scoring and exact working-day SLA deadlines.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common],
    )  # fmt: skip
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, func: str, example: str) -> argparse.ArgumentParser:
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
    p.add_argument("received", help="when it was received: ISO 8601 or '2026-09-30 16:00' (in --tz)")
    p.add_argument("duration", help="3个工作日, 48小时, 2日, 当天, '4 business hours'…")
    _clock_options(p)
    p.add_argument("--end-of-day", choices=["close", "midnight"], default="close")
    p.add_argument("--cutoff", help="receipt cut-off, e.g. 17:00")
    p.add_argument("--count-start-day", action="store_true")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")

    p = add(
        "elapsed",
        "business time between two instants",
        "time_commands:cmd_elapsed",
        'servstd elapsed "2026-09-30 17:00" "2026-10-08 10:00"',
    )
    p.add_argument("start")
    p.add_argument("end")
    _clock_options(p)

    p = add(
        "workday", "is this date a working day?", "time_commands:cmd_workday", "servstd workday 2026-02-14"
    )
    p.add_argument("date")
    p.add_argument("--region", default="CN")
    p.add_argument("--lenient", action="store_true")
    _overlay_options(p)

    p = add(
        "calendar",
        "a year's or month's working calendar",
        "time_commands:cmd_calendar",
        "servstd calendar 2026 --month 10",
    )
    p.add_argument("year", type=int)
    p.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12")
    p.add_argument("--region", default="CN")
    p.add_argument("--lenient", action="store_true")
    _overlay_options(p)
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")

    _document_commands(add)
    _sla_commands(add)
    return parser


def _document_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands about documents: score, catalog, validate, schema, complaint."""
    p = add(
        "score",
        "score an inspection",
        "document_commands:cmd_score",
        "servstd score property-cs-quality-inspection inspection.yaml",
    )
    p.add_argument("standard", help="a catalog id or a standard file")
    p.add_argument("inspection", help="an inspection file (YAML/JSON)")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    p = add(
        "catalog",
        "the shipped standards and policies",
        "document_commands:cmd_catalog",
        "servstd catalog show hotel-service-quality-inspection",
    )
    p.add_argument("action", choices=["list", "show", "export"])
    p.add_argument("id", nargs="?")
    p.add_argument("--format", choices=["yaml", "json", "toml"], default="yaml")

    p = add(
        "validate",
        "check a document; exit 1 listing every problem",
        "document_commands:cmd_validate",
        "servstd validate my-standard.yaml",
    )
    p.add_argument("file")

    p = add(
        "schema",
        "print a document JSON Schema",
        "document_commands:cmd_schema",
        "servstd schema standard > standard.schema.json",
    )
    p.add_argument("kind", choices=["standard", "inspection", "policy", "complaint-policy"])

    p = add("complaint", "complaint stage deadlines", "complaint_commands:cmd_complaint",
            'servstd complaint timeline --policy property-complaints --tier 重大 --received "2026-09-30 16:00"')  # fmt: skip
    p.add_argument("action", choices=["timeline"])
    p.add_argument("--policy", default="property-complaints", help="catalog id or file")
    p.add_argument("--tier", help="tier code or name (重大/重要/轻微)")
    p.add_argument("--category", help="classify by category instead (服务态度, 产品质量…)")
    p.add_argument("--received", required=True)
    p.add_argument("--customer-deadline", help="the resident's requested deadline")
    p.add_argument("--tz", default="Asia/Shanghai")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--explain", action="store_true", help="print every stage's explanation")


def _sla_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands about SLA compliance over case tables: sla report."""
    p = add("sla", "SLA compliance of a ticket export (CSV, XLSX, Parquet)", "sla_commands:cmd_sla",
            "servstd sla report cases.csv --policy insurance-claims-sla --by tier,month --chart review.png")  # fmt: skip
    p.add_argument("action", choices=["report"])
    p.add_argument("cases", help="the case table: one row per case (.csv, .xlsx, .parquet)")
    p.add_argument("--events", help="a table of events: case, kind, at, metric, approver, new_target")
    p.add_argument("--policy", required=True, help="catalog id or policy file")
    p.add_argument("--now", help="evaluate as of this instant (default: the current time)")
    p.add_argument(
        "--by", default="month", help="group by these columns, comma-separated; 'month' = month of receipt"
    )
    p.add_argument("--format", choices=["text", "json", "csv", "markdown"], default="text")
    p.add_argument("--chart", metavar="FILE", help="draw met %% per month and lateness to a .png or .svg")
    p.add_argument("--tz", help="the zone of times written without an offset (otherwise they are an error)")
    p.add_argument("--case-id", default="case", help="the id column (default: case)")
    p.add_argument("--received", default="received_at", help="the receipt column (default: received_at)")


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command; returns the exit status (0 ok, 1 bad input, 2 bad usage)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code or 0)
    args.stdout = out
    if not getattr(args, "func", None):
        parser.print_help(out)
        return 2
    try:
        return _run(args.func, args)
    except UsageError as exc:
        err.write(f"servstd: {exc}\n")
        return 2
    except ServstdError as exc:
        err.write(f"servstd: {exc}\n")
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
