"""Columnar SLA evaluation (``servstd.sla.batch.evaluate``) against the scalar ``SLAPolicy.evaluate``.

Insurance-style claims under the catalog policy ``insurance-claims-sla``: each case is a claim
(category 理赔) in 城区 or 郊县, so three metrics apply (arrival on site on a 7×24 clock, payment in
10 or 3 working days, advance payment in 60 days); receipt and completion columns as a ticket
export has them; 20 % of the cases paused once (waiting for documents). The scalar rate is
measured on a sample, the columnar one on the whole table; both answer the same question.
Run alone with ``python bench/sla_eval_bench.py [--quick]``, or as part of ``bench/run.py``.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from typing import Any

import numpy as np
import pandas as pd

from servstd.sla import SLAPolicy, TimerEvent, batch

POLICY = SLAPolicy.from_catalog("insurance-claims-sla")
NOW = pd.Timestamp("2026-06-01", tz="Asia/Shanghai").to_pydatetime()
METRICS = 3


def claims(n: int, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` claims received during 2025, completions spread around their targets, 20 % paused."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-01-01", tz="Asia/Shanghai")
    received = start + pd.to_timedelta(rng.integers(0, 364 * 24 * 60, n), unit="min")
    cases = pd.DataFrame(
        {
            "case": np.char.add("C", np.arange(n).astype(str)).astype(object),
            "received_at": received,
            "zone": rng.choice(np.array(["城区", "郊县"], dtype=object), n),
            "category": "理赔",
            "approval": rng.choice(np.array(["上级批复", None], dtype=object), n, p=[0.3, 0.7]),
            "arrival_at": received + pd.to_timedelta(rng.integers(5, 240, n), unit="min"),
            "payment_at": received + pd.to_timedelta(rng.integers(2 * 24 * 60, 20 * 24 * 60, n), unit="min"),
            "advance_payment_at": received + pd.to_timedelta(rng.integers(1, 80, n), unit="D"),
        }
    )
    cases.loc[rng.random(n) < 0.1, "payment_at"] = pd.NaT  # still open
    paused = np.flatnonzero(rng.random(n) < 0.2)
    p0 = received[paused] + pd.to_timedelta(rng.integers(60, 24 * 60, paused.size), unit="min")
    p1 = p0 + pd.to_timedelta(rng.integers(30, 24 * 60, paused.size), unit="min")
    events = pd.DataFrame(
        {
            "case": np.repeat(cases["case"].to_numpy()[paused], 2),
            "kind": np.tile(np.array(["pause", "resume"], dtype=object), paused.size),
            "at": pd.DatetimeIndex(
                np.column_stack(
                    [p0.tz_convert("UTC").tz_localize(None), p1.tz_convert("UTC").tz_localize(None)]
                ).ravel()
            ).tz_localize("UTC"),
            "metric": "payment",
        }
    )
    return cases, events


def scalar_rate(cases: pd.DataFrame, events: pd.DataFrame, sample: int) -> float:
    """Cases per second of SLAPolicy.evaluate, building each case's events as a user would."""
    rows = cases.iloc[:sample].to_dict("records")
    by_case: dict[str, list[dict[str, Any]]] = {}
    for e in events[events["case"].isin(cases["case"].iloc[:sample])].to_dict("records"):
        by_case.setdefault(e["case"], []).append(e)
    t0 = time.perf_counter()
    for r in rows:
        evs = [TimerEvent("start", r["received_at"].to_pydatetime())]
        evs += [
            TimerEvent("complete", r[f"{m}_at"].to_pydatetime(), metric=m)
            for m in ("arrival", "payment", "advance_payment")
            if r[f"{m}_at"] is not pd.NaT
        ]
        evs += [
            TimerEvent(e["kind"], e["at"].to_pydatetime(), metric=e["metric"])
            for e in by_case.get(r["case"], [])
        ]
        POLICY.evaluate({"zone": r["zone"], "category": r["category"], "approval": r["approval"]}, evs, NOW)
    return sample / (time.perf_counter() - t0)


def run(*, quick: bool, figures: dict[str, Any]) -> None:
    n = 100_000 if quick else 1_000_000
    cases, events = claims(n)
    batch.evaluate(POLICY, cases.iloc[:1000], events[events["case"].isin(cases["case"].iloc[:1000])], now=NOW)
    best = float("inf")
    for _ in range(2 if quick else 3):
        t0 = time.perf_counter()
        out = batch.evaluate(POLICY, cases, events, now=NOW)
        best = min(best, time.perf_counter() - t0)
    assert len(out) == n * METRICS
    tracemalloc.start()
    batch.evaluate(POLICY, cases, events, now=NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    scalar = scalar_rate(cases, events, 500 if quick else 2000)
    columnar = n / best
    growth = {}
    for size in (n // 10, n // 2):
        sub = cases.iloc[:size]
        sub_events = events[events["case"].isin(sub["case"])]
        t0 = time.perf_counter()
        batch.evaluate(POLICY, sub, sub_events, now=NOW)
        growth[size] = time.perf_counter() - t0
    growth[n] = best
    print(f"\n== SLA evaluation: {n:,} insurance claims × {METRICS} metrics, 20 % paused once ==")
    print(f"scalar SLAPolicy.evaluate     {scalar:12,.0f} cases/s   ({scalar * METRICS:,.0f} case-metrics/s)")
    print(
        f"columnar batch.evaluate       {columnar:12,.0f} cases/s   ({columnar * METRICS:,.0f} case-metrics/s)"
    )
    print(f"ratio                         {columnar / scalar:12,.0f}×")
    print(f"time for {n:,} cases          {best:12.2f} s")
    print(
        f"peak extra memory             {peak / 1e6:12.0f} MB per {n:,} cases (tracemalloc, numpy + results)"
    )
    print("how time grows:  " + ",  ".join(f"{k:,} cases {v:.2f} s" for k, v in growth.items()))
    figures["sla_evaluation"] = {
        "cases": n, "metrics": METRICS, "paused_share": 0.2, "seconds": best,
        "columnar_cases_per_s": columnar, "columnar_case_metrics_per_s": columnar * METRICS,
        "scalar_cases_per_s": scalar, "ratio": columnar / scalar,
        "peak_bytes": peak, "peak_bytes_per_million": peak * 1_000_000 / n,
        "growth_seconds": {str(k): v for k, v in growth.items()},
    }  # fmt: skip


if __name__ == "__main__":
    figs: dict[str, Any] = {}
    run(quick="--quick" in sys.argv, figures=figs)
