"""Pinned data (issue 24): the calendars read a snapshot of the ``holidays`` package shipped with
servstd, and this suite fails on any difference between that snapshot and the installed package.

The snapshot holds every day the package names for CN, HK, MO and TW — each rest day with its
kind and names, each weekend working day — from 2000 (the year before the mainland's first notice)
to the year after the last covered one. Differences of an older release that CI still runs are
accepted only as recorded, after review, in ``holiday_snapshot_known.tsv``.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from servstd.sla import DayKind, WorkCalendar
from servstd.sla.calendar import _holiday_snapshot as snapshot
from servstd.sla.calendar import _holiday_source as source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[3]
KNOWN = Path(__file__).with_name("holiday_snapshot_known.tsv")


def known_differences(release: str) -> list[str]:
    """The reviewed differences of ``release`` (none for the release the snapshot was written from)."""
    rows = [row.split("\t", 1) for row in KNOWN.read_text(encoding="utf-8").splitlines()]
    return [row[1] for row in rows if len(row) == 2 and not row[0].startswith("#") and row[0] == release]


@pytest.mark.parametrize("region", snapshot.REGIONS)
class TestTheSnapshotIsThePackage:
    def test_every_day_and_the_coverage_match_the_installed_package(self, region: str) -> None:
        """Every rest day (kind, Chinese and English name), every weekend working day and the covered
        years of the shipped snapshot are what the installed holidays package gives, apart from the
        reviewed differences recorded for an older release (none for the snapshot's own)."""
        shipped = snapshot.bundled(region)
        assert shipped is not None
        installed = source.package_snapshot(region)
        expected = [] if installed.package == shipped.package else known_differences(installed.package)
        assert snapshot.diff(shipped, installed) == [
            d for d in expected if d.startswith((f"{region} ", f"{region}:"))
        ]

    def test_it_holds_2000_to_the_year_after_the_last_covered_one(self, region: str) -> None:
        """The years held: 2000 (the margin before 2001) to the year after the last covered year,
        which a calendar reads at the edge of its last year."""
        shipped = snapshot.bundled(region)
        assert shipped is not None
        assert shipped.years == (2000, shipped.official[1] + 1)
        assert shipped.official[1] >= 2025
        assert all(y in shipped for y in range(2001, shipped.official[1] + 1))

    def test_the_file_is_what_the_writer_writes(self, region: str) -> None:
        """The shipped file reads back to the same snapshot and is written byte for byte the same (the
        script's output is the file; nobody edits it by hand)."""
        path = ROOT / "src" / "servstd" / "sla" / "calendar" / "data" / f"{region}.tsv"
        text = path.read_text(encoding="utf-8")
        assert snapshot.render(snapshot.parse(text)) == text

    def test_reading_a_year_when_asked_gives_what_reading_all_gives(self, region: str) -> None:
        """The calendars read the shipped file a year at a time (lazy): the same snapshot, year by
        year, as reading every line at once."""
        path = ROOT / "src" / "servstd" / "sla" / "calendar" / "data" / f"{region}.tsv"
        text = path.read_text(encoding="utf-8")
        lazy, whole = snapshot.parse(text, lazy=True), snapshot.parse(text)
        assert list(lazy.by_year) == list(whole.by_year)
        assert all(lazy.by_year[y] == whole.by_year[y] for y in whole.by_year)
        assert lazy == whole

    def test_calendars_read_it_whatever_the_package_says(
        self, region: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Within the snapshot's years a calendar never asks the package: with the package's answers
        replaced by nonsense, every day of the covered years keeps its kind and names."""
        shipped = snapshot.bundled(region)
        assert shipped is not None
        first, last = max(2001, shipped.official[0]), min(shipped.official[1], 2040)
        expected = _every_day(WorkCalendar.for_region(region, notices=False), first, last)

        def nonsense(*args: object) -> snapshot.YearFacts:
            raise AssertionError(f"the package was asked for {args}")

        monkeypatch.setattr(source, "package_year_facts", nonsense)
        monkeypatch.setattr(source, "package_official_years", nonsense)
        assert _every_day(WorkCalendar.for_region(region, notices=False), first, last) == expected


def _every_day(
    cal: WorkCalendar, first: int, last: int
) -> list[tuple[dt.date, DayKind, str | None, str | None]]:
    """Every day's kind and names from ``first`` to ``last`` (inclusive years)."""
    d, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    out = []
    while d <= end:
        out.append((d, cal.day_kind(d), cal.holiday_name(d, "zh"), cal.holiday_name(d, "en")))
        d += dt.timedelta(days=1)
    return out


class TestTheCalendarAgreesWithThePackage:
    @pytest.mark.parametrize("region", snapshot.REGIONS)
    def test_every_days_kind_and_name_as_built_from_the_package(
        self, region: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every day of every covered year from 2001 has the same kind and names whether the calendar
        reads the snapshot or (snapshot removed) the installed package — up to the reviewed
        differences of an older release and the days of their holiday periods (a period is named
        after its days), which change no working day."""
        shipped = snapshot.bundled(region)
        assert shipped is not None
        first, last = max(2001, shipped.official[0]), min(shipped.official[1], 2100)
        from_snapshot = _every_day(WorkCalendar.for_region(region, notices=False), first, last)
        monkeypatch.setattr(source, "bundled", lambda region: None)
        from_package = _every_day(WorkCalendar.for_region(region, notices=False), first, last)
        differing = {a[0] for a, b in zip(from_snapshot, from_package, strict=True) if a != b}
        allowed = {
            dt.date.fromisoformat(m.group(1)) + dt.timedelta(days=k)
            for line in known_differences(version("holidays"))
            if (m := re.match(rf"{region} (\d{{4}}-\d\d-\d\d):", line))
            and version("holidays") != shipped.package
            for k in range(-3, 4)
        }
        assert differing <= allowed
        working = {
            a[0]
            for a, b in zip(from_snapshot, from_package, strict=True)
            if a[1].is_working != b[1].is_working
        }
        assert working == set()


class TestReading:
    def test_a_line_it_cannot_place_is_an_error_naming_it(self) -> None:
        """A snapshot line that is neither a rest day nor a working day is refused, with its number."""
        head = "#! region\tCN\n#! holidays\t0\n#! official\t2001\t2026\n#! years\t2000\t2027\n"
        with pytest.raises(snapshot.SnapshotError, match=r"line 5: cannot read '2026-10-01\\tholiday'"):
            snapshot.parse(head + "2026-10-01\tholiday\n")
        with pytest.raises(snapshot.SnapshotError, match="outside the years 2000–2027"):
            snapshot.parse(head + "2030-10-01\twork\n")
        with pytest.raises(snapshot.SnapshotError, match="the header needs"):
            snapshot.parse("2026-10-01\twork\n")
        lazy = snapshot.parse(
            head + "2025-10-01\trest\t国庆节\tNational Day\n2026-10-01\tholiday\n", lazy=True
        )
        assert lazy.facts(2025).rest_zh == {dt.date(2025, 10, 1): "国庆节"}
        with pytest.raises(snapshot.SnapshotError, match=r"line 6: cannot read '2026-10-01\\tholiday'"):
            lazy.facts(2026)  # read lazily, a bad line is refused when its year is asked for
        with pytest.raises(snapshot.SnapshotError, match=r"line 5: cannot read 'x026-10-01\\twork'"):
            snapshot.parse(head + "x026-10-01\twork\n", lazy=True)

    def test_the_difference_reads_day_by_day(self) -> None:
        """diff names each day that appeared, went or changed, and a change of coverage."""
        shipped = snapshot.bundled("CN")
        assert shipped is not None
        f = shipped.facts(2026)
        changed = snapshot.YearFacts(
            {
                **{d: n for d, n in f.rest_zh.items() if d != dt.date(2026, 10, 7)},
                dt.date(2026, 10, 1): "国庆",
            },
            f.rest_en,
            f.weekend_workdays | {dt.date(2026, 12, 26)},
        )
        other = snapshot.Snapshot("CN", "x", (2001, 2027), shipped.years, {**shipped.by_year, 2026: changed})
        assert snapshot.diff(shipped, other) == [
            "CN: covered years 2001–2026 → 2001–2027",
            "CN 2026-10-01: rest 国庆节 / National Day → rest 国庆 / National Day",
            "CN 2026-10-07: gone — was rest 休息日（由 2026-10-10 调休） / Day off (substituted from 10/10/2026)",
            "CN 2026-12-26: new — weekend working day (调休上班)",
        ]


class TestTheVersionRange:
    def test_holidays_has_a_tested_upper_bound(self) -> None:
        """pyproject pins holidays to a range with an upper bound (the newest minor CI has run), and the
        installed release lies in it."""
        deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
        spec = next(d for d in deps if d.startswith("holidays"))
        m = re.fullmatch(r"holidays>=0\.(\d+),<0\.(\d+)", spec)
        assert m is not None, spec
        low, high = int(m.group(1)), int(m.group(2))
        installed = int(version("holidays").split(".")[1])
        assert low <= installed < high

    def test_the_snapshot_was_written_from_a_release_in_the_range(self) -> None:
        """The release the snapshot was written from is the newest the range allows."""
        deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
        high = int(re.search(r"<0\.(\d+)", next(d for d in deps if d.startswith("holidays"))).group(1))  # type: ignore[union-attr]
        for region in snapshot.REGIONS:
            shipped = snapshot.bundled(region)
            assert shipped is not None
            assert int(shipped.package.split(".")[1]) == high - 1


def test_a_command_on_a_snapshot_year_never_imports_the_package() -> None:
    """Answering dates of the snapshot's years (every region, both ends) loads nothing of holidays."""
    code = (
        "import sys, datetime as dt\n"
        "from servstd.sla import WorkCalendar, ServiceClock\n"
        "for r in ('CN', 'HK', 'MO', 'TW'):\n"
        "    cal = WorkCalendar.for_region(r, notices=False)\n"
        "    for y in (2001, 2013, cal.coverage.last):\n"
        "        cal.add_working_days(dt.date(y, 1, 2), 3); cal.holiday_name(dt.date(y, 12, 31))\n"
        "ServiceClock.default().deadline(dt.datetime(2026, 9, 30, 16, tzinfo=dt.timezone.utc), '3个工作日')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'holidays'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
