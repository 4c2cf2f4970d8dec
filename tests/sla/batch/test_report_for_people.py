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
