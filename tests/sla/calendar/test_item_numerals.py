"""Item numbers as notices write them: 一 … 九十九 and Arabic digits; anything else is 0."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.sla.calendar._notice_text import numeral

_UNITS = "一二三四五六七八九"


def _written(n: int) -> str:
    """How a notice writes n (1–99) in Chinese: 七, 十, 十二, 二十, 三十五."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _UNITS[tens - 1] + "十"
    return head + (_UNITS[units - 1] if units else "")


@pytest.mark.parametrize("n", range(1, 100))
def test_every_chinese_numeral_up_to_99(n: int) -> None:
    """numeral reads 一 … 九十九 as the number they write."""
    assert numeral(_written(n)) == n


@given(st.integers(min_value=0, max_value=99))
def test_arabic_digits(n: int) -> None:
    """numeral reads Arabic digits as their value."""
    assert numeral(str(n)) == n


@pytest.mark.parametrize(
    "text", ["", "零", "百", "一二", "二三", "九一", "十十", "十x", "二十x", "x十", "一十一十", "甲", "廿"]
)
def test_anything_else_is_zero(text: str) -> None:
    """A text that is neither a Chinese numeral 一–九十九 nor digits reads as 0 (not an item)."""
    assert numeral(text) == 0
