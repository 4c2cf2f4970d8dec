"""The DuckDB macros equal the Python calendar and clock (issue 17: the calendar and the clock in SQL)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.sla import ServiceClock
from servstd.sla.sql import build_tables, export, macros, sql_script
from tests.sla.sql import oracle
from tests.sla.sql.conftest import CLOCK, FIRST, LAST
from tests.strategies import CLOCKS, clock_names

N = 100_000
D0, D1 = dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31)
LO, HI = oracle.span(CLOCK, FIRST, LAST)
TS = pa.timestamp("us", tz="UTC")


def mismatches(con: duckdb.DuckDBPyConnection, table: pa.Table, got: str) -> list[tuple[object, ...]]:
    """Rows of ``table`` where the SQL expression ``got`` differs from ``expected`` (NULLs equal)."""
    con.register("inputs", table)
    try:
        return con.execute(
            f"SELECT *, {got} AS got FROM inputs WHERE ({got}) IS DISTINCT FROM expected LIMIT 5"
        ).fetchall()
    finally:
        con.unregister("inputs")


class TestDoneWhen:
    def test_three_working_days_after_national_day_eve(self, con: duckdb.DuckDBPyConnection) -> None:
        """3 working days after 2026-09-30 skip Oct 1–7 and land on the make-up Saturday Oct 10."""
        assert con.execute("SELECT servstd_add_working_days(DATE '2026-09-30', 3)").fetchone() == (
            dt.date(2026, 10, 10),
        )

    def test_business_seconds_over_the_holiday(self, con: duckdb.DuckDBPyConnection) -> None:
        """17:00 on Sep 30 to 10:00 on Oct 8 is one hour that evening and one the next working morning."""
        sql = "SELECT servstd_business_seconds(TIMESTAMPTZ '2026-09-30 17:00:00+08', TIMESTAMPTZ '2026-10-08 10:00:00+08')"
        assert con.execute(sql).fetchone() == (7200,)

    def test_add_lands_on_closing_and_mirrors(self, con: duckdb.DuckDBPyConnection) -> None:
        """add(17:00, 1 h) is 18:00 that day (a result may land on a close); add(t, 0) = t outside hours;
        a negative count goes back (subtract)."""
        row = con.execute(
            "SELECT servstd_add_business_seconds(TIMESTAMPTZ '2026-09-30 17:00:00+08', 3600),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-10-03 03:00:00+08', 0),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-10-08 10:00:00+08', -7200),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-10-03 12:00:00+08', 1)"
        ).fetchone()
        sh = CLOCK.zone
        assert row == (
            dt.datetime(2026, 9, 30, 18, tzinfo=sh),
            dt.datetime(2026, 10, 3, 3, tzinfo=sh),
            dt.datetime(2026, 9, 30, 17, tzinfo=sh),
            dt.datetime(2026, 10, 8, 9, 0, 1, tzinfo=sh),
        )

    def test_outside_the_export_is_null(self, con: duckdb.DuckDBPyConnection) -> None:
        """Dates and instants outside 2020–2026, and answers that would leave it, are NULL, never a date."""
        row = con.execute(
            "SELECT servstd_add_working_days(DATE '2027-01-04', 1), servstd_add_working_days(DATE '2026-12-31', 1),"
            " servstd_add_working_days(DATE '2020-01-02', -1), servstd_is_working_day(DATE '2019-12-31'),"
            " servstd_working_days_between(DATE '2026-01-01', DATE '2027-01-01'),"
            " servstd_business_seconds(TIMESTAMPTZ '2026-12-31 09:00:00+08', TIMESTAMPTZ '2027-01-04 10:00:00+08'),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-12-31 17:00:00+08', 7200),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2020-01-02 09:30:00+08', -3600),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2019-12-31 12:00:00+08', 0)"
        ).fetchone()
        assert row == (None,) * 9

    def test_the_last_instant_counts_all_open_time(self, con: duckdb.DuckDBPyConnection) -> None:
        """C at 24:00 of the last date is every day's open seconds added up (the closed end of the span)."""
        total, c_end = con.execute(
            "SELECT sum(open_seconds), servstd_open_microseconds(max(day_end_at)) // 1000000 FROM servstd_days"
        ).fetchone()
        assert (
            total
            == c_end
            == sum(
                p[1].timestamp() - p[0].timestamp() for p in CLOCK.periods(oracle.at(LO), oracle.at(HI - 1))
            )
        )


