"""Inspection forms (检查表) to print or fill in: xlsx, csv, Markdown or HTML from a standard — or
JSON, for a program that builds its own form.

One row per checklist item in document order — or per criterion, for a KPI standard — with the
section path, the code, the requirement (Chinese as written, the English gloss under it), how a
non-conformity is counted (每项/处/次, points per count, the item's cap, 一票否决, bonus) and empty
columns to fill in. Above the table, a header block names the standard, its version, the site,
the inspector and the date. Every header cell carries a Chinese label and a machine name
(「扣分次数 count」); a filled form is read back by the machine names
(:mod:`servstd.scoring.sheet`), so columns may be moved and extra columns added.

What the inspector fills in depends on the scheme:

* deduction — ``count``: how many times the item was found wanting (blank or 0: nothing found);
* pass/fail and checklist — ``result``: 合格 / 不合格 / 不适用 (pass, fail, n/a; blank: pass);
* KPI — ``value``: the measured value of each criterion (4.2, 92%, 20小时).

``places`` and ``note`` go with a finding. The ``points`` column and the totals row are left
empty: the library fills them when it scores a workbook (:func:`servstd.scoring.sheet.annotate`),
so the sheet holds no formulas to go stale.

>>> from servstd.catalog import catalog
>>> from servstd.scoring import form
>>> std = catalog().standard("property-cs-quality-inspection")
>>> print(form(std, "csv").splitlines()[7])
章节 path,编号 code,检查内容 requirement,扣分办法 rule,扣分次数 count,地点 places,备注 note,扣分 points
>>> print(form(std, "csv").splitlines()[8])
基础管理 › 计划指标,CS01,按周计划完成工作内容,每项扣1分；每周 (1 per item),,,,

The JSON form (``form(std, "json")``) holds the same facts as data: the header block (site,
inspector and date ``null``), the columns (machine name, Chinese label, ``filled_by``: the form,
the inspector, or scoring for ``points``), and one object per row with its section ``path``, its
``code``, its text as written apart from its English gloss (``text``, ``text_en``: the
``requirement`` column), its ``rule``, the scheme's numbers (``points``, ``deduct``, ``per``,
``cap``, ``veto``, ``bonus``; ``weight`` and ``unit`` for a KPI criterion; Decimals as text) and
the cells to fill as ``null``:

>>> import json
>>> row = next(r for r in json.loads(form(std, "json"))["rows"] if r["code"] == "CS20")
>>> row["code"], row["text"][:8], row["scoring"], row["count"]
('CS20', '档案室、档案柜、', {'deduct': '1', 'per': 'place', 'veto': False, 'bonus': False}, None)
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, overload

import attrs

from servstd._atomic import output_file, writing
from servstd._escape import csv_cell, markdown_text, xlsx_text
from servstd._extras import require
from servstd.errors import InputValueError
from servstd.standards.checklist_item import ChecklistItem
from servstd.standards.kpi import KpiCriterion, Mapping
from servstd.standards.standard import Scheme, Section, Standard

__all__ = [
    "FORMATS",
    "HEADER_FIELDS",
    "FormColumn",
    "FormLayout",
    "FormRow",
    "form",
    "layout",
    "save_form",
]

FORMATS = ("xlsx", "csv", "markdown", "html", "json")
"""The formats :func:`form` writes."""

SUFFIXES = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
"""The format of a form file, by its suffix."""

HEADER_FIELDS = {
    "standard": "标准",
    "version": "版本",
    "title": "名称",
    "site": "受检单位",
    "inspector": "检查人",
    "date": "检查日期",
}
"""The machine names of the header block above the table, each with its Chinese label."""

TOTAL = "total"
"""Machine name of the totals row below the table (「合计 total」)."""

Fill = Literal["count", "result", "value"]


@attrs.frozen
class FormColumn:
    """A column of the table: its machine name, Chinese label, width (characters) and role."""

    name: str
    label: str
    width: int
    to_fill: bool = False
    wrap: bool = False

    @property
    def header(self) -> str:
        """The header cell, with the Chinese label and the machine name (「扣分次数 count」)."""
        return f"{self.label} {self.name}"


@attrs.frozen
class FormRow:
    """One item (or criterion) of the form.

    ``requirement`` is the cell as printed (the text, and the English gloss under it); ``text``
    and ``text_en`` are the two apart; ``scoring`` holds the scheme's numbers for the JSON form.
    """

    path: str
    code: str
    requirement: str
    rule: str
    text: str = ""
    text_en: str = ""
    scoring: tuple[tuple[str, str | bool], ...] = ()


@attrs.frozen
class FormLayout:
    """What a form of ``standard`` holds: the header block, the columns and the rows."""

    standard: str
    version: str
    title: str
    fill: Fill
    columns: tuple[FormColumn, ...]
    rows: tuple[FormRow, ...]

    @property
    def header_block(self) -> tuple[tuple[str, str], ...]:
        """(label cell, value cell) pairs above the table; the value cells of site, inspector and date are empty."""
        values = {"standard": self.standard, "version": self.version, "title": self.title}
        return tuple((f"{zh} {name}", values.get(name, "")) for name, zh in HEADER_FIELDS.items())

    @property
    def header_row(self) -> int:
        """The 1-based row of the table's header in the xlsx and csv forms."""
        return len(HEADER_FIELDS) + 2

    def cells(self, row: FormRow) -> list[str]:
        """The row's cells in column order (columns to fill are empty)."""
        known = {"path": row.path, "code": row.code, "requirement": row.requirement, "rule": row.rule}
        return [known.get(c.name, "") for c in self.columns]


