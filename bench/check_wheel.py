"""Check a built wheel ships py.typed and every catalog document (``nox -s build``)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path


def main(folder: str = "dist") -> int:
    wheels = sorted(Path(folder).glob("servstd-*.whl"))
    if not wheels:
        print(f"no wheel in {folder}")
        return 1
    names = set(zipfile.ZipFile(wheels[-1]).namelist())
    data = [n for n in names if n.startswith("servstd/catalog/data/") and n.endswith(".yaml")]
    missing = [n for n in ("servstd/py.typed", "servstd/cli.py") if n not in names]
    source = sorted(p.name for p in Path("src/servstd/catalog/data").glob("*.yaml"))
    if missing or len(data) != len(source):
        print(f"{wheels[-1].name}: missing {missing}, catalog documents {len(data)}/{len(source)}")
        return 1
    print(f"{wheels[-1].name}: py.typed and {len(data)} catalog documents present")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
