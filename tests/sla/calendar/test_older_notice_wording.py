"""Older notice wording is read or refused sentence by sentence, never guessed (issue 22).

Each wording is tested with the sentence as the State Council published it (the notices of
2006–2015 in ``notices/``, copied from gov.cn reprints and wikisource): 「将…两个公休日分别调至…」
(2006, 2007), 「…照常公休」, 「为国庆节法定节假日」 and 「公休日及中秋节分别调至」 (2009), a bare
「29日」 after a range that runs into another month (2006), and the one-off notice of 2015
(国发明电〔2015〕1号, 「2015年9月3日全国放假1天」). A weekend day inside a holiday's run gets the
same day kind whether the notice is read onto ``WorkCalendar.weekdays()`` or onto ``china()``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from servstd.errors import NoticeParseError
from servstd.sla import DayKind, WorkCalendar, parse_notice, read_notice

D = dt.date
NOTICES = Path(__file__).parent / "notices"
BUILT_IN = WorkCalendar.china(notices=False)
# every real yearly notice of these years, and the one-off notice of 2015
FILES = {
    2006: ("2006.txt",),
    2007: ("2007.txt",),
    2008: ("2008-items-only.txt",),
    2009: ("2009.txt",),
    2010: ("2010.txt",),
    2011: ("2011.txt",),
    2012: ("2012.txt",),
    2013: ("2013.txt",),
    2014: ("2014.txt",),
    2015: ("2015.txt", "2015-victory-day.txt"),
    2016: ("2016.txt",),
    2017: ("2017.txt",),  # 2016-12-31 is in the 2017 元旦 period
}
YEARS = range(2006, 2017)


def _overlay(name: str) -> object:
    text = (NOTICES / name).read_text(encoding="utf-8")
    return parse_notice(text, year=2008 if name.startswith("2008") else None, file=name)


def _with_notices(base: WorkCalendar, year: int) -> WorkCalendar:
    """``base`` with the notices of ``year`` and its neighbours (a December day can be in next year's)."""
    for y in (year - 1, year, year + 1):
        for name in FILES.get(y, ()):
            base = base.with_overlay(_overlay(name))  # type: ignore[arg-type]
    return base


def _days(year: int) -> list[dt.date]:
    return [D(year, 1, 1) + dt.timedelta(days=k) for k in range(366 if year % 4 == 0 else 365)]


TITLE_2009 = "国务院办公厅关于2009年部分节假日安排的通知\n"


class TestMovedWeekendRest:
    def test_two_weekend_days_moved_respectively_2007(self) -> None:
        """2007 元旦: 「将2006年12月30日（星期六）、31日（星期日）两个公休日分别调至2007年1月2日、3日」:
        1月2日 and 3日 rest, the two weekend days are worked (they are 上班 in the same sentence)."""
        ov = read_notice(NOTICES / "2007.txt")
        rest, work = dict(ov.rest_days), dict(ov.work_days)
        assert [d for d in rest if d < D(2007, 1, 4)] == [D(2007, 1, 1), D(2007, 1, 2), D(2007, 1, 3)]
        assert D(2006, 12, 30) in work
        assert D(2006, 12, 31) in work

    def test_three_weekend_days_one_of_them_a_statutory_day_2007(self) -> None:
        """2007 春节: 18日 is a statutory day and a Sunday; 「将17日、18日、25日三个公休日分别调至21日、22日、
        23日」 moves its weekend rest, and the day itself stays a rest day (为法定假日)."""
        ov = read_notice(NOTICES / "2007.txt")
        rest, work = dict(ov.rest_days), dict(ov.work_days)
        assert all(D(2007, 2, d) in rest for d in range(18, 25))
        assert sorted(d for d in work if d.month == 2) == [D(2007, 2, 17), D(2007, 2, 25)]

    def test_the_count_word_must_agree_with_the_days(self) -> None:
        """「三个公休日」 naming two days is refused, quoting the sentence (not read as two or three)."""
        text = (
            "国务院办公厅关于2007年部分节假日安排的通知\n一、元旦：1月1日—3日放假，共3天。其中1月1日为法定假日，"
            "将2006年12月30日（星期六）、31日（星期日）三个公休日分别调至2007年1月2日、3日，"
            "2006年12月30日（星期六）、31日（星期日）上班。"
        )
        with pytest.raises(NoticeParseError, match="三个公休日 but names 2 days"):
            parse_notice(text, partial=True)

    def test_a_weekend_rest_and_a_festival_moved_from_one_day_2009(self) -> None:
        """2009: 10月3日 is a Saturday, 国庆节 and 中秋节; 「10月3日（星期六）公休日及中秋节分别调至10月5日（星期一）、
        10月6日（星期二）」 makes both rest days; the notice gives 10月1日–8日 off, 9月27日 and 10月10日 worked."""
        ov = read_notice(NOTICES / "2009.txt")
        rest, work = dict(ov.rest_days), dict(ov.work_days)
        assert [d for d in rest if d.month == 10] == [D(2009, 10, k) for k in range(1, 9)]
        assert sorted(d for d in work if d.month >= 9) == [D(2009, 9, 27), D(2009, 10, 10)]

    def test_a_festival_moved_from_a_day_it_is_not_on_is_refused(self) -> None:
        """「…公休日及中秋节分别调至…」 from a day that is not 中秋节 is refused, naming the festival."""
        text = TITLE_2009 + (
            "六、国庆节、中秋节：10月1日至8日放假，共8天。其中，10月4日（星期日）公休日及中秋节分别调至"
            "10月5日（星期一）、10月6日（星期二）。"
        )
        with pytest.raises(NoticeParseError, match="中秋节 is not on 2009-10-04"):
            parse_notice(text, partial=True)


class TestStatutoryAndWeekendWords:
    def test_statutory_days_of_a_named_festival_2009(self) -> None:
        """「10月1日（星期四）、10月2日（星期五）、10月3日（星期六）为国庆节法定节假日」 is read: the three days rest."""
        text = TITLE_2009 + (
            "六、国庆节、中秋节：10月1日至8日放假，共8天。其中，10月1日（星期四）、10月2日（星期五）、"
            "10月3日（星期六）为国庆节法定节假日，10月4日（星期日）照常公休。"
        )
        rest = dict(parse_notice(text, partial=True).rest_days)
        assert all(D(2009, 10, k) in rest for k in range(1, 5))

    def test_statutory_days_of_the_wrong_festival_are_refused(self) -> None:
        """「10月1日…为中秋节法定节假日」 is refused: 10月1日 is a statutory day of 国庆节, not of 中秋节."""
        text = (
            TITLE_2009
            + "六、国庆节、中秋节：10月1日至8日放假，共8天。其中，10月1日（星期四）为中秋节法定节假日。"
        )
        with pytest.raises(NoticeParseError, match="statutory day of 国庆节, not of 中秋节"):
            parse_notice(text, partial=True)

    def test_weekend_as_usual_2009(self) -> None:
        """「5月2日（星期六）、5月3日（星期日）照常公休」 (2009 劳动节) makes both weekend days part of the period."""
        ov = read_notice(NOTICES / "2009.txt")
        assert {D(2009, 5, 1), D(2009, 5, 2), D(2009, 5, 3)} <= set(dict(ov.rest_days))

    def test_weekend_as_usual_on_a_weekday_is_refused(self) -> None:
        """「5月1日（星期五）照常公休」: a Friday is not a weekend day; the sentence is refused."""
        text = TITLE_2009 + "四、劳动节：5月1日至3日放假，共3天。其中，5月1日（星期五）照常公休。"
        with pytest.raises(NoticeParseError, match="is not a weekend day"):
            parse_notice(text, partial=True)


class TestBareDayAfterARangeOverTwoMonths:
    def test_bare_day_inside_the_range_2006(self) -> None:
        """2006 春节: 「1月29日—2月4日…放假，共7天。其中，29日、30日、31日为法定假日」: the bare 29日 is the day of
        the range (1月29日), not of the month the range ends in (2006 has no 2月29日)."""
        ov = read_notice(NOTICES / "2006.txt")
        rest = dict(ov.rest_days)
        assert [d for d in rest if D(2006, 1, 20) < d < D(2006, 2, 10)] == [
            D(2006, 1, 29) + dt.timedelta(days=k) for k in range(7)
        ]

    def test_bare_day_outside_the_range_is_refused(self) -> None:
        """A bare 「5日」 opening a clause after 1月29日—2月4日 names no day of the range: refused, not read
        as 1月5日 or 2月5日."""
        text = (
            "国务院办公厅关于2006年部分节假日安排的通知\n二、春节：1月29日—2月4日放假，共7天。其中，"
            "29日、30日、31日为法定假日，5日（星期日）上班。"
        )
        with pytest.raises(NoticeParseError, match="5日 has no month, and the range before it"):
            parse_notice(text, partial=True)

    def test_bare_day_whose_weekday_disagrees_is_refused(self) -> None:
        """The weekday written with a bare day must hold for the day read (1月29日 2006 is a Sunday)."""
        text = (
            "国务院办公厅关于2006年部分节假日安排的通知\n二、春节：1月29日—2月4日放假，共7天。其中，"
            "29日（星期一）为法定假日。"
        )
        with pytest.raises(NoticeParseError, match="周一 but 2006-01-29 is a 周日"):
            parse_notice(text, partial=True)


class TestMemorialDay2015:
    def test_the_one_off_notice_is_read(self) -> None:
        """国发明电〔2015〕1号: 「2015年9月3日全国放假1天…9月3日至5日调休放假，共3天。其中9月3日（星期四）放假，
        9月4日（星期五）调休，9月6日（星期日）上班」 amends 2015: 3–5 rest, 6 worked; its 文号 is its source;
        the sentences saying why (为使…, 为方便…) are kept as notes."""
        ov = read_notice(NOTICES / "2015-victory-day.txt")
        assert ov.kind == "amends"
        assert [d for d, _ in ov.rest_days] == [D(2015, 9, 3), D(2015, 9, 4), D(2015, 9, 5)]
        assert [d for d, _ in ov.work_days] == [D(2015, 9, 6)]
        assert ov.source == "国发明电〔2015〕1号"
        assert ov.issued == D(2015, 5, 13)
        assert any("为使全国人民广泛参与" in n for n in ov.notes)

    def test_a_count_that_disagrees_is_refused(self) -> None:
        """「2015年9月3日全国放假2天」 names one day: refused."""
        text = (
            (NOTICES / "2015-victory-day.txt")
            .read_text(encoding="utf-8")
            .replace("全国放假1天", "全国放假2天")
        )
        with pytest.raises(NoticeParseError, match="says 2天 but the dates give 1"):
            parse_notice(text)

    def test_the_calendar_with_the_notice_is_the_built_in_one(self) -> None:
        """The 2015 yearly notice and the one-off notice, read onto either base, give the built-in days of
        September 2015 (3–5 the memorial day, 6 a make-up working Sunday)."""
        for base in (WorkCalendar.weekdays(), WorkCalendar.china(notices=False)):
            cal = _with_notices(base, 2015)
            for k in range(1, 31):
                d = D(2015, 9, k)
                assert (cal.day_kind(d), cal.holiday_name(d)) == (
                    BUILT_IN.day_kind(d),
                    BUILT_IN.holiday_name(d),
                )


class TestOneAnswerOnEveryBase:
    def test_weekend_next_to_a_single_day_holiday(self) -> None:
        """2015 「劳动节：5月1日放假，与周末连休」 read onto ``weekdays()``: 5月2日 and 3日 are 劳动节 (HOLIDAY), as
        on ``china()`` — not weekend days next to a one-day holiday."""
        cal = WorkCalendar.weekdays().with_notice(NOTICES / "2015.txt")
        assert [cal.day_kind(D(2015, 5, k)) for k in (1, 2, 3)] == [DayKind.HOLIDAY] * 3
        assert cal.holiday_name(D(2015, 5, 3)) == "劳动节"

    @pytest.mark.parametrize("year", YEARS)
    def test_real_notices_give_the_built_in_calendar_on_every_base(self, year: int) -> None:
        """Every day of 2006–2016, from the real notices read onto ``weekdays()`` and onto ``china()``:
        the same day kind and holiday name as the built-in calendar."""
        calendars = [_with_notices(WorkCalendar.weekdays(), year), _with_notices(BUILT_IN, year)]
        for d in _days(year):
            expected = (BUILT_IN.day_kind(d), BUILT_IN.holiday_name(d))
            for cal in calendars:
                assert (cal.day_kind(d), cal.holiday_name(d)) == expected, (cal.name, d)

    def test_hong_kong_holidays_stay_single_days(self) -> None:
        """Outside the mainland a holiday does not take in its weekend: HK's 2026-10-01 (Thursday) is a
        holiday and 10-03 (Saturday) stays a weekend day."""
        hk = WorkCalendar.for_region("HK")
        assert hk.day_kind(D(2026, 10, 1)) is DayKind.HOLIDAY
        assert hk.day_kind(D(2026, 10, 3)) is DayKind.WEEKEND
