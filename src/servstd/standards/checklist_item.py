"""A checklist item (检查项/考核项): one requirement, how it is counted and what it is worth."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from servstd._deprecation import warn_renamed
from servstd._lang import Lang, check_lang, in_lang
from servstd._schema import Shaped
from servstd.sla.clock.durations import Duration, parse_duration
from servstd.standards.due_date import DueDate
from servstd.standards.frequency import Frequency
from servstd.standards.measure import Measure

__all__ = ["ChecklistItem", "CountUnit", "ItemKind", "TimeLimit"]


class ItemKind(enum.Enum):
    """What an item asks for."""

    REQUIREMENT = "requirement"
    """Something to do or to be (要…)."""
    PROHIBITION = "prohibition"
    """Something not to do (不要…, 严禁…)."""
    TIME_LIMIT = "time_limit"
    """Something to do within a time limit (…内完成)."""
    STEP = "step"
    """One step of an ordered procedure (流程) with its ``actor``, its action (``text``) and an
    optional ``time_limit``, checked in an inspection as 「是否按流程」 (done as written, in order)."""


class CountUnit(enum.Enum):
    """How a non-conformity is counted: 每项 / 处 / 次."""

    ITEM = "item"
    """Counted once per item (每项), however many places."""
    PLACE = "place"
    """Counted once per place found (每处)."""
    OCCURRENCE = "occurrence"
    """Counted once per occurrence (每次)."""

    def label(self, lang: Lang = "zh") -> str:
        """The counter word in ``lang``: 项 / 处 / 次, or item / place / occurrence."""
        return (
            {"item": "项", "place": "处", "occurrence": "次"}[self.value]
            if check_lang(lang) == "zh"
            else self.value
        )

    @property
    def zh(self) -> str:
        """Deprecated; use ``label("zh")``."""
        warn_renamed("CountUnit.zh", 'CountUnit.label("zh")')
        return self.label("zh")


def _optional_duration(value: str | Duration | None) -> Duration | None:
    return None if value is None else parse_duration(value)


@attrs.frozen
class TimeLimit(Shaped):
    """A time limit: within ``duration`` of ``start_event`` — or a window from ``earliest`` on.

    "投诉处理完成后3-7天内回访" is ``TimeLimit(duration="7日", earliest="3日", start_event="投诉处理完成")``.
    """

    duration: Duration = attrs.field(converter=parse_duration)
    earliest: Duration | None = attrs.field(default=None, converter=_optional_duration)
    start_event: str = ""
    clock: str = ""
    """Which clock counts it ("7x24", "office hours"…), when the standard says."""
    text: str = ""
    """The limit in the source's words ("一个日内"), when it was written so; ``duration`` is its reading."""
    clause: str = ""
    """The words of the item's text the limit belongs to, when the item has several clauses
    (「城区出险40分钟内到达现场」 of 第四十三条)."""

    def __str__(self) -> str:
        """The limit as written: ``text``, else the window or the duration."""
        if self.text:
            return self.text
        return f"{self.earliest}–{self.duration}" if self.earliest is not None else str(self.duration)


def _frequencies(value: Frequency | tuple[Frequency, ...] | None) -> tuple[Frequency, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, Frequency) else tuple(value)


def _time_limits(value: TimeLimit | tuple[TimeLimit, ...] | None) -> tuple[TimeLimit, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, TimeLimit) else tuple(value)


def _measures(value: Measure | tuple[Measure, ...] | None) -> tuple[Measure, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, Measure) else tuple(value)


@attrs.frozen
class ChecklistItem(Shaped):
    """One item of a standard.

    ``points`` is what the item is worth; a finding deducts ``deduct`` per ``per`` counted, capped at
    ``cap`` (default: ``points``). ``veto`` items (一票否决) decide the whole result when failed.

    One item is one requirement of the source, however many clauses it has: each clause's
    frequency, time limit or measured bound is an attribute of the item (``frequencies``,
    ``time_limits``, ``measures``), so a fault is counted once. 「每月5日前统计…;…每周更新一次」 is one
    item with two frequencies. A plan item has a ``due`` date (「下月初」), resolved from the plan's date.
    """

    code: str
    text: str
    text_en: str = ""
    kind: ItemKind = ItemKind.REQUIREMENT
    points: Decimal | None = None
    deduct: Decimal | None = None
    per: CountUnit = CountUnit.ITEM
    cap: Decimal | None = None
    frequencies: tuple[Frequency, ...] = attrs.field(default=(), converter=_frequencies)
    """How often the item's clauses must be done, in the order written (may be empty)."""
    time_limits: tuple[TimeLimit, ...] = attrs.field(default=(), converter=_time_limits)
    """The time limits of the item's clauses, in the order written (may be empty)."""
    veto: bool = False
    bonus: bool = False
    tags: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    evidence: str = ""
    notes: str = ""
    actor: str = ""
    """Who performs the item, e.g. a step's actor (大堂经理, 客服人员), when the text says."""
    to: str = ""
    """Who receives what the item hands on, when the text names a recipient (in 「当天呈送公司总经理」
    the general manager is the recipient, ``to``, not the one who acts, ``actor``)."""
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=_measures)
    """Counts and sizes the item bounds, in the order written (「在第三次振铃之前」 is fewer than 3 rings)."""
    due: DueDate | None = None
    """When a plan item is due (「下月初」, 「2024年第一季度」); :meth:`DueDate.resolve` gives its dates."""

    def text_in(self, lang: Lang = "zh") -> str:
        """The requirement in ``lang``: ``text`` as written (``"zh"``, the default), or its English
        gloss ``text_en`` (``"en"``; the text as written when there is none)."""
        return in_lang(self.text, self.text_en, lang)

    @property
    def frequency(self) -> Frequency | None:
        """The (first) frequency, or ``None``."""
        return self.frequencies[0] if self.frequencies else None

    @property
    def time_limit(self) -> TimeLimit | None:
        """The (first) time limit, or ``None``."""
        return self.time_limits[0] if self.time_limits else None

    @property
    def max_deduction(self) -> Decimal | None:
        """The most this item can lose (its cap, else its points, else unbounded as ``None``)."""
        return self.cap if self.cap is not None else self.points
