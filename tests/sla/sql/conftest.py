"""One export of the default clock (China, 09:00–12:00 + 13:00–18:00, Shanghai), 2020–2026, per run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from servstd.sla import ServiceClock
from servstd.sla.sql import ExportTables, build_tables, export

FIRST, LAST = 2020, 2026
NOW = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.timezone.utc)
CLOCK = ServiceClock.default()


@pytest.fixture(scope="session")
def tables() -> ExportTables:
    return build_tables(CLOCK, (FIRST, LAST), now=NOW)


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default export written once in every file format."""
    folder = tmp_path_factory.mktemp("export")
    return {
        "duckdb": export(CLOCK, (FIRST, LAST), "duckdb", folder / "cal.duckdb", now=NOW),
        "sqlite": export(CLOCK, (FIRST, LAST), "sqlite", folder / "cal.sqlite", now=NOW),
        "sql": export(CLOCK, (FIRST, LAST), "sql", folder / "cal.sql", now=NOW),
        "csv": export(CLOCK, (FIRST, LAST), "csv", folder / "csv", now=NOW),
        "parquet": export(CLOCK, (FIRST, LAST), "parquet", folder / "parquet", now=NOW),
    }


@pytest.fixture
def con(exported: dict[str, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the exported DuckDB file."""
    c = duckdb.connect(str(exported["duckdb"]), read_only=True)
    try:
        yield c
    finally:
        c.close()
