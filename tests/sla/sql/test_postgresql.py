"""The shipped PostgreSQL functions equal the Python calendar and clock, on a real server.

Two layers. PostgreSQL's own parser (libpg_query, through pglast) checks the script's syntax on
any machine. Then a real server started by the tests (``tests/sla/sql/pg_server.py``: initdb into a
temporary folder, the unix socket there, stopped at the end) loads the ``--format sql`` export as a
user would (``psql -f cal.sql``), runs the functions script, and answers 20,000 random inputs per
function, compared with the Python answers (``tests/sla/sql/oracle.py``), as the DuckDB macros are.

Without a server on the machine those tests are skipped with the command that installs one;
``SERVSTD_REQUIRE_POSTGRESQL=1`` (set by CI) turns the skip into a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import pglast
import psycopg
import pytest
from pglast import ast

from servstd.sla.sql import macros
from tests.sla.sql import oracle, pg_server
from tests.sla.sql.conftest import CLOCK, FIRST, LAST

N = 20_000
D0, D1 = dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31)
LO, HI = oracle.span(CLOCK, FIRST, LAST)
SH = CLOCK.zone

NAMES = {
    "servstd_is_working_day",
    "servstd_add_working_days",
    "servstd_working_days_between",
    "servstd_open_microseconds",
    "servstd_business_seconds",
    "servstd_add_business_seconds",
}


def _functions() -> dict[str, str]:
    out = {}
    for raw in pglast.parse_sql(macros("postgresql")):
        stmt = raw.stmt
        if isinstance(stmt, ast.CreateFunctionStmt):
            name = stmt.funcname[-1].sval
            body = next(o.arg[0].sval for o in stmt.options if o.defname == "as")
            out[name] = body
    return out


class TestSyntax:
    def test_script_defines_every_function(self) -> None:
        """The script parses and creates the six functions the DuckDB file has as macros."""
        assert set(_functions()) == NAMES

    @pytest.mark.parametrize("name", sorted(NAMES))
    def test_each_body_parses(self, name: str) -> None:
        """Each function body is one valid SELECT for PostgreSQL's parser."""
        body = _functions()[name]
        (raw,) = pglast.parse_sql(body)
        assert isinstance(raw.stmt, ast.SelectStmt)

    def test_a_broken_body_would_be_caught(self) -> None:
        """The parser rejects PostgreSQL-invalid SQL (so the checks above can fail)."""
        with pytest.raises(pglast.parser.ParseError):
            pglast.parse_sql("SELECT CASE WHEN x > 0 THEN 1 FROM t")  # CASE without END

    def test_duckdb_script_is_not_postgres(self) -> None:
        """The DuckDB script uses DuckDB syntax (ASOF JOIN), which is why PostgreSQL gets its own script."""
        assert "ASOF" in macros("duckdb")
        assert "ASOF" not in macros("postgresql")


# -- on a real server --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[pg_server.Server]:
    """A server of this machine's PostgreSQL, for this module (skipped, or failed under CI, without one)."""
    bindir = pg_server.find_bindir()
    if bindir is None:
        message = f"no PostgreSQL server on this machine; {pg_server.INSTALL}"
        if os.environ.get("SERVSTD_REQUIRE_POSTGRESQL"):
            pytest.fail(f"SERVSTD_REQUIRE_POSTGRESQL is set and there is {message[3:]}")
        pytest.skip(message)
    with pg_server.running(bindir) as srv:
        yield srv


