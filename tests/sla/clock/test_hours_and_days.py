"""Business hours and working days are separate knobs: "24h" is 00:00–24:00 on the calendar's
working days; round the clock every day is the always calendar with 24h hours (issue 22)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import ScheduleError
from servstd.sla import BusinessHours, ClockSpec, DayKind, ServiceClock, WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
CN_24H = ServiceClock(WorkCalendar.china(), BusinessHours.parse("24h"))


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestTheSpelling:
    @pytest.mark.parametrize("spec", ["24h", "24H", "24小时", "全天", "00:00-24:00"])
    def test_24h_is_the_whole_working_day(self, spec: str) -> None:
        """「24h」 and its spellings are one interval 00:00–24:00 on working days, none on rest days."""
        h = BusinessHours.parse(spec)
        assert [str(i) for i in h.on(dt.date(2026, 9, 30), DayKind.WORKDAY)] == ["00:00-24:00"]
        assert h.on(dt.date(2026, 10, 1), DayKind.HOLIDAY) == ()
        assert h.standard_day_seconds == 86_400

    @pytest.mark.parametrize("spec", ["7x24", "7×24", "always", "24/7"])
    def test_days_in_an_hours_spec_are_refused(self, spec: str) -> None:
        """An hours spec that names days too is refused, saying where days are set."""
        with pytest.raises(ScheduleError, match=r"ServiceClock\.always\(\)") as caught:
            BusinessHours.parse(spec)
        assert "--" not in str(caught.value)  # the library names no command-line option

    def test_weekly_hours_take_24h(self) -> None:
        """「24h」 in a weekly mapping opens those weekdays all day."""
        h = BusinessHours.weekly({"mon-fri": "24h", "sat": "09:00-12:00"})
        assert [str(i) for i in h.working[4]] == ["00:00-24:00"]

    def test_clock_spec_reads_24h_the_same_way(self) -> None:
        """A policy's clock ``hours: 24h`` is 00:00–24:00 on the region's working days."""
        clock = ClockSpec(region="CN", hours="24h").clock()
        assert clock.elapsed(at(2026, 9, 30, 17), at(2026, 10, 8, 10)) == dt.timedelta(hours=17)


class TestIssueExamples:
    def test_elapsed_skips_the_holiday(self) -> None:
        """Issue 22: 09-30 17:00 → 10-08 10:00 with 24h hours is 7 h + 10 h = 17 h, not 185 h."""
        assert CN_24H.elapsed(at(2026, 9, 30, 17), at(2026, 10, 8, 10)) == dt.timedelta(hours=17)

    def test_four_business_hours_from_late_evening(self) -> None:
        """Issue 22: 4工作小时 from 09-30 22:00 is 10-08 02:00 (2 h on 09-30, 2 h on 10-08)."""
        dl = CN_24H.deadline(at(2026, 9, 30, 22), "4工作小时")
        assert dl.due == at(2026, 10, 8, 2)
        assert dl.explain("zh").splitlines()[2:] == [
            "跳过休息日：2026-10-01–2026-10-07 国庆节。",
            "只计营业时间：2026-10-08 02:00 (+08:00)。",
        ]

    def test_round_the_clock_every_day_is_the_always_calendar(self) -> None:
        """7×24 counts the holiday: 4 hours from 09-30 22:00 is 10-01 02:00, and nothing is skipped."""
        dl = ServiceClock.always().deadline(at(2026, 9, 30, 22), "4工作小时")
        assert dl.due == at(2026, 10, 1, 2)
        assert dl.skipped == ()
        assert "跳过" not in dl.explain("zh")


class TestRestDaysWithHours:
    def test_rest_days_with_hours_are_counted_not_skipped(self) -> None:
        """A hall open 10:00–16:00 on rest days counts those hours: the explanation lists the days as
        counted, never as skipped, and the due instant falls on a holiday."""
        clock = ServiceClock(
            WorkCalendar.china(), BusinessHours.weekly({"mon-fri": "09:00-17:00"}, rest="10:00-16:00")
        )
        dl = clock.deadline(at(2026, 9, 30, 16), "10工作小时")
        assert dl.due == at(2026, 10, 2, 13)  # 1 h on 09-30, 6 h on 10-01, 3 h on 10-02
        assert dl.skipped == ()
        assert dl.explain("zh").splitlines()[2] == "休息日按其营业时间计入：2026-10-01 国庆节。"
        assert (
            dl.explain("en").splitlines()[2]
            == "Rest days with business hours, counted: 2026-10-01 National Day (holiday)."
        )
