"""Filled inspection forms read back: xlsx workbooks and csv files, checked cell by cell.

A form (:mod:`servstd.scoring.inspection_form`) is found by its machine names, not by position: the header
block's 「标准 standard」, 「版本 version」, 「受检单位 site」, 「检查人 inspector」, 「检查日期 date」 (label in
one cell, value in the next), then the table whose header row has a ``code`` column and one of
``count`` (deduction), ``result`` (pass/fail) or ``value`` (KPI), with ``places`` and ``note``
beside them. Columns may be moved; extra columns are ignored; the ``合计 total`` row ends the table.

Every bad cell is reported at once, by sheet and cell (``form!E17: 'x' is not a count``), in one
:class:`~servstd.errors.DocumentError`: a count that is not a whole number ≥ 0, a result other than
合格/不合格/不适用, a measured value off its criterion's scale, an unknown code, a code given twice,
a form of another standard or another version. CSV is decoded as people save it (UTF-8 with or
without BOM, UTF-16, GB18030 — what Excel writes in mainland China).

Columns are found by name, so a hand-made sheet reads as well as the library's own form:

The reader turns a sheet into the same document data an inspection YAML holds, and
:func:`~servstd.scoring.read_inspection` validates either the same way:

>>> from servstd.catalog import catalog
>>> from servstd.scoring.sheet import read_csv_text
>>> std = catalog().standard("property-cs-quality-inspection")
>>> data = read_csv_text('''标准 standard,property-cs-quality-inspection
... 受检单位 site,阳光花园
...
... 编号 code,扣分次数 count,地点 places,检查员备忘 memo
... CS13,2,"1号楼、2号楼",extra columns are ignored
... CS20,,,
... ''', "f.csv", std)
>>> data["site"], data["findings"]
('阳光花园', [{'item': 'CS13', 'count': 2, 'places': ['1号楼', '2号楼'], 'note': ''}])
>>> read_csv_text("标准 standard,property-cs-quality-inspection\\n编号 code,扣分次数 count\\nCS13,x\\nZZ,1\\nCS20,-1\\n", "f.csv", std)
Traceback (most recent call last):
...
servstd.errors.DocumentError: f.csv: 3 problems
  - B3: 'x' is not a count (a whole number ≥ 0)
  - A4: unknown code 'ZZ' in 'property-cs-quality-inspection'
  - B5: -1 is negative; a count is a whole number ≥ 0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from servstd._atomic import output_file, writing
from servstd._escape import FORMULA_START
from servstd._sheets import FORM_LIMITS, check_regular_file, column_letter, csv_rows, read_workbook
from servstd._text import read_text
from servstd.errors import DocumentError, Problem, ScoringError
from servstd.scoring.inspection_form import HEADER_FIELDS, TOTAL, openpyxl_module
from servstd.scoring.kpi import measured_value
from servstd.scoring.report import ScoreReport
from servstd.standards.kpi import KpiCriterion
from servstd.standards.standard import Scheme, Standard

__all__ = [
    "SHEET_SUFFIXES",
    "FilledSheet",
    "annotate",
    "column_letter",
    "is_sheet",
    "read_csv_text",
    "read_sheet",
    "read_sheets",
]

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv")
"""File suffixes read as filled forms."""

Document = dict[str, Any]
"""An inspection as document data (the fields of an inspection YAML)."""

PASS = {"合格", "符合", "通过", "是", "pass", "passed", "ok", "yes", "y", "✓", "✔", "√", "○"}
FAIL = {"不合格", "不符合", "未通过", "否", "fail", "failed", "no", "n", "✗", "✘", "×", "x"}
NOT_APPLICABLE = {"不适用", "无", "n/a", "na", "-", "—", "／", "/"}

_UNCOMPUTED = "a formula without a computed value — open and save the file in Excel, or enter the number"
_TABLE_COLUMNS = ("code", "count", "result", "value", "places", "note", "points")
_PLACE_SEPARATORS = re.compile(r"[、,，;；\n]+")


@attrs.frozen
class FilledSheet:
    """One filled form: the file, the sheet (empty for csv) and the inspection as document data."""

    source: str
    sheet: str
    data: Document = attrs.field(eq=False)


def is_sheet(path_or_text: str | Path) -> bool:
    """Whether ``path_or_text`` names a spreadsheet file (by its suffix) rather than YAML/JSON."""
    if isinstance(path_or_text, str) and ("\n" in path_or_text or not path_or_text.strip()):
        return False
    return Path(path_or_text).suffix.lower() in SHEET_SUFFIXES


def machine_name(cell: Any) -> str:
    """The machine name in a header cell: its last word, lower-cased (「扣分次数 count」 → ``count``)."""
    if not isinstance(cell, str):
        return ""
    words = cell.replace("「", " ").replace("」", " ").split()
    return words[-1].lower() if words else ""


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    return str(v).strip()


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _measured(value: Any) -> Any:
    """A measured value as typed: numbers (also numbers as text) become decimals; other text stays text."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        return Decimal(text) if _NUMBER.fullmatch(text) else text
    return value


