"""Custom weekends as in Excel's WORKDAY.INTL on top of a region's holidays (issue 25: what Excel
and chinese_calendar users expect)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import InputParseError, InputTypeError
from servstd.sla import DayKind, WorkCalendar
from servstd.sla.calendar import parse_weekend
from servstd.sla.calendar.weekend import describe_weekend
from tests.strategies import weekend_masks, weekends

D = dt.date
FRI_SAT = WorkCalendar.china().with_weekend("0000110")


def _in_holiday_period(d: dt.date) -> bool:
    """Whether d lies in a run of rest days (on the Saturday–Sunday week, per chinese_calendar)
    that holds a statutory holiday: the mainland's holiday periods take in the weekend days of
    their run (DESIGN; 与周末连休)."""
    if chinese_calendar.is_workday(d):
        return False
    run = [d]
    for step in (dt.timedelta(days=-1), dt.timedelta(days=1)):
        x = d + step
        while not chinese_calendar.is_workday(x):
            run.append(x)
            x += step
    return any(chinese_calendar.get_holiday_detail(x)[1] is not None for x in run)


def oracle_is_working(d: dt.date, weekend: frozenset[int]) -> bool:
    """Slow and obvious, day by day from an independent source (chinese_calendar): a day of a
    holiday period rests, a weekend day worked by the arrangement (调休上班) is worked, any other
    day rests only if it falls on the custom weekend."""
    if _in_holiday_period(d):
        return False
    on_holiday, _ = chinese_calendar.get_holiday_detail(d)
    if not on_holiday and d.weekday() >= 5:
        return True
    return d.weekday() not in weekend


class TestParseWeekend:
    @pytest.mark.parametrize(
        ("spec", "days"),
        [
            ("0000011", {5, 6}),
            ("0000110", {4, 5}),
            ("1000000", {0}),
            ("0000000", set()),
            ("周五,周六", {4, 5}),
            ("星期六、星期日", {5, 6}),
            ("礼拜天", {6}),
            ("週五 週六", {4, 5}),
            ("Fri, Sat", {4, 5}),
            ("friday；SATURDAY", {4, 5}),
            (1, {5, 6}),
            (2, {6, 0}),
            (7, {4, 5}),
            ("11", {6}),
            (17, {5}),
            ([4, 5], {4, 5}),
            (frozenset(), set()),
        ],
    )
    def test_every_spelling(self, spec: object, days: set[int]) -> None:
        """WORKDAY.INTL masks (Monday first, 1 = rest), Excel weekend numbers (1–7, 11–17), Chinese
        and English day names and weekday numbers all name the same weekly rest days."""
        assert parse_weekend(spec) == frozenset(days)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("spec", "reason"),
        [
            ("1111111", "every day of the week"),
            ("000011", "7 digits"),
            ("周八", "'周八' is not a day"),
            ("", "names no day"),
            (8, "1–7 and 11–17"),
            ([7], r"0 \(Monday\) to 6 \(Sunday\)"),
            ("周一,周二,周三,周四,周五,周六,周日", "every day of the week"),
        ],
    )
    def test_bad_weekends_say_what_is_accepted(self, spec: object, reason: str) -> None:
        """A weekend that is none of the forms, or leaves no day worked, is refused listing the forms."""
        with pytest.raises(InputParseError, match=reason) as info:
            parse_weekend(spec)  # type: ignore[arg-type]
        assert "WORKDAY.INTL mask" in str(info.value)

    def test_a_flag_is_not_a_weekend(self) -> None:
        """True is not the Excel weekend number 1."""
        with pytest.raises(InputTypeError):
            parse_weekend(True)

    @given(weekends)
    def test_mask_round_trip(self, days: frozenset[int]) -> None:
        """A mask written from a set of days reads back as that set; the words name those days."""
        assert parse_weekend(weekend_masks(days)) == days
        assert parse_weekend(describe_weekend(days)) == days if days else True


class TestCustomWeekendOnTheMainland:
    def test_national_day_2026_on_a_friday_saturday_week(self) -> None:
        """The whole 国庆 period (10-01..10-07) rests, Sunday 10-04 included; the make-up Saturday
        10-10 is worked; Friday 10-09 rests and Sunday 10-11 is worked."""
        assert [FRI_SAT.day_kind(D(2026, 10, i)) for i in range(1, 12)] == [
            *[DayKind.HOLIDAY] * 7,
            DayKind.WORKDAY,
            DayKind.WEEKEND,
            DayKind.MAKEUP_WORKDAY,
            DayKind.WORKDAY,
        ]
        assert FRI_SAT.holiday_name(D(2026, 10, 10)) == "国庆节调休上班"

    def test_a_make_up_sunday_on_a_working_sunday_is_an_ordinary_working_day(self) -> None:
        """2026-09-20 (Sunday) is worked for the National Day; a week that works Sundays makes it
        an ordinary working day."""
        assert FRI_SAT.day_kind(D(2026, 9, 20)) is DayKind.WORKDAY

    def test_keyword_on_the_constructors(self) -> None:
        """china(weekend=…) and for_region(…, weekend=…) equal with_weekend; the default week is the
        plain calendar; the name says which days rest."""
        assert WorkCalendar.china(weekend="周五,周六") == FRI_SAT
        assert WorkCalendar.for_region("CN", weekend=7) == FRI_SAT
        assert WorkCalendar.china(weekend="0000011") == WorkCalendar.china()
        assert FRI_SAT.with_weekend("0000011") == WorkCalendar.china()
        assert FRI_SAT.name == "中国大陆 (CN)，周五、周六休息"
        assert WorkCalendar.always().with_weekend("0000001").with_weekend("0000000") == WorkCalendar.always()

    def test_working_days_between_as_networkdays_intl(self) -> None:
        """Oct 2026 under a Friday–Saturday week: [09-30, 10-12) works 09-30, 10-08, 10-10, 10-11."""
        assert FRI_SAT.working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4
        assert FRI_SAT.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 11)

    @given(
        weekends,
        st.dates(D(2006, 1, 1), D(2026, 10, 31)),
        st.integers(0, 60),
    )
    def test_agrees_with_the_slow_oracle(self, weekend: frozenset[int], a: dt.date, span: int) -> None:
        """Every day's working status, the count over [a, b) and add_working_days equal a day-by-day
        walk of an independent source (chinese_calendar) under the custom week."""
        cal = WorkCalendar.china(weekend=weekend_masks(weekend))
        days = [a + dt.timedelta(days=i) for i in range(span)]
        assert [cal.is_working_day(d) for d in days] == [oracle_is_working(d, weekend) for d in days]
        expected = sum(oracle_is_working(d, weekend) for d in days)
        assert cal.working_days_between(a, a + dt.timedelta(days=span)) == expected
        worked = [d for d in days[1:] if oracle_is_working(d, weekend)]
        if worked:
            assert cal.add_working_days(a, len(worked)) == worked[-1]
