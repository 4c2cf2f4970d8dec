"""SLA policies: which targets apply to a case, on which clock, and how each metric stands.

A policy maps conditions on case attributes (category, priority, tier, zone such as 城区/郊县,
channel, customer grade, an amount such as 保险金额…) to targets per metric (first response, arrival on site, resolution,
follow-up window "3–7天内回访"…). Its document says how rules are chosen: ``match: first`` (the
first rule that matches and names the metric wins) or ``match: most_specific`` (the matching rule
with the most conditions wins; ties go to the earlier rule). Each target names its clock.

Conditions are typed (:mod:`servstd.sla.policy.conditions`): names match across traditional and
simplified script, width and case; 「300万元以上」 is an amount comparison (以上/以下/以内 include the
number, 超过/不满/不足 do not). A field compared as an amount must hold an amount in every case that
gives it: an unreadable value is an error, never "no match".

A target may be a window before its reference ("在生效对应日前5个工作日内"): the case's start event is
the reference; an act inside the window is met, one before it early, one after it breached.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from servstd.sla import SLAPolicy, TimerEvent
>>> policy = SLAPolicy.from_catalog("insurance-claims-sla")
>>> t0 = dt.datetime(2026, 10, 1, 22, 0, tzinfo=ZoneInfo("Asia/Shanghai"))   # a holiday night
>>> case = {"zone": "城区"}
>>> r = policy.evaluate(case, [TimerEvent("start", t0), TimerEvent("complete", t0 + dt.timedelta(minutes=35), metric="arrival")], now=t0 + dt.timedelta(hours=1))
>>> r["arrival"].status.value, r["arrival"].due.isoformat()
('met', '2026-10-01T22:40:00+08:00')
>>> "follow_up_call" in policy.targets({"category": "回访", "line": "财险", "sum_insured": 5_000_000})
True
>>> "follow_up_call" in policy.targets({"category": "回访", "line": "财险", "sum_insured": "2,999,999元"})
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from os import PathLike
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import attrs
import pydantic

from servstd._deprecation import warn_renamed
from servstd._documents import (
    DocumentModel,
    Number,
    SourceDoc,
    named,
    parse_document,
    raw_list,
    read_document,
    read_path,
    source_of,
    validate,
)
from servstd._source import Source, as_source
from servstd.catalog.shelf import shipped
from servstd.errors import (
    DocumentError,
    DurationParseError,
    InputTypeError,
    InputValueError,
    Problem,
    ServstdError,
    TimerError,
    UnknownNameError,
)
from servstd.sla.calendar.calendar_state import notice_state
from servstd.sla.clock.clock_spec import ClockSpec
from servstd.sla.clock.deadline import DeadlineRule
from servstd.sla.clock.durations import Duration, parse_duration
from servstd.sla.clock.service_clock import ServiceClock
from servstd.sla.policy.conditions import Condition, case_amount
from servstd.sla.policy.timer import TimerEvent, TimerResult, evaluate_timer

__all__ = ["MetricTarget", "PolicyRule", "SLAPolicy", "catalog_policy"]


@attrs.frozen
class MetricTarget:
    """A target for one metric: a deadline rule on a named clock, optionally a window and a start."""

    metric: str
    rule: DeadlineRule
    clock_name: str
    clock: ServiceClock = attrs.field(eq=False, repr=False)
    earliest: Duration | None = None
    start_after: str | None = None
    name: str = ""


@attrs.frozen
class PolicyRule:
    """Conditions on case attributes (one per field, sorted by field) and the targets they give."""

    when: tuple[Condition, ...]
    targets: tuple[MetricTarget, ...]

    def matches(self, case: Mapping[str, Any]) -> bool:
        """Whether every condition holds for ``case``."""
        return all(c.holds(case.get(c.field)) for c in self.when)


@attrs.frozen
class SLAPolicy:
    """A named set of rules; see the module documentation."""

    id: str
    title: str
    match: Literal["first", "most_specific"]
    rules: tuple[PolicyRule, ...]
    thresholds: tuple[Fraction, ...] = (Fraction(1, 2), Fraction(3, 4))
    source: Source = attrs.field(default=Source(), converter=as_source)
    """The source the policy comes from — its title and the verbatim passages it models."""
    notes: tuple[str, ...] = ()
    clocks: tuple[tuple[str, ServiceClock], ...] = attrs.field(default=(), eq=False, repr=False)
    """The clocks the policy names, in document order (``office``, ``7x24``…)."""

    @classmethod
    def read(cls, path: str | PathLike[str]) -> SLAPolicy:
        """The policy in the file ``path`` (YAML, or JSON/TOML by the suffix); problems are one
        :class:`~servstd.errors.DocumentError` with paths inside the document."""
        data, source = read_path(path, text_reader="SLAPolicy.parse")
        with named("path"):
            return _from_data(data, source)

    @classmethod
    def parse(cls, text: str) -> SLAPolicy:
        """The policy in ``text`` (YAML, or JSON); problems as for :meth:`read`."""
        data, source = parse_document(text, file_reader="SLAPolicy.read")
        with named("text"):
            return _from_data(data, source)

    @classmethod
    def load(cls, path_or_text: str | Path) -> SLAPolicy:
        """Deprecated; use :meth:`read` (a file) or :meth:`parse` (text); this guesses which from the suffix."""
        warn_renamed("SLAPolicy.load", "SLAPolicy.read(path) or SLAPolicy.parse(text)")
        data, source = read_document(path_or_text)
        return _from_data(data, source)

    @classmethod
    def from_catalog(cls, policy_id: str, *, clock: ServiceClock | None = None) -> SLAPolicy:
        """A policy shipped in the catalog: the same object as ``catalog().sla_policy(policy_id)``,
        built once per calendar state (:func:`~servstd.sla.calendar.calendar_state.notice_state`; after
        :func:`~servstd.sla.calendar.calendar_state.reload_notices` its clocks read the notices again).

        With ``clock``, every target is timed on that clock instead (:meth:`with_clock`).
        """
        policy = catalog_policy(policy_id, "sla-policy", _from_data)
        return policy if clock is None else policy.with_clock(clock)

    def with_clock(self, clock: ServiceClock, name: str | None = None) -> SLAPolicy:
        """This policy timed on ``clock``: the clock named ``name``, or every clock when ``name`` is
        ``None`` (a service's own shared clock, a clock with the service's notices).

        >>> clock = ServiceClock.always()
        >>> policy = SLAPolicy.from_catalog("insurance-claims-sla").with_clock(clock, "office")
        >>> policy.clock("office") is clock
        True
        """
        if not isinstance(clock, ServiceClock):
            raise InputTypeError(clock, "clock", "a ServiceClock")
        if name is not None:
            self.clock(name)  # an unknown name lists the policy's clocks

        def mine(n: str) -> bool:
            return name is None or n == name

        rules = tuple(
            attrs.evolve(
                r,
                targets=tuple(attrs.evolve(t, clock=clock) if mine(t.clock_name) else t for t in r.targets),
            )
            for r in self.rules
        )
        clocks = tuple((n, clock if mine(n) else c) for n, c in self.clocks)
        return attrs.evolve(self, rules=rules, clocks=clocks)

    def clock(self, name: str) -> ServiceClock:
        """The clock the policy names ``name`` (a service-hours regime such as 「5天/8小时」 is one);
        another name is an :class:`~servstd.errors.UnknownNameError` listing the policy's clocks.

        >>> policy = SLAPolicy.from_catalog("insurance-claims-sla")
        >>> policy.clock("office").hours.standard_day_seconds // 3600     # 营业单位服务电话 5天/8小时
        8
        """
        for n, c in self.clocks:
            if n == name:
                return c
        raise UnknownNameError(name, "name", [n for n, _ in self.clocks], kind="clock")

    def metrics(self) -> list[str]:
        """Every metric any rule names."""
        return list(dict.fromkeys(t.metric for r in self.rules for t in r.targets))

    @property
    def fields(self) -> list[str]:
        """The case fields the rules' conditions read, sorted."""
        return sorted({c.field for r in self.rules for c in r.when})

    @property
    def amount_fields(self) -> list[str]:
        """The case fields compared as amounts (「300万元以上」), sorted."""
        return sorted({c.field for r in self.rules for c in r.when if c.is_amount})

    def targets(self, case: Mapping[str, Any]) -> dict[str, MetricTarget]:
        """The target of each metric for ``case`` (metrics no matching rule names are left out).

        A value of a field compared as an amount that cannot be read as one raises
        :class:`~servstd.errors.InputParseError` naming the field, whichever rules match.
        """
        for name in self.amount_fields:
            case_amount(case.get(name), f"the case's {name}")  # unreadable: an error, match or not
        out: dict[str, MetricTarget] = {}
        best: dict[str, int] = {}
        for rule in self.rules:
            if not rule.matches(case):
                continue
            for t in rule.targets:
                if t.metric not in out or (self.match == "most_specific" and len(rule.when) > best[t.metric]):
                    out[t.metric] = t
                    best[t.metric] = len(rule.when)
        return out

    def evaluate(
        self, case: Mapping[str, Any], events: Iterable[TimerEvent], now: dt.datetime
    ) -> dict[str, TimerResult]:
        """Every applicable metric's state at ``now`` (metrics that start after another follow it)."""
        evs = list(events)
        targets = self.targets(case)
        results: dict[str, TimerResult] = {}
        pending = list(targets.values())
        for _ in range(len(pending) + 1):
            if not pending:
                break
            later = []
            for t in pending:
                start = None
                if t.start_after is not None:
                    if t.start_after not in targets:
                        raise TimerError(
                            f"{t.metric} starts after {t.start_after!r}, which no rule gives this case",
                            t.start_after,
                        )
                    if t.start_after not in results:
                        later.append(t)
                        continue
                    start = results[t.start_after].completed
                    if start is None:
                        results[t.metric] = evaluate_timer(t.metric, t.clock, t.rule, [], now)  # pending
                        continue
                results[t.metric] = evaluate_timer(
                    t.metric,
                    t.clock,
                    t.rule,
                    evs,
                    now,
                    start=start,
                    earliest=t.earliest,
                    thresholds=self.thresholds,
                )
            if len(later) == len(pending):
                raise TimerError(
                    f"metrics {[t.metric for t in later]} start after each other in a cycle", later
                )
            pending = later
        return results