class _Reader:
    """Reads one grid of cells (rows of values) into an inspection, collecting problems."""

    def __init__(
        self,
        grid: Sequence[Sequence[Any]],
        source: str,
        sheet: str,
        standard: Standard | None,
        formulas: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        self.grid = grid
        self.source = source
        self.sheet = sheet
        self.standard = standard
        self.formulas = formulas  # cells holding a formula without a stored value
        self.problems: list[Problem] = []

    def uncomputed(self, row: int, col: int | None) -> bool:
        """Whether the cell holds a formula without a computed value (reporting it if so)."""
        if col is None or (row, col) not in self.formulas:
            return False
        self.problem(row, col, _UNCOMPUTED)
        return True

    def where(self, row: int, col: int) -> str:
        cell = f"{column_letter(col + 1)}{row + 1}"
        return f"{self.sheet}!{cell}" if self.sheet else cell

    def problem(self, row: int, col: int, message: str, value: Any = None) -> None:
        self.problems.append(Problem(self.where(row, col), message, value))

    def cell(self, row: int, col: int | None) -> Any:
        if col is None or row >= len(self.grid) or col >= len(self.grid[row]):
            return None
        return self.grid[row][col]

    def is_total(self, row: int) -> bool:
        """Whether ``row`` is the 「合计 total」 row that ends the table."""
        first = next((c for c in self.grid[row] if not _blank(c)), None)
        return machine_name(first) == TOTAL

    def header_row(self) -> int | None:
        for r, row in enumerate(self.grid):
            if any(machine_name(c) == "code" for c in row):
                return r
        return None

    def header_block(self, end: int) -> dict[str, tuple[Any, int, int]]:
        found: dict[str, tuple[Any, int, int]] = {}
        for r in range(end):
            row = self.grid[r]
            for c, cell in enumerate(row):
                name = machine_name(cell)
                if name in HEADER_FIELDS and name not in found:
                    value_col = next((k for k in range(c + 1, len(row)) if not _blank(row[k])), c + 1)
                    found[name] = (self.cell(r, value_col), r, value_col)
                    break
        return found

    def read(self) -> Document | None:
        head = self.header_row()
        if head is None:
            return None
        block = self.header_block(head)
        cols: dict[str, int] = {}
        for c, cell in enumerate(self.grid[head]):
            name = machine_name(cell)
            if name in _TABLE_COLUMNS and name not in cols:
                cols[name] = c
        if "standard" not in block:
            self.problems.append(
                Problem(
                    self.sheet or "", "no 「标准 standard」 cell above the table; is this a servstd form?"
                )
            )
        if not {"count", "result", "value"} & set(cols):
            self.problem(
                head, len(self.grid[head]), "the table has no 「count」, 「result」 or 「value」 column"
            )
        standard_id = self._meta_text(block, "standard")
        version = self._meta_text(block, "version")
        self._check_standard(block, standard_id, version)
        findings, not_applicable, measurements = self._rows(head, cols)
        date = self._date(block)
        if self.problems:
            return None
        return {
            "standard": standard_id, "version": version, "site": self._meta_text(block, "site"),
            "inspector": self._meta_text(block, "inspector"), "date": date, "findings": findings,
            "not_applicable": not_applicable, "measurements": measurements,
        }  # fmt: skip

    def _meta_text(self, block: dict[str, tuple[Any, int, int]], name: str) -> str:
        return _text(block[name][0]) if name in block else ""

    def _check_standard(self, block: dict[str, tuple[Any, int, int]], standard_id: str, version: str) -> None:
        std = self.standard
        if std is None or "standard" not in block:
            return
        _, r, c = block["standard"]
        if standard_id != std.id:
            self.problem(r, c, f"this is a form of {standard_id!r}, not of {std.id!r}", standard_id)
        elif version and version != std.version and "version" in block:
            _, r, c = block["version"]
            self.problem(r, c, f"this form is for version {version!r} of {std.id!r}; the standard is version {std.version!r}", version)  # fmt: skip

    def _date(self, block: dict[str, tuple[Any, int, int]]) -> dt.date | None:
        if "date" not in block or _blank(block["date"][0]):
            return None
        value, r, c = block["date"]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value).replace("/", "-").replace(".", "-")
        m = re.fullmatch(r"(\d{4})[-年](\d{1,2})[-月](\d{1,2})日?", text)
        try:
            if m is None:
                raise ValueError
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            self.problem(r, c, f"{_text(value)!r} is not a date; write 2026-03-09", value)
            return None

    def _codes(self) -> dict[str, str]:
        """Accepted codes → the standard's code (Excel turns a CSV code 08 into 8)."""
        std = self.standard
        assert std is not None
        codes = (
            [c.code for c in std.criteria] if std.scheme is Scheme.KPI else [it.code for it in std.items()]
        )
        out = {c: c for c in codes}
        for c in codes:
            if c.isdigit():
                out.setdefault(c.lstrip("0") or "0", c)
        return out

    def _rows(
        self, head: int, cols: dict[str, int]
    ) -> tuple[list[dict[str, Any]], list[str], dict[str, Any]]:
        findings: list[dict[str, Any]] = []
        not_applicable: list[str] = []
        measurements: dict[str, Any] = {}
        codes = self._codes() if self.standard is not None else None
        criteria = {c.code: c for c in self.standard.criteria} if self.standard is not None else {}
        seen: dict[str, int] = {}
        code_col = cols.get("code", 0)
        for r in range(head + 1, len(self.grid)):
            if self.is_total(r):
                break
            raw_code = self.cell(r, code_col)
            filled = {n: self.cell(r, cols.get(n)) for n in ("count", "result", "value", "places", "note")}
            if any(self.uncomputed(r, cols.get(n)) for n in ("code", "count", "result", "value")):
                continue
            if _blank(raw_code):
                if any(not _blank(v) for n, v in filled.items() if n in ("count", "result", "value")):
                    self.problem(r, code_col, "a filled row without a code")
                continue
            code = _text(raw_code)
            if codes is not None:
                if code not in codes:
                    self.problem(r, code_col, f"unknown code {code!r} in {self.standard.id!r}", code)  # type: ignore[union-attr]
                    continue
                code = codes[code]
            if code in seen:
                self.problem(r, code_col, f"{code} is already on row {seen[code] + 1}", code)
                continue
            seen[code] = r
            self._points(r, cols, filled)
            places = [p.strip() for p in _PLACE_SEPARATORS.split(_text(filled["places"])) if p.strip()]
            note = _text(filled["note"])
            if "count" in cols:
                count = self._count(r, cols["count"], filled["count"])
                if count:
                    findings.append({"item": code, "count": count, "places": places, "note": note})
            if "result" in cols and not _blank(filled["result"]):
                verdict = self._result(r, cols["result"], filled["result"])
                if verdict == "fail":
                    findings.append({"item": code, "count": 1, "places": places, "note": note})
                elif verdict == "na":
                    not_applicable.append(code)
            if "value" in cols:
                self._value(r, cols["value"], code, filled["value"], criteria=criteria, into=measurements)
        if self.standard is not None and self.standard.scheme is Scheme.KPI:
            for code, c in criteria.items():
                if code not in seen and "value" in cols:
                    self.problems.append(Problem(self.sheet or "", f"no row for criterion {code} ({c.name})"))
        return findings, not_applicable, measurements

    def _points(self, r: int, cols: dict[str, int], filled: dict[str, Any]) -> None:
        """Points are the library's output: a number there with nothing to score it from is refused."""
        c = cols.get("points")
        if c is None or self.uncomputed(r, c):
            return
        points = self.cell(r, c)
        if _blank(points) or _measured(points) in (0, "0"):
            return
        fill = next((n for n in ("count", "result", "value") if n in cols), None)
        if fill is None or not _blank(filled[fill]):
            return
        label = {"count": "扣分次数 count", "result": "检查结果 result", "value": "实测值 value"}[fill]
        self.problem(
            r,
            c,
            f"{_text(points)!r} in the points column, but {self.where(r, cols[fill])} (「{label}」) is empty; "
            f"points are filled in by servstd — write the {fill} instead",
            points,
        )

    def _value(
        self,
        r: int,
        c: int,
        code: str,
        value: Any,
        *,
        criteria: dict[str, KpiCriterion],
        into: dict[str, Any],
    ) -> None:
        """Check a measured value against its criterion's scale and put it ``into`` the measurements."""
        if _blank(value):
            if code in criteria:
                self.problem(r, c, f"no value for {criteria[code].name} ({code})")
            return
        value = _measured(value)
        if code in criteria:
            try:
                measured_value(criteria[code], value)
            except ScoringError as exc:
                self.problem(r, c, str(exc).split(": ", 1)[-1], value)
                return
        into[code] = value

    def _count(self, r: int, c: int, value: Any) -> int:
        if _blank(value):
            return 0
        if isinstance(value, bool):
            n = None
        elif isinstance(value, int):
            n = value
        elif isinstance(value, float) and value.is_integer():
            n = int(value)
        elif isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
            n = int(value.strip())
        else:
            n = None
        if n is None:
            self.problem(r, c, f"{_text(value)!r} is not a count (a whole number ≥ 0)", value)
            return 0
        if n < 0:
            self.problem(r, c, f"{n} is negative; a count is a whole number ≥ 0", value)
            return 0
        return n

    def _result(self, r: int, c: int, value: Any) -> str:
        text = _text(value).lower()
        if text in PASS or text == "1":
            return "pass"
        if text in FAIL or text == "0":
            return "fail"
        if text in NOT_APPLICABLE:
            return "na"
        self.problem(
            r, c, f"{_text(value)!r} is not a result; write 合格, 不合格 or 不适用 (pass, fail, n/a)", value
        )
        return ""


