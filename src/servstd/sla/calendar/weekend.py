"""Which weekdays are the weekly rest days, written as spreadsheets and people write them.

A weekend is a set of weekday numbers as ``date.weekday()`` counts them (Monday 0 …
Sunday 6). :func:`parse_weekend` reads every spelling the library accepts:

* Excel's WORKDAY.INTL / NETWORKDAYS.INTL mask: seven characters ``0``/``1`` from Monday to
  Sunday, ``1`` a rest day — ``"0000011"`` is Saturday and Sunday, ``"0000110"`` Friday and Saturday;
* Excel's weekend numbers: ``1`` Saturday–Sunday … ``7`` Friday–Saturday, ``11`` Sunday only …
  ``17`` Saturday only;
* day names, Chinese or English, separated by commas, 、 or spaces: ``"周五,周六"``,
  ``"星期日"``, ``"Fri Sat"``;
* weekday numbers (``{4, 5}``), or an empty set for no weekly rest day at all.

A week with no working day is refused: nothing could ever be due.

>>> sorted(parse_weekend("0000011")), sorted(parse_weekend("周五,周六")), sorted(parse_weekend(11))
([5, 6], [4, 5], [6])
>>> describe_weekend(frozenset({4, 5})), describe_weekend(frozenset({4, 5}), "en")
('周五、周六', 'Fri, Sat')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeAlias

from servstd._lang import Lang, check_lang
from servstd.errors import InputParseError, InputTypeError

__all__ = ["ACCEPTED_WEEKENDS", "WeekendSpec", "describe_weekend", "parse_weekend"]

WeekendSpec: TypeAlias = str | int | Iterable[int]
"""What :func:`parse_weekend` reads: a mask, an Excel weekend number, day names or weekday numbers."""

ACCEPTED_WEEKENDS = (
    "a WORKDAY.INTL mask Monday to Sunday, 1 = rest (0000011 = Sat and Sun, 0000110 = Fri and Sat)",
    "an Excel weekend number (1 = Sat–Sun … 7 = Fri–Sat, 11 = Sun only … 17 = Sat only)",
    "day names (周五,周六 / 星期六、星期日 / Fri,Sat)",
)

_ZH = "一二三四五六日"
_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EN_LONG = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NAMES: dict[str, int] = {}
for _i, _c in enumerate(_ZH):
    for _prefix in ("周", "星期", "礼拜", "禮拜", "週"):
        _NAMES[_prefix + _c] = _i
for _prefix in ("周", "星期", "礼拜", "禮拜", "週"):
    _NAMES[_prefix + "天"] = 6
for _i, (_short, _long) in enumerate(zip(_EN, _EN_LONG, strict=True)):
    _NAMES[_short] = _NAMES[_long] = _i
_SEPARATORS = re.compile(r"[\s,，、;；/]+")


def _excel_number(n: int) -> frozenset[int] | None:
    """Excel's weekend numbers: 1–7 two days (1 = Sat+Sun, 2 = Sun+Mon …), 11–17 one day (11 = Sun)."""
    if 1 <= n <= 7:
        first = (n + 4) % 7  # 1 → Saturday (5), 2 → Sunday (6), 3 → Monday (0) …
        return frozenset({first, (first + 1) % 7})
    if 11 <= n <= 17:
        return frozenset({(n - 11 + 6) % 7})
    return None


def _refuse(spec: object, reason: str) -> InputParseError:
    return InputParseError(spec, "weekend", "weekend", reason, ACCEPTED_WEEKENDS)


def _checked(spec: object, days: frozenset[int]) -> frozenset[int]:
    if len(days) == 7:
        raise _refuse(spec, "every day of the week is a rest day, so no day could ever be worked")
    return days


def parse_weekend(spec: WeekendSpec) -> frozenset[int]:
    """The weekly rest days ``spec`` names, as weekday numbers (Monday 0 … Sunday 6).

    A text that is none of the accepted forms, a mask of the wrong length, an unknown number or
    a week without a working day is an :class:`~servstd.errors.InputParseError` listing the forms.

    >>> sorted(parse_weekend("Saturday, Sunday")), sorted(parse_weekend(7)), parse_weekend("0000000")
    ([5, 6], [4, 5], frozenset())
    """
    if isinstance(spec, bool):
        raise InputTypeError(spec, "weekend", "a mask, an Excel weekend number or day names")
    if isinstance(spec, int):
        days = _excel_number(spec)
        if days is None:
            raise _refuse(spec, "Excel's weekend numbers are 1–7 and 11–17")
        return days
    if isinstance(spec, str):
        text = spec.strip()
        if text.isdigit() and text.isascii() and len(text) <= 2:
            return parse_weekend(int(text))
        if text and set(text) <= {"0", "1"}:
            if len(text) != 7:
                raise _refuse(spec, f"a mask has 7 digits, Monday to Sunday; this one has {len(text)}")
            return _checked(spec, frozenset(i for i, c in enumerate(text) if c == "1"))
        words = [w for w in _SEPARATORS.split(text.lower()) if w]
        if not words:
            raise _refuse(spec, "it names no day")
        unknown = [w for w in words if w not in _NAMES]
        if unknown:
            raise _refuse(spec, f"{unknown[0]!r} is not a day of the week")
        return _checked(spec, frozenset(_NAMES[w] for w in words))
    try:
        numbers: list[object] = list(spec)
    except TypeError:
        raise InputTypeError(spec, "weekend", "a mask, an Excel weekend number or day names") from None
    weekdays = [n for n in numbers if isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 6]
    if len(weekdays) != len(numbers):
        raise _refuse(spec, "weekday numbers are 0 (Monday) to 6 (Sunday)")
    return _checked(spec, frozenset(weekdays))


def describe_weekend(days: frozenset[int], lang: Lang = "zh") -> str:
    """The rest days in words, Monday first: ``周五、周六`` / ``Fri, Sat`` (``无`` / ``none``)."""
    if check_lang(lang) == "en":
        return ", ".join(_EN[d].capitalize() for d in sorted(days)) or "none"
    return "、".join(f"周{_ZH[d]}" for d in sorted(days)) or "无"
