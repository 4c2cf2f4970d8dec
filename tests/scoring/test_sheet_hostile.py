"""Filled forms from outside: bounded by what they hold, never by what they claim (issue 23 item 1),
and cells whose content would be silently lost — uncomputed formulas, points without a count
(issue 22, "Inputs silently ignored")."""

from __future__ import annotations

import csv
import io
import os
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import DocumentError
from servstd.scoring import Finding, Inspection, form, read_inspection
from tests import hostile_files as hf
from tests.scoring.test_sheet import filled_xlsx

CS = catalog().standard("property-cs-quality-inspection")
KPI = catalog().standard("cs-kpi-assessment")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def score_file(path: Path) -> tuple[int, str, float]:
    """Score ``path`` in this process: exit code, errors and the CPU seconds it took (CPU time, so a
    busy machine cannot fail the guard against unbounded work; speed is the benchmark's)."""
    started = time.process_time()
    code, out, err = run("score", CS.id, str(path))
    assert out == ""
    return code, err, time.process_time() - started


class TestBoundedByWhatIsRead:
    """Each hostile workbook is refused in one line naming the limit and the file, in seconds."""

    def test_a_claimed_dimension_of_the_whole_sheet(self, tmp_path: Path) -> None:
        """A 2 KB workbook claiming A1:XFD1048576 with one cell at A1048576: refused at the row limit."""
        path = tmp_path / "bomb.xlsx"
        path.write_bytes(hf.dimension_bomb())
        assert path.stat().st_size < 4096
        code, err, seconds = score_file(path)
        assert code == 1
        assert err == (
            f"servstd: {path}: form!row 1048576: the sheet goes past row 10,000; a form has at most 10,000 rows\n"
        )
        assert seconds < 10

    def test_a_million_deflated_rows(self, tmp_path: Path) -> None:
        """1,048,576 one-cell rows in 67 KB: the scan stops at the first row past the limit."""
        path = tmp_path / "rows.xlsx"
        path.write_bytes(hf.row_bomb())
        code, err, seconds = score_file(path)
        assert code == 1
        assert "form!row 10001: the sheet goes past row 10,000" in err
        assert seconds < 10

    def test_twenty_million_shared_strings(self, tmp_path: Path) -> None:
        """826 KB of 20 M shared strings: refused by the size it unpacks to, before any is read."""
        path = tmp_path / "sst.xlsx"
        path.write_bytes(hf.shared_string_bomb())
        code, err, seconds = score_file(path)
        assert code == 1
        assert "the workbook unpacks to 260,001,972 bytes; a form unpacks to at most 67,108,864" in err
        assert seconds < 10

    def test_shared_strings_are_counted_while_streaming(self, tmp_path: Path) -> None:
        """200,001 shared strings (small enough to unpack) pass the size check and stop at the count."""
        path = tmp_path / "sst.xlsx"
        path.write_bytes(hf.shared_string_bomb(200_001))
        with pytest.raises(
            DocumentError, match=r"more than 200,000 shared strings; a form has at most 200,000"
        ):
            read_inspection(path, CS)

    def test_wide_rows_and_many_cells(self, tmp_path: Path) -> None:
        """A cell past column IV, or a grid of more than 200,000 cells, is refused naming the cell."""
        wide = tmp_path / "wide.xlsx"
        wide.write_bytes(hf.workbook(hf.sheet_xml('<row r="1"><c r="IW1"><v>1</v></c></row>')))
        with pytest.raises(
            DocumentError, match=r"form!IW1: the sheet goes past column IV; a form has at most 256"
        ):
            read_inspection(wide, CS)
        many = tmp_path / "many.xlsx"
        row = '<row><c r="{}"><v>1</v></c></row>'
        rows = "".join(row.format(f"IV{r}") for r in range(1, 1000))
        many.write_bytes(hf.workbook(hf.sheet_xml(rows)))
        with pytest.raises(DocumentError, match=r"form!IV782: more than 200,000 cells"):
            read_inspection(many, CS)

    def test_a_wide_csv_form(self, tmp_path: Path) -> None:
        """A CSV form row of 500,000 columns is refused at the column limit."""
        path = tmp_path / "wide.csv"
        path.write_bytes(hf.wide_csv())
        with pytest.raises(DocumentError, match=r"row 1: 500,000 columns; a form has at most 256"):
            read_inspection(path, CS)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
    def test_a_named_pipe_is_not_read(self, tmp_path: Path) -> None:
        """A FIFO named like a form would block the reader for ever: it is refused as not a file."""
        for name in ("x.xlsx", "x.csv"):
            fifo = tmp_path / name
            os.mkfifo(fifo)
            code, err, _ = score_file(fifo)
            assert code == 1
            assert "not a regular file" in err


