"""servstd's own decimal context: answers never depend on the caller's.

:mod:`decimal` arithmetic rounds and traps by the *thread's current context*, which the
application owns: under ``decimal.localcontext(prec=4, rounding=ROUND_DOWN)`` a total of 99.88
would become 99.87, and ``prec=3`` or a trap on ``Inexact`` would raise in the middle of a score.
Every public entry point that computes with decimals runs under :data:`CONTEXT` instead
(:func:`exact`): 28 significant digits, half-even rounding (the rounding each scheme states is
applied explicitly with ``quantize``), exponents wide enough for any count, and traps only on
what is an error in any context (invalid operations, division by zero, overflow).

>>> import decimal
>>> from decimal import Decimal
>>> @exact
... def third() -> Decimal:
...     return Decimal(1) / 3
>>> with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
...     third() == Decimal("0.3333333333333333333333333333")
True
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["CONTEXT", "exact"]

CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The context every servstd computation runs in (the defaults of :mod:`decimal`, fixed)."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` in :data:`CONTEXT`, whatever decimal context the caller has set."""

    @functools.wraps(func)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with decimal.localcontext(CONTEXT):
            return func(*args, **kwargs)

    return run
