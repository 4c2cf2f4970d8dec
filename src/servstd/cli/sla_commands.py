"""The ``sla`` subcommands: a compliance report over a ticket export (CSV, XLSX, Parquet).

Loads pandas (``servstd[pandas]``) and, for ``--chart``, matplotlib (``servstd[charts]``) only
when it runs; no other subcommand needs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from servstd._atomic import output_file, write_atomically, writing
from servstd._extras import require, table_extras
from servstd.cli._common import BOM, UsageError, instant
from servstd.errors import DocumentError, UnknownNameError
from servstd.sla import batch
from servstd.sla.policy.sla_policy import SLAPolicy

__all__ = ["cmd_sla"]


def cmd_sla(args: argparse.Namespace) -> int:
    # everything the report needs, checked before any of it loads: one error naming one extra
    require("servstd sla report", *table_extras(args.cases, args.events), *(["charts"] if args.chart else []))
    try:
        policy = (
            SLAPolicy.read(Path(args.policy))
            if Path(args.policy).is_file()
            else SLAPolicy.from_catalog(args.policy)
        )
    except UnknownNameError as exc:  # only the SLA policies are listed: the option is named
        raise UnknownNameError(args.policy, "--policy", exc.accepted or (), kind=exc.kind) from None
    tz = args.tz or "Asia/Shanghai"
    now = instant(args.now, tz, "--now") if args.now else dt.datetime.now(dt.timezone.utc)
    by = [k.strip() for k in args.by.split(",") if k.strip()] if args.by else []
    if args.chart and Path(args.chart).suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--chart {args.chart}: give a .png or .svg file")
    try:
        rep = batch.report(
            policy, args.cases, args.events, now=now, by=by, case_id=args.case_id, received=args.received,
            assume_tz=args.tz,
        )  # fmt: skip
    except DocumentError as exc:  # the library names the table by its parameter; here, by its file
        files = {"cases": args.cases, "events": args.events}
        if exc.source not in files or files[exc.source] is None:
            raise
        raise DocumentError(str(files[exc.source]), exc.problems, code=exc.code) from None
    fmt = "json" if args.json else args.format
    text = {"text": rep.to_text, "json": rep.to_json, "csv": rep.to_csv, "markdown": rep.to_markdown}[fmt]()
    text = text.rstrip("\n") + "\n"
    if fmt == "csv" and not args.no_bom:
        text = BOM + text  # Excel reads UTF-8 only after a byte-order mark
    if args.output:
        target = output_file(args.output)
        with writing(target):
            write_atomically(target, text.encode("utf-8"))
        args.stdout.write(
            json.dumps({"file": str(target), "format": fmt}) + "\n"
            if args.json
            else f"{fmt} report written to {target}\n"
        )
    else:
        args.stdout.write(text)
    if args.chart:
        rep.chart(args.chart, font=args.font)
        if fmt == "text":
            args.stdout.write(f"chart written to {args.chart}\n")
    return 0
