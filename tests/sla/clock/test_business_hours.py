"""BusinessHours: templates, overnight, rest-day hours, overrides, bad specs (issue: the SLA core)."""

from __future__ import annotations

import datetime as dt

import pytest

from servstd.errors import ScheduleError
from servstd.sla import BusinessHours, DayKind, TimeInterval


def test_parse_several_intervals_per_day() -> None:
    """'09:00-12:00,13:30-18:00' is two intervals every working day, none on rest days."""
    h = BusinessHours.parse("09:00-12:00,13:30-18:00")
    assert h.on(dt.date(2026, 3, 9), DayKind.WORKDAY) == (
        TimeInterval(9 * 3600, 12 * 3600),
        TimeInterval(48600, 18 * 3600),
    )
    assert h.on(dt.date(2026, 3, 7), DayKind.WEEKEND) == ()
    assert h.standard_day_seconds == 3 * 3600 + 4 * 3600 + 1800


def test_midnight_and_overnight() -> None:
    """24:00 may end a day; an end before the start runs overnight and belongs to the start day."""
    assert str(BusinessHours.parse("18:00-24:00")) == "18:00-24:00"
    night = BusinessHours.parse("22:00-06:00")
    assert night.has_overnight is True
    assert night.working[0][0].seconds == 8 * 3600


def test_makeup_day_without_template_uses_weekday_hours() -> None:
    """A make-up Saturday on a Mon–Fri template is worked with the Monday hours (or `makeup`)."""
    h = BusinessHours.weekly({"mon-fri": "09:00-17:00"})
    sat = dt.date(2026, 10, 10)
    assert h.on(sat, DayKind.MAKEUP_WORKDAY) == h.working[0]
    assert BusinessHours.weekly({"mon-fri": "09:00-17:00"}, makeup="09:00-12:00").on(
        sat, DayKind.MAKEUP_WORKDAY
    ) == (TimeInterval(9 * 3600, 12 * 3600),)


def test_rest_day_hours_and_overrides() -> None:
    """A hall open 10:00–16:00 on holidays; a date override wins over both."""
    d = dt.date(2026, 10, 1)
    h = BusinessHours.weekly(
        {"周一至周五": "09:00-17:00"}, rest="10:00-16:00", overrides={dt.date(2026, 10, 2): "closed"}
    )
    assert h.on(d, DayKind.HOLIDAY) == (TimeInterval(36000, 57600),)
    assert h.on(dt.date(2026, 10, 2), DayKind.HOLIDAY) == ()
    assert h.with_overrides({d: "08:00-09:00"}).on(d, DayKind.HOLIDAY) == (TimeInterval(28800, 32400),)


@pytest.mark.parametrize(
    ("spec", "quoted"),
    [
        ("09:00-12:00,11:00-13:00", "overlapping"),
        ("09:00-09:00", "empty interval"),
        ("25:00-26:00", "25:00"),
        ("9am-5pm", "9am"),
        ("24:00-02:00", "24:00"),
        ("09:61-10:00", "09:61"),
        ("20:00-04:00,03:00-05:00", "overlapping"),
    ],
)
def test_bad_specs_quote_the_bad_part(spec: str, quoted: str) -> None:
    """Bad times, overlaps and empty intervals raise ScheduleError quoting the bad part."""
    with pytest.raises(ScheduleError) as info:
        BusinessHours.parse(spec)
    assert quoted in str(info.value)


def test_unknown_weekday_key() -> None:
    """Unknown weekday names are refused with the accepted ones."""
    with pytest.raises(ScheduleError, match=r"mon\.\.sun"):
        BusinessHours.weekly({"funday": "09:00-17:00"})
