"""The example service (examples/service, issue 29 point 6), through FastAPI's TestClient.

Each endpoint answers with the library's own JSON form of its value; each bad input is problem
details (RFC 9457) with the status and ``code`` of the servstd error behind it.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import io
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from servstd.catalog import catalog
from servstd.scoring import parse_inspection, score
from servstd.sla import ServiceClock, SLAPolicy
from servstd.sla.batch import report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SH = ZoneInfo("Asia/Shanghai")
CLAIMS = EXAMPLES / "claims_2026_national_day.csv"
NOW = "2026-11-10T00:00:00+08:00"


def _load_app() -> Any:
    """examples/service/app.py as the module ``service_app`` (examples/ is not a package)."""
    spec = importlib.util.spec_from_file_location("service_app", EXAMPLES / "service" / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["service_app"] = module  # FastAPI reads the annotations in the module's namespace
    spec.loader.exec_module(module)
    return module.app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_load_app())


def _problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    data: dict[str, Any] = response.json()
    assert (data["status"], data["code"]) == (status, code)
    return data


class TestAnswers:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_deadline(self, client: TestClient, lang: str) -> None:
        """GET /deadline answers the clock's Deadline in its JSON form, explained in ``lang``."""
        got = client.get(
            "/deadline", params={"received_at": "2026-09-30T16:00+08:00", "rule": "3个工作日", "lang": lang}
        )
        want = ServiceClock.default().deadline(dt.datetime(2026, 9, 30, 16, tzinfo=SH), "3个工作日")
        assert got.status_code == 200
        assert got.json() == want.to_dict(lang)  # type: ignore[arg-type]
        assert got.json()["due"] == "2026-10-10T18:00:00+08:00"

    def test_standard(self, client: TestClient) -> None:
        """GET /standards/{id} answers the catalog's standard."""
        got = client.get("/standards/property-cs-quality-inspection")
        assert got.status_code == 200
        assert got.json() == catalog().standard("property-cs-quality-inspection").to_dict()

    def test_score(self, client: TestClient) -> None:
        """POST /score scores the inspection document of the body; points keep their places."""
        text = (EXAMPLES / "inspections" / "deduction.yaml").read_text(encoding="utf-8")
        got = client.post("/score", content=text.encode())
        inspection = parse_inspection(text)
        want = score(catalog().standard(inspection.standard), inspection).to_dict()
        assert got.status_code == 200
        assert got.json() == want
        assert got.json()["total"].count(".") == 1

    def test_complaint_timeline(self, client: TestClient) -> None:
        """GET /complaints/{id}/timeline: the tier found from the category and each stage's due instant."""
        params = {"received_at": "2026-09-29T10:00+08:00", "category": "服务态度"}
        got = client.get("/complaints/complaint-types/timeline", params=params)
        policy = catalog().complaint_policy("complaint-types")
        want = policy.timeline(dt.datetime(2026, 9, 29, 10, tzinfo=SH), category="服务态度")
        assert got.status_code == 200, got.text
        assert got.json() == want.to_dict()
        assert got.json()["tier"]["code"] == "attitude"
        staged = client.get(
            "/complaints/property-complaints/timeline",
            params={"received_at": "2026-09-29T10:00+08:00", "tier": "轻微"},
        )
        assert [(s["stage"]["code"], s["due"]) for s in staged.json()["stages"]][-1] == (
            "notify",
            "2026-10-10T18:00:00+08:00",
        )

    def test_sla_report(self, client: TestClient) -> None:
        """POST /sla/{id}/report over the uploaded export equals report() over the file."""
        got = client.post(
            "/sla/insurance-claims-sla/report", params={"now": NOW, "by": "tier"}, content=CLAIMS.read_bytes()
        )
        want = report(
            SLAPolicy.from_catalog("insurance-claims-sla"),
            CLAIMS,
            now=dt.datetime(2026, 11, 10, tzinfo=SH),
            by=["tier"],
        )
        assert got.status_code == 200, got.text
        assert got.json() == want.to_dict()

    def test_openapi_describes_every_answer(self, client: TestClient) -> None:
        """The service's OpenAPI document builds, naming each answer's schema."""
        schemas = client.get("/openapi.json").json()["components"]["schemas"]
        assert {"Deadline", "Standard", "ScoreReport", "ComplaintTimeline", "ComplianceReport"} <= set(
            schemas
        )


class TestBadInput:
    def test_unknown_ids_are_404(self, client: TestClient) -> None:
        """An unknown standard, policy or tier is 404 name.unknown, listing the known names."""
        data = _problem(client.get("/standards/no-such-standard"), 404, "name.unknown")
        assert "property-cs-quality-inspection" in data["accepted"]
        _problem(
            client.get("/complaints/nope/timeline", params={"received_at": NOW, "tier": "重大"}),
            404,
            "name.unknown",
        )
        _problem(
            client.get(
                "/complaints/property-complaints/timeline", params={"received_at": NOW, "tier": "天大"}
            ),
            404,
            "name.unknown",
        )
        _problem(client.post("/sla/nope/report", params={"now": NOW}, content=b"case\n"), 404, "name.unknown")

    def test_unreadable_rule(self, client: TestClient) -> None:
        """A rule the library cannot read is 422 duration.unreadable, naming the parameter."""
        data = _problem(
            client.get("/deadline", params={"received_at": "2026-09-30T16:00+08:00", "rule": "三天半左右"}),
            422,
            "duration.unreadable",
        )
        assert data["value"] == "三天半左右"

    def test_naive_time(self, client: TestClient) -> None:
        """A time without an offset is 422 instant.naive, never read as some zone's local time."""
        _problem(
            client.get("/deadline", params={"received_at": "2026-09-30T16:00", "rule": "3个工作日"}),
            422,
            "instant.naive",
        )

    def test_uncovered_year(self, client: TestClient) -> None:
        """Working days in a year the calendar does not cover are 422 calendar.not_covered."""
        data = _problem(
            client.get("/deadline", params={"received_at": "2031-03-02T10:00+08:00", "rule": "3个工作日"}),
            422,
            "calendar.not_covered",
        )
        assert "2031" in data["detail"]

    @pytest.mark.parametrize("body", [b"", b"\xff\xfe\x00garbage", b"case,received_at\nA1,not a time\n"])
    def test_bad_csv(self, client: TestClient, body: bytes) -> None:
        """An upload that is not a usable export (empty, not text, a time that is not one) is 422
        document.invalid, never a 500."""
        got = client.post("/sla/insurance-claims-sla/report", params={"now": NOW}, content=body)
        assert got.status_code == 422, got.text
        assert got.json()["code"] == "document.invalid"

    def test_bad_inspection_document(self, client: TestClient) -> None:
        """An inspection document that is not one is 422 document.invalid."""
        _problem(client.post("/score", content=b"findings: [1, 2"), 422, "document.invalid")


def _code_lines(path: Path) -> int:
    """Lines of code: not blank, not a comment, not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            docs.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    lines = io.StringIO(path.read_text(encoding="utf-8")).read().splitlines()
    return sum(
        1
        for i, line in enumerate(lines, 1)
        if line.strip() and not line.strip().startswith("#") and i not in docs
    )


def test_the_glue_stays_small() -> None:
    """The whole service, imports included, is under 60 lines of code: the library does the rest."""
    assert _code_lines(EXAMPLES / "service" / "app.py") < 60
