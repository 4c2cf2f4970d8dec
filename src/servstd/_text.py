"""Text from files and bytes as people save them: UTF-8 (with or without BOM), UTF-16 with a BOM,
else GB18030 (what Windows editors in mainland China write; a superset of GBK and GB2312).

Every reader of user files (documents, notices, inspection sheets, ticket exports) decodes here,
so the same file reads the same way everywhere and an error names the file and the encodings
tried.

>>> decode("国务院办公厅通知".encode("gbk"), "n.txt")
('国务院办公厅通知', 'gb18030')
>>> decode(b"\\xef\\xbb\\xbfid: x", "a.yaml")
('id: x', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from servstd.errors import DocumentError, Problem

__all__ = ["MAX_BYTES", "decode", "read_text"]

MAX_BYTES = 64 * 1024 * 1024
"""The largest file read as text (64 MiB): larger is an error, not minutes of parsing."""


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with; undecodable bytes are a DocumentError."""
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    errors: list[UnicodeDecodeError] = []
    for encoding in encodings:
        text = _try_decode(data, encoding, errors)
        if text is not None:
            return text, encoding
    first = errors[-1].start
    raise DocumentError(
        source,
        [
            Problem(
                "",
                f"cannot decode the file as {' or '.join(encodings)} (byte {first}: "
                f"{data[first : first + 4]!r}); save it as UTF-8",
            )
        ],
    )


def _try_decode(data: bytes, encoding: str, errors: list[UnicodeDecodeError]) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        errors.append(exc)
        return None


def read_text(path: str | Path, *, limit: int = MAX_BYTES) -> tuple[str, str]:
    """The text of the file at ``path`` and its encoding (see :func:`decode`)."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
        regular = stat.S_ISREG(mode)
        if regular:
            with p.open("rb") as f:
                data = f.read(limit + 1)
    except ValueError as exc:  # a NUL byte in the name
        raise DocumentError(
            str(p), [Problem("", f"cannot read the file: {exc}")], code="file.unreadable"
        ) from None
    except OSError as exc:
        raise DocumentError(
            str(p), [Problem("", f"cannot read the file: {exc.strerror or exc}")], code="file.unreadable"
        ) from exc
    if not regular:  # a FIFO named x.yaml would block the reader for ever
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe, a device or a socket)"
        raise DocumentError(str(p), [Problem("", f"this is {kind}; give a file")], code="file.unreadable")
    if len(data) > limit:
        raise DocumentError(
            str(p), [Problem("", f"the file is larger than {limit:,} bytes")], code="file.unreadable"
        )
    return decode(data, str(p))
