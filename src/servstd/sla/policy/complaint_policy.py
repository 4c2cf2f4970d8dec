"""Complaint severity tiers (重大 / 重要 / 轻微) and the deadline of every stage.

A :class:`ComplaintPolicy` has ordered :class:`SeverityTier` s; each tier has stages (forward the
form, report to the general manager, answer, resolve…) with a target and the role that must
approve an overrun. A complaint is classified by explicit tier or by category (服务态度 24h,
产品质量 48h, 其他 72h). "或在住户要求的期限内" is modelled as written: a stage marked
``customer_may_set`` takes the resident's requested deadline in place of its default, and the
explanation says so.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from servstd.sla import ComplaintPolicy
>>> policy = ComplaintPolicy.from_catalog("property-complaints")
>>> tl = policy.timeline(dt.datetime(2026, 9, 30, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai")), "重大")
>>> [(s.stage.name, s.due.isoformat()) for s in tl.stages]   # doctest: +NORMALIZE_WHITESPACE
[('发送住户投诉意见表', '2026-09-30T16:10:00+08:00'), ('呈送公司总经理', '2026-09-30T18:00:00+08:00'),
 ('明确答复住户', '2026-10-08T18:00:00+08:00'), ('解决', '2026-10-10T18:00:00+08:00')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import attrs
import pydantic

from servstd._documents import DocumentModel, raw_list, read_document, validate
from servstd.catalog._files import shelf
from servstd.errors import ComplaintError, DocumentError, InputTypeError, NaiveDatetimeError, Problem
from servstd.sla.clock.clock_spec import ClockSpec
from servstd.sla.clock.deadline import Deadline, DeadlineRule
from servstd.sla.clock.service_clock import ServiceClock
from servstd.sla.policy.sla_policy import clocks_or_problems, duration_or_problem
from servstd.sla.policy.timer import TimerEvent, TimerResult, evaluate_timer

__all__ = ["ComplaintPolicy", "ComplaintTimeline", "SeverityTier", "Stage", "StageDeadline"]


@attrs.frozen
class Stage:
    """One stage of handling a complaint."""

    code: str
    name: str
    rule: DeadlineRule
    name_en: str = ""
    role: str = ""
    """Who acts at this stage (e.g. 公司总经理)."""
    approver: str = ""
    """Who must approve an overrun of this stage (超时需经…批准)."""
    customer_may_set: bool = False
    """The resident may ask for another deadline (或在住户要求的期限内)."""
    role_en: str = ""
    """``role`` in English (``role`` is used when empty)."""
    rule_text: str = ""
    """The time limit as the policy writes it ("10分钟", "当天", "2日"); the rule's text when empty."""

    def label(self, lang: str = "zh") -> str:
        """The stage's name in ``"zh"`` or ``"en"`` (the Chinese name when no English one is given)."""
        return self.name_en or self.name if lang == "en" else self.name

    def actor(self, lang: str = "zh") -> str:
        """Who acts, in ``"zh"`` or ``"en"``."""
        return self.role_en or self.role if lang == "en" else self.role

    @property
    def limit(self) -> str:
        """The stage's time limit as written (``rule_text``, else the rule's duration)."""
        return self.rule_text or str(self.rule.duration)


@attrs.frozen
class SeverityTier:
    """A tier: lower ``rank`` is more severe."""

    code: str
    name: str
    rank: int
    stages: tuple[Stage, ...]
    name_en: str = ""

    def label(self, lang: str = "zh") -> str:
        """The tier's name in ``"zh"`` or ``"en"``."""
        return self.name_en or self.name if lang == "en" else self.name

    def stage(self, code: str) -> Stage:
        """The stage with ``code``."""
        for s in self.stages:
            if s.code == code:
                return s
        raise KeyError(code)


