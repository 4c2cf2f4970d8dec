"""WorkCalendar: day kinds, counting, coverage, overlays (issue: the working-day calendar)."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import (
    CalendarCoverageError,
    CalendarCoverageWarning,
    DocumentError,
    InputTypeError,
    NaiveDatetimeError,
    ServstdError,
    UnknownNameError,
)
from servstd.sla import CalendarOverlay, DayKind, WorkCalendar
from tests.strategies import covered_dates, working_day_counts

CN = WorkCalendar.china()
D = dt.date

# Every rest day and make-up working day of 2026, read by hand from the State Council notice
# (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04).
REST_2026 = {
    "元旦": [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)],
    "春节": [D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)],
    "清明节": [D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)],
    "劳动节": [D(2026, 5, 1) + dt.timedelta(days=i) for i in range(5)],
    "端午节": [D(2026, 6, 19), D(2026, 6, 20), D(2026, 6, 21)],
    "中秋节": [D(2026, 9, 25), D(2026, 9, 26), D(2026, 9, 27)],
    "国庆节": [D(2026, 10, 1) + dt.timedelta(days=i) for i in range(7)],
}
MAKEUP_2026 = [
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


class TestChina2026:
    def test_every_rest_day_of_the_2026_notice(self) -> None:
        """2026 notice: every day of every holiday period is a rest day."""
        for days in REST_2026.values():
            for d in days:
                assert CN.is_working_day(d) is False, d

    def test_every_makeup_day_of_the_2026_notice(self) -> None:
        """2026 notice: the six weekend days worked (调休上班) are make-up working days."""
        for d in MAKEUP_2026:
            assert CN.day_kind(d) is DayKind.MAKEUP_WORKDAY, d
            assert CN.is_working_day(d) is True

    def test_all_other_days_follow_the_week(self) -> None:
        """2026: outside the notice's days, Mon–Fri work and Sat/Sun rest."""
        listed = {d for days in REST_2026.values() for d in days} | set(MAKEUP_2026)
        d = D(2026, 1, 1)
        while d.year == 2026:
            if d not in listed:
                assert CN.is_working_day(d) is (d.weekday() < 5), d
            d += dt.timedelta(days=1)

    def test_weekday_holiday_kind_and_names(self) -> None:
        """A weekday rest day is a HOLIDAY and carries its name in zh and en."""
        assert CN.day_kind(D(2026, 10, 1)) is DayKind.HOLIDAY
        assert CN.holiday_name(D(2026, 10, 1)) == "国庆节"
        assert CN.holiday_name(D(2026, 10, 1), "en") == "National Day"
        assert CN.day_kind(D(2026, 3, 7)) is DayKind.WEEKEND
        assert CN.holiday_name(D(2026, 3, 9)) is None

    def test_issue_example(self) -> None:
        """3 working days after 2026-09-30: Oct 8, Oct 9, then the make-up Saturday Oct 10."""
        assert CN.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)


class TestChinaHistory:
    def test_agrees_with_an_independent_source_2004_2026(self) -> None:
        """Every date 2004-01-01..2026-12-31 agrees with chinese_calendar, except where the notice
        proves that source wrong.

        2005-12-31 (Saturday) was a working day: 国办发明电〔2005〕35号 (the 2006 arrangement) says
        "1月1日至3日放假调休，共3天。12月31日（星期六）上班". chinese_calendar lists it as a rest day.
        """
        notice_overrides = {D(2005, 12, 31): True}
        d = D(2004, 1, 1)
        mismatches = []
        while d <= D(2026, 12, 31):
            expected = notice_overrides.get(d, chinese_calendar.is_workday(d))
            if CN.is_working_day(d) != expected:
                mismatches.append(d)
            d += dt.timedelta(days=1)
        assert mismatches == []

    def test_2005_12_31_was_a_working_day(self) -> None:
        """国办发明电〔2005〕35号: 12月31日（星期六）上班."""
        assert CN.day_kind(D(2005, 12, 31)) is DayKind.MAKEUP_WORKDAY

    @pytest.mark.parametrize("first_year", [2005, 2006])
    def test_cross_year_makeup_day_whatever_year_is_asked_first(self, first_year: int) -> None:
        """A late-December make-up day set by next year's notice is found whichever year loads first."""
        cal = WorkCalendar.china()
        cal.is_working_day(D(first_year, 6, 1))
        assert cal.is_working_day(D(2005, 12, 31)) is True
        assert cal.is_working_day(D(2018, 12, 29)) is True  # 2019 notice: 2018年12月29日（星期六）上班


