"""Writing the command's output: streams that fail in one way, and the JSON shape of an error.

A write to standard output can fail in three ways that are none of the command's business: the
reader went away (``servstd calendar 2026 | head -1``: :class:`OutputBrokenError`), the output cannot
be written (``> /dev/full``, ``>&-``: :class:`OutputClosedError`), or the stream's encoding lacks a
character (``PYTHONIOENCODING=ascii``: the character is written as a ``\\uXXXX`` escape, which
is still valid JSON). Writes to standard error never raise: there is nowhere left to report.

Text written to either stream passes :func:`servstd._escape.terminal_text`: a case id or a
holiday name from a file cannot send escape sequences to the terminal (an OSC 52 clipboard
write, a title change, a carriage return that hides a line); servstd's own colours stay.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from servstd._escape import terminal_text

__all__ = ["MAX_MESSAGE", "OutputBrokenError", "OutputClosedError", "Stream", "error_json", "shorten"]

MAX_MESSAGE = 4000
"""The longest error message printed; longer ones are cut, saying how much was left out."""


class OutputBrokenError(Exception):
    """The reader of standard output went away (a closed pipe)."""


class OutputClosedError(Exception):
    """Standard output cannot be written (closed, full, or not a file)."""


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, saying how many were left out.

    >>> shorten("x" * 10, 4)
    'xxxx… (6 more characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


class Stream:
    """A text stream for the command: ``write``/``flush``/``isatty`` with the failures above.

    ``real`` marks the process's own ``sys.stdout``/``sys.stderr``: after a failure it is pointed
    at the null device, so the interpreter's own flush at exit does not fail again.
    """

    def __init__(self, stream: TextIO | None, *, real: bool = False) -> None:
        self._stream = stream
        self._real = real

    def write(self, text: str) -> int:
        """Write ``text``; raises :class:`OutputBrokenError` or :class:`OutputClosedError`."""
        stream = self._stream
        if stream is None:
            raise OutputClosedError("the output stream is closed")
        text = terminal_text(text)
        try:
            try:
                return stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(stream, "encoding", None) or "ascii"
                return stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except BrokenPipeError as exc:
            raise OutputBrokenError from exc
        except (OSError, ValueError) as exc:  # ValueError: I/O operation on a closed file
            raise OutputClosedError(getattr(exc, "strerror", None) or str(exc)) from exc

    def flush(self) -> None:
        """Flush; raises like :meth:`write`."""
        stream = self._stream
        if stream is None:
            return
        try:
            stream.flush()
        except BrokenPipeError as exc:
            raise OutputBrokenError from exc
        except (OSError, ValueError) as exc:
            raise OutputClosedError(getattr(exc, "strerror", None) or str(exc)) from exc

    def isatty(self) -> bool:
        """Whether the stream is a terminal (False when that cannot be told)."""
        try:
            return bool(self._stream is not None and self._stream.isatty())
        except (OSError, ValueError, AttributeError):
            return False

    def say(self, line: str) -> None:
        """Write one line and flush, never raising (for standard error)."""
        try:
            self.write(shorten(line) + "\n")
            self.flush()
        except (OutputBrokenError, OutputClosedError):
            self.silence()

    def silence(self) -> None:
        """Stop writing: a process stream is pointed at the null device (its buffer dropped)."""
        stream, self._stream = self._stream, None
        if not self._real or stream is None:
            return
        try:
            fd = stream.fileno()
        except (OSError, ValueError, AttributeError):
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)


def error_json(kind: str, message: str, problems: Sequence[object] = (), code: str | None = None) -> str:
    """The JSON object of an error, one per line of output.

    >>> print(error_json("DurationParseError", "cannot read duration '3天天'", code="duration.unreadable"), end="")
    {"error": {"type": "DurationParseError", "code": "duration.unreadable", "message": "cannot read duration '3天天'", "problems": []}}
    """
    rows = [
        {"path": str(getattr(p, "path", "")), "message": shorten(str(getattr(p, "message", p)), 1000)}
        for p in problems
    ]
    body = {"type": kind, "code": code, "message": shorten(message), "problems": rows}
    import json  # noqa: PLC0415 - only errors under --json need it

    return json.dumps({"error": body}, ensure_ascii=False) + "\n"
