"""Which year a notice's dates are in: the title, ``year=``, written years and the turn of a year."""

from __future__ import annotations

import datetime as dt

import pytest

from servstd.errors import NoticeParseError
from servstd.sla import parse_notice

D = dt.date
TITLE = "国务院办公厅关于2026年部分节假日安排的通知\n"
ITEM = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"


def test_year_given_and_title_agree() -> None:
    """``year=`` equal to the title's year is accepted; a different one is an error naming both."""
    ov = parse_notice(TITLE + ITEM, year=2026, partial=True)
    assert [d for d, _ in ov.rest_days] == [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)]
    with pytest.raises(NoticeParseError, match="the title says 2026 but year=2025"):
        parse_notice(TITLE + ITEM, year=2025, partial=True)


def test_a_range_across_new_year_runs_into_the_next_year() -> None:
    """「12月31日至1月2日」 in the 元旦 item: 12-31 is the year before, 1-2 the notice's year."""
    ov = parse_notice(TITLE + "一、元旦：12月31日至1月2日放假。", partial=True)
    assert [d for d, _ in ov.rest_days] == [D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 2)]
    ov = parse_notice(TITLE + "一、元旦：12月31日、1月1日放假。", partial=True)
    assert [d for d, _ in ov.rest_days] == [D(2025, 12, 31), D(2026, 1, 1)]


def test_a_written_year_whose_weekdays_do_not_hold_does_not_fix_the_year() -> None:
    """Without a title, a written year is taken only if the written weekdays hold in it;
    2026-01-01 is a Thursday, so 「2026年1月1日（周五）」 asks for ``year=``."""
    with pytest.raises(NoticeParseError, match="give year="):
        parse_notice("一、元旦：2026年1月1日（周五）放假。", partial=True)
    ov = parse_notice("一、元旦：2026年1月1日（周四）放假。", partial=True)
    assert [d for d, _ in ov.rest_days] == [D(2026, 1, 1)]


def test_a_date_that_does_not_exist_is_a_notice_error() -> None:
    """2026年2月29日 does not exist: the reader says so (a NoticeParseError), never a bare error."""
    with pytest.raises(NoticeParseError):
        parse_notice("一、春节：2026年2月29日（周日）放假。", partial=True)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("1月2日（周五）上班", "2026-01-02 (周五) is a weekday"),
        ("1月3日（周六）补休", "2026-01-03 (周六) is a weekend day"),
        ("1月5日（周一）为公休日", "2026-01-05 (周一) is not a weekend day"),
        ("1月5日（周二）放假", "周二 but 2026-01-05 is a 周一"),
    ],
)
def test_errors_name_the_weekday_of_the_date(sentence: str, named: str) -> None:
    """An error about a date's weekday names the weekday as the notices write it (周X)."""
    with pytest.raises(NoticeParseError) as info:
        parse_notice(f"{TITLE}一、元旦：{sentence}。")
    assert named in str(info.value)
