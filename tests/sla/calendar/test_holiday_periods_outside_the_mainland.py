"""Holiday periods of the HK, MO and TW calendars: one period from its first to its last festive day."""

from __future__ import annotations

import datetime as dt

from servstd.sla import DayKind, WorkCalendar

D = dt.date
TW = WorkCalendar.for_region("TW")


def test_a_weekend_day_inside_a_period_belongs_to_it() -> None:
    """TW 2004 春節 runs 01-21 (除夕) to 01-26 (observed day): every day of it, Sunday 01-25
    included, is a HOLIDAY named after the period, not after its own day."""
    for k in range(6):
        d = D(2004, 1, 21) + dt.timedelta(days=k)
        assert TW.day_kind(d) is DayKind.HOLIDAY, d
        assert TW.holiday_name(d) == "春節", d
        assert TW.holiday_name(d, "en") == "Chinese New Year", d
    assert TW.day_kind(D(2004, 1, 27)) is DayKind.WORKDAY
    assert TW.day_kind(D(2004, 1, 18)) is DayKind.WEEKEND


def test_weekend_days_next_to_a_period_stay_weekend_days() -> None:
    """Outside the mainland a period does not absorb the weekend next to it: TW 2010 民族掃墓節 is
    Monday 04-05 alone; Saturday 04-03 and Sunday 04-04 stay WEEKEND without a name."""
    assert TW.day_kind(D(2010, 4, 5)) is DayKind.HOLIDAY
    for d in (D(2010, 4, 3), D(2010, 4, 4)):
        assert TW.day_kind(d) is DayKind.WEEKEND
        assert TW.holiday_name(d) is None
