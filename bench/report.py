"""Write docs/performance.md from the figures bench/run.py wrote (docs/performance.json).

``python bench/report.py [FIGURES] [PAGE]``. Every number on the page comes from FIGURES (one run);
the prose is fixed, so the Chinese catalog keeps its translations from run to run (table cells of
figures only are copied as they are). ``FIGURES["before"]``, when present, holds the same
measurements on the code before the columnar work (``bench/columnar_bench.py`` run against it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def rate(x: float) -> str:
    """A rate per second, to three significant figures."""
    for unit, scale in (("G/s", 1e9), ("M/s", 1e6), ("k/s", 1e3)):
        if x >= scale:
            return f"{x / scale:.3g} {unit}"
    return f"{x:.3g}/s"


def secs(x: float) -> str:
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.3g} ms"
    return f"{x * 1e6:.3g} µs"


def pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def times(x: float) -> str:
    return f"{x:,.2f}×" if x < 10 else f"{x:,.0f}×"


def mb(x: float) -> str:
    return f"{x / 1e6:,.0f} MB"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def goals(f: dict[str, Any]) -> str:
    b = f.get("before", {})
    wdb, awd, ev, up = (
        f["working_days_between"],
        f["add_working_days"],
        f["evaluate_by_library"],
        f["startup"],
    )
    bawd, bev, bup = b.get("add_working_days", {}), b.get("evaluate_by_library", {}), b.get("startup", {})

    def was(value: Any, fmt: Any) -> str:
        return "—" if value is None else fmt(value)

    rows = [
        [
            "`batch.working_days_between`, its time ÷ the numpy gather's",
            "—",
            f"**{times(wdb['ratio_to_ceiling'])}**",
            "≤ 2×",
        ],
        [
            "`batch.add_working_days(d, 3)`, share of the numpy gather's speed",
            was(bawd.get("share_of_ceiling_3"), pct),
            f"**{pct(awd['share_of_ceiling_3'])}**",
            "≥ 60 %",
        ],
        [
            "`batch.add_working_days(d, n)`, n in −10..29 (zeros too)",
            was(bawd.get("share_of_ceiling_mixed"), pct),
            f"**{pct(awd['share_of_ceiling_mixed'])}**",
            "≥ 60 %",
        ],
    ]
    for kind in ("polars", "pyarrow"):
        rows.append(
            [
                f"`batch.evaluate`, {kind} input: its time ÷ pandas'",
                was(bev.get("ratio_to_pandas", {}).get(kind), times),
                f"**{times(ev['ratio_to_pandas'][kind])}**",
                "≤ 1.15×",
            ]
        )
    for kind in ("pandas", "polars", "pyarrow"):
        rows.append(
            [
                f"`batch.evaluate`, {kind}: peak memory above the input per million cases",
                was(bev.get("peak_bytes_per_million", {}).get(kind), mb),
                f"**{mb(ev['peak_bytes_per_million'][kind])}**",
                "≤ 350 MB",
            ]
        )
    rows.append(
        [
            "`batch.evaluate_chunks` over Parquet row groups of 100,000: the same",
            "—",
            f"**{mb(ev['peak_bytes_per_million']['parquet'])}**",
            "≤ 350 MB",
        ]
    )
    rows.append(
        [
            "`batch.evaluate`, pandas: case-metrics per second",
            was(bev.get("case_metrics_per_s", {}).get("pandas"), rate),
            f"**{rate(ev['case_metrics_per_s']['pandas'])}**",
            "≥ 2 M/s",
        ]
    )
    for name, label in (
        ("servstd workday 2026-02-14", "`servstd workday 2026-02-14`"),
        ("servstd deadline", "`servstd deadline`"),
    ):
        goal = "≤ 6×" if name.startswith("servstd workday") else "—"
        rows.append([f"{label}, its time ÷ `python -c pass`", was(bup.get("ratio_to_python", {}).get(name), times),
                     f"**{times(up['ratio_to_python'][name])}**", goal])  # fmt: skip
    return table(["figure", "before", "now", "goal"], rows)


def kinds(f: dict[str, Any]) -> str:
    wdb, awd, add, el = (
        f["working_days_between"],
        f["add_working_days"],
        f["business_add"],
        f["business_elapsed"],
    )
    rows = []
    for name, op, fig, key in (
        ("numpy `busday_count`", "working days in [a, b)", wdb, "numpy"),
        ("polars `business_day_count`", "working days in [a, b)", wdb, "polars"),
        ("numpy `busday_offset`", "add 3 working days", awd, "numpy"),
        ("polars `add_business_days`", "add 3 working days", awd, "polars"),
    ):
        wrong = fig[f"{key}_wrong_share"]
        rows.append([name, op, pct(wrong), pct(0), pct(wrong), pct(fig[f"{key}_wrong_makeup_share"])])
    for name, key in (
        ("pandas CustomBusinessHour", "pandas_kinds"),
        ("businesstimedelta", "businesstimedelta_kinds"),
    ):
        k = add[key]
        rows.append([name, "add 16 business hours", pct(k["differ"] / k["n"]), pct(k["convention"] / k["n"]),
                     pct(k["wrong"] / k["n"]), pct(k["wrong_with_makeup_days"] / k["n"])])  # fmt: skip
    for name, key in (("business_duration", "business_duration"), ("businesstimedelta", "businesstimedelta")):
        wrong, n = el[f"{key}_wrong"]
        rows.append([name, "elapsed business time", pct(wrong / n), pct(0), pct(wrong / n),
                     pct(el[f"{key}_wrong_with_makeup_days"] / n)])  # fmt: skip
    header = [
        "alternative",
        "operation",
        "differs from servstd",
        "a convention",
        "wrong",
        "wrong, across a make-up day",
    ]
    return table(header, rows)


def throughput(f: dict[str, Any]) -> str:
    s, wdb, awd, add, el = (
        f["scalar"],
        f["working_days_between"],
        f["add_working_days"],
        f["business_add"],
        f["business_elapsed"],
    )
    rows = [
        ["working days in [a, b)", "**servstd**", f"**{rate(wdb['servstd_per_s'])}**", ""],
        ["", "numpy gather (the ceiling)", rate(wdb["ceiling_per_s"]), times(wdb["servstd_per_s"] / wdb["ceiling_per_s"])],
        ["", "servstd, the scalar method in a loop", rate(wdb["scalar_per_s"]), times(wdb["servstd_per_s"] / wdb["scalar_per_s"])],
        ["", "numpy `busday_count`", rate(wdb["numpy_per_s"]), times(wdb["servstd_per_s"] / wdb["numpy_per_s"])],
        ["", "polars `business_day_count`", rate(wdb["polars_per_s"]), times(wdb["servstd_per_s"] / wdb["polars_per_s"])],
        ["add 3 working days", "**servstd**", f"**{rate(awd['servstd_3_per_s'])}**", ""],
        ["", "numpy gather (the ceiling)", rate(awd["ceiling_3_per_s"]), times(awd["servstd_3_per_s"] / awd["ceiling_3_per_s"])],
        ["", "numpy `busday_offset`", rate(awd["numpy_per_s"]), times(awd["servstd_3_per_s"] / awd["numpy_per_s"])],
        ["", "polars `add_business_days`", rate(awd["polars_per_s"]), times(awd["servstd_3_per_s"] / awd["polars_per_s"])],
        ["add 16 business hours", "**servstd**", f"**{rate(add['servstd_per_s'])}**", ""],
        ["", "numpy core (the ceiling)", rate(add["core_per_s"]), times(add["servstd_per_s"] / add["core_per_s"])],
        ["", "pandas CustomBusinessHour", rate(add["pandas_per_s"]), times(add["ratio_vs_pandas"])],
        ["", "businesstimedelta", rate(add["businesstimedelta_per_s"]), times(add["ratio_vs_businesstimedelta"])],
        ["elapsed business time", "**servstd**", f"**{rate(el['servstd_per_s'])}**", ""],
        ["", "business_duration", rate(el["business_duration_per_s"]), times(el["ratio_vs_business_duration"])],
        ["", "businesstimedelta", rate(el["businesstimedelta_per_s"]), times(el["ratio_vs_businesstimedelta"])],
        ["one call: add 16 business hours", "**servstd**", f"**{secs(s['servstd_add_s'])}**", ""],
        ["", "pandas CustomBusinessHour", secs(s["pandas_cbh_s"]), times(s["ratio_vs_pandas"])],
        ["", "businesstimedelta", secs(s["businesstimedelta_s"]), times(s["ratio_vs_businesstimedelta"])],
        ["one call: elapsed business time", "**servstd**", f"**{secs(s['servstd_elapsed_s'])}**", ""],
        ["one call: `deadline(t, \"3个工作日\")` with its explanation", "**servstd**", f"**{secs(s['servstd_deadline_s'])}**", ""],
    ]  # fmt: skip
    return table(["operation", "library", "rate or time per call", "servstd faster by"], rows)


def jobs(f: dict[str, Any]) -> str:
    sc, po, ev = f["scoring"], f["policies"], f["sla_evaluation"]
    rows = [
        ["score inspections of the 32-item 客户服务部品质检查标准, full audited reports", f"{sc['n']:,}", secs(sc["score_many_s"]), rate(sc["n"] / sc["score_many_s"])],
        ["the same, totals only (`servstd.scoring.totals`)", f"{sc['n']:,}", secs(sc["totals_s"]), rate(sc["n"] / sc["totals_s"])],
        ["`SLAPolicy.evaluate`, one case at a time (3 metrics, 2–4 events each)", f"{po['n']:,}", secs(po["seconds"]), rate(po["n"] / po["seconds"])],
        ["`batch.evaluate`, 3 metrics, 20 % paused once", f"{ev['cases']:,}", secs(ev["seconds"]), rate(ev["columnar_cases_per_s"])],
    ]  # fmt: skip
    return table(["job", "cases", "time", "rate"], rows)


def sql(f: dict[str, Any]) -> str:
    q = f["sql"]
    a, w, bs = q["add_working_days"], q["working_days_between"], q["business_seconds"]
    same = {True: "yes", False: "**no**"}
    rows = [
        ["`servstd_add_working_days(d, n)`", f"{a['n']:,}", secs(a["duckdb_s"]), secs(a["batch_s"]), same[a["same"]]],
        ["`servstd_working_days_between(a, b)`", f"{w['n']:,}", secs(w["duckdb_s"]), secs(w["batch_s"]), same[w["same"]]],
        ["the same count by the docs' join", f"{w['n']:,}", secs(w["join_s"]), "", ""],
        ["`servstd_business_seconds(a, b)`", f"{bs['n']:,}", secs(bs["duckdb_s"]), secs(bs["batch_s"]), same[bs["same"]]],
        ["export 2020–2026 to a DuckDB file", "", secs(q["export_s"]), "", ""],
    ]  # fmt: skip
    return table(["operation", "rows", "DuckDB", "`servstd.sla.batch`", "same answers"], rows)


def startup(f: dict[str, Any]) -> str:
    up = f["startup"]
    rows = [[f"`{k}`", secs(v), times(up["ratio_to_python"][k])] for k, v in up["median_s"].items()]
    return table(["command", "median", "÷ `python -c pass`"], rows)


def page(f: dict[str, Any]) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in f["versions"].items())
    run = table(["the run", ""], [
        ["machine", f"`{f['machine']}`"], ["date", f"`{f['date']}`"], ["servstd", f"`{f['servstd']}`"],
        ["Python", f"`{f['python']}`"], ["alternatives", f"`{versions}`"],
    ])  # fmt: skip
    return f"""# Performance

