"""Ticket exports from outside: bounded by what they hold, decoded like every other file (issue 23)."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from servstd.cli import main
from servstd.errors import DocumentError
from servstd.sla.batch._files import read_table
from tests import hostile_files as hf

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "claims_2026_national_day.csv"


def report(path: Path, *extra: str) -> tuple[int, str, str, float]:
    """Run ``sla report`` in this process: exit code, output, errors and the CPU seconds it took.

    CPU time, not wall time: the bound guards against unbounded work (the bombs took minutes and
    gigabytes before the limits), and a busy machine must not make it fail. Speed itself is
    measured by the benchmark.
    """
    out, err = io.StringIO(), io.StringIO()
    started = time.process_time()
    code = main(
        ["sla", "report", str(path), "--policy", "insurance-claims-sla", "--now", "2026-10-10 00:00", *extra],
        stdout=out,
        stderr=err,
    )
    return code, out.getvalue(), err.getvalue(), time.process_time() - started


class TestBounded:
    def test_half_a_million_columns(self, tmp_path: Path) -> None:
        """A 1 MB export with 500,000 columns is refused at the header, naming the limit (was 50 s, 1.2 GB)."""
        path = tmp_path / "wide.csv"
        path.write_bytes(hf.wide_csv())
        code, out, err, seconds = report(path)
        assert (code, out) == (1, "")
        assert err == f"servstd: {path}: row 1: 500,000 columns; a table has at most 1,024\n"
        assert seconds < 10

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (hf.dimension_bomb, "form!row 1048576: the sheet goes past row 200,000; an xlsx table has at most 200,000 rows"),
            (hf.row_bomb, "form!row 200001: the sheet goes past row 200,000"),
            (lambda: hf.shared_string_bomb(1_000_001), "more than 1,000,000 shared strings; an xlsx table has at most 1,000,000"),
        ],
    )  # fmt: skip
    def test_xlsx_bombs(self, tmp_path: Path, build: object, expected: str) -> None:
        """The workbook bombs are refused through sla report too, in seconds."""
        path = tmp_path / "t.xlsx"
        path.write_bytes(build())  # type: ignore[operator]
        code, _, err, seconds = report(path)
        assert code == 1
        assert expected in err
        assert seconds < 15

    def test_an_xlsx_export_is_read_by_its_cells(self, tmp_path: Path) -> None:
        """A workbook claiming a huge dimension but holding a small table reads as that table."""
        rows = (
            '<row r="1"><c r="A1" t="inlineStr"><is><t>case</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>received_at</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>2026-10-01T09:00+08:00</t></is></c></row>'
        )
        path = tmp_path / "t.xlsx"
        path.write_bytes(hf.workbook(hf.sheet_xml(rows, "A1:XFD1048576")))
        frame = read_table(path, ["received_at"])
        assert list(frame.columns) == ["case", "received_at"]
        assert frame.shape == (1, 2)
        assert str(frame["received_at"][0]) == "2026-10-01 01:00:00+00:00"


class TestDecodedLikeEveryFile:
    def test_a_gb18030_export(self, tmp_path: Path) -> None:
        """An export saved as GB18030 (Excel in mainland China) gives the same report as UTF-8."""
        path = tmp_path / "gb.csv"
        path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
        code, out, err, _ = report(path, "--format", "json")
        assert (code, err) == (0, "")
        assert out == report(SAMPLE, "--format", "json")[1]


class TestDamaged:
    @pytest.mark.parametrize(
        ("name", "data", "expected"),
        [
            ("t.xlsx", b"PK\x03\x04 truncated", "not an xlsx workbook"),
            ("t.parquet", b"PAR1 not really", "cannot read the table"),
            ("t.csv", b'case,received_at\n"A1,2026\n', "cannot read the table"),
        ],
    )
    def test_one_line_exit_one(self, tmp_path: Path, name: str, data: bytes, expected: str) -> None:
        """A truncated zip, a broken Parquet file, an unterminated quote: one line, exit 1."""
        path = tmp_path / name
        path.write_bytes(data)
        code, _, err, _ = report(path)
        assert code == 1
        assert expected in err
        assert "internal error" not in err

    def test_a_zip_that_is_no_workbook(self, tmp_path: Path) -> None:
        """A zip file named .xlsx without a workbook part is named as such."""
        path = tmp_path / "t.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("a.txt", "x")
        with pytest.raises(DocumentError, match="not an xlsx workbook"):
            read_table(path, [])

    def test_devices_and_pipes_are_not_tables(self, tmp_path: Path) -> None:
        """/dev/null named as a Parquet file, a folder, a FIFO: refused as not a regular file."""
        folder = tmp_path / "d.csv"
        folder.mkdir()
        paths = [folder]
        if os.path.exists("/dev/null"):
            paths.append(Path("/dev/null"))
        if hasattr(os, "mkfifo"):
            os.mkfifo(tmp_path / "f.csv")
            paths.append(tmp_path / "f.csv")
        for path in paths:
            with pytest.raises(DocumentError, match=r"folder|not a regular file"):
                read_table(path, [])
