"""The bundled snapshot of the ``holidays`` package's data: what the calendars of CN, HK, MO and TW read.

An upgrade of ``holidays`` must never move a deadline silently, so the days it gives are pinned
here, as package data, and the calendar reads them from here: ``data/<REGION>.tsv`` holds every
rest day the package names (with its Chinese and English name) and every weekend working day
(调休上班) of the years 2000 to the year after the last covered one — the covered years and the
year either side a calendar reads at their edges. Every other day follows its weekday. The package
itself is imported only for a year outside the snapshot (a lenient estimate, a year before 2000),
so answering a date of the snapshot's years loads nothing of it.

The format (UTF-8, tab-separated, sorted, one line a day) is made to be read fast and reviewed as a
diff::

    #! region	CN
    #! holidays	0.109
    #! official	2001	2026
    #! years	2000	2027
    2026-10-01	rest	国庆节	National Day
    2026-10-10	work

``#! official`` is the coverage (the years whose arrangement the package records), ``#! years`` the
years held, ``#! holidays`` the package version the file was written from. A new ``holidays``
release is checked with ``scripts/holiday_snapshot.py``, which regenerates the files from it and
prints the difference (see "A new holidays release" in the working-days guide); the test suite
fails on any difference between the files and the installed package.

>>> snap = bundled("CN")
>>> snap is not None and snap.official[0], snap is not None and snap.facts(2026).rest_zh[dt.date(2026, 10, 1)]
(2001, '国庆节')
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterator, Mapping

import attrs

__all__ = ["FIRST_YEAR", "REGIONS", "Snapshot", "YearFacts", "bundled", "diff", "parse", "render"]

REGIONS = ("CN", "HK", "MO", "TW")
FIRST_YEAR = 2000
"""The first year a snapshot holds: the year before the mainland's first notice (2001)."""
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")  # not pathlib: see notice_folder


@attrs.frozen
class YearFacts:
    """Rest days (with names) and weekend working days of one year, as the source gives them."""

    rest_zh: dict[dt.date, str]
    rest_en: dict[dt.date, str]
    weekend_workdays: frozenset[dt.date]


@attrs.frozen
class Snapshot:
    """One region's days of the years ``years`` (inclusive), written from ``holidays`` ``package``."""

    region: str
    package: str
    official: tuple[int, int]
    years: tuple[int, int]
    by_year: Mapping[int, YearFacts]

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.years[0] <= year <= self.years[1]

    def facts(self, year: int) -> YearFacts:
        """The facts of ``year`` (one of :attr:`years`; none listed: an empty year)."""
        got = self.by_year.get(year)
        return got if got is not None else YearFacts({}, {}, frozenset())

    def lines(self) -> list[str]:
        """The day lines, sorted (date, then rest before work)."""
        out = []
        for year in sorted(self.by_year):
            f = self.by_year[year]
            days = sorted({*f.rest_zh, *f.weekend_workdays})
            for d in days:
                if d in f.rest_zh:
                    out.append(f"{d.isoformat()}\trest\t{f.rest_zh[d]}\t{f.rest_en.get(d, f.rest_zh[d])}")
                if d in f.weekend_workdays:
                    out.append(f"{d.isoformat()}\twork")
        return out


def render(snap: Snapshot) -> str:
    """The file text of ``snap``."""
    head = [
        f"# servstd calendar data: the statutory rest days and weekend working days of {snap.region} as the",
        "# holidays package gives them. Written by scripts/holiday_snapshot.py; do not edit by hand:",
        "# regenerate from a new holidays release and review the difference it prints.",
        f"#! region\t{snap.region}",
        f"#! holidays\t{snap.package}",
        f"#! official\t{snap.official[0]}\t{snap.official[1]}",
        f"#! years\t{snap.years[0]}\t{snap.years[1]}",
    ]
    return "\n".join([*head, *snap.lines()]) + "\n"


class SnapshotError(ValueError):
    """A snapshot file that cannot be read (a packaging fault, never user input)."""


