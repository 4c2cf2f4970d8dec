"""Clocks named in documents: ``{region: CN, hours: "09:00-12:00,13:00-18:00", tz: Asia/Shanghai}``.

>>> from servstd.sla.clock.clock_spec import ClockSpec
>>> ClockSpec(region="CN", hours="09:00-17:00").clock().hours.standard_day_seconds
28800
>>> ClockSpec(always=True).clock().calendar.name       # every day, round the clock
'7×24'
>>> str(ClockSpec(region="always").clock().hours)      # the always calendar: round the clock by default
'00:00-24:00'
"""

from __future__ import annotations

import functools
from typing import Any
from zoneinfo import ZoneInfo

import pydantic

from servstd._deprecation import warn_renamed
from servstd._input import zone
from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.business_hours import BusinessHours
from servstd.sla.clock.service_clock import ServiceClock

__all__ = ["ClockSpec"]

OFFICE_HOURS = "09:00-12:00,13:00-18:00"
"""The hours of a clock that names none (round the clock on the ``always`` calendar)."""


class ClockSpec(pydantic.BaseModel):
    """A clock as written in a policy document.

    ``region`` names the working days as :meth:`WorkCalendar.for_region` reads them: CN/HK/MO/TW,
    ``weekdays`` (Mon–Fri) or ``always`` (every day); ``hours`` a business-hours spec (or a weekly
    mapping; ``24h`` is all day on the region's working days, holidays closed), by default
    09:00–12:00 and 13:00–18:00, or round the clock on the ``always`` calendar (as ``--region
    always`` on the command line); ``always: true`` is the 7×24 clock (every day, round the clock);
    ``tz`` an IANA name (a :class:`~zoneinfo.ZoneInfo` or pendulum ``Timezone`` is read as its name).
    """

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    region: str = "CN"
    hours: str | dict[str, str] | None = None
    rest_hours: str | None = None
    tz: str = "Asia/Shanghai"
    always: bool = False
    strict: bool = True

    @pydantic.model_validator(mode="before")
    @classmethod
    def _old_spellings(cls, data: Any) -> Any:
        """``region: every-day`` (one release more) is the always calendar with office hours, as before."""
        region = data.get("region") if isinstance(data, dict) else None
        if isinstance(region, str) and region.strip().lower() == "every-day":
            warn_renamed(
                "region: every-day", f"region: always (with hours: {OFFICE_HOURS!r} for office hours)"
            )
            data = {**data, "region": "always"}
            data.setdefault("hours", OFFICE_HOURS)
        return data

    @pydantic.field_validator("tz", mode="before")
    @classmethod
    def _zone_name(cls, value: Any) -> Any:
        """A zone object is kept by its IANA name."""
        return zone(value, "tz").key if isinstance(value, ZoneInfo) else value

    def clock(self) -> ServiceClock:
        """The service clock (built once per distinct spec)."""
        return _build(self.model_dump_json())


@functools.lru_cache(maxsize=64)
def _build(key: str) -> ServiceClock:
    spec = ClockSpec.model_validate_json(key)
    if spec.always:
        return ServiceClock.always(spec.tz)
    cal = WorkCalendar.for_region(spec.region, strict=spec.strict)
    hours_spec = spec.hours
    if hours_spec is None:
        hours_spec = "24h" if cal == WorkCalendar.always() else OFFICE_HOURS
    if isinstance(hours_spec, str) and spec.rest_hours is None:
        hours = BusinessHours.parse(hours_spec)
    else:
        weekly = hours_spec if isinstance(hours_spec, dict) else {"all": hours_spec}
        hours = BusinessHours.weekly(weekly, rest=spec.rest_hours)
    return ServiceClock(cal, hours, spec.tz)