_FILL_COLUMNS: dict[Fill, FormColumn] = {
    "count": FormColumn("count", "扣分次数", 10, to_fill=True),
    "result": FormColumn("result", "检查结果", 10, to_fill=True),
    "value": FormColumn("value", "实测值", 12, to_fill=True),
}
_RULE_LABEL: dict[Fill, str] = {"count": "扣分办法", "result": "判定", "value": "评分规则"}


def _fill(standard: Standard) -> Fill:
    if standard.scheme is Scheme.KPI:
        return "value"
    return "count" if standard.scheme is Scheme.DEDUCTION else "result"


def layout(standard: Standard) -> FormLayout:
    """The form of ``standard``: columns and one row per item (per criterion for KPI), in document order.

    >>> from servstd.catalog import catalog
    >>> lay = layout(catalog().standard("cs-kpi-assessment"))
    >>> lay.fill, [c.name for c in lay.columns]
    ('value', ['code', 'requirement', 'rule', 'value', 'note', 'points'])
    >>> lay.rows[1].rule
    '权重 30%；≤24小時（达到得100分，否则0分）；填时长，如 20小时 / weight 30%, a length of time, e.g. 20小时'
    """
    fill = _fill(standard)
    cols = [
        FormColumn("path", "章节", 18, wrap=True),
        FormColumn("code", "编号", 8),
        FormColumn("requirement", "检查内容", 48, wrap=True),
        FormColumn("rule", _RULE_LABEL[fill], 24, wrap=True),
        _FILL_COLUMNS[fill],
        FormColumn("places", "地点", 16, to_fill=True, wrap=True),
        FormColumn("note", "备注", 24, to_fill=True, wrap=True),
        FormColumn("points", "扣分" if fill == "count" else "得分", 9),
    ]
    if fill == "value":
        cols = [c for c in cols if c.name not in ("path", "places")]
        rows = tuple(
            FormRow(
                "", c.code, c.name + (f"\n{c.name_en}" if c.name_en else ""), _kpi_rule(c), c.name, c.name_en,
                (("weight", _num(c.weight)), ("unit", c.unit)),
            )
            for c in standard.criteria
        )  # fmt: skip
    else:
        if fill == "result":
            cols = [c for c in cols if c.name != "points"]
        rows = tuple(
            FormRow(
                path, it.code, it.text + (f"\n{it.text_en}" if it.text_en else ""), _rule(it, fill), it.text,
                it.text_en, _scoring(it, fill),
            )
            for path, it in _items(standard)
        )  # fmt: skip
    title = standard.title + (f" / {standard.title_en}" if standard.title_en else "")
    return FormLayout(standard.id, standard.version, title, fill, tuple(cols), rows)


