"""What a person reads in an SLA report (issue 25): lateness as 「3分钟」/「2小时15分」 with exact
seconds in JSON, the business-hours columns named, CSV that opens in Excel, and ``-o FILE``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from servstd.cli import main
from servstd.errors import DocumentError
from servstd.sla import SLAPolicy
from servstd.sla.batch import report

SH = ZoneInfo("Asia/Shanghai")
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ARGS = (
    str(EXAMPLES / "claims_2026_national_day.csv"),
    "--events", str(EXAMPLES / "claims_2026_national_day_events.csv"),
    "--policy", "insurance-claims-sla", "--now", "2026-11-10T00:00+08:00",
)  # fmt: skip


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _late_by(seconds: int) -> object:
    """A report with one arrival breached by ``seconds``: 标准 in 城区 is due 40 minutes after
    receipt (2026-10-01 22:00 → 22:40, as in the module's example)."""
    received = pd.Timestamp("2026-10-01 22:00", tz=SH)
    cases = pd.DataFrame(
        {
            "case": ["A2"],
            "received_at": [received],
            "zone": ["城区"],
            "tier": ["标准"],
            "arrival_at": [received + pd.Timedelta(minutes=40, seconds=seconds)],
        }
    )
    return report(
        SLAPolicy.from_catalog("insurance-claims-sla"), cases, now=pd.Timestamp("2026-11-01", tz=SH)
    )


class TestLateness:
    @pytest.mark.parametrize(
        ("seconds", "shown"), [(180, "3分钟"), (8100, "2小时15分"), (45, "45秒"), (210, "3分30秒")]
    )
    def test_a_case_a_few_minutes_late_reads_as_minutes(self, seconds: int, shown: str) -> None:
        """A case 3 minutes late shows 「3分钟」 (it showed 'late h 0.0'); JSON has the exact seconds."""
        rep = _late_by(seconds)
        [breach] = rep.breaches  # type: ignore[attr-defined]
        assert breach.late == dt.timedelta(seconds=seconds)
        last = rep.to_text().splitlines()[-1]  # type: ignore[attr-defined]
        assert last.endswith(f"  {shown}")
        data = json.loads(rep.to_json())  # type: ignore[attr-defined]
        assert data["breaches"][0]["late_seconds"] == seconds

    def test_columns_say_business_hours_or_clock_time(self) -> None:
        """The text names the median and p90 as business hours and lateness as clock time."""
        text = _late_by(180).to_text()  # type: ignore[attr-defined]
        assert "median (business hours)" in text
        assert "p90 (business hours)" in text
        assert "late (clock time)" in text
        assert "late h" not in text


class TestCsvAndOutputFile:
    def test_csv_starts_with_a_bom_unless_no_bom(self) -> None:
        """--format csv is UTF-8 with a byte-order mark (Excel); --no-bom leaves it out."""
        _, out, _ = run("sla", "report", *ARGS, "--format", "csv")
        assert out.startswith("\ufeffmonth,metric,")
        _, out, _ = run("sla", "report", *ARGS, "--format", "csv", "--no-bom")
        assert out.startswith("month,metric,")

    @pytest.mark.parametrize("fmt", ["csv", "text", "json", "markdown"])
    def test_o_writes_the_report_to_a_file(self, tmp_path: Path, fmt: str) -> None:
        """-o FILE writes exactly what the screen would show, and says where it went."""
        target = tmp_path / f"report.{fmt}"
        _, screen, _ = run("sla", "report", *ARGS, "--format", fmt)
        code, out, err = run("sla", "report", *ARGS, "--format", fmt, "-o", str(target))
        assert (code, err) == (0, "")
        assert out == f"{fmt} report written to {target}\n"
        assert target.read_bytes() == screen.encode("utf-8")

    def test_o_into_a_missing_folder_is_one_line(self, tmp_path: Path) -> None:
        """A file that cannot be written is exit 1 naming it, and nothing is left behind."""
        code, out, err = run("sla", "report", *ARGS, "-o", str(tmp_path / "no" / "r.csv"))
        assert (code, out) == (1, "")
        assert "does not exist" in err


class TestBomElsewhere:
    def test_form_csv(self, tmp_path: Path) -> None:
        """form --format csv (screen or -o) starts with a BOM; --no-bom leaves it out."""
        _, out, _ = run("form", "property-cs-quality-inspection", "--format", "csv")
        assert out.startswith("\ufeff")
        _, out, _ = run("form", "property-cs-quality-inspection", "--format", "csv", "--no-bom")
        assert not out.startswith("\ufeff")
        run("form", "property-cs-quality-inspection", "-o", str(tmp_path / "a.csv"), "--no-bom")
        assert not (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        run("form", "property-cs-quality-inspection", "-o", str(tmp_path / "b.csv"))
        assert (tmp_path / "b.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    def test_calendar_export_csv(self, tmp_path: Path) -> None:
        """calendar export --format csv writes each table with a BOM; --no-bom for programs."""
        assert run("calendar", "export", "2026", "2026", "--format", "csv", "-o", str(tmp_path / "a"))[0] == 0
        days = (tmp_path / "a" / "servstd_days.csv").read_bytes()
        assert days.startswith(b"\xef\xbb\xbfdate,")
        run("calendar", "export", "2026", "2026", "--format", "csv", "-o", str(tmp_path / "b"), "--no-bom")
        assert (tmp_path / "b" / "servstd_days.csv").read_bytes() == days[3:]


class TestRowsAsExcelNumbersThem:
    def test_a_csv_problem_names_the_sheet_row(self, tmp_path: Path) -> None:
        """The first case of a CSV is row 2 (the header is row 1), as Excel shows it: a bad time on
        the second case is 「row 3」 (it was 'row 1')."""
        f = tmp_path / "cases.csv"
        f.write_text(
            "case,received_at,tier,zone\nA1,2026-10-01 10:00+08:00,VIP,城区\nA2,2026-10-01 11:00,VIP,城区\n",
            encoding="utf-8",
        )
        code, _, err = run("sla", "report", str(f), "--policy", "insurance-claims-sla", "--now", "now")
        assert code == 1
        assert "received_at: row 3: times without an offset" in err

    def test_table_problems_found_later_also_count_from_row_2(self, tmp_path: Path) -> None:
        """A case id twice (rows 3 and 4 of the sheet) is named by those rows, in CSV and XLSX alike."""
        rows = [
            ("case", "received_at", "tier", "zone"),
            ("A1", "2026-10-01 10:00+08:00", "VIP", "城区"),
            ("A2", "2026-10-01 11:00+08:00", "VIP", "城区"),
            ("A2", "2026-10-01 12:00+08:00", "VIP", "城区"),
        ]
        f = tmp_path / "cases.csv"
        f.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
        code, _, err = run("sla", "report", str(f), "--policy", "insurance-claims-sla")
        assert code == 1
        assert "cases rows 3, 4: case 'A2' appears more than once" in err
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for r in rows:
            book.active.append(r)
        book.save(tmp_path / "cases.xlsx")
        code, _, err = run("sla", "report", str(tmp_path / "cases.xlsx"), "--policy", "insurance-claims-sla")
        assert "cases rows 3, 4: case 'A2' appears more than once" in err

    def test_a_dataframe_keeps_its_positions(self) -> None:
        """A DataFrame given from Python is named by position (from 0), as pandas counts."""
        cases = pd.DataFrame(
            {
                "case": ["A", "A"],
                "received_at": [pd.Timestamp("2026-10-01 10:00", tz=SH)] * 2,
                "zone": ["城区"] * 2,
            }
        )
        with pytest.raises(DocumentError, match=r"cases rows 0, 1: case 'A' appears more than once"):
            report(
                SLAPolicy.from_catalog("insurance-claims-sla"), cases, now=pd.Timestamp("2026-11-01", tz=SH)
            )
