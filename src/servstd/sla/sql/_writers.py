"""Writers of the three export tables: CSV, Parquet, portable SQL, DuckDB and SQLite files.

The portable SQL uses ANSI types (``DATE``, ``BOOLEAN``, ``INTEGER``, ``BIGINT``, ``VARCHAR(n)``,
``TIMESTAMP WITH TIME ZONE``), quoted identifiers and plain quoted literals (no typed literals,
which SQLite lacks); it has been run on DuckDB, SQLite and PostgreSQL 16. A DuckDB file is that
script run by DuckDB, plus the macros; a SQLite file stores dates and instants as ISO 8601 text
(instants in UTC as ``YYYY-MM-DD HH:MM:SS``, the form SQLite's ``datetime()`` returns) and booleans
as 0/1.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from servstd._escape import csv_cell
from servstd._extras import require
from servstd.errors import FileWriteError, InputTypeError, InputValueError
from servstd.sla.sql._tables import ExportTables

__all__ = ["TABLES", "macros", "sql_script", "write_csv", "write_duckdb", "write_parquet", "write_sqlite"]

_TS = "TIMESTAMP WITH TIME ZONE"
# (column, ANSI type, nullable); VARCHAR lengths are filled in from the data ("VARCHAR").
TABLES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "servstd_days": (
        ("date", "DATE", False),
        ("kind", "VARCHAR(16)", False),
        ("is_working", "BOOLEAN", False),
        ("holiday", "VARCHAR", True),
        ("holiday_en", "VARCHAR", True),
        ("working_day_seq", "INTEGER", False),
        ("open_seconds", "INTEGER", False),
        ("open_seconds_before", "BIGINT", False),
        ("day_start_at", _TS, False),
        ("day_end_at", _TS, False),
        ("close_at", _TS, True),
    ),
    "servstd_open_intervals": (
        ("start_at", _TS, False),
        ("end_at", _TS, False),
        ("open_seconds_before", "BIGINT", False),
    ),
    "servstd_meta": (
        ("region", "VARCHAR(8)", True),
        ("calendar", "VARCHAR", False),
        ("hours", "VARCHAR", False),
        ("zone", "VARCHAR(64)", False),
        ("first_year", "INTEGER", False),
        ("last_year", "INTEGER", False),
        ("coverage", "VARCHAR", False),
        ("notices", "VARCHAR", False),
        ("servstd_version", "VARCHAR(32)", False),
        ("exported_at", _TS, False),
        ("first_date", "DATE", False),
        ("last_date", "DATE", False),
        ("starts_at", _TS, False),
        ("ends_at", _TS, False),
    ),
}
_KEYS = {"servstd_days": "date", "servstd_open_intervals": "start_at"}
_CHUNK = 400  # rows per INSERT statement


def _rows(tables: ExportTables) -> dict[str, Sequence[Any]]:
    return {
        "servstd_days": tables.days,
        "servstd_open_intervals": tables.intervals,
        "servstd_meta": (tables.meta,),
    }


def _values(table: str, rows: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    names = [c for c, _, _ in TABLES[table]]
    for row in rows:
        data = attrs.asdict(row, recurse=False)
        yield tuple(data[n] for n in names)


def _types(table: str, rows: Sequence[Any]) -> list[str]:
    """The column types, each bare VARCHAR given a length that fits the data (at least 200)."""
    out = []
    for i, (_, kind, _) in enumerate(TABLES[table]):
        if kind != "VARCHAR":
            out.append(kind)
            continue
        longest = max((len(v[i]) for v in _values(table, rows) if v[i] is not None), default=0)
        size = 200
        while size < longest:
            size *= 4
        out.append(f"VARCHAR({size})")
    return out


def _ddl(table: str, types: Sequence[str]) -> str:
    cols = [
        f'    "{name}" {kind}{"" if null else " NOT NULL"}'
        for (name, _, null), kind in zip(TABLES[table], types, strict=True)
    ]
    if table in _KEYS:
        cols.append(f'    PRIMARY KEY ("{_KEYS[table]}")')
    return f"CREATE TABLE {table} (\n" + ",\n".join(cols) + "\n);"


def _iso(t: dt.datetime, sep: str = " ") -> str:
    return t.astimezone(dt.timezone.utc).isoformat(sep=sep)


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"'{_iso(value)}'"
    if isinstance(value, dt.date):
        return f"'{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _comment(text: object) -> str:
    """``text`` inside a ``--`` comment line: line breaks and other controls become spaces."""
    return _LINE_BREAKS.sub(" ", str(text))


_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def sql_script(tables: ExportTables) -> str:
    """``DROP TABLE IF EXISTS`` + ``CREATE TABLE`` + ``INSERT`` statements for the three tables."""
    m = tables.meta
    parts = [
        f"-- servstd calendar export: {_comment(m.calendar)}, {_comment(m.hours)}, {_comment(m.zone)}, "
        f"{m.first_year}–{m.last_year}",
        f"-- servstd {m.servstd_version}, exported {_iso(m.exported_at)}",
        "-- ANSI types; tried on DuckDB, SQLite and PostgreSQL.",
        "",
    ]
    for table, rows in _rows(tables).items():
        names = ", ".join(f'"{c}"' for c, _, _ in TABLES[table])
        parts += [f"DROP TABLE IF EXISTS {table};", _ddl(table, _types(table, rows))]
        values = list(_values(table, rows))
        for i in range(0, len(values), _CHUNK):
            body = ",\n".join("(" + ", ".join(map(_literal, v)) + ")" for v in values[i : i + _CHUNK])
            parts.append(f"INSERT INTO {table} ({names}) VALUES\n{body};")
        parts.append("")
    return "\n".join(parts)


def macros(dialect: str) -> str:
    """The macro script for ``"duckdb"`` or ``"postgresql"`` (shipped with the package).

    >>> "CREATE OR REPLACE MACRO servstd_add_working_days" in macros("duckdb")
    True
    """
    if dialect not in ("duckdb", "postgresql"):
        if not isinstance(dialect, str):
            raise InputTypeError(dialect, "dialect", "'duckdb' or 'postgresql'")
        raise InputValueError(dialect, "dialect", ("duckdb", "postgresql"))
    script = resources.files("servstd.sla.sql") / "scripts" / f"{dialect}.sql"
    return script.read_text(encoding="utf-8")


# -- files ---------------------------------------------------------------------------------------


def _text(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return _iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def write_csv(tables: ExportTables, folder: Path, *, bom: bool = False) -> None:
    """One ``TABLE.csv`` per table in ``folder`` (UTF-8, with a byte-order mark if ``bom``; a
    header row; empty = NULL)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in _rows(tables).items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([c for c, _, _ in TABLES[table]])
            w.writerows([csv_cell(_text(v)) for v in row] for row in _values(table, rows))


