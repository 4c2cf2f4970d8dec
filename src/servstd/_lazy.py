"""Lazy re-exports for package ``__init__`` modules (PEP 562), each name declared once.

A package declares its public names in one place, the imports of its ``if TYPE_CHECKING:``
block, each an explicit re-export::

    if TYPE_CHECKING:
        from servstd.sla.clock.service_clock import ServiceClock as ServiceClock

    if not TYPE_CHECKING:
        __getattr__, __dir__, __all__ = attach(__name__)

Type checkers read the imports; :func:`attach` reads the same block (as text, once, when the
package is imported — without :mod:`ast`, which would cost more than the rest of
``import servstd``) and builds the map from name to module. A name loads its module on first
access and is cached in the package namespace, so ``import servstd`` costs almost nothing and
``servstd.WorkCalendar`` loads only the calendar. ``__all__`` is the declared names, sorted, and
``dir()`` shows exactly ``__all__``. In the style of SPEC 1 (``lazy_loader.attach_stub``), with
the stub inline.

A subpackage that is not declared (``servstd.sla.batch``, which needs an optional extra) is still
reached as an attribute, loaded on access, but is not in ``__all__``, so ``from servstd.sla
import *`` never loads it. Old spellings are declared like the rest (so type checkers still
know them) and named in ``deprecated``: they resolve with a :class:`DeprecationWarning` naming
the new spelling, and are left out of ``__all__``.

A package module becomes a :class:`LazyPackage`, which keeps an exported function's name from
being overwritten when a submodule of the same name is imported (the import system sets the
submodule as an attribute of its package).
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["LazyPackage", "attach", "declared_exports", "deprecated_of", "exports_of", "installed_version"]

_BLOCK = re.compile(r"^if TYPE_CHECKING:[ \t]*\n((?:[ \t]+.*\n|[ \t]*\n)+)", re.MULTILINE)
_IMPORT = re.compile(r"from\s+([\w.]+)\s+import\s+(\([^)]*\)|[^\n]+)")
_NAME = re.compile(r"^(\w+)\s+as\s+(\w+)$")

_REGISTRY: dict[str, dict[str, str]] = {}
_DEPRECATED: dict[str, dict[str, str]] = {}


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` ("0.0.0" when running from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - 40 ms; only on use

    try:
        return version(distribution)
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0.0.0"


def declared_exports(source: str) -> dict[str, str]:
    """The names a package's ``if TYPE_CHECKING:`` block re-exports, each mapped to its module.

    Every import is an explicit re-export (``X as X``), or ``from subpackage import *``, which
    re-exports every name that subpackage declares; anything else is an ``ImportError``, so a
    package cannot declare a name type checkers would not export.

    >>> declared_exports('''if TYPE_CHECKING:
    ...     from servstd.sla.clock.durations import Duration as Duration  # the base
    ...     from servstd.sla.clock.durations import parse_duration as parse_duration
    ... ''')
    {'Duration': 'servstd.sla.clock.durations', 'parse_duration': 'servstd.sla.clock.durations'}
    """
    block = _BLOCK.search(source)
    if block is None:
        return {}
    body = "\n".join(line.split("#", 1)[0] for line in block.group(1).splitlines())
    exports: dict[str, str] = {}
    for module, names in _IMPORT.findall(body):
        for raw in names.strip("()").split(","):
            entry = " ".join(raw.split())
            if not entry:
                continue
            if entry == "*":
                exports.update(exports_of(module))
                continue
            m = _NAME.match(entry)
            if m is None or m.group(1) != m.group(2):
                raise ImportError(f"{module}: {entry!r} is not an explicit re-export (write 'X as X')")
            exports[m.group(1)] = module
    return exports


class LazyPackage(types.ModuleType):
    """A package whose exported names load on use; a submodule never replaces an exported name."""

    def __setattr__(self, name: str, value: Any) -> None:
        exports = _REGISTRY.get(self.__name__, {})
        if isinstance(value, types.ModuleType) and exports.get(name, self.__name__) != self.__name__:
            return  # ``servstd.scoring.score`` stays the function when a module of that name loads
        super().__setattr__(name, value)


def attach(
    package: str,
    *,
    deprecated: Mapping[str, str] | None = None,
    extras: Mapping[str, str] | None = None,
    version_of: str | None = None,
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package`` from its ``TYPE_CHECKING`` block.

    ``deprecated`` maps a declared old name to its new spelling (``"servstd.sla.batch.report"``):
    it warns on use (unless the object warns by itself, marked ``__deprecated__`` as PEP 702
    does) and is not in ``__all__``.
    ``extras`` maps a module to the optional extra its names need (``"servstd[pandas]"`` for
    reports): a name from it checks that extra is installed before its module loads, so the one
    :class:`~servstd.errors.MissingExtraError` names the extra that installs everything the name
    needs. With ``version_of``, ``__version__`` is that distribution's installed version, read on
    first use.
    """
    module = sys.modules[package]
    path = module.__file__
    if path is None:  # pragma: no cover - a namespace package has no __init__ to declare names
        raise ImportError(f"{package} has no __init__ file to read its exports from")
    with open(path, encoding="utf-8") as f:
        exports = declared_exports(f.read())
    _REGISTRY[package] = exports
    module.__class__ = LazyPackage
    old = dict(deprecated or {})
    _DEPRECATED[package] = old
    undeclared = set(old) - set(exports)
    if undeclared:
        raise ImportError(f"{package}: deprecated names not declared: {sorted(undeclared)}")
    public = sorted(set(exports) - set(old)) + (["__version__"] if version_of is not None else [])

    def load(where: str, name: str) -> Any:
        if extras and where in extras:
            from servstd._extras import require  # noqa: PLC0415 - only for packages with extras

            require(f"{package}.{name}", extras[where])
        if where == package:  # ``from servstd.sla import sql as sql``: the name is a submodule
            return importlib.import_module(f"{package}.{name}")
        return getattr(importlib.import_module(where), name)

    def getattr_(name: str) -> Any:
        if name == "__version__" and version_of is not None:
            value: Any = installed_version(version_of)
        elif name in old:
            value = load(exports[name], name)
            if not hasattr(value, "__deprecated__"):
                from servstd._deprecation import warn_renamed  # noqa: PLC0415 - only when an old name is used

                warn_renamed(f"{package}.{name}", old[name])
            return value  # not cached: every use warns
        elif name in exports:
            value = load(exports[name], name)
        else:
            value = _submodule(package, name)
        types.ModuleType.__setattr__(module, name, value)  # cached: the next lookup does not come here
        return value

    def dir_() -> list[str]:
        return list(public)

    return getattr_, dir_, list(public)


def _submodule(package: str, name: str) -> types.ModuleType:
    """The undeclared submodule ``name`` of ``package`` (``servstd.sla.batch``), or AttributeError."""
    missing = AttributeError(f"module {package!r} has no attribute {name!r}")
    if name.startswith("_"):
        raise missing
    try:
        return importlib.import_module(f"{package}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{package}.{name}":
            raise missing from None
        raise


def exports_of(package: str) -> dict[str, str]:
    """The map of an attached package (for tests): each declared name and its module."""
    importlib.import_module(package)
    return dict(_REGISTRY[package])


def deprecated_of(package: str) -> dict[str, str]:
    """The old names of an attached package (for tests), each with its new spelling."""
    importlib.import_module(package)
    return dict(_DEPRECATED.get(package, {}))
