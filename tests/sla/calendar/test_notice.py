"""Reading State Council holiday notices (issue: the notice itself as input)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from servstd.errors import CalendarCoverageError, NoticeParseError
from servstd.sla import Coverage, WorkCalendar, parse_notice

NOTICES = Path(__file__).parent / "notices"
CN = WorkCalendar.china()
D = dt.date


@pytest.mark.parametrize("year", [2017, 2024, 2025, 2026])
def test_parsed_notice_agrees_with_the_calendar(year: int) -> None:
    """A calendar defined by the published notice agrees with the packaged data on every day."""
    cal = WorkCalendar.china().with_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    d = D(year, 1, 1)
    while d.year == year:
        assert cal.is_working_day(d) == CN.is_working_day(d), d
        d += dt.timedelta(days=1)


def test_notice_extends_coverage() -> None:
    """A notice for a year past coverage makes it covered and defines it (2026 read as if new)."""
    old = WorkCalendar(name="CN until 2025", region="CN", base_coverage=Coverage(((2001, 2025),)))
    with pytest.raises(CalendarCoverageError):
        old.is_working_day(D(2026, 10, 10))
    cal = old.with_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    assert 2026 in cal.coverage
    d = D(2026, 1, 1)
    while d.year == 2026:
        assert cal.is_working_day(d) == CN.is_working_day(d), d
        d += dt.timedelta(days=1)


def test_notice_fields() -> None:
    """The overlay records the document number, the year it defines and the encouragements."""
    ov = parse_notice((NOTICES / "2024.txt").read_text(encoding="utf-8"))
    assert ov.source == "国办发明电〔2023〕7号"
    assert ov.defines_years == frozenset({2024})
    assert ov.notes
    assert ov.notes[0].startswith("春节：鼓励")
    assert dict(ov.work_days)[D(2024, 2, 18)] == "春节调休上班"


def test_cross_year_range_and_makeup_day() -> None:
    """2019 notice: 2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"""
    ov = parse_notice(
        "国务院办公厅关于2019年部分节假日安排的通知\n"
        "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"
    )
    assert [d for d, _ in ov.rest_days] == [D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)]
    assert [d for d, _ in ov.work_days] == [D(2018, 12, 29)]


def test_older_formats_and_inferred_years() -> None:
    """2008: "2007年12月30日—2008年1月1日放假，共3天。其中，…。12月29日（星期六）上班。" — the 其中 sentence
    explains, and the make-up Saturday without a year is 2007-12-29 (2008-12-29 is a Monday)."""
    ov = parse_notice(
        "国务院办公厅关于2008年部分节假日安排的通知\n"
        "一、元旦：2007年12月30日—2008年1月1日放假，共3天。其中，1月1日（星期二）为法定假日，12月30日（星期日）为公休日，"
        "12月29日（星期六）公休日调至12月31日（星期一）。12月29日（星期六）上班。\n"
        "二、春节：2月6日至12日放假，共7天。其中，2月6日（除夕）、2月7日、2月8日为法定假日。2月2日（星期六）、2月3日（星期日）上班。"
    )
    assert [d for d, _ in ov.rest_days][:3] == [D(2007, 12, 30), D(2007, 12, 31), D(2008, 1, 1)]
    assert [d for d, _ in ov.work_days] == [D(2007, 12, 29), D(2008, 2, 2), D(2008, 2, 3)]
    assert ov.notes[0].startswith("元旦：其中")
    cal = WorkCalendar.china()  # the packaged data agrees with every day the notice names
    assert all(cal.is_working_day(d) for d, _ in ov.work_days)
    assert not any(cal.is_working_day(d) for d, _ in ov.rest_days)


def test_swapped_word_order_and_lists_without_years() -> None:
    """ "9月3日至5日调休放假" (2015) and "2006年12月30日（星期六）、31日（星期日）上班" (2007)."""
    ov = parse_notice(
        "国务院办公厅关于2015年抗战胜利70周年纪念日调休放假的通知\n一、纪念日：9月3日至5日调休放假，共3天。9月6日（星期日）上班。"
    )
    assert [d for d, _ in ov.rest_days] == [D(2015, 9, 3), D(2015, 9, 4), D(2015, 9, 5)]
    ov = parse_notice(
        "国务院办公厅关于2007年部分节假日安排的通知\n一、元旦：1月1日至3日放假，共3天。2006年12月30日（星期六）、31日（星期日）上班。"
    )
    assert [d for d, _ in ov.work_days] == [D(2006, 12, 30), D(2006, 12, 31)]


def test_range_crossing_a_month_and_compensatory_day() -> None:
    """Ranges cross months (4月29日至5月1日); 补休 days are rest days (2017: 1月2日（星期一）补休)."""
    ov = parse_notice(
        "国务院办公厅关于2012年部分节假日安排的通知\n三、劳动节：4月29日至5月1日放假调休，共3天。4月28日（星期六）上班。"
    )
    assert [d for d, _ in ov.rest_days] == [D(2012, 4, 29), D(2012, 4, 30), D(2012, 5, 1)]
    ov = parse_notice((NOTICES / "2017.txt").read_text(encoding="utf-8"))
    assert dict(ov.rest_days)[D(2017, 1, 2)] == "元旦（补休）"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）放假。", "周五"),
        ("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日至3日放假，共4天。", "共4天"),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假，另行通知。",
            "另行通知",
        ),
        ("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：2月30日放假。", "2月30日"),
        ("一、元旦：1月1日放假。", "title"),
        ("国务院办公厅关于2026年部分节假日安排的通知\n没有条目。", "numbered items"),
    ],
)
def test_unreadable_sentences_are_quoted(text: str, quoted: str) -> None:
    """Anything the parser cannot read is an error that quotes the sentence."""
    with pytest.raises(NoticeParseError) as info:
        parse_notice(text)
    assert quoted in str(info.value) or quoted in info.value.reason
