"""SQL benchmarks: the DuckDB macros of a calendar export against servstd.sla.batch, same run, same cases.

* ``servstd_add_working_days(d, n)`` over 10 M rows (dates 2020–2026, n in −10..29) against
  ``batch.add_working_days``;
* ``servstd_business_seconds(a, b)`` over 1 M pairs (up to 20 days apart) against
  ``batch.elapsed``.

The inputs are generated once with numpy and handed to DuckDB as Arrow-backed columns (no copy
through Python objects); each engine's best of three is reported, and the answers are compared.
``--quick`` divides the sizes by ten.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from servstd.sla import ServiceClock, batch
from servstd.sla.sql import export

CLOCK = ServiceClock.default()  # China, 09:00–12:00 + 13:00–18:00, Shanghai


def _best(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def run(*, quick: bool, figures: dict[str, Any]) -> None:
    n_days = 1_000_000 if quick else 10_000_000
    n_pairs = 100_000 if quick else 1_000_000
    rng = np.random.default_rng(17)
    folder = Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    path = export(CLOCK, (2020, 2026), "duckdb", folder / "cal.duckdb")
    t_export = time.perf_counter() - t0
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET enable_progress_bar = false")

    first = np.datetime64("2020-01-01", "D")
    dates = first + rng.integers(0, 2500, n_days).astype("timedelta64[D]")
    ns = rng.integers(-10, 30, n_days)
    con.register("wd", pa.table({"i": np.arange(n_days), "d": pa.array(dates), "n": ns}))  # scanned in place
    t_sql, _ = _best(lambda: con.execute("SELECT servstd_add_working_days(d, n) AS due FROM wd").fetchnumpy())
    # joins do not keep row order: the answers are compared in input order, outside the timing
    sql_out = con.execute("SELECT servstd_add_working_days(d, n) AS due FROM wd ORDER BY i").fetchnumpy()[
        "due"
    ]
    t_batch, batch_out = _best(lambda: batch.add_working_days(CLOCK.calendar, dates, ns))
    known = ~np.ma.getmaskarray(sql_out)  # NULL where the answer leaves the export (e.g. back into 2019)
    same_days = bool(np.array_equal(np.asarray(sql_out[known], dtype="datetime64[D]"), batch_out[known]))

    # working days in [a, b): the macro against the join the docs show, and batch.working_days_between
    ends = dates + rng.integers(0, 60, n_days).astype("timedelta64[D]")
    ends = np.minimum(ends, np.datetime64("2026-12-31"))
    n_count = n_pairs
    con.register(
        "spans",
        pa.table({"i": np.arange(n_count), "a": pa.array(dates[:n_count]), "b": pa.array(ends[:n_count])}),
    )
    q_macro = "SELECT servstd_working_days_between(a, b) AS k FROM spans"
    q_join = (
        "SELECT (y.working_day_seq - CAST(y.is_working AS INTEGER)) - (x.working_day_seq - CAST(x.is_working AS INTEGER)) AS k "
        "FROM spans AS s JOIN servstd_days AS x ON x.date = s.a JOIN servstd_days AS y ON y.date = s.b"
    )
    t_macro, _ = _best(lambda: con.execute(q_macro).fetchnumpy())
    t_join, _ = _best(lambda: con.execute(q_join).fetchnumpy())
    macro_k = con.execute(q_macro + " ORDER BY i").fetchnumpy()["k"]
    t_batch_k, batch_k = _best(
        lambda: batch.working_days_between(CLOCK.calendar, dates[:n_count], ends[:n_count])
    )
    same_k = bool(np.array_equal(np.asarray(macro_k, dtype=np.int64), np.asarray(batch_k)))

    lo = np.datetime64("2020-01-02T00:00", "us").astype(np.int64)
    a = lo + rng.integers(0, 2500 * 86_400_000_000, n_pairs)
    b = a + rng.integers(0, 20 * 86_400_000_000, n_pairs)
    a_ts, b_ts = a.astype("datetime64[us]"), b.astype("datetime64[us]")
    con.execute("SET TimeZone = 'UTC'")  # the numpy instants are UTC
    con.register("pairs", pa.table({"i": np.arange(n_pairs), "a": pa.array(a_ts), "b": pa.array(b_ts)}))
    query = "SELECT servstd_business_seconds(CAST(a AS TIMESTAMPTZ), CAST(b AS TIMESTAMPTZ)) AS s FROM pairs"
    t_sql_el, _ = _best(lambda: con.execute(query).fetchnumpy())
    sql_el = con.execute(query + " ORDER BY i").fetchnumpy()["s"]
    t_batch_el, batch_el = _best(lambda: batch.elapsed(CLOCK, a_ts, b_ts))
    same_el = bool(
        np.array_equal(np.ma.filled(sql_el, -1).astype(np.int64), batch_el.astype(np.int64) // 1_000_000)
    )
    con.close()

    print(f"\n== SQL: DuckDB {duckdb.__version__} macros over a 2020–2026 export vs servstd.sla.batch ==")
    print(f"export 2020–2026 to a DuckDB file        {t_export:6.2f} s")
    print(
        f"servstd_add_working_days  {n_days:>11,} rows   DuckDB {t_sql:6.2f} s ({n_days / t_sql:13,.0f}/s)"
        f"   batch {t_batch:6.2f} s ({n_days / t_batch:13,.0f}/s)   same answers: {same_days}"
        f" ({int((~known).sum()):,} NULL: the answer leaves 2020–2026)"
    )
    print(
        f"servstd_working_days_between {n_count:>8,} pairs  DuckDB {t_macro:6.2f} s, the docs' join {t_join:6.2f} s "
        f"(macro {t_macro / t_join:.1f}× the join's time; goal ≤ 2×)   batch {t_batch_k:6.3f} s   same answers: {same_k}"
    )
    print(
        f"servstd_business_seconds  {n_pairs:>11,} pairs  DuckDB {t_sql_el:6.2f} s ({n_pairs / t_sql_el:13,.0f}/s)"
        f"   batch {t_batch_el:6.2f} s ({n_pairs / t_batch_el:13,.0f}/s)   same answers: {same_el}"
    )
    figures["sql"] = {
        "duckdb": duckdb.__version__, "export_s": t_export,
        "add_working_days": {"n": n_days, "duckdb_s": t_sql, "batch_s": t_batch, "same": same_days},
        "working_days_between": {"n": n_count, "duckdb_s": t_macro, "join_s": t_join, "batch_s": t_batch_k, "same": same_k},
        "business_seconds": {"n": n_pairs, "duckdb_s": t_sql_el, "batch_s": t_batch_el, "same": same_el},
        "date": dt.date.today().isoformat(),
    }  # fmt: skip
