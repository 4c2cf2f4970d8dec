"""Fuzz the readers of spreadsheets from outside: mutated xlsx and CSV files (zip structure, XML,
sizes, encodings) through ``score``, :func:`~servstd.scoring.read_inspection` and ``sla report``.
Only documented errors may escape: the library raises :class:`~servstd.errors.ServstdError` or
answers; the command exits 0 or 1 with no traceback and no internal error.

Mutations start from real files (the example forms, a ticket export written as xlsx and CSV) and
apply one to three of: truncating or flipping bytes of the zip; dropping or duplicating a part;
cutting, inserting or replacing text in a part's XML (document types, bad cell references,
shared-string indexes, junk values, huge dimensions and row numbers, unclosed tags); and, for CSV,
re-encoding (UTF-16, GB18030, Latin-1), unbalanced quotes, NUL bytes, carriage returns, long
fields and wide rows.

Run against the readers as they were before this work (commit f54cec3; 1,500 mutated files per
target, library calls, counting exceptions other than ServstdError by type and where they were
raised), the fuzzer found 16 distinct failures: in filled xlsx forms ElementTree's ParseError,
two TypeErrors and two ValueErrors from openpyxl's cell and reader code, and zlib's error from a
damaged part (6); in filled CSV forms csv.Error (a NUL byte, 1); in ticket workbooks zipfile's
BadZipFile, EOFError, KeyError and NotImplementedError, a KeyError from openpyxl, ParseError, two
TypeErrors and zlib's error (9). Ticket CSV files were refused rather than crashing (GB18030 and
UTF-16 exports among them, wrongly). On the new readers the same 6,000 files give none.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import ServstdError
from servstd.scoring import form, read_inspection
from tests.strategies import fuzz_examples

ROOT = Path(__file__).resolve().parent.parent
FORMS = {
    "property-cs-quality-inspection": ROOT / "examples" / "inspections" / "deduction.xlsx",
    "cs-quality-scoring-rules": ROOT / "examples" / "inspections" / "item-points.xlsx",
    "cs-kpi-assessment": ROOT / "examples" / "inspections" / "kpi.xlsx",
}
TICKETS_CSV = "\n".join(
    (ROOT / "examples" / "claims_2026_national_day.csv").read_text(encoding="utf-8").splitlines()[:25]
).encode("utf-8")


def _tickets_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in csv.reader(io.StringIO(TICKETS_CSV.decode("utf-8"))):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


TICKETS_XLSX = _tickets_xlsx()

XML_INSERTS = [
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', "&b;", "&#0;", "<", ">", "&",
    '<c r="ZZZZ1"><v>1</v></c>', '<c r="A0"><v>1</v></c>', '<c r="XFE1"><v>1</v></c>',
    '<c r="B1" t="s"><v>99999999</v></c>', '<c t="s"><v>-1</v></c>', '<c t="d"><v>not a date</v></c>',
    '<c t="b"><v>7</v></c>', "<c><v>1e999999</v></c>", "<c><v>junk</v></c>", '<c t="n"><v>NaN</v></c>',
    '<c t="inlineStr"><is><t>=1+1</t></is></c>', "<c><f>SUM(A1:A9)</f></c>", '<c t="e"><v>#REF!</v></c>',
    '<dimension ref="A1:XFD1048576"/>', '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
    '<row r="99999999999"/>', '<row r="x"/>', "<row>" * 50, "</row>", "<si><t>x</t></si>" * 20,
    '<sheet name="x" sheetId="9" r:id="rId99"/>', "\x00", "\ufffe", "<c r=\"B2\"" + ' s="999"' + "><v>1</v></c>",
]  # fmt: skip
CSV_INSERTS = [
    '"', '"unclosed', "\x00", "\r", "\r\n", ",,,,,,,,", "\t", "=cmd|' /C calc'!A0", "x" * 200_000,
    "," * 2_000, "\ufeff", "\u2028", "CS13,99999999999999999999999999999", "CS13,-1", "CS13,1.5", "编号 code,",
]  # fmt: skip


def _mutate_xml(data: bytes, rnd: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    at = rnd.randrange(len(text) + 1)
    kind = rnd.randrange(4)
    if kind == 0:  # insert something hostile
        text = text[:at] + rnd.choice(XML_INSERTS) + text[at:]
    elif kind == 1:  # cut a slice
        text = text[:at] + text[at + rnd.randrange(1, 200) :]
    elif kind == 2:  # replace a number
        text = text[:at] + text[at:].replace("1", rnd.choice(["0", "-1", "99999999", "1e400", ""]), 1)
    else:  # swap a tag name
        text = text.replace(
            rnd.choice(["<c ", "<v>", "<row ", "<si>", "<t>"]), rnd.choice(["<x ", "<v/>", "<c ", ""]), 1
        )
    return text.encode("utf-8", "surrogatepass")


def mutate_xlsx(data: bytes, seed: int, steps: int) -> bytes:
    """``data`` (an xlsx file) with ``steps`` random mutations of its zip or its XML parts."""
    rnd = random.Random(seed)
    for _ in range(steps):
        kind = rnd.randrange(6)
        if kind == 0:  # truncate the file
            data = data[: rnd.randrange(len(data))]
            continue
        if kind == 1:  # flip bytes
            buf = bytearray(data)
            for _ in range(rnd.randrange(1, 8)):
                buf[rnd.randrange(len(buf))] = rnd.randrange(256)
            data = bytes(buf)
            continue
        try:
            src = zipfile.ZipFile(io.BytesIO(data))
            parts = {i.filename: src.read(i.filename) for i in src.infolist()}
        except Exception:  # an earlier mutation broke the zip: keep it broken
            continue
        name = rnd.choice(sorted(parts))
        if kind == 2:
            parts.pop(name)
        elif kind == 3:
            parts[name + rnd.choice(["", "/../x", "2"])] = parts[name]
        else:
            target = rnd.choice([n for n in parts if n.endswith(".xml")] or [name])
            parts[target] = _mutate_xml(parts[target], rnd)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n, b in parts.items():
                z.writestr(n, b)
        data = out.getvalue()
    return data


def mutate_csv(data: bytes, seed: int, steps: int) -> bytes:
    """``data`` (UTF-8 CSV) re-encoded and with ``steps`` random insertions or cuts."""
    rnd = random.Random(seed)
    text = data.decode("utf-8")
    for _ in range(steps):
        at = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.7:
            text = text[:at] + rnd.choice(CSV_INSERTS) + text[at:]
        else:
            text = text[:at] + text[at + rnd.randrange(1, 100) :]
    encoding = rnd.choice(["utf-8", "utf-8-sig", "utf-16", "gb18030", "latin-1", "cut"])
    if encoding == "cut":
        raw = text.encode("utf-8", "surrogatepass")
        return raw[: rnd.randrange(len(raw) + 1)]
    return text.encode(encoding, "replace")


def _form_csv(std_id: str) -> bytes:
    text = form(catalog().standard(std_id), "csv")
    return text.replace(",,,,\n", ",2,一号楼,,\n", 3).encode("utf-8")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def assert_documented(code: int, err: str) -> None:
    assert code in (0, 1), err
    assert "internal error" not in err, err
    assert "Traceback" not in err, err


FUZZ = settings(max_examples=fuzz_examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.sampled_from(sorted(FORMS)), st.booleans(), st.integers(0, 2**32), st.integers(1, 3))
def test_filled_forms(std_id: str, as_csv: bool, seed: int, steps: int) -> None:
    """A mutated filled form (xlsx or CSV) through read_inspection and score: a ServstdError or an
    answer; exit 0 or 1."""
    with tempfile.TemporaryDirectory() as tmp:
        if as_csv:
            path = Path(tmp) / "f.csv"
            path.write_bytes(mutate_csv(_form_csv(std_id), seed, steps))
        else:
            path = Path(tmp) / "f.xlsx"
            path.write_bytes(mutate_xlsx(FORMS[std_id].read_bytes(), seed, steps))
        std = catalog().standard(std_id)
        with contextlib.suppress(ServstdError):
            read_inspection(path, std)
        assert_documented(*run("score", std_id, str(path))[::2])


@settings(max_examples=fuzz_examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.integers(0, 2**32), st.integers(1, 3))
def test_ticket_exports(as_csv: bool, seed: int, steps: int) -> None:
    """A mutated ticket export (xlsx or CSV) through sla report: exit 0 or 1, no internal error."""
    with tempfile.TemporaryDirectory() as tmp:
        if as_csv:
            path = Path(tmp) / "t.csv"
            path.write_bytes(mutate_csv(TICKETS_CSV, seed, steps))
        else:
            path = Path(tmp) / "t.xlsx"
            path.write_bytes(mutate_xlsx(TICKETS_XLSX, seed, steps))
        code, _, err = run(
            "sla", "report", str(path), "--policy", "insurance-claims-sla", "--now", "2026-10-10T00:00+08:00"
        )
        assert_documented(code, err)


@pytest.mark.parametrize("seed", range(3))
def test_the_mutators_mutate(seed: int) -> None:
    """The mutators change their input (so a passing fuzzer has fed the readers something new)."""
    base = FORMS["property-cs-quality-inspection"].read_bytes()
    assert mutate_xlsx(base, seed, 2) != base
    assert mutate_csv(TICKETS_CSV, seed, 1) != TICKETS_CSV
