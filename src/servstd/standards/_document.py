"""The standard document format (YAML/JSON/TOML), validated with pydantic at the edge.

These models describe what people write; :func:`to_domain` turns a validated document into the
frozen domain objects once, and :func:`to_data` writes a domain object back as plain data.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

import pydantic

from servstd._documents import DocumentModel, Number, NumberText, SourceDoc, raw_list, raw_number, source_of
from servstd.errors import DocumentError, DurationParseError, Problem, ServstdError
from servstd.sla.clock.durations import Duration, parse_duration
from servstd.standards.checklist_item import ChecklistItem, CountUnit, ItemKind, TimeLimit
from servstd.standards.due_date import DueDate
from servstd.standards.frequency import Frequency
from servstd.standards.grade import GradeBand, GradeScale
from servstd.standards.kpi import Band, KpiCriterion, Mapping, read_value
from servstd.standards.measure import Measure
from servstd.standards.standard import DocumentKind, Rounding, Scheme, Section, Standard, VetoEffect

_PER = {"item": "item", "项": "item", "每项": "item", "place": "place", "处": "place", "每处": "place",
        "occurrence": "occurrence", "次": "occurrence", "每次": "occurrence"}  # fmt: skip


class DefaultsDoc(DocumentModel):
    """Defaults applied to the items below (a visible, overridable deduction unit)."""

    deduct: Number | None = pydantic.Field(default=None, gt=0)
    per: str | None = None

    @pydantic.field_validator("per")
    @classmethod
    def _per(cls, v: str | None) -> str | None:
        if v is not None and v not in _PER:
            raise ValueError(f"unknown count unit {v!r}; accepted: item/项, place/处, occurrence/次")
        return v


class TimeLimitDoc(DocumentModel):
    """``within`` a duration of ``start_event``; ``from`` gives the start of a window (3–7天)."""

    within: str
    from_: str | None = pydantic.Field(default=None, alias="from")
    start_event: str = ""
    clock: str = ""
    clause: str = ""


class MeasureDoc(DocumentModel):
    """A measured quantity and its bounds (``at_least``/``at_most`` include the number, ``above``/``below`` do not)."""

    quantity: str = pydantic.Field(min_length=1)
    unit: str = ""
    at_least: Number | None = None
    at_most: Number | None = None
    above: Number | None = None
    below: Number | None = None
    clause: str = ""


def _plain_code(v: str) -> str:
    """An item or criterion code is written on forms and read back from them: no control characters."""
    bad = next((ch for ch in v if unicodedata.category(ch) == "Cc"), None)
    if bad is not None:
        raise ValueError(
            f"a code has no control characters (found U+{ord(bad):04X}); accepted: printable text"
        )
    return v


Code = Annotated[str, pydantic.Field(min_length=1), pydantic.AfterValidator(_plain_code)]
"""An item or criterion code: non-empty, printable (it is written on forms and read back)."""


class ItemDoc(DocumentModel):
    """A checklist item."""

    code: Code
    text: str = pydantic.Field(min_length=1)
    text_en: str = ""
    kind: Literal["requirement", "prohibition", "time_limit", "step"] = "requirement"
    points: Number | None = pydantic.Field(default=None, ge=0)
    deduct: Number | None = pydantic.Field(default=None, gt=0)
    per: str | None = None
    cap: Number | None = pydantic.Field(default=None, ge=0)
    frequency: str | list[str] | None = None
    time_limit: str | TimeLimitDoc | list[str | TimeLimitDoc] | None = None
    veto: bool = False
    bonus: bool = False
    tags: list[str] = []
    roles: list[str] = []
    evidence: str = ""
    notes: str = ""
    actor: str = ""
    to: str = ""
    measures: list[MeasureDoc] = []
    due: str | None = None

    _check_per = pydantic.field_validator("per")(DefaultsDoc._per.__func__)  # type: ignore[attr-defined]


class SectionDoc(DocumentModel):
    """A section: items and nested sections."""

    id: str = pydantic.Field(min_length=1)
    title: str
    title_en: str = ""
    max_points: Number | None = pydantic.Field(default=None, ge=0)
    notes: str = ""
    defaults: DefaultsDoc | None = None
    items: list[ItemDoc] = []
    sections: list[SectionDoc] = []


class GradeDoc(DocumentModel):
    """A grade band: from ``min``; to ``max`` or the next band's ``min``."""

    name: str
    min: Number
    max: Number | None = None
    name_en: str = ""