@attrs.frozen
class StageDeadline:
    """A stage's due instant, with the full deadline explanation and who approves an overrun.

    ``time_left`` is ``due - now`` (elapsed time; negative when overdue) when the timeline was
    built with ``now``. ``out_of_order`` marks a stage due after the stage that follows it.
    """

    stage: Stage
    due: dt.datetime
    deadline: Deadline | None
    source: Literal["policy", "customer"] = "policy"
    note: str = ""
    time_left: dt.timedelta | None = None
    out_of_order: bool = False

    @property
    def role(self) -> str:
        """Who acts at this stage."""
        return self.stage.role

    @property
    def rule_text(self) -> str:
        """The stage's time limit as written ("10分钟", "当天", "2日")."""
        return self.stage.limit

    def explain(self, lang: str = "zh") -> str:
        """The explanation of this stage's deadline."""
        mark = "⚠ " if self.out_of_order else ""
        role = self.stage.actor(lang)
        who = f" ({role})" if role else ""
        head = f"{mark}{self.stage.label(lang)}{who} [{self.rule_text}]"
        body = self.deadline.explain(lang) if self.deadline is not None else self.note
        extra = f"\n{self.note}" if self.deadline is not None and self.note else ""
        left = ""
        if self.time_left is not None:
            word = ("剩余", "超时") if lang == "zh" else ("time left", "overdue by")
            span = self.time_left if self.time_left >= dt.timedelta(0) else -self.time_left
            left = f"\n{word[0] if self.time_left >= dt.timedelta(0) else word[1]}: {span}"
        return f"{head}:\n{body}{extra}{left}"


@attrs.frozen
class ComplaintTimeline:
    """Every stage's deadline for one complaint.

    ``warnings`` lists what a reader must not miss, e.g. a stage due after the stage that follows
    it (转呈主管经理 due 18:30 after the next stage's 18:00); such stages are marked ``⚠`` in
    :meth:`explain` and have ``out_of_order`` set.
    """

    tier: SeverityTier
    received: dt.datetime
    stages: tuple[StageDeadline, ...]
    warnings: tuple[str, ...] = ()
    now: dt.datetime | None = None

    def explain(self, lang: str = "zh") -> str:
        """All stages explained (``lang`` ``"zh"`` or ``"en"``), warnings first."""
        if lang not in ("zh", "en"):
            raise InputTypeError(lang, "lang", "'zh' or 'en'")
        title = f"{self.tier.label(lang)} ({self.tier.code})"
        warnings = "".join(f"\n⚠ {w}" for w in self.warnings)
        return title + warnings + "\n\n" + "\n\n".join(s.explain(lang) for s in self.stages)


