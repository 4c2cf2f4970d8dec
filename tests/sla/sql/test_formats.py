"""Every export format holds the same three tables (issue 17); the portable SQL runs on DuckDB and SQLite."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import sqlite3
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from servstd.errors import InputValueError
from servstd.sla.sql import TABLES, ExportTables, export
from tests.sla.sql.conftest import CLOCK, NOW


def _duck_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[object, ...]]:
    return con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


class TestFormats:
    def test_duckdb_file_has_the_contract_types(self, exported: dict[str, Path]) -> None:
        """The DuckDB tables have DATE, BOOLEAN, INTEGER and TIMESTAMP WITH TIME ZONE columns as promised."""
        con = duckdb.connect(str(exported["duckdb"]), read_only=True)
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'servstd_days'"
            ).fetchall()
        )
        assert types["date"] == "DATE"
        assert types["is_working"] == "BOOLEAN"
        assert types["working_day_seq"] == "INTEGER"
        assert types["day_start_at"] == "TIMESTAMP WITH TIME ZONE"
        con.close()

    def test_sql_script_loads_into_duckdb_and_sqlite(self, exported: dict[str, Path]) -> None:
        """The portable script runs unchanged on DuckDB and SQLite and gives the DuckDB file's rows."""
        script = exported["sql"].read_text(encoding="utf-8")
        fresh = duckdb.connect()
        fresh.execute(script)
        filed = duckdb.connect(str(exported["duckdb"]), read_only=True)
        for table in TABLES:
            assert _duck_rows(fresh, table) == _duck_rows(filed, table)
        lite = sqlite3.connect(":memory:")
        lite.executescript(script)
        assert lite.execute(
            "SELECT count(*), sum(is_working), max(working_day_seq) FROM servstd_days"
        ).fetchone() == (
            filed.execute(
                "SELECT count(*), sum(is_working::INT), max(working_day_seq) FROM servstd_days"
            ).fetchone()
        )
        filed.close()
        lite.close()

    def test_csv_and_parquet_hold_the_same_rows(
        self, exported: dict[str, Path], tables: ExportTables
    ) -> None:
        """CSV and Parquet files, one per table, hold every row; Parquet keeps the types."""
        for table in TABLES:
            with (exported["csv"] / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            assert rows[0] == [c for c, _, _ in TABLES[table]]
            parquet = pq.read_table(exported["parquet"] / f"{table}.parquet")
            assert parquet.num_rows == len(rows) - 1
        days = pq.read_table(exported["parquet"] / "servstd_days.parquet").to_pylist()
        assert days[0]["date"] == dt.date(2020, 1, 1)
        assert days[0]["is_working"] is False
        assert days[-1]["working_day_seq"] == tables.days[-1].working_day_seq
        with (exported["csv"] / "servstd_days.csv").open(encoding="utf-8", newline="") as fh:
            oct10 = next(r for r in csv.DictReader(fh) if r["date"] == "2026-10-10")
        assert (oct10["kind"], oct10["is_working"], oct10["close_at"]) == (
            "makeup_workday", "true", "2026-10-10 10:00:00+00:00",
        )  # fmt: skip

    def test_sqlite_types_and_text(self, exported: dict[str, Path]) -> None:
        """The SQLite file stores dates and UTC instants as ISO text and booleans as 0/1."""
        con = sqlite3.connect(exported["sqlite"])
        row = con.execute(
            "SELECT date, is_working, close_at FROM servstd_days WHERE date = '2026-10-10'"
        ).fetchone()
        assert row == ("2026-10-10", 1, "2026-10-10 10:00:00")
        assert con.execute("SELECT exported_at FROM servstd_meta").fetchone() == ("2026-11-01 08:00:00",)
        con.close()

    def test_export_again_replaces_the_tables(self, tmp_path: Path) -> None:
        """Exporting into an existing database replaces servstd's tables and leaves the user's alone
        (the refresh routine after a new notice)."""
        path = tmp_path / "cal.duckdb"
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE tickets AS SELECT 1 AS id")
        con.close()
        export(CLOCK, 2026, "duckdb", path, now=NOW)
        export(CLOCK, (2025, 2026), "duckdb", path, now=NOW)
        con = duckdb.connect(str(path), read_only=True)
        assert con.execute("SELECT count(*) FROM servstd_days").fetchone() == (730,)
        assert con.execute("SELECT count(*) FROM tickets").fetchone() == (1,)
        con.close()
        lite = tmp_path / "cal.sqlite"
        export(CLOCK, 2026, "sqlite", lite)
        export(CLOCK, 2025, "sqlite", lite)
        with contextlib.closing(sqlite3.connect(lite)) as con_lite:
            assert con_lite.execute("SELECT min(date) FROM servstd_days").fetchone() == ("2025-01-01",)

    def test_unknown_format(self, tmp_path: Path) -> None:
        """A format outside csv/parquet/sql/duckdb/sqlite is an error listing the accepted ones."""
        with pytest.raises(InputValueError, match="'csv', 'parquet', 'sql', 'duckdb', 'sqlite'"):
            export(CLOCK, 2026, "xlsx", tmp_path / "x")