# -- documents -------------------------------------------------------------------------------


class TargetDoc(DocumentModel):
    """A target in a policy document.

    ``end_of_day`` and ``move_off_rest_day`` left out follow the duration (close of business and
    Art. 203 for 日/月/年; 24:00 and no move for 自然日).
    """

    within: str
    from_: str | None = pydantic.Field(default=None, alias="from")
    clock: str = "office"
    start_after: str | None = None
    end_of_day: Literal["close", "midnight"] | None = None
    move_off_rest_day: bool | None = None
    cutoff: dt.time | None = None
    count_start_day: bool = False
    name: str = ""


def _check_condition(value: str | list[str]) -> str | list[str]:
    Condition.parse("condition", value)  # InputParseError is a ValueError: a named problem
    return value


ConditionDoc = Annotated[str | list[str], pydantic.AfterValidator(_check_condition)]
"""A ``when:`` value: a name, an amount comparison (「300万元以上」), or a list of either kind."""


class RuleDoc(DocumentModel):
    """A rule: conditions and targets per metric."""

    when: dict[str, ConditionDoc] = {}
    targets: dict[str, TargetDoc]


class PolicyDoc(DocumentModel):
    """An SLA policy document."""

    kind: Literal["sla-policy"] = "sla-policy"
    id: str = pydantic.Field(min_length=1)
    title: str
    title_en: str = ""
    source: SourceDoc = SourceDoc()
    match: Literal["first", "most_specific"] = "first"
    clocks: dict[str, ClockSpec] = {"office": ClockSpec()}
    thresholds: list[Number] = [Decimal("0.5"), Decimal("0.75")]
    rules: list[RuleDoc]
    notes: list[str] = []