class TestHundredThousand:
    """For 100,000 random inputs over the exported years (and a little outside) the macros equal Python."""

    def test_add_working_days(self, con: duckdb.DuckDBPyConnection) -> None:
        """servstd_add_working_days(d, n) == WorkCalendar.add_working_days(d, n), negative n included."""
        rng = random.Random(17)
        dates = oracle.random_dates(rng, N, FIRST, LAST)
        ns = [rng.choice((0, 1, -1)) if rng.random() < 0.1 else rng.randint(-60, 60) for _ in range(N)]
        expected = [oracle.add_working_days(CLOCK, d, n, D0, D1) for d, n in zip(dates, ns, strict=True)]
        table = pa.table(
            {"d": pa.array(dates, pa.date32()), "n": ns, "expected": pa.array(expected, pa.date32())}
        )
        assert mismatches(con, table, "servstd_add_working_days(d, n)") == []
        assert sum(e is None for e in expected) < N // 10  # most answers are real dates

    def test_working_days_between_and_is_working_day(self, con: duckdb.DuckDBPyConnection) -> None:
        """working_days_between is half-open [a, b) and antisymmetric; is_working_day reads the kind."""
        rng = random.Random(18)
        a = oracle.random_dates(rng, N, FIRST, LAST)
        b = [x + dt.timedelta(days=rng.randint(-90, 90)) for x in a]
        expected = [oracle.working_days_between(CLOCK, x, y, D0, D1) for x, y in zip(a, b, strict=True)]
        table = pa.table({"a": pa.array(a, pa.date32()), "b": pa.array(b, pa.date32()), "expected": expected})
        assert mismatches(con, table, "servstd_working_days_between(a, b)") == []
        working = [oracle.is_working_day(CLOCK, x, D0, D1) for x in a]
        table = pa.table({"a": pa.array(a, pa.date32()), "expected": working})
        assert mismatches(con, table, "servstd_is_working_day(a)") == []

    def test_business_seconds(self, con: duckdb.DuckDBPyConnection) -> None:
        """servstd_business_seconds(a, b) == ServiceClock.elapsed(a, b) in seconds (truncated toward zero)."""
        rng = random.Random(19)
        a = oracle.random_instants(rng, N, LO, HI)
        b = [
            x + rng.randrange(-40 * 86_400_000_000, 40 * 86_400_000_000) if rng.random() < 0.8 else y
            for x, y in zip(a, oracle.random_instants(rng, N, LO, HI), strict=True)
        ]
        b = [min(max(y, LO - 86_400_000_000), HI - 1) if y > HI - 1 and y < HI + 1 else y for y in b]
        expected = [oracle.business_seconds(CLOCK, x, y, LO, HI) for x, y in zip(a, b, strict=True)]
        table = pa.table({"a": pa.array(a, pa.int64()).cast(TS), "b": pa.array(b, pa.int64()).cast(TS),
                          "expected": expected})  # fmt: skip
        assert mismatches(con, table, "servstd_business_seconds(a, b)") == []
        exact = [oracle.business_us(CLOCK, x, y, LO, HI) for x, y in zip(a, b, strict=True)]
        table = pa.table({"a": pa.array(a, pa.int64()).cast(TS), "b": pa.array(b, pa.int64()).cast(TS),
                          "expected": exact})  # fmt: skip
        got = "servstd_open_microseconds(b) - servstd_open_microseconds(a)"
        assert mismatches(con, table, got) == []

    def test_add_business_seconds(self, con: duckdb.DuckDBPyConnection) -> None:
        """servstd_add_business_seconds(t, s) == ServiceClock.add(t, s) (subtract for s < 0), from any start."""
        rng = random.Random(20)
        t = oracle.random_instants(rng, N, LO, HI)
        s = [rng.choice((0, 1, -1, 3600, -3600)) if rng.random() < 0.1 else rng.randint(-600_000, 600_000)
             for _ in range(N)]  # fmt: skip
        expected = [oracle.add_business_seconds(CLOCK, x, y, LO, HI) for x, y in zip(t, s, strict=True)]
        table = pa.table({"t": pa.array(t, pa.int64()).cast(TS), "s": s,
                          "expected": pa.array(expected, pa.int64()).cast(TS)})  # fmt: skip
        assert mismatches(con, table, "servstd_add_business_seconds(t, s)") == []


class TestDueInstants:
    def test_working_day_deadline_sql_matches_clock_due(self, con: duckdb.DuckDBPyConnection) -> None:
        """The how-to's SQL for "3个工作日" (close of the 3rd working day after the local date received)
        equals ServiceClock.due for received instants over the export."""
        rng = random.Random(21)
        received = oracle.random_instants(rng, 20_000, LO, HI - 40 * 86_400_000_000)
        received = [x for x in received if x >= LO]
        expected = [oracle.us(CLOCK.due(oracle.at(x), "3个工作日")) for x in received]
        table = pa.table({"received_at": pa.array(received, pa.int64()).cast(TS),
                          "expected": pa.array(expected, pa.int64()).cast(TS)})  # fmt: skip
        con.register("tickets", table)
        bad = con.execute(
            """
            SELECT t.received_at, t.expected, coalesce(last.close_at, last.day_end_at) AS due
            FROM tickets AS t
            JOIN servstd_days AS d0
                ON t.received_at >= d0.day_start_at AND t.received_at < d0.day_end_at
            LEFT JOIN servstd_days AS last
                ON last.is_working AND last.working_day_seq = d0.working_day_seq + 3
            WHERE coalesce(last.close_at, last.day_end_at) IS DISTINCT FROM t.expected
            LIMIT 5
            """
        ).fetchall()
        assert bad == []


