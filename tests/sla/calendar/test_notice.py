"""Reading State Council holiday notices as people paste them (issue: notices, amendments, the law)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from servstd.errors import CalendarCoverageError, NoticeParseError
from servstd.sla import Coverage, DayKind, WorkCalendar, parse_notice
from servstd.sla.calendar.notice import read_notice
from servstd.sla.calendar.statute import statutory_days
from tests.sla.calendar.notice_styles import official, write

NOTICES = Path(__file__).parent / "notices"
BUILT_IN = WorkCalendar.china(notices=False)
D = dt.date
TITLE = "国务院办公厅关于2026年部分节假日安排的通知\n"


def text(name: str) -> str:
    return (NOTICES / name).read_text(encoding="utf-8")


def _days(year: int) -> list[dt.date]:
    return [D(year, 1, 1) + dt.timedelta(days=k) for k in range(365 + (year % 4 == 0))]


class TestRealCopies:
    @pytest.mark.parametrize(
        "name", ["2016.txt", "2017.txt", "2024.txt", "2025.txt", "2026.txt", "2008-items-only.txt"]
    )
    def test_real_copy_gives_the_official_year_day_by_day(self, name: str) -> None:
        """Each real copy (title over two lines, ASCII punctuation, 2008 其中 sentences, a line broken
        inside a date) gives the built-in day kind and name on every day of its year."""
        ov = read_notice(NOTICES / name)
        (year,) = ov.defines_years
        cal = WorkCalendar.china(notices=False).with_overlay(ov)
        for d in _days(year):
            assert (cal.day_kind(d), cal.holiday_name(d)) == (
                BUILT_IN.day_kind(d),
                BUILT_IN.holiday_name(d),
            ), d

    def test_2008_items_keep_their_working_days(self) -> None:
        """2008: the 上班 days carried by 其中 sentences (2月2日/3日 broken over two lines, 5月4日,
        9月27/28日) and the 公休日调至 moves are working days; 12月29日 is 2007's (a Saturday)."""
        ov = read_notice(NOTICES / "2008-items-only.txt")
        assert [d for d, _ in ov.work_days] == [
            D(2007, 12, 29), D(2008, 2, 2), D(2008, 2, 3), D(2008, 5, 4), D(2008, 9, 27), D(2008, 9, 28)
        ]  # fmt: skip
        assert ov.defines_years == {2008}

    def test_title_over_two_lines_and_ascii_punctuation(self) -> None:
        """2016 gov.cn copy: the title split over two lines gives the year; 文号 and date signed read."""
        ov = read_notice(NOTICES / "2016.txt")
        assert (ov.defines_years, ov.source, ov.issued) == ({2016}, "国办发明电〔2015〕18号", D(2015, 12, 10))
        assert ov.provenance == "国办发明电〔2015〕18号 (2016.txt)"

    def test_2020_extension_changes_only_the_days_it_names(self) -> None:
        """延长2020年春节假期: on top of the 2020 arrangement, 01-31, 02-01 and 02-02 become rest days,
        02-03 a working day, and every other day of 2020 stays as it was."""
        yearly = WorkCalendar.china(notices=False).with_notice(write(official(2020), "modern"))
        ov = read_notice(NOTICES / "2020-supplement-spring-extension.txt")
        assert (ov.kind, ov.amends_years) == ("amends", {2020})
        amended = yearly.with_overlay(ov)
        changed = [d for d in _days(2020) if amended.day_kind(d) != yearly.day_kind(d)]
        assert changed == [D(2020, 1, 31), D(2020, 2, 1), D(2020, 2, 2)]
        assert all(amended.day_kind(d) is DayKind.HOLIDAY for d in changed)
        assert amended.is_working_day(D(2020, 2, 3))
        assert amended.holiday_name(D(2020, 2, 1)) == "春节"
        assert [amended.day_kind(d) for d in _days(2020)] == [BUILT_IN.day_kind(d) for d in _days(2020)]

    def test_amendment_on_an_uncovered_year_is_a_coverage_error(self) -> None:
        """An amendment needs its year announced: applied to a calendar that does not cover it, it
        raises CalendarCoverageError."""
        old = WorkCalendar(name="CN to 2019", region="CN", base_coverage=Coverage(((2001, 2019),)))
        with pytest.raises(CalendarCoverageError) as info:
            old.with_notice(NOTICES / "2020-supplement-spring-extension.txt")
        assert info.value.year == 2020

    def test_2019_labour_day_change_amends_only_may(self) -> None:
        """关于调整2019年劳动节假期安排的通知 (no numbered items): 5月1日至4日 rest, 4月28日 and
        5月5日 worked; 元旦 and the Spring Festival of 2019 are untouched."""
        ov = parse_notice(
            "国务院办公厅关于调整2019年劳动节假期安排的通知\n经国务院批准，现将2019年劳动节假期调整安排通知如下：\n"
            "5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。"
        )
        assert ov.kind == "amends"
        cal = WorkCalendar.china(notices=False).with_notice(write(official(2019), "2010s")).with_overlay(ov)
        assert cal.day_kind(D(2019, 1, 1)) is DayKind.HOLIDAY
        assert cal.day_kind(D(2019, 2, 5)) is DayKind.HOLIDAY
        assert [cal.is_working_day(D(2019, 5, k)) for k in range(1, 6)] == [False, False, False, False, True]