def _patched(path: Path, old: str, new: str, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """The workbook at ``path`` with ``old`` replaced by ``new`` (a regex) in one part."""
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                data, n = re.subn(old.encode(), new.encode(), data)
                assert n, f"{old!r} not in {part}"
            out.writestr(info.filename, data)
    path.write_bytes(buf.getvalue())
    return path


class TestDamagedWorkbooks:
    """Malformed parts are one clear line with exit 1, never an internal error."""

    @pytest.fixture
    def good(self, tmp_path: Path) -> Path:
        return filled_xlsx(CS, Inspection(CS.id, findings=[Finding("CS05", 1)]), tmp_path / "f.xlsx")

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (
                r'<c r="E13"[^>]*><v>1</v>',
                '<c r="E13"><v>junk</v>',
                "form!E13: the stored value 'junk' is not a number",
            ),
            (
                r'<c r="E13"[^>]*><v>1</v>',
                '<c r="E13" t="d"><v>not-a-date</v>',
                "form!E13: the stored value 'not-a-date' is not a date",
            ),
            (
                r'<c r="E13"[^>]*><v>1</v>',
                '<c r="E13" t="s"><v>999999</v>',
                "form!E13: the stored value '999999' names shared string",
            ),
            (r'<c r="E13"', '<c r="ZZZZ13"', "form!'ZZZZ13': not a cell reference of row 13"),
            (r'<c r="E13"', '<c r="XFE13"', "form!XFE13: a column past XFD"),
            (r"</sheetData>", "</sheetDat>", "the sheet's XML is malformed"),
            (
                r"<worksheet",
                '<!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet',
                "cannot read the workbook",
            ),
        ],
    )
    def test_bad_cells_and_xml(self, good: Path, old: str, new: str, expected: str) -> None:
        """Junk numbers, dates, shared-string indexes, references and XML are named, exit 1."""
        code, err, _ = score_file(_patched(good, old, new))
        assert code == 1
        assert expected in err
        assert "internal error" not in err

    def test_entities_in_shared_strings_are_never_expanded(self, tmp_path: Path) -> None:
        """A document type in a shared-string part is refused before anything is parsed."""
        shared = hf.shared_strings_xml(["x"]).replace("<sst", '<!DOCTYPE sst [<!ENTITY a "aaaa">]><sst')
        path = tmp_path / "e.xlsx"
        path.write_bytes(hf.workbook(hf.sheet_xml(""), shared))
        code, err, _ = score_file(path)
        assert code == 1
        assert "xl/sharedStrings.xml: the XML declares a document type" in err

    def test_an_unknown_compression_method(self, tmp_path: Path) -> None:
        """Parts compressed with a method zipfile does not know (the fifth fuzzer's find): exit 1."""
        data = bytearray(hf.workbook(hf.sheet_xml(""), hf.shared_strings_xml(["x"])))
        for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
            at = data.find(signature)
            while at >= 0:
                data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")
                at = data.find(signature, at + 4)
        path = tmp_path / "m.xlsx"
        path.write_bytes(bytes(data))
        code, err, _ = score_file(path)
        assert code == 1
        assert "the workbook is damaged" in err
        assert "internal error" not in err

    def test_truncated_and_foreign_zips(self, good: Path, tmp_path: Path) -> None:
        """A truncated workbook, a zip that is no workbook and a text file named .xlsx: exit 1, one line."""
        truncated = tmp_path / "t.xlsx"
        truncated.write_bytes(good.read_bytes()[:3000])
        foreign = tmp_path / "z.xlsx"
        with zipfile.ZipFile(foreign, "w") as z:
            z.writestr("readme.txt", "hello")
        text = tmp_path / "x.xlsx"
        text.write_text("not a zip", encoding="utf-8")
        for path, expected in [
            (truncated, "not an xlsx workbook"),
            (foreign, "not an xlsx workbook (no workbook part)"),
            (text, "not an xlsx workbook"),
        ]:
            code, err, _ = score_file(path)
            assert code == 1, path
            assert expected in err
            assert err.count("\n") == 1


