"""Writing shared files so that no reader ever sees half of one.

:func:`write_atomically` writes to a temporary file in the target's own folder, flushes it to
disk (``fsync``), then renames it over the target (``os.replace``, atomic on POSIX and Windows
within one volume) and flushes the folder entry: a kill, a crash or a full disk at any moment
leaves either the old file or the new one, never a truncated one, and a failed write removes its
temporary file. :func:`folder_lock` takes an exclusive lock on a folder for a check-then-write
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows, on a ``.servstd.lock`` file in it), so
two writers at once are serialised instead of one overwriting the other.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with folder_lock(folder):
...     write_atomically(folder / "2027.txt", "国务院办公厅通知".encode())
>>> sorted(p.name for p in folder.iterdir())
['.servstd.lock', '2027.txt']
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from servstd.errors import FileWriteError

__all__ = ["LOCK_NAME", "folder_lock", "output_file", "output_folder", "write_atomically", "writing"]

LOCK_NAME = ".servstd.lock"
"""The lock file :func:`folder_lock` creates in a folder (never read as data)."""

_LOCK_WAIT = 60.0


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (POSIX; Windows has no folder handles to flush)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _where(p: Path) -> str | None:
    """Why nothing can be written at ``p``'s place, or ``None`` (checked before any work is done)."""
    for part in p.parts:
        if len(os.fsencode(part)) > 255:
            return (
                f"the name {part[:40]!r}… is {len(os.fsencode(part))} bytes long; a file name has at most 255"
            )
    parent = p.parent
    if not parent.exists():
        return f"the folder {str(parent)!r} does not exist"
    if not parent.is_dir():
        return f"{str(parent)!r} is not a folder"
    return None


def output_file(path: str | Path) -> Path:
    """``path`` as a file servstd will write, checked first: its folder exists, it is not a folder,
    its name is not too long. A problem is a :class:`FileWriteError` naming the file."""
    p = Path(path)
    try:
        reason = _where(p) or (f"{str(p)!r} is a folder; give a file name" if p.is_dir() else None)
    except (OSError, ValueError) as exc:
        raise FileWriteError(p, exc) from None
    if reason:
        raise FileWriteError(p, reason=reason)
    return p


def output_folder(path: str | Path, what: str = "the export") -> Path:
    """``path`` as a folder servstd will write files into (created if missing), checked first."""
    p = Path(path)
    try:
        reason = None if p.is_dir() else _where(p)
        if reason is None and p.exists() and not p.is_dir():
            reason = f"{str(p)!r} exists and is not a folder; {what} writes one file per table into a folder"
    except (OSError, ValueError) as exc:
        raise FileWriteError(p, exc) from None
    if reason:
        raise FileWriteError(p, reason=reason)
    return p


@contextlib.contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Turn an ``OSError`` while writing ``path`` (a full disk, no permission) into a
    :class:`FileWriteError` naming it."""
    try:
        yield
    except FileWriteError:
        raise
    except OSError as exc:
        raise FileWriteError(path, exc) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (temporary file, fsync, rename).

    A failure (no such folder, no permission, a full disk) is a :class:`FileWriteError` naming
    the file; the old file, if any, is left as it was.
    """
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise FileWriteError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FileWriteError(path, exc) from None
        raise
    _fsync_folder(folder)


@contextlib.contextmanager
def folder_lock(folder: Path, *, wait: float = _LOCK_WAIT) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (created if missing) for the ``with`` block.

    Another process (or thread) asking for the same lock waits until it is released; after
    ``wait`` seconds it gives up with a :class:`FileWriteError`.
    """
    lock = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise FileWriteError(lock, exc) from None
    try:
        _acquire(fd, lock, wait)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - the suite runs on POSIX
    import msvcrt

    def _acquire(fd: int, lock: Path, wait: float) -> None:
        deadline = time.monotonic() + wait
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError as exc:  # noqa: PERF203 - polling a lock; the loop sleeps anyway
                if time.monotonic() > deadline:
                    raise FileWriteError(lock, exc, "another servstd holds the lock") from None
                time.sleep(0.05)

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int, lock: Path, wait: float) -> None:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError as exc:  # noqa: PERF203 - polling a lock; the loop sleeps anyway
                if time.monotonic() > deadline:
                    raise FileWriteError(lock, exc, "another servstd holds the lock") from None
                time.sleep(0.05)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