class TestTheLaw:
    def test_statutory_days_by_period(self) -> None:
        """《全国年节及纪念日放假办法》: 10 days to 2007, 11 from 2008, 13 from 2025 (除夕 from 2025 and
        2008–2013, 5月2日 from 2025)."""
        assert [len(statutory_days(y)) for y in (2007, 2008, 2013, 2014, 2024, 2025)] == [
            10,
            11,
            11,
            11,
            11,
            13,
        ]
        assert D(2012, 1, 22) in statutory_days(2012)  # 除夕 2012
        assert D(2016, 2, 7) not in statutory_days(2016)  # 除夕 2016: not statutory 2014–2024

    def test_a_missing_festival_is_named(self) -> None:
        """A yearly notice with one festival removed raises, naming the festival."""
        full = text("2026.txt")
        cut = (
            full.replace("五、端午节：6月19日（周五）至21日（周日）放假，共3天。\n\n", "")
            .replace("六、中秋节", "五、中秋节")
            .replace("七、国庆节", "六、国庆节")
        )
        with pytest.raises(NoticeParseError) as info:
            parse_notice(cut)
        assert "端午节" in str(info.value)

    def test_partial_amends_instead(self) -> None:
        """With partial=True the incomplete notice amends the days it names and covers no year."""
        ov = parse_notice(
            TITLE + "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。", partial=True
        )
        assert (ov.kind, ov.defines_years) == ("amends", frozenset())
        old = WorkCalendar(name="CN to 2025", region="CN", base_coverage=Coverage(((2001, 2025),)))
        with pytest.raises(CalendarCoverageError):
            old.with_overlay(ov)

    def test_only_new_year_is_not_a_whole_year(self) -> None:
        """A notice holding only the 元旦 item is refused as a year (it would make 10月1日 a working day)."""
        with pytest.raises(NoticeParseError) as info:
            parse_notice(TITLE + "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。")
        assert "国庆节" in str(info.value)
        assert "春节" in str(info.value)

    def test_statutory_day_left_working_is_named(self) -> None:
        """A statutory day the notice leaves a working day is listed by date."""
        bad = text("2026.txt").replace(
            "10月1日（周四）至7日（周三）放假调休，共7天", "10月2日（周五）至7日（周三）放假调休，共6天"
        )
        with pytest.raises(NoticeParseError) as info:
            parse_notice(bad)
        assert "2026-10-01" in str(info.value)


