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
