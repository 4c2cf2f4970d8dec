"""A measured quantity and its bounds: 「在第三次振铃之前要接通」, 「握手时间一般在3-5秒」, 「双人查勘」.

Some requirements are neither a frequency nor a time limit but a count or a size with a bound: the
phone is answered before the third ring, a handshake lasts 3 to 5 seconds, a claim is surveyed by
two people. A :class:`Measure` names what is measured (``quantity``, in the source's words or the
library's), its ``unit``, and its bounds, read as the words say (the same reading as amounts in
policy conditions, Civil Code Art. 1259):

* ``at_least`` / ``at_most`` include the number (以上, 以下, 以内, 「3-5秒」's ends);
* ``above`` / ``below`` exclude it (超过, 不满, 不足, 「在第三次振铃之前」: fewer than 3 rings).

``clause`` is the words of the item's text the measure reads, so an item with several clauses says
which clause each measure belongs to.

>>> rings = Measure("振铃次数", below=3, unit="次", clause="在第三次振铃之前要接通")
>>> rings.holds(2), rings.holds(3)
(True, False)
>>> str(rings)
'振铃次数 < 3次'
>>> handshake = Measure("握手时间", at_least=3, at_most=5, unit="秒")
>>> [handshake.holds(n) for n in (2, 3, 5, 6)], str(handshake)
([False, True, True, False], '握手时间 3–5秒')

Observations are checked with :func:`~servstd.scoring.measure_findings`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from servstd._schema import Shaped
from servstd.errors import DocumentError, InputTypeError, Problem

__all__ = ["Measure"]


def _bound(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise InputTypeError(value, "bound", "a whole or decimal number (int, Decimal or its text)")
    try:
        out = Decimal(value)
    except ArithmeticError:
        raise InputTypeError(value, "bound", "a whole or decimal number (int, Decimal or its text)") from None
    if not out.is_finite():
        raise InputTypeError(value, "bound", "a finite number")
    return out


@attrs.frozen
class Measure(Shaped):
    """``quantity`` measured in ``unit``, within the bounds given (at least one bound)."""

    quantity: str
    at_least: Decimal | None = attrs.field(default=None, converter=_bound)
    """The smallest value allowed (included)."""
    at_most: Decimal | None = attrs.field(default=None, converter=_bound)
    """The largest value allowed (included)."""
    above: Decimal | None = attrs.field(default=None, converter=_bound)
    """Values must be greater than this (excluded)."""
    below: Decimal | None = attrs.field(default=None, converter=_bound)
    """Values must be less than this (excluded)."""
    unit: str = ""
    clause: str = ""
    """The words of the item's text this measure reads, when the item has several clauses."""

    def __attrs_post_init__(self) -> None:
        problems = []
        if not self.quantity:
            problems.append("a measure names its quantity (振铃次数, 握手时间…)")
        if all(b is None for b in (self.at_least, self.at_most, self.above, self.below)):
            problems.append("a measure needs a bound: at_least, at_most, above or below")
        if self.at_least is not None and self.above is not None:
            problems.append("give at_least (included) or above (excluded), not both")
        if self.at_most is not None and self.below is not None:
            problems.append("give at_most (included) or below (excluded), not both")
        low = self.at_least if self.at_least is not None else self.above
        high = self.at_most if self.at_most is not None else self.below
        if low is not None and high is not None:
            empty = low > high or (low == high and (self.above is not None or self.below is not None))
            if empty:
                problems.append(f"no value lies within the bounds ({self})")
        if problems:
            raise DocumentError("measure", [Problem("measure", p, self.quantity) for p in problems])

    def holds(self, value: Decimal | int) -> bool:
        """Whether an observed ``value`` (an int or a Decimal, never a float) lies within the bounds."""
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise InputTypeError(value, "value", "an observed count or size (int or Decimal)")
        v = Decimal(value)
        return (
            (self.at_least is None or v >= self.at_least)
            and (self.at_most is None or v <= self.at_most)
            and (self.above is None or v > self.above)
            and (self.below is None or v < self.below)
        )

    def __str__(self) -> str:
        u = self.unit
        if self.at_least is not None and self.at_most is not None:
            return f"{self.quantity} {self.at_least}–{self.at_most}{u}"
        parts = []
        for sign, bound in (
            (">=", self.at_least),
            (">", self.above),
            ("<=", self.at_most),
            ("<", self.below),
        ):
            if bound is not None:
                parts.append(f"{sign} {bound}{u}")
        return f"{self.quantity} {' and '.join(parts)}"
