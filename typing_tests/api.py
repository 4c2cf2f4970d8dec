"""The typed public API, pinned: type-checked by ``nox -s typecheck`` (mypy --strict), never run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from servstd import Lang, ServstdError, UnknownNameError
from servstd.catalog import catalog
from servstd.errors import CODES, ErrorCode, InputValueError, MissingExtraError
from servstd.scoring import (
    Finding,
    Inspection,
    LoadedInspection,
    ScoreReport,
    aggregate,
    form,
    measure_findings,
    overdue_findings,
    parse_inspection,
    read_inspection,
    read_inspections,
    score,
)
from servstd.sla import (
    BusinessHours,
    CalendarOverlay,
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
    parse_overlay,
    read_amount,
    read_overlay,
)
from servstd.sla.batch import ComplianceReport
from servstd.sla.calendar.day_table import DayTable
from servstd.sla.clock.columnar import ColumnarClock, LocalDays, OpenIntervals, epoch_us
from servstd.standards import (
    DateRange,
    DueDate,
    Measure,
    Standard,
    dump,
    parse_standard,
    read_standard,
    resolve_due_date,
)


def calendar_api() -> None:
    cal: WorkCalendar = WorkCalendar.china(strict=True).with_rest_days([dt.date(2026, 12, 31)])
    kind: DayKind = cal.day_kind(dt.date(2026, 10, 10))
    working: bool = cal.is_working_day(dt.date(2026, 10, 10))
    name: str | None = cal.holiday_name(dt.date(2026, 10, 1), "en")
    later: dt.date = cal.add_working_days(dt.date(2026, 9, 30), 3)
    count: int = cal.working_days_between(dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    coverage: Coverage = cal.coverage
    earlier: dt.date = cal.subtract_working_days(dt.date(2026, 10, 10), 3)
    before: dt.date = cal.previous_working_day(dt.date(2026, 10, 8))
    backwards: list[dt.date] = list(cal.working_days(dt.date(2026, 10, 12), dt.date(2026, 10, 1)))
    always: WorkCalendar = WorkCalendar.always()
    named: WorkCalendar = WorkCalendar.for_region("weekdays")
    canonical: str = WorkCalendar.region_name("7x24")
    fri_sat: WorkCalendar = WorkCalendar.china(weekend="周五,周六").with_weekend("0000110")
    by_number: WorkCalendar = WorkCalendar.for_region("CN", weekend=7).with_weekend([4, 5])
    rest_days: frozenset[int] = fri_sat.weekend
    table: DayTable = cal.day_table(2026, 2026)
    buffer: memoryview = table.working_before


def clock_api() -> None:
    clock: ServiceClock = ServiceClock(
        WorkCalendar.china(), BusinessHours.parse("09:00-17:00"), "Asia/Shanghai"
    )
    t = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    due: dt.datetime = clock.add(t, dt.timedelta(hours=4))
    spent: dt.timedelta = clock.elapsed(t, due)
    deadline: Deadline = clock.deadline(t, "3个工作日", cutoff=dt.time(17))
    instant: dt.datetime = clock.due(t, "3个工作日")
    knobs: dt.datetime = clock.due(
        t, "3日", end_of_day="midnight", cutoff=dt.time(17), count_start_day=False, move_off_rest_day=True
    )
    moved: Deadline = clock.deadline(t, "3个自然日", move_off_rest_day=True)
    zoned: ServiceClock = ServiceClock.always(ZoneInfo("Asia/Hong_Kong"))
    by_zone: ServiceClock = ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("24h"), ZoneInfo("UTC"))
    name: str = by_zone.tz
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
    dues = batch.due(
        clock, np.array(["2026-01-05T02:00"], dtype="datetime64[us]"), "3个工作日", end_of_day="close"
    )


def columnar_api() -> None:
    clock: ColumnarClock = ServiceClock.default()  # a ServiceClock is a ColumnarClock
    snap: OpenIntervals = clock.open_intervals(2026, 2026)
    c: int = snap.open_before(snap.lo) + snap.total
    days: LocalDays = clock.local_days(2026, 2026)
    cutoffs: memoryview = days.wall_times(17 * 3600)
    year: int = clock.local_year(epoch_us(dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))))
    held: int = clock.memory_bytes()


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
    office: ServiceClock = policy.clock("office")
    hand_in: dt.datetime = timeline.stage("hand-in").due
    after: str = timeline.stage("hand-in").stage.after


def scoring_api() -> None:
    std: Standard = catalog().standard("property-cs-quality-inspection")
    report: ScoreReport = score(std, Inspection(std.id, findings=[Finding("CS20", 2)]))
    total: Decimal = report.total
    rows = aggregate([report], by=("site", "month"))
    found: list[str] = catalog().search("培训")
    json_form: str = form(std, "json")
    text: str = dump(parse_standard(dump(std)), "json")
    from_file: Standard = read_standard(Path("standard.yaml"), format="yaml")
    inspection: Inspection = parse_inspection("standard: x")
    filled: Inspection = read_inspection(Path("检查表.xlsx"), std)
    loaded: list[LoadedInspection] = read_inspections(Path("inspections"), std)
    item_text: str = std.item("CS20").text_in("en")
    title: str = std.title_in("en")
    try:
        parse_standard("id: x")
    except ServstdError as exc:
        message: str = str(exc)
        problem: dict[str, Any] = exc.to_dict()
        code: str = exc.code
        param: str | None = exc.param
        value: object = exc.value
        accepted: tuple[str, ...] | None = exc.accepted
        status: int = exc.status


def error_api() -> None:
    try:
        catalog().standard("nope")
    except UnknownNameError as exc:
        known: tuple[str, ...] | None = exc.accepted
        kind: str = exc.kind
        lookup: LookupError = exc
    try:
        WorkCalendar.china().holiday_name(dt.date(2026, 10, 1), "en")
    except InputValueError as exc:
        not_allowed: ValueError = exc
    except MissingExtraError as exc:
        extra: str = exc.extra
    listed: ErrorCode = CODES["name.unknown"]


def loading_and_language_api() -> None:
    t = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    policy: SLAPolicy = SLAPolicy.read(Path("policy.yaml"))
    same: SLAPolicy = SLAPolicy.parse("kind: sla-policy")
    complaints: ComplaintPolicy = ComplaintPolicy.read(Path("complaints.yaml"))
    parsed: ComplaintPolicy = ComplaintPolicy.parse("kind: complaint-policy")
    overlay: CalendarOverlay = read_overlay(Path("overlay.yaml"))
    also: CalendarOverlay = parse_overlay("name: x")
    dl: Deadline = ServiceClock.default().deadline(t, "3个工作日")
    lang: Lang = "en"
    lines: tuple[str, ...] = dl.lines(lang)
    explained: str = dl.explain(lang="en")
    rule: str = dl.rule.describe("en")
    duration: str = dl.rule.duration.describe("en")
    kind: str = DayKind.HOLIDAY.label("en")
    tl: ComplaintTimeline = ComplaintPolicy.from_catalog("property-complaints").timeline(t, "重大")
    warnings: tuple[str, ...] = tl.warnings_in("en")
    note: str = tl.stages[0].note_in("en")
    stage: str = tl.stages[0].stage.name_in("en")
    actor: str = tl.stages[0].stage.actor_in("en")
    tier: str = tl.tier.name_in("en")
    holiday: str | None = WorkCalendar.china().holiday_name(dt.date(2026, 10, 1), lang="en")
    report: ComplianceReport | None = None
    reporting: object = batch.report


def plan_api() -> None:
    plan: Standard = catalog().standard("service-improvement-plan")
    span: DateRange = resolve_due_date("本季度末", dt.date(2026, 11, 10))
    last: dt.date = span.last
    due: DueDate = DueDate.parse("下月初")
    first: dt.date = due.resolve("2026-11-10").first
    late: list[Finding] = overdue_findings(
        plan, dt.date(2026, 11, 10), {"P1": None}, as_of=dt.date(2027, 1, 5)
    )
    rings: Measure = catalog().standard("insurance-service-standard").item("A18").measures[0]
    ok: bool = rings.holds(2)
    out_of_bounds: list[Finding] = measure_findings(
        catalog().standard("insurance-service-standard"), {"A18": [3]}
    )


def json_forms_api() -> None:
    t = dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    dl: Deadline = ServiceClock.default().deadline(t, "3个工作日")
    data: dict[str, Any] = dl.to_dict()
    english: dict[str, Any] = dl.to_dict(lang="en")
    rule: dict[str, Any] = dl.rule.to_dict("en")
    duration: dict[str, Any] = parse_duration("48小时").to_dict()
    standard: dict[str, Any] = catalog().standard("property-cs-quality-inspection").to_dict("zh")
    timeline: dict[str, Any] = (
        ComplaintPolicy.from_catalog("property-complaints").timeline(t, "重大").to_dict()
    )
