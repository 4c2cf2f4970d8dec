"""Clocks named in documents: ``{region: CN, hours: "09:00-12:00,13:00-18:00", tz: Asia/Shanghai}``.

>>> from servstd.sla.clock.clock_spec import ClockSpec
>>> ClockSpec(region="CN", hours="09:00-17:00").clock().hours.standard_day_seconds
28800
>>> ClockSpec(always=True).clock().calendar.name       # 7×24
'every day'

Fields that are not valid are a :class:`~servstd.errors.DocumentError` naming each one (never a
``pydantic.ValidationError``):

>>> ClockSpec(hours=9, tz=None)
Traceback (most recent call last):
  ...
servstd.errors.DocumentError: ClockSpec: 2 problems
  - hours: Input should be a valid string (got 9)
  - tz: Input should be a valid string (got None)
"""

from __future__ import annotations

import functools
from typing import Any

import pydantic

from servstd._documents import pydantic_problems
from servstd.errors import DocumentError
from servstd.sla.calendar.work_calendar import WorkCalendar
from servstd.sla.clock.business_hours import BusinessHours
from servstd.sla.clock.service_clock import ServiceClock

__all__ = ["ClockSpec"]


class ClockSpec(pydantic.BaseModel):
    """A clock as written in a policy document.

    ``region`` is CN/HK/MO/TW, ``weekdays`` (Mon–Fri) or ``every-day``; ``hours`` a business-hours
    spec (or a weekly mapping; ``24h`` is all day on the region's working days, holidays closed);
    ``always: true`` is 7×24 (every day, round the clock).
    """

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    region: str = "CN"
    hours: str | dict[str, str] = "09:00-12:00,13:00-18:00"
    rest_hours: str | None = None
    tz: str = "Asia/Shanghai"
    always: bool = False
    strict: bool = True

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise DocumentError("ClockSpec", pydantic_problems(exc)) from None

    def clock(self) -> ServiceClock:
        """The service clock (built once per distinct spec)."""
        return _build(self.model_dump_json())


@functools.lru_cache(maxsize=64)
def _build(key: str) -> ServiceClock:
    spec = ClockSpec.model_validate_json(key)
    if spec.always:
        return ServiceClock.always(spec.tz)
    if spec.region == "weekdays":
        cal = WorkCalendar.weekdays()
    elif spec.region == "every-day":
        cal = WorkCalendar.every_day()
    else:
        cal = WorkCalendar.for_region(spec.region, strict=spec.strict)
    if isinstance(spec.hours, str) and spec.rest_hours is None:
        hours = BusinessHours.parse(spec.hours)
    else:
        weekly = spec.hours if isinstance(spec.hours, dict) else {"all": spec.hours}
        hours = BusinessHours.weekly(weekly, rest=spec.rest_hours)
    return ServiceClock(cal, hours, spec.tz)