T = TypeVar("T")


def catalog_policy(policy_id: str, kind: str, build: Callable[[Any, str], T]) -> T:
    """What ``build`` makes of the catalog document ``policy_id`` (checked to be of ``kind``),
    built once per calendar state: its clocks see the notices every default sees."""
    shelf = shipped()
    data, source = shelf.document(policy_id, kind)
    return notice_state().kept(("catalog", kind, policy_id), lambda: build(data, source))


def duration_or_problem(text: str, path: str, problems: list[Problem]) -> Duration | None:
    """Parse a duration, recording a path-named problem instead of raising."""
    try:
        return parse_duration(text)
    except DurationParseError as exc:
        problems.append(Problem(path, f"{exc.reason}: {text!r}", text))
        return None


def clocks_or_problems(specs: Mapping[str, ClockSpec], problems: list[Problem]) -> dict[str, ServiceClock]:
    """Build the named clocks, recording bad specs as problems."""
    clocks = {}
    for name, spec in specs.items():
        try:
            clocks[name] = spec.clock()
        except ServstdError as exc:  # noqa: PERF203 - one problem per bad clock, all reported
            problems.append(Problem(f"clocks.{name}", str(exc), name))
    return clocks


def _from_data(data: Any, source: str) -> SLAPolicy:
    doc = validate(PolicyDoc, data, source, _raw_problems)
    problems: list[Problem] = []
    clocks = clocks_or_problems(doc.clocks, problems)
    rules = []
    for i, r in enumerate(doc.rules):
        targets = []
        for metric, t in r.targets.items():
            path = f"rules[{i}].targets.{metric}"
            within = duration_or_problem(t.within, f"{path}.within", problems)
            earliest = duration_or_problem(t.from_, f"{path}.from", problems) if t.from_ else None
            if t.clock not in doc.clocks:
                problems.append(
                    Problem(
                        f"{path}.clock",
                        f"unknown clock {t.clock!r}; defined: {', '.join(doc.clocks)}",
                        t.clock,
                    )
                )
                continue
            if within is None or (t.from_ and earliest is None) or t.clock not in clocks:
                continue
            try:
                rule = DeadlineRule(
                    within, end_of_day=t.end_of_day, cutoff=t.cutoff, count_start_day=t.count_start_day,
                    move_off_rest_day=t.move_off_rest_day,
                )  # fmt: skip
            except (InputTypeError, InputValueError) as exc:
                why = exc.expected if isinstance(exc, InputTypeError) else exc.reason or str(exc)
                problems.append(Problem(f"{path}.{exc.param}", why, exc.value))
                continue
            if rule.is_window and earliest is not None:
                problems.append(
                    Problem(
                        f"{path}.from",
                        f"a window before a reference ({within}) opens by itself; drop 'from'",
                        t.from_,
                    )
                )
                continue
            targets.append(
                MetricTarget(metric, rule, t.clock, clocks[t.clock], earliest, t.start_after, t.name)
            )
        when = tuple(Condition.parse(k, v) for k, v in sorted(r.when.items()))
        rules.append(PolicyRule(when, tuple(targets)))
    kinds: dict[str, dict[bool, int]] = {}
    for i, built in enumerate(rules):
        for c in built.when:
            kinds.setdefault(c.field, {}).setdefault(c.is_amount, i)
    for field, seen in kinds.items():
        if len(seen) > 1:
            problems.append(
                Problem(
                    f"rules[{seen[False]}].when.{field}",
                    f"{field} is compared as an amount in rules[{seen[True]}] and matched as a name here; "
                    "give one kind for a field",
                )
            )
    metrics = {t for r in doc.rules for t in r.targets}
    for i, r in enumerate(doc.rules):
        for metric, t in r.targets.items():
            if t.start_after is not None and t.start_after not in metrics:
                problems.append(
                    Problem(
                        f"rules[{i}].targets.{metric}.start_after",
                        f"no metric {t.start_after!r} in this policy",
                        t.start_after,
                    )
                )
    if any(not (0 < th < 1) for th in doc.thresholds):
        problems.append(Problem("thresholds", "warning thresholds must be between 0 and 1", doc.thresholds))
    if problems:
        raise DocumentError(source, problems)
    return SLAPolicy(
        id=doc.id, title=doc.title, match=doc.match, rules=tuple(rules),
        thresholds=tuple(Fraction(th) for th in doc.thresholds), source=source_of(doc.source), notes=tuple(doc.notes),
        clocks=tuple(clocks.items()),
    )  # fmt: skip


def _raw_problems(data: Any) -> list[Problem]:
    """Unknown clocks and ``start_after`` metrics, read from unvalidated data."""
    problems: list[Problem] = []
    clocks = data.get("clocks", {"office": None}) if isinstance(data, dict) else {}
    names = list(clocks) if isinstance(clocks, dict) else []
    rules = [r for r in raw_list(data, "rules") if isinstance(r, dict)]
    targets = [(i, r.get("targets")) for i, r in enumerate(rules)]
    metrics = {m for _, ts in targets if isinstance(ts, dict) for m in ts}
    for i, ts in targets:
        for metric, t in ts.items() if isinstance(ts, dict) else ():
            if not isinstance(t, dict):
                continue
            path = f"rules[{i}].targets.{metric}"
            clock = t.get("clock", "office")
            if isinstance(clock, str) and clock not in names:
                problems.append(
                    Problem(
                        f"{path}.clock",
                        f"unknown clock {clock!r}; defined: {', '.join(map(str, names))}",
                        clock,
                    )
                )
            after = t.get("start_after")
            if isinstance(after, str) and after not in metrics:
                problems.append(Problem(f"{path}.start_after", f"no metric {after!r} in this policy", after))
    return problems
