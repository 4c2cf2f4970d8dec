"""Complaint severity tiers (重大 / 重要 / 轻微) and the deadline of every stage.

A :class:`ComplaintPolicy` has ordered :class:`SeverityTier` s; each tier has stages (forward the
form, report to the general manager, answer, resolve…) with a target, who acts (``actor``), who
receives (``to``: in 「当天呈送公司总经理」 the general manager receives, the reception clerk acts)
and the role that must approve an overrun. A complaint is classified by explicit tier or by
category (服务态度 24h, 产品质量 48h, 其他 72h); tiers, categories and roles are matched across
traditional and simplified script, width and case (服務態度 is 服务态度). "或在住户要求的期限内" is
modelled as written: a stage marked ``customer_may_set`` takes the resident's requested deadline in
place of its default, and the explanation says so; a requested deadline for a tier with no such
stage is refused (:class:`~servstd.errors.ComplaintError`), never dropped.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from servstd.sla import ComplaintPolicy
>>> policy = ComplaintPolicy.from_catalog("property-complaints")
>>> tl = policy.timeline(dt.datetime(2026, 9, 30, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai")), "重大")
>>> [(s.stage.name, s.due.isoformat()) for s in tl.stages]   # doctest: +NORMALIZE_WHITESPACE
[('发送住户投诉意见表', '2026-09-30T16:10:00+08:00'), ('呈送公司总经理', '2026-09-30T18:00:00+08:00'),
 ('明确答复住户', '2026-10-08T18:00:00+08:00'), ('解决', '2026-10-10T18:00:00+08:00'),
 ('将住户投诉意见表交到经营部', '2026-10-12T18:00:00+08:00'), ('将处理结果通报给投诉的住户', '2026-10-13T18:00:00+08:00')]

A stage may follow another (``after``): 「在投訴處理完畢的當天將住戶投訴意見表交到經營部」 counts from
handling, so in a timeline it counts from the due of 解决 (10-10 18:00, the close of that day: 当天
falls to the next working day, 10-12), and in :meth:`~ComplaintPolicy.evaluate` from the moment
handling was completed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs
import pydantic

from servstd._deprecation import warn_renamed
from servstd._documents import (
    DocumentModel,
    SourceDoc,
    named,
    parse_document,
    raw_list,
    read_document,
    read_path,
    source_of,
    validate,
)
from servstd._input import aware
from servstd._lang import Lang, check_lang, in_lang
from servstd._names import FoldedNames, fold
from servstd._schema import Extra, Shaped
from servstd._source import Source, as_source
from servstd.errors import (
    ComplaintError,
    DocumentError,
    InputTypeError,
    Problem,
    UnknownNameError,
)
from servstd.sla.clock.clock_spec import ClockSpec
from servstd.sla.clock.deadline import Deadline, DeadlineRule
from servstd.sla.clock.service_clock import ServiceClock
from servstd.sla.policy.sla_policy import catalog_policy, clocks_or_problems, duration_or_problem
from servstd.sla.policy.timer import EventKind, TimerEvent, TimerResult, evaluate_timer

__all__ = ["ComplaintPolicy", "ComplaintTimeline", "SeverityTier", "Stage", "StageDeadline"]


@attrs.frozen
class Stage(Shaped):
    """One stage of handling a complaint: what is done, by whom, for whom, within which limit."""

    code: str
    name: str
    rule: DeadlineRule
    name_en: str = ""
    actor: str = ""
    """Who acts at this stage (经营部接待员 forwards the form), when the policy says."""
    approver: str = ""
    """Who must approve an overrun of this stage (超时需经…批准)."""
    customer_may_set: bool = False
    """The resident may ask for another deadline (或在住户要求的期限内)."""
    actor_en: str = ""
    """``actor`` in English (``actor`` is used when empty)."""
    rule_text: str = ""
    """The time limit as the policy writes it ("10分钟", "当天", "2日"); the rule's text when empty."""
    to: str = ""
    """Who receives (呈送公司总经理 → 公司总经理; 发送到被投诉部门 → 被投诉部门), when the policy says."""
    to_en: str = ""
    """``to`` in English (``to`` is used when empty)."""
    after: str = ""
    """The code of the stage this one follows, as 「在投訴處理完畢的當天」 follows handling. Its time
    limit counts from that stage's due instant in a timeline, and from its completion when a case is
    evaluated; when empty, from the receipt."""

    def name_in(self, lang: Lang = "zh") -> str:
        """The stage's name in ``lang`` (``"zh"``, the default, or ``"en"``; the Chinese name when
        no English one is given)."""
        return in_lang(self.name, self.name_en, lang)

    def actor_in(self, lang: Lang = "zh") -> str:
        """Who acts, in ``lang``."""
        return in_lang(self.actor, self.actor_en, lang)

    def to_in(self, lang: Lang = "zh") -> str:
        """Who receives, in ``lang``."""
        return in_lang(self.to, self.to_en, lang)

    def label(self, lang: Lang = "zh") -> str:
        """Deprecated; use :meth:`name_in`."""
        warn_renamed("Stage.label", "Stage.name_in")
        return self.name_in(lang)

    def actor_label(self, lang: Lang = "zh") -> str:
        """Deprecated; use :meth:`actor_in`."""
        warn_renamed("Stage.actor_label", "Stage.actor_in")
        return self.actor_in(lang)

    def to_label(self, lang: Lang = "zh") -> str:
        """Deprecated; use :meth:`to_in`."""
        warn_renamed("Stage.to_label", "Stage.to_in")
        return self.to_in(lang)

    def parties(self, lang: Lang = "zh") -> str:
        """Who acts and who receives, as explanations print them: 「经营部接待员 → 公司总经理」."""
        actor, to = self.actor_in(lang), self.to_in(lang)
        if actor and to:
            return f"{actor} → {to}"
        if to:
            return f"→ {to}"
        return actor

    @property
    def limit(self) -> str:
        """The stage's time limit as written (``rule_text``, else the rule's duration)."""
        return self.rule_text or str(self.rule.duration)


