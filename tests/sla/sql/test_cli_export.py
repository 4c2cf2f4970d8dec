"""``servstd calendar export`` (issue 17), beside ``servstd calendar YEAR``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb

from servstd.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestCalendarExport:
    def test_done_when(self, tmp_path: Path) -> None:
        """`servstd calendar export 2020 2026 --format duckdb -o cal.duckdb`, then the two DuckDB answers."""
        path = tmp_path / "cal.duckdb"
        code, out, _ = run("calendar", "export", "2020", "2026", "--format", "duckdb", "-o", str(path))
        assert code == 0
        assert "2557 days" in out
        con = duckdb.connect(str(path), read_only=True)
        assert con.execute("SELECT servstd_add_working_days(DATE '2026-09-30', 3)").fetchone() == (
            dt.date(2026, 10, 10),
        )
        assert con.execute(
            "SELECT servstd_business_seconds(TIMESTAMPTZ '2026-09-30 17:00:00+08', TIMESTAMPTZ '2026-10-08 10:00:00+08')"
        ).fetchone() == (7200,)
        con.close()

    def test_clock_options_reach_the_export(self, tmp_path: Path) -> None:
        """--region, --hours and --tz are the clock exported (recorded in servstd_meta); --json reports."""
        path = tmp_path / "cal.sqlite"
        code, out, _ = run(
            "calendar", "export", "2026", "2026", "--region", "HK", "--hours", "09:00-17:00",
            "--tz", "Asia/Hong_Kong", "--format", "sqlite", "-o", str(path), "--json",
        )  # fmt: skip
        assert code == 0
        assert json.loads(out)["days"] == 365
        con = sqlite3.connect(path)
        assert con.execute("SELECT region, hours, zone FROM servstd_meta").fetchone() == (
            "HK", "09:00-17:00", "Asia/Hong_Kong",
        )  # fmt: skip
        assert con.execute("SELECT max(open_seconds) FROM servstd_days").fetchone() == (8 * 3600,)
        con.close()

    def test_notice_file_is_applied(self, tmp_path: Path) -> None:
        """--notice FILE lays a State Council notice over the calendar; servstd_meta names it."""
        notice = Path(__file__).parents[1] / "calendar" / "notices" / "2026.txt"
        path = tmp_path / "cal.duckdb"
        code, _, err = run(
            "calendar",
            "export",
            "2026",
            "2026",
            "--notice",
            str(notice),
            "--format",
            "duckdb",
            "-o",
            str(path),
        )
        assert (code, err) == (0, "")
        con = duckdb.connect(str(path), read_only=True)
        (notices,) = con.execute("SELECT notices FROM servstd_meta").fetchone()  # type: ignore[misc]
        assert notices == "2026年部分节假日安排的通知 (关于2026年部分节假日安排的通知): 2026"
        assert con.execute("SELECT servstd_add_working_days(DATE '2026-09-30', 3)").fetchone() == (
            dt.date(2026, 10, 10),
        )

    def test_uncovered_year_is_one_line(self, tmp_path: Path) -> None:
        """A year outside the calendar's coverage is exit 1 with the coverage error, no traceback."""
        code, _, err = run("calendar", "export", "2026", "2031", "--format", "csv", "-o", str(tmp_path / "x"))
        assert code == 1
        assert "2027" in err
        assert "Traceback" not in err

    def test_usage_errors(self, tmp_path: Path) -> None:
        """A missing year or format is a usage error (exit 2)."""
        assert run("calendar", "export", "2026", "--format", "sql", "-o", str(tmp_path / "x"))[0] == 2
        assert run("calendar", "export", "2026", "2026", "-o", str(tmp_path / "x"))[0] == 2

    def test_year_view_still_works(self) -> None:
        """`servstd calendar 2026 --month 10` is unchanged by the export subcommand."""
        code, out, _ = run("calendar", "2026", "--month", "10", "--lang", "zh")
        assert code == 0
        assert "2026年10月" in out
        assert "10班" in out


def test_sql_package_loads_neither_duckdb_nor_pyarrow() -> None:
    """`import servstd.sla.sql` and a SQLite export need neither DuckDB nor pyarrow (loaded per format)."""
    code = (
        "import sys, tempfile, servstd.sla.sql as s; from servstd.sla import ServiceClock;"
        "s.export(ServiceClock.default(), 2026, 'sqlite', tempfile.mkdtemp() + '/c.sqlite');"
        "print(sorted(m for m in ('duckdb', 'pyarrow') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
