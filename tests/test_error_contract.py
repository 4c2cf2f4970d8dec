"""The errors' machine-readable contract (issue 29, item 2; issue 24, Errors).

Every ServstdError carries a stable dotted ``code`` listed in ``CODES``, the ``param`` that was
given the bad value, the ``value`` itself and ``accepted`` where the set is finite; ``to_dict()``
is RFC 9457 problem details a service returns as they are (404 for a name not found, 422 for input
that cannot be used, 500 for what the server must fix). No ``pydantic.ValidationError`` escapes
a public constructor or loader; a missing optional extra is one error naming one extra.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import pkgutil
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import servstd
import servstd._extras
from servstd.catalog import catalog
from servstd.cli import main
from servstd.cli._common import MissingFileError
from servstd.errors import (
    CODES,
    ERRORS_PAGE,
    CalendarCoverageError,
    ClockRangeError,
    ComplaintError,
    DocumentError,
    DurationParseError,
    FileWriteError,
    InputParseError,
    InputTypeError,
    InputValueError,
    MissingExtraError,
    NaiveDatetimeError,
    NoticeParseError,
    Problem,
    ScheduleError,
    ScoringError,
    ServstdError,
    TimerError,
    UnknownNameError,
    _ReasonError,
)
from servstd.scoring import Inspection, parse_inspection, score
from servstd.scoring.inspection_form import save_form
from servstd.sla import (
    BusinessHours,
    ClockSpec,
    ComplaintPolicy,
    DeadlineRule,
    ServiceClock,
    SLAPolicy,
    TimerEvent,
    WorkCalendar,
    batch,
    evaluate_timer,
    parse_duration,
    parse_notice,
    parse_overlay,
)
from servstd.standards import parse_standard, read_standard
from tests.strategies import fuzz_examples, junk_documents, junk_values

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()
ROOT = Path(__file__).resolve().parent.parent

SAMPLES: dict[type[ServstdError], ServstdError] = {
    ServstdError: ServstdError("something is wrong", value=1),
    UnknownNameError: UnknownNameError("CS99", "code", ["CS01", "CS02"], kind="item"),
    NaiveDatetimeError: NaiveDatetimeError(dt.datetime(2026, 9, 30, 16), "received_at"),
    InputTypeError: InputTypeError(b"zh", "lang", "'zh' or 'en' (text)"),
    InputValueError: InputValueError("fr", "lang", ["zh", "en"]),
    InputParseError: InputParseError("10/09/2026", "received", "date", "the year is last", ["2026-09-10"]),
    CalendarCoverageError: CalendarCoverageError(
        "中国大陆 (CN)", 1900, "2001–2026", region="CN", param="received_at", value=dt.date(1900, 3, 1)
    ),
    DurationParseError: DurationParseError("3天天", "not a known form", ["'3日'"], param="rule"),
    _ReasonError: _ReasonError("a reason", Decimal("1.10")),
    ScheduleError: ScheduleError("overlapping intervals", "09:00-12:00,11:00-13:00"),
    ClockRangeError: ClockRangeError("beyond the clock", dt.timedelta(days=10**5)),
    ComplaintError: ComplaintError("tier and category disagree", ("重大", "快递")),
    ScoringError: ScoringError("no measurement", "K1"),
    TimerError: TimerError("resume without pause", [1, 2]),
    MissingExtraError: MissingExtraError("an SLA report", ["pandas"], ["pandas", "numpy"]),
    DocumentError: DocumentError("site.yaml", [Problem("sections[0].deduct", "must be > 0", Decimal(-1))]),
    NoticeParseError: NoticeParseError("一、元旦：1月1日放假", "no date for 元旦"),
    MissingFileError: MissingFileError("missing.yaml", "standard"),
    FileWriteError: FileWriteError("out/cal.csv", FileNotFoundError(2, "No such file or directory")),
}
"""One instance of every class: a class without a sample fails test_every_class_has_a_sample."""

CLASSES = sorted(SAMPLES, key=lambda c: c.__name__)
PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "param", "value", "accepted", "problems"}


def _all_error_classes() -> set[type[ServstdError]]:
    """Every ServstdError subclass defined anywhere in servstd (every module imported first)."""
    for info in pkgutil.walk_packages(servstd.__path__, "servstd."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found: set[type[ServstdError]] = set()
    todo: list[type[ServstdError]] = [ServstdError]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("servstd") and cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return found


def _check_problem_details(err: ServstdError) -> dict[str, Any]:
    """Assert ``err.to_dict()`` is JSON-safe RFC 9457 problem details agreeing with ``err``."""
    d = err.to_dict()
    assert set(d) == PROBLEM_KEYS
    assert json.loads(json.dumps(d, allow_nan=False)) == d  # JSON-safe: round-trips as it is
    assert d["code"] == err.code
    assert err.code in CODES
    assert re.fullmatch(r"[a-z]+\.[a-z_]+", err.code)
    assert d["type"].startswith(f"{ERRORS_PAGE}#")
    assert (d["title"], d["status"]) == tuple(CODES[err.code])
    assert d["status"] in (404, 422, 500)
    assert d["detail"] == str(err)
    assert "\n" not in str(err) or isinstance(err, DocumentError)  # one line but for problem lists
    assert d["param"] is None or isinstance(d["param"], str)
    assert d["param"] == err.param
    assert d["accepted"] is None or all(isinstance(a, str) for a in d["accepted"])
    assert all(set(p) == {"path", "message", "value"} for p in d["problems"])
    return d


class TestEveryClass:
    def test_every_class_has_a_sample(self) -> None:
        """Every ServstdError subclass in servstd is checked below (a new class needs a sample)."""
        assert _all_error_classes() == set(SAMPLES)

    @pytest.mark.parametrize("cls", CLASSES, ids=[c.__name__ for c in CLASSES])
    def test_code_param_value_and_problem_details(self, cls: type[ServstdError]) -> None:
        """Each class: a listed code, its param and value as attributes, to_dict() JSON-safe and
        shaped as RFC 9457 problem details (type, title, status, detail + code, param, value,
        accepted, problems)."""
        err = SAMPLES[cls]
        assert type(err) is cls
        assert hasattr(err, "value")
        assert hasattr(err, "param")
        assert err.code == cls.default_code
        _check_problem_details(err)

    def test_not_found_is_404_and_a_lookup_error(self) -> None:
        """One exception handler tells not found (404) from unusable input (422) by status alone."""
        assert SAMPLES[UnknownNameError].status == 404
        assert isinstance(SAMPLES[UnknownNameError], LookupError)
        server = (MissingExtraError, FileWriteError)
        assert {e.status for c, e in SAMPLES.items() if c not in (UnknownNameError, *server)} == {422}
        assert {SAMPLES[c].status for c in server} == {500}

    def test_values_become_json(self) -> None:
        """Values that are not JSON are given in a JSON form: Decimals keep their places, instants
        and dates are ISO 8601, long texts are cut, anything else is its repr."""
        d = DocumentError("x", [Problem("p", "m", Decimal("73.00"))]).to_dict()
        assert d["problems"][0]["value"] == "73.00"
        assert SAMPLES[NaiveDatetimeError].to_dict()["value"] == "2026-09-30T16:00:00"
        assert SAMPLES[InputTypeError].to_dict()["value"] == "b'zh'"
        long = DurationParseError("日" * 5000, "too long", [])
        assert len(long.to_dict()["value"]) < 1100

    def test_a_message_names_its_values(self) -> None:
        """str(err) is rebuilt from the attributes: it names the value, the param and what is accepted."""
        err = SAMPLES[InputValueError]
        assert str(err) == "lang='fr' is not accepted; accepted: 'zh', 'en'"
        err = SAMPLES[UnknownNameError]
        assert str(err) == "unknown item 'CS99' (code); known: CS01, CS02"


def _raise(call: Callable[[], object]) -> ServstdError:
    with pytest.raises(ServstdError) as caught:
        call()
    return caught.value


REAL_CALLS: list[tuple[str, str | None, Callable[[], object]]] = [
    ("name.unknown", "id", lambda: catalog().standard("nope")),
    ("name.unknown", "code", lambda: WorkCalendar.for_region("JP")),
    ("name.unknown", "tier", lambda: ComplaintPolicy.from_catalog("property-complaints").tier("紧急")),
    ("name.unknown", "code", lambda: catalog().standard("property-cs-quality-inspection").item("CS99")),
    ("input.wrong_type", "a", lambda: CLOCK.elapsed("2026-01-05", dt.datetime(2026, 1, 5, tzinfo=SH))),  # type: ignore[arg-type]
    (
        "input.not_allowed",
        "lang",
        lambda: CLOCK.deadline(dt.datetime(2026, 1, 5, 9, tzinfo=SH), "3日").explain("fr"),  # type: ignore[arg-type]
    ),
    ("input.unreadable", "d", lambda: WorkCalendar.china().is_working_day("10/09/2026")),  # type: ignore[arg-type]
    ("instant.naive", "received_at", lambda: CLOCK.deadline(dt.datetime(2026, 1, 5, 9), "3日")),
    (
        "zone.unknown",
        "tz",
        lambda: ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-17:00"), "Mars/Base"),
    ),
    ("duration.unreadable", "rule", lambda: CLOCK.deadline(dt.datetime(2026, 1, 5, 9, tzinfo=SH), "3天天")),
    ("calendar.not_covered", None, lambda: CLOCK.deadline(dt.datetime(1900, 3, 1, 9, tzinfo=SH), "3日")),
    ("schedule.invalid", None, lambda: BusinessHours.parse("09:00-12:00,11:00-13:00")),
    (
        "clock.out_of_range",
        None,
        lambda: CLOCK.add(dt.datetime(2026, 1, 5, 9, tzinfo=SH), dt.timedelta(days=365 * 300)),
    ),
    (
        "complaint.conflict",
        None,
        lambda: ComplaintPolicy.from_catalog("complaint-types").timeline(
            dt.datetime(2026, 1, 5, 9, tzinfo=SH), "attitude", category="产品质量"
        ),
    ),
    (
        "scoring.invalid",
        None,
        lambda: score(
            catalog().standard("property-cs-quality-inspection"),
            Inspection("property-cs-quality-inspection", version="9"),
        ),
    ),
    (
        "timer.invalid",
        None,
        lambda: evaluate_timer(
            "m",
            CLOCK,
            DeadlineRule("3日"),
            [
                TimerEvent("start", dt.datetime(2026, 1, 5, 9, tzinfo=SH)),
                TimerEvent("resume", dt.datetime(2026, 1, 5, 10, tzinfo=SH)),
            ],
            now=dt.datetime(2026, 1, 6, tzinfo=SH),
        ),
    ),
    ("document.invalid", "text", lambda: parse_standard("id: x\ntitle: t\nmax_points: -1\n")),
    (
        "notice.invalid",
        None,
        lambda: parse_notice("国务院办公厅关于2031年部分节假日安排的通知\n一、元旦：放假。"),
    ),
    ("file.unreadable", "path", lambda: read_standard(ROOT / "no-such-standard.yaml")),
    (
        "file.unwritable",
        None,
        lambda: save_form(
            catalog().standard("property-cs-quality-inspection"), ROOT / "no-such-folder" / "f.csv"
        ),
    ),
]


class TestEveryCodeIsRaised:
    @pytest.mark.parametrize(
        ("code", "param", "call"), REAL_CALLS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(REAL_CALLS)]
    )
    def test_a_real_call_gives_the_code(
        self, code: str, param: str | None, call: Callable[[], object]
    ) -> None:
        """A real misuse raises the documented code, naming the API parameter at fault."""
        err = _raise(call)
        assert err.code == code, str(err)
        if param is not None:
            assert err.param == param
        _check_problem_details(err)

    def test_every_code_is_raised_by_some_call(self) -> None:
        """The table lists no code servstd never raises (input.invalid, the root's own, aside;
        extra.missing is checked with an extra made missing, below)."""
        assert {c for c, _, _ in REAL_CALLS} == set(CODES) - {"input.invalid", "extra.missing"}

    def test_the_coverage_error_names_the_year_asked(self) -> None:
        """1900-03-01 on a calendar covering 2001 on names 1900, not the year before; a question about
        2001-01-01 needs nothing of 2000 (unless the hours run overnight)."""
        err = _raise(lambda: CLOCK.deadline(dt.datetime(1900, 3, 1, 9, tzinfo=SH), "3日"))
        assert isinstance(err, CalendarCoverageError)
        assert err.year == 1900
        assert "1899" not in str(err)
        first = WorkCalendar.china().coverage.first
        assert CLOCK.deadline(dt.datetime(first, 1, 1, tzinfo=SH), "3日").due.year == first
        night = ServiceClock(WorkCalendar.china(), BusinessHours.parse("22:00-06:00"), "Asia/Shanghai")
        err = _raise(lambda: night.is_open(dt.datetime(first, 1, 1, 1, tzinfo=SH)))
        assert isinstance(err, CalendarCoverageError)
        assert err.year == first - 1  # the night of 31 December does reach into the year asked

    def test_a_timeline_names_its_own_parameters(self) -> None:
        """ComplaintPolicy.timeline(received_at, …, now=…) names received_at and now, not the clock's t."""
        policy = ComplaintPolicy.from_catalog("property-complaints")
        naive = dt.datetime(2026, 1, 5, 9)
        assert _raise(lambda: policy.timeline(naive, "重大")).param == "received_at"
        assert _raise(lambda: policy.timeline(naive.replace(tzinfo=SH), "重大", now=naive)).param == "now"

    def test_a_duration_error_names_its_parameter(self) -> None:
        """parse_duration names text; a deadline's rule, rule; a DeadlineRule's, duration."""
        assert _raise(lambda: parse_duration("3天天")).param == "text"
        assert _raise(lambda: DeadlineRule("3天天")).param == "duration"
        assert _raise(lambda: CLOCK.due(dt.datetime(2026, 1, 5, 9, tzinfo=SH), "3天天")).param == "rule"


