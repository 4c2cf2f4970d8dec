"""Ticket exports from files: CSV, XLSX (``servstd[excel]``) and Parquet (``servstd[parquet]``).

Every file becomes a pandas DataFrame (``servstd[pandas]``). The instant columns a report needs
are parsed strictly: text must carry its offset (``2026-10-01T09:30:00+08:00``) unless the
caller names the zone the export was written in (``assume_tz``), which is then attached
explicitly — never guessed. Cells that cannot be read are reported together with their rows
(counted from 0, the header excluded) in one :class:`~servstd.errors.DocumentError`.
"""

from __future__ import annotations

import importlib
import io
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from servstd._extras import require
from servstd._sheets import TABLE_LIMITS, XLSX_TABLE_LIMITS, check_regular_file, csv_rows, read_workbook
from servstd._text import MAX_BYTES, decode, read_text
from servstd.errors import DocumentError, Problem, ServstdError
from servstd.sla.batch._tables import missing

__all__ = ["FIRST_ROW", "first_row", "pandas_module", "read_table"]

FIRST_ROW = "servstd_first_row"
"""The ``DataFrame.attrs`` key holding the row number a person sees for the table's first row:
2 for a CSV or XLSX file (the header is row 1, as Excel numbers them); absent for other tables,
whose rows are counted from 0 (their positions)."""


def first_row(table: Any) -> int:
    """The number a person sees for ``table``'s first row (see :data:`FIRST_ROW`)."""
    attrs = getattr(table, "attrs", None)
    return int(attrs.get(FIRST_ROW, 0)) if isinstance(attrs, dict) else 0


_OFFSET = re.compile(r"(?:Z|[+-]\d\d(?::?\d\d)?)$", re.IGNORECASE)
_SHOWN = 8


def pandas_module() -> Any:
    """pandas, or a :class:`~servstd.errors.MissingExtraError` naming ``servstd[pandas]``."""
    require("reading ticket tables", "pandas")
    import pandas as pd  # noqa: PLC0415 - an optional extra, loaded when a report runs

    return pd


def read_table(
    path: str | Path | bytes | bytearray | memoryview | IO[bytes] | IO[str],
    instants: Iterable[str],
    *,
    assume_tz: str | None = None,
    source: str | None = None,
) -> Any:
    """The table in ``path`` as a pandas DataFrame, with ``instants`` columns as aware timestamps.

    ``path`` may also be the file's content: ``bytes``, or a file object open in binary mode
    (CSV, XLSX or Parquet, told apart by the first bytes: ``PK`` a workbook, ``PAR1`` Parquet,
    else CSV) or in text mode (CSV). At most :data:`~servstd._text.MAX_BYTES` are read, as from
    a path, and the sheet and table limits are the same.

    Errors name the table ``source`` (the parameter it was given as, e.g. ``"cases"``), not the
    path, which may be a temporary file the caller made; the path is the error's ``value``
    unless ``source`` is left out.
    """
    if not isinstance(path, (str, Path)):
        return _read_content(path, instants, assume_tz=assume_tz, source=source or "table")
    where = str(path) if source is None else source
    pd = pandas_module()
    p = Path(path)
    if not p.exists():
        raise DocumentError(where, [Problem("", "no such file")], code="file.unreadable")
    try:
        check_regular_file(p)
    except DocumentError as exc:
        raise DocumentError(where, exc.problems, code="file.unreadable") from None
    suffix = p.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            frame = _csv_table(pd, p)
        elif suffix in (".xlsx", ".xlsm"):
            require("reading XLSX files", "pandas", "excel")
            frame = _xlsx_table(pd, p)
        elif suffix in (".parquet", ".pq"):
            require("reading Parquet files", "pandas", "parquet")
            frame = pd.read_parquet(p)
        else:
            raise DocumentError(
                where, [Problem("", f"unknown file type {suffix!r}; accepted: .csv, .xlsx, .parquet")]
            )
    except DocumentError as exc:  # the readers name the file: the caller's name for it instead
        if exc.source == where or source is None:
            raise
        raise DocumentError(where, exc.problems, code=exc.code) from None
    except ServstdError:
        raise
    except Exception as exc:  # pandas, pyarrow and openpyxl raise their own errors for bad files
        raise DocumentError(where, [Problem("", f"cannot read the table: {_reason(exc)}")]) from None
    if suffix not in (".parquet", ".pq"):  # a sheet: its header is row 1, its first case row 2
        frame.attrs[FIRST_ROW] = 2
    return _with_instants(pd, frame, instants, assume_tz, where)


def _with_instants(pd: Any, frame: Any, instants: Iterable[str], assume_tz: str | None, where: str) -> Any:
    first = frame.attrs.get(FIRST_ROW, 0)
    problems: list[Problem] = []
    for name in instants:
        if name in frame.columns:
            frame[name] = _instant_column(pd, frame[name], name, assume_tz, problems, first=first)
    if problems:
        raise DocumentError(where, problems)
    return frame


