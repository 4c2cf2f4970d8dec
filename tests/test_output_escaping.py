"""Text from documents, tickets and notices never becomes a formula, markup or a terminal command in
what servstd writes (issue 23 item 3, and the output property of its fuzzers).

The property: for random texts in a standard, a ticket export and a notice's holiday names, no
produced xlsx cell is a formula and no CSV cell starts with a formula character.

Run against the writers as they were before this work (commit f54cec3; 150 standards, 20 ticket
tables and 10 calendars of random hostile texts), it found 6 distinct failures: xlsx text cells
written as formulas; an xlsx form that could not be written at all (openpyxl's
IllegalCharacterError on a control character); CSV cells starting with a formula character in
the form, the SLA report and the calendar export; and a CSV form that could not be read back (a
carriage return the csv module left unquoted). On the new writers it found none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd._escape import FORMULA_START
from servstd.cli import main
from servstd.errors import DocumentError
from servstd.scoring import Finding, Inspection, form, score
from servstd.scoring.sheet import read_csv_text
from servstd.sla import BusinessHours, CalendarOverlay, ServiceClock, SLAPolicy, WorkCalendar
from servstd.sla.batch import report
from servstd.sla.sql import export
from servstd.sla.sql._tables import build_tables
from servstd.sla.sql._writers import sql_script
from servstd.standards import Standard, load_data
from tests.strategies import hostile_texts

POLICY = SLAPolicy.from_catalog("insurance-claims-sla")
NOW = pd.Timestamp("2026-10-10", tz="Asia/Shanghai")


def csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def assert_no_formula_cell(text: str) -> None:
    bad = [c for c in csv_cells(text) if c.startswith(FORMULA_START)]
    assert bad == []


def standard(title: str, section: str, code: str, text: str, fill: str = "deduct") -> Standard:
    item = (
        {"code": code, "text": text, "per": "item", "deduct": "1"}
        if fill == "deduct"
        else {"code": code, "text": text}
    )
    return load_data({
        "id": "hostile", "title": title, "version": "1",
        "sections": [{"id": "s", "title": section, "items": [item]}],
    })  # fmt: skip


class TestOutputProperty:
    @settings(max_examples=25, deadline=None)
    @given(
        hostile_texts,
        hostile_texts,
        hostile_texts.filter(
            lambda t: t == t.strip() and not any(unicodedata.category(c) == "Cc" for c in t)
        ),
        hostile_texts,
    )
    def test_forms(self, title: str, section: str, code: str, text: str) -> None:
        """Random texts in a standard: no xlsx cell of its form is a formula, no CSV cell starts with
        a formula character, and the CSV form reads back the codes as written."""
        std = standard(title, section, code, text)
        wb = openpyxl.load_workbook(io.BytesIO(form(std, "xlsx")))
        formulas = [c.coordinate for row in wb.active.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == []
        assert_no_formula_cell(form(std, "csv"))
        assert read_csv_text(form(std, "csv"), "f.csv", std)["standard"] == "hostile"

    @given(st.sampled_from(["\x00", "\x1b[31m", "\x07", "\x85"]))
    def test_a_code_with_a_control_character_is_refused(self, control: str) -> None:
        """Codes are written on forms and read back: a control character in one is refused at the
        edge, naming the field, rather than written as a cell that cannot be read back."""
        with pytest.raises(DocumentError, match=r"sections\[0\]\.items\[0\]\.code.*control characters"):
            standard("t", "s", "A" + control + "1", "text")

    @settings(max_examples=15, deadline=None)
    @given(
        st.lists(st.tuples(hostile_texts, hostile_texts), min_size=1, max_size=4, unique_by=lambda t: t[0])
    )
    def test_ticket_reports(self, rows: list[tuple[str, str]]) -> None:
        """Random case ids and group values in a ticket export: the report's CSV has no formula cell,
        its Markdown no raw HTML, and the terminal text no control character."""
        n = len(rows)
        cases = pd.DataFrame({
            "case": [r[0] for r in rows],
            "received_at": pd.to_datetime(["2026-09-30 16:00"] * n).tz_localize("Asia/Shanghai"),
            "zone": ["城区"] * n, "tier": ["标准"] * n, "site": [r[1] for r in rows],
            "arrival_at": pd.to_datetime(["2026-10-01 23:00"] * n).tz_localize("Asia/Shanghai"),
        })  # fmt: skip
        rep = report(POLICY, cases, by=["site"], now=NOW)
        assert_no_formula_cell(rep.to_csv())
        assert "<" not in rep.to_markdown().replace("<br>", "")
        path = Path(tempfile.mkdtemp()) / "cases.parquet"
        cases.to_parquet(path)
        out, err = io.StringIO(), io.StringIO()
        code = main(["sla", "report", str(path), "--policy", POLICY.id, "--now", "2026-10-10 00:00", "--by", "site"], stdout=out, stderr=err)  # fmt: skip
        assert code == 0, err.getvalue()
        shown = out.getvalue()
        assert not any(ch in shown for ch in "\x1b\x07\r\x9b\u202e")

    @settings(max_examples=10, deadline=None)
    @given(hostile_texts, hostile_texts)
    def test_calendar_exports(self, holiday: str, calendar: str) -> None:
        """Random holiday names (from a notice or an overlay) and calendar names: no CSV cell of a
        calendar export starts with a formula character."""
        cal = WorkCalendar(name=calendar).with_overlay(
            CalendarOverlay(name="x", rest_days={dt.date(2026, 3, 3): holiday})
        )
        clock = ServiceClock(cal, BusinessHours.parse("09:00-17:00"))
        folder = Path(tempfile.mkdtemp())
        export(clock, (2026, 2026), "csv", folder)
        for f in folder.glob("*.csv"):
            assert_no_formula_cell(f.read_text(encoding="utf-8"))


class TestEscapedByHand:
    def test_markdown_reports_escape_html_and_links(self) -> None:
        """A note with <script> and places with a javascript: link render as text in Markdown."""
        std = standard("标准", "章", "A1", "要求")
        ins = Inspection(
            "hostile", findings=[Finding("A1", 1, ("[x](javascript:alert(1))",), "<script>alert(1)</script>")]
        )
        md = score(std, ins).to_markdown()
        assert "<script>" not in md
        assert "&lt;script&gt;" in md
        assert re.search(r"(?<!\\)\]\(javascript:", md) is None
        assert "\\[x\\](javascript:alert(1))" in md
        assert "<script>" not in form(standard("<script>", "章", "A1", "a|b"), "markdown")

    def test_a_case_id_cannot_write_to_the_clipboard(self, tmp_path: Path) -> None:
        """An OSC 52 sequence in a case id (a clipboard write) reaches the terminal as U+FFFD."""
        path = tmp_path / "c.csv"
        path.write_text(
            "case,received_at,tier,zone,arrival_at\n"
            "\x1b]52;c;ZWNobyBoaQ==\x07,2026-10-01T22:00+08:00,标准,城区,2026-10-01T23:00+08:00\n",
            encoding="utf-8",
        )
        out, err = io.StringIO(), io.StringIO()
        code = main(
            ["sla", "report", str(path), "--policy", POLICY.id, "--now", "2026-10-10 00:00"],
            stdout=out,
            stderr=err,
        )
        assert code == 0, err.getvalue()
        assert "\x1b" not in out.getvalue()
        assert "\ufffd]52;c;ZWNobyBoaQ==\ufffd" in out.getvalue()

    def test_colours_stay(self) -> None:
        """servstd's own colour sequences (calendar --color always) still reach the terminal."""
        out, err = io.StringIO(), io.StringIO()
        assert main(["calendar", "2026", "--month", "10", "--color", "always"], stdout=out, stderr=err) == 0
        assert "\x1b[1;31m" in out.getvalue()

    def test_a_calendar_name_cannot_inject_sql(self) -> None:
        """A newline in a calendar's name stays inside the export's comment line."""
        cal = WorkCalendar(name="x\nDROP TABLE users;\r\n--")
        script = sql_script(build_tables(ServiceClock(cal, BusinessHours.parse("09:00-17:00")), (2026, 2026)))
        assert script.splitlines()[0].startswith("-- servstd calendar export: x DROP TABLE users;")
        con = sqlite3.connect(":memory:")
        con.execute("CREATE TABLE users (id INTEGER)")
        con.executescript(script)
        assert con.execute("SELECT count(*) FROM users").fetchone() == (0,)
