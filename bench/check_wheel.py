"""Check the built artefacts' contents (``nox -s build``).

``python bench/check_wheel.py DIST [FROM_TREE]``: the wheel in DIST ships ``py.typed``, the command
line, the SQL scripts, the holiday snapshot of every region, the chart font and every catalog document; the sdist in DIST holds the sources a rebuild
needs; and when FROM_TREE (a folder with a wheel built straight from the source tree) is given, the
two wheels hold the same files with the same bytes, so the sdist builds the wheel users get from
the tree.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = (
    "servstd/py.typed",
    "servstd/cli/__init__.py",
    "servstd/sla/sql/scripts/postgresql.sql",
    # the calendars read these (the holidays package only outside their years)
    *(f"servstd/sla/calendar/data/{region}.tsv" for region in ("CN", "HK", "MO", "TW")),
    # charts draw Chinese labels with it where no Chinese font is installed; its licence beside it
    "servstd/_fonts/ServstdSansSC-Regular.otf",
    "servstd/_fonts/OFL.txt",
)


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


def _files(wheel: Path) -> dict[str, bytes]:
    """The wheel's files by name (RECORD left out: it repeats the hashes of the others)."""
    with zipfile.ZipFile(wheel) as z:
        return {n: z.read(n) for n in z.namelist() if not n.endswith(".dist-info/RECORD")}


def check_wheel(wheel: Path) -> list[str]:
    names = set(_files(wheel))
    problems = [f"{wheel.name}: {n} missing" for n in REQUIRED if n not in names]
    shipped = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("servstd/catalog/data/"))
    source = sorted(p.name for p in (ROOT / "src/servstd/catalog/data").iterdir() if p.is_file())
    if shipped != source:
        problems.append(f"{wheel.name}: catalog documents {shipped} differ from the source tree's {source}")
    if any(n.startswith(("tests/", "docs/", "bench/")) for n in names):
        problems.append(f"{wheel.name}: ships test, docs or bench files")
    return problems


def check_sdist(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    wanted = ("pyproject.toml", "README.md", "src/servstd/__init__.py", "src/servstd/py.typed")
    return [f"{sdist.name}: {n} missing" for n in wanted if n not in names]


def compare(from_sdist: Path, from_tree: Path) -> list[str]:
    a, b = _files(from_sdist), _files(from_tree)
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    differ = sorted(n for n in set(a) & set(b) if a[n] != b[n])
    problems = []
    if only_a or only_b or differ:
        problems.append(
            f"the wheel built from the sdist differs from one built from the tree: only in the sdist's "
            f"{only_a}, only in the tree's {only_b}, different bytes {differ}"
        )
    return problems


def main(dist: str = "dist", from_tree: str | None = None) -> int:
    wheel, sdist = _one(Path(dist), "servstd-*.whl"), _one(Path(dist), "servstd-*.tar.gz")
    problems = check_wheel(wheel) + check_sdist(sdist)
    if from_tree is not None:
        problems += compare(wheel, _one(Path(from_tree), "servstd-*.whl"))
    for p in problems:
        print(p)
    if problems:
        return 1
    n = len(_files(wheel))
    same = ", equal file for file to the wheel built from the tree" if from_tree else ""
    print(
        f"{wheel.name}: {n} files, py.typed, the SQL scripts and every catalog document{same}; {sdist.name} ok"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
