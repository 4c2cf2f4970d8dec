"""``servstd notice check|add|remove|list``: State Council holiday notices and the notice folders."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import stat
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from servstd._atomic import folder_lock, write_atomically, writing
from servstd._messages import translate
from servstd._text import read_text
from servstd.cli._common import UsageError, existing_file, out
from servstd.cli._language import language, t
from servstd.errors import ServstdError, ServstdWarning
from servstd.sla.calendar.calendar_state import NoticeState, reload_notices
from servstd.sla.calendar.notice import read_notice
from servstd.sla.calendar.notice_folder import (
    damaged_notices,
    notice_files,
    notice_places,
    remove_command,
    user_notice_folder,
)
from servstd.sla.calendar.overlay import CalendarOverlay
from servstd.sla.calendar.statute import festivals
from servstd.sla.calendar.work_calendar import WorkCalendar

__all__ = ["cmd_notice"]

_WEEKDAYS = "一二三四五六日"


def cmd_notice(args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list(args)
    if args.action == "remove":
        return _remove(args)
    if not args.file:
        raise UsageError(
            t("servstd notice {action} needs a FILE (the notice as a text file)", action=args.action)
        )
    path = existing_file(args.file, "notice")
    ov = read_notice(path, partial=args.partial, year=args.year)
    if args.action == "check":
        out(args, _summary(path, ov), _describe(path, ov))
        return 0
    return _add(args, path, ov)


def _spans(days: list[dt.date]) -> str:
    """2027-01-01–2027-01-03, 2027-02-14 (周日)"""
    runs: list[list[dt.date]] = []
    for d in sorted(days):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        a, b = run[0], run[-1]
        parts.append(f"{a}（周{_WEEKDAYS[a.weekday()]}）" if a == b else f"{a}–{b}（{len(run)}天）")
    return "、".join(parts) or "—"


def _groups(ov: CalendarOverlay) -> dict[str, tuple[list[dt.date], list[dt.date]]]:
    groups: dict[str, tuple[list[dt.date], list[dt.date]]] = {}
    for d, name in ov.rest_days:
        groups.setdefault(name, ([], []))[0].append(d)
    for d, name in ov.work_days:
        groups.setdefault(name.removesuffix("调休上班"), ([], []))[1].append(d)
    return groups


def _summary(path: Path, ov: CalendarOverlay) -> dict[str, Any]:
    return {
        "file": str(path),
        "kind": ov.kind,
        "years": sorted(ov.defines_years or ov.amends_years),
        "source": ov.source,
        "issued": ov.issued.isoformat() if ov.issued else None,
        "festivals": [
            {"name": name, "rest": [d.isoformat() for d in rest], "work": [d.isoformat() for d in work]}
            for name, (rest, work) in _groups(ov).items()
        ],
        "rest_days": [d.isoformat() for d, _ in ov.rest_days],
        "work_days": [d.isoformat() for d, _ in ov.work_days],
    }


def _describe(path: Path, ov: CalendarOverlay) -> str:
    years = sorted(ov.defines_years or ov.amends_years)
    signed = t(", signed {date}", date=ov.issued) if ov.issued else ""
    if ov.kind == "defines":
        head = t(
            "{file}: the yearly notice for {year} ({source}{signed}); it passes the law "
            "check (《全国年节及纪念日放假办法》: {festivals}).",
            file=path.name, year=years[0], source=ov.source, signed=signed, festivals=", ".join(festivals(years[0])),
        )  # fmt: skip
    else:
        head = t(
            "{file}: amends {years} ({source}{signed}); only the days below change, and the year must already be covered.",
            file=path.name, years=", ".join(map(str, years)), source=ov.source, signed=signed,
        )  # fmt: skip
    lines = [head, ""]
    rest_label, work_label = ("放假", "上班") if language() == "zh" else ("rest", "make-up work")
    for name, (rest, work) in _groups(ov).items():
        lines.append(f"  {name}")
        lines.append(f"    {rest_label + ':':<18}{_spans(rest)}")
        lines.append(f"    {work_label + ':':<18}{_spans(work)}")
    lines.append("")
    lines.append(
        t("Rest days: {rest}; working days named: {work}.", rest=len(ov.rest_days), work=len(ov.work_days))
    )
    return "\n".join(lines)


def _add(args: argparse.Namespace, path: Path, ov: CalendarOverlay) -> int:
    folder = user_notice_folder()
    years = sorted(ov.defines_years or ov.amends_years)
    if ov.kind == "defines":
        target = folder / f"{years[0]}.txt"
    else:
        stamp = ov.issued.isoformat() if ov.issued else path.stem
        target = folder / f"{years[0]}-amendment-{stamp}.txt"
    text, _ = read_text(path)
    with folder_lock(folder):  # check, write and verify as one step against other writers
        if ov.kind != "defines":
            WorkCalendar.china().with_overlay(ov)  # an amendment needs its year covered
        before = _existing(target)
        if before is not None:
            if before == text:
                out(
                    args,
                    {"file": str(target), "added": False},
                    t(
                        "{file} is already in {folder} as {name}",
                        file=path.name,
                        folder=folder,
                        name=target.name,
                    ),
                )
                return 0
            if _readable(target):
                raise ServstdError(
                    t(
                        "{file} already holds a different notice for {year}; compare the two and "
                        "remove one first ({command})",
                        file=target, year=years[0], command=remove_command(target),
                    ),
                    value=str(target),
                )  # fmt: skip
        write_atomically(target, text.encode("utf-8"))
        # Every program will read the folder: the year must still be known with the new file
        # (this process's later calendars see it too).
        why = dict(reload_notices().unknown_years).get(years[0])
        if why is not None:
            target.unlink()
            reload_notices()
            raise ServstdError(why, value=str(target))
    repaired = t(" (it replaces a damaged file of that name)") if before is not None else ""
    out(
        args,
        {**_summary(path, ov), "added": True, "to": str(target), "replaced_damaged": before is not None},
        f"{_describe(path, ov)}\n\n"
        + t(
            "Added as {file}{repaired}; every servstd calendar on this machine now reads it.",
            file=target,
            repaired=repaired,
        ),
    )
    return 0


def _to_remove(what: str, folder: Path) -> list[Path]:
    """The files of the user's notice folder ``what`` names: a year (its yearly notice and its
    amendments), a file in the folder (by path or by name), or a notice file that was added (the
    file in the folder holding the same text)."""
    if re.fullmatch(r"[0-9]{4}", what.strip()):
        year = int(what)
        found = []
        for f in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            if _existing(f) is None:
                continue
            try:
                ov = read_notice(f)
            except ServstdError:
                if f.name == f"{year}.txt":  # a damaged file named for the year makes it unknown
                    found.append(f)
                continue  # another damaged file is removed by its name
            if year in ov.defines_years or year in ov.amends_years:
                found.append(f)
        if not found:
            raise ServstdError(
                t("no notice for {year} in {folder} ('servstd notice list' shows every notice read)",
                  year=year, folder=folder),
                value=what,
            )  # fmt: skip
        return found
    given = Path(what)
    inside = folder / given.name
    in_folder = given.parent == Path() or (given.exists() and given.resolve().parent == folder.resolve())
    if in_folder and _existing(inside) is not None:
        return [inside]
    if given.is_file():
        text = read_text(given)[0]
        same = [f for f in sorted(folder.glob("*.txt")) if _existing(f) == text] if folder.is_dir() else []
        if same:
            return same
        elsewhere = [p for p in notice_places()[:-1] if given.resolve().is_relative_to(p.resolve())]
        if elsewhere:
            raise ServstdError(
                t(
                    "{file} is read from {folder} (SERVSTD_NOTICES), which servstd does not manage; "
                    "remove it there ({command}) or leave SERVSTD_NOTICES without it",
                    file=what, folder=elsewhere[0], command=remove_command(given),
                ),
                value=what,
            )  # fmt: skip
    raise ServstdError(
        t("{value} is neither a year nor a notice in {folder} ('servstd notice list' shows every notice read)",
          value=repr(what), folder=folder),
        value=what,
    )  # fmt: skip


def _remove(args: argparse.Namespace) -> int:
    """Take notices out of the user's folder as ``add`` puts them in: under the folder's lock, each
    file moved aside at once (a rename), the folder checked to still read, then deleted; a folder
    that would no longer read (an amendment left without its year) gets every file back."""
    if not args.file:
        raise UsageError(t("servstd notice remove needs a YEAR or a FILE (see 'servstd notice list')"))
    folder = user_notice_folder()
    with folder_lock(folder):
        targets = _to_remove(args.file, folder)
        aside = [f.with_name(f".{f.name}.removed") for f in targets]
        moved: list[tuple[Path, Path]] = []
        ignored = {p for p, _ in _quietly(reload_notices).ignored}
        try:
            for f, a in zip(targets, aside, strict=True):
                with writing(f):
                    os.replace(f, a)
                moved.append((f, a))
            # every program will read the folder: no notice left in it may lose its year
            orphaned = [(p, why) for p, why in _quietly(reload_notices).ignored if p not in ignored]
            if orphaned:
                raise ServstdError(
                    t(
                        "{file} would be ignored: {reason}; remove it too",
                        file=orphaned[0][0],
                        reason=translate(orphaned[0][1], language()),
                    )
                )
            WorkCalendar.china()
        except BaseException:
            for f, a in reversed(moved):
                with contextlib.suppress(OSError):
                    os.replace(a, f)
            _quietly(reload_notices)
            raise
        for _, a in moved:
            with contextlib.suppress(FileNotFoundError), writing(a):
                a.unlink()
    coverage = str(WorkCalendar.china().coverage)
    names = ", ".join(str(f) for f in targets)
    out(
        args,
        {"removed": [str(f) for f in targets], "coverage": coverage},
        t("Removed {names}; servstd calendars on this machine no longer read it.", names=names)
        + "\n"
        + t("Covered now: {coverage}", coverage=coverage),
    )
    return 0


def _quietly(read: Callable[[], NoticeState]) -> NoticeState:
    """The notices read again, without warning of the files read as nothing (the caller decides)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ServstdWarning)
        return read()