class BandDoc(DocumentModel):
    """A KPI band: values from ``min`` earn ``points``."""

    min: Number | NumberText
    points: Number = pydantic.Field(ge=0, le=100)


class CriterionDoc(DocumentModel):
    """A weighted KPI criterion."""

    code: Code
    name: str
    name_en: str = ""
    weight: Number = pydantic.Field(gt=0, le=1)
    unit: Literal["rating", "ratio", "seconds", "count"] = "rating"
    mapping: Literal["linear", "threshold", "bands"] = "linear"
    higher_is_better: bool = True
    worst: Number | NumberText | None = None
    best: Number | NumberText | None = None
    target: Number | NumberText | None = None
    bands: list[BandDoc] = []
    minimum: Number | NumberText | None = None
    maximum: Number | NumberText | None = None
    text: str = ""


class RoundingDoc(DocumentModel):
    """Rounding rule."""

    places: int = pydantic.Field(default=2, ge=0, le=6)
    mode: Literal[
        "ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP", "ROUND_FLOOR", "ROUND_CEILING"
    ] = "ROUND_HALF_UP"


class StandardDoc(DocumentModel):
    """A service standard document (``kind``: a standard, a procedure, a schedule or a reference; exports write it)."""

    kind: Literal["standard", "procedure", "schedule", "reference"] = "standard"
    id: str = pydantic.Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: str = pydantic.Field(min_length=1)
    title_en: str = ""
    version: str = "1"
    effective: dt.date | None = None
    issuer: str = ""
    source: SourceDoc = SourceDoc()
    language: str = "zh"
    scheme: Literal["deduction", "pass_fail", "kpi", "checklist"] = "checklist"
    max_points: Number | None = pydantic.Field(default=None, ge=0)
    rounding: RoundingDoc = RoundingDoc()
    veto_effect: Literal["zero", "grade"] = "zero"
    defaults: DefaultsDoc | None = None
    grades: list[GradeDoc] = []
    sections: list[SectionDoc] = []
    criteria: list[CriterionDoc] = []
    notes: list[str] = []
    tags: list[str] = []

    @pydantic.field_validator("version", "language", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        """Versions are text as written: ``1.10`` stays ``"1.10"`` (numbers arrive as exact Decimals)."""
        if isinstance(v, bool):
            return v
        return str(v) if isinstance(v, (int, float, Decimal)) else v


# -- document → domain -----------------------------------------------------------------------


def _measure(value: Decimal | str | None, unit: str, path: str, problems: list[Problem]) -> Decimal | None:
    """A KPI value in a document (see :func:`~servstd.standards.kpi.read_value`); problems are recorded."""
    if value is None:
        return None
    try:
        return read_value(value, unit)
    except ValueError as exc:
        problems.append(Problem(path, str(exc), value))
        return None


def _duration(text: str, path: str, problems: list[Problem]) -> Duration | None:
    try:
        return parse_duration(text)
    except DurationParseError as exc:
        problems.append(
            Problem(path, f"{exc.reason}: {text!r}; accepted: {', '.join((exc.accepted or ())[:4])}…", text)
        )
        return None


def _as_list(value: Any, path: str) -> list[tuple[Any, str]]:
    """A value written once or as a list, with the path of each entry."""
    if value is None:
        return []
    if isinstance(value, list):
        return [(v, f"{path}[{k}]") for k, v in enumerate(value)]
    return [(value, path)]


def _time_limit(value: str | TimeLimitDoc, path: str, problems: list[Problem]) -> TimeLimit | None:
    tl = value if isinstance(value, TimeLimitDoc) else TimeLimitDoc(within=value)
    within = _duration(tl.within, f"{path}.within" if isinstance(value, TimeLimitDoc) else path, problems)
    earliest = _duration(tl.from_, f"{path}.from", problems) if tl.from_ else None
    if within is None or (tl.from_ is not None and earliest is None):
        return None
    text = tl.within if tl.within != str(within) else ""
    return TimeLimit(within, earliest, tl.start_event, tl.clock, text, tl.clause)


def _measure_of(doc: MeasureDoc, path: str, problems: list[Problem]) -> Measure | None:
    try:
        return Measure(doc.quantity, doc.at_least, doc.at_most, doc.above, doc.below, doc.unit, doc.clause)
    except DocumentError as exc:
        problems.extend(Problem(path, p.message, p.value) for p in exc.problems)
        return None


def _due(text: str | None, path: str, problems: list[Problem]) -> DueDate | None:
    if text is None:
        return None
    try:
        return DueDate.parse(text)
    except ServstdError as exc:
        problems.append(Problem(path, str(exc), text))
        return None


def _item(doc: ItemDoc, defaults: DefaultsDoc | None, path: str, problems: list[Problem]) -> ChecklistItem:
    frequencies = []
    for text, fpath in _as_list(doc.frequency, f"{path}.frequency"):
        try:
            frequencies.append(Frequency.parse(text))
        except DocumentError as exc:  # noqa: PERF203 - one problem per bad frequency, all reported
            problems.append(Problem(fpath, exc.problems[0].message, text))
    time_limits = [
        tl
        for value, tpath in _as_list(doc.time_limit, f"{path}.time_limit")
        if (tl := _time_limit(value, tpath, problems)) is not None
    ]
    measures = [
        m for j, md in enumerate(doc.measures) if (m := _measure_of(md, f"{path}.measures[{j}]", problems))
    ]
    per = doc.per or (defaults.per if defaults else None) or "item"
    deduct = doc.deduct if doc.deduct is not None else (defaults.deduct if defaults else None)
    return ChecklistItem(
        code=doc.code, text=doc.text, text_en=doc.text_en, kind=ItemKind(doc.kind), points=doc.points,
        deduct=deduct, per=CountUnit(_PER[per]), cap=doc.cap, frequencies=tuple(frequencies),
        time_limits=tuple(time_limits),
        veto=doc.veto, bonus=doc.bonus, tags=tuple(doc.tags), roles=tuple(doc.roles), evidence=doc.evidence,
        notes=doc.notes, actor=doc.actor, to=doc.to, measures=tuple(measures),
        due=_due(doc.due, f"{path}.due", problems),
    )  # fmt: skip


def _merge(outer: DefaultsDoc | None, inner: DefaultsDoc | None) -> DefaultsDoc | None:
    if inner is None:
        return outer
    if outer is None:
        return inner
    return DefaultsDoc(
        deduct=inner.deduct if inner.deduct is not None else outer.deduct, per=inner.per or outer.per
    )


def _section(
    doc: SectionDoc, defaults: DefaultsDoc | None, path: str, problems: list[Problem], codes: dict[str, str]
) -> Section:
    defaults = _merge(defaults, doc.defaults)
    items = []
    for i, it in enumerate(doc.items):
        ipath = f"{path}.items[{i}]"
        if it.code in codes:
            problems.append(
                Problem(
                    f"{ipath}.code", f"duplicate item code {it.code!r} (also at {codes[it.code]})", it.code
                )
            )
        else:
            codes[it.code] = ipath
        items.append(_item(it, defaults, ipath, problems))
    sections = tuple(
        _section(s, defaults, f"{path}.sections[{j}]", problems, codes) for j, s in enumerate(doc.sections)
    )
    pointed = [it.points for it in items if it.points is not None and not it.bonus]
    if doc.max_points is not None and pointed and len(pointed) == len(items) and not sections:
        total = sum(pointed, Decimal(0))
        if total != doc.max_points:
            problems.append(
                Problem(
                    f"{path}.max_points",
                    f"items' points add up to {total}, not the declared {doc.max_points}",
                    doc.max_points,
                )
            )
    return Section(
        id=doc.id, title=doc.title, items=tuple(items), sections=sections, max_points=doc.max_points,
        title_en=doc.title_en, notes=doc.notes,
    )  # fmt: skip


def _grades(doc: StandardDoc, problems: list[Problem]) -> GradeScale | None:
    if not doc.grades:
        return None
    ordered = sorted(doc.grades, key=lambda g: g.min)
    bands = []
    for i, g in enumerate(ordered):
        hi = g.max if g.max is not None else (ordered[i + 1].min if i + 1 < len(ordered) else doc.max_points)
        if hi is None:
            problems.append(
                Problem("grades", f"grade {g.name!r} needs a max (or the standard a max_points)", g.name)
            )
            return None
        bands.append(GradeBand(g.name, g.min, hi, g.name_en))
    try:
        return GradeScale(tuple(bands))
    except DocumentError as exc:
        problems.extend(exc.problems)
        return None


def _criteria(doc: StandardDoc, problems: list[Problem]) -> tuple[KpiCriterion, ...]:
    out = []
    for i, c in enumerate(doc.criteria):
        p = f"criteria[{i}]"
        bands = tuple(
            Band(_measure(b.min, c.unit, f"{p}.bands[{j}].min", problems) or Decimal(0), b.points)
            for j, b in enumerate(c.bands)
        )
        crit = KpiCriterion(
            code=c.code, name=c.name, name_en=c.name_en, weight=c.weight, unit=c.unit, mapping=Mapping(c.mapping),
            higher_is_better=c.higher_is_better, worst=_measure(c.worst, c.unit, f"{p}.worst", problems),
            best=_measure(c.best, c.unit, f"{p}.best", problems), target=_measure(c.target, c.unit, f"{p}.target", problems),
            bands=bands, minimum=_measure(c.minimum, c.unit, f"{p}.minimum", problems),
            maximum=_measure(c.maximum, c.unit, f"{p}.maximum", problems), text=c.text,
        )  # fmt: skip
        if crit.mapping is Mapping.LINEAR and (
            c.worst is None or c.best is None or (crit.worst is not None and crit.worst == crit.best)
        ):
            problems.append(Problem(p, "a linear criterion needs different `worst` and `best` values"))
        if crit.mapping is Mapping.THRESHOLD and crit.target is None:
            problems.append(Problem(p, "a threshold criterion needs a `target`"))
        if crit.mapping is Mapping.BANDS and not crit.bands:
            problems.append(Problem(p, "a bands criterion needs `bands`"))
        out.append(crit)
    if out:
        total = sum((c.weight for c in out), Decimal(0))
        if total != 1:
            problems.append(Problem("criteria", f"weights add up to {total}, not exactly 1", total))
    if doc.scheme == "kpi" and not out:
        problems.append(Problem("criteria", "a kpi standard needs criteria"))
    return tuple(out)


def to_domain(doc: StandardDoc, source: str) -> Standard:
    """Turn a validated document into a :class:`Standard`, collecting every semantic problem."""
    problems: list[Problem] = []
    codes: dict[str, str] = {}
    sections = tuple(
        _section(s, doc.defaults, f"sections[{i}]", problems, codes) for i, s in enumerate(doc.sections)
    )
    grades = _grades(doc, problems)
    criteria = _criteria(doc, problems)
    if doc.max_points is not None and sections and all(s.max_points is not None for s in sections):
        total = sum((s.max_points for s in sections if s.max_points is not None), Decimal(0))
        if total != doc.max_points:
            problems.append(
                Problem(
                    "max_points",
                    f"sections' max_points add up to {total}, not the declared {doc.max_points}",
                    doc.max_points,
                )
            )
    if doc.scheme == "deduction":
        problems.extend(
            Problem(
                codes[it.code] + ".deduct",
                "a deduction standard needs a deduction unit for every item (or `defaults.deduct`)",
            )
            for s in sections
            for it in s.walk_items()
            if it.deduct is None and not it.bonus
        )
    if doc.kind == "procedure" and not any(
        it.kind.value == "step" for s in sections for it in s.walk_items()
    ):
        problems.append(Problem("sections", "a procedure needs steps (items with `kind: step`)"))
    if doc.kind == "schedule" and not any(it.frequency or it.due for s in sections for it in s.walk_items()):
        problems.append(Problem("sections", "a schedule needs items with a `frequency` or a `due` date"))
    if doc.kind == "reference":
        problems.extend(_checkable(doc, sections, codes))
    if problems:
        raise DocumentError(source, problems)
    return Standard(
        id=doc.id, title=doc.title, version=doc.version, effective=doc.effective, issuer=doc.issuer, source=source_of(doc.source),
        language=doc.language, title_en=doc.title_en, scheme=Scheme(doc.scheme), max_points=doc.max_points,
        rounding=Rounding(doc.rounding.places, doc.rounding.mode), veto_effect=VetoEffect(doc.veto_effect),
        grades=grades, sections=sections, criteria=criteria, notes=tuple(doc.notes), tags=tuple(doc.tags),
        kind=DocumentKind(doc.kind),
    )  # fmt: skip


def _checkable(doc: StandardDoc, sections: tuple[Section, ...], codes: dict[str, str]) -> list[Problem]:
    """What a reference document may not hold: anything to check or score."""
    problems = []
    if doc.scheme != "checklist" or doc.max_points is not None or doc.criteria or doc.grades:
        problems.append(
            Problem(
                "scheme",
                "a reference holds no checkable rule: no scheme but `checklist`, no points, criteria or grades",
            )
        )
    for s in sections:
        for it in s.walk_items():
            found = [name for name, value in (
                ("points", it.points), ("deduct", it.deduct), ("frequency", it.frequencies), ("time_limit", it.time_limits),
                ("measures", it.measures), ("due", it.due), ("veto", it.veto)) if value]  # fmt: skip
            if found:
                problems.append(
                    Problem(
                        codes[it.code],
                        f"a reference holds no checkable rule, but this item has {', '.join(found)}; "
                        "make the document a standard (or a schedule, a procedure)",
                    )
                )
    return problems


# -- domain → data ---------------------------------------------------------------------------


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop fields left at their defaults (``None``, empty, ``False``), keeping explicit ``higher_is_better``."""
    return {
        k: v
        for k, v in d.items()
        if not (v is None or v in ("", []) or (v is False and k != "higher_is_better"))
    }


def _time_limit_data(t: TimeLimit) -> Any:
    within = t.text or str(t.duration)
    if t.earliest is None and not t.start_event and not t.clock and not t.clause:
        return within
    return _clean({"within": within, "from": str(t.earliest) if t.earliest else None,
                   "start_event": t.start_event, "clock": t.clock, "clause": t.clause})  # fmt: skip


def _measure_data(m: Measure) -> dict[str, Any]:
    return _clean({"quantity": m.quantity, "unit": m.unit, "at_least": m.at_least, "at_most": m.at_most,
                   "above": m.above, "below": m.below, "clause": m.clause})  # fmt: skip


def _one_or_list(values: list[Any]) -> Any:
    """Nothing, the one value, or the list (as a document writes an attribute of one or more clauses)."""
    return None if not values else values[0] if len(values) == 1 else values


def _item_data(it: ChecklistItem) -> dict[str, Any]:
    return _clean({
        "code": it.code, "text": it.text, "text_en": it.text_en,
        "kind": it.kind.value if it.kind is not ItemKind.REQUIREMENT else None,
        "points": it.points, "deduct": it.deduct, "per": it.per.value if it.per is not CountUnit.ITEM else None,
        "cap": it.cap, "frequency": _one_or_list([str(f) for f in it.frequencies]),
        "time_limit": _one_or_list([_time_limit_data(t) for t in it.time_limits]),
        "veto": it.veto, "bonus": it.bonus, "tags": list(it.tags), "roles": list(it.roles),
        "evidence": it.evidence, "notes": it.notes, "actor": it.actor, "to": it.to,
        "measures": [_measure_data(m) for m in it.measures], "due": str(it.due) if it.due else None,
    })  # fmt: skip


def _section_data(s: Section) -> dict[str, Any]:
    return _clean({
        "id": s.id, "title": s.title, "title_en": s.title_en, "max_points": s.max_points, "notes": s.notes,
        "items": [_item_data(i) for i in s.items], "sections": [_section_data(x) for x in s.sections],
    })  # fmt: skip


def to_data(s: Standard) -> dict[str, Any]:
    """The standard as plain data (Decimals kept; the writer decides how to print them).

    ``kind``, ``version`` and a non-default ``language`` are always written (even when empty), so
    a dump reads back equal.
    """
    data = _clean({
        "id": s.id, "title": s.title, "title_en": s.title_en, "version": s.version, "effective": s.effective,
        "issuer": s.issuer, "source": s.source.data(), "language": s.language if s.language != "zh" else None,
        "scheme": s.scheme.value, "max_points": s.max_points,
        "rounding": {"places": s.rounding.places, "mode": s.rounding.mode} if s.rounding != Rounding() else None,
        "veto_effect": s.veto_effect.value if s.veto_effect is not VetoEffect.ZERO else None,
        "grades": [_clean({"name": b.name, "min": b.min, "max": b.max, "name_en": b.name_en}) for b in s.grades.bands]
        if s.grades else [],
        "sections": [_section_data(x) for x in s.sections],
        "criteria": [
            _clean({
                "code": c.code, "name": c.name, "name_en": c.name_en, "weight": c.weight, "unit": c.unit,
                "mapping": c.mapping.value, "higher_is_better": None if c.higher_is_better else False,
                "worst": c.worst, "best": c.best, "target": c.target,
                "bands": [{"min": b.min, "points": b.points} for b in c.bands],
                "minimum": c.minimum, "maximum": c.maximum, "text": c.text,
            })
            for c in s.criteria
        ],
        "notes": list(s.notes), "tags": list(s.tags),
    })  # fmt: skip
    head = {"kind": s.kind.value, "id": data.pop("id"), "title": data.pop("title")}
    if "title_en" in data:
        head["title_en"] = data.pop("title_en")
    head["version"] = s.version
    data.pop("version", None)
    if s.language != "zh":
        head["language"] = s.language
        data.pop("language", None)
    return head | data


# -- cross-field problems in raw data (reported with field problems, in one pass) --------------


def raw_problems(data: Any) -> list[Problem]:
    """Duplicate item codes and pools over their parent, read from unvalidated data.

    The same messages as :func:`to_domain` gives once the fields are valid.
    """
    problems: list[Problem] = []
    codes: dict[str, str] = {}

    def walk(section: Any, path: str) -> None:
        for i, item in enumerate(raw_list(section, "items")):
            code = item.get("code") if isinstance(item, dict) else None
            if not isinstance(code, str):
                continue
            ipath = f"{path}.items[{i}]"
            if code in codes:
                problems.append(
                    Problem(f"{ipath}.code", f"duplicate item code {code!r} (also at {codes[code]})", code)
                )
            else:
                codes[code] = ipath
        for j, sub in enumerate(raw_list(section, "sections")):
            walk(sub, f"{path}.sections[{j}]")
        _raw_pool(section, path, problems)

    for i, sec in enumerate(raw_list(data, "sections")):
        walk(sec, f"sections[{i}]")
    declared = raw_number(data, "max_points")
    sections = raw_list(data, "sections")
    pools = [raw_number(s, "max_points") for s in sections]
    if declared is not None and sections and all(p is not None for p in pools):
        total = sum((p for p in pools if p is not None), Decimal(0))
        if total != declared:
            problems.append(
                Problem(
                    "max_points",
                    f"sections' max_points add up to {total}, not the declared {declared}",
                    declared,
                )
            )
    return problems


def _raw_pool(section: Any, path: str, problems: list[Problem]) -> None:
    declared = raw_number(section, "max_points")
    items = raw_list(section, "items")
    if declared is None or not items or raw_list(section, "sections"):
        return
    points = [
        raw_number(it, "points") for it in items if not (isinstance(it, dict) and it.get("bonus") is True)
    ]
    if len(points) != len(items) or any(p is None for p in points):
        return
    total = sum((p for p in points if p is not None), Decimal(0))
    if total != declared:
        problems.append(
            Problem(
                f"{path}.max_points",
                f"items' points add up to {total}, not the declared {declared}",
                declared,
            )
        )
