"""One calendar state per process: the notice folders as read once, shared by every default.

``WorkCalendar.china()``, ``ServiceClock.default()``, the clocks a policy document names and the
catalog's policies all take the notices of the folders (see
:mod:`~servstd.sla.calendar.notice_folder`) from one :class:`NoticeState`, read on first use and
kept: one process, one answer. A notice added while the process runs (``servstd notice add``
in a shell) is seen after :func:`reload_notices`, by every object obtained from the defaults
afterwards; objects obtained before keep the state they were built with (they are immutable).

>>> from servstd.sla.calendar import notice_state, reload_notices
>>> state = notice_state()
>>> notice_state() is state                 # read once, shared
True
>>> reload_notices() is state               # read again: a new state for every later object
False

A damaged file does not stop the others from being read. One the folder's writer could have
written (``YYYY.txt``, ``YYYY-amendment-….txt``) makes only year ``YYYY`` unknown: a strict
calendar asked about that year raises :class:`~servstd.errors.CalendarCoverageError` naming the
file and the command that removes it; every other year answers. Any other damaged file names
no year and is ignored with a :class:`~servstd.errors.ServstdWarning`. Two yearly notices that
disagree make their year unknown the same way, naming both files.

With the environment variable ``SERVSTD_BUNDLED_ONLY=1`` (or ``reload_notices(bundled_only=True)``)
no folder is read: every default uses only the data shipped with servstd.

The state is immutable; reading it, reloading it and building the objects kept with it
(:meth:`NoticeState.kept`) are safe from any thread, and a process forked while another thread
reloads starts with a fresh lock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from servstd.errors import DocumentError, ServstdWarning
from servstd.sla.calendar._holiday_source import HolidaySource
from servstd.sla.calendar.notice_folder import (
    ENV_DATA,
    ENV_NOTICES,
    _days,
    _first_difference,
    _read,
    _reason,
    _scan,
    _unique,
    remove_command,
    user_notice_folder,
)
from servstd.sla.calendar.overlay import CalendarOverlay

if TYPE_CHECKING:  # paths are made only when a notice file is found (see notice_folder)
    from pathlib import Path

__all__ = ["ENV_BUNDLED_ONLY", "NoticeState", "notice_state", "reload_notices"]

ENV_BUNDLED_ONLY = "SERVSTD_BUNDLED_ONLY"
"""Set to ``1`` to read no notice folder: every default uses only the data shipped with servstd."""

_T = TypeVar("_T")
_WRITTEN_NAME = re.compile(r"(?P<year>\d{4})(?:-amendment-[^/\\]+)?\.txt")
"""The names ``servstd notice add`` writes: ``2027.txt``, ``2027-amendment-2027-01-20.txt``."""
_KEPT = 1024  # objects kept per state (clocks of distinct specs, policies): a bound, not a target


def removal(path: Path, year: int) -> str:
    """The command that removes the notice file ``path`` about ``year``: ``servstd notice remove
    YYYY`` for the user's folder (the folder that command manages), else the shell's."""
    if path.parent == user_notice_folder():
        return f"servstd notice remove {year}"
    return remove_command(path)


@attrs.frozen(eq=False)
class NoticeState:
    """The notices every default of this process reads (one immutable reading of the folders).

    ``overlays``: the notices read, yearly ones by year then amendments by date signed;
    ``unknown_years``: year → why it is unknown (a damaged file, two disagreeing notices), naming
    the files and the command that removes one; ``ignored``: files read as nothing, with why;
    ``bundled_only``: no folder was read; ``generation``: counts the readings of this process.
    """

    overlays: tuple[CalendarOverlay, ...]
    unknown_years: tuple[tuple[int, str], ...] = ()
    ignored: tuple[tuple[Path, str], ...] = ()
    bundled_only: bool = False
    generation: int = 0
    _key: tuple[object, ...] = attrs.field(default=(), repr=False, alias="_key")
    _kept: dict[object, Any] = attrs.field(factory=dict, repr=False, alias="_kept")

    def kept(self, key: object, build: Callable[[], _T]) -> _T:
        """What ``build()`` makes, built once for this state and kept with it (the defaults and
        the catalog's policies use this, so a reload gives every later caller new objects)."""
        try:
            got: _T = self._kept[key]
        except KeyError:
            with _LOCK:
                if key in self._kept:
                    got = self._kept[key]
                else:
                    got = build()
                    if len(self._kept) < _KEPT:
                        self._kept[key] = got
        return got


_LOCK = threading.RLock()  # reentrant: building a kept policy builds its kept clocks
_STATE: list[NoticeState] = []
_GENERATION = [0]
_CHOSEN: list[bool | None] = [None]  # reload_notices(bundled_only=...) overrides the variable


def _reinit_after_fork() -> None:  # pragma: no cover - runs in a forked child
    global _LOCK  # noqa: PLW0603 - a lock another thread held at the fork is unusable in the child
    _LOCK = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reinit_after_fork)


