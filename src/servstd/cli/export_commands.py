"""``servstd calendar export``: the calendar and the clock as tables for a database (servstd.sla.sql)."""

from __future__ import annotations

import argparse
import datetime as dt

from servstd.cli._common import clock_for, out
from servstd.errors import ServstdError
from servstd.sla.sql import export

__all__ = ["cmd_calendar_export"]


def cmd_calendar_export(args: argparse.Namespace) -> int:
    clock = clock_for(args)
    try:
        path = export(clock, (args.from_year, args.to_year), args.format, args.output)
    except ImportError as exc:  # an optional dependency (duckdb, pyarrow) is missing
        raise ServstdError(str(exc)) from exc
    days = (dt.date(args.to_year, 12, 31) - dt.date(args.from_year, 1, 1)).days + 1
    tables = "servstd_days, servstd_open_intervals, servstd_meta"
    where = f"{path}/ (one file per table)" if args.format in ("csv", "parquet") else str(path)
    text = (
        f"{where}: {tables}\n"
        f"{days} days, {args.from_year}–{args.to_year}; {clock.calendar.name}, {clock.hours}, {clock.tz}"
    )
    if args.format == "duckdb":
        text += "\nmacros: servstd_add_working_days, servstd_working_days_between, servstd_is_working_day,"
        text += " servstd_business_seconds, servstd_add_business_seconds"
    data = {
        "path": str(path), "format": args.format, "from_year": args.from_year, "to_year": args.to_year,
        "days": days, "calendar": clock.calendar.name, "hours": str(clock.hours), "tz": clock.tz,
    }  # fmt: skip
    out(args, data, text)
    return 0