@attrs.frozen
class ComplaintPolicy:
    """Ordered severity tiers, their stages, and classification by category."""

    id: str
    title: str
    clock: ServiceClock = attrs.field(eq=False, repr=False)
    tiers: tuple[SeverityTier, ...]
    categories: tuple[tuple[str, str], ...] = ()
    default_tier: str | None = None
    customer_deadline: Literal["replace", "earliest", "latest"] = "replace"
    source: str = ""
    notes: tuple[str, ...] = ()

    @classmethod
    def load(cls, path_or_text: str | Path) -> ComplaintPolicy:
        """Load a complaint policy document (YAML/JSON)."""
        data, source = read_document(path_or_text)
        return _from_data(data, source)

    @classmethod
    def from_catalog(cls, policy_id: str) -> ComplaintPolicy:
        """A complaint policy shipped in the catalog."""
        return _from_data(*shelf().document(policy_id, "complaint-policy"))

    def tier(self, key: str | SeverityTier) -> SeverityTier:
        """A tier by code, Chinese or English name."""
        if isinstance(key, SeverityTier):
            return key
        for t in self.tiers:
            if key in (t.code, t.name, t.name_en):
                return t
        known = ", ".join(f"{t.code} ({t.name})" for t in self.tiers)
        raise InputTypeError(key, "tier", f"one of {known}")

    def classify(self, category: str) -> SeverityTier:
        """The tier of a complaint category (the default tier for categories not listed)."""
        mapping = dict(self.categories)
        if category in mapping:
            return self.tier(mapping[category])
        if self.default_tier is not None:
            return self.tier(self.default_tier)
        raise InputTypeError(category, "category", f"one of {', '.join(mapping)}")

    def timeline(
        self,
        received_at: dt.datetime,
        tier: str | SeverityTier | None = None,
        *,
        category: str | None = None,
        customer_deadline: dt.datetime | None = None,
        now: dt.datetime | None = None,
    ) -> ComplaintTimeline:
        """Every stage's deadline for a complaint received at ``received_at``.

        Give the ``tier`` (code or name) or a ``category`` to classify; both may be given only when
        the policy puts the category in that tier (else :class:`~servstd.errors.ComplaintError`).
        ``customer_deadline`` is the resident's requested deadline (at or after the receipt); it
        applies to stages marked ``customer_may_set``. With ``now``, each stage carries its
        ``time_left``. Stages due after the stage that follows them are flagged in ``warnings``.

        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> tl = ComplaintPolicy.from_catalog("property-complaints").timeline(
        ...     dt.datetime(2026, 9, 30, 17, 30, tzinfo=ZoneInfo("Asia/Shanghai")), "重要")
        >>> [(s.stage.name, s.role, s.rule_text, s.due.strftime("%H:%M"), s.out_of_order) for s in tl.stages[1:3]]
        [('转呈主管经理', '主管经理', '1小时', '18:30', True), ('经经营部经理转呈公司总经理或管理部主管经理', '', '当天', '18:00', False)]
        >>> print(tl.warnings[0].split(" / ")[1])
        Escalate to the managing manager is due 2026-09-30T18:30:00+08:00, after the next stage Forward to the general manager due 2026-09-30T18:00:00+08:00
        """
        if tier is None and category is None:
            raise InputTypeError(None, "tier", "a tier or a category")
        t = self.tier(tier) if tier is not None else self.classify(category or "")
        if tier is not None and category is not None:
            by_category = self.classify(category)
            if by_category != t:
                raise ComplaintError(
                    f"the tier {t.name} ({t.code}) and the category {category!r} disagree: the policy puts "
                    f"{category!r} in {by_category.name} ({by_category.code}); give one of them",
                    (tier, category),
                )
        received = self.clock.local(received_at)
        if customer_deadline is not None:
            if not isinstance(customer_deadline, dt.datetime):
                raise InputTypeError(customer_deadline, "customer_deadline", "an aware datetime")
            if customer_deadline.tzinfo is None or customer_deadline.utcoffset() is None:
                raise NaiveDatetimeError(customer_deadline, "customer_deadline")
            if _utc(customer_deadline) < _utc(received):
                raise ComplaintError(
                    f"the requested deadline {self.clock.local(customer_deadline).isoformat()} is before the "
                    f"receipt {received.isoformat()}; a deadline is at or after the receipt",
                    customer_deadline,
                )
        if now is not None:
            now = self.clock.local(now)  # checks it is an aware datetime
        out = []
        for st in t.stages:
            dl = self.clock.deadline(received_at, st.rule)
            if st.customer_may_set and customer_deadline is not None:
                asked = self.clock.local(customer_deadline)
                due = {"replace": asked, "earliest": min(asked, dl.due), "latest": max(asked, dl.due)}[
                    self.customer_deadline
                ]
                note = (
                    f"住户要求的期限 {asked.isoformat()} 取代默认期限 {dl.due.isoformat()}（{self.customer_deadline}）。"
                    f" / The resident's requested deadline {asked.isoformat()} applies instead of the default {dl.due.isoformat()} ({self.customer_deadline})."
                )
                source: Literal["policy", "customer"] = "customer"
            else:
                due = dl.due
                note = (
                    f"超时需经{st.approver}批准。 / An overrun needs the approval of {st.approver}."
                    if st.approver
                    else ""
                )
                source = "policy"
            left = _utc(due) - _utc(now) if now is not None else None
            out.append(StageDeadline(st, due, dl, source, note, left))
        warnings = []
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            if _utc(a.due) > _utc(b.due):
                out[k] = attrs.evolve(a, out_of_order=True)
                warnings.append(
                    f"{a.stage.name} 的期限 {a.due.isoformat()} 晚于下一阶段 {b.stage.name} 的期限 {b.due.isoformat()}"
                    f" / {a.stage.label('en')} is due {a.due.isoformat()}, after the next stage "
                    f"{b.stage.label('en')} due {b.due.isoformat()}"
                )
        return ComplaintTimeline(t, received, tuple(out), tuple(warnings), now)

    def evaluate(
        self, tier: str | SeverityTier, events: Iterable[TimerEvent], now: dt.datetime
    ) -> dict[str, TimerResult]:
        """Each stage's timer (events with ``metric`` set to the stage code; ``start`` is receipt)."""
        t = self.tier(tier)
        evs = list(events)
        return {st.code: evaluate_timer(st.code, self.clock, st.rule, evs, now) for st in t.stages}


# -- documents -------------------------------------------------------------------------------


class StageDoc(DocumentModel):
    """A stage in a complaint policy document."""

    code: str = pydantic.Field(min_length=1)
    name: str
    name_en: str = ""
    within: str
    role: str = ""
    role_en: str = ""
    approver: str = ""
    customer_may_set: bool = False
    end_of_day: Literal["close", "midnight"] | None = None


class TierDoc(DocumentModel):
    """A tier in a complaint policy document."""

    code: str = pydantic.Field(min_length=1)
    name: str
    name_en: str = ""
    rank: int
    stages: list[StageDoc]


