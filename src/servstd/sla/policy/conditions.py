"""Conditions of a policy rule: which cases a rule applies to, typed as the document means them.

A rule's ``when:`` maps a case field to a value or a list of values (any of them holds). A value
is one of two kinds, decided once when the policy is read:

* **an amount comparison** — a number with a comparison word, as standards write them:
  「保险金额300万元以上」 is ``sum_insured: 300万元以上``. Civil Code Art. 1259: 以上, 以下 and 以内
  include the number; 超过, 不满 and 不足 do not. ``>=``, ``>``, ``<=``, ``<`` (and ≥, ≤) may stand
  before the number instead. The case value is read as an amount (:func:`read_amount`);
* **a name** — anything else, matched by its folded form (:func:`servstd._names.fold`), so
  服務態度 matches 服务态度 and ＶＩＰ matches vip.

Amounts are read exactly (:class:`~decimal.Decimal`): a number, or text with units 元, 万元, 亿元
(万, 亿): ``500万元``, ``1.2亿元``, ``3,000,000元``, ``五百万元``; 「亿元以上」 with no number means one
亿元. A case value that cannot be read as an amount is an :class:`~servstd.errors.InputParseError`
naming the field, never "no match"; a missing value (None, NaN) matches no condition.

>>> c = Condition.parse("sum_insured", "300万元以上")
>>> c.holds(3_000_000), c.holds("2,999,999元"), c.holds("500万元")
(True, False, True)
>>> Condition.parse("sum_insured", "超过300万元").holds(3_000_000)
False
>>> Condition.parse("category", ["服务态度", "产品质量"]).holds("服務態度")
True
>>> read_amount("1.2亿元"), read_amount("亿元")
(Decimal('120000000.0'), Decimal('100000000'))
"""

from __future__ import annotations

import enum
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, Inexact, localcontext
from typing import Any

import attrs

from servstd._names import fold
from servstd._numerals import MAX_DIGITS, cn_int
from servstd.errors import InputParseError

__all__ = ["AmountBound", "Comparison", "Condition", "case_amount", "read_amount"]

AMOUNT_FORMS = (
    "a number (3000000, 3000000.5)",
    "text with a unit 元, 万元, 亿元 (or 万, 亿): 500万元, 1.2亿元, 3,000,000元, 五百万元",
)
COMPARISON_FORMS = (
    "an amount with 以上 / 以下 / 以内 (the number included) or 超过 / 不满 / 不足 (not included), "
    "e.g. 300万元以上, 超过1亿元, 不满50万元",
    "or >=, >, <=, < (≥, ≤) before the amount, e.g. '>= 3000000'",
)


class Comparison(enum.Enum):
    """How a case amount compares with a condition's number (Civil Code Art. 1259)."""

    AT_LEAST = ">="
    """The number and more (以上)."""
    AT_MOST = "<="
    """The number and less (以下, 以内)."""
    MORE_THAN = ">"
    """More than the number (超过)."""
    LESS_THAN = "<"
    """Less than the number (不满, 不足)."""

    def holds(self, amount: Decimal, bound: Decimal) -> bool:
        """Whether ``amount`` compares with ``bound`` this way."""
        if self is Comparison.AT_LEAST:
            return amount >= bound
        if self is Comparison.AT_MOST:
            return amount <= bound
        if self is Comparison.MORE_THAN:
            return amount > bound
        return amount < bound


_SUFFIX = {
    "以上": Comparison.AT_LEAST,
    "及以上": Comparison.AT_LEAST,
    "以下": Comparison.AT_MOST,
    "及以下": Comparison.AT_MOST,
    "以内": Comparison.AT_MOST,
}
_PREFIX = {
    ">=": Comparison.AT_LEAST,
    "≥": Comparison.AT_LEAST,
    "<=": Comparison.AT_MOST,
    "≤": Comparison.AT_MOST,
    ">": Comparison.MORE_THAN,
    "超过": Comparison.MORE_THAN,
    "<": Comparison.LESS_THAN,
    "不满": Comparison.LESS_THAN,
    "不足": Comparison.LESS_THAN,
}
_PREFIX_ORDER = sorted(_PREFIX, key=len, reverse=True)  # ">=" before ">"
_UNIT = {"": 1, "元": 1, "万": 10**4, "万元": 10**4, "亿": 10**8, "亿元": 10**8}
_AMOUNT = re.compile(
    r"^[¥￥]?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]*?)"
    r"(?P<unit>万元|亿元|万|亿|元)?$"
)
_MAX_TEXT = 60


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _refuse(value: object, field: str, reason: str) -> InputParseError:
    return InputParseError(value, field, "amount", reason, AMOUNT_FORMS)


