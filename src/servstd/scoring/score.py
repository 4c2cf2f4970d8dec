"""Deprecated module path: ``servstd.scoring.score`` is now :mod:`servstd.scoring.scorer`.

A name imported from here comes from the new module with a :class:`DeprecationWarning`; the
package's function of the same name is unaffected. The old path goes in the next release.
"""

from servstd._deprecation import moved_module

__all__: list[str] = []

__getattr__ = moved_module(__name__, "servstd.scoring.scorer")