def parse(text: str, where: str = "snapshot", *, lazy: bool = False) -> Snapshot:
    """Read the text of a snapshot file; a line it cannot place is a :class:`SnapshotError`.

    ``lazy=True`` (the shipped files, read by every calendar) sorts the day lines by year and
    reads a year's lines when that year is first asked for: a calendar asks for a few of 28.
    """
    head: dict[str, list[str]] = {}
    by_line: dict[int, list[tuple[int, str]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line or (line.startswith("#") and not line.startswith("#!")):
            continue
        if line.startswith("#!"):
            fields = line.split("\t")
            head[fields[0][2:].strip()] = fields[1:]
            continue
        year = line[:4]
        if not (year.isascii() and year.isdigit()):
            raise SnapshotError(f"{where}, line {number}: cannot read {line!r}")
        by_line.setdefault(int(year), []).append((number, line))
    try:
        region, package = head["region"][0], head["holidays"][0]
        official = (int(head["official"][0]), int(head["official"][1]))
        years = (int(head["years"][0]), int(head["years"][1]))
    except (KeyError, IndexError, ValueError):
        raise SnapshotError(f"{where}: the header needs region, holidays, official and years") from None
    outside = sorted(y for y in by_line if not years[0] <= y <= years[1])
    if outside:
        raise SnapshotError(f"{where}: a day of {outside[0]} lies outside the years {years[0]}–{years[1]}")
    read = _Years(by_line, where)
    by_year: Mapping[int, YearFacts] = read if lazy else {y: read[y] for y in read}
    return Snapshot(region, package, official, years, by_year)


class _Years(Mapping[int, YearFacts]):
    """Year → its facts, each year's lines read on first use (a bad line raises then)."""

    def __init__(self, by_line: dict[int, list[tuple[int, str]]], where: str) -> None:
        self._lines = by_line
        self._where = where
        self._read: dict[int, YearFacts] = {}

    def __getitem__(self, year: int) -> YearFacts:
        got = self._read.get(year)
        if got is None:
            got = self._read[year] = _year(self._lines[year], self._where)
        return got

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self._lines))

    def __len__(self) -> int:
        return len(self._lines)


def _year(lines: list[tuple[int, str]], where: str) -> YearFacts:
    rest_zh: dict[dt.date, str] = {}
    rest_en: dict[dt.date, str] = {}
    work: set[dt.date] = set()
    for number, line in lines:
        fields = line.split("\t")
        try:
            d = dt.date.fromisoformat(fields[0])
            if fields[1] == "rest" and len(fields) == 4:
                rest_zh[d] = fields[2]
                rest_en[d] = fields[3]
            elif fields[1] == "work" and len(fields) == 2:
                work.add(d)
            else:
                raise ValueError(fields[1])
        except (IndexError, ValueError):
            raise SnapshotError(f"{where}, line {number}: cannot read {line!r}") from None
    return YearFacts(rest_zh, rest_en, frozenset(work))


@functools.cache
def bundled(region: str) -> Snapshot | None:
    """The snapshot shipped for ``region`` (read once), or ``None`` if none is shipped."""
    path = os.path.join(_DATA, f"{region}.tsv")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return None
    return parse(text, path, lazy=True)


def diff(old: Snapshot, new: Snapshot) -> list[str]:
    """The differences between two snapshots of one region, one line each (what a reviewer reads)."""
    out = []
    if old.official != new.official:
        out.append(
            f"{new.region}: covered years {old.official[0]}–{old.official[1]} → {new.official[0]}–{new.official[1]}"
        )
    if old.years != new.years:
        out.append(f"{new.region}: years held {old.years[0]}–{old.years[1]} → {new.years[0]}–{new.years[1]}")
    before = _days(old)
    after = _days(new)
    for d in sorted({*before, *after}):
        a, b = before.get(d), after.get(d)
        if a == b:
            continue
        if a is None:
            out.append(f"{new.region} {d.isoformat()}: new — {b}")
        elif b is None:
            out.append(f"{new.region} {d.isoformat()}: gone — was {a}")
        else:
            out.append(f"{new.region} {d.isoformat()}: {a} → {b}")
    return out


def _days(snap: Snapshot) -> dict[dt.date, str]:
    days: dict[dt.date, str] = {}
    for f in snap.by_year.values():
        for d, zh in f.rest_zh.items():
            days[d] = f"rest {zh} / {f.rest_en.get(d, zh)}"
        for d in f.weekend_workdays:
            days[d] = f"{days[d]}, and a working day" if d in days else "weekend working day (调休上班)"
    return days
