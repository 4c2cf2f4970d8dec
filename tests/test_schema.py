"""JSON forms of results and domain values (issue 29, point 1): ``to_dict`` and pydantic agree.

Every public result and domain value writes JSON-safe data (instants with their offset, decimals
keeping their places, elapsed time as ISO 8601 plus whole seconds, no ``Fraction``), pydantic
dumps exactly ``to_dict()``, and the JSON Schema pydantic gives describes that data. The schemas
are kept as golden files in ``tests/golden/schemas``; after an intended change of shape,
regenerate them with ``uv run python -m tests.test_schema`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import warnings
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import attrs
import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd._schema import Extra, Shaped, _fraction_text, decimal_text, duration_data
from servstd.catalog import catalog
from servstd.scoring import ScoreReport, read_inspection, score
from servstd.sla import (
    BusinessTime,
    CalendarOverlay,
    ClockTime,
    ComplaintTimeline,
    Coverage,
    Deadline,
    DeadlineRule,
    Duration,
    ServiceClock,
    SLAPolicy,
    TimerEvent,
    TimerResult,
    WorkCalendar,
    parse_duration,
    read_notice,
)
from servstd.sla.batch import ComplianceReport, report
from servstd.standards import ChecklistItem, Section, Standard

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "schemas"
SH = ZoneInfo("Asia/Shanghai")
EXAMPLES = ROOT / "examples"

TYPES: dict[str, Any] = {
    "CalendarOverlay": CalendarOverlay,
    "ChecklistItem": ChecklistItem,
    "ComplaintTimeline": ComplaintTimeline,
    "ComplianceReport": ComplianceReport,
    "Coverage": Coverage,
    "Deadline": Deadline,
    "DeadlineRule": DeadlineRule,
    "Duration": Duration,
    "ScoreReport": ScoreReport,
    "Section": Section,
    "Standard": Standard,
    "TimerEvent": TimerEvent,
    "TimerResult": TimerResult,
}
"""The types with a golden schema (the values they hold have theirs under ``$defs``)."""

RULES = [
    "3个工作日", "48小时", "4工作小时", "当天", "次日", "次工作日", "半个工作日", "3日", "3个自然日",
    "1个月", "到期前5个工作日", "提前一个月", "在生效对应日前5个工作日内", "90分钟",
]  # fmt: skip


@cache
def samples() -> tuple[tuple[str, Any], ...]:
    """Real values of each type, from the catalog, the examples and the seed systems."""
    out: list[tuple[str, Any]] = []
    clock = ServiceClock.default()
    for i, rule in enumerate(RULES):
        t = dt.datetime(2026, 9, 28 + i % 3, 9 + i % 9, 30, tzinfo=SH)
        dl = clock.deadline(t, rule)
        out += [("Deadline", dl), ("DeadlineRule", dl.rule), ("Duration", parse_duration(rule))]
    cat = catalog()
    for id_ in cat.ids():
        if cat.kind(id_) in cat.standard_kinds():
            std = cat.standard(id_)
            out.append(("Standard", std))
            out += [("Section", s) for s in std.sections[:1]]
            out += [("ChecklistItem", it) for it in list(std.items())[:3]]
    for id_ in cat.ids("complaint-policy"):
        policy = cat.complaint_policy(id_)
        for tier in policy.tiers:
            received = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
            out.append(
                ("ComplaintTimeline", policy.timeline(received, tier, now=received + dt.timedelta(days=3)))
            )
    for name in ("deduction", "item-points", "kpi"):
        inspection = read_inspection(EXAMPLES / "inspections" / f"{name}.yaml")
        out.append(("ScoreReport", score(cat.standard(inspection.standard), inspection)))
    policy = SLAPolicy.from_catalog("insurance-claims-sla")
    now = dt.datetime(2026, 11, 10, tzinfo=SH)
    out.append(
        ("ComplianceReport", report(policy, EXAMPLES / "claims_2026_national_day.csv", now=now, by=["tier"]))
    )
    received = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
    events = [
        TimerEvent("start", received),
        TimerEvent("complete", received + dt.timedelta(minutes=50), metric="arrival"),
        TimerEvent("pause", dt.datetime(2026, 10, 9, 10, tzinfo=SH), metric="payment", note="等客户补材料"),
    ]
    case = {"zone": "城区", "category": "理赔", "approval": "上级批复"}
    results = policy.evaluate(case, events, now)
    out += [("TimerResult", r) for r in results.values()] + [("TimerEvent", e) for e in events]
    out.append(("CalendarOverlay", read_notice(EXAMPLES / "notices" / "2027-sample.txt")))
    out.append(("Coverage", WorkCalendar.china().coverage))
    return tuple(out)


def _json_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = pydantic.TypeAdapter(TYPES[name]).json_schema()
    return schema


def _conforms(data: Any, schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """Where ``data`` departs from ``schema`` (the subset pydantic writes for these types): a slow
    obvious oracle, so the schema is checked against real data, not against itself."""
    if "$ref" in schema:
        return _conforms(data, defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema["oneOf"]
        fits = [o for o in options if not _conforms(data, o, defs)]
        return [] if fits else [f"{data!r} fits none of {len(options)} options"]
    if "const" in schema:
        return [] if data == schema["const"] else [f"{data!r} != {schema['const']!r}"]
    if "enum" in schema:
        return [] if data in schema["enum"] else [f"{data!r} not in {schema['enum']!r}"]
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(data, dict):
            return [f"{data!r} is not an object"]
        props = schema["properties"]
        if set(data) != set(props) or set(schema["required"]) != set(props):
            return [f"keys {sorted(data)} != {sorted(props)}"]
        return [p for k, v in data.items() for p in _conforms(v, props[k], defs)]
    if kind == "array":
        if not isinstance(data, list):
            return [f"{data!r} is not an array"]
        if "prefixItems" in schema:
            return [
                p for v, s in zip(data, schema["prefixItems"], strict=True) for p in _conforms(v, s, defs)
            ]
        return [p for v in data for p in _conforms(v, schema["items"], defs)]
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    if not checks[kind](data):
        return [f"{data!r} is not {kind}"]
    if "pattern" in schema and not re.search(schema["pattern"], data):
        return [f"{data!r} does not match {schema['pattern']}"]
    fmt = schema.get("format")
    if fmt == "date-time" and (dt.datetime.fromisoformat(data).utcoffset() is None):
        return [f"{data!r} has no offset"]
    if fmt == "date":
        dt.date.fromisoformat(data)
    return []


def _leaves(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [x for v in data.values() for x in _leaves(v)]
    if isinstance(data, list):
        return [x for v in data for x in _leaves(v)]
    return [data]


class TestEveryValue:
    @pytest.mark.parametrize("name", sorted(TYPES))
    def test_there_are_samples_of_each_type(self, name: str) -> None:
        """The samples cover every type with a golden schema (so each test below checks it)."""
        assert any(n == name for n, _ in samples())

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_pydantic_dumps_what_to_dict_writes(self, lang: str) -> None:
        """TypeAdapter(T).dump_python(x, mode="json") == x.to_dict(), in each language (pydantic
        takes it from the serialisation context)."""
        for name, value in samples():
            adapter = pydantic.TypeAdapter(TYPES[name])
            context = None if lang == "zh" else {"lang": lang}
            assert adapter.dump_python(value, mode="json", context=context) == value.to_dict(lang)  # type: ignore[arg-type]

    def test_the_data_is_json_and_fits_its_schema(self) -> None:
        """to_dict() survives json.dumps unchanged (no Decimal, Fraction, datetime or tuple left)
        and conforms to the JSON Schema pydantic gives for its type."""
        for name, value in samples():
            data = value.to_dict()
            assert json.loads(json.dumps(data)) == data
            assert all(isinstance(x, (str, int, bool, type(None))) for x in _leaves(data))
            schema = _json_schema(name)
            assert _conforms(data, schema, schema.get("$defs", {})) == [], name

    def test_schema_is_the_same_for_reading_and_writing(self) -> None:
        """The schema pydantic gives in validation and serialisation mode is one shape (so FastAPI's
        response model and its documentation agree)."""
        for name, tp in TYPES.items():
            adapter = pydantic.TypeAdapter(tp)
            assert adapter.json_schema(mode="serialization") == adapter.json_schema(), name

    def test_a_value_inside_a_users_model(self) -> None:
        """A pydantic model of the user's own holding servstd values dumps their JSON forms (in
        the context's language) and its schema refers to theirs."""

        class Answer(pydantic.BaseModel):
            case: str
            deadline: Deadline
            rules: list[Duration]

        dl = next(v for n, v in samples() if n == "Deadline")
        answer = Answer(case="A1", deadline=dl, rules=[dl.rule.duration])
        data = answer.model_dump(mode="json", context={"lang": "en"})
        assert data == {"case": "A1", "deadline": dl.to_dict("en"), "rules": [dl.rule.duration.to_dict("en")]}
        assert json.loads(answer.model_dump_json()) == answer.model_dump(mode="json")
        assert {"Deadline", "Duration", "WorkingDays"} <= set(Answer.model_json_schema()["$defs"])

    def test_values_are_made_by_the_library_not_read_from_json(self) -> None:
        """pydantic accepts an instance as it is, and refuses JSON: a result is computed, never parsed."""
        name, value = samples()[0]
        adapter = pydantic.TypeAdapter(TYPES[name])
        assert adapter.validate_python(value) is value
        with pytest.raises(pydantic.ValidationError, match="computed by the library"):
            adapter.validate_json(json.dumps(value.to_dict()))


