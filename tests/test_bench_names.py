"""The benchmarks use servstd's public names only, so a refactoring of the engines cannot break them.

``bench/*.py`` is read with :mod:`ast`: no import of a ``_``-prefixed servstd module or name, and no
``_``-prefixed attribute of anything imported from servstd (dunders such as ``__version__`` are
public). CI also runs the benchmarks in quick mode (``nox -s bench -- --quick``), so they run too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _private(name: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in name.split("."))


def private_uses(source: str) -> list[str]:
    """Each private servstd name the source reaches, as ``line: name``."""
    tree = ast.parse(source)
    bound: set[str] = set()  # local names that stand for servstd modules or objects
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "servstd":
                    bound.add((a.asname or a.name).split(".")[0])
                    if _private(a.name):
                        found.append(f"{node.lineno}: import {a.name}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "servstd":
            for a in node.names:
                bound.add(a.asname or a.name)
                if _private(f"{node.module}.{a.name}"):
                    found.append(f"{node.lineno}: from {node.module} import {a.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in bound:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_benchmarks_use_public_names(path: Path) -> None:
    """A benchmark script reaches no private servstd module, name or attribute."""
    assert private_uses(path.read_text(encoding="utf-8")) == []


def test_a_private_name_would_be_caught() -> None:
    """The check finds what broke bench/batch_bench.py once (``batch._arrays``) and private imports."""
    source = (
        "import numpy as np\n"
        "from servstd.sla import batch\n"
        "import servstd.sla.batch._engine as eng\n"
        "from servstd.sla.clock import _timeline\n"
        "arrs = batch._arrays(CLOCK, x)\n"
        "np._private\n"
        "batch.add.__doc__\n"
    )
    assert private_uses(source) == [
        "3: import servstd.sla.batch._engine",
        "4: from servstd.sla.clock import _timeline",
        "5: batch._arrays",
    ]
