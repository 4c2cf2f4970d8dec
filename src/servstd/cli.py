"""The ``servstd`` command: a thin layer over the library (parse, call, render).

Every subcommand takes ``--json``. Errors print one line and exit 1 (bad input) or 2 (bad usage).
"""

from __future__ import annotations

import argparse
import calendar as _calendar
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import pendulum
import yaml

from servstd import __version__
from servstd._documents import read_document
from servstd.errors import DocumentError, ServstdError
from servstd.scoring import load_inspection, score
from servstd.scoring.inspection import InspectionDoc
from servstd.sla import (
    BusinessHours,
    ComplaintPolicy,
    DayKind,
    DeadlineRule,
    ServiceClock,
    SLAPolicy,
    WorkCalendar,
    parse_duration,
)
from servstd.sla.complaint import ComplaintPolicyDoc
from servstd.sla.policy import PolicyDoc
from servstd.sla.work_calendar import as_date
from servstd.standards import Standard, catalog, dump, json_schema, load

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
"""


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


def _instant(text: str, tz: str) -> dt.datetime:
    """ISO 8601 (with or without offset) or "2026-09-30 16:00"; without an offset, read in ``tz``."""
    try:
        parsed: object = pendulum.parse(text.strip(), tz=tz, strict=False)
    except Exception as exc:  # pendulum raises several types for bad text
        raise UsageError(f"cannot read the instant {text!r}; use ISO 8601 or '2026-09-30 16:00'") from exc
    if not isinstance(parsed, dt.datetime):
        raise UsageError(f"{text!r} is not an instant; give a date and a time, e.g. '2026-09-30 16:00'")
    return dt.datetime(
        parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second, parsed.microsecond,
        tzinfo=parsed.tzinfo,
    )  # fmt: skip


def _with_overlays(cal: WorkCalendar, args: argparse.Namespace) -> WorkCalendar:
    """The calendar with every --notice (State Council notice text) and --overlay (YAML/JSON) file."""
    for path in getattr(args, "notice", None) or []:
        if not Path(path).is_file():
            raise UsageError(f"no notice file {path!r}")
        cal = cal.with_notice(Path(path).read_text(encoding="utf-8"))
    for path in getattr(args, "overlay", None) or []:
        if not Path(path).exists():
            raise UsageError(f"no overlay file {path!r}")
        cal = cal.with_overlay(Path(path))
    return cal


def _clock(args: argparse.Namespace) -> ServiceClock:
    region = args.region.upper()
    if region in ("MON-FRI", "WEEKDAYS"):
        cal = WorkCalendar.weekdays()
    elif region in ("7X24", "EVERY-DAY", "ALL"):
        cal = WorkCalendar.every_day()
    else:
        cal = WorkCalendar.for_region(region, strict=not args.lenient)
    cal = _with_overlays(cal, args)
    hours = (
        BusinessHours.always() if args.hours in ("24h", "always", "7x24") else BusinessHours.parse(args.hours)
    )
    return ServiceClock(cal, hours, args.tz)


def _fmt(t: dt.datetime) -> str:
    off = t.strftime("%z")
    return f"{t:%Y-%m-%d %H:%M} ({off[:3]}:{off[3:]})"


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    stream: TextIO = args.stdout
    if args.json:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        stream.write(text.rstrip("\n") + "\n")


# -- subcommands ---------------------------------------------------------------------------------


def cmd_deadline(args: argparse.Namespace) -> int:
    clock = _clock(args)
    received = _instant(args.received, args.tz)
    cutoff = None
    if args.cutoff:
        try:
            cutoff = dt.time.fromisoformat(args.cutoff)
        except ValueError as exc:
            raise UsageError(f"bad --cutoff {args.cutoff!r}; use HH:MM") from exc
    rule = DeadlineRule(
        parse_duration(args.duration),
        end_of_day=args.end_of_day,
        cutoff=cutoff,
        count_start_day=args.count_start_day,
    )
    dl = clock.deadline(received, rule)
    data = {
        "received": dl.received.isoformat(), "due": dl.due.isoformat(), "rule": str(rule.duration),
        "rule_en": rule.duration.en, "end_of_day": rule.end_of_day, "cutoff": args.cutoff,
        "count_start_day": rule.count_start_day, "last_day": dl.last_day, "moved_from": dl.moved_from,
        "skipped": [{"date": s.date.isoformat(), "kind": s.kind.value, "name": s.name} for s in dl.skipped],
        "explanation_zh": list(dl.lines_zh), "explanation_en": list(dl.lines_en),
    }  # fmt: skip
    _out(args, data, f"{_fmt(dl.due)}\n\n{dl.explain(args.lang)}")
    return 0


def cmd_elapsed(args: argparse.Namespace) -> int:
    clock = _clock(args)
    a, b = _instant(args.start, args.tz), _instant(args.end, args.tz)
    d = clock.elapsed(a, b)
    seconds = d // dt.timedelta(seconds=1)
    sign = "-" if seconds < 0 else ""
    h, rem = divmod(abs(seconds), 3600)
    text = f"{sign}{h}:{rem // 60:02d}:{rem % 60:02d} of business time ({sign}{abs(seconds)} s)"
    _out(args, {"start": a.isoformat(), "end": b.isoformat(), "seconds": seconds, "text": text}, text)
    return 0


def _calendar_for(args: argparse.Namespace) -> WorkCalendar:
    return _with_overlays(WorkCalendar.for_region(args.region, strict=not args.lenient), args)


def cmd_workday(args: argparse.Namespace) -> int:
    cal = _calendar_for(args)
    d = as_date(args.date, "date")
    kind = cal.day_kind(d)
    name_zh, name_en = cal.holiday_name(d, "zh"), cal.holiday_name(d, "en")
    name = f" — {name_zh} / {name_en}" if name_zh else ""
    text = f"{d.isoformat()} ({'一二三四五六日'[d.weekday()]}): {kind.zh} / {kind.en}{name}"
    data = {
        "date": d.isoformat(),
        "working": kind.is_working,
        "kind": kind.value,
        "name_zh": name_zh,
        "name_en": name_en,
    }
    _out(args, data, text)
    return 0


_COLORS = {DayKind.HOLIDAY: "\033[1;31m", DayKind.MAKEUP_WORKDAY: "\033[1;34m", DayKind.WEEKEND: "\033[2m"}


def cmd_calendar(args: argparse.Namespace) -> int:
    cal = _calendar_for(args)
    months = [args.month] if args.month else list(range(1, 13))
    color = args.color == "always" or (
        args.color == "auto" and args.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    lines = []
    data: dict[str, Any] = {"year": args.year, "region": cal.region, "days": []}
    for m in months:
        # a cell is 5 terminal columns: the day (2), a mark (休/班 are double width, else 2 spaces), a space
        lines.append(" " * 14 + f"{args.year}年{m}月")
        lines.append("".join(f" {w}  " for w in "一二三四五六日").rstrip())
        for week in _calendar.Calendar().monthdatescalendar(args.year, m):
            cells = []
            for d in week:
                if d.month != m:
                    cells.append("     ")
                    continue
                kind = cal.day_kind(d)
                mark = {DayKind.HOLIDAY: "休", DayKind.MAKEUP_WORKDAY: "班"}.get(kind, "  ")
                cell = f"{d.day:>2}{mark}"
                if color and kind in _COLORS:
                    cell = f"{_COLORS[kind]}{cell}\033[0m"
                cells.append(cell + " ")
                if kind in (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY):
                    data["days"].append(
                        {"date": d.isoformat(), "kind": kind.value, "name": cal.holiday_name(d)}
                    )
            lines.append("".join(cells).rstrip())
        lines.append("")
    lines.append("休 = holiday (放假)   班 = make-up working day (调休上班)")
    _out(args, data, "\n".join(lines))
    return 0


def _standard(ref: str) -> Standard:
    if ref in catalog().ids():
        return catalog().get(ref)
    if Path(ref).exists():
        return load(Path(ref))
    raise UsageError(f"{ref!r} is neither a catalog id nor a file; see 'servstd catalog list'")


def cmd_score(args: argparse.Namespace) -> int:
    std = _standard(args.standard)
    if not Path(args.inspection).exists():
        raise UsageError(f"no inspection file {args.inspection!r}")
    report = score(std, load_inspection(Path(args.inspection)))
    if args.json:
        args.stdout.write(report.to_json() + "\n")
    else:
        args.stdout.write(report.render(args.format).rstrip("\n") + "\n")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    c = catalog()
    if args.action == "list":
        rows = []
        for i in c.ids():
            kind = c.kind(i)
            title = str(c.data(i).get("title", ""))
            rows.append({"id": i, "kind": kind, "title": title})
        width = max(len(r["id"]) for r in rows)
        _out(args, rows, "\n".join(f"{r['id']:<{width}}  {r['kind']:<16}  {r['title']}" for r in rows))
        return 0
    if not args.id:
        raise UsageError(f"'catalog {args.action}' needs an id; see 'servstd catalog list'")
    if c.kind(args.id) != "standard":
        data = c.data(args.id)
        _out(
            args,
            data,
            json.dumps(data, ensure_ascii=False, indent=2) if args.format == "json" else dump_policy(data),
        )
        return 0
    std = c.get(args.id)
    if args.action == "export":
        args.stdout.write(dump(std, "json" if args.json else args.format))
        return 0
    lines = [
        f"{std.title} ({std.id} v{std.version})",
        f"source: {std.source}   scheme: {std.scheme.value}   max: {std.max_points}",
    ]
    for sec in std.walk_sections():
        lines.append(
            f"  [{sec.id}] {sec.title}" + (f" ({sec.max_points} 分)" if sec.max_points is not None else "")
        )
        lines.extend(f"    {it.code}  {it.text}" for it in sec.items)
    lines.extend(f"  {cr.name}  weight {cr.weight}  {cr.text}" for cr in std.criteria)
    _out(args, json.loads(dump(std, "json")), "\n".join(lines))
    return 0


def dump_policy(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        raise UsageError(f"no file {args.file!r}")
    data, _ = read_document(path)
    kind = data.get("kind", "standard") if isinstance(data, dict) else "standard"
    if (isinstance(data, dict) and "findings" in data) or (isinstance(data, dict) and "measurements" in data):
        kind = "inspection"
    loaders: dict[str, Callable[[Path], object]] = {
        "standard": load, "inspection": load_inspection,
        "sla-policy": SLAPolicy.load, "complaint-policy": ComplaintPolicy.load,
    }  # fmt: skip
    try:
        loaders.get(kind, load)(path)
    except DocumentError as exc:
        problems = [{"path": p.path, "message": p.message} for p in exc.problems]
        _out(args, {"file": str(path), "kind": kind, "valid": False, "problems": problems}, str(exc))
        return 1
    _out(args, {"file": str(path), "kind": kind, "valid": True, "problems": []}, f"{path}: valid {kind}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    schemas: dict[str, Callable[[], dict[str, Any]]] = {
        "standard": json_schema,
        "inspection": InspectionDoc.model_json_schema,
        "policy": lambda: PolicyDoc.model_json_schema(by_alias=True),
        "complaint-policy": ComplaintPolicyDoc.model_json_schema,
    }
    args.stdout.write(json.dumps(schemas[args.kind](), ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_complaint(args: argparse.Namespace) -> int:
    policy = (
        ComplaintPolicy.from_catalog(args.policy)
        if not Path(args.policy).exists()
        else ComplaintPolicy.load(Path(args.policy))
    )
    received = _instant(args.received, args.tz)
    asked = _instant(args.customer_deadline, args.tz) if args.customer_deadline else None
    if not args.tier and not args.category:
        raise UsageError("give --tier or --category")
    tl = policy.timeline(received, args.tier, category=args.category, customer_deadline=asked)
    rows = [
        {
            "stage": s.stage.code,
            "name": s.stage.name,
            "due": s.due.isoformat(),
            "source": s.source,
            "approver": s.stage.approver,
            "explanation": s.explain(args.lang),
        }
        for s in tl.stages
    ]
    text = [f"{tl.tier.name} ({tl.tier.code}) — received {_fmt(tl.received)}", ""]
    text += [
        f"  {_fmt(s.due)}  {s.stage.name}"
        + (f"  [超时需经{s.stage.approver}批准]" if s.stage.approver else "")
        for s in tl.stages
    ]
    if args.explain:
        text += ["", tl.explain(args.lang)]
    _out(args, {"tier": tl.tier.code, "received": tl.received.isoformat(), "stages": rows}, "\n".join(text))
    return 0


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
    parser.add_argument("--version", action="version", version=f"servstd {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, help_: str, func: Callable[[argparse.Namespace], int], example: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, parents=[common], epilog=f"example:\n  {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
        p.set_defaults(func=func)
        return p

    p = add("deadline", "when is it due?", cmd_deadline, 'servstd deadline "2026-09-30 16:00" 3个工作日')
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
        cmd_elapsed,
        'servstd elapsed "2026-09-30 17:00" "2026-10-08 10:00"',
    )
    p.add_argument("start")
    p.add_argument("end")
    _clock_options(p)

    p = add("workday", "is this date a working day?", cmd_workday, "servstd workday 2026-02-14")
    p.add_argument("date")
    p.add_argument("--region", default="CN")
    p.add_argument("--lenient", action="store_true")
    _overlay_options(p)

    p = add(
        "calendar", "a year's or month's working calendar", cmd_calendar, "servstd calendar 2026 --month 10"
    )
    p.add_argument("year", type=int)
    p.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12")
    p.add_argument("--region", default="CN")
    p.add_argument("--lenient", action="store_true")
    _overlay_options(p)
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")

    _document_commands(add)
    return parser


def _document_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands about documents: score, catalog, validate, schema, complaint."""
    p = add(
        "score",
        "score an inspection",
        cmd_score,
        "servstd score property-cs-quality-inspection inspection.yaml",
    )
    p.add_argument("standard", help="a catalog id or a standard file")
    p.add_argument("inspection", help="an inspection file (YAML/JSON)")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    p = add(
        "catalog",
        "the shipped standards and policies",
        cmd_catalog,
        "servstd catalog show hotel-service-quality-inspection",
    )
    p.add_argument("action", choices=["list", "show", "export"])
    p.add_argument("id", nargs="?")
    p.add_argument("--format", choices=["yaml", "json", "toml"], default="yaml")

    p = add(
        "validate",
        "check a document; exit 1 listing every problem",
        cmd_validate,
        "servstd validate my-standard.yaml",
    )
    p.add_argument("file")

    p = add(
        "schema", "print a document JSON Schema", cmd_schema, "servstd schema standard > standard.schema.json"
    )
    p.add_argument("kind", choices=["standard", "inspection", "policy", "complaint-policy"])

    p = add("complaint", "complaint stage deadlines", cmd_complaint,
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
        return int(args.func(args))
    except UsageError as exc:
        err.write(f"servstd: {exc}\n")
        return 2
    except DocumentError as exc:
        err.write(f"servstd: {exc}\n")
        return 1
    except ServstdError as exc:
        err.write(f"servstd: {exc}\n")
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