class TestGoldenSchemas:
    @pytest.mark.parametrize("name", sorted(TYPES))
    def test_schema_matches_its_golden_file(self, name: str) -> None:
        """The JSON Schema of each type is the reviewed one in tests/golden/schemas (a change of
        shape shows as a diff; regenerate with `python -m tests.test_schema`)."""
        golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        assert _json_schema(name) == golden

    def test_no_stray_golden_file(self) -> None:
        """Every golden file belongs to a type still checked."""
        assert {p.stem for p in GOLDEN.glob("*.json")} == set(TYPES)


class TestHowValuesAreWritten:
    def test_deadline_hand_checked(self) -> None:
        """The worked example of the deadline docs: the instants carry +08:00, the explanation
        follows lang, the duration names its type and reads back."""
        t = dt.datetime(2026, 9, 30, 16, 0, tzinfo=SH)
        dl = ServiceClock.default().deadline(t, "3个工作日")
        data = dl.to_dict("en")
        assert data["due"] == "2026-10-10T18:00:00+08:00"
        assert data["received"] == "2026-09-30T16:00:00+08:00"
        assert data["explanation"] == list(dl.lines("en"))
        assert dl.to_dict()["explanation"] == list(dl.lines("zh"))
        assert data["rule"]["duration"] == {"type": "working_days", "count": "3", "text": "3 working days"}
        assert data["skipped"][0] == {
            "date": "2026-10-01",
            "kind": "holiday",
            "name": "国庆节",
            "name_en": "National Day",
        }

    def test_decimal_keeps_its_places(self) -> None:
        """A score of 73.00 stays "73.00" (FastAPI's encoder made it 73.0)."""
        std = catalog().standard("property-cs-quality-inspection")
        inspection = read_inspection(EXAMPLES / "inspections" / "deduction.yaml")
        r = score(catalog().standard(inspection.standard), inspection)
        data = r.to_dict()
        assert data["total"] == str(r.total)
        assert "." in data["total"]
        assert data["rounding"] == {"places": r.rounding.places, "mode": r.rounding.mode}
        assert std.to_dict()["id"] == "property-cs-quality-inspection"

    def test_fraction_never_leaks(self) -> None:
        """ "半个工作日" counts 1/2 a day: written "0.5"; a share used of a target is exact text."""
        assert parse_duration("半个工作日").to_dict()["count"] == "0.5"
        for name, value in samples():
            if name == "TimerResult":
                used = value.to_dict()["used"]
                assert Fraction(used) == value.used

    def test_lengths_of_time_carry_iso_and_seconds(self) -> None:
        """ "90分钟" is PT1H30M, 5400 seconds; time left of an overdue stage is negative."""
        assert parse_duration("90分钟").to_dict("en") == {
            "type": "clock_time", "micros": 5_400_000_000, "text": "90 minutes", "iso": "PT1H30M", "seconds": 5400,
        }  # fmt: skip
        policy = catalog().complaint_policy("property-complaints")
        received = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
        tl = policy.timeline(received, "轻微", now=received + dt.timedelta(days=30))
        left = tl.to_dict()["stages"][0]["time_left"]
        assert left["seconds"] < 0
        assert left["iso"].startswith("-PT")

    @given(
        st.sampled_from([BusinessTime, ClockTime]),
        st.integers(min_value=0, max_value=10 * 366 * 24 * 3600).map(lambda s: s * 1_000_000),
        st.sampled_from(["zh", "en"]),
    )
    def test_a_length_of_time_reads_back(self, kind: type[BusinessTime], micros: int, lang: str) -> None:
        """A length of time's text parses back to it, and its iso and seconds say the same length."""
        d = kind(micros)
        data = d.to_dict(lang)  # type: ignore[arg-type]
        assert parse_duration(data["text"]) == d
        assert data["seconds"] * 1_000_000 == micros
        assert data == {**data, **duration_data(d.timedelta)}

    @given(st.integers(-(10**12), 10**12), st.integers(-3, 6))
    def test_decimal_text_round_trips(self, digits: int, places: int) -> None:
        """Decimal text reads back to the same number with the same places (never an exponent)."""
        d = Decimal(digits).scaleb(-places)
        text = decimal_text(d)
        assert "E" not in text
        assert Decimal(text) == d
        assert len(text.partition(".")[2]) == max(places, 0)

    @given(st.timedeltas(min_value=dt.timedelta(days=-3000), max_value=dt.timedelta(days=3000)))
    def test_elapsed_time_round_trips(self, td: dt.timedelta) -> None:
        """The ISO 8601 text reads back exactly; seconds are whole seconds toward zero."""
        data = duration_data(td)
        m = re.fullmatch(r"(-?)PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", data["iso"])
        assert m is not None
        sign = -1 if m.group(1) else 1
        back = dt.timedelta(microseconds=int(Decimal(m.group(4) or 0) * 10**6)) + dt.timedelta(
            hours=int(m.group(2) or 0), minutes=int(m.group(3) or 0)
        )
        assert sign * back == td
        whole = abs(td) // dt.timedelta(seconds=1)
        assert data["seconds"] == (whole if td >= dt.timedelta(0) else -whole)


