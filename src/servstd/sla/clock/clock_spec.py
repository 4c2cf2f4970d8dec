"""Clocks named in documents: ``{region: CN, hours: "09:00-12:00,13:00-18:00", tz: Asia/Shanghai}``.

>>> from servstd.sla.clock.clock_spec import ClockSpec
>>> ClockSpec(region="CN", hours="09:00-17:00").clock().hours.standard_day_seconds
28800
>>> ClockSpec(always=True).clock().calendar.name       # every day, round the clock
'7×24'
>>> str(ClockSpec(region="always").clock().hours)      # the always calendar: round the clock by default
'00:00-24:00'

A service-hours regime as standards state it (保险公司服务标准 第十六条: 「7天/24小时电话服务制度」,
「5天/8小时电话服务制度」) is a clock too: ``regime: 7天/24小时`` is every day round the clock;
``regime: 5天/8小时`` is the region's working days with ``hours`` that add up to 8 hours a day
(checked: hours of another length are an error, so a regime's numbers always hold).

>>> ClockSpec(regime="5天/8小时").clock().hours.standard_day_seconds // 3600
8
>>> ClockSpec(regime="7天/24小时").clock().calendar.name
'7×24'

Fields that are not valid are a :class:`~servstd.errors.DocumentError` naming each one (never a
``pydantic.ValidationError``):

>>> ClockSpec(regime="5天/8小时", hours="09:00-17:30")
Traceback (most recent call last):
  ...
servstd.errors.DocumentError: ClockSpec: 1 problem
  - <document>: the regime 5天/8小时 means 8 hours on each open day, but the hours give 8.5 hours (09:00-17:30)
>>> ClockSpec(hours=9, tz=None)
Traceback (most recent call last):
  ...
servstd.errors.DocumentError: ClockSpec: 2 problems
  - hours: Input should be a valid string (got 9)
  - tz: Input should be a valid string (got None)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pydantic

from servstd._deprecation import warn_renamed
from servstd._documents import pydantic_problems
from servstd._input import zone
from servstd.errors import DocumentError
from servstd.sla.calendar.calendar_state import notice_state
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
    ``regime`` states days a week and hours a day as standards write them (``7天/24小时``,
    ``5天/8小时``, ``5x8``): 7 days are every day (round the clock at 24 hours), 5 days the region's
    working days; ``hours`` must add up to the regime's hours on each open day.
    """

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    region: str = "CN"
    hours: str | dict[str, str] | None = None
    rest_hours: str | None = None
    tz: str = "Asia/Shanghai"
    always: bool = False
    strict: bool = True
    regime: str | None = None

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
            if data.get("regime") is None:
                data.setdefault("hours", OFFICE_HOURS)
        return data

    @pydantic.field_validator("tz", mode="before")
    @classmethod
    def _zone_name(cls, value: Any) -> Any:
        """A zone object is kept by its IANA name."""
        return zone(value, "tz").key if isinstance(value, ZoneInfo) else value

    @pydantic.model_validator(mode="after")
    def _check_regime(self) -> ClockSpec:
        if self.regime is None:
            return self
        days, hours = read_regime(self.regime)
        given = self.model_fields_set
        if days == 7 and hours == 24:
            if given & {"region", "hours", "rest_hours"} or (self.always is False and "always" in given):
                raise ValueError(
                    f"the regime {self.regime} is every day round the clock; drop region and hours"
                )
            return self
        if self.always:
            raise ValueError(f"the regime {self.regime} is not round the clock; drop always")
        every_day = "region" in given and WorkCalendar.region_name(self.region) == "always"
        if days == 5 and every_day:
            raise ValueError(
                f"the regime {self.regime} is open on working days; a region of every day contradicts it"
            )
        if days == 7 and "region" in given and not every_day:
            raise ValueError(
                f"the regime {self.regime} is open every day; drop region (or give region: always)"
            )
        if self.rest_hours is not None:
            raise ValueError(f"the regime {self.regime} gives no hours on rest days; drop rest_hours")
        spec = _regime_hours(self, hours)
        open_days = (
            BusinessHours.parse(spec) if isinstance(spec, str) else BusinessHours.weekly(spec)
        ).working
        for day in open_days:
            total = sum(i.seconds for i in day)
            if day and total != hours * 3600:
                shown = spec if isinstance(spec, str) else ", ".join(f"{k}: {v}" for k, v in spec.items())
                raise ValueError(
                    f"the regime {self.regime} means {hours} hours on each open day, but the hours give "
                    f"{_hours(total)} hours ({shown})"
                )
        return self

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise DocumentError("ClockSpec", pydantic_problems(exc)) from None

    def clock(self) -> ServiceClock:
        """The service clock (built once per distinct spec and calendar state: after
        :func:`~servstd.sla.calendar.calendar_state.reload_notices`, a new one that reads the notices again)."""
        key = self.model_dump_json(exclude_unset=True)
        return notice_state().kept(("ClockSpec", key), lambda: _build(key))


_REGIME = re.compile(
    r"(?P<days>[57])\s*(?:天|日|days?)?\s*[/／×xX*]\s*(?P<hours>\d{1,2})\s*(?:小时|小時|h|hours?)?",
    re.IGNORECASE,
)
_REGIMES = "'7天/24小时', '5天/8小时', '7x24', '5x8', '7 days/24 hours'"


def read_regime(text: object) -> tuple[int, int]:
    """(days a week, hours a day) of a regime: ``"5天/8小时"`` → ``(5, 8)``; 5 or 7 days, 1–24 hours."""
    m = _REGIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None or not 1 <= int(m.group("hours")) <= 24:
        raise ValueError(
            f"not a service-hours regime: {text!r}; accepted: {_REGIMES} (5 or 7 days, 1–24 hours)"
        )
    return int(m.group("days")), int(m.group("hours"))


def _regime_hours(spec: ClockSpec, per_day: int) -> str | dict[str, str]:
    """The hours of a regime's clock: those given, else 24h for 24 hours a day, else office hours."""
    if spec.hours is not None:
        return spec.hours
    return "24h" if per_day == 24 else OFFICE_HOURS


def _hours(seconds: int) -> str:
    """Seconds as hours for a message (``30600`` → ``8.5``), exact to the hundredth."""
    return f"{(Decimal(seconds) / 3600).quantize(Decimal('0.01')).normalize():f}"


def _build(key: str) -> ServiceClock:
    spec = ClockSpec.model_validate_json(key)
    regime = read_regime(spec.regime) if spec.regime is not None else None
    if spec.always or regime == (7, 24):
        return ServiceClock.always(spec.tz)
    if regime is not None:
        days, per_day = regime
        hours_spec = _regime_hours(spec, per_day)
        hours = (
            BusinessHours.parse(hours_spec)
            if isinstance(hours_spec, str)
            else BusinessHours.weekly(hours_spec)
        )
        cal = WorkCalendar.always() if days == 7 else WorkCalendar.for_region(spec.region, strict=spec.strict)
        return ServiceClock(cal, hours, spec.tz)
    cal = WorkCalendar.for_region(spec.region, strict=spec.strict)
    given = spec.hours if spec.hours is not None else "24h" if cal == WorkCalendar.always() else OFFICE_HOURS
    if isinstance(given, str) and spec.rest_hours is None:
        hours = BusinessHours.parse(given)
    else:
        weekly = given if isinstance(given, dict) else {"all": given}
        hours = BusinessHours.weekly(weekly, rest=spec.rest_hours)
    return ServiceClock(cal, hours, spec.tz)
