"""Export the calendar and the clock to DuckDB, then answer SLA questions in SQL.

    uv run python examples/sql_calendar.py

Needs ``servstd[sql]`` (DuckDB). The same tables can be exported as SQLite, Parquet, CSV or a
portable SQL script (``servstd calendar export 2020 2026 --format … -o …``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from servstd.sla import ServiceClock
from servstd.sla.sql import export

TICKETS = """
CREATE TEMP TABLE tickets AS SELECT * FROM (VALUES
    (1, TIMESTAMPTZ '2026-09-30 16:00:00+08', TIMESTAMPTZ '2026-10-08 10:00:00+08'),
    (2, TIMESTAMPTZ '2026-10-09 17:30:00+08', TIMESTAMPTZ '2026-10-10 09:30:00+08'),
    (3, TIMESTAMPTZ '2026-10-03 11:00:00+08', TIMESTAMPTZ '2026-10-12 15:00:00+08')
) AS t(id, received_at, resolved_at)
"""

# "3个工作日": close of business of the 3rd working day after the local date received;
# "4工作小时": four business hours from receipt; and the business time actually taken.
REPORT = """
SELECT t.id,
       timezone('Asia/Shanghai', t.received_at) AS received,
       timezone('Asia/Shanghai', coalesce(last.close_at, last.day_end_at)) AS due_3_working_days,
       timezone('Asia/Shanghai', servstd_add_business_seconds(t.received_at, 4 * 3600)) AS due_4_business_hours,
       servstd_business_seconds(t.received_at, t.resolved_at) // 60 AS business_minutes_taken
FROM tickets AS t
JOIN servstd_days AS d0 ON t.received_at >= d0.day_start_at AND t.received_at < d0.day_end_at
JOIN servstd_days AS last ON last.is_working AND last.working_day_seq = d0.working_day_seq + 3
ORDER BY t.id
"""


def main() -> None:
    path = export(ServiceClock.default(), (2020, 2026), "duckdb", Path(tempfile.mkdtemp()) / "cal.duckdb")
    con = duckdb.connect(str(path))
    con.execute(TICKETS)
    result = con.execute(REPORT)
    print(" | ".join(col[0] for col in result.description))
    for row in result.fetchall():
        print(" | ".join(str(v) for v in row))


if __name__ == "__main__":
    main()