Every figure below comes from one run of `nox -s bench` (`bench/run.py`), which measures servstd
and the libraries users would otherwise pick **on the same generated cases in the same run**, each
beside its yardstick, and compares the answers. Timings are the minimum of interleaved rounds;
slow alternatives run on a sample of 300–2,000 elements and their per-element time is used. The
raw figures are `docs/performance.json`; `bench/plot.py` draws the chart and `bench/report.py`
writes this page from them. The machine is shared: read the ratios, which both sides of each
share, rather than the absolute rates.

{run}

![Throughput of servstd and the alternatives](_static/performance.png)

## The columnar engine against its goals

The goals are the library's own. The numpy gather is the ceiling of a working-day question: a
table of the calendar's days built from `is_working_day`, read with one `numpy` index per date
and no checks. Memory is the peak resident size of a fresh process during the call, above what
it held with the input loaded (every allocator counts: numpy's, polars' and Arrow's). "Before"
is the same measurement on the code before this work, on the same machine the same day; its
`batch.evaluate` times are of one call in each of those fresh processes.

{goals(f)}

## Wrong answers and conventions

When an alternative's answer differs from servstd's, the benchmark says why. A difference is a
convention when both answers are the same point of business time — servstd's clock counts no
open time between them, as when pandas lands on the next opening (09:00) where servstd lands on
the close (18:00) of the day the time runs out. Anything else is a wrong answer; the last column
counts the wrong answers whose span holds a make-up working day (调休上班, a Saturday or Sunday
that is a working day), which none of these libraries can express. Counting days in `[a, b)` and
rolling a rest day follow the same conventions in numpy, polars and servstd, and an elapsed time
has one representation, so those differences are all wrong answers. Shares are of all the
answers compared.

{kinds(f)}

## Throughput

{throughput(f)}

## Scoring and SLA timers

{jobs(f)}

## SQL: DuckDB macros over a calendar export

`bench/sql_bench.py` exports 2020–2026 (default clock) to a DuckDB file and runs the macros on
columns handed to DuckDB as Arrow tables, against `servstd.sla.batch` on the same numpy columns;
NULL only where the answer leaves the exported years.

{sql(f)}

## Start-up

Whole processes, interleaved, median, bytecode compiled. `servstd workday` builds the parser of
that subcommand alone and imports the calendar; the clock, the notice parser, `zoneinfo`,
`pathlib` and `platformdirs` load only when a zone, a notice file or another file is met. Half of
what remains is importing `attrs` and `typing`, which every servstd value needs.

{startup(f)}
"""


def main(path: str = "docs/performance.json", out: str = "docs/performance.md") -> int:
    f = json.loads(Path(path).read_text(encoding="utf-8"))
    Path(out).write_text(page(f), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
