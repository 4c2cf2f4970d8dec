"""Filled forms in: xlsx and csv forms read back by machine names, every bad cell named (issue 15)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import DocumentError
from servstd.scoring import Finding, Inspection, form, read_inspection, score
from servstd.scoring.sheet import annotate, read_sheets
from servstd.standards import Scheme, Standard
from tests.strategies import filled_inspections

STANDARDS = [catalog().standard(i) for i in catalog().ids("standard")]
CS = catalog().standard("property-cs-quality-inspection")
KPI = catalog().standard("cs-kpi-assessment")
HOTEL = catalog().standard("hotel-service-quality-inspection")
EXAMPLES = max(2, settings().max_examples // 50)
"""Examples per standard: each writes and reads a workbook, so a handful (10 under the CI profile)."""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def fill_values(std: Standard, ins: Inspection) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """What an inspector writes: the header block by machine name, and per code the cells to fill."""
    head = {"site": ins.site, "inspector": ins.inspector, "date": ins.date.isoformat() if ins.date else ""}
    cells: dict[str, dict[str, Any]] = {}
    for f in ins.findings:
        fill = {"count": f.count} if std.scheme is Scheme.DEDUCTION else {"result": "不合格"}
        cells[f.item] = {**fill, "places": "、".join(f.places), "note": f.note}
    for code in ins.not_applicable:
        cells[code] = {"result": "不适用"}
    for code, value in ins.measurements:
        cells[code] = {"value": value}
    return head, cells


def fill_grid(grid: list[list[Any]], head: dict[str, str], cells: dict[str, dict[str, Any]]) -> None:
    """Fill a form's rows (lists of cell values) in place, finding cells by machine name."""
    names = {}
    for row in grid:
        if row and isinstance(row[0], str) and row[0].split()[-1:] and row[0].split()[-1] in head:
            row[1] = head[row[0].split()[-1]]
        if any(isinstance(c, str) and c.endswith(" code") for c in row):
            names = {str(c).split()[-1]: i for i, c in enumerate(row) if c}
            continue
        if names and len(row) > names["code"] and row[names["code"]] in cells:
            for name, value in cells[row[names["code"]]].items():
                row[names[name]] = value


def filled_xlsx(std: Standard, ins: Inspection, path: Path) -> Path:
    wb = openpyxl.load_workbook(io.BytesIO(form(std, "xlsx")))
    ws = wb.active
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    fill_grid(grid, *fill_values(std, ins))
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if ws.cell(r, c).value != value and value != "":
                ws.cell(r, c).value = float(value) if isinstance(value, Decimal) else value
    wb.save(path)
    return path


def filled_csv(std: Standard, ins: Inspection, path: Path, encoding: str = "utf-8-sig") -> Path:
    grid: list[list[Any]] = [list(r) for r in csv.reader(io.StringIO(form(std, "csv")))]
    for row in grid:
        row.extend([""] * (8 - len(row)))
    fill_grid(grid, *fill_values(std, ins))
    grid = [[str(v) for v in row] for row in grid]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(grid)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def expected_json(std: Standard, ins: Inspection) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(score(std, ins).to_json())
    return data


@st.composite
def standard_and_inspection(draw: st.DrawFn, std: Standard) -> tuple[Standard, Inspection]:
    return std, draw(filled_inspections(std))


def roundtrip(std: Standard, write: Callable[[Standard, Inspection, Path], Path]) -> None:
    @settings(max_examples=EXAMPLES)
    @given(filled_inspections(std))
    def check(ins: Inspection) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = write(std, ins, Path(tmp) / "filled")
            code, out, err = run("score", std.id, str(path), "--json")
            assert (code, err) == (0, "")
            assert json.loads(out) == expected_json(std, ins)
            assert read_inspection(path, std) == ins

    check()


@pytest.mark.parametrize("std", STANDARDS, ids=lambda s: s.id)
def test_xlsx_round_trip_over_the_catalog(std: Standard) -> None:
    """form --format xlsx → fill with openpyxl → score --json equals score(standard, Inspection) with the same findings."""
    roundtrip(std, lambda s, i, p: filled_xlsx(s, i, p.with_suffix(".xlsx")))