class TestLibraryMessagesNameNoOption:
    CSV = "case,received_at\nA1,2026-10-01 09:00\n"

    def test_a_table_error_names_the_parameter_not_an_option_or_a_path(self, tmp_path: Path) -> None:
        """A CSV with times without an offset: the library says assume_tz, never --tz, and names the
        table by its parameter (cases), not by the temporary file it was written to."""
        upload = tmp_path / "tmpab12cd.csv"
        upload.write_text(self.CSV, encoding="utf-8")
        policy = SLAPolicy.from_catalog("insurance-claims-sla")
        err = _raise(lambda: batch.report(policy, upload, now=dt.datetime(2026, 10, 2, tzinfo=SH)))
        assert isinstance(err, DocumentError)
        assert "assume_tz" in str(err)
        assert "--" not in str(err)
        assert str(tmp_path) not in str(err)
        assert "tmpab12cd" not in json.dumps(err.to_dict(), ensure_ascii=False)
        assert (err.source, err.param) == ("cases", None) or err.source == "cases"

    def test_the_command_names_its_option_and_the_file(self, tmp_path: Path) -> None:
        """servstd sla report says --tz and names the file the user typed; the JSON error has the code."""
        upload = tmp_path / "cases.csv"
        upload.write_text(self.CSV, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        code = main(
            [
                "sla",
                "report",
                str(upload),
                "--policy",
                "insurance-claims-sla",
                "--now",
                "2026-10-02 00:00",
                "--json",
            ],
            stdout=out,
            stderr=err,
        )
        assert code == 1
        assert "(--tz)" in err.getvalue()
        assert str(upload) in err.getvalue()
        assert json.loads(out.getvalue())["error"]["code"] == "document.invalid"


class TestMissingExtra:
    @pytest.fixture
    def no_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """pandas and numpy look uninstalled to the extras check."""
        real = servstd._extras._installed
        monkeypatch.setattr(servstd._extras, "_installed", lambda m: m not in ("pandas", "numpy") and real(m))

    @pytest.mark.usefixtures("no_pandas")
    def test_a_report_names_one_extra(self) -> None:
        """Without numpy and pandas, a report asks once for servstd[pandas] (which brings both)."""
        policy = SLAPolicy.from_catalog("insurance-claims-sla")
        with pytest.raises(MissingExtraError) as caught:
            batch.report(policy, "cases.csv", now=dt.datetime(2026, 10, 2, tzinfo=SH))
        assert caught.value.extra == "pandas"
        assert set(caught.value.modules) == {"pandas", "numpy"}
        assert isinstance(caught.value, ImportError)
        _check_problem_details(caught.value)

    @pytest.mark.usefixtures("no_pandas")
    def test_the_command_asks_once_for_everything(self) -> None:
        """`servstd sla report cases.xlsx --chart x.png` without pandas names one install line for
        everything it needs, and exits 1 with the code (not an internal error)."""
        out, err = io.StringIO(), io.StringIO()
        code = main(
            ["sla", "report", "cases.xlsx", "--policy", "insurance-claims-sla", "--chart", "x.png", "--json"],
            stdout=out,
            stderr=err,
        )
        assert code == 1
        assert "pip install 'servstd[pandas]'" in err.getvalue()
        assert "internal error" not in err.getvalue()
        assert json.loads(out.getvalue())["error"]["code"] == "extra.missing"

    def test_extras_match_the_project_metadata(self) -> None:
        """The extras table names every optional extra of pyproject.toml but 'all'."""
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        block = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
        extras = set(re.findall(r"^(\w+) = \[", block, re.MULTILINE)) - {"all"}
        assert extras == set(servstd._extras.EXTRAS)


LOADERS: list[tuple[str, Callable[[str], object], list[str]]] = [
    (
        "standard",
        parse_standard,
        ["id", "title", "scheme", "max_points", "sections", "criteria", "grades", "defaults"],
    ),
    (
        "inspection",
        parse_inspection,
        ["standard", "site", "date", "findings", "measurements", "not_applicable"],
    ),
    ("sla-policy", SLAPolicy.parse, ["kind", "id", "title", "match", "clocks", "rules", "thresholds"]),
    (
        "complaint-policy",
        ComplaintPolicy.parse,
        ["kind", "id", "title", "tiers", "categories", "default_tier", "clock"],
    ),
    ("overlay", parse_overlay, ["name", "source", "defines_years", "rest_days", "work_days", "notice"]),
]


def _json_text(doc: object) -> str:
    return json.dumps(doc, default=str, ensure_ascii=False)


class TestNoValidationErrorEscapes:
    @settings(max_examples=fuzz_examples(400), suppress_health_check=[HealthCheck.too_slow])
    @given(kwargs=junk_documents(["region", "hours", "rest_hours", "tz", "always", "strict"]))
    def test_clock_spec(self, kwargs: dict[str, object]) -> None:
        """ClockSpec(**junk) and its clock() raise only ServstdErrors, never pydantic's error."""
        try:
            ClockSpec(**kwargs).clock()
        except ServstdError as exc:
            _check_problem_details(exc)
        except pydantic.ValidationError as exc:  # pragma: no cover - the failure this test is for
            pytest.fail(f"a pydantic error escaped: {exc}")

    @settings(max_examples=fuzz_examples(400), suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_loaders(self, data: st.DataObject) -> None:
        """Every parse_* loader given junk documents (as JSON text) raises only ServstdErrors, each
        with a valid code and JSON-safe problem details."""
        _, loader, fields = data.draw(st.sampled_from(LOADERS))
        doc = data.draw(st.one_of(junk_values, junk_documents(fields)))
        try:
            loader(_json_text(doc))
        except ServstdError as exc:
            _check_problem_details(exc)
        except pydantic.ValidationError as exc:  # pragma: no cover - the failure this test is for
            pytest.fail(f"a pydantic error escaped: {exc}")


class TestTheTableInTheDocs:
    def test_the_table_lists_every_code_with_its_status(self) -> None:
        """docs/reference/errors.md has one row per code of CODES, with the same status and a
        class that exists; each row is the target (``_`code```) a problem's ``type`` points at."""
        text = (ROOT / "docs" / "reference" / "errors.md").read_text(encoding="utf-8")
        rows = re.findall(r"^   \* - _`([a-z_.]+)`\n     - (\d+)\n     - ``(\w+)``", text, re.MULTILINE)
        assert {code: int(status) for code, status, _ in rows} == {c: e.status for c, e in CODES.items()}
        assert len(rows) == len(CODES)
        for code, _, cls in rows:
            assert hasattr(importlib.import_module("servstd.errors"), cls), cls
            # docutils makes the target id of `name.unknown` "name-unknown": lower case, hyphens
            assert (
                ServstdError("x", code=code)
                .to_dict()["type"]
                .endswith("#" + re.sub(r"[^a-z0-9]+", "-", code))
            )
