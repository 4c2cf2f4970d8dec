"""Old spellings kept for one release: each warns with :class:`DeprecationWarning` naming the new one.

Every rename keeps its old name working for one release, listed in the CHANGELOG under
"Changed"; calling the old name warns once per call site and does exactly what the new one does.

>>> import warnings
>>> def due(n: int) -> int:
...     return n + 1
>>> deadline = renamed(due, "batch.deadline", "batch.due")
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     deadline(1), str(caught[0].message)
(2, 'batch.deadline is deprecated; use batch.due (the old name goes in the next release)')
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["moved_module", "renamed", "replaced", "warn_renamed"]

P = ParamSpec("P")
R = TypeVar("R")


def warn_renamed(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new`` (the caller of the old name is blamed)."""
    warnings.warn(
        f"{old} is deprecated; use {new} (the old name goes in the next release)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def renamed(func: Callable[P, R], old: str, new: str) -> Callable[P, R]:
    """``func`` under its old name ``old``: the same call, with a warning naming ``new``."""

    @functools.wraps(func)
    def alias(*args: P.args, **kwargs: P.kwargs) -> R:
        warn_renamed(old, new)
        return func(*args, **kwargs)

    alias.__doc__ = f"Deprecated: use ``{new}``."
    setattr(alias, "__deprecated__", f"{old} is deprecated; use {new}")  # PEP 702's mark  # noqa: B010
    return alias


def replaced(old: str, new: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a function kept under its old spelling ``old``, which does what it always did (the new
    spellings ``new`` may split it in two), with a warning naming ``new`` on each call."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def old_spelling(*args: P.args, **kwargs: P.kwargs) -> R:
            warn_renamed(old, new)
            return func(*args, **kwargs)

        setattr(old_spelling, "__deprecated__", f"{old} is deprecated; use {new}")  # noqa: B010
        return old_spelling

    return decorate


def moved_module(old: str, new: str) -> Callable[[str], Any]:
    """The ``__getattr__`` of a module kept at its old path ``old``: each name it is asked for comes
    from the module ``new``, with a warning naming the new spelling.

    The old module holds nothing else, so ``from old import name`` always passes through here.
    """

    def getattr_(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(new), name)  # an unknown name: AttributeError
        warn_renamed(f"{old}.{name}", f"{new}.{name}")
        return value

    return getattr_
