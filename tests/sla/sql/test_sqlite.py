"""Plain SQL over the SQLite export equals the Python calendar and clock (issue 17).

SQLite has no macros; these are the join patterns of the how-to "Working days in SQL", run on
100,000 random inputs each. Instants in the SQLite file are UTC text ``YYYY-MM-DD HH:MM:SS`` (the
form of SQLite's ``datetime()``), so comparisons are text comparisons and arithmetic goes through
``strftime('%s', …)``; SQLite's resolution is the second.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.sla.sql import oracle
from tests.sla.sql.conftest import CLOCK, FIRST, LAST

N = 100_000
D0, D1 = dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31)
LO, HI = oracle.span(CLOCK, FIRST, LAST)

ADD_WORKING_DAYS = """
SELECT CASE WHEN q.n = 0 THEN s.date ELSE w.date END
FROM servstd_days AS s
LEFT JOIN servstd_days AS w
    ON w.is_working AND w.working_day_seq = s.working_day_seq + q.n + (q.n < 0 AND NOT s.is_working)
WHERE s.date = q.d
"""
WORKING_DAYS_BETWEEN = """
SELECT (y.working_day_seq - y.is_working) - (x.working_day_seq - x.is_working)
FROM servstd_days AS x, servstd_days AS y WHERE x.date = q.a AND y.date = q.b
"""
# C(x) in seconds: the last interval starting at or before x, NULL outside [starts_at, ends_at]
OPEN_SECONDS = """
SELECT CASE WHEN {x} BETWEEN m.starts_at AND m.ends_at THEN coalesce((
    SELECT i.open_seconds_before + strftime('%s', min({x}, i.end_at)) - strftime('%s', i.start_at)
    FROM servstd_open_intervals AS i WHERE i.start_at <= {x} ORDER BY i.start_at DESC LIMIT 1), 0) END
FROM servstd_meta AS m
"""
ADD_BUSINESS_SECONDS = """
SELECT CASE
    WHEN c.target IS NULL THEN NULL
    WHEN q.s = 0 THEN q.t
    WHEN q.s > 0 THEN (
        SELECT CASE WHEN c.target <= i.open_seconds_before + strftime('%s', i.end_at) - strftime('%s', i.start_at)
            THEN datetime(strftime('%s', i.start_at) + c.target - i.open_seconds_before, 'unixepoch') END
        FROM servstd_open_intervals AS i WHERE i.open_seconds_before < c.target
        ORDER BY i.open_seconds_before DESC LIMIT 1)
    WHEN c.target >= 0 THEN (
        SELECT datetime(strftime('%s', i.start_at) + c.target - i.open_seconds_before, 'unixepoch')
        FROM servstd_open_intervals AS i WHERE i.open_seconds_before <= c.target
        ORDER BY i.open_seconds_before DESC LIMIT 1)
END
FROM (SELECT ({c_t}) + q.s AS target) AS c
"""


@pytest.fixture
def db(exported: dict[str, Path]) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(exported["sqlite"])
    try:
        yield con
    finally:
        con.close()


def mismatches(
    db: sqlite3.Connection, columns: Sequence[str], rows: Sequence[tuple[object, ...]], got: str
) -> list[tuple[object, ...]]:
    """Input rows where the scalar subquery ``got`` (over alias ``q``) differs from ``expected``."""
    db.execute("DROP TABLE IF EXISTS temp.q")
    db.execute(f"CREATE TEMP TABLE q ({', '.join(columns)}, expected)")
    db.executemany(f"INSERT INTO temp.q VALUES ({', '.join('?' * (len(columns) + 1))})", rows)
    return db.execute(f"SELECT *, ({got}) FROM temp.q AS q WHERE ({got}) IS NOT expected LIMIT 5").fetchall()


def text(x: int) -> str:
    """An instant as the SQLite export writes it (UTC, whole seconds)."""
    return oracle.at(x).strftime("%Y-%m-%d %H:%M:%S")


class TestSQLiteJoins:
    def test_add_working_days(self, db: sqlite3.Connection) -> None:
        """The seq join equals WorkCalendar.add_working_days for 100,000 dates and counts; NULL outside."""
        rng = random.Random(31)
        dates = oracle.random_dates(rng, N, FIRST, LAST)
        ns = [rng.randint(-60, 60) for _ in range(N)]
        rows = []
        for d, n in zip(dates, ns, strict=True):
            e = oracle.add_working_days(CLOCK, d, n, D0, D1)
            rows.append((d.isoformat(), n, e.isoformat() if e else None))
        assert mismatches(db, ["d", "n"], rows, ADD_WORKING_DAYS) == []

    def test_working_days_between(self, db: sqlite3.Connection) -> None:
        """Two lookups of the running count equal WorkCalendar.working_days_between (half-open)."""
        rng = random.Random(32)
        a = oracle.random_dates(rng, N, FIRST, LAST)
        b = [x + dt.timedelta(days=rng.randint(-90, 90)) for x in a]
        rows = [
            (x.isoformat(), y.isoformat(), oracle.working_days_between(CLOCK, x, y, D0, D1))
            for x, y in zip(a, b, strict=True)
        ]
        assert mismatches(db, ["a", "b"], rows, WORKING_DAYS_BETWEEN) == []

    def test_business_seconds(self, db: sqlite3.Connection) -> None:
        """C(b) − C(a) by two as-of lookups equals ServiceClock.elapsed for 100,000 pairs."""
        rng = random.Random(33)
        a = oracle.random_instants(rng, N, LO, HI, whole_seconds=True)
        b = [x + rng.randrange(-40, 40) * 86_400_000_000 + rng.randrange(86_400) * 1_000_000 for x in a]
        b = [y if y != HI else y - 1_000_000 for y in b]
        rows = [
            (text(x), text(y), oracle.business_seconds(CLOCK, x, y, LO, HI))
            for x, y in zip(a, b, strict=True)
        ]
        got = f"({OPEN_SECONDS.format(x='q.b')}) - ({OPEN_SECONDS.format(x='q.a')})"
        assert mismatches(db, ["a", "b"], rows, got) == []

    def test_add_business_seconds(self, db: sqlite3.Connection) -> None:
        """The as-of lookup on the running count equals ServiceClock.add / subtract for 100,000 starts."""
        rng = random.Random(34)
        t = oracle.random_instants(rng, N, LO, HI, whole_seconds=True)
        s = [
            rng.choice((0, 1, -1)) if rng.random() < 0.05 else rng.randint(-600_000, 600_000)
            for _ in range(N)
        ]
        rows = []
        for x, y in zip(t, s, strict=True):
            e = oracle.add_business_seconds(CLOCK, x, y, LO, HI)
            rows.append((text(x), y, text(e) if e is not None else None))
        got = ADD_BUSINESS_SECONDS.format(c_t=OPEN_SECONDS.format(x="q.t"))
        assert mismatches(db, ["t", "s"], rows, got) == []