def _items(standard: Standard) -> Iterator[tuple[str, ChecklistItem]]:
    def walk(sections: tuple[Section, ...], trail: tuple[str, ...]) -> Iterator[tuple[str, ChecklistItem]]:
        for sec in sections:
            here = (*trail, sec.title)
            for it in sec.items:
                yield " › ".join(here), it
            yield from walk(sec.sections, here)

    yield from walk(standard.sections, ())


def _scoring(it: ChecklistItem, fill: Fill) -> tuple[tuple[str, str | bool], ...]:
    """The numbers a row of a deduction form is scored by (exact, as text); a pass/fail row's veto."""
    out: list[tuple[str, str | bool]] = []
    if fill == "count":
        if it.points is not None:
            out.append(("points", _num(it.points)))
        if it.deduct is not None:
            out.append(("deduct", _num(it.deduct)))
        out.append(("per", it.per.value))
        if it.max_deduction is not None:
            out.append(("cap", _num(it.max_deduction)))
    out += [("veto", it.veto), ("bonus", it.bonus)]
    return tuple(out)


def _num(v: Decimal) -> str:
    """A decimal as people write it: 1, 0.3, 2.5 (no exponent, no trailing zeros)."""
    text = format(v.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _rule(it: ChecklistItem, fill: Fill) -> str:
    """How an item is counted, in Chinese with a short English gloss."""
    main: list[str] = []
    tail: list[str] = []
    en: list[str] = []
    if fill == "count" and it.deduct is not None:
        unit, per = it.per.label("zh"), it.per.value
        if it.bonus:
            main.append(f"加分项：每{unit}加{_num(it.deduct)}分")
            en.append(f"bonus +{_num(it.deduct)} per {per}")
        else:
            if it.points is not None:
                main.append(f"本项{_num(it.points)}分")
            main.append(f"每{unit}扣{_num(it.deduct)}分")
            en.append(f"{_num(it.deduct)} per {per}")
        cap = it.max_deduction
        if cap is not None:
            main.append(f"{'最多加' if it.bonus else '最多扣'}{_num(cap)}分")
            en.append(f"at most {_num(cap)}")
    elif fill == "result":
        main.append("合格／不合格／不适用")
    if it.veto:
        tail.append("一票否决")
        en.append("veto")
    tail.extend(f.text for f in it.frequencies if f.text)
    for t in it.time_limits:
        tail.append(f"时限{t.duration}")
        en.append(f"within {t.duration}")
    text = "；".join(["，".join(main), *tail]) if main else "；".join(tail)
    return text + (f" ({', '.join(en)})" if en else "")


_UNIT_HINT = {
    "rating": ("填评分", "a rating"),
    "ratio": ("填比率，如 92%", "a ratio, e.g. 92%"),
    "seconds": ("填时长，如 20小时", "a length of time, e.g. 20小时"),
}


def _kpi_rule(c: KpiCriterion) -> str:
    weight = _num(c.weight * 100)
    if c.mapping is Mapping.LINEAR:
        assert c.worst is not None
        assert c.best is not None
        how = f"{_num(c.worst)}→0分，{_num(c.best)}→100分，线性"
    elif c.mapping is Mapping.THRESHOLD:
        how = "达到得100分，否则0分"
    else:
        how = "，".join(f"≥{_num(b.min)}得{_num(b.points)}分" for b in sorted(c.bands, key=lambda b: b.min))
    zh_hint, en_hint = _UNIT_HINT.get(c.unit, ("填数值", "a number"))
    text = f"{c.text}（{how}）" if c.text else how
    return f"权重 {weight}%；{text}；{zh_hint} / weight {weight}%, {en_hint}"


# -- rendering ---------------------------------------------------------------------------------


@overload
def form(standard: Standard, format: Literal["xlsx"]) -> bytes: ...
@overload
def form(standard: Standard, format: Literal["csv", "markdown", "html", "json"] = "markdown") -> str: ...
@overload
def form(standard: Standard, format: str) -> str | bytes: ...
def form(standard: Standard, format: str = "markdown") -> str | bytes:
    """The inspection form of ``standard``: ``"xlsx"`` (bytes), ``"csv"``, ``"markdown"``, ``"html"``
    or ``"json"`` (text).

    The xlsx form needs openpyxl (``pip install 'servstd[excel]'``).
    """
    lay = layout(standard)
    if format == "xlsx":
        return _xlsx(lay)
    if format == "csv":
        return _csv(lay)
    if format == "markdown":
        return _markdown(lay)
    if format == "html":
        return _html(lay)
    if format == "json":
        return _json(lay, standard)
    raise InputValueError(format, "format", FORMATS)


def save_form(standard: Standard, path: str | Path, format: str | None = None, *, bom: bool = True) -> Path:
    """Write the form of ``standard`` to ``path``; the format comes from the suffix unless given.

    CSV is written as UTF-8 with a byte-order mark, which Excel opens without mangling Chinese;
    ``bom=False`` leaves it out (for programs that do not expect one).
    """
    p = Path(path)
    fmt = format or SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise InputValueError(p.name, "path", sorted(SUFFIXES))
    output_file(p)
    data = form(standard, fmt)
    with writing(p):
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8-sig" if fmt == "csv" and bom else "utf-8", newline="")
    return p


def _grid(lay: FormLayout) -> list[list[str]]:
    """The rows of the xlsx and csv forms: header block, a blank row, the table, the totals row."""
    rows: list[list[str]] = [[label, value] for label, value in lay.header_block]
    rows.append([])
    rows.append([c.header for c in lay.columns])
    rows += [lay.cells(r) for r in lay.rows]
    rows.append([f"合计 {TOTAL}"])
    return rows


def _json(lay: FormLayout, standard: Standard) -> str:
    """The form as data: header block, columns (who fills each) and rows (cells to fill are ``null``)."""
    header = {name: value or None for (_, value), name in zip(lay.header_block, HEADER_FIELDS, strict=True)}
    blank = [c.name for c in lay.columns if c.to_fill or c.name == "points"]

    def filled_by(c: FormColumn) -> str:
        return "inspector" if c.to_fill else "scoring" if c.name == "points" else "form"

    rows = []
    for r in lay.rows:
        row: dict[str, object] = {"path": r.path} if any(c.name == "path" for c in lay.columns) else {}
        row.update(code=r.code, text=r.text, text_en=r.text_en, rule=r.rule, scoring=dict(r.scoring))
        row.update(dict.fromkeys(blank))
        rows.append(row)
    data = {
        "standard": lay.standard, "version": lay.version, "title": lay.title, "scheme": standard.scheme.value,
        "fill": lay.fill, "header": header,
        "columns": [{"name": c.name, "label": c.label, "filled_by": filled_by(c)} for c in lay.columns],
        "rows": rows,
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _csv(lay: FormLayout) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([csv_cell(v) for v in row] for row in _grid(lay))
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return "<br>".join(markdown_text(line) for line in text.split("\n"))


def _markdown(lay: FormLayout) -> str:
    out = [f"# {_md_cell(lay.title)}", ""]
    out += [f"- {label}: {_md_cell(value)}" for label, value in lay.header_block]
    out += ["", "| " + " | ".join(_md_cell(c.header) for c in lay.columns) + " |"]
    out.append("|" + "|".join("---" for _ in lay.columns) + "|")
    out += ["| " + " | ".join(_md_cell(x) for x in lay.cells(r)) + " |" for r in lay.rows]
    return "\n".join(out) + "\n"


_CSS = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", SimSun, sans-serif;
       font-size: 10pt; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #444; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
thead th { background: #e8e8e8; }
tr { break-inside: avoid; page-break-inside: avoid; }
.meta td { border: none; padding: 0.5mm 2mm 0.5mm 0; }
.meta td.blank { border-bottom: 0.5pt solid #444; min-width: 40mm; }
.head { margin-bottom: 4mm; width: auto; }
td.fill { min-width: 14mm; }
small { color: #555; }
"""


def _html(lay: FormLayout) -> str:
    e = html.escape
    meta = "".join(
        f'<tr><td>{e(label)}</td><td class="{"" if value else "blank"}">{e(value)}</td></tr>'
        for label, value in lay.header_block
    )
    head = "".join(f"<th>{e(c.label)}<br><small>{e(c.name)}</small></th>" for c in lay.columns)

    def cell(text: str, col: FormColumn) -> str:
        first, _, gloss = text.partition("\n")
        body = e(first) + (f"<br><small>{e(gloss)}</small>" if gloss else "")
        return '<td class="fill"></td>' if col.to_fill or col.name == "points" else f"<td>{body}</td>"

    rows = "\n".join(
        "<tr>" + "".join(cell(x, c) for x, c in zip(lay.cells(r), lay.columns, strict=True)) + "</tr>"
        for r in lay.rows
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(lay.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<h1>{e(lay.title)}</h1>\n<table class="meta head">{meta}</table>\n'
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</body>\n</html>\n"
    )


def _validation(ws: Any, lay: FormLayout, first: int, last: int) -> None:
    """What may be typed into the column to fill: whole numbers ≥ 0, or 合格/不合格/不适用."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - optional: servstd[excel]
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415 - optional

    fill_col = next(i for i, c in enumerate(lay.columns, start=1) if c.name == lay.fill)
    rng = f"{get_column_letter(fill_col)}{first}:{get_column_letter(fill_col)}{max(last, first)}"
    if lay.fill == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        dv.error, dv.errorTitle = "扣分次数为不小于0的整数 (a count is a whole number ≥ 0)", "扣分次数 count"
    elif lay.fill == "result":
        dv = DataValidation(type="list", formula1='"合格,不合格,不适用"', allow_blank=True)
        dv.error, dv.errorTitle = "填 合格、不合格 或 不适用 (pass, fail or n/a)", "检查结果 result"
    else:
        dv = None
    if dv is not None:
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
        dv.add(rng)


def openpyxl_module() -> Any:
    """openpyxl, or a :class:`~servstd.errors.MissingExtraError` naming ``servstd[excel]``."""
    require("spreadsheets", "excel")
    import openpyxl  # noqa: PLC0415 - optional: servstd[excel]

    return openpyxl


def _xlsx(lay: FormLayout) -> bytes:
    openpyxl = openpyxl_module()
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415 - optional
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - optional

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "form"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for r, row in enumerate(_grid(lay), start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=xlsx_text(value) if value else None)
            if value:
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
    # header block
    for r in range(1, len(HEADER_FIELDS) + 1):
        ws.cell(row=r, column=1).font = bold
        ws.cell(row=r, column=2).border = Border(bottom=thin)
    ws.merge_cells(start_row=3, start_column=2, end_row=3, end_column=len(lay.columns))
    # the table
    head = lay.header_row
    first, last = head + 1, head + len(lay.rows)
    grey = PatternFill("solid", fgColor="E8E8E8")
    for c, col in enumerate(lay.columns, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = col.width
        cell = ws.cell(row=head, column=c)
        cell.font, cell.fill, cell.border = bold, grey, border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r in range(first, last + 2):
            cell = ws.cell(row=r, column=c)
            cell.border = border
            cell.alignment = Alignment(wrap_text=col.wrap, vertical="top")
    ws.cell(row=last + 1, column=1).font = bold
    _validation(ws, lay, first, last)
    # screen and print
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "&P / &N"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