@pytest.mark.parametrize("std", STANDARDS, ids=lambda s: s.id)
def test_csv_round_trip_over_the_catalog(std: Standard) -> None:
    """The same for csv, saved as Excel does in China: UTF-8 with BOM, or GBK/GB18030."""
    roundtrip(std, lambda s, i, p: filled_csv(s, i, p.with_suffix(".csv"), "gb18030"))
    roundtrip(std, lambda s, i, p: filled_csv(s, i, p.with_suffix(".csv"), "utf-8-sig"))


class TestBadCells:
    def bad_form(self, tmp_path: Path) -> Path:
        path = filled_xlsx(CS, Inspection(CS.id, site="阳光花园"), tmp_path / "bad.xlsx")
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
        ws.cell(rows["CS05"], 5).value = "x"
        ws.cell(rows["CS06"], 5).value = -1
        ws.cell(rows["CS07"], 5).value = 1.5
        wb.save(path)
        return path

    def test_three_bad_cells_are_reported_together(self, tmp_path: Path) -> None:
        """A filled form with three bad cells: all three named by sheet and cell, exit 1, no traceback."""
        code, out, err = run("score", CS.id, str(self.bad_form(tmp_path)))
        assert code == 1
        assert out == ""
        assert "3 problems" in err
        assert "form!E13: 'x' is not a count (a whole number ≥ 0)" in err
        assert "form!E14: -1 is negative" in err
        assert "form!E15: '1.5' is not a count" in err
        assert "Traceback" not in err

    def test_unknown_codes_other_standards_and_versions_name_the_cell(self, tmp_path: Path) -> None:
        """An unknown code, a form of another standard or of another version: errors with the cell."""
        text = (
            form(CS, "csv")
            .replace("\nCS01,", "\nZZ9,")
            .replace(
                "CS02,按月计划完成工作内容,每项扣1分；每月 (1 per item),",
                "CS02,按月计划完成工作内容,每项扣1分；每月 (1 per item),3",
            )
        )
        path = tmp_path / "f.csv"
        path.write_text(text.replace("基础管理 › 计划指标,CS01", "基础管理 › 计划指标,ZZ9"), encoding="utf-8")
        with pytest.raises(DocumentError) as info:
            read_inspection(path, CS)
        assert [str(p) for p in info.value.problems] == [
            "B9: unknown code 'ZZ9' in 'property-cs-quality-inspection'"
        ]
        other = catalog().standard("pm-customer-service-standard")
        with pytest.raises(
            DocumentError,
            match="B1: this is a form of 'property-cs-quality-inspection', not of 'pm-customer-service-standard'",
        ):
            read_inspection(path, other)
        path.write_text(form(CS, "csv").replace("版本 version,1", "版本 version,2"), encoding="utf-8")
        with pytest.raises(DocumentError, match="B2: this form is for version '2'"):
            read_inspection(path, CS)

    def test_a_code_given_twice_and_a_row_without_code(self, tmp_path: Path) -> None:
        """A code on two rows, or counts on a row without a code, are errors with their cells."""
        path = tmp_path / "f.csv"
        path.write_text(
            "标准 standard,property-cs-quality-inspection\n编号 code,扣分次数 count\nCS13,1\nCS13,2\n,4\n",
            encoding="utf-8",
        )
        with pytest.raises(DocumentError) as info:
            read_inspection(path, CS)
        assert [str(p) for p in info.value.problems] == [
            "A4: CS13 is already on row 3",
            "A5: a filled row without a code",
        ]

    def test_results_and_values_are_checked(self, tmp_path: Path) -> None:
        """A result other than 合格/不合格/不适用, and a KPI value off its scale, name their cells."""
        path = tmp_path / "h.csv"
        path.write_text(
            f"标准 standard,{HOTEL.id}\n编号 code,检查结果 result\nFO01,maybe\nFO02,不合格\n",
            encoding="utf-8",
        )
        with pytest.raises(DocumentError, match="B3: 'maybe' is not a result"):
            read_inspection(path, HOTEL)
        path.write_text(
            f"标准 standard,{KPI.id}\n编号 code,实测值 value\nsatisfaction,6\nresponse,soon\n",
            encoding="utf-8",
        )
        with pytest.raises(DocumentError) as info:
            read_inspection(path, KPI)
        got = [str(p) for p in info.value.problems]
        assert got[:2] == [
            "B3: 6 is outside its scale 1–5",
            "B4: cannot read duration 'soon'"[:4] + got[1][4:],
        ]
        assert got[2] == "<document>: no row for criterion resolution (解決率)"