@attrs.frozen
class SeverityTier(Shaped):
    """A tier: lower ``rank`` is more severe."""

    code: str
    name: str
    rank: int
    stages: tuple[Stage, ...]
    name_en: str = ""

    def name_in(self, lang: Lang = "zh") -> str:
        """The tier's name in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        return in_lang(self.name, self.name_en, lang)

    def label(self, lang: Lang = "zh") -> str:
        """Deprecated; use :meth:`name_in`."""
        warn_renamed("SeverityTier.label", "SeverityTier.name_in")
        return self.name_in(lang)

    def stage(self, code: str) -> Stage:
        """The stage with ``code``; an :class:`~servstd.errors.UnknownNameError` if none."""
        for s in self.stages:
            if s.code == code:
                return s
        raise UnknownNameError(code, "code", [s.code for s in self.stages], kind="stage")


@attrs.frozen
class StageDeadline(Shaped):
    """A stage's due instant, with the full deadline explanation and who approves an overrun.

    ``time_left`` is ``due - now`` (elapsed time; negative when overdue) when the timeline was
    built with ``now``. ``out_of_order`` marks a stage due after the stage that follows it.
    :meth:`note_in` says who must approve an overrun, or that the resident's deadline applies
    (the ``note`` of its JSON form, in the language asked for).
    """

    _json_extra: ClassVar[tuple[Extra, ...]] = (("note", str, lambda s, lang: s.note_in(lang)),)

    stage: Stage
    due: dt.datetime
    deadline: Deadline | None
    source: Literal["policy", "customer"] = "policy"
    _note: tuple[str, str] = attrs.field(default=("", ""), alias="note_texts")
    """The note in Chinese and in English (read it with :meth:`note_in`)."""
    time_left: dt.timedelta | None = None
    out_of_order: bool = False

    def note_in(self, lang: Lang = "zh") -> str:
        """Who must approve an overrun, or that the resident's requested deadline applies, in
        ``lang`` (``"zh"``, the default, or ``"en"``); empty when there is nothing to note."""
        zh, en = self._note
        return zh if check_lang(lang) == "zh" else en

    @property
    def note(self) -> str:
        """Deprecated; use :meth:`note_in` (this joins both languages with " / ")."""
        warn_renamed("StageDeadline.note", "StageDeadline.note_in(lang)")
        zh, en = self._note
        return f"{zh} / {en}" if zh else ""

    @property
    def actor(self) -> str:
        """Who acts at this stage."""
        return self.stage.actor

    @property
    def to(self) -> str:
        """Who receives at this stage."""
        return self.stage.to

    @property
    def rule_text(self) -> str:
        """The stage's time limit as written ("10分钟", "当天", "2日")."""
        return self.stage.limit

    def explain(self, lang: Lang = "zh") -> str:
        """The explanation of this stage's deadline in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        lang = check_lang(lang)
        mark = "⚠ " if self.out_of_order else ""
        parties = self.stage.parties(lang)
        who = f" ({parties})" if parties else ""
        head = f"{mark}{self.stage.name_in(lang)}{who} [{self.rule_text}]"
        note = self.note_in(lang)
        body = self.deadline.explain(lang) if self.deadline is not None else note
        extra = f"\n{note}" if self.deadline is not None and note else ""
        left = ""
        if self.time_left is not None:
            word = ("剩余", "超时") if lang == "zh" else ("time left", "overdue by")
            span = self.time_left if self.time_left >= dt.timedelta(0) else -self.time_left
            left = f"\n{word[0] if self.time_left >= dt.timedelta(0) else word[1]}: {span}"
        return f"{head}:\n{body}{extra}{left}"


@attrs.frozen
class ComplaintTimeline(Shaped):
    """Every stage's deadline for one complaint.

    :meth:`warnings_in` lists what a reader must not miss, e.g. a stage due after the stage that
    follows it (转呈主管经理 due 18:30 after the next stage's 18:00); such stages are marked ``⚠``
    in :meth:`explain` and have ``out_of_order`` set. Its JSON form carries them as ``warnings``.
    """

    _json_extra: ClassVar[tuple[Extra, ...]] = (
        ("warnings", tuple[str, ...], lambda t, lang: t.warnings_in(lang)),
    )

    tier: SeverityTier
    received: dt.datetime
    stages: tuple[StageDeadline, ...]
    _warnings: tuple[tuple[str, str], ...] = attrs.field(default=(), alias="warning_texts")
    """Each warning in Chinese and in English (read them with :meth:`warnings_in`)."""
    now: dt.datetime | None = None

    def stage(self, code: str) -> StageDeadline:
        """The deadline of the stage with ``code`` (``resolve``, ``hand-in``…); an unknown code is
        an :class:`~servstd.errors.UnknownNameError`.

        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> tl = ComplaintPolicy.from_catalog("property-complaints").timeline(
        ...     dt.datetime(2026, 9, 29, 10, tzinfo=ZoneInfo("Asia/Shanghai")), "轻微")
        >>> [(c, tl.stage(c).due.isoformat()) for c in ("resolve", "hand-in", "notify")]  # doctest: +NORMALIZE_WHITESPACE
        [('resolve', '2026-10-08T18:00:00+08:00'), ('hand-in', '2026-10-09T18:00:00+08:00'),
         ('notify', '2026-10-10T18:00:00+08:00')]
        """
        for s in self.stages:
            if s.stage.code == code:
                return s
        raise UnknownNameError(code, "code", [s.stage.code for s in self.stages], kind="stage")

    def warnings_in(self, lang: Lang = "zh") -> tuple[str, ...]:
        """The warnings in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        i = 0 if check_lang(lang) == "zh" else 1
        return tuple(w[i] for w in self._warnings)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Deprecated; use :meth:`warnings_in` (this joins both languages with " / ")."""
        warn_renamed("ComplaintTimeline.warnings", "ComplaintTimeline.warnings_in(lang)")
        return tuple(f"{zh} / {en}" for zh, en in self._warnings)

    def explain(self, lang: Lang = "zh") -> str:
        """All stages explained in ``lang`` (``"zh"``, the default, or ``"en"``), warnings first."""
        lang = check_lang(lang)
        title = f"{self.tier.name_in(lang)} ({self.tier.code})"
        warnings = "".join(f"\n⚠ {w}" for w in self.warnings_in(lang))
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
    source: Source = attrs.field(default=Source(), converter=as_source)
    """The source the policy comes from — its title and the verbatim passages it models."""
    notes: tuple[str, ...] = ()

    @classmethod
    def read(cls, path: str | PathLike[str]) -> ComplaintPolicy:
        """The complaint policy in the file ``path`` (YAML, or JSON/TOML by the suffix); problems
        are one :class:`~servstd.errors.DocumentError` with paths inside the document."""
        data, source = read_path(path, text_reader="ComplaintPolicy.parse")
        with named("path"):
            return _from_data(data, source)

    @classmethod
    def parse(cls, text: str) -> ComplaintPolicy:
        """The complaint policy in ``text`` (YAML, or JSON); problems as for :meth:`read`."""
        data, source = parse_document(text, file_reader="ComplaintPolicy.read")
        with named("text"):
            return _from_data(data, source)

    @classmethod
    def load(cls, path_or_text: str | Path) -> ComplaintPolicy:
        """Deprecated; use :meth:`read` (a file) or :meth:`parse` (text); this guesses which from the suffix."""
        warn_renamed("ComplaintPolicy.load", "ComplaintPolicy.read(path) or ComplaintPolicy.parse(text)")
        data, source = read_document(path_or_text)
        return _from_data(data, source)

    @classmethod
    def from_catalog(cls, policy_id: str, *, clock: ServiceClock | None = None) -> ComplaintPolicy:
        """A complaint policy shipped in the catalog: the same object as
        ``catalog().complaint_policy(policy_id)``, built once per calendar state
        (:func:`~servstd.sla.calendar.calendar_state.notice_state`; after
        :func:`~servstd.sla.calendar.calendar_state.reload_notices` its clock reads the notices again).

        With ``clock``, the policy's stages are timed on that clock instead (:meth:`with_clock`).
        """
        policy = catalog_policy(policy_id, "complaint-policy", _from_data)
        return policy if clock is None else policy.with_clock(clock)

    def with_clock(self, clock: ServiceClock) -> ComplaintPolicy:
        """This policy with its stages timed on ``clock`` (a service's own shared clock).

        >>> clock = ServiceClock.always()
        >>> ComplaintPolicy.from_catalog("property-complaints").with_clock(clock).clock is clock
        True
        """
        if not isinstance(clock, ServiceClock):
            raise InputTypeError(clock, "clock", "a ServiceClock")
        return attrs.evolve(self, clock=clock)

    def tier(self, key: str | SeverityTier) -> SeverityTier:
        """A tier by code, Chinese or English name, in either script (重大, major, 重大 as 重大)."""
        if isinstance(key, SeverityTier):
            return key
        if isinstance(key, str):
            for t in self.tiers:  # as written first: folding loads the script tables
                if key in (t.code, t.name, t.name_en):
                    return t
            for t in self.tiers:
                if key in FoldedNames(n for n in (t.code, t.name, t.name_en) if n):
                    return t
        if not isinstance(key, str):
            raise InputTypeError(key, "tier", "a tier's code or name (text), or a SeverityTier")
        raise UnknownNameError(key, "tier", [n for t in self.tiers for n in (t.code, t.name)], kind="tier")

    def classify(self, category: str) -> SeverityTier:
        """The tier of a complaint category, named in either script (服務態度 is 服务态度); the
        default tier for categories not listed.

        >>> types = ComplaintPolicy.from_catalog("complaint-types")
        >>> types.classify("服務態度").code, types.classify("服务态度").code, types.classify("快递").code
        ('attitude', 'attitude', 'other')
        """
        if not isinstance(category, str):
            raise InputTypeError(category, "category", "a category name (text)")
        mapping = dict(self.categories)
        found = category if category in mapping else FoldedNames(mapping).find(category)
        if found is not None:
            return self.tier(mapping[found])
        if self.default_tier is not None:
            return self.tier(self.default_tier)
        raise UnknownNameError(category, "category", list(mapping), kind="category")

    def takes_customer_deadline(self, tier: str | SeverityTier) -> tuple[Stage, ...]:
        """The stages of ``tier`` that take the resident's requested deadline (``customer_may_set``)."""
        return tuple(s for s in self.tier(tier).stages if s.customer_may_set)

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
        applies to stages marked ``customer_may_set``, and a tier without such a stage refuses it
        (:class:`~servstd.errors.ComplaintError` naming the tiers that take one): the policy's own
        limits bind there, and a deadline the resident asked for is never silently dropped. With
        ``now``, each stage carries its ``time_left``. Stages due after the stage that follows them
        are flagged in ``warnings``.

        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> tl = ComplaintPolicy.from_catalog("property-complaints").timeline(
        ...     dt.datetime(2026, 9, 30, 17, 30, tzinfo=ZoneInfo("Asia/Shanghai")), "重要")
        >>> [(s.stage.name, s.actor, s.to, s.rule_text, s.due.strftime("%H:%M"), s.out_of_order) for s in tl.stages[1:3]]  # doctest: +NORMALIZE_WHITESPACE
        [('转呈主管经理', '经营部接待员', '主管经理', '1小时', '18:30', True),
         ('经经营部经理转呈公司总经理或管理部主管经理', '经营部接待员', '公司总经理或管理部主管经理', '当天', '18:00', False)]
        >>> print(tl.warnings_in("en")[0])
        Escalate to the managing manager is due 2026-09-30T18:30:00+08:00, after the next stage Forward to the general manager due 2026-09-30T18:00:00+08:00
        """
        aware(received_at, "received_at")  # errors name this method's parameters
        if now is not None:
            aware(now, "now")
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
            self._check_customer_deadline(t)
            aware(customer_deadline, "customer_deadline")
            if _utc(customer_deadline) < _utc(received):
                raise ComplaintError(
                    f"the requested deadline {self.clock.local(customer_deadline).isoformat()} is before the "
                    f"receipt {received.isoformat()}; a deadline is at or after the receipt",
                    customer_deadline,
                )
        if now is not None:
            now = self.clock.local(now)  # checks it is an aware datetime
        out: list[StageDeadline] = []
        due_of: dict[str, StageDeadline] = {}
        for st in t.stages:
            after = due_of.get(st.after) if st.after else None
            dl = self.clock.deadline(after.due if after is not None else received_at, st.rule)
            if st.customer_may_set and customer_deadline is not None:
                asked = self.clock.local(customer_deadline)
                due = {"replace": asked, "earliest": min(asked, dl.due), "latest": max(asked, dl.due)}[
                    self.customer_deadline
                ]
                note: tuple[str, str] = (
                    f"住户要求的期限 {asked.isoformat()} 取代默认期限 {dl.due.isoformat()}（{self.customer_deadline}）。",
                    f"The resident's requested deadline {asked.isoformat()} applies instead of the default {dl.due.isoformat()} ({self.customer_deadline}).",
                )
                source: Literal["policy", "customer"] = "customer"
            else:
                due = dl.due
                note = (
                    (f"超时需经{st.approver}批准。", f"An overrun needs the approval of {st.approver}.")
                    if st.approver
                    else ("", "")
                )
                source = "policy"
            if after is not None:
                counted = (
                    f"自「{after.stage.name}」的期限 {after.due.isoformat()} 起算。",
                    f"Counted from the due of {after.stage.name_in('en')}, {after.due.isoformat()}.",
                )
                note = (f"{counted[0]}\n{note[0]}", f"{counted[1]}\n{note[1]}") if note[0] else counted
            left = _utc(due) - _utc(now) if now is not None else None
            out.append(StageDeadline(st, due, dl, source, note_texts=note, time_left=left))
            due_of[st.code] = out[-1]
        warnings = []
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            if _utc(a.due) > _utc(b.due):
                out[k] = attrs.evolve(a, out_of_order=True)
                warnings.append(
                    (
                        f"{a.stage.name} 的期限 {a.due.isoformat()} 晚于下一阶段 {b.stage.name} 的期限 {b.due.isoformat()}",
                        f"{a.stage.name_in('en')} is due {a.due.isoformat()}, after the next stage "
                        f"{b.stage.name_in('en')} due {b.due.isoformat()}",
                    )
                )
        return ComplaintTimeline(t, received, tuple(out), warning_texts=tuple(warnings), now=now)

    def _check_customer_deadline(self, t: SeverityTier) -> None:
        """Refuse a resident's deadline for a tier none of whose stages takes one."""
        if self.takes_customer_deadline(t):
            return
        takers = [x for x in self.tiers if self.takes_customer_deadline(x)]
        where = (
            "only " + ", ".join(
                f"{x.name} ({x.code}): {'、'.join(s.name for s in self.takes_customer_deadline(x))}" for x in takers
            ) + " takes one"
            if takers
            else f"no stage of {self.id} takes one"
        )  # fmt: skip
        raise ComplaintError(
            f"a resident's requested deadline does not apply to {t.name} ({t.code}): its stages keep the "
            f"policy's limits ({where}); leave the requested deadline out, or give the tier it is for",
            t.code,
        )

    def evaluate(
        self, tier: str | SeverityTier, events: Iterable[TimerEvent], now: dt.datetime
    ) -> dict[str, TimerResult]:
        """Each stage's timer (events with ``metric`` set to the stage code; ``start`` is receipt).

        An extension of a stage whose overrun needs an approver (超时需经主管经理批准) must be
        approved by that role — named in either script (主管經理 is 主管经理); another approver is
        a :class:`~servstd.errors.ComplaintError`, not an extension.
        """
        t = self.tier(tier)
        evs = list(events)
        by_code = {st.code: st for st in t.stages}
        for e in evs:
            if e.kind is not EventKind.EXTEND or not e.approver:
                continue  # an extension without an approver is the timer's error
            for st in [by_code[e.metric]] if e.metric in by_code else [] if e.metric else t.stages:
                if st.approver and fold(e.approver) != fold(st.approver):
                    raise ComplaintError(
                        f"{st.name} ({st.code}): the extension at {e.at.isoformat()} is approved by "
                        f"{e.approver!r}, but an overrun of this stage needs the approval of {st.approver}",
                        e.approver,
                    )
        results: dict[str, TimerResult] = {}
        for st in t.stages:
            if not st.after:
                results[st.code] = evaluate_timer(st.code, self.clock, st.rule, evs, now)
                continue
            start = results[st.after].completed  # pending until the stage before completes
            results[st.code] = (
                evaluate_timer(st.code, self.clock, st.rule, [], now)
                if start is None
                else evaluate_timer(st.code, self.clock, st.rule, evs, now, start=start)
            )
        return results


# -- documents -------------------------------------------------------------------------------


class StageDoc(DocumentModel):
    """A stage in a complaint policy document."""

    code: str = pydantic.Field(min_length=1)
    name: str
    name_en: str = ""
    within: str
    actor: str = ""
    actor_en: str = ""
    to: str = ""
    to_en: str = ""
    approver: str = ""
    customer_may_set: bool = False
    end_of_day: Literal["close", "midnight"] | None = None
    after: str | None = None


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
    source: SourceDoc = SourceDoc()
    clock: ClockSpec = ClockSpec()
    common_stages: list[StageDoc] = []
    """Stages every tier begins with (before its own)."""
    closing_stages: list[StageDoc] = []
    """Stages every tier ends with, after its own (report the result to the resident…)."""
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
            code=sd.code, name=sd.name, rule=DeadlineRule(d, end_of_day=sd.end_of_day), name_en=sd.name_en,
            actor=sd.actor, approver=sd.approver, customer_may_set=sd.customer_may_set, actor_en=sd.actor_en,
            rule_text=sd.within, to=sd.to, to_en=sd.to_en, after=sd.after or "",
        )  # fmt: skip

    common = [stage(s, f"common_stages[{i}]") for i, s in enumerate(doc.common_stages)]
    closing = [stage(s, f"closing_stages[{i}]") for i, s in enumerate(doc.closing_stages)]
    tiers = []
    for i, td in enumerate(doc.tiers):
        own = [stage(s, f"tiers[{i}].stages[{j}]") for j, s in enumerate(td.stages)]
        stages = tuple(s for s in [*common, *own, *closing] if s is not None)
        codes = [s.code for s in stages]
        if len(set(codes)) != len(codes):
            problems.append(Problem(f"tiers[{i}].stages", f"duplicate stage codes in {codes}", codes))
        for k, st in enumerate(stages):
            if st.after and st.after not in codes[:k]:
                problems.append(
                    Problem(
                        f"tiers[{i}].stages",
                        f"stage {st.code!r} follows {st.after!r}, which is not a stage before it in tier "
                        f"{td.code!r} (stages in order: {', '.join(codes)})",
                        st.after,
                    )
                )
        tiers.append(SeverityTier(td.code, td.name, td.rank, stages, td.name_en))
    known = FoldedNames([*(t.code for t in tiers), *(t.name for t in tiers)])
    for cat, tier in doc.categories.items():
        if tier not in known:
            problems.append(Problem(f"categories.{cat}", f"unknown tier {tier!r}", tier))
    problems += _alike_categories(doc.categories)
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
        customer_deadline=doc.customer_deadline, source=source_of(doc.source), notes=tuple(doc.notes),
    )  # fmt: skip