class TestOtherClocks:
    """DST zones, overnight hours, rest-day hours and 7×24 (one merged interval) export correctly."""

    @settings(max_examples=max(5, settings().max_examples // 25))
    @given(clock_names, st.integers(2024, 2025), st.integers(0, 2**32))
    def test_macros_equal_python(self, name: str, year: int, seed: int) -> None:
        """For a one-year export of each test clock, the macros equal the clock's add, elapsed and calendar."""
        rng = random.Random(seed)
        clock: ServiceClock = CLOCKS[name]
        lo, hi = oracle.span(clock, year, year)
        d0, d1 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        con = duckdb.connect()
        for statement in _load_statements(clock, year):
            con.execute(statement)
        n = 400
        a = oracle.random_instants(rng, n, lo, hi)
        b = oracle.random_instants(rng, n, lo, hi)
        s = [rng.randint(-200_000, 200_000) for _ in range(n)]
        ts = lambda xs: pa.array(xs, pa.int64()).cast(TS)  # noqa: E731
        table = pa.table(
            {
                "a": ts(a),
                "b": ts(b),
                "expected": [oracle.business_seconds(clock, x, y, lo, hi) for x, y in zip(a, b, strict=True)],
            }
        )
        assert mismatches(con, table, "servstd_business_seconds(a, b)") == []
        table = pa.table(
            {
                "t": ts(a),
                "s": s,
                "expected": ts(
                    [oracle.add_business_seconds(clock, x, y, lo, hi) for x, y in zip(a, s, strict=True)]
                ),
            }
        )
        assert mismatches(con, table, "servstd_add_business_seconds(t, s)") == []
        dates = oracle.random_dates(rng, n, year, year)
        ns = [rng.randint(-30, 30) for _ in range(n)]
        table = pa.table(
            {
                "d": pa.array(dates, pa.date32()),
                "n": ns,
                "expected": pa.array(
                    [oracle.add_working_days(clock, x, y, d0, d1) for x, y in zip(dates, ns, strict=True)],
                    pa.date32(),
                ),
            }
        )
        assert mismatches(con, table, "servstd_add_working_days(d, n)") == []
        con.close()


_CACHE: dict[tuple[str, int], list[str]] = {}


def _load_statements(clock: ServiceClock, year: int) -> list[str]:
    """The export script and the macros, as statements (built once per clock and year)."""
    key = (repr(clock), year)
    if key not in _CACHE:
        _CACHE[key] = [sql_script(build_tables(clock, year)), macros("duckdb")]
    return _CACHE[key]


def test_macros_install_on_tables_loaded_from_parquet(exported: dict[str, Path]) -> None:
    """The DuckDB script works on the Parquet export loaded into a fresh database (no file needed)."""
    con = duckdb.connect()
    for table in ("servstd_days", "servstd_open_intervals", "servstd_meta"):
        con.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_parquet(?)",
            [str(exported["parquet"] / f"{table}.parquet")],
        )
    con.execute(macros("duckdb"))
    assert con.execute(
        "SELECT servstd_add_working_days(DATE '2026-09-30', 3), servstd_business_seconds("
        "TIMESTAMPTZ '2026-09-30 17:00:00+08', TIMESTAMPTZ '2026-10-08 10:00:00+08')"
    ).fetchone() == (dt.date(2026, 10, 10), 7200)
    _ = export  # the file formats themselves are checked in test_formats


def test_callers_names_are_not_captured(con: duckdb.DuckDBPyConnection) -> None:
    """A caller's table aliased like the macros' inner tables, with columns named t and s, still binds its own."""
    row = con.execute(
        "SELECT servstd_add_working_days(s.d, s.n), servstd_add_business_seconds(s.t, s.s),"
        " servstd_business_seconds(s.t, s.t + INTERVAL 30 DAY)"
        " FROM (SELECT DATE '2026-09-30' AS d, 3 AS n, TIMESTAMPTZ '2026-09-30 17:00:00+08' AS t, 7200 AS s) AS s"
    ).fetchone()
    assert row == (
        dt.date(2026, 10, 10),
        dt.datetime(2026, 10, 8, 10, tzinfo=CLOCK.zone),
        CLOCK.elapsed(
            dt.datetime(2026, 9, 30, 17, tzinfo=CLOCK.zone), dt.datetime(2026, 10, 30, 17, tzinfo=CLOCK.zone)
        ).total_seconds(),
    )
