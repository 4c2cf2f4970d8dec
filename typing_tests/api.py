"""The typed public API, pinned: type-checked by ``nox -s typecheck`` (mypy --strict), never run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np

from servstd import ServstdError
from servstd.catalog import catalog
from servstd.scoring import Finding, Inspection, ScoreReport, aggregate, form, score
from servstd.sla import (
    BusinessHours,
    ComplaintPolicy,
    ComplaintTimeline,
    Condition,
    Coverage,
    DayKind,
    Deadline,
    DeadlineRule,
    Duration,
    ServiceClock,
    SLAPolicy,
    Stage,
    TimerEvent,
    TimerResult,
    WindowBefore,
    WorkCalendar,
    batch,
    parse_duration,
    read_amount,
)
from servstd.standards import Standard, dump, load


def calendar_api() -> None:
    cal: WorkCalendar = WorkCalendar.china(strict=True).with_rest_days([dt.date(2026, 12, 31)])
    kind: DayKind = cal.day_kind(dt.date(2026, 10, 10))
    working: bool = cal.is_working_day(dt.date(2026, 10, 10))
    name: str | None = cal.holiday_name(dt.date(2026, 10, 1), "en")
    later: dt.date = cal.add_working_days(dt.date(2026, 9, 30), 3)
    count: int = cal.working_days_between(dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    coverage: Coverage = cal.coverage


def clock_api() -> None:
    clock: ServiceClock = ServiceClock(
        WorkCalendar.china(), BusinessHours.parse("09:00-17:00"), "Asia/Shanghai"
    )
    t = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    due: dt.datetime = clock.add(t, dt.timedelta(hours=4))
    spent: dt.timedelta = clock.elapsed(t, due)
    deadline: Deadline = clock.deadline(t, "3个工作日", cutoff=dt.time(17))
    instant: dt.datetime = clock.due(t, "3个工作日")
    text: str = deadline.explain("en")
    duration: Duration = parse_duration("半个工作日")
    column = batch.add(clock, np.array(["2026-01-05T02:00"], dtype="datetime64[us]"), np.timedelta64(1, "h"))
    window = clock.deadline(t, DeadlineRule(WindowBefore(parse_duration("5个工作日"))))
    opens: dt.datetime | None = window.opens
    natural = DeadlineRule("3个自然日", end_of_day="close", move_off_rest_day=True)
    ends: str = natural.ends_at
    moves: bool = natural.moves_off_rest_day
    opening = batch.window_opens(
        clock, np.array(["2026-01-05T02:00"], dtype="datetime64[us]"), "在到期日前5个工作日内"
    )


def policy_api() -> None:
    t = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    policy: SLAPolicy = SLAPolicy.from_catalog("insurance-claims-sla")
    results: dict[str, TimerResult] = policy.evaluate({"zone": "城区"}, [TimerEvent("start", t)], now=t)
    timeline: ComplaintTimeline = ComplaintPolicy.from_catalog("property-complaints").timeline(t, "重大")
    actor: str = timeline.stages[1].actor
    to: str = timeline.stages[1].stage.to
    takers: tuple[Stage, ...] = ComplaintPolicy.from_catalog("property-complaints").takes_customer_deadline(
        "轻微"
    )
    condition: Condition = Condition.parse("sum_insured", "300万元以上")
    holds: bool = condition.holds(5_000_000)
    amount: Decimal = read_amount("1.2亿元")
    fields: list[str] = policy.amount_fields


def scoring_api() -> None:
    std: Standard = catalog().standard("property-cs-quality-inspection")
    report: ScoreReport = score(std, Inspection(std.id, findings=[Finding("CS20", 2)]))
    total: Decimal = report.total
    rows = aggregate([report], by=("site", "month"))
    found: list[str] = catalog().search("培训")
    json_form: str = form(std, "json")
    text: str = dump(load(dump(std)), "json")
    try:
        load("id: x")
    except ServstdError as exc:
        message: str = str(exc)