def _read_grid(
    grid: Sequence[Sequence[Any]],
    source: str,
    sheet: str,
    standard: Standard | None,
    formulas: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[Document | None, list[Problem]]:
    reader = _Reader(grid, source, sheet, standard, formulas)
    return reader.read(), reader.problems


def _unescaped(cell: str) -> str:
    """A CSV cell as written before servstd escaped it (``'=C1`` → ``=C1``, see :mod:`servstd._escape`)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def read_csv_text(text: str, source: str = "<csv>", standard: Standard | None = None) -> Document:
    """Read a filled form from CSV text (comma- or tab-separated); problems are one DocumentError."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    grid = [[_unescaped(c) for c in row] for row in csv_rows(text, source, FORM_LIMITS, delimiter)]
    inspection, problems = _read_grid(grid, source, "", standard)
    if problems:
        raise DocumentError(source, problems)
    if inspection is None:
        raise DocumentError(source, [Problem("", "no inspection form found: no header cell 「编号 code」")])
    return inspection


def read_sheets(path: str | Path, standard: Standard | None = None) -> list[FilledSheet]:
    """Every filled form in a workbook (one per sheet; sheets that are not forms are skipped) or csv file.

    With ``standard``, codes, the standard and its version, and measured values are checked too.
    All problems in all sheets are one DocumentError.
    """
    p = Path(path)
    check_regular_file(p)
    if p.suffix.lower() in (".csv", ".tsv", ".txt"):
        text, _ = read_text(p)
        return [FilledSheet(str(p), "", read_csv_text(text, str(p), standard))]
    problems: list[Problem] = []
    out = []
    for name, grid, scan in read_workbook(p, FORM_LIMITS, openpyxl_module()):
        inspection, found = _read_grid(grid, str(p), name, standard, scan.formulas_without_value)
        problems += found
        if inspection is not None:
            out.append(FilledSheet(str(p), name, inspection))
    if problems:
        raise DocumentError(str(p), problems)
    if not out:
        raise DocumentError(
            str(p), [Problem("", "no sheet is an inspection form (no header cell 「编号 code」)")]
        )
    return out


def read_sheet(path: str | Path, standard: Standard | None = None) -> Document:
    """The inspection recorded in a filled xlsx or csv form (a workbook must hold exactly one)."""
    sheets = read_sheets(path, standard)
    if len(sheets) > 1:
        names = ", ".join(s.sheet for s in sheets)
        raise DocumentError(
            str(path),
            [
                Problem(
                    "",
                    f"{len(sheets)} sheets are forms ({names}); read them with read_sheets, or all at once with read_inspections",
                )
            ],
        )
    return sheets[0].data


def annotate(path: str | Path, report: ScoreReport, out: str | Path, sheet: str | None = None) -> Path:
    """Copy a filled xlsx form to ``out`` with the ``points`` column and the 合计 total row filled from ``report``.

    Values, not formulas: the deduction each item applied (the weighted points of each criterion
    for KPI), and in the totals row the total, the grade and the compliance rate.
    """
    target = output_file(out)
    openpyxl = openpyxl_module()
    for _ in read_workbook(path, FORM_LIMITS, openpyxl):  # the workbook is checked before it is loaded whole
        pass
    wb = openpyxl.load_workbook(Path(path))
    ws = wb[sheet] if sheet else wb.worksheets[0]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    reader = _Reader(grid, str(path), ws.title, None)
    head = reader.header_row()
    if head is None:
        raise DocumentError(str(path), [Problem(ws.title, "no header cell 「编号 code」")])
    cols = {machine_name(c): i for i, c in enumerate(grid[head]) if machine_name(c)}
    per_item: dict[str, Decimal] = {}
    for ln in report.lines:
        per_item[ln.item] = per_item.get(ln.item, Decimal(0)) + ln.applied
    for c in report.criteria:
        per_item[c.code] = c.weighted
    points_col = cols.get("points")
    total_row = len(grid)
    for r in range(head + 1, len(grid)):
        if reader.is_total(r):
            total_row = r
            break
        code = _text(reader.cell(r, cols.get("code")))
        if points_col is not None and code in per_item:
            ws.cell(row=r + 1, column=points_col + 1, value=report.rounding.apply(per_item[code]))
    ws.cell(row=total_row + 1, column=1, value=f"合计 {TOTAL}")
    summary = f"{report.total} / {report.max_points}" + (f"  {report.grade}" if report.grade else "")
    if report.compliance is not None:
        summary += f"  合格率 {report.rounding.apply(report.compliance * 100)}%"
    ws.cell(row=total_row + 1, column=2, value=summary)
    if points_col is not None and points_col > 1:
        ws.cell(row=total_row + 1, column=points_col + 1, value=report.total)
    with writing(target):
        wb.save(target)
    return target