def _read_content(content: Any, instants: Iterable[str], *, assume_tz: str | None, source: str) -> Any:
    """A table given as its bytes or as a file object (see :func:`read_table`)."""
    pd = pandas_module()
    data: bytes | str
    if isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
    elif hasattr(content, "read"):
        try:
            data = content.read(MAX_BYTES + 1)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise DocumentError(source, [Problem("", f"cannot read the file: {_reason(exc)}")]) from None
        if not isinstance(data, (bytes, str)):
            raise DocumentError(source, [Problem("", "the file object gave neither bytes nor text")])
    else:  # pragma: no cover - report() passes only these
        raise DocumentError(source, [Problem("", "give a path, bytes or a file object")])
    if len(data) > MAX_BYTES:
        raise DocumentError(
            source, [Problem("", f"the file is larger than {MAX_BYTES:,} bytes")], code="file.unreadable"
        )
    if isinstance(data, bytes) and data.startswith((b"PK\x03\x04", b"PAR1")):
        suffix = ".xlsx" if data.startswith(b"PK") else ".parquet"
        with tempfile.TemporaryDirectory(prefix="servstd-") as folder:  # openpyxl reads a file
            spilled = Path(folder) / f"table{suffix}"
            spilled.write_bytes(data)
            return read_table(spilled, instants, assume_tz=assume_tz, source=source)
    text = data if isinstance(data, str) else decode(data, source)[0]
    try:
        frame = _csv_text(pd, text, source)
    except ServstdError:
        raise
    except Exception as exc:  # pandas' parser errors
        raise DocumentError(source, [Problem("", f"cannot read the table: {_reason(exc)}")]) from None
    frame.attrs[FIRST_ROW] = 2  # a sheet: its header is row 1, its first case row 2
    return _with_instants(pd, frame, instants, assume_tz, source)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:300] + "…"


def _csv_table(pd: Any, p: Path) -> Any:
    """A CSV export decoded like every other file (UTF-8, UTF-16, GB18030), its shape checked first."""
    text, _ = read_text(p)
    return _csv_text(pd, text, str(p))


def _csv_text(pd: Any, text: str, source: str) -> Any:
    """A CSV export's text as a table of text cells, its shape checked first."""
    first = text.split("\n", 1)[0]
    header = csv_rows(first, source, TABLE_LIMITS)
    width = len(header[0]) if header else 0
    lines = text.count("\n")
    if lines > TABLE_LIMITS.rows:
        raise DocumentError(
            source, [Problem("", f"{lines:,} lines; a table has at most {TABLE_LIMITS.rows:,} rows")]
        )
    if width * lines > TABLE_LIMITS.cells:
        raise DocumentError(
            source,
            [
                Problem(
                    "",
                    f"{width:,} columns × {lines:,} rows; a table has at most {TABLE_LIMITS.cells:,} cells",
                )
            ],
        )
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])


def _xlsx_table(pd: Any, p: Path) -> Any:
    """The first sheet of a workbook as a table: its first row names the columns."""
    openpyxl = importlib.import_module("openpyxl")
    for _title, rows, _scan in read_workbook(p, XLSX_TABLE_LIMITS, openpyxl):
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        if not rows:
            return pd.DataFrame()
        width = max(len(r) for r in rows)
        header = [("" if v is None else str(v)) for v in rows[0]] + [""] * (width - len(rows[0]))
        names = [h or f"Unnamed: {i}" for i, h in enumerate(header)]
        body = [list(r) + [None] * (width - len(r)) for r in rows[1:]]
        return pd.DataFrame(body, columns=names, dtype=object)
    return pd.DataFrame()


def _rows(mask: Any, first: int) -> str:
    rows = [int(i) + first for i in mask.to_numpy().nonzero()[0]]
    shown = ", ".join(str(r) for r in rows[:_SHOWN])
    return f"row{'s' if len(rows) > 1 else ''} {shown}" + (
        f" … ({len(rows):,} rows)" if len(rows) > _SHOWN else ""
    )


def _instant_column(
    pd: Any, col: Any, name: str, assume_tz: str | None, problems: list[Problem], *, first: int
) -> Any:
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        return col
    if pd.api.types.is_datetime64_dtype(col.dtype):
        if assume_tz is None:
            problems.append(
                Problem(
                    name,
                    f"{_rows(col.notna(), first)}: times without a zone; give the zone they were written in (assume_tz)",
                )
            )
            return col
        return col.dt.tz_localize(assume_tz, ambiguous="raise", nonexistent="raise")
    text = col.map(
        lambda v: None if missing(v) else (v.isoformat() if hasattr(v, "isoformat") else str(v).strip())
    )
    text = text.where(text != "", None)
    given = text.notna()
    aware = text.str.contains(_OFFSET, na=False)
    naive = given & ~aware
    out = pd.Series(pd.NaT, index=col.index, dtype="datetime64[us, UTC]")
    if aware.any():
        out[aware] = pd.to_datetime(text[aware], utc=True, format="ISO8601", errors="coerce")
    if naive.any():
        if assume_tz is None:
            problems.append(
                Problem(
                    name,
                    f"{_rows(naive, first)}: times without an offset (e.g. +08:00); give the zone they were written in (assume_tz)",
                )
            )
        else:
            local = pd.to_datetime(text[naive], format="ISO8601", errors="coerce")
            out[naive] = local.dt.tz_localize(assume_tz, ambiguous="NaT", nonexistent="NaT").dt.tz_convert(
                "UTC"
            )
    unread = given & out.isna() & (aware | (naive & (assume_tz is not None)))
    if unread.any():
        problems.append(
            Problem(
                name, f"{_rows(unread, first)}: not an instant; use ISO 8601, e.g. 2026-10-01T09:30:00+08:00"
            )
        )
    return out
