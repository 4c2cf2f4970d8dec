"""The optional extras and the modules each installs, checked before a call needs them.

A call that needs optional modules asks :func:`require` first, naming every extra it needs, so a
missing installation is one :class:`~servstd.errors.MissingExtraError` naming the one extra that
installs everything (``servstd[pandas]`` for a report, which includes numpy) — never one module
now and another after it is installed.

>>> require("the columnar engine", "batch")    # numpy is installed here: nothing happens
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from servstd.errors import MissingExtraError

__all__ = ["EXTRAS", "require", "table_extras"]

EXTRAS: dict[str, tuple[str, ...]] = {
    "batch": ("numpy",),
    "toml": ("tomli_w",),
    "excel": ("openpyxl",),
    "sql": ("duckdb",),
    "parquet": ("pyarrow",),
    "pandas": ("pandas", "numpy"),
    "charts": ("matplotlib",),
}
"""Each extra of ``pyproject.toml`` and the modules (import names) it installs."""


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package that fails to import; a broken spec
        return False


def require(what: str, *extras: str) -> None:
    """Raise :class:`~servstd.errors.MissingExtraError` unless every module of ``extras`` is installed.

    The error names the extras that bring the missing modules, leaving out any extra whose modules
    another named extra installs too (``pandas`` covers ``batch``).
    """
    missing = list(dict.fromkeys(m for e in extras for m in EXTRAS[e] if not _installed(m)))
    if not missing:
        return
    needed = [e for e in dict.fromkeys(extras) if any(m in missing for m in EXTRAS[e])]
    covering = [e for e in needed if not any(o != e and set(EXTRAS[e]) < set(EXTRAS[o]) for o in needed)]
    raise MissingExtraError(what, covering, missing)


_TABLE_EXTRAS = {".xlsx": "excel", ".xlsm": "excel", ".parquet": "parquet", ".pq": "parquet"}


def table_extras(*tables: object) -> list[str]:
    """The extras reading ``tables`` needs: ``pandas``, and ``excel`` or ``parquet`` for a path
    to such a file (a table in memory needs only what made it).

    >>> table_extras("cases.xlsx", None)
    ['pandas', 'excel']
    """
    out = ["pandas"]
    for t in tables:
        if isinstance(t, (str, Path)):
            extra = _TABLE_EXTRAS.get(Path(t).suffix.lower())
            if extra is not None and extra not in out:
                out.append(extra)
    return out