def write_parquet(tables: ExportTables, folder: Path) -> None:
    """One ``TABLE.parquet`` per table in ``folder`` (needs pyarrow: ``servstd[parquet]``)."""
    require("the parquet format", "parquet")
    import pyarrow as pa  # noqa: PLC0415 - optional dependency, loaded only for this format
    import pyarrow.parquet as pq  # noqa: PLC0415

    arrow = {
        "DATE": pa.date32(), "BOOLEAN": pa.bool_(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
        _TS: pa.timestamp("us", tz="UTC"),
    }  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in _rows(tables).items():
        values = list(_values(table, rows))
        fields = [
            pa.field(name, arrow.get(kind, pa.string()), nullable=null) for name, kind, null in TABLES[table]
        ]
        cols = [pa.array([v[i] for v in values], type=f.type) for i, f in enumerate(fields)]
        pq.write_table(pa.Table.from_arrays(cols, schema=pa.schema(fields)), folder / f"{table}.parquet")


def write_duckdb(tables: ExportTables, path: Path) -> None:
    """A DuckDB database file with the three tables and the macros (needs ``servstd[sql]``).

    Tables of the same names are replaced; other tables in the file are left alone.
    """
    require("the duckdb format", "sql")
    import duckdb  # noqa: PLC0415 - optional dependency, loaded only for this format

    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise FileWriteError(path, reason=_not_a_database(path, "DuckDB", exc)) from None
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(sql_script(tables))
        con.execute(macros("duckdb"))
        con.execute("COMMIT")
    except duckdb.Error as exc:  # a full disk, a read-only file
        raise FileWriteError(path, reason=" ".join(str(exc).split())[:300]) from None
    finally:
        con.close()


def _not_a_database(path: Path, kind: str, exc: BaseException) -> str:
    if path.exists():
        return f"{str(path)!r} exists and is not a {kind} database; give a new file name or remove it"
    return f"cannot create the {kind} database ({' '.join(str(exc).split())[:200]})"


_SQLITE_TYPES = {"DATE": "TEXT", "BOOLEAN": "INTEGER", "BIGINT": "INTEGER", _TS: "TEXT"}


def _sqlite_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return _iso(value).removesuffix("+00:00")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def write_sqlite(tables: ExportTables, path: Path) -> None:
    """A SQLite database file with the three tables (tables of the same names are replaced)."""
    con = sqlite3.connect(str(path))
    try:
        try:
            con.execute("PRAGMA schema_version").fetchone()  # reads the header: a text file fails here
        except sqlite3.DatabaseError as exc:
            raise FileWriteError(path, reason=_not_a_database(path, "SQLite", exc)) from None
        with con:
            for table, rows in _rows(tables).items():
                types = [_SQLITE_TYPES.get(kind, "TEXT" if kind.startswith("VARCHAR") else kind)
                         for _, kind, _ in TABLES[table]]  # fmt: skip
                con.execute(f"DROP TABLE IF EXISTS {table}")
                con.execute(_ddl(table, types))
                marks = ", ".join("?" * len(types))
                con.executemany(
                    f"INSERT INTO {table} VALUES ({marks})",
                    [tuple(map(_sqlite_value, v)) for v in _values(table, rows)],
                )
            con.execute(
                "CREATE INDEX servstd_open_intervals_before ON servstd_open_intervals (open_seconds_before)"
            )
            con.execute("CREATE INDEX servstd_days_seq ON servstd_days (working_day_seq)")
    except sqlite3.Error as exc:  # a full disk, a read-only file
        raise FileWriteError(path, reason=" ".join(str(exc).split())) from None
    finally:
        con.close()