class TestCounting:
    def test_add_working_days_over_a_holiday(self) -> None:
        """n-th working day after d, d not counted; rest days skipped."""
        assert CN.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
        assert CN.add_working_days(D(2026, 10, 10), -1) == D(2026, 10, 9)
        assert CN.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)
        assert CN.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)

    def test_from_a_rest_day(self) -> None:
        """Counting from a Saturday: the first working day is Monday."""
        assert CN.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)
        assert CN.next_working_day(D(2026, 3, 7)) == D(2026, 3, 9)

    def test_between_is_half_open(self) -> None:
        """working_days_between counts [a, b): a included, b excluded."""
        assert CN.working_days_between(D(2026, 3, 9), D(2026, 3, 10)) == 1
        assert CN.working_days_between(D(2026, 3, 9), D(2026, 3, 9)) == 0
        assert CN.working_days_between(D(2026, 3, 10), D(2026, 3, 9)) == -1
        assert CN.working_days_between(D(2026, 1, 1), D(2027, 1, 1)) == len(
            list(CN.working_days(D(2026, 1, 1), D(2027, 1, 1)))
        )

    def test_long_ranges_cross_years(self) -> None:
        """Counting over ten years equals the sum of the years."""
        total = sum(CN.working_days_between(D(y, 1, 1), D(y + 1, 1, 1)) for y in range(2010, 2020))
        assert CN.working_days_between(D(2010, 1, 1), D(2020, 1, 1)) == total
        assert CN.add_working_days(D(2009, 12, 31), total) == max(
            CN.working_days(D(2019, 1, 1), D(2020, 1, 1))
        )

    @given(d=covered_dates, n=working_day_counts)
    def test_round_trip(self, d: dt.date, n: int) -> None:
        """For a working day d: working_days_between(d, add_working_days(d, n)) == n."""
        if not CN.is_working_day(d):
            d = CN.next_working_day(d)
        e = CN.add_working_days(d, n)
        assert CN.is_working_day(e) or n == 0
        assert CN.working_days_between(d, e) == n

    @given(d=covered_dates, n=st.integers(1, 400))
    def test_add_is_monotone_and_matches_a_slow_walk(self, d: dt.date, n: int) -> None:
        """add_working_days equals stepping day by day, and grows with n and d."""
        walk, left = d, n
        while left:
            walk += dt.timedelta(days=1)
            left -= CN.is_working_day(walk)
        assert CN.add_working_days(d, n) == walk
        assert CN.add_working_days(d, n + 1) > walk
        assert CN.add_working_days(d + dt.timedelta(days=1), n) >= walk

    @given(a=covered_dates, b=covered_dates, c=covered_dates)
    def test_between_is_additive(self, a: dt.date, b: dt.date, c: dt.date) -> None:
        """between(a, c) == between(a, b) + between(b, c)."""
        assert CN.working_days_between(a, c) == CN.working_days_between(a, b) + CN.working_days_between(b, c)


class TestOtherCalendars:
    def test_weekdays_and_always(self) -> None:
        """Mon–Fri ignores holidays; always works every day."""
        assert WorkCalendar.weekdays().is_working_day(D(2026, 10, 1)) is True
        assert WorkCalendar.weekdays().is_working_day(D(2026, 10, 10)) is False
        assert WorkCalendar.always().is_working_day(D(2026, 10, 10)) is True
        assert WorkCalendar.always().working_days_between(D(2026, 1, 1), D(2027, 1, 1)) == 365

    @pytest.mark.parametrize(
        ("region", "day", "name_en"),
        [
            ("HK", D(2026, 7, 1), "Hong Kong Special Administrative Region Establishment Day"),
            ("MO", D(2026, 12, 20), "Macao S.A.R. Establishment Day"),
            ("TW", D(2025, 10, 10), "National Day"),
        ],
    )
    def test_regions(self, region: str, day: dt.date, name_en: str) -> None:
        """HK, MO and TW calendars know their own holidays."""
        cal = WorkCalendar.for_region(region)
        assert cal.is_working_day(day) is False
        assert cal.holiday_name(day, "en") == name_en

    def test_unknown_region(self) -> None:
        """An unknown region is an UnknownNameError (a LookupError) naming the known codes."""
        with pytest.raises(UnknownNameError, match="known: CN, HK, MO, TW, weekdays, always") as caught:
            WorkCalendar.for_region("JP")
        assert isinstance(caught.value, LookupError)
        assert (caught.value.param, caught.value.value, caught.value.accepted) == (
            "code",
            "JP",
            ("CN", "HK", "MO", "TW", "weekdays", "always"),
        )


class TestCoverage:
    def test_coverage_is_read_from_the_data(self) -> None:
        """Mainland coverage starts with the first recorded notice and ends with the last."""
        assert CN.coverage.first == 2001
        assert 2026 in CN.coverage
        assert 2100 not in CN.coverage

    def test_strict_calendar_raises_naming_year_and_remedies(self) -> None:
        """Outside coverage a strict calendar raises, naming the year and both ways forward."""
        year = CN.coverage.last + 1
        with pytest.raises(CalendarCoverageError) as info:
            CN.is_working_day(D(year, 3, 2))
        assert info.value.year == year
        assert "strict=False" in str(info.value)
        assert "with_notice" in str(info.value)

    def test_counting_into_an_uncovered_year_raises(self) -> None:
        """Counting working days past coverage raises too, not only is_working_day."""
        last = CN.coverage.last
        with pytest.raises(CalendarCoverageError):
            CN.add_working_days(D(last, 12, 1), 40)
        with pytest.raises(CalendarCoverageError):
            CN.working_days_between(D(last, 12, 1), D(last + 1, 2, 1))

    def test_lenient_calendar_estimates_and_warns(self) -> None:
        """strict=False estimates from the statutory rule, warns, and marks the names."""
        cal = WorkCalendar.china(strict=False)
        year = CN.coverage.last + 1
        with pytest.warns(CalendarCoverageWarning, match=str(year)):
            assert cal.is_working_day(D(year, 10, 1)) is False
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            # the year is read once (no second warning) and estimated names are marked
            assert cal.holiday_name(D(year, 1, 1)) == "元旦（推定）"
            assert cal.holiday_name(D(year, 1, 1), "en") == "New Year's Day (estimated)"