class TestReading:
    def test_columns_by_machine_name_extra_columns_ignored(self, tmp_path: Path) -> None:
        """Columns may be moved and extra ones added; Excel's 8 for a code 08 is read as 08."""
        std = catalog().standard("cs-quality-scoring-rules")
        path = tmp_path / "f.csv"
        path.write_text(
            f"受检单位 site,东区\n标准 standard,{std.id}\n\n备忘 memo,扣分次数 count,编号 code,备注 note\nx,2,8,迟到\n,,09,\n合计 total,,,\n",
            encoding="utf-8",
        )
        assert read_inspection(path, std) == Inspection(
            std.id, site="东区", findings=[Finding("08", 2, note="迟到")]
        )

    def test_utf16_tab_separated(self, tmp_path: Path) -> None:
        """Excel's 'Unicode text' (UTF-16, tab-separated) reads too."""
        path = tmp_path / "f.csv"
        path.write_bytes(f"标准 standard\t{CS.id}\n编号 code\t扣分次数 count\nCS13\t3\n".encode("utf-16"))
        assert read_inspection(path, CS).findings == (Finding("CS13", 3),)

    def test_a_workbook_of_many_forms(self, tmp_path: Path) -> None:
        """Each form sheet of a workbook is one inspection; read_inspection wants exactly one."""
        one = filled_xlsx(CS, Inspection(CS.id, site="A", findings=[Finding("CS13", 1)]), tmp_path / "a.xlsx")
        wb = openpyxl.load_workbook(one)
        wb.copy_worksheet(wb.active).title = "3月"
        wb.create_sheet("说明")["A1"] = "填表说明"
        wb.save(one)
        assert [s.sheet for s in read_sheets(one, CS)] == ["form", "3月"]
        with pytest.raises(DocumentError, match="2 sheets are forms"):
            read_inspection(one, CS)

    def test_without_the_standard_codes_are_checked_when_scored(self, tmp_path: Path) -> None:
        """read_inspection without a standard reads the sheet; score() then refuses an unknown code."""
        path = tmp_path / "f.csv"
        path.write_text(f"标准 standard,{CS.id}\n编号 code,扣分次数 count\nZZ,1\n", encoding="utf-8")
        ins = read_inspection(path)
        assert ins.findings == (Finding("ZZ", 1),)

    def test_annotate_fills_points_and_totals(self, tmp_path: Path) -> None:
        """annotate writes each item's applied points and the total (values, not formulas)."""
        ins = Inspection(CS.id, findings=[Finding("CS20", 30), Finding("CS13", 2)])
        path = filled_xlsx(CS, ins, tmp_path / "f.xlsx")
        out = annotate(path, score(CS, ins), tmp_path / "scored.xlsx")
        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        by_code = {r[1]: r for r in rows}
        assert by_code["CS20"][7] == 25
        assert by_code["CS13"][7] == 2
        assert rows[-1][0] == "合计 total"
        assert rows[-1][1] == "73.00 / 100  合格"
        assert rows[-1][7] == 73
        assert not any(isinstance(v, str) and v.startswith("=") for r in rows for v in r)
        code, _, _ = run("score", CS.id, str(out))
        assert code == 0


def test_annotate_needs_a_workbook(tmp_path: Path) -> None:
    """--annotate on a csv or YAML inspection is a usage error (exit 2), not a traceback."""
    path = filled_csv(CS, Inspection(CS.id), tmp_path / "f.csv")
    code, _, err = run("score", CS.id, str(path), "--annotate", str(tmp_path / "o.xlsx"))
    assert code == 2
    assert "--annotate copies a filled xlsx form" in err
