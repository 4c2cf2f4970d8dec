"""Old spellings of the time API keep working for one release, warning with the new spelling
(issue 24: one verb per job, one name for round the clock). One test per deprecated alias."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from servstd.sla import ClockSpec, ServiceClock, WorkCalendar, batch

SH = ZoneInfo("Asia/Shanghai")


def test_batch_deadline_is_batch_due() -> None:
    """batch.deadline → batch.due: the same column, and a warning naming batch.due."""
    clock = ServiceClock.default()
    starts = np.array(["2026-09-30T08:00", "NaT"], dtype="datetime64[us]")
    with pytest.warns(DeprecationWarning, match=r"batch\.deadline is deprecated; use batch\.due") as caught:
        old = batch.deadline(clock, starts, "3个工作日")
    assert caught[0].filename == __file__
    assert np.array_equal(old, batch.due(clock, starts, "3个工作日"), equal_nan=True)


def test_work_calendar_every_day_is_always() -> None:
    """WorkCalendar.every_day() → WorkCalendar.always(): the same calendar, and a warning."""
    with pytest.warns(
        DeprecationWarning, match=r"WorkCalendar\.every_day\(\) is deprecated; use WorkCalendar\.always\(\)"
    ) as caught:
        old = WorkCalendar.every_day()
    assert caught[0].filename == __file__
    assert old == WorkCalendar.always()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("every-day", "always"),
        ("7x24", "always"),
        ("7×24", "always"),
        ("all", "always"),
        ("mon-fri", "weekdays"),
    ],
)
def test_old_calendar_names(old: str, new: str) -> None:
    """for_region("every-day" | "7x24" | "7×24" | "all") → "always", "mon-fri" → "weekdays"
    (the names --region and clock specs took): the same calendar, and a warning naming the new one."""
    with pytest.warns(
        DeprecationWarning, match=f"the calendar name {old!r} is deprecated; use {new!r}"
    ) as caught:
        cal = WorkCalendar.for_region(old)
    assert caught[0].filename == __file__  # the line that used the old name
    assert cal == WorkCalendar.for_region(new)
    with pytest.warns(DeprecationWarning, match=f"use {new!r}") as caught:
        assert WorkCalendar.region_name(old) == new
    assert caught[0].filename == __file__


def test_clock_spec_region_every_day_keeps_office_hours() -> None:
    """A clock spec's ``region: every-day`` → ``region: always``; without hours it keeps the office
    hours it had (every day 09:00–12:00, 13:00–18:00), so no deadline moves."""
    with pytest.warns(DeprecationWarning, match="region: every-day is deprecated; use region: always"):
        spec = ClockSpec.model_validate({"region": "every-day"})
    clock = spec.clock()
    assert clock.calendar == WorkCalendar.always()
    assert str(clock.hours) == "09:00-12:00,13:00-18:00"
    t = dt.datetime(2026, 10, 1, 17, tzinfo=SH)  # a holiday, open under the always calendar
    assert clock.add(t, dt.timedelta(hours=2)) == dt.datetime(2026, 10, 2, 10, tzinfo=SH)