@pytest.fixture(scope="module")
def pg(
    server: pg_server.Server, exported: dict[str, Path]
) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A connection to a database holding the 2020–2026 ``--format sql`` export and the functions."""
    with server.connect() as con:
        con.execute("CREATE DATABASE servstd_calendar")
    con = psycopg.connect(
        host=str(server.folder),
        port=server.port,
        user=pg_server.USER,
        dbname="servstd_calendar",
        autocommit=True,
    )
    with con:
        con.execute(exported["sql"].read_text(encoding="utf-8").encode())  # the script, as psql -f runs it
        con.execute(macros("postgresql").encode())
        con.execute("SET TimeZone = 'UTC'")
        yield con


def mismatches(
    pg: psycopg.Connection[tuple[object, ...]],
    columns: Sequence[tuple[str, str, Sequence[object]]],
    expected: tuple[str, Sequence[object]],
    got: str,
) -> list[tuple[object, ...]]:
    """Input rows where the SQL expression ``got`` differs from ``expected`` (NULLs equal).

    ``columns`` are (name, PostgreSQL type, values); every column travels as one array parameter
    and comes back as rows through ``unnest``.
    """
    names = [name for name, _, _ in columns] + ["expected"]
    arrays = ", ".join(f"%s::{kind}[]" for _, kind, _ in columns) + f", %s::{expected[0]}[]"
    values = [list(v) for _, _, v in columns] + [list(expected[1])]
    query = (
        f"SELECT *, {got} AS got FROM unnest({arrays}) AS q({', '.join(names)})"
        f" WHERE ({got}) IS DISTINCT FROM q.expected LIMIT 5"
    )
    return pg.execute(query, values).fetchall()


def _instants(xs: Sequence[int | None]) -> list[dt.datetime | None]:
    return [None if x is None else oracle.at(x) for x in xs]


class TestServer:
    def test_a_mismatch_would_be_reported(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """The comparison can fail: a wrong expectation (a day off by one) comes back as a mismatch."""
        d = dt.date(2026, 9, 30)
        bad = mismatches(
            pg, [("d", "date", [d]), ("n", "integer", [3])], ("date", [dt.date(2026, 10, 9)]),
            "servstd_add_working_days(q.d, q.n)",
        )  # fmt: skip
        assert bad == [(d, 3, dt.date(2026, 10, 9), dt.date(2026, 10, 10))]

    def test_three_working_days_after_national_day_eve(
        self, pg: psycopg.Connection[tuple[object, ...]]
    ) -> None:
        """3 working days after 2026-09-30 skip Oct 1–7 and land on the make-up Saturday Oct 10;
        October 2026 has 18 working days (17 weekdays outside the holiday and the make-up Saturday)."""
        row = pg.execute(
            "SELECT servstd_add_working_days(DATE '2026-09-30', 3),"
            " servstd_working_days_between(DATE '2026-10-01', DATE '2026-11-01'),"
            " servstd_is_working_day(DATE '2026-10-10'), servstd_is_working_day(DATE '2026-10-05')"
        ).fetchone()
        assert row == (dt.date(2026, 10, 10), 18, True, False)

    def test_business_time_over_the_holiday(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """17:00 on Sep 30 to 10:00 on Oct 8 is one hour that evening and one the next working morning;
        adding 1 h at 17:00 lands on 18:00 that day (a result may land on a close); 0 s changes nothing."""
        row = pg.execute(
            "SELECT servstd_business_seconds(TIMESTAMPTZ '2026-09-30 17:00:00+08', TIMESTAMPTZ '2026-10-08 10:00:00+08'),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-09-30 17:00:00+08', 3600),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-10-03 03:00:00+08', 0),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-10-08 10:00:00+08', -7200)"
        ).fetchone()
        assert row == (
            7200,
            dt.datetime(2026, 9, 30, 18, tzinfo=SH),
            dt.datetime(2026, 10, 3, 3, tzinfo=SH),
            dt.datetime(2026, 9, 30, 17, tzinfo=SH),
        )

    def test_outside_the_export_is_null(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """Dates and instants outside 2020–2026, and answers that would leave it, are NULL, never a date."""
        row = pg.execute(
            "SELECT servstd_add_working_days(DATE '2027-01-04', 1), servstd_add_working_days(DATE '2026-12-31', 1),"
            " servstd_add_working_days(DATE '2020-01-02', -1), servstd_is_working_day(DATE '2019-12-31'),"
            " servstd_working_days_between(DATE '2026-01-01', DATE '2027-01-01'),"
            " servstd_business_seconds(TIMESTAMPTZ '2026-12-31 09:00:00+08', TIMESTAMPTZ '2027-01-04 10:00:00+08'),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2026-12-31 17:00:00+08', 7200),"
            " servstd_add_business_seconds(TIMESTAMPTZ '2020-01-02 09:30:00+08', -3600)"
        ).fetchone()
        assert row == (None,) * 8


class TestTwentyThousand:
    """For 20,000 random inputs per function over the exported years (and a little outside) the
    PostgreSQL functions equal Python."""

    def test_add_working_days(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """servstd_add_working_days(d, n) == WorkCalendar.add_working_days(d, n), negative n included."""
        rng = random.Random(41)
        dates = oracle.random_dates(rng, N, FIRST, LAST)
        ns = [rng.choice((0, 1, -1)) if rng.random() < 0.1 else rng.randint(-60, 60) for _ in range(N)]
        expected = [oracle.add_working_days(CLOCK, d, n, D0, D1) for d, n in zip(dates, ns, strict=True)]
        got = "servstd_add_working_days(q.d, q.n)"
        assert mismatches(pg, [("d", "date", dates), ("n", "integer", ns)], ("date", expected), got) == []
        assert sum(e is None for e in expected) < N // 10  # most answers are real dates

    def test_working_days_between(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """servstd_working_days_between(a, b) counts [a, b), negative when b < a, as Python does."""
        rng = random.Random(42)
        a = oracle.random_dates(rng, N, FIRST, LAST)
        b = [x + dt.timedelta(days=rng.randint(-90, 90)) for x in a]
        expected = [oracle.working_days_between(CLOCK, x, y, D0, D1) for x, y in zip(a, b, strict=True)]
        got = "servstd_working_days_between(q.a, q.b)"
        assert mismatches(pg, [("a", "date", a), ("b", "date", b)], ("integer", expected), got) == []

    def test_is_working_day(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """servstd_is_working_day(d) reads the day kind: make-up Saturdays true, holidays false."""
        rng = random.Random(43)
        dates = oracle.random_dates(rng, N, FIRST, LAST)
        expected = [oracle.is_working_day(CLOCK, d, D0, D1) for d in dates]
        got = "servstd_is_working_day(q.d)"
        assert mismatches(pg, [("d", "date", dates)], ("boolean", expected), got) == []
        assert {True, False, None} == set(expected)

    def test_business_seconds(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """servstd_business_seconds(a, b) == ServiceClock.elapsed(a, b) in seconds (truncated toward
        zero), and servstd_open_microseconds gives the exact difference in microseconds."""
        rng = random.Random(44)
        a = oracle.random_instants(rng, N, LO, HI)
        b = [
            x + rng.randrange(-40 * 86_400_000_000, 40 * 86_400_000_000) if rng.random() < 0.8 else y
            for x, y in zip(a, oracle.random_instants(rng, N, LO, HI), strict=True)
        ]
        b = [HI - 1 if y == HI else y for y in b]  # 24:00 of the last date: see oracle.random_instants
        columns = [("a", "timestamptz", _instants(a)), ("b", "timestamptz", _instants(b))]
        expected = [oracle.business_seconds(CLOCK, x, y, LO, HI) for x, y in zip(a, b, strict=True)]
        assert mismatches(pg, columns, ("bigint", expected), "servstd_business_seconds(q.a, q.b)") == []
        exact = [oracle.business_us(CLOCK, x, y, LO, HI) for x, y in zip(a, b, strict=True)]
        got = "servstd_open_microseconds(q.b) - servstd_open_microseconds(q.a)"
        assert mismatches(pg, columns, ("bigint", exact), got) == []

    def test_add_business_seconds(self, pg: psycopg.Connection[tuple[object, ...]]) -> None:
        """servstd_add_business_seconds(t, s) == ServiceClock.add(t, s) (subtract for s < 0), from any start."""
        rng = random.Random(45)
        t = oracle.random_instants(rng, N, LO, HI)
        s = [
            rng.choice((0, 1, -1, 3600, -3600)) if rng.random() < 0.1 else rng.randint(-600_000, 600_000)
            for _ in range(N)
        ]
        expected = [oracle.add_business_seconds(CLOCK, x, y, LO, HI) for x, y in zip(t, s, strict=True)]
        columns = [("t", "timestamptz", _instants(t)), ("s", "bigint", s)]
        got = "servstd_add_business_seconds(q.t, q.s)"
        assert mismatches(pg, columns, ("timestamptz", _instants(expected)), got) == []