class TestTheMechanism:
    def test_a_field_type_without_a_json_form_is_refused(self) -> None:
        """A value whose field has no JSON form (a set of bytes, say) fails loudly, naming the type,
        rather than writing something JSON cannot hold."""

        @attrs.frozen
        class Odd(Shaped):
            blob: bytes

        with pytest.raises(TypeError, match="bytes"):
            Odd(b"x").to_dict()

    def test_two_entries_with_one_key_are_refused(self) -> None:
        """An extra entry named like a field would hide one of them: refused."""

        @attrs.frozen
        class Twice(Shaped):
            text: str
            _json_extra: ClassVar[tuple[Extra, ...]] = (("text", str, lambda v, lang: v.text.upper()),)

        with pytest.raises(TypeError, match="share a key"):
            Twice("a").to_dict()

    def test_fraction_text(self) -> None:
        """A fraction is exact decimal text when it has one, else p/q; a whole one is an integer's text."""
        assert [_fraction_text(Fraction(n, d)) for n, d in [(1, 2), (3, 4), (2, 3), (-1, 8), (6, 3)]] == [
            "0.5",
            "0.75",
            "2/3",
            "-0.125",
            "2",
        ]


class TestDeprecatedForms:
    def test_compliance_as_dict_warns_and_keeps_its_flat_rows(self) -> None:
        """ComplianceReport.as_dict warns, naming to_dict, and returns the flat rows to_json prints."""
        rep = next(v for n, v in samples() if n == "ComplianceReport")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            flat = rep.as_dict()
        assert "ComplianceReport.to_dict" in str(caught[0].message)
        assert flat == json.loads(rep.to_json())
        assert "late_hours" in flat["breaches"][0]


def regenerate() -> None:
    """Write every golden schema (run after an intended change of shape; review the diff)."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in TYPES:
        text = json.dumps(_json_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {len(TYPES)} schemas to {GOLDEN}\n")


if __name__ == "__main__":
    regenerate()