def _raw_problems(data: Any) -> list[Problem]:
    """Unknown tier references, duplicate ranks and stage codes, read from unvalidated data."""
    problems: list[Problem] = []
    tiers = [t for t in raw_list(data, "tiers") if isinstance(t, dict)]
    known = FoldedNames(v for t in tiers for v in (t.get("code"), t.get("name")) if isinstance(v, str))
    categories = data.get("categories") if isinstance(data, dict) else None
    for cat, tier in categories.items() if isinstance(categories, dict) else ():
        if isinstance(tier, str) and tier not in known:
            problems.append(Problem(f"categories.{cat}", f"unknown tier {tier!r}", tier))
    if isinstance(categories, dict):
        problems += _alike_categories({str(k): v for k, v in categories.items()})
    default = data.get("default_tier") if isinstance(data, dict) else None
    if isinstance(default, str) and default not in known:
        problems.append(Problem("default_tier", f"unknown tier {default!r}", default))
    ranks = [t.get("rank") for t in tiers if isinstance(t.get("rank"), int)]
    if len(set(ranks)) != len(ranks):
        problems.append(Problem("tiers", f"tier ranks must differ, got {ranks}", ranks))
    common = [s.get("code") for s in raw_list(data, "common_stages") if isinstance(s, dict)]
    closing = [s.get("code") for s in raw_list(data, "closing_stages") if isinstance(s, dict)]
    for i, t in enumerate(tiers):
        own = [s.get("code") for s in raw_list(t, "stages") if isinstance(s, dict)]
        codes = [c for c in [*common, *own, *closing] if isinstance(c, str)]
        if len(set(codes)) != len(codes):
            problems.append(Problem(f"tiers[{i}].stages", f"duplicate stage codes in {codes}", codes))
    return problems


def _alike_categories(categories: dict[str, Any]) -> list[Problem]:
    """Categories that read alike (服務態度 and 服务态度) but go to different tiers: ambiguous."""
    first: dict[str, tuple[str, Any]] = {}
    problems = []
    for cat, tier in categories.items():
        key = fold(cat)
        if key in first and fold(str(first[key][1])) != fold(str(tier)):
            other, other_tier = first[key]
            problems.append(
                Problem(
                    f"categories.{cat}",
                    f"{cat!r} reads as {other!r} (traditional and simplified script, width and case are "
                    f"one name) but goes to tier {tier!r}, not {other_tier!r}",
                    cat,
                )
            )
        first.setdefault(key, (cat, tier))
    return problems


def _utc(t: dt.datetime) -> dt.datetime:
    """``t`` on the UTC line (Python compares same-zone datetimes by wall time)."""
    return t.astimezone(dt.timezone.utc)
