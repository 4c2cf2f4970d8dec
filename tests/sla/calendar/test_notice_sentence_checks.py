"""The reader's checks on a sentence: how long a holiday period may be, 公休日 on weekends only,
and 「公休日调至」 moving as many days as it names."""

from __future__ import annotations

import datetime as dt

import pytest

from servstd.errors import NoticeParseError
from servstd.sla import parse_notice

D = dt.date
TITLE = "国务院办公厅关于2026年部分节假日安排的通知\n"


def _md(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


@pytest.mark.parametrize("span", [30, 31])
def test_a_range_up_to_31_days_apart_is_a_holiday_period(span: int) -> None:
    """A range A至B is read when B is at most 31 days after A (every day of it a rest day)."""
    a = D(2026, 7, 1)
    b = a + dt.timedelta(days=span)
    ov = parse_notice(f"{TITLE}一、端午节：{_md(a)}至{_md(b)}放假。", partial=True)
    assert [d for d, _ in ov.rest_days] == [a + dt.timedelta(days=k) for k in range(span + 1)]


@pytest.mark.parametrize("span", [32, 33, 60])
def test_a_range_more_than_31_days_apart_is_not_a_holiday_period(span: int) -> None:
    """A range whose end is more than 31 days after its start is an error, not 32+ rest days."""
    a = D(2026, 7, 1)
    b = a + dt.timedelta(days=span)
    with pytest.raises(NoticeParseError, match="is not a holiday period"):
        parse_notice(f"{TITLE}一、端午节：{_md(a)}至{_md(b)}放假。", partial=True)


def test_a_list_of_more_than_31_dates_is_not_part_of_a_notice() -> None:
    """A clause listing 31 dates is read; one listing 32 is an error."""
    days = [D(2026, 7, 1) + dt.timedelta(days=2 * k) for k in range(32)]
    ov = parse_notice(f"{TITLE}一、端午节：{'、'.join(_md(d) for d in days[:31])}放假。", partial=True)
    assert [d for d, _ in ov.rest_days] == days[:31]
    with pytest.raises(NoticeParseError, match="more than 31 dates"):
        parse_notice(f"{TITLE}一、端午节：{'、'.join(_md(d) for d in days)}放假。", partial=True)


@pytest.mark.parametrize("day", range(5, 12))
def test_only_a_saturday_or_sunday_is_a_weekend_day(day: int) -> None:
    """「X为公休日」: X must be a Saturday or a Sunday; any weekday (Friday too) is an error."""
    d = D(2026, 1, day)
    sentence = f"{TITLE}一、元旦：{_md(d)}为公休日。"
    if d.weekday() >= 5:
        assert [x for x, _ in parse_notice(sentence, partial=True).rest_days] == [d]
    else:
        with pytest.raises(NoticeParseError, match="is not a weekend day"):
            parse_notice(sentence, partial=True)


@pytest.mark.parametrize(
    "moved",
    [
        "1月4日（星期日）公休日调至1月2日（星期五）、1月5日（星期一）",  # two days for one
        "1月3日（星期六）、1月4日（星期日）两个公休日调至1月2日（星期五）",  # one day for two
        "1月4日（星期日）公休日调至1月2日（星期五）放假",  # words after the days
        "1月4日（星期日）公休日调至全年1月2日（星期五）",  # words before the days
    ],
)
def test_a_move_names_as_many_days_as_it_moves_and_nothing_else(moved: str) -> None:
    """「A公休日调至B」: B lists exactly as many days as A, with no other words."""
    with pytest.raises(NoticeParseError, match="as many days as moved"):
        parse_notice(f"一、元旦：1月1日（星期四）为法定节假日，{moved}。", year=2009, partial=True)


def test_a_move_of_two_weekend_days() -> None:
    """「两个公休日调至」: each weekend day's rest moves to the weekday at the same place."""
    ov = parse_notice(
        "一、元旦：1月1日（星期四）为法定节假日，"
        "1月3日（星期六）、1月4日（星期日）两个公休日调至1月2日（星期五）、1月5日（星期一）。",
        year=2009,
        partial=True,
    )
    assert {D(2009, 1, 2), D(2009, 1, 5)} <= {d for d, _ in ov.rest_days}
    assert {d for d, _ in ov.work_days} == {D(2009, 1, 3), D(2009, 1, 4)}


@pytest.mark.parametrize(
    "moved",
    [
        "1月4日（星期日）公休日调至1月3日（星期六）",  # to a Saturday
        "1月3日（星期六）公休日调至1月4日（星期日）",  # to a Sunday
        "1月2日（星期五）公休日调至1月5日（星期一）",  # from a weekday
    ],
)
def test_a_move_takes_a_weekend_days_rest_to_a_weekday(moved: str) -> None:
    """「A公休日调至B」: A is a Saturday or Sunday and B a weekday (Monday to Friday)."""
    with pytest.raises(NoticeParseError, match="moves to a weekday"):
        parse_notice(f"一、元旦：1月1日（星期四）为法定节假日，{moved}。", year=2009, partial=True)
