"""A web service on servstd: five endpoints whose answers are the library's own values.

Run it with ``uvicorn examples.service.app:app`` (FastAPI and uvicorn are the service's
dependencies, not servstd's). What the library gives, the service does not write again:

* answers are servstd values (``Deadline``, ``Standard``, ``ScoreReport``, ``ComplaintTimeline``,
  ``ComplianceReport``); FastAPI writes each through its pydantic schema, which is its ``to_dict()``;
* every bad input is a ``ServstdError`` whose ``to_dict()`` is RFC 9457 problem details and whose
  ``status`` is 404 (an unknown id) or 422 (unusable input): one handler answers them all;
* the clock and the catalog are built once and shared by every request (they are immutable).
"""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from servstd import Lang
from servstd.catalog import catalog
from servstd.errors import ServstdError
from servstd.scoring import ScoreReport, parse_inspection, score
from servstd.sla import ComplaintTimeline, Deadline, ServiceClock
from servstd.sla.batch import ComplianceReport, report
from servstd.standards import Standard

app = FastAPI(title="servstd example service")
CLOCK = ServiceClock.default()  # one clock for the process: immutable, safe to share across threads


@app.exception_handler(ServstdError)
async def problem(request: Request, exc: Exception) -> JSONResponse:
    """Every servstd error as problem details, with the status its code gives (404 or 422)."""
    assert isinstance(exc, ServstdError)  # FastAPI calls this handler for ServstdError only
    return JSONResponse(exc.to_dict(), status_code=exc.status, media_type="application/problem+json")


@app.get("/deadline", response_model=Deadline)
def deadline(received_at: dt.datetime, rule: str, lang: Lang = "zh") -> JSONResponse:
    """When something received at ``received_at`` is due under ``rule`` ("3个工作日", "48h")."""
    return JSONResponse(CLOCK.deadline(received_at, rule).to_dict(lang))


@app.get("/standards/{standard_id}")
def standard(standard_id: str) -> Standard:
    """A standard of the catalog, with its sections and items."""
    return catalog().standard(standard_id)


@app.post("/score")
async def score_inspection(request: Request) -> ScoreReport:
    """Score the inspection document in the body (JSON or YAML naming its standard and findings)."""
    inspection = parse_inspection((await request.body()).decode("utf-8", "replace"))
    return score(catalog().standard(inspection.standard), inspection)


@app.get("/complaints/{policy_id}/timeline")
def complaint(policy_id: str, received_at: dt.datetime, tier: str | None = None,
              category: str | None = None) -> ComplaintTimeline:  # fmt: skip
    """A complaint's tier and the deadline of each stage (the tier given, or found from its category)."""
    return catalog().complaint_policy(policy_id).timeline(received_at, tier, category=category)


@app.post("/sla/{policy_id}/report")
async def sla_report(
    policy_id: str, request: Request, now: dt.datetime, by: str = "month"
) -> ComplianceReport:
    """The SLA compliance report over a ticket export uploaded as CSV (the request's body); report()
    reads the uploaded bytes as it reads a file, off the event loop."""
    policy, body = catalog().sla_policy(policy_id), await request.body()
    return await run_in_threadpool(report, policy, body, now=now, by=by.split(","))
