"""Chinese numerals as standards write them: 三, 十五, 二十, 一百二十, 两 — and Arabic digits.

>>> from servstd._numerals import cn_int
>>> [cn_int(t) for t in ["3", "三", "十", "十五", "二十", "二十一", "一百二十", "两"]]
[3, 3, 10, 15, 20, 21, 120, 2]
"""

from __future__ import annotations

__all__ = ["CN_DIGITS", "cn_int"]

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
_UNITS = {"十": 10, "百": 100}


def cn_int(text: str) -> int:
    """The value of ``text``: Arabic digits, or Chinese digits with 十 and 百 (KeyError otherwise)."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            digit = CN_DIGITS[ch]
    return total + digit
