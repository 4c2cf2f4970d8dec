"""The catalog: the shipped documents of every kind (standards, SLA policies, complaint policies).

A peer of what it serves: it sits above :mod:`servstd.standards` and :mod:`servstd.sla.policy`
and builds their objects from ``servstd/catalog/data/``. Its bottom module,
:mod:`servstd.catalog.shelf`, knows only files, parsed data and the objects built from them, and
is what ``SLAPolicy.from_catalog`` builds through: the catalog and the policy classes share one
cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.catalog._catalog import KIND_TITLES as KIND_TITLES
    from servstd.catalog._catalog import Catalog as Catalog
    from servstd.catalog._catalog import LibraryDefault as LibraryDefault
    from servstd.catalog._catalog import Reconstruction as Reconstruction
    from servstd.catalog._catalog import catalog as catalog

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__)
