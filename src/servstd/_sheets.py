"""Spreadsheets from outside (xlsx workbooks and CSV text), read within limits.

A workbook is a zip of XML parts, and what it *claims* (a ``<dimension ref="A1:XFD1048576"/>``,
a cell at row 1,048,576, twenty million shared strings) costs a reader time and memory out of all
proportion to its size on disk. So every workbook is scanned before openpyxl reads it, and the
scan is bounded by what it has read, never by what the file says:

1. the zip's directory: at most :attr:`Limits.parts` parts, unpacking to at most
   :attr:`Limits.uncompressed` bytes (zipfile stops at the sizes the directory states, so a
   part cannot unpack to more than it declared);
2. every shared-string part, streamed: at most :attr:`Limits.shared_strings` strings;
3. every worksheet, streamed: at most :attr:`Limits.rows` rows, :attr:`Limits.columns` columns
   and :attr:`Limits.cells` cells of the grid the sheet makes (each row as wide as its last
   cell); every cell reference, shared-string index, number, boolean and date is checked, and a
   formula without a stored value is noted (it reads as empty, which is not what it shows).

The sheet's own ``<dimension>`` is then ignored (openpyxl would pad every row to it). XML is
parsed with expat with document types refused, so no entity is ever expanded; openpyxl itself
uses ``defusedxml`` (installed with ``servstd[excel]``). Every refusal is one
:class:`~servstd.errors.DocumentError` line naming the file and the limit, or the cell.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData></worksheet>')
>>> scan_sheet(zipfile.ZipFile(buf), "xl/worksheets/sheet1.xml", "big.xlsx", "form", FORM_LIMITS)
Traceback (most recent call last):
...
servstd.errors.DocumentError: big.xlsx: 1 problem
  - form!row 2000000: the sheet goes past row 10,000; a form has at most 10,000 rows
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import lzma
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

import attrs

from servstd.errors import DocumentError, Problem

__all__ = [
    "FORM_LIMITS",
    "TABLE_LIMITS",
    "XLSX_TABLE_LIMITS",
    "Limits",
    "SheetScan",
    "check_regular_file",
    "column_letter",
    "csv_rows",
    "read_workbook",
    "scan_sheet",
]


@attrs.frozen
class Limits:
    """What a spreadsheet may hold before it is refused (each refusal names the limit)."""

    what: str
    """What the file is, for messages: ``"a form"``, ``"a table"``."""
    rows: int
    columns: int
    cells: int
    shared_strings: int
    uncompressed: int
    parts: int = 10_000


FORM_LIMITS = Limits("a form", rows=10_000, columns=256, cells=200_000, shared_strings=200_000,
                     uncompressed=64 * 1024 * 1024)  # fmt: skip
"""Inspection forms: a few hundred items, a few columns."""
TABLE_LIMITS = Limits("a table", rows=1_048_576, columns=1_024, cells=20_000_000,
                      shared_strings=0, uncompressed=0)  # fmt: skip
"""Ticket exports as CSV (read by pandas' C parser): Excel's own row limit, 1,024 columns."""
XLSX_TABLE_LIMITS = Limits("an xlsx table", rows=200_000, columns=1_024, cells=2_000_000,
                           shared_strings=1_000_000, uncompressed=256 * 1024 * 1024)  # fmt: skip
"""Ticket exports as xlsx: openpyxl reads some 50,000 rows a second, so larger exports go as CSV or Parquet."""

_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)
"""What zipfile raises for a damaged part: bad data, an unknown compression method, an encrypted part."""
_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_MAX_PROBLEMS = 20
_CHUNK = 1 << 20


def check_regular_file(path: Path) -> None:
    """Refuse anything but a regular file (a FIFO would block the reader, a device never ends)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise DocumentError(
            str(path), [Problem("", f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    except ValueError as exc:  # a NUL byte in the name
        raise DocumentError(str(path), [Problem("", f"cannot read the file: {exc}")]) from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe, a device or a socket)"
        raise DocumentError(str(path), [Problem("", f"this is {kind}; give a file")])


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _StopError(Exception):
    """Raised inside an expat handler to end a scan at the first limit passed."""

    def __init__(self, where: str, message: str) -> None:
        self.problem = Problem(where, message)


@attrs.frozen
class SheetScan:
    """What the scan of one worksheet found: the cells holding a formula without a stored value."""

    formulas_without_value: frozenset[tuple[int, int]]
    """(row, column), both 0-based, as in the grid the reader returns."""


def _parser(on_start: Any, on_end: Any, on_text: Any) -> Any:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def no_doctype(*_: object) -> None:
        raise _StopError("", "the XML declares a document type; a spreadsheet part never does")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    parser.buffer_text = True
    return parser


def _feed(archive: zipfile.ZipFile, part: str, parser: Any) -> None:
    with archive.open(part) as f:
        while chunk := f.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _count_shared_strings(archive: zipfile.ZipFile, part: str, limits: Limits) -> int:
    count = 0

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal count
        if _local(name) == "si":
            count += 1
            if count > limits.shared_strings:
                raise _StopError(
                    "",
                    f"more than {limits.shared_strings:,} shared strings; {limits.what} has at most "
                    f"{limits.shared_strings:,}",
                )

    _feed(archive, part, _parser(start, lambda _n: None, lambda _t: None))
    return count


class _SheetScanner:
    """The expat handlers of one worksheet scan."""

    def __init__(self, sheet: str, limits: Limits, strings: int) -> None:
        self.sheet, self.limits, self.strings = sheet, limits, strings
        self.row = 0  # 1-based, of the row being read
        self.col = 0  # 1-based, of the last cell read in the row
        self.cells = 0  # the grid's size so far: each row as wide as its last cell
        self.in_cell = False
        self.cell_ref = ""
        self.cell_type = "n"
        self.has_formula = False
        self.value: list[str] | None = None
        self.missing: set[tuple[int, int]] = set()
        self.problems: list[Problem] = []

    def where(self, ref: str | None = None) -> str:
        return f"{self.sheet}!{ref or self.cell_ref}"

    def stop(self, message: str) -> None:
        raise _StopError(self.where(), message)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "row":
            self.cells += self.col
            given = attributes.get("r")
            if given is not None and not (given.isdigit() and 0 < int(given) <= 10_000_000):
                raise _StopError(f"{self.sheet}!row {given[:20]!r}", "not a row number")
            row = int(given) if given is not None else self.row + 1
            if row <= self.row:
                raise _StopError(f"{self.sheet}!row {row}", "rows out of order")
            self.row, self.col = row, 0
            if row > self.limits.rows:
                raise _StopError(
                    f"{self.sheet}!row {row}",
                    f"the sheet goes past row {self.limits.rows:,}; {self.limits.what} has at most "
                    f"{self.limits.rows:,} rows",
                )
        elif tag == "c":
            self._cell(attributes)
        elif tag == "f" and self.in_cell:
            self.has_formula = True
        elif tag in ("v", "t") and self.in_cell and self.value is None:
            self.value = []

    def _cell(self, attributes: dict[str, str]) -> None:
        if self.row == 0:
            self.row = 1
        ref = attributes.get("r")
        if ref is None:
            col = self.col + 1
        else:
            m = _REF.fullmatch(ref)
            if m is None or int(m[2]) != self.row:
                raise _StopError(f"{self.sheet}!{ref[:20]!r}", f"not a cell reference of row {self.row}")
            col = _column_index(m[1])
            if col > 16_384:
                raise _StopError(f"{self.sheet}!{ref}", "a column past XFD, the last column a sheet has")
            if col <= self.col:
                raise _StopError(f"{self.sheet}!{ref}", "cells out of order in their row")
        self.col = col
        self.cell_ref = ref or f"{column_letter(col)}{self.row}"
        if col > self.limits.columns:
            self.stop(
                f"the sheet goes past column {column_letter(self.limits.columns)}; {self.limits.what} has "
                f"at most {self.limits.columns:,} columns"
            )
        if self.cells + col > self.limits.cells:
            self.stop(
                f"more than {self.limits.cells:,} cells; {self.limits.what} has at most {self.limits.cells:,}"
            )
        self.in_cell, self.has_formula, self.value = True, False, None
        self.cell_type = attributes.get("t", "n")

    def text(self, data: str) -> None:
        if self.value is not None and len(self.value) < 4:
            self.value.append(data)

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag == "c":
            self._check_value()
            self.in_cell = False

    def _check_value(self) -> None:
        value = None if self.value is None else "".join(self.value).strip()
        if self.has_formula and not value:
            self.missing.add((self.row - 1, self.col - 1))
            return
        if value is None or len(self.problems) >= _MAX_PROBLEMS:
            return
        t = self.cell_type
        bad = None
        if t == "n":
            bad = None if _is_number(value) else "is not a number"
        elif t == "s":
            ok = value.isdigit() and int(value) < self.strings
            bad = None if ok else f"names shared string {value[:20]!r}, which the workbook does not have"
        elif t == "b":
            bad = None if value in ("0", "1") else "is not a boolean (0 or 1)"
        elif t == "d":
            bad = None if _is_iso_date(value) else "is not a date (ISO 8601)"
        elif t not in ("str", "inlineStr", "e"):
            bad = f"has an unknown cell type t={t[:20]!r}"
        if bad:
            self.problems.append(Problem(self.where(), f"the stored value {value[:20]!r} {bad}"))


def column_letter(index: int) -> str:
    """The spreadsheet letter of 1-based column ``index`` (1 → A, 27 → AA).

    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return len(text) <= 64


def _is_iso_date(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt.time.fromisoformat(text)
        except ValueError:
            return False
    return True


def scan_sheet(
    archive: zipfile.ZipFile, part: str, source: str, sheet: str, limits: Limits, *, shared_strings: int = 0
) -> SheetScan:
    """Scan the worksheet ``part`` of ``archive`` within ``limits``; problems are a DocumentError."""
    scanner = _SheetScanner(sheet, limits, shared_strings)
    try:
        _feed(archive, part, _parser(scanner.start, scanner.end, scanner.text))
    except _StopError as stop:
        raise DocumentError(source, [Problem(stop.problem.path or sheet, stop.problem.message)]) from None
    except expat.ExpatError as exc:
        raise DocumentError(source, [Problem(sheet, f"the sheet's XML is malformed ({exc})")]) from None
    except _DAMAGED as exc:
        raise DocumentError(source, [Problem(sheet, f"the workbook is damaged ({exc})")]) from None
    if scanner.problems:
        raise DocumentError(source, scanner.problems)
    return SheetScan(frozenset(scanner.missing))


def _archive(path: Path, limits: Limits) -> zipfile.ZipFile:
    check_regular_file(path)
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (*_DAMAGED, ValueError) as exc:
        raise DocumentError(
            source, [Problem("", f"not an xlsx workbook (not a readable zip file: {exc})")]
        ) from None
    infos = archive.infolist()
    if len(infos) > limits.parts:
        archive.close()
        raise DocumentError(
            source, [Problem("", f"the workbook has {len(infos):,} parts; at most {limits.parts:,}")]
        )
    size = sum(i.file_size for i in infos)
    if size > limits.uncompressed:
        archive.close()
        raise DocumentError(
            source,
            [Problem("", f"the workbook unpacks to {size:,} bytes; {limits.what} unpacks to at most {limits.uncompressed:,}")],
        )  # fmt: skip
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.lower().endswith("workbook.xml") for n in names):
        archive.close()
        raise DocumentError(source, [Problem("", "a zip file, but not an xlsx workbook (no workbook part)")])
    return archive


def read_workbook(
    path: str | Path, limits: Limits, openpyxl: Any
) -> Iterator[tuple[str, list[list[Any]], SheetScan]]:
    """Each worksheet of the workbook at ``path``: its title, its rows of values and its scan.

    Values are the stored ones (``data_only``): numbers, text, booleans, datetimes. The workbook
    is scanned against ``limits`` first (see the module's text); ``openpyxl`` is the module.
    """
    p = Path(path)
    source = str(p)
    with contextlib.ExitStack() as stack:
        archive = stack.enter_context(_archive(p, limits))
        strings = sum(
            _shared_strings(archive, info.filename, source, limits)
            for info in archive.infolist()
            if info.filename.lower().endswith("sharedstrings.xml")
        )
        try:
            handle = stack.enter_context(p.open("rb"))
            wb = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError and its own errors
            raise DocumentError(source, [Problem("", f"cannot read the workbook: {_reason(exc)}")]) from None
        stack.callback(wb.close)
        for ws in wb.worksheets:
            part = getattr(ws, "_worksheet_path", None)
            scan = (
                scan_sheet(archive, part, source, ws.title, limits, shared_strings=strings)
                if part
                else SheetScan(frozenset())
            )
            ws.reset_dimensions()
            try:
                rows = [list(r) for r in ws.iter_rows(values_only=True)]
            except Exception as exc:  # openpyxl's own checks of what the scan let through
                raise DocumentError(
                    source, [Problem(ws.title, f"cannot read the sheet: {_reason(exc)}")]
                ) from None
            yield ws.title, rows, scan


def _shared_strings(archive: zipfile.ZipFile, part: str, source: str, limits: Limits) -> int:
    try:
        return _count_shared_strings(archive, part, limits)
    except _StopError as stop:
        raise DocumentError(source, [Problem(part, stop.problem.message)]) from None
    except expat.ExpatError as exc:
        raise DocumentError(source, [Problem(part, f"malformed XML ({exc})")]) from None
    except _DAMAGED as exc:
        raise DocumentError(source, [Problem("", f"the workbook is damaged ({exc})")]) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def csv_rows(text: str, source: str, limits: Limits, delimiter: str = ",") -> list[list[str]]:
    """The rows of CSV ``text``, refused at the first row, column or cell past ``limits``."""
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) >= limits.rows:
                raise DocumentError(
                    source,
                    [Problem(f"row {len(rows) + 1:,}", f"{limits.what} has at most {limits.rows:,} rows")],
                )
            if len(row) > limits.columns:
                raise DocumentError(
                    source,
                    [Problem(f"row {len(rows) + 1:,}", f"{len(row):,} columns; {limits.what} has at most {limits.columns:,}")],
                )  # fmt: skip
            cells += len(row)
            if cells > limits.cells:
                raise DocumentError(
                    source,
                    [
                        Problem(
                            f"row {len(rows) + 1:,}",
                            f"more than {limits.cells:,} cells; {limits.what} has at most {limits.cells:,}",
                        )
                    ],
                )
            rows.append(row)
    except csv.Error as exc:
        raise DocumentError(source, [Problem(f"row {len(rows) + 1:,}", f"not CSV: {exc}")]) from None
    return rows
