"""``export(clock, years, format, path)``: the calendar and the clock as tables a database can join."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from servstd._atomic import output_file, output_folder, writing
from servstd.errors import InputTypeError, InputValueError
from servstd.sla.clock.service_clock import ServiceClock
from servstd.sla.sql._tables import build_tables
from servstd.sla.sql._writers import sql_script, write_csv, write_duckdb, write_parquet, write_sqlite

__all__ = ["FORMATS", "export"]

FORMATS = ("csv", "parquet", "sql", "duckdb", "sqlite")


def export(
    clock: ServiceClock,
    years: range | tuple[int, int] | int,
    format: str,
    path: str | Path,
    *,
    now: dt.datetime | None = None,
    bom: bool = False,
) -> Path:
    """Write ``servstd_days``, ``servstd_open_intervals`` and ``servstd_meta`` for ``years``.

    ``years`` is a ``range``, an inclusive ``(first, last)`` pair or one year. ``format`` is
    ``"duckdb"`` or ``"sqlite"`` (a database file at ``path``; the DuckDB file also holds the
    macros), ``"sql"`` (a portable script at ``path``), or ``"csv"`` / ``"parquet"`` (``path`` is a
    folder that receives one file per table). ``now`` fixes the export time recorded in
    ``servstd_meta`` (for reproducible files). ``bom=True`` starts each CSV file with a UTF-8
    byte-order mark, which Excel needs to read Chinese (``servstd calendar export`` writes one
    unless ``--no-bom``). Returns ``path``.

    >>> import contextlib, sqlite3, tempfile
    >>> from servstd.sla import ServiceClock
    >>> folder = tempfile.mkdtemp()
    >>> db = export(ServiceClock.default(), (2026, 2026), "sqlite", f"{folder}/cal.sqlite")
    >>> with contextlib.closing(sqlite3.connect(db)) as con:
    ...     con.execute(
    ...         "SELECT date FROM servstd_days WHERE is_working AND working_day_seq = "
    ...         "(SELECT working_day_seq + 3 FROM servstd_days WHERE date = '2026-09-30')"
    ...     ).fetchone()
    ('2026-10-10',)
    """
    if format not in FORMATS:
        if not isinstance(format, str):
            raise InputTypeError(format, "format", ", ".join(FORMATS))
        raise InputValueError(format, "format", FORMATS)
    if not isinstance(path, (str, Path)):
        raise InputTypeError(path, "path", "a file path (str or pathlib.Path)")
    target = output_folder(path) if format in ("csv", "parquet") else output_file(path)
    tables = build_tables(clock, years, now=now)
    with writing(target):
        if format == "csv":
            write_csv(tables, target, bom=bom)
        elif format == "parquet":
            write_parquet(tables, target)
        elif format == "sql":
            target.write_text(sql_script(tables), encoding="utf-8")
        elif format == "duckdb":
            write_duckdb(tables, target)
        else:
            write_sqlite(tables, target)
    return target
