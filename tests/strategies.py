"""Hypothesis strategies for every servstd value type, in one place."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

# Dates inside the mainland calendar's official coverage (2001–2026), away from its edges so a
# few hundred working days either way stay covered.
covered_dates = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2023, 12, 31))
working_day_counts = st.integers(min_value=-600, max_value=600)

# -- service clocks ------------------------------------------------------------------------
from zoneinfo import ZoneInfo  # noqa: E402

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar  # noqa: E402

CLOCKS = {
    "default": ServiceClock.default(),
    "lunch-break": ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:30-18:00")),
    "overnight": ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("08:00-12:00,22:00-06:00")),
    "holiday-hall": ServiceClock(
        WorkCalendar.china(), BusinessHours.weekly({"mon-fri": "09:00-17:00"}, rest="10:00-16:00")
    ),
    "berlin-dst": ServiceClock(
        WorkCalendar.weekdays(), BusinessHours.parse("01:30-03:30,09:00-17:00"), "Europe/Berlin"
    ),
    "new-york-24h": ServiceClock(
        WorkCalendar.weekdays(), BusinessHours.parse("00:00-24:00"), "America/New_York"
    ),
    "7x24": ServiceClock.always(),
}
clock_names = st.sampled_from(sorted(CLOCKS))
ZONES = [ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC"), ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")]


@st.composite
def instants(
    draw: st.DrawFn, lo: dt.datetime = dt.datetime(2024, 1, 1), hi: dt.datetime = dt.datetime(2026, 10, 31)
) -> dt.datetime:
    """Aware instants at minute resolution, in one of several zones."""
    naive = draw(st.datetimes(min_value=lo, max_value=hi)).replace(second=0, microsecond=0)
    zone = draw(st.sampled_from(ZONES))
    return naive.replace(tzinfo=dt.timezone.utc).astimezone(zone)


business_durations = st.integers(min_value=0, max_value=120 * 60).map(lambda m: dt.timedelta(minutes=m))


# -- fuzzers -------------------------------------------------------------------------------
def fuzz_examples(ci: int) -> int:
    """Examples for a fuzzer: ``ci`` under the CI profile, scaled down in proportion under others."""
    from hypothesis import settings  # noqa: PLC0415 - the profile is loaded by conftest before tests run

    return max(20, ci * settings().max_examples // 500)
