"""How a pasted notice is cut: the length limit, and line breaks that end a sentence."""

from __future__ import annotations

import pytest

from servstd.errors import NoticeParseError
from servstd.sla.calendar._notice_text import MAX_CHARS, layout, normalize


def test_a_text_of_max_chars_is_read_and_one_more_is_refused() -> None:
    """A notice is read up to MAX_CHARS characters; a longer text is a NoticeParseError."""
    assert len(normalize("。" * MAX_CHARS)) == MAX_CHARS
    with pytest.raises(NoticeParseError, match=f"read up to {MAX_CHARS:,}"):
        normalize("。" * (MAX_CHARS + 1))


def test_a_numbered_item_after_an_unfinished_line_starts_a_new_item() -> None:
    """A line break before 「二、」 ends the sentence even when the line before has no 。."""
    lay = layout("一、元旦：1月1日放假\n二、春节：2月17日至19日放假")
    assert [(i.number, i.name, i.sentences) for i in lay.items] == [
        (1, "元旦", ("1月1日放假",)),
        (2, "春节", ("2月17日至19日放假",)),
    ]


def test_a_new_part_after_an_unfinished_line_is_a_new_sentence() -> None:
    """A line break before 节假日期间… (a part of the notice) ends the sentence before it."""
    lay = layout("一、元旦：1月1日放假\n节假日期间，各地区要妥善安排好值班")
    assert lay.items[0].sentences == ("1月1日放假", "节假日期间,各地区要妥善安排好值班")


def test_a_wrapped_line_is_joined() -> None:
    """A line break inside a sentence (not before an item or a new part) joins the two lines."""
    lay = layout("一、元旦：1月1日至\n3日放假调休，共3天。")
    assert lay.items[0].sentences == ("1月1日至3日放假调休,共3天",)


def test_an_item_name_is_the_text_before_a_colon_without_digits() -> None:
    """「二、春节：…」 names the item 春节; a colon after a date, or no colon, names nothing."""
    lay = layout("一、1月1日放假,注:与周末连休\n二、鼓励错峰出行\n三、春节：2月17日放假")
    assert [(i.name, i.sentences) for i in lay.items] == [
        ("", ("1月1日放假,注:与周末连休",)),
        ("", ("鼓励错峰出行",)),
        ("春节", ("2月17日放假",)),
    ]
