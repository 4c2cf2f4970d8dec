-- servstd calendar functions for PostgreSQL (12 or later).
--
-- Run after loading the tables servstd_days, servstd_open_intervals and servstd_meta of a
-- `servstd calendar export` (e.g. `psql -f cal.sql`, from `--format sql`). The function bodies
-- are strings, so the tables can be dropped and loaded again (a new export) without touching the
-- functions; run this script again after a load, for the two indexes it adds. Every function
-- answers NULL for a date or instant outside the exported years.
--
--   servstd_is_working_day(d)           d is a working day (make-up working days included)
--   servstd_add_working_days(d, n)      the n-th working day after d (d not counted); n < 0 goes back
--   servstd_working_days_between(a, b)  working days in [a, b); negative when b < a
--   servstd_open_microseconds(t)        open time from the export's first instant to t (µs)
--   servstd_business_seconds(a, b)     open seconds between a and b (as ServiceClock.elapsed),
--                                       truncated toward zero; negative when b < a
--   servstd_add_business_seconds(t, s)  the smallest instant x >= t with s open seconds in [t, x)
--                                       (as ServiceClock.add); s < 0 goes back (ServiceClock.subtract)

CREATE INDEX IF NOT EXISTS servstd_open_intervals_before
    ON servstd_open_intervals (open_seconds_before);
CREATE INDEX IF NOT EXISTS servstd_days_seq ON servstd_days (working_day_seq);

CREATE OR REPLACE FUNCTION servstd_is_working_day(d date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT servstd_s.is_working FROM servstd_days AS servstd_s WHERE servstd_s."date" = d
$$;

CREATE OR REPLACE FUNCTION servstd_add_working_days(d date, n integer) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n = 0 THEN s."date" ELSE w."date" END
    FROM servstd_days AS s
    LEFT JOIN servstd_days AS w
        ON w.is_working
        AND w.working_day_seq = s.working_day_seq + n
            + CASE WHEN n < 0 AND NOT s.is_working THEN 1 ELSE 0 END
    WHERE s."date" = d
$$;

CREATE OR REPLACE FUNCTION servstd_working_days_between(a date, b date) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (y.working_day_seq - CAST(y.is_working AS integer))
        - (x.working_day_seq - CAST(x.is_working AS integer))
    FROM servstd_days AS x, servstd_days AS y
    WHERE x."date" = a AND y."date" = b
$$;

CREATE OR REPLACE FUNCTION servstd_open_microseconds(t timestamptz) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN t >= m.starts_at AND t <= m.ends_at THEN
        coalesce((
            SELECT i.open_seconds_before * 1000000
                + CAST(round(extract(epoch FROM least(t, i.end_at) - i.start_at) * 1000000) AS bigint)
            FROM servstd_open_intervals AS i
            WHERE i.start_at <= t
            ORDER BY i.start_at DESC
            LIMIT 1
        ), 0)
    END
    FROM servstd_meta AS m
$$;

CREATE OR REPLACE FUNCTION servstd_business_seconds(a timestamptz, b timestamptz) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (servstd_open_microseconds(b) - servstd_open_microseconds(a)) / 1000000
$$;

CREATE OR REPLACE FUNCTION servstd_add_business_seconds(t timestamptz, s bigint) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN q.target IS NULL THEN NULL
        WHEN s = 0 THEN t
        WHEN s > 0 THEN (
            -- the first interval whose count at its end reaches the target is the last one whose
            -- count at its start is below it (NULL past the end of the export)
            SELECT CASE WHEN q.target <= i.open_seconds_before * 1000000
                    + CAST(round(extract(epoch FROM i.end_at - i.start_at) * 1000000) AS bigint)
                THEN i.start_at + (q.target - i.open_seconds_before * 1000000) * interval '1 microsecond'
            END
            FROM servstd_open_intervals AS i
            WHERE i.open_seconds_before <= (q.target - 1) / 1000000
            ORDER BY i.open_seconds_before DESC
            LIMIT 1
        )
        WHEN q.target >= 0 THEN (
            SELECT i.start_at + (q.target - i.open_seconds_before * 1000000) * interval '1 microsecond'
            FROM servstd_open_intervals AS i
            WHERE i.open_seconds_before <= q.target / 1000000
            ORDER BY i.open_seconds_before DESC
            LIMIT 1
        )
    END
    -- OFFSET 0 keeps the planner from inlining q: otherwise servstd_open_microseconds(t) runs again
    -- for every mention of q.target (five times slower on PostgreSQL 15)
    FROM (SELECT servstd_open_microseconds(t) + s * 1000000 AS target OFFSET 0) AS q
$$;
