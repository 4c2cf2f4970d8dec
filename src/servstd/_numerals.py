"""Chinese numerals as standards write them: 三, 十五, 二十, 一百二十, 一百零五, 两 — and Arabic digits.

The grammar is the ordinary one: within a group of four places the units 千, 百, 十 come in
falling order, each after one digit (a leading 十 may stand alone: 十五 = 15); 零 marks skipped
places; 万 closes a group. Anything else is refused with a :class:`ValueError` saying why:
repeated digits (``九九九``), repeated or rising units (``十十十``, ``十百``), a trailing 零.

>>> from servstd._numerals import cn_int
>>> [cn_int(t) for t in ["3", "三", "十", "十五", "二十", "二十一", "一百二十", "一百零五", "两", "两千"]]
[3, 3, 10, 15, 20, 21, 120, 105, 2, 2000]
>>> cn_int("一万零三百")
10300
>>> cn_int("九九九")
Traceback (most recent call last):
    ...
ValueError: '九九九' is not a Chinese numeral: a digit must be followed by a unit (十, 百, 千, 万)
"""

from __future__ import annotations

__all__ = ["CN_DIGITS", "MAX_DIGITS", "cn_int"]

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}

MAX_DIGITS = 18
"""The longest string of Arabic digits read (a larger number is refused before it is converted)."""


def _group(text: str, whole: str) -> int:
    """One group of up to four places (below 万)."""

    def bad(why: str) -> ValueError:
        return ValueError(f"{whole!r} is not a Chinese numeral: {why}")

    total = 0
    digit: int | None = None
    last_unit = 10_000
    zero_pending = False
    for i, ch in enumerate(text):
        if ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                raise bad("units must come in falling order (千, 百, 十), each once")
            if digit is None:
                if not (ch == "十" and i == 0):
                    raise bad(f"{ch} needs a digit before it")
                digit = 1
            total += digit * unit
            last_unit, digit, zero_pending = unit, None, False
        elif ch in CN_DIGITS:
            value = CN_DIGITS[ch]
            if digit is not None:
                raise bad("a digit must be followed by a unit (十, 百, 千, 万)")
            if value == 0:
                if zero_pending or i == 0:
                    raise bad("零 may only stand between two places")
                zero_pending = True
                continue
            digit, zero_pending = value, False
        else:
            raise bad(f"{ch!r} is not a Chinese digit or unit")
    if zero_pending:
        raise bad("零 may only stand between two places")
    if digit is not None:
        if last_unit in (100, 1000) and text[-2:-1] != "零":
            # 二百五 (= 250) is spoken shorthand, not how standards write numbers: refuse it
            raise bad("a final digit after 百 or 千 needs its unit (二百五十) or 零 (二百零五)")
        total += digit
    return total


def cn_int(text: str) -> int:
    """The value of ``text``: Arabic digits, or a Chinese numeral (``ValueError`` when malformed)."""
    if text.isascii() and text.isdigit():
        if len(text) > MAX_DIGITS:
            raise ValueError(f"{text[:12]}… has more than {MAX_DIGITS} digits")
        return int(text)
    if not text:
        raise ValueError("an empty string is not a numeral")
    if text in ("〇", "零"):
        return 0
    high, sep, low = text.partition("万")
    if sep:
        if not high or "万" in low:
            raise ValueError(f"{text!r} is not a Chinese numeral: 万 needs a group before it, once")
        if low.startswith("零"):
            low = low[1:]
            if not low:
                raise ValueError(f"{text!r} is not a Chinese numeral: 零 may only stand between two places")
        elif low and low[1:2] != "千":
            # 一万五 is spoken shorthand for 15000: written numerals say 一万五千 (or 一万零五)
            raise ValueError(f"{text!r} is not a Chinese numeral: after 万 write the 千 place or 零")
        return _group(high, text) * 10_000 + (_group(low, text) if low else 0)
    return _group(text, text)
