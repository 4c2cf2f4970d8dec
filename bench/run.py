"""servstd benchmarks against the libraries users would otherwise pick, on the same cases, in one run.

Run with ``nox -s bench`` (or ``uv run --group bench python bench/run.py``). Prints per-call times,
throughput and the ratios, plus how many of each alternative's answers differ from servstd's
(they cannot express make-up working days). ``--quick`` shrinks the sample sizes; ``--json PATH``
writes the figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
import warnings
from collections.abc import Callable
from importlib.metadata import version
from typing import Any
from zoneinfo import ZoneInfo

import batch_bench  # the batch section, beside this file
import columnar_bench  # working days at the numpy ceiling, evaluate by library, memory, start-up
import sla_eval_bench  # columnar vs scalar SLA evaluation, beside this file
import sql_bench  # the SQL section (DuckDB macros vs the batch engine)

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
HOURS = "09:00-12:00,13:30-18:00"
CLOCK = ServiceClock(WorkCalendar.china(), BusinessHours.parse(HOURS), "Asia/Shanghai")
CAL = WorkCalendar.china()
YEARS = range(2024, 2027)


def holidays_list() -> list[dt.date]:
    """Weekday rest days 2024–2026 (what a holidays-list library can be told)."""
    out = []
    d = dt.date(YEARS[0], 1, 1)
    while d.year <= YEARS[-1]:
        if d.weekday() < 5 and not CAL.is_working_day(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def sample_instants(n: int, seed: int = 7) -> list[dt.datetime]:
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, tzinfo=SH)
    span = int((dt.datetime(2026, 9, 30, tzinfo=SH) - start).total_seconds() // 60)
    return [start + dt.timedelta(minutes=rng.randrange(span)) for _ in range(n)]


def per_call(fn: Callable[[], Any], calls: int) -> tuple[float, Any]:
    """Seconds per call (best of 3 runs of fn, which performs `calls` calls)."""
    best = float("inf")
    result = None
    for _ in range(3):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best / calls, result


def fmt_time(s: float) -> str:
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    if s >= 1e-6:
        return f"{s * 1e6:.2f} µs"
    return f"{s * 1e9:.0f} ns"


def scalar(n: int, figures: dict[str, Any]) -> None:
    import businesstimedelta as btd
    import pandas as pd

    starts = sample_instants(n)
    d16 = dt.timedelta(hours=16)
    t_servstd, ours = per_call(lambda: [CLOCK.add(t, d16) for t in starts], n)

    hol = holidays_list()
    workday = btd.WorkDayRule(start_time=dt.time(9), end_time=dt.time(18), working_days=[0, 1, 2, 3, 4])
    lunch = btd.LunchTimeRule(start_time=dt.time(12), end_time=dt.time(13, 30), working_days=[0, 1, 2, 3, 4])
    # businesstimedelta fails past its last listed holiday: give it a sentinel far ahead
    rules = btd.Rules([workday, lunch, btd.HolidayRule([*hol, dt.date(2030, 1, 1)])])
    bt_delta = btd.BusinessTimeDelta(rules, hours=16)
    naive = [t.replace(tzinfo=None) for t in starts]
    n_bt = max(n // 20, 50)
    t_bt, bt_res = per_call(lambda: [t + bt_delta for t in naive[:n_bt]], n_bt)

    cbh = pd.offsets.CustomBusinessHour(n=16, start=["09:00", "13:30"], end=["12:00", "18:00"], holidays=hol)
    n_pd = max(n // 20, 50)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_pd, pd_res = per_call(lambda: [pd.Timestamp(t) + cbh for t in naive[:n_pd]], n_pd)

    wrong_bt = sum(
        a.replace(tzinfo=None) != b.replace(tzinfo=None) for a, b in zip(ours, bt_res, strict=False)
    )
    wrong_pd = sum(a.replace(tzinfo=None) != b.to_pydatetime() for a, b in zip(ours, pd_res, strict=False))
    t_el, _ = per_call(lambda: [CLOCK.elapsed(t, u) for t, u in zip(starts, ours, strict=True)], n)
    t_dl, _ = per_call(lambda: [CLOCK.deadline(t, "3个工作日") for t in starts[: n // 4]], n // 4)
    print("\n== Scalar: add 16 business hours (09:00–12:00, 13:30–18:00, China 2024–2026) ==")
    print(f"servstd ServiceClock.add      {fmt_time(t_servstd):>10} per call")
    print(
        f"businesstimedelta             {fmt_time(t_bt):>10} per call   servstd is {t_bt / t_servstd:7.0f}× faster   "
        f"{wrong_bt}/{n_bt} answers differ (make-up days)"
    )
    print(
        f"pandas CustomBusinessHour     {fmt_time(t_pd):>10} per call   servstd is {t_pd / t_servstd:7.0f}× faster   "
        f"{wrong_pd}/{n_pd} answers differ (make-up days)"
    )
    print(f"servstd ServiceClock.elapsed  {fmt_time(t_el):>10} per call")
    print(f"servstd deadline('3个工作日')  {fmt_time(t_dl):>10} per call (with explanation)")
    figures["scalar"] = {
        "servstd_add_s": t_servstd, "businesstimedelta_s": t_bt, "pandas_cbh_s": t_pd,
        "servstd_elapsed_s": t_el, "servstd_deadline_s": t_dl,
        "ratio_vs_businesstimedelta": t_bt / t_servstd, "ratio_vs_pandas": t_pd / t_servstd,
        "businesstimedelta_wrong": [wrong_bt, n_bt], "pandas_wrong": [wrong_pd, n_pd],
    }  # fmt: skip


def scoring(n: int, figures: dict[str, Any]) -> None:
    from servstd.catalog import catalog
    from servstd.scoring import Finding, Inspection, score_many, totals

    std = catalog().standard("property-cs-quality-inspection")
    codes = [it.code for it in std.items()]
    rng = random.Random(3)
    inspections = [
        Inspection(
            std.id, findings=[Finding(rng.choice(codes), rng.randint(1, 4)) for _ in range(rng.randint(0, 8))]
        )
        for _ in range(n)
    ]
    t0 = time.perf_counter()
    reports = score_many(std, inspections)
    t_reports = time.perf_counter() - t0
    t0 = time.perf_counter()
    fast = totals(std, inspections)
    t_totals = time.perf_counter() - t0
    assert fast == [r.total_exact for r in reports]
    print(f"\n== Scoring {n:,} inspections of the 32-item 客户服务部品质检查标准 (0–8 findings each) ==")
    print(f"score_many (full audited reports)  {t_reports:6.2f} s   {n / t_reports:10,.0f} inspections/s")
    print(f"totals (dashboard fast path)       {t_totals:6.2f} s   {n / t_totals:10,.0f} inspections/s")
    figures["scoring"] = {"n": n, "score_many_s": t_reports, "totals_s": t_totals}


def policies(n: int, figures: dict[str, Any]) -> None:
    from servstd.sla import SLAPolicy, TimerEvent

    policy = SLAPolicy.from_catalog("insurance-claims-sla")
    rng = random.Random(5)
    starts = sample_instants(n, seed=11)
    cases = []
    for t in starts:
        zone = rng.choice(["城区", "郊县"])
        evs = [TimerEvent("start", t)]
        if rng.random() < 0.3:
            p0 = t + dt.timedelta(minutes=rng.randint(1, 30))
            evs += [
                TimerEvent("pause", p0),
                TimerEvent("resume", p0 + dt.timedelta(minutes=rng.randint(1, 60))),
            ]
        evs.append(
            TimerEvent("complete", evs[-1].at + dt.timedelta(minutes=rng.randint(10, 240)), metric="arrival")
        )
        cases.append(({"zone": zone, "category": "理赔"}, evs, t + dt.timedelta(days=1)))
    t0 = time.perf_counter()
    met = sum(
        r["arrival"].status.value == "met"
        for case, evs, now in cases
        for r in [policy.evaluate(case, evs, now)]
    )
    took = time.perf_counter() - t0
    print(f"\n== SLA timers: {n:,} insurance cases (arrival + payment + advance payment), 2–4 events each ==")
    print(f"policy.evaluate  {took:6.2f} s   {n / took:10,.0f} cases/s   ({met:,} arrivals met)")
    figures["policies"] = {"n": n, "seconds": took}


CONTENDERS = ("numpy", "pandas", "polars", "pyarrow", "duckdb", "businesstimedelta", "business-duration")


def machine() -> str:
    """The processor, its cores and the load when the run began (the figures depend on all three)."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            names = [line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")]
        model = names[0] if names else model
    except OSError:
        pass
    load = (
        ", load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    )
    return f"{model}, {os.cpu_count()} cores{load}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small samples (seconds, for CI smoke runs)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {
        "machine": machine(),
        "python": sys.version.split()[0],
        "servstd": version("servstd"),
        "date": dt.date.today().isoformat(),
        "quick": args.quick,
        "versions": {name: version(name) for name in CONTENDERS},
    }
    print(
        f"servstd {figures['servstd']} on {figures['machine']}, Python {figures['python']}, {figures['date']}"
    )
    print("versions: " + ", ".join(f"{k} {v}" for k, v in figures["versions"].items()))
    scalar(2_000 if args.quick else 20_000, figures)
    scoring(10_000 if args.quick else 100_000, figures)
    policies(10_000 if args.quick else 100_000, figures)
    columnar_bench.run(quick=args.quick, figures=figures)
    batch_bench.run(quick=args.quick, figures=figures)
    sql_bench.run(quick=args.quick, figures=figures)
    sla_eval_bench.run(quick=args.quick, figures=figures)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