@pytest.mark.parametrize(
    ("damage", "quoted"),
    [
        (lambda t: t.split("七、国庆节")[0], "国庆节"),  # cut off before 国庆节
        (lambda t: t.replace("二、春节：", "二、春节：\n"), None),  # body on the next line: still read
        (
            lambda t: t.replace(
                "9月20日（周日）、10月10日（周六）上班", "9月20日（周日）、10月10日（周六）\n上班"
            ),
            None,
        ),
        (
            lambda t: t.replace("1月4日（周日）上班", "其中1月4日（周日）上班"),
            None,
        ),  # 其中 is read, not a note
        (lambda t: t.replace("1月1日（周四）至3日", "2025年1月1日（周四）至3日"), "2025"),  # another year
        (lambda t: t.replace("5月9日（周六）上班", "5月11日（周一）上班"), "weekday"),  # 上班 on a Monday
        (lambda t: t.replace("二、春节", "3、春节"), "3、"),  # item number garbled
        (lambda t: t.replace("至23日", "至25日"), "共9天"),
        (lambda t: t.replace("（周四）", "（周五）", 1), "周五"),
        (lambda t: t.replace("放假调休，共3天。1月4日", "放假调休，另行通知，共3天。1月4日"), "另行通知"),
        (lambda t: t.replace("共9天", "共九九天"), "九九"),  # a malformed numeral in a day count
    ],
)
def test_damaged_copies_read_right_or_raise(damage: object, quoted: str | None) -> None:
    """Damaged copies of the 2026 notice either give the official days (a wrapped line) or raise an
    error that says what is wrong; none is accepted with a different calendar."""
    assert callable(damage)
    official_ov = parse_notice(text("2026.txt"))
    damaged = damage(text("2026.txt"))
    if quoted is None:
        ov = parse_notice(damaged)
        assert (ov.rest_days, ov.work_days) == (official_ov.rest_days, official_ov.work_days)
    else:
        with pytest.raises(NoticeParseError) as info:
            parse_notice(damaged)
        assert quoted in str(info.value)


class TestForms:
    def test_2009_weekend_moved_to_a_weekday(self) -> None:
        """2009: 「1月4日（星期日）公休日调至1月2日（星期五）」 makes 1月2日 a rest day and 1月4日 worked."""
        ov = parse_notice(
            "一、元旦：1月1日至3日放假，共3天。其中，1月1日（星期四）为法定节假日，1月3日（星期六）为公休日，"
            "1月4日（星期日）公休日调至1月2日（星期五）。1月4日（星期日）上班。",
            year=2009,
            partial=True,
        )
        assert dict(ov.work_days) == {D(2009, 1, 4): "元旦调休上班"}
        assert D(2009, 1, 2) in dict(ov.rest_days)

    def test_2004_long_dash_and_month_less_dates(self) -> None:
        """2004 「1月22日———28日」 and 2007 「24日（星期六）照常公休」 read as ranges and days of the month."""
        ov = parse_notice("二、春节：1月22日———28日放假，共7天。", year=2004, partial=True)
        assert [d for d, _ in ov.rest_days] == [D(2004, 1, 22) + dt.timedelta(days=k) for k in range(7)]
        ov = parse_notice(
            "二、春节：2月18日—24日放假，共7天。其中，24日（星期六）照常公休。", year=2007, partial=True
        )
        assert len(ov.rest_days) == 7

    def test_year_from_weekdays_or_year_argument(self) -> None:
        """Without a title the year comes from year=, or from written weekdays when they fix it."""
        body = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"
        with pytest.raises(NoticeParseError) as info:
            parse_notice(body, partial=True)
        assert "year=" in str(info.value)
        assert parse_notice(body, year=2026, partial=True).amends_years == {2026}

    def test_size_limit(self) -> None:
        """A text over the size limit is refused with a clear error, not minutes of work."""
        with pytest.raises(NoticeParseError) as info:
            parse_notice("关于2026年放假" * 200_000)
        assert "characters" in str(info.value)

    def test_pathological_repetition_is_refused_quickly(self) -> None:
        """Texts that made the old reader backtrack (「关于2026年放假」×3000, a 40,000-fold date list)
        raise at once; speed itself is measured in bench/notice_bench.py."""
        with pytest.raises(NoticeParseError):
            parse_notice("关于2026年放假" * 3000)
        with pytest.raises(NoticeParseError):
            parse_notice(TITLE + "一、元旦：" + "1月1日、" * 40_000 + "放假。")

    def test_encouragement_and_salutation_are_notes(self) -> None:
        """鼓励… sentences (even with a date) and the salutation are notes, never days."""
        ov = read_notice(NOTICES / "2024.txt")
        assert any("鼓励" in n and "除夕" in n for n in ov.notes)
        assert D(2024, 2, 9) not in dict(ov.rest_days)