class TestInputsNotIgnored:
    """Cells an inspector filled are read or refused, never dropped (issue 22)."""

    def test_a_formula_without_a_computed_value_is_refused(self, tmp_path: Path) -> None:
        """A count written by a script as a formula (no stored value) names the cell and the remedy."""
        path = filled_xlsx(CS, Inspection(CS.id), tmp_path / "f.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.active["E13"] = "=1+1"
        wb.save(path)
        code, err, _ = score_file(path)
        assert code == 1
        assert err == (
            f"servstd: {path}: form!E13: a formula without a computed value — open and save the file "
            "in Excel, or enter the number\n"
        )

    def test_a_formula_with_a_stored_value_is_read_by_its_value(self, tmp_path: Path) -> None:
        """A formula whose workbook stores its result (as Excel saves it) counts that result."""
        path = filled_xlsx(CS, Inspection(CS.id), tmp_path / "f.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.active["E13"] = "=1+1"
        wb.save(path)
        _patched(path, r"<f>1\+1</f><v\s*/>", "<f>1+1</f><v>2</v>")
        assert read_inspection(path, CS).findings == (Finding("CS05", 2),)

    def test_points_without_a_count_are_refused(self, tmp_path: Path) -> None:
        """Points written by hand in the output column with no count: each such cell is named."""
        path = filled_xlsx(CS, Inspection(CS.id), tmp_path / "f.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.active["H13"] = 2
        wb.active["H14"] = "1"
        wb.save(path)
        code, err, _ = score_file(path)
        assert code == 1
        assert "2 problems" in err
        assert (
            "form!H13: '2' in the points column, but form!E13 (「扣分次数 count」) is empty; points are "
            "filled in by servstd — write the count instead"
        ) in err
        assert "form!H14: '1' in the points column" in err

    def test_points_beside_a_count_and_zero_points_are_read(self, tmp_path: Path) -> None:
        """An annotated form (points beside counts) and a 0 in the points column read as before."""
        path = filled_xlsx(CS, Inspection(CS.id, findings=[Finding("CS05", 1)]), tmp_path / "f.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.active["H13"] = 1
        wb.active["H14"] = 0
        wb.save(path)
        assert read_inspection(path, CS).findings == (Finding("CS05", 1),)

    def test_points_without_a_value_in_a_kpi_form(self, tmp_path: Path) -> None:
        """In a KPI form the points column is output too: a number with an empty value is named."""
        grid = list(csv.reader(io.StringIO(form(KPI, "csv"))))
        head = next(i for i, row in enumerate(grid) if "编号 code" in row)
        for row in grid[head + 1 : -1]:
            row[3] = {"satisfaction": "", "response": "20小时", "resolution": "95%"}[row[0]]
        grid[head + 1][5] = "90"
        buf = io.StringIO()
        csv.writer(buf).writerows(grid)
        path = tmp_path / "k.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
        with pytest.raises(
            DocumentError, match=r"F9: '90' in the points column, but D9 \(「实测值 value」\)"
        ):
            read_inspection(path, KPI)
