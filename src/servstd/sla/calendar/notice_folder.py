"""Notice folders: the holiday notices every program on the machine reads.

``WorkCalendar.china()`` reads, besides its built-in data, every ``*.txt`` notice in

1. the folders or files named by the environment variable ``SERVSTD_NOTICES``
   (``os.pathsep``-separated: ``:`` on Linux and macOS, ``;`` on Windows), then
2. the user's servstd data folder, ``<data>/notices``, where ``<data>`` is ``SERVSTD_DATA_DIR``
   if set, else the operating system's convention (``platformdirs.user_data_dir("servstd")``:
   ``~/.local/share/servstd`` on Linux, ``~/Library/Application Support/servstd`` on macOS,
   ``%LOCALAPPDATA%\\servstd`` on Windows). ``servstd notice add FILE`` copies a checked notice there.

Files are decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030. Yearly notices
extend coverage (in order of their year); amendments then apply in order of the date they were
signed. Two yearly notices for one year that disagree are an error naming both files; identical
copies are read once. A damaged file — one that is not a valid notice, cannot be read, or is a
symbolic link or not a regular file in a folder — never stops the others from being read: named
as ``servstd notice add`` names files (``2028.txt``), it makes only its year unknown, with an
error naming the file and the command that removes it; named otherwise, it is ignored with a
warning. The folders are read once per process and shared by every default
(:mod:`~servstd.sla.calendar.calendar_state`: ``notice_state()``, ``reload_notices()``).

Files are written to the user folder only by ``servstd._atomic.write_atomically`` under the
folder's lock (``servstd notice add``), so a reader sees a whole notice or none.

>>> import os
>>> os.environ.get("SERVSTD_DATA_DIR") is not None   # the test suite isolates the folders
True
"""

from __future__ import annotations

import errno
import os
import shlex
import stat
import sys
from typing import TYPE_CHECKING

from servstd.errors import DocumentError

if TYPE_CHECKING:  # the notice reader and pathlib load with the first notice found (most machines have none)
    from pathlib import Path

    from servstd.sla.calendar.overlay import CalendarOverlay

__all__ = [
    "ENV_DATA",
    "ENV_NOTICES",
    "damaged_notices",
    "notice_files",
    "notice_places",
    "remove_command",
    "user_notice_folder",
]

ENV_NOTICES = "SERVSTD_NOTICES"
"""Folders or files of notices, ``os.pathsep``-separated."""
ENV_DATA = "SERVSTD_DATA_DIR"
"""Overrides the user's servstd data folder (its ``notices`` subfolder holds added notices)."""

_PARSED: dict[tuple[str, int, int], CalendarOverlay] = {}


def user_notice_folder() -> Path:
    """The folder ``servstd notice add`` writes to: ``<user data folder>/notices``."""
    from pathlib import Path  # noqa: PLC0415 - see the imports

    return Path(_user_folder_name())


def _user_folder_name() -> str:
    return os.path.join(os.environ.get(ENV_DATA) or _user_data_dir(), "notices")


