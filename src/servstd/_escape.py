"""Text from files written into other files: spreadsheet cells, Markdown and terminals.

Texts servstd writes out come from documents, ticket exports and notices that other people wrote,
so each writer escapes what its reader would otherwise execute:

* **CSV** (:func:`csv_cell`): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is a formula to Excel and LibreOffice; it is written with a leading ``'`` (OWASP's
  advice for CSV injection), which those programs show as text. Numbers servstd computes are
  written as they are.
* **xlsx** (:func:`xlsx_text`): every text cell is a string cell (openpyxl would store ``=…`` as
  a formula), and characters XML 1.0 cannot carry become U+FFFD.
* **Markdown** (:func:`markdown_text`): ``<``, ``>`` and ``&`` become HTML entities (no raw
  HTML, no autolinks), and the characters that make links and table cells (``\\ [ ] |``) are
  backslash-escaped; line breaks become spaces and other control characters U+FFFD.
* **Terminals** (:func:`terminal_text`): control characters (escape sequences such as an OSC 52
  clipboard write, bells, carriage returns, C1 controls) and bidirectional overrides are replaced
  by U+FFFD; colour sequences servstd writes itself are kept.

>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-3"), csv_cell("阳光花园"), csv_cell(3)
('\\'=HYPERLINK("http://x")', "'-3", '阳光花园', 3)
>>> markdown_text("<script>alert(1)</script> [x](javascript:alert(1)) a|b")
'&lt;script&gt;alert(1)&lt;/script&gt; \\\\[x\\\\](javascript:alert(1)) a\\\\|b'
>>> terminal_text("BX-1\\x1b]52;c;ZWNobyBoaQ==\\x07")
'BX-1\\ufffd]52;c;ZWNobyBoaQ==\\ufffd'
"""

from __future__ import annotations

import functools
import re

__all__ = ["FORMULA_START", "csv_cell", "markdown_text", "terminal_text", "xlsx_text"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet cell a formula."""

# Patterns for spreadsheets and Markdown are compiled on first use (_compiled): a class with
# ranges past U+00FF takes half a millisecond to compile, which a command that writes neither
# would pay at start-up.
_MARKDOWN = r"([\\\[\]|])"
_NOT_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_ANY_CONTROL = r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_SGR = r"\x1b\[[0-9;]*m"
_CONTROL = re.compile(rf"(?!{_SGR})\x1b|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def csv_cell(value: object) -> object:
    """``value`` as a CSV cell: text starting with a formula character gets a leading ``'``.

    A carriage return inside the text becomes a line feed (the csv module quotes a cell for a line
    feed, not for a lone carriage return, which a reader would take for the end of the row), and a
    NUL becomes U+FFFD (spreadsheets cut a cell at a NUL, and Python 3.10's csv module cannot
    write one).

    >>> csv_cell("=1+1"), csv_cell("a\\x00b") == "a\\ufffdb", csv_cell(3)
    ("'=1+1", True, 3)
    """
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    return "'" + text if value.startswith(FORMULA_START) else text


def xlsx_text(text: str) -> str:
    """``text`` as an xlsx string cell can hold it (C0 controls but tab and line breaks → U+FFFD)."""
    return _compiled(_NOT_XML).sub("\ufffd", text)


def markdown_text(text: str) -> str:
    """``text`` safe in Markdown prose and table cells: no HTML, links or cell breaks."""
    plain = _compiled(_ANY_CONTROL).sub("\ufffd", " ".join(text.split()))
    escaped = (
        plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )  # html.escape(quote=False)
    return _compiled(_MARKDOWN).sub(r"\\\1", escaped)


def terminal_text(text: str) -> str:
    """``text`` with control characters (but servstd's own colour sequences) replaced by U+FFFD.

    Line feeds and tabs stay: they are the layout of the output.
    """
    return _CONTROL.sub("\ufffd", text)