class ComplaintPolicyDoc(DocumentModel):
    """A complaint policy document."""

    kind: Literal["complaint-policy"] = "complaint-policy"
    id: str = pydantic.Field(min_length=1)
    title: str
    title_en: str = ""
    source: str = ""
    clock: ClockSpec = ClockSpec()
    common_stages: list[StageDoc] = []
    tiers: list[TierDoc]
    categories: dict[str, str] = {}
    default_tier: str | None = None
    customer_deadline: Literal["replace", "earliest", "latest"] = "replace"
    notes: list[str] = []


def _from_data(data: Any, source: str) -> ComplaintPolicy:
    doc = validate(ComplaintPolicyDoc, data, source, _raw_problems)
    problems: list[Problem] = []
    clock = clocks_or_problems({"clock": doc.clock}, problems).get("clock")

    def stage(sd: StageDoc, path: str) -> Stage | None:
        d = duration_or_problem(sd.within, f"{path}.within", problems)
        if d is None:
            return None
        return Stage(
            sd.code,
            sd.name,
            DeadlineRule(d, end_of_day=sd.end_of_day),
            sd.name_en,
            sd.role,
            sd.approver,
            sd.customer_may_set,
            sd.role_en,
            sd.within,
        )

    common = [stage(s, f"common_stages[{i}]") for i, s in enumerate(doc.common_stages)]
    tiers = []
    for i, td in enumerate(doc.tiers):
        own = [stage(s, f"tiers[{i}].stages[{j}]") for j, s in enumerate(td.stages)]
        stages = tuple(s for s in [*common, *own] if s is not None)
        codes = [s.code for s in stages]
        if len(set(codes)) != len(codes):
            problems.append(Problem(f"tiers[{i}].stages", f"duplicate stage codes in {codes}", codes))
        tiers.append(SeverityTier(td.code, td.name, td.rank, stages, td.name_en))
    known = {t.code for t in tiers} | {t.name for t in tiers}
    for cat, tier in doc.categories.items():
        if tier not in known:
            problems.append(Problem(f"categories.{cat}", f"unknown tier {tier!r}", tier))
    if doc.default_tier is not None and doc.default_tier not in known:
        problems.append(Problem("default_tier", f"unknown tier {doc.default_tier!r}", doc.default_tier))
    ranks = [t.rank for t in tiers]
    if len(set(ranks)) != len(ranks):
        problems.append(Problem("tiers", f"tier ranks must differ, got {ranks}", ranks))
    if problems or clock is None:
        raise DocumentError(source, problems)
    return ComplaintPolicy(
        id=doc.id, title=doc.title, clock=clock, tiers=tuple(sorted(tiers, key=lambda t: t.rank)),
        categories=tuple(doc.categories.items()), default_tier=doc.default_tier,
        customer_deadline=doc.customer_deadline, source=doc.source, notes=tuple(doc.notes),
    )  # fmt: skip


def _raw_problems(data: Any) -> list[Problem]:
    """Unknown tier references, duplicate ranks and stage codes, read from unvalidated data."""
    problems: list[Problem] = []
    tiers = [t for t in raw_list(data, "tiers") if isinstance(t, dict)]
    known = {v for t in tiers for v in (t.get("code"), t.get("name")) if isinstance(v, str)}
    categories = data.get("categories") if isinstance(data, dict) else None
    for cat, tier in categories.items() if isinstance(categories, dict) else ():
        if isinstance(tier, str) and tier not in known:
            problems.append(Problem(f"categories.{cat}", f"unknown tier {tier!r}", tier))
    default = data.get("default_tier") if isinstance(data, dict) else None
    if isinstance(default, str) and default not in known:
        problems.append(Problem("default_tier", f"unknown tier {default!r}", default))
    ranks = [t.get("rank") for t in tiers if isinstance(t.get("rank"), int)]
    if len(set(ranks)) != len(ranks):
        problems.append(Problem("tiers", f"tier ranks must differ, got {ranks}", ranks))
    common = [s.get("code") for s in raw_list(data, "common_stages") if isinstance(s, dict)]
    for i, t in enumerate(tiers):
        codes = [
            c
            for c in [*common, *(s.get("code") for s in raw_list(t, "stages") if isinstance(s, dict))]
            if isinstance(c, str)
        ]
        if len(set(codes)) != len(codes):
            problems.append(Problem(f"tiers[{i}].stages", f"duplicate stage codes in {codes}", codes))
    return problems


def _utc(t: dt.datetime) -> dt.datetime:
    """``t`` on the UTC line (Python compares same-zone datetimes by wall time)."""
    return t.astimezone(dt.timezone.utc)
