"""SLA compliance reports and ``servstd sla report`` (issue: SLA compliance over whole ticket tables)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from servstd.cli import main
from servstd.errors import DocumentError
from servstd.sla import SLAPolicy, TimerEvent
from servstd.sla.batch import report
from servstd.sla.batch._files import read_table

SH = ZoneInfo("Asia/Shanghai")
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SAMPLE = EXAMPLES / "claims_2026_national_day.csv"
SAMPLE_EVENTS = EXAMPLES / "claims_2026_national_day_events.csv"
POLICY = SLAPolicy.from_catalog("insurance-claims-sla")
NOW = dt.datetime(2026, 11, 10, tzinfo=SH)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestSampleExport:
    def test_sample_equals_the_scalar_timer(self) -> None:
        """Every case of the National Day sample export: the columnar status equals SLAPolicy.evaluate."""
        from servstd.sla import batch  # noqa: PLC0415

        metrics = POLICY.metrics()
        cases = read_table(SAMPLE, ["received_at", *(f"{m}_at" for m in metrics)])
        events = read_table(SAMPLE_EVENTS, ["at"])
        out = batch.evaluate(POLICY, cases, events, now=NOW)
        got = {(r["case"], r["metric"]): r for r in out.to_dict("records")}
        n = 0
        for rec in cases.to_dict("records"):
            evs = [TimerEvent("start", rec["received_at"].to_pydatetime())]
            evs += [
                TimerEvent("complete", rec[f"{m}_at"].to_pydatetime(), metric=m)
                for m in metrics
                if f"{m}_at" in rec and rec[f"{m}_at"] is not pd.NaT
            ]
            evs += [
                TimerEvent(e["kind"], e["at"].to_pydatetime(), metric=e["metric"], approver=e["approver"] or None,
                           new_target=e["new_target"] or None)
                for e in events.fillna("").to_dict("records")
                if e["case"] == rec["case"]
            ]  # fmt: skip
            attrs = {k: (None if pd.isna(rec[k]) else rec[k]) for k in ("zone", "category", "approval")}
            for m, r in POLICY.evaluate(attrs, evs, NOW).items():
                row = got[(rec["case"], m)]
                assert (row["status"], row["due"].to_pydatetime()) == (r.status.value, r.due), (
                    rec["case"],
                    m,
                )
                assert row["elapsed"].to_pytimedelta() == r.elapsed
                n += 1
        assert n == len(out) > 600

    def test_report_counts_add_up(self) -> None:
        """Per group: met + breached + early + stopped + at risk + open = cases; met % = met / decided."""
        r = report(POLICY, SAMPLE, SAMPLE_EVENTS, now=NOW, by=["tier", "month"])
        assert {g.key for g in r.groups} == {(t, m) for t in ("VIP", "标准") for m in ("2026-09", "2026-10")}
        for g in r.groups:
            assert g.met + g.breached + g.early + g.stopped + g.at_risk + g.open == g.cases
            decided = g.met + g.breached + g.early
            if decided:
                assert g.met_pct == (Decimal(100 * g.met) / decided).quantize(Decimal("0.1"))
            if g.median is not None:
                assert g.p90 is not None
                assert g.median <= g.p90
        assert sum(g.breached for g in r.groups) == len(r.breaches)
        assert all(b.late > dt.timedelta(0) for b in r.breaches)

    def test_hand_checked_report(self) -> None:
        """Three 城区 arrivals (limit 40 min): 30 min met, 60 min breached 20 min late, one still open at risk."""
        cases = pd.DataFrame(
            {
                "case": ["A", "B", "C"],
                "received_at": pd.to_datetime(
                    ["2026-10-01 22:00", "2026-10-02 09:00", "2026-10-03 10:00"]
                ).tz_localize(SH),
                "zone": ["城区"] * 3,
                "arrival_at": pd.to_datetime(["2026-10-01 22:30", "2026-10-02 10:00", None]).tz_localize(SH),
            }
        )
        r = report(POLICY, cases, now=dt.datetime(2026, 10, 3, 10, 25, tzinfo=SH), by=[])
        (g,) = r.groups
        assert (g.cases, g.met, g.breached, g.at_risk, g.open) == (3, 1, 1, 1, 0)
        assert g.met_pct == Decimal("50.0")
        assert (g.median, g.p90) == (dt.timedelta(minutes=30), dt.timedelta(hours=1))  # nearest rank
        (b,) = r.breaches
        assert (b.case, b.late) == ("B", dt.timedelta(minutes=20))


class TestFiles:
    def test_naive_times_need_a_zone(self, tmp_path: Path) -> None:
        """Times without an offset are an error naming the rows as a spreadsheet numbers them (the
        header is row 1, the first case row 2), unless the export's zone is given."""
        f = tmp_path / "cases.csv"
        f.write_text(
            "case,received_at,zone\nA,2026-10-01 09:00,城区\nB,2026-10-01T09:00+08:00,城区\nC,yesterday,城区\n",
            encoding="utf-8",
        )
        with pytest.raises(DocumentError, match=r"received_at: rows 2, 4: times without an offset"):
            read_table(f, ["received_at"])  # 'yesterday' has no offset either
        with pytest.raises(DocumentError, match=r"received_at: row 4: not an instant"):
            read_table(f, ["received_at"], assume_tz="Asia/Shanghai")
        f.write_text("case,received_at\nA,2026-10-01 09:00\n", encoding="utf-8")
        got = read_table(f, ["received_at"], assume_tz="Asia/Shanghai")
        assert got["received_at"][0] == pd.Timestamp("2026-10-01 01:00", tz="UTC")

    def test_xlsx_and_parquet(self, tmp_path: Path) -> None:
        """The same export as XLSX (naive cells + zone) and Parquet (aware column) gives the same report."""
        cases = read_table(
            SAMPLE, ["received_at", "arrival_at", "answer_at", "payment_at", "advance_payment_at"]
        )
        cases.to_parquet(tmp_path / "c.parquet")
        local = cases.copy()
        for c in ("received_at", "arrival_at", "answer_at", "payment_at", "advance_payment_at"):
            local[c] = local[c].dt.tz_convert(SH).dt.tz_localize(None)
        local.to_excel(tmp_path / "c.xlsx", index=False)
        want = report(POLICY, SAMPLE, now=NOW, by=["tier"]).to_dict()
        assert report(POLICY, tmp_path / "c.parquet", now=NOW, by=["tier"]).to_dict() == want
        assert (
            report(POLICY, tmp_path / "c.xlsx", now=NOW, by=["tier"], assume_tz="Asia/Shanghai").to_dict()
            == want
        )

    def test_unknown_file_type_and_missing_file(self, tmp_path: Path) -> None:
        """A file that is not CSV/XLSX/Parquet, or is not there, is a DocumentError saying so."""
        (tmp_path / "c.json").write_text("{}", encoding="utf-8")
        with pytest.raises(DocumentError, match=r"accepted: \.csv, \.xlsx, \.parquet"):
            read_table(tmp_path / "c.json", [])
        with pytest.raises(DocumentError, match="no such file"):
            read_table(tmp_path / "none.csv", [])


