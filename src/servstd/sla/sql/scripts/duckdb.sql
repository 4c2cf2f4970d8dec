-- servstd calendar macros for DuckDB (1.0 or later).
--
-- Run after loading the tables servstd_days, servstd_open_intervals and servstd_meta of a
-- `servstd calendar export` (a .duckdb file from the export already contains these macros).
-- Every macro answers NULL for a date or instant outside the exported years, never a guess.
--
--   servstd_is_working_day(d)           d is a working day (make-up working days included)
--   servstd_add_working_days(d, n)      the n-th working day after d (d not counted); n < 0 goes back
--   servstd_working_days_between(a, b)  working days in [a, b); negative when b < a
--   servstd_open_microseconds(t)        open time from the export's first instant to t (µs)
--   servstd_business_seconds(a, b)     open seconds between a and b (as ServiceClock.elapsed),
--                                       truncated toward zero; negative when b < a
--   servstd_add_business_seconds(t, s)  the smallest instant x >= t with s open seconds in [t, x)
--                                       (as ServiceClock.add); s < 0 goes back (ServiceClock.subtract)

CREATE OR REPLACE MACRO servstd_is_working_day(d) AS (
    SELECT s.is_working FROM servstd_days AS s WHERE s."date" = d
);

CREATE OR REPLACE MACRO servstd_add_working_days(d, n) AS (
    SELECT CASE WHEN n = 0 THEN s."date" ELSE w."date" END
    FROM servstd_days AS s
    LEFT JOIN servstd_days AS w
        ON w.is_working
        AND w.working_day_seq = s.working_day_seq + n
            + CASE WHEN n < 0 AND NOT s.is_working THEN 1 ELSE 0 END
    WHERE s."date" = d
);

CREATE OR REPLACE MACRO servstd_working_days_between(a, b) AS (
    SELECT (y.working_day_seq - CAST(y.is_working AS INTEGER))
        - (x.working_day_seq - CAST(x.is_working AS INTEGER))
    FROM servstd_days AS x, servstd_days AS y
    WHERE x."date" = a AND y."date" = b
);

CREATE OR REPLACE MACRO servstd_open_microseconds(t) AS (
    SELECT CASE WHEN q.t >= q.starts_at AND q.t <= q.ends_at THEN
        coalesce(
            i.open_seconds_before * 1000000
                + epoch_us(least(q.t, i.end_at)) - epoch_us(i.start_at),
            0)
    END
    FROM (SELECT t AS t, m.starts_at, m.ends_at FROM servstd_meta AS m) AS q
    ASOF LEFT JOIN servstd_open_intervals AS i ON q.t >= i.start_at
);

CREATE OR REPLACE MACRO servstd_business_seconds(a, b) AS (
    (servstd_open_microseconds(b) - servstd_open_microseconds(a)) // 1000000
);

CREATE OR REPLACE MACRO servstd_add_business_seconds(t, s) AS (
    SELECT CASE
        WHEN q.target IS NULL THEN NULL
        WHEN q.s = 0 THEN q.t
        WHEN q.s > 0 THEN (
            SELECT f.start_at + to_microseconds(q.target - f.cum)
            FROM (SELECT q.target AS target) AS g
            ASOF JOIN (
                SELECT start_at,
                    open_seconds_before * 1000000 AS cum,
                    open_seconds_before * 1000000 + epoch_us(end_at) - epoch_us(start_at) AS cum_end
                FROM servstd_open_intervals
            ) AS f ON g.target <= f.cum_end
        )
        WHEN q.target >= 0 THEN (
            SELECT r.start_at + to_microseconds(q.target - r.cum)
            FROM (SELECT q.target AS target) AS g
            ASOF JOIN (
                SELECT start_at, open_seconds_before * 1000000 AS cum FROM servstd_open_intervals
            ) AS r ON g.target >= r.cum
        )
    END
    FROM (
        SELECT t AS t, CAST(s AS BIGINT) AS s,
            servstd_open_microseconds(t) + CAST(s AS BIGINT) * 1000000 AS target
    ) AS q
);
