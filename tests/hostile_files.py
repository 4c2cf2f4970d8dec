"""Small hostile files for the reader tests: workbooks and tables whose size on disk is tiny but
whose claims (dimensions, rows, shared strings, columns) are huge.

Each builder returns bytes; nothing here calls servstd, so a reader bug cannot hide in a builder.
"""

from __future__ import annotations

import io
import zipfile

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheets><sheet name="form" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def sheet_xml(rows: str, dimension: str = "A1:A1") -> str:
    """A worksheet part with ``rows`` (the XML inside ``<sheetData>``) and a claimed dimension."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def shared_strings_xml(strings: list[str] | None = None, *, repeat: int = 0) -> str:
    """A shared-string part: ``strings``, or ``repeat`` empty strings."""
    body = "".join(f"<si><t>{s}</t></si>" for s in strings or []) + "<si><t/></si>" * repeat
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">{body}</sst>'


def workbook(sheet: str, shared: str | None = None, *, extra: dict[str, bytes] | None = None) -> bytes:
    """An xlsx file (deflated) with one sheet ``form`` holding the worksheet XML ``sheet``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", shared if shared is not None else shared_strings_xml())
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def dimension_bomb() -> bytes:
    """A sheet that claims A1:XFD1048576 and holds one cell at A1048576 (about 2 KB)."""
    return workbook(sheet_xml('<row r="1048576"><c r="A1048576"><v>1</v></c></row>', "A1:XFD1048576"))


def row_bomb(rows: int = 1_048_576) -> bytes:
    """A deflated sheet of ``rows`` one-cell rows (about 67 KB for a million)."""
    body = "<row><c><v>1</v></c></row>" * rows
    return workbook(sheet_xml(body, f"A1:A{rows}"))


def shared_string_bomb(count: int = 20_000_000) -> bytes:
    """``count`` empty shared strings (about 826 KB deflated for 20 million)."""
    return workbook(
        sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared_strings_xml(repeat=count)
    )


def wide_csv(columns: int = 500_000) -> bytes:
    """A ticket export with ``columns`` columns and one row (about 1 MB for 500,000)."""
    head = "case,received_at" + "," * (columns - 2)
    row = "A1,2026-10-01T09:00+08:00" + "," * (columns - 2)
    return f"{head}\n{row}\n".encode()
