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

__all__ = ["LOCK_NAME", "folder_lock", "write_atomically"]

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