def _user_data_dir() -> str:
    """``platformdirs.user_data_dir("servstd")``. On Linux, in the plain cases of the XDG rule (an
    absolute ``$XDG_DATA_HOME``, or none and an absolute ``$HOME``), read without importing
    platformdirs, whose import is a tenth of ``servstd workday``'s start-up; anything else asks it
    (a test holds the two equal)."""
    if (
        sys.platform == "linux"
        and not hasattr(sys, "getandroidapilevel")
        and "ANDROID_DATA" not in os.environ
    ):
        xdg, home = os.environ.get("XDG_DATA_HOME", ""), os.environ.get("HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, "servstd")
        if not xdg and os.path.isabs(home):
            return os.path.join(home, ".local", "share", "servstd")
    import platformdirs  # noqa: PLC0415 - macOS, Windows, Android and the unusual cases

    return platformdirs.user_data_dir("servstd", appauthor=False)


def notice_places() -> list[Path]:
    """Every folder or file read, in order: ``SERVSTD_NOTICES`` entries, then the user folder."""
    from pathlib import Path  # noqa: PLC0415 - see the imports

    return [Path(p) for p in _place_names()]


def _place_names() -> list[str]:
    return [*(p for p in os.environ.get(ENV_NOTICES, "").split(os.pathsep) if p.strip()), _user_folder_name()]


def _mode(name: str) -> int | None:
    """The mode of what ``name`` names (links followed), or ``None`` if nothing is there — the
    errors ``Path.is_dir()`` takes for "not there"; any other error is raised, as it raises it."""
    try:
        return os.stat(name).st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return None
        raise
    except ValueError:  # a NUL in the name
        return None


def remove_command(path: Path) -> str:
    """The shell command that removes ``path`` (``rm -- '…'``, or ``del "…"`` on Windows)."""
    if os.name == "nt":  # pragma: no cover - the suite runs on POSIX
        return f'del "{path}"'
    return f"rm -- {shlex.quote(str(path))}"


def _entry_problem(path: Path) -> str | None:
    """Why a ``*.txt`` entry of a folder cannot be read as a notice file, or ``None``."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(mode):
        return "is a symbolic link; notices in a folder must be regular files"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    return None


def _scan() -> tuple[list[Path], list[tuple[Path, str]]]:
    files: list[Path] = []
    damaged: list[tuple[Path, str]] = []
    found = [(name, mode) for name in _place_names() if (mode := _mode(name)) is not None]
    if not found:
        return files, damaged
    from pathlib import Path  # noqa: PLC0415 - see the imports

    for name, mode in found:
        place = Path(name)
        if stat.S_ISDIR(mode):
            for p in sorted(place.glob("*.txt")):
                problem = _entry_problem(p)
                if problem is None:
                    files.append(p)
                else:
                    damaged.append((p, problem))
        elif stat.S_ISREG(mode):
            files.append(place)
    return files, damaged


def damaged_notices() -> list[tuple[Path, str]]:
    """Every notice file that cannot be read, with the reason (a symlink, not a notice, …)."""
    files, damaged = _scan()
    for path in files:
        try:
            _read(path)
        except (DocumentError, OSError) as exc:  # noqa: PERF203 - one try per file read
            damaged.append((path, _reason(exc)))
    return damaged


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DocumentError):
        return "; ".join(p.message for p in exc.problems[:3]) or str(exc)
    return f"cannot be read ({getattr(exc, 'strerror', None) or exc})"


def notice_files() -> list[Path]:
    """The notice files found (a named file is read whatever its suffix; folders give ``*.txt``).

    Symbolic links and entries that are not regular files in a folder are left out (see
    :func:`damaged_notices`).
    """
    files, _ = _scan()
    return _unique(files)


def _unique(files: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _read(path: Path) -> CalendarOverlay:
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    overlay = _PARSED.get(key)
    if overlay is None:
        from servstd.sla.calendar.notice import read_notice  # noqa: PLC0415 - see the imports

        overlay = read_notice(path)
        _PARSED[key] = overlay
    return overlay


def _days(ov: CalendarOverlay) -> tuple[object, object]:
    return ov.rest_days, ov.work_days


def _first_difference(a: CalendarOverlay, b: CalendarOverlay) -> tuple[str, str, str]:
    """The first day ``a`` and ``b`` disagree on, and what each makes of it (in that order)."""
    da = {d: f"a rest day ({n})" for d, n in a.rest_days} | {
        d: f"a working day ({n})" for d, n in a.work_days
    }
    db = {d: f"a rest day ({n})" for d, n in b.rest_days} | {
        d: f"a working day ({n})" for d, n in b.work_days
    }
    for d in sorted(set(da) | set(db)):
        if da.get(d) != db.get(d):
            return d.isoformat(), da.get(d, "an ordinary day"), db.get(d, "an ordinary day")
    return "", "the same days", "other names for them"  # pragma: no cover - _days differ
