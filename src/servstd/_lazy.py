"""Lazy re-exports for package ``__init__`` modules (PEP 562).

A package lists where each public name lives; the module defining it is imported on first
access, so ``import servstd`` costs almost nothing and ``servstd.WorkCalendar`` loads only the
calendar. Names are cached in the package namespace after the first lookup.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["installed_version", "lazy_exports"]


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` ("0.0.0" when running from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - 40 ms; only on use

    try:
        return version(distribution)
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0.0.0"


def lazy_exports(
    package: str, exports: Mapping[str, str], *, version_of: str | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose names live in the modules of ``exports``.

    ``exports`` maps a public name to the module defining it; a name that is itself a submodule
    maps to that submodule's full name. With ``version_of``, ``__version__`` is that
    distribution's installed version, read on first use.
    """

    def getattr_(name: str) -> Any:
        if name == "__version__" and version_of is not None:
            value: Any = installed_version(version_of)
            setattr(sys.modules[package], name, value)
            return value
        where = exports.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(where)
        value = module if where == f"{package}.{name}" else getattr(module, name)
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return sorted(set(exports) | set(vars(sys.modules[package])))

    return getattr_, dir_
