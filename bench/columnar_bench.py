"""The columnar engine at the numpy ceiling: working days, evaluate by library, memory, start-up.

Every figure is measured in the same run as its yardstick and printed with the ratio:

* ``batch.working_days_between`` against a numpy gather on a table built from servstd's own
  ``is_working_day`` (the ceiling), the scalar loop, ``numpy.busday_count`` and polars'
  ``business_day_count`` (their wrong answers counted);
* ``batch.add_working_days`` against the numpy gather ceiling (n = 3, and n in −10..29 with zeros),
  ``numpy.busday_offset`` and polars' ``add_business_days``;
* ``batch.evaluate`` on the same claims as pandas, polars and pyarrow tables (time, and peak
  resident memory above the input, each library in a fresh process), and ``evaluate_chunks`` over
  a Parquet file's row groups;
* ``servstd workday`` against ``python -c pass``, whole processes, interleaved.

Timings are the minimum of interleaved rounds; answers are compared where they are timed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from servstd.sla import WorkCalendar, batch

CAL = WorkCalendar.china()
FIRST, LAST = 2016, 2026
HERE = Path(__file__).resolve().parent


def _rounds(fns: dict[str, Any], rounds: int) -> tuple[dict[str, float], dict[str, Any]]:
    """The minimum time of each function over ``rounds`` interleaved rounds, and its last answer."""
    best = dict.fromkeys(fns, float("inf"))
    out: dict[str, Any] = {}
    for _ in range(rounds):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            out[name] = fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best, out


def _table() -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(first epoch day, working days before each day, the working days, is working) for FIRST..LAST,
    built from ``CAL.is_working_day`` one date at a time (outside every timing)."""
    first = dt.date(FIRST, 1, 1)
    days = (dt.date(LAST, 12, 31) - first).days + 1
    working = np.array([CAL.is_working_day(first + dt.timedelta(k)) for k in range(days)])
    before = np.concatenate([[0], np.cumsum(working)]).astype(np.int64)
    origin = (first - dt.date(1970, 1, 1)).days
    return origin, before, np.flatnonzero(working).astype(np.int64), working


def _weekday_rest_days(working: np.ndarray, origin: int) -> np.ndarray:
    """Weekday rest days (what a holidays list can be told): the input of numpy's and polars' calendars."""
    days = np.arange(working.size) + origin
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday (3)
    return (days[(weekday < 5) & ~working]).astype("datetime64[D]")


