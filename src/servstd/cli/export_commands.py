"""``servstd calendar export``: the calendar and the clock as tables for a database (servstd.sla.sql)."""

from __future__ import annotations

import argparse
import datetime as dt

from servstd._input import parse_year
from servstd.cli._common import UsageError, clock_for, out
from servstd.sla.sql import export

__all__ = ["cmd_calendar_export"]


def cmd_calendar_export(args: argparse.Namespace) -> int:
    first, last = parse_year(args.from_year, "FROM_YEAR"), parse_year(args.to_year, "TO_YEAR")
    if last < first:
        raise UsageError(f"TO_YEAR ({last}) is before FROM_YEAR ({first})")
    clock = clock_for(args)
    # a missing extra: MissingExtraError; CSV opens in Excel unless --no-bom
    path = export(clock, (first, last), args.format, args.output, bom=not args.no_bom)
    days = (dt.date(last, 12, 31) - dt.date(first, 1, 1)).days + 1
    tables = "servstd_days, servstd_open_intervals, servstd_meta"
    where = f"{path}/ (one file per table)" if args.format in ("csv", "parquet") else str(path)
    text = f"{where}: {tables}\n{days} days, {first}–{last}; {clock.calendar.name}, {clock.hours}, {clock.tz}"
    if args.format == "duckdb":
        text += "\nmacros: servstd_add_working_days, servstd_working_days_between, servstd_is_working_day,"
        text += " servstd_business_seconds, servstd_add_business_seconds"
    data = {
        "path": str(path), "format": args.format, "from_year": first, "to_year": last,
        "days": days, "calendar": clock.calendar.name, "hours": str(clock.hours), "tz": clock.tz,
    }  # fmt: skip
    out(args, data, text)
    return 0
