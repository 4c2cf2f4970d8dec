"""Check a ``holidays`` release against the calendar data servstd ships, and regenerate it.

servstd's calendars of CN, HK, MO and TW read a snapshot of the ``holidays`` package's days
(``src/servstd/sla/calendar/data/<REGION>.tsv``), so an upgrade of the package never moves a
deadline silently. This script writes the snapshot again from the *installed* package and prints
every difference with the shipped one, a line per day (exit status 1 when there is any):

    uv run python scripts/holiday_snapshot.py                 # show the differences
    uv run python scripts/holiday_snapshot.py --write         # then replace the shipped files
    uv run python scripts/holiday_snapshot.py --region CN     # one region
    uv run python scripts/holiday_snapshot.py --known         # record an older release's differences

An older release that CI still runs (the newest one an older Python can install) may differ from
the snapshot, which is written from the newest release; ``--known`` records its differences, after
review, in ``tests/sla/calendar/holiday_snapshot_known.tsv``, where the test suite accepts exactly
those for exactly that release.

``nox -s holidays -- 0.110`` installs a given release first (the newest without a version). The
whole procedure is in the working-days guide, "A new holidays release".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from servstd.sla.calendar._holiday_snapshot import REGIONS, bundled, diff, render
from servstd.sla.calendar._holiday_source import package_snapshot

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "servstd" / "sla" / "calendar" / "data"
KNOWN = ROOT / "tests" / "sla" / "calendar" / "holiday_snapshot_known.tsv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the shipped snapshot files")
    parser.add_argument("--region", action="append", choices=REGIONS, help="only these regions")
    parser.add_argument(
        "--known", action="store_true", help="record the differences as reviewed ones of this release"
    )
    args = parser.parse_args(argv)
    changed = 0
    found: list[str] = []
    for region in args.region or REGIONS:
        new = package_snapshot(region)
        old = bundled(region)
        lines = diff(old, new) if old is not None else [f"{region}: no snapshot shipped yet"]
        print(
            f"== {region}: holidays {old.package if old else '-'} → {new.package}: {len(lines)} difference(s)"
        )
        for line in lines:
            print(f"  {line}")
        changed += bool(lines)
        found += [f"{new.package}\t{line}" for line in lines]
        if args.write:
            (DATA / f"{region}.tsv").write_text(render(new), encoding="utf-8", newline="\n")
    if args.write:
        print(f"written to {DATA}; review the differences above against the State Council notices")
    if args.known:
        version = package_snapshot(REGIONS[0]).package
        kept = [
            line
            for line in KNOWN.read_text(encoding="utf-8").splitlines()
            if line.startswith("#") or line.split("\t")[0] != version
        ]
        KNOWN.write_text("\n".join([*kept, *found]) + "\n", encoding="utf-8", newline="\n")
        print(f"recorded {len(found)} difference(s) of holidays {version} in {KNOWN}")
    return 1 if changed and not (args.write or args.known) else 0


if __name__ == "__main__":
    sys.exit(main())