def _across_makeup(working: np.ndarray, origin: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Whether a make-up working day (a working Saturday or Sunday) lies in ``[lo, hi]`` (dates)."""
    days = np.arange(working.size) + origin
    makeup = days[((days + 3) % 7 >= 5) & working]
    first, last = lo.astype("datetime64[D]").view(np.int64), hi.astype("datetime64[D]").view(np.int64)
    crossed: np.ndarray = np.searchsorted(makeup, last, side="right") > np.searchsorted(makeup, first)
    return crossed


def working_days_between(n: int, rounds: int, figures: dict[str, Any]) -> None:
    import polars as pl

    origin, before, _, working = _table()
    rng = np.random.default_rng(21)
    a = np.datetime64("2017-01-01") + rng.integers(0, 365 * 9, n).astype("timedelta64[D]")
    b = a + rng.integers(0, 60, n).astype("timedelta64[D]")
    ai, bi = a.view(np.int64), b.view(np.int64)
    hol = _weekday_rest_days(working, origin)
    frame = pl.DataFrame({"a": a, "b": b})
    hol_list = hol.astype(dt.date).tolist()

    def polars_count() -> np.ndarray:
        return frame.select(pl.business_day_count("a", "b", holidays=hol_list))["a"].to_numpy()

    batch.working_days_between(CAL, a[:10], b[:10])  # warm the calendar's tables
    times, got = _rounds(
        {
            "servstd": lambda: batch.working_days_between(CAL, a, b),
            "ceiling": lambda: before[bi - origin] - before[ai - origin],
            "numpy": lambda: np.busday_count(a, b, holidays=hol),
            "polars": polars_count,
        },
        rounds,
    )
    ours = np.asarray(got["servstd"])
    assert np.array_equal(ours, got["ceiling"]), "batch.working_days_between disagrees with the table"
    k = min(n, 20_000)
    pa_, pb_ = a[:k].astype(dt.date).tolist(), b[:k].astype(dt.date).tolist()
    t0 = time.perf_counter()
    scalar = [CAL.working_days_between(x, y) for x, y in zip(pa_, pb_, strict=True)]
    t_scalar = (time.perf_counter() - t0) / k
    assert scalar == ours[:k].tolist(), "batch.working_days_between disagrees with the scalar method"
    wrong_np = int((got["numpy"] != ours).sum())
    wrong_pl = int((got["polars"] != ours).sum())
    crossed = _across_makeup(working, origin, a, b - np.timedelta64(1, "D"))
    makeup_np = int(((got["numpy"] != ours) & crossed).sum())
    makeup_pl = int(((got["polars"] != ours) & crossed).sum())
    rate = {name: n / t for name, t in times.items()}
    print(f"\n== Working days in [a, b) for {n:,} pairs (China 2017–2025, b − a in 0..59 days) ==")
    print(f"numpy gather (the ceiling)          {rate['ceiling'] / 1e6:8.1f} M pairs/s")
    print(f"servstd batch.working_days_between  {rate['servstd'] / 1e6:8.1f} M pairs/s   "
          f"{times['servstd'] / times['ceiling']:.2f}× the ceiling's time (goal ≤ 2×)")  # fmt: skip
    print(f"scalar WorkCalendar loop            {1 / t_scalar / 1e6:8.3f} M pairs/s   "
          f"batch is {t_scalar * n / times['servstd']:,.0f}× faster")  # fmt: skip
    print(f"numpy.busday_count                  {rate['numpy'] / 1e6:8.1f} M pairs/s   "
          f"wrong on {wrong_np / n:.1%} (no make-up working days)")  # fmt: skip
    print(f"polars business_day_count           {rate['polars'] / 1e6:8.1f} M pairs/s   "
          f"wrong on {wrong_pl / n:.1%} (no make-up working days)")  # fmt: skip
    figures["working_days_between"] = {
        "n": n, "servstd_per_s": rate["servstd"], "ceiling_per_s": rate["ceiling"],
        "ratio_to_ceiling": times["servstd"] / times["ceiling"], "scalar_per_s": 1 / t_scalar,
        "numpy_per_s": rate["numpy"], "polars_per_s": rate["polars"],
        "numpy_wrong_share": wrong_np / n, "polars_wrong_share": wrong_pl / n,
        "numpy_wrong_makeup_share": makeup_np / n, "polars_wrong_makeup_share": makeup_pl / n,
    }  # fmt: skip


def add_working_days(n: int, rounds: int, figures: dict[str, Any]) -> None:
    import polars as pl

    origin, before, work, working = _table()
    rng = np.random.default_rng(22)
    d = np.datetime64("2017-01-01") + rng.integers(0, 365 * 9, n).astype("timedelta64[D]")
    d[:: max(n // 100, 1)] = np.datetime64("2017-01-01")  # 1 % on the first day the dates reach
    k = rng.integers(-10, 30, n)  # n == 0 on 1 in 40
    hol = _weekday_rest_days(working, origin)

    def ceiling_3() -> np.ndarray:
        di = d.view(np.int64) - origin
        return (work[before[di + 1] + 2] + origin).view("datetime64[D]")

    def ceiling_mixed() -> np.ndarray:
        di = d.view(np.int64) - origin
        target = np.where(k > 0, before[di + 1] + k - 1, before[di] + k)
        out = work[target] + origin
        return np.where(k == 0, di + origin, out).view("datetime64[D]")

    sd, hol_list = pl.Series("d", d), hol.astype(dt.date).tolist()
    batch.add_working_days(CAL, d[:10], 3)
    times, got = _rounds(
        {
            "servstd_3": lambda: batch.add_working_days(CAL, d, 3),
            "ceiling_3": ceiling_3,
            "servstd_mixed": lambda: batch.add_working_days(CAL, d, k),
            "ceiling_mixed": ceiling_mixed,
            "numpy": lambda: np.busday_offset(d, 3, roll="backward", holidays=hol),
            "polars": lambda: sd.dt.add_business_days(3, holidays=hol_list, roll="backward").to_numpy(),
        },
        rounds,
    )
    assert np.array_equal(got["servstd_3"], got["ceiling_3"]), "add_working_days(3) disagrees with the table"
    assert np.array_equal(got["servstd_mixed"], got["ceiling_mixed"]), "add_working_days(k) disagrees"
    sample = min(n, 5_000)
    assert [
        CAL.add_working_days(x, int(y))
        for x, y in zip(d[:sample].astype(dt.date).tolist(), k[:sample], strict=True)
    ] == got["servstd_mixed"][:sample].astype(dt.date).tolist(), "add_working_days disagrees with the scalar"
    wrong_np = int((got["numpy"] != got["servstd_3"]).sum())
    wrong_pl = int((got["polars"].astype("datetime64[D]") != got["servstd_3"]).sum())
    crossed = _across_makeup(working, origin, d, np.maximum(got["numpy"], got["servstd_3"]))
    makeup_np = int(((got["numpy"] != got["servstd_3"]) & crossed).sum())
    makeup_pl = int(((got["polars"].astype("datetime64[D]") != got["servstd_3"]) & crossed).sum())
    share_3 = times["ceiling_3"] / times["servstd_3"]
    share_mixed = times["ceiling_mixed"] / times["servstd_mixed"]
    print(f"\n== Add working days to {n:,} dates (China 2017–2025; 1 % on the first day) ==")
    print(f"n = 3        servstd {n / times['servstd_3'] / 1e6:7.1f} M/s   numpy gather {n / times['ceiling_3'] / 1e6:7.1f} M/s"
          f"   {share_3:.0%} of the ceiling (goal ≥ 60 %)")  # fmt: skip
    print(f"n in −10..29 servstd {n / times['servstd_mixed'] / 1e6:7.1f} M/s   numpy gather {n / times['ceiling_mixed'] / 1e6:7.1f} M/s"
          f"   {share_mixed:.0%} of the ceiling (goal ≥ 60 %; zeros included)")  # fmt: skip
    print(
        f"numpy.busday_offset          {n / times['numpy'] / 1e6:7.1f} M/s   wrong on {wrong_np / n:.1%} (no make-up working days)"
    )
    print(
        f"polars add_business_days     {n / times['polars'] / 1e6:7.1f} M/s   wrong on {wrong_pl / n:.1%} (no make-up working days)"
    )
    figures["add_working_days"] = {
        "n": n, "servstd_3_per_s": n / times["servstd_3"], "ceiling_3_per_s": n / times["ceiling_3"],
        "servstd_mixed_per_s": n / times["servstd_mixed"], "ceiling_mixed_per_s": n / times["ceiling_mixed"],
        "share_of_ceiling_3": share_3, "share_of_ceiling_mixed": share_mixed,
        "numpy_per_s": n / times["numpy"], "polars_per_s": n / times["polars"],
        "numpy_wrong_share": wrong_np / n, "polars_wrong_share": wrong_pl / n,
        "numpy_wrong_makeup_share": makeup_np / n, "polars_wrong_makeup_share": makeup_pl / n,
    }  # fmt: skip


# -- batch.evaluate by library, and its memory ---------------------------------------------------


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_above(fn: Any) -> tuple[int, float, Any]:
    """(peak resident bytes above those held before the call, seconds, answer): every allocator
    counts (numpy's, polars' and Arrow's alike), sampled each millisecond."""
    base = _rss()
    peak = [base]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss())
            time.sleep(0.001)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    t0 = time.perf_counter()
    out = fn()
    took = time.perf_counter() - t0
    done.set()
    t.join()
    return max(peak[0], _rss()) - base, took, out


def _inputs(kind: str, n: int) -> tuple[Any, Any]:
    import sla_eval_bench

    cases, events = sla_eval_bench.claims(n)
    if kind == "pandas":
        return cases, events
    import pyarrow as pa

    tables = (
        pa.Table.from_pandas(cases, preserve_index=False),
        pa.Table.from_pandas(events, preserve_index=False),
    )
    if kind == "pyarrow":
        return tables
    import polars as pl

    return pl.from_arrow(tables[0]), pl.from_arrow(tables[1])


def measure(kind: str, n: int) -> dict[str, Any]:
    """In this process: the peak memory and time of one ``batch.evaluate`` (or ``evaluate_chunks``
    over Parquet row groups, ``kind == "parquet"``) on ``n`` claims."""
    import gc

    import sla_eval_bench

    policy, now = sla_eval_bench.POLICY, sla_eval_bench.NOW
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        cases, events = sla_eval_bench.claims(n)
        path = Path(tempfile.mkdtemp()) / "claims.parquet"
        pq.write_table(pa.Table.from_pandas(cases, preserve_index=False), path, row_group_size=100_000)
        ev = pa.Table.from_pandas(events, preserve_index=False)
        batch.evaluate(policy, cases[:1000], now=now)  # load the calendars and clocks first
        del cases, events
        gc.collect()
        rows = 0

        def run() -> int:
            nonlocal rows
            for part in batch.evaluate_chunks(policy, pq.ParquetFile(path), ev, now=now):
                rows += part.num_rows  # each part would be written out and let go
            return rows

        peak, took, _ = _peak_above(run)
        return {"kind": kind, "n": n, "peak_bytes": peak, "seconds": took, "rows": rows}
    cases, events = _inputs(kind, n)
    batch.evaluate(policy, cases[:1000], now=now)  # load the calendars, clocks and adapters first
    gc.collect()
    peak, took, out = _peak_above(lambda: batch.evaluate(policy, cases, events, now=now))
    return {"kind": kind, "n": n, "peak_bytes": peak, "seconds": took, "rows": len(out)}


def _in_child(kind: str, n: int) -> dict[str, Any]:
    got = subprocess.run(
        [sys.executable, str(Path(__file__)), "--measure", kind, str(n)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(got.stdout.strip().splitlines()[-1])
    return result


def _text(col: Any) -> Any:
    """A pandas column as text, instants in UTC (so columns of each library compare by value)."""
    if getattr(getattr(col, "dt", None), "tz", None) is not None:
        col = col.dt.tz_convert("UTC")
    return col.astype(str).where(col.notna(), "<missing>").to_numpy()


def evaluate_by_library(n: int, rounds: int, figures: dict[str, Any]) -> None:
    import sla_eval_bench

    policy, now = sla_eval_bench.POLICY, sla_eval_bench.NOW
    inputs = {kind: _inputs(kind, n) for kind in ("pandas", "polars", "pyarrow")}
    for cases, _ in inputs.values():
        batch.evaluate(policy, cases[:1000], now=now)
    times, got = _rounds(
        {kind: (lambda c=c, e=e: batch.evaluate(policy, c, e, now=now)) for kind, (c, e) in inputs.items()},
        rounds,
    )
    pandas_out = got["pandas"]
    for kind in ("polars", "pyarrow"):  # the same answers, column by column
        other = got[kind].to_pandas()
        for col in pandas_out.columns:
            assert (_text(pandas_out[col]) == _text(other[col])).all(), (kind, col)
    del inputs, got, pandas_out
    memory = {kind: _in_child(kind, n) for kind in ("pandas", "polars", "pyarrow", "parquet")}
    small = _in_child("pandas", n // 10)
    per_million = {k: v["peak_bytes"] * 1_000_000 / n for k, v in memory.items()}
    print(f"\n== batch.evaluate on {n:,} claims × 3 metrics (20 % paused): by library ==")
    for kind in ("pandas", "polars", "pyarrow"):
        ratio = times[kind] / times["pandas"]
        print(f"{kind:8} {times[kind]:6.2f} s   {n * 3 / times[kind] / 1e6:5.2f} M case-metrics/s   "
              f"{ratio:4.2f}× pandas' time (goal ≤ 1.15×)   peak {per_million[kind] / 1e6:5.0f} MB per million above the input "
              "(goal ≤ 350)")  # fmt: skip
    chunked = memory["parquet"]
    print(f"evaluate_chunks over Parquet row groups of 100,000: {chunked['seconds']:.2f} s, "
          f"peak {per_million['parquet'] / 1e6:.0f} MB per million above the file's events")  # fmt: skip
    print(f"how cost grows (pandas, fresh process): {small['n']:,} cases {small['seconds'] / small['n'] * 1e6:.2f} µs/case, "
          f"{n:,} cases {memory['pandas']['seconds'] / n * 1e6:.2f} µs/case")  # fmt: skip
    figures["evaluate_by_library"] = {
        "n": n, "seconds": times, "ratio_to_pandas": {k: times[k] / times["pandas"] for k in times},
        "case_metrics_per_s": {k: n * 3 / t for k, t in times.items()},
        "peak_bytes_per_million": per_million,
        "us_per_case": {str(small["n"]): small["seconds"] / small["n"] * 1e6, str(n): memory["pandas"]["seconds"] / n * 1e6},
    }  # fmt: skip


# -- start-up --------------------------------------------------------------------------------


def startup(rounds: int, figures: dict[str, Any]) -> None:
    script = Path(sys.executable).parent / "servstd"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "servstd"]
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "servstd workday 2026-02-14": [*command, "workday", "2026-02-14"],
        "servstd deadline": [*command, "deadline", "2026-09-30 16:00", "3个工作日"],
    }
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for argv in cases.values():  # bytecode written once, as an installed package has it
        subprocess.run(argv, env=env, check=True, capture_output=True)
    took: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(rounds):
        for name, argv in cases.items():
            t0 = time.perf_counter()
            subprocess.run(argv, env=env, check=True, capture_output=True)
            took[name].append(time.perf_counter() - t0)
    median = {k: statistics.median(v) for k, v in took.items()}
    bare = median["python -c pass"]
    print(f"\n== Start-up: whole processes, median of {rounds} interleaved runs, bytecode compiled ==")
    for name, t in median.items():
        goal = " (goal ≤ 6×)" if name.startswith("servstd workday") else ""
        print(f"{name:28} {t * 1e3:7.0f} ms   {t / bare:5.1f}× python -c pass{goal}")
    figures["startup"] = {"median_s": median, "ratio_to_python": {k: t / bare for k, t in median.items()}}


def run(*, quick: bool, figures: dict[str, Any]) -> None:
    n = 100_000 if quick else 1_000_000
    rounds = 3 if quick else 5
    working_days_between(n, rounds, figures)
    add_working_days(n, rounds, figures)
    evaluate_by_library(n, 2 if quick else 3, figures)
    startup(5 if quick else 15, figures)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        sys.path.insert(0, str(HERE))
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))
    else:
        figs: dict[str, Any] = {}
        run(quick="--quick" in sys.argv, figures=figs)