class TestCommand:
    ARGS = (
        str(SAMPLE),
        "--events",
        str(SAMPLE_EVENTS),
        "--policy",
        "insurance-claims-sla",
        "--now",
        "2026-11-10T00:00+08:00",
    )

    def test_text_table(self) -> None:
        """`servstd sla report … --by tier,month` prints one line per tier, month and metric."""
        code, out, err = run("sla", "report", *self.ARGS, "--by", "tier,month")
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0] == "insurance-claims-sla at 2026-11-10 00:00 (+08:00), by tier, month"
        assert lines[1].split()[:4] == ["tier", "month", "metric", "cases"]
        assert any(line.startswith("标准  2026-10  arrival") for line in lines)
        assert "breached:" in out

    def test_json_is_machine_readable(self) -> None:
        """--format json: groups and breaches with decimals as strings."""
        code, out, _ = run("sla", "report", *self.ARGS, "--by", "tier", "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert data["by"] == ["tier"]
        assert {g["tier"] for g in data["groups"]} == {"VIP", "标准"}
        assert all(Decimal(b["late_hours"]) >= 0 for b in data["breaches"])

    def test_csv_and_markdown(self) -> None:
        """--format csv is a byte-order mark, a header and one line per group; markdown has both tables."""
        _, out, _ = run("sla", "report", *self.ARGS, "--by", "month", "--format", "csv")
        assert out.splitlines()[0] == (
            "\ufeffmonth,metric,cases,met,breached,early,stopped,at_risk,open,met_pct,median_hours,p90_hours,"
            "median_seconds,p90_seconds,not_covered"
        )
        _, md, _ = run("sla", "report", *self.ARGS, "--format", "markdown")
        assert "| month | metric | cases |" in md
        assert "### Breached (" in md

    def test_chart_writes_a_png(self, tmp_path: Path) -> None:
        """--chart x.png writes a PNG (and .svg an SVG); another suffix is a usage error."""
        code, _, err = run(
            "sla", "report", *self.ARGS, "--by", "tier,month", "--chart", str(tmp_path / "x.png")
        )
        assert code == 0, err
        assert (tmp_path / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        run("sla", "report", *self.ARGS, "--chart", str(tmp_path / "x.svg"))
        assert b"<svg" in (tmp_path / "x.svg").read_bytes()[:2000]
        code, _, err = run("sla", "report", *self.ARGS, "--chart", str(tmp_path / "x.pdf"))
        assert code == 2
        assert "give a .png or .svg file" in err

    def test_bad_rows_exit_1(self, tmp_path: Path) -> None:
        """An export with an unknown zone and a naive time: exit 1, every problem listed."""
        f = tmp_path / "bad.csv"
        f.write_text(
            "case,received_at,zone\nA,2026-10-01T09:00+08:00,火星\nB,2026-10-01T09:00+08:00,城区\n",
            encoding="utf-8",
        )
        code, _, err = run(
            "sla", "report", str(f), "--policy", "insurance-claims-sla", "--now", "2026-10-02 00:00"
        )
        assert code == 1
        assert "unknown zone '火星'" in err

    def test_other_commands_do_not_load_pandas(self) -> None:
        """`servstd workday` does not import pandas or matplotlib; `import servstd` neither."""
        code = (
            "import sys; from servstd.cli import main; main(['workday', '2026-10-10']); "
            "import servstd, servstd.sla; servstd.sla.SLAPolicy; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip().splitlines()[-1] == "[]"


class TestLanguage:
    def test_text_headings_follow_lang(self) -> None:
        """ComplianceReport.to_text: Chinese headings by default, English with lang="en"; the
        same counts in both (group keys and metric names are the policy's and the data's)."""
        rep = report(POLICY, SAMPLE, by=["tier"], now=NOW)
        zh, en = rep.to_text(), rep.to_text(lang="en")
        assert "按 tier 分组" in zh.splitlines()[0]
        assert "案件数" in zh
        assert "达标率 %" in zh
        assert "违约" in zh
        assert ", by tier" in en.splitlines()[0]
        assert "cases" in en
        assert "met %" in en
        assert re.findall(r"\d+", zh) == re.findall(r"\d+", en)