def read_amount(value: object, field: str = "amount") -> Decimal:
    """``value`` as an exact amount in 元 (see the module documentation); ``field`` names it in errors.

    >>> read_amount("3,000,000元"), read_amount(5_000_000), read_amount("五百万元")
    (Decimal('3000000'), Decimal('5000000'), Decimal('5000000'))
    >>> read_amount("很多", "sum_insured")
    Traceback (most recent call last):
        ...
    servstd.errors.InputParseError: cannot read the amount '很多' (sum_insured): not a number with 元, 万元 or 亿元. Accepted forms: a number (3000000, 3000000.5), text with a unit 元, 万元, 亿元 (or 万, 亿): 500万元, 1.2亿元, 3,000,000元, 五百万元
    """
    if isinstance(value, bool):
        raise _refuse(value, field, "a yes/no value is not an amount")
    if isinstance(value, numbers.Integral):
        return _bounded(Decimal(int(value)), value, field)
    if isinstance(value, numbers.Rational):  # a Fraction (float is not Rational): exactly
        with localcontext() as ctx:
            ctx.traps[Inexact] = True
            try:
                exact = Decimal(int(value.numerator)) / Decimal(int(value.denominator))
            except Inexact:
                raise _refuse(value, field, "a fraction with no exact decimal value") from None
        return _bounded(exact, value, field)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _refuse(value, field, "not a finite number")
        return _bounded(value, value, field)
    if isinstance(value, numbers.Real):  # float, numpy floating: the shortest decimal that reads back
        f = float(value)
        if not math.isfinite(f):
            raise _refuse(value, field, "not a finite number")
        return _bounded(Decimal(repr(f)), value, field)
    if not isinstance(value, str):
        raise _refuse(value, field, f"a {type(value).__name__} is not an amount")
    if len(value) > _MAX_TEXT:
        raise _refuse(value[:_MAX_TEXT] + "…", field, f"longer than {_MAX_TEXT} characters")
    m = _AMOUNT.match(_squash(value))
    if m is None or not (m.group("num") or m.group("unit") in ("万元", "亿元", "万", "亿")):
        raise _refuse(value, field, "not a number with 元, 万元 or 亿元")
    num, unit = m.group("num"), m.group("unit") or ""
    if not num:
        number = Decimal(1)  # 「亿元以上」: one 亿元
    elif num[0].isdigit():
        digits = num.replace(",", "")
        if len(digits.partition(".")[0]) > MAX_DIGITS:
            raise _refuse(value, field, f"more than {MAX_DIGITS} digits")
        number = Decimal(digits)
    else:
        try:
            number = Decimal(cn_int(num))
        except ValueError as exc:
            raise _refuse(value, field, str(exc)) from None
    return _bounded(number * _UNIT[unit], value, field)


def _bounded(amount: Decimal, value: object, field: str) -> Decimal:
    if amount < 0:
        raise _refuse(value, field, "an amount cannot be negative")
    if amount.adjusted() >= MAX_DIGITS + 8:
        raise _refuse(value, field, "too large to be an amount")
    return amount


@attrs.frozen
class AmountBound:
    """One amount comparison as written: 「300万元以上」 is ``AmountBound(AT_LEAST, 3000000, "300万元以上")``."""

    comparison: Comparison
    amount: Decimal
    text: str

    @classmethod
    def parse(cls, text: str) -> AmountBound | None:
        """The comparison ``text`` states, or ``None`` when it names no comparison (a name).

        Text with a comparison word around something that is not an amount is a
        :class:`~servstd.errors.InputParseError`: a comparison is never matched as a name.
        """
        s = _squash(text)
        how = None
        for word in _PREFIX_ORDER:
            if s.startswith(word) and len(s) > len(word):
                how, s = _PREFIX[word], s[len(word) :]
                break
        else:
            for word in sorted(_SUFFIX, key=len, reverse=True):
                if s.endswith(word) and len(s) > len(word):
                    how, s = _SUFFIX[word], s[: -len(word)]
                    break
        if how is None:
            return None
        try:
            amount = read_amount(s, "condition")
        except InputParseError as exc:
            raise InputParseError(
                text, "condition", "amount comparison", exc.reason, COMPARISON_FORMS
            ) from None
        return cls(how, amount, text)

    def holds(self, amount: Decimal) -> bool:
        """Whether ``amount`` satisfies the comparison."""
        return self.comparison.holds(amount, self.amount)


def _missing(value: object) -> bool:
    """None, NaN and the missing markers of table libraries (pandas NA/NaT) match nothing."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NaTType", "NAType")


def case_amount(value: object, field: str) -> Decimal | None:
    """A case's value of an amount field: the amount, or ``None`` when missing (None, NaN, NA).

    >>> case_amount("500万元", "sum_insured"), case_amount(float("nan"), "sum_insured")
    (Decimal('5000000'), None)
    """
    return None if _missing(value) else read_amount(value, field)


@attrs.frozen
class Condition:
    """One field's condition in a rule: the case value is one of ``names`` or meets one of ``bounds``.

    A condition holds names or amount comparisons, never both (:meth:`parse` refuses a mix).
    """

    field: str
    names: tuple[str, ...] = ()
    bounds: tuple[AmountBound, ...] = ()
    _folded: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_folded", frozenset(fold(n) for n in self.names))

    @classmethod
    def parse(cls, field: str, value: str | Iterable[str]) -> Condition:
        """A condition from a document's ``when:`` entry (a value or a list of values).

        Raises :class:`~servstd.errors.InputParseError` for a comparison whose amount cannot be
        read, and for a list mixing names and comparisons.
        """
        values = [value] if isinstance(value, str) else list(value)
        names: list[str] = []
        bounds: list[AmountBound] = []
        for v in values:
            bound = AmountBound.parse(v)
            if bound is None:
                names.append(v)
            else:
                bounds.append(bound)
        if names and bounds:
            raise InputParseError(
                values,
                field,
                "condition",
                f"{field} mixes names ({', '.join(names)}) and amount comparisons "
                f"({', '.join(b.text for b in bounds)}); give one kind",
                COMPARISON_FORMS,
            )
        return cls(field, tuple(names), tuple(bounds))

    @property
    def is_amount(self) -> bool:
        """Whether the condition compares amounts (else it matches names)."""
        return bool(self.bounds)

    @property
    def values(self) -> tuple[str, ...]:
        """The values as the document wrote them."""
        return self.names or tuple(b.text for b in self.bounds)

    def holds(self, value: Any) -> bool:
        """Whether a case's ``value`` of this field satisfies the condition (missing: no)."""
        if _missing(value):
            return False
        if self.bounds:
            amount = read_amount(value, self.field)
            return any(b.holds(amount) for b in self.bounds)
        return fold(str(value)) in self._folded

    def __str__(self) -> str:
        return f"{self.field}: {' / '.join(self.values)}"