def _existing(target: Path) -> str | None:
    """The text of the notice file already at ``target`` (``""`` when unreadable), ``None`` if none.

    A symbolic link or anything but a regular file there is refused: servstd never writes through it.
    """
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ServstdError(
            t("cannot use {file}: {reason}", file=target, reason=exc.strerror or exc)
        ) from None
    if not stat.S_ISREG(mode):
        kind = t("a symbolic link") if stat.S_ISLNK(mode) else t("not a regular file")
        raise ServstdError(
            t("{file} is {kind}; servstd does not write through it — remove it ({command})",
              file=target, kind=kind, command=remove_command(target))
        )  # fmt: skip
    try:
        return read_text(target)[0]
    except ServstdError:
        return ""


def _readable(target: Path) -> bool:
    try:
        read_notice(target)
    except ServstdError:
        return False
    return True


def _list(args: argparse.Namespace) -> int:
    built_in = WorkCalendar.china(notices=False)
    files = []
    lines = [t("Notice folders and files read (in order):")]
    for place in notice_places():
        state = t("folder") if place.is_dir() else t("file") if place.is_file() else t("not there")
        lines.append(f"  {place}  ({state})")
    lines.append("")
    lines.append(t("Notices:"))
    damaged = dict(damaged_notices())
    for f in notice_files():
        if f in damaged:
            continue
        ov = read_notice(f)
        years = sorted(ov.defines_years or ov.amends_years)
        files.append({"file": str(f), "kind": ov.kind, "years": years, "source": ov.source})
        lines.append(f"  {f}: {ov.kind} {', '.join(map(str, years))} ({ov.source})")
    if not files:
        lines.append("  " + t("none"))
    if damaged:
        lines.append("")
        lines.append(t("Damaged (every servstd program refuses them; --lenient skips them):"))
        lines += [
            f"  {f}: {translate(why, language())}\n    " + t("remove: {command}", command=remove_command(f))
            for f, why in damaged.items()
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ServstdWarning)
        cal = WorkCalendar.china(strict=not damaged)
    lines.append("")
    lines.append(t("Built-in coverage: {coverage}", coverage=built_in.coverage))
    lines.append(t("Covered with the notices: {coverage}", coverage=cal.coverage))
    data = {
        "places": [str(p) for p in notice_places()],
        "files": files,
        "built_in_coverage": str(built_in.coverage),
        "coverage": str(cal.coverage),
        "damaged": [
            {"file": str(f), "reason": why, "remove": remove_command(f)} for f, why in damaged.items()
        ],
    }
    out(args, data, "\n".join(lines))
    return 0
