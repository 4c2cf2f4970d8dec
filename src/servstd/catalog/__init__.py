"""The catalog: the shipped documents of every kind (standards, SLA policies, complaint policies).

A peer of what it serves: it sits above :mod:`servstd.standards` and :mod:`servstd.sla.policy`
and builds their objects from ``servstd/catalog/data/``. Its bottom module,
``servstd.catalog._files``, knows only files and parsed data, and is what
``SLAPolicy.from_catalog`` reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
    from servstd.catalog._catalog import KIND_TITLES, Catalog, LibraryDefault, Reconstruction, catalog

_EXPORTS = {
    "KIND_TITLES": "servstd.catalog._catalog",
    "Catalog": "servstd.catalog._catalog",
    "LibraryDefault": "servstd.catalog._catalog",
    "Reconstruction": "servstd.catalog._catalog",
    "catalog": "servstd.catalog._catalog",
}

__all__ = [
    "KIND_TITLES",
    "Catalog",
    "LibraryDefault",
    "Reconstruction",
    "catalog",
]

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