def _bundled_only() -> bool:
    if _CHOSEN[0] is not None:
        return _CHOSEN[0]
    return os.environ.get(ENV_BUNDLED_ONLY, "").strip().lower() in ("1", "true", "yes", "on")


def _key(bundled_only: bool) -> tuple[object, ...]:
    """What the state depends on besides the files: where the folders are, and whether to read them."""
    if bundled_only:
        return (True,)
    return (False, os.environ.get(ENV_NOTICES, ""), os.environ.get(ENV_DATA, ""))


def notice_state() -> NoticeState:
    """The notices in use: read on the first call and kept until :func:`reload_notices` (or
    until ``SERVSTD_NOTICES``, ``SERVSTD_DATA_DIR`` or ``SERVSTD_BUNDLED_ONLY`` change)."""
    key = _key(_bundled_only())
    state = _STATE[0] if _STATE else None
    if state is not None and state._key == key:
        return state
    with _LOCK:
        state = _STATE[0] if _STATE else None
        if state is not None and state._key == key:
            return state
        return _install(key)


def reload_notices(*, bundled_only: bool | None = None) -> NoticeState:
    """Read the notice folders again; every default asked for afterwards (a calendar, a clock, a
    catalog policy) sees the notices as they are now. Returns the new state.

    ``bundled_only=True`` reads no folder (only the data shipped with servstd), ``False`` reads
    them whatever ``SERVSTD_BUNDLED_ONLY`` says; either holds until the next reload. ``None``
    (the default) follows that variable.
    """
    with _LOCK:
        _CHOSEN[0] = None if bundled_only is None else bool(bundled_only)
        return _install(_key(_bundled_only()))


def _install(key: tuple[object, ...]) -> NoticeState:
    _GENERATION[0] += 1
    state = _load(key, _GENERATION[0])
    _STATE[:] = [state]
    return state


def _load(key: tuple[object, ...], generation: int) -> NoticeState:
    if key[0] is True:
        return NoticeState((), bundled_only=True, generation=generation, _key=key)
    unknown: dict[int, str] = {}
    ignored: list[tuple[Path, str]] = []
    yearly: dict[int, tuple[Path, CalendarOverlay]] = {}
    amendments: list[tuple[dt.date, str, CalendarOverlay]] = []

    def damaged(path: Path, reason: str) -> None:
        m = _WRITTEN_NAME.fullmatch(path.name)
        if m is None:
            ignored.append((path, reason))
            return
        year = int(m.group("year"))
        unknown.setdefault(
            year,
            f"the notice file {path} is damaged ({reason}); remove it ({removal(path, year)}) "
            "or add the year's notice again",
        )

    files, unreadable = _scan()
    for p, problem in unreadable:
        damaged(p, problem)
    for path in _unique(files):
        try:
            ov = _read(path)
        except (DocumentError, OSError) as exc:
            damaged(path, _reason(exc))
            continue
        if ov.kind == "defines":
            year = min(ov.defines_years)
            if year in yearly:
                other_path, other = yearly[year]
                if _days(other) != _days(ov):
                    day, here, there = _first_difference(ov, other)
                    unknown.setdefault(
                        year,
                        f"{path} makes {day} {here}, {other_path} (another notice for {year}) makes it "
                        f"{there}; remove one of them ({removal(path, year)})",
                    )
                continue
            yearly[year] = (path, ov)
        else:
            amendments.append((ov.issued or dt.date.max, str(path), ov))
    first, last = HolidaySource("CN").official_years()
    covered = (set(range(first, last + 1)) | set(yearly)) - set(unknown)
    ordered = [yearly[y][1] for y in sorted(yearly) if y not in unknown]
    for _, name, ov in sorted(amendments, key=lambda t: (t[0], t[1])):
        missing = sorted(ov.amends_years - covered)
        if missing:
            from pathlib import Path  # noqa: PLC0415 - see the imports

            ignored.append((Path(name), f"it amends {missing[0]}, which no notice read defines"))
        else:
            ordered.append(ov)
    for path, reason in ignored:
        warnings.warn(
            f"{path}: {reason}; ignored (a notice file is named as 'servstd notice add' writes it: "
            f"YYYY.txt). Remove it: {remove_command(path)}",
            ServstdWarning,
            stacklevel=5,
        )
    return NoticeState(
        tuple(ordered),
        tuple(sorted(unknown.items())),
        tuple(ignored),
        generation=generation,
        _key=key,
    )