class TestOverlays:
    def test_rest_and_work_days(self) -> None:
        """Overlays add company rest days and site work days; the later overlay wins."""
        cal = CN.with_rest_days([D(2026, 12, 31)], name="公司年会").with_work_days({D(2026, 3, 7): "盘点"})
        assert cal.day_kind(D(2026, 12, 31)) is DayKind.HOLIDAY
        assert cal.holiday_name(D(2026, 12, 31)) == "公司年会"
        assert cal.day_kind(D(2026, 3, 7)) is DayKind.MAKEUP_WORKDAY
        assert cal.with_rest_days([D(2026, 3, 7)]).is_working_day(D(2026, 3, 7)) is False
        assert CN.is_working_day(D(2026, 12, 31)) is True  # the original is unchanged

    def test_overlay_precedence_property(self) -> None:
        """Whatever the base says, the last overlay that mentions a day decides it."""
        for d in [D(2026, 10, 1), D(2026, 10, 10), D(2026, 3, 7), D(2026, 3, 9)]:
            assert CN.with_work_days([d]).is_working_day(d) is True
            assert CN.with_rest_days([d]).is_working_day(d) is False
            assert CN.with_work_days([d]).with_rest_days([d]).is_working_day(d) is False

    def test_overlay_document_extends_coverage(self, tmp_path: Path) -> None:
        """An overlay document that defines a year makes it covered, without code changes."""
        year = CN.coverage.last + 1
        path = tmp_path / "next.yaml"
        path.write_text(
            f"name: test\ndefines_years: [{year}]\nrest_days:\n  - {{from: {year}-01-01, to: {year}-01-03, name: 元旦}}\n"
            f"work_days:\n  - {year}-01-04\n",
            encoding="utf-8",
        )
        cal = CN.with_overlay(path)
        assert year in cal.coverage
        assert cal.is_working_day(D(year, 1, 2)) is False
        assert cal.holiday_name(D(year, 1, 2)) == "元旦"

    def test_malformed_overlay_names_file_and_entries(self, tmp_path: Path) -> None:
        """Every bad entry is reported with its path, in one DocumentError."""
        path = tmp_path / "bad.yaml"
        path.write_text(
            "rest_days:\n  - {date: 2026-02-30}\n  - {from: 2026-03-05, to: 2026-03-01}\ncolour: red\n",
            encoding="utf-8",
        )
        with pytest.raises(DocumentError) as info:
            CN.with_overlay(path)
        text = str(info.value)
        assert str(path) in text
        assert "rest_days[0]" in text
        assert "rest_days[1]" in text
        assert "colour: unknown field" in text

    def test_conflicting_overlay(self) -> None:
        """A day both rested and worked in one overlay is an error."""
        with pytest.raises(DocumentError, match="2026-03-07"):
            CalendarOverlay(rest_days={D(2026, 3, 7): "x"}, work_days={D(2026, 3, 7): "y"})


class TestBadInput:
    def test_naive_datetime_where_a_date_is_expected(self) -> None:
        """A naive datetime is never silently read as a date."""
        with pytest.raises(NaiveDatetimeError):
            CN.is_working_day(dt.datetime(2026, 3, 9, 10, 0))

    def test_aware_datetime_where_a_date_is_expected(self) -> None:
        """An aware datetime is refused too: its date depends on the zone."""
        with pytest.raises(InputTypeError, match="local_date"):
            CN.is_working_day(dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone.utc))

    @pytest.mark.parametrize("value", ["2026-13-01", 20260309, None, "tomorrow"])
    def test_not_a_date(self, value: object) -> None:
        """Anything else is an InputTypeError saying what is accepted."""
        with pytest.raises(ServstdError, match="ISO date"):
            CN.day_kind(value)  # type: ignore[arg-type]

    def test_iso_strings_are_dates(self) -> None:
        """An ISO date string is accepted as a convenience."""
        assert CN.is_working_day("2026-02-14") is True  # type: ignore[arg-type]

    def test_bad_count(self) -> None:
        """n must be an int."""
        with pytest.raises(InputTypeError):
            CN.add_working_days(D(2026, 1, 5), 1.5)  # type: ignore[arg-type]
