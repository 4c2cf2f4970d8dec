-- servstd calendar macros for DuckDB (1.0 or later).
--
-- Run after loading the tables servstd_days, servstd_open_intervals and servstd_meta of a
-- `servstd calendar export` (a .duckdb file from the export already contains these macros).
-- Every macro answers NULL for a date or instant outside the exported years, never a guess.
-- Pass DATE values for days and TIMESTAMPTZ values for instants (a TIMESTAMP without a zone is
-- read in the session's TimeZone setting, DuckDB's own rule). Inner names carry a servstd_
-- prefix so that they never capture a caller's table or column.
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
    SELECT servstd_s.is_working FROM servstd_days AS servstd_s WHERE servstd_s."date" = d
);

-- The target is a scalar subquery, not a LEFT JOIN: DuckDB before 2.0 cannot run an outer join
-- whose condition mentions the caller's n.
CREATE OR REPLACE MACRO servstd_add_working_days(d, n) AS (
    SELECT CASE WHEN n = 0 THEN servstd_s."date" ELSE (
        SELECT servstd_w."date" FROM servstd_days AS servstd_w
        WHERE servstd_w.is_working
            AND servstd_w.working_day_seq = servstd_s.working_day_seq + n
                + CASE WHEN n < 0 AND NOT servstd_s.is_working THEN 1 ELSE 0 END
    ) END
    FROM servstd_days AS servstd_s
    WHERE servstd_s."date" = d
);

-- Two lookups, one per date: DuckDB joins each to the caller's rows (a cross product of the two
-- lookups in one subquery would be planned as servstd_days × servstd_days for every query).
CREATE OR REPLACE MACRO servstd_working_days_between(a, b) AS (
    (SELECT servstd_y.working_day_seq - CAST(servstd_y.is_working AS INTEGER)
        FROM servstd_days AS servstd_y WHERE servstd_y."date" = b)
    - (SELECT servstd_x.working_day_seq - CAST(servstd_x.is_working AS INTEGER)
        FROM servstd_days AS servstd_x WHERE servstd_x."date" = a)
);

-- C(t): with i the last interval starting at or before t, i.open_seconds_before + min(t, i.end_at) - i.start_at
CREATE OR REPLACE MACRO servstd_open_microseconds(t) AS (
    SELECT CASE WHEN servstd_q.servstd_t >= servstd_q.starts_at AND servstd_q.servstd_t <= servstd_q.ends_at THEN
        coalesce(
            servstd_i.open_seconds_before * 1000000
                + epoch_us(least(servstd_q.servstd_t, servstd_i.end_at)) - epoch_us(servstd_i.start_at),
            0)
    END
    FROM (SELECT t AS servstd_t, servstd_m.starts_at, servstd_m.ends_at FROM servstd_meta AS servstd_m) AS servstd_q
    ASOF LEFT JOIN servstd_open_intervals AS servstd_i ON servstd_q.servstd_t >= servstd_i.start_at
);

CREATE OR REPLACE MACRO servstd_business_seconds(a, b) AS (
    (servstd_open_microseconds(b) - servstd_open_microseconds(a)) // 1000000
);

-- add: the first interval whose count at its end reaches the target (an as-of lookup on that
-- count); subtract: the last interval whose count at its start is at most the target.
CREATE OR REPLACE MACRO servstd_add_business_seconds(t, s) AS (
    SELECT CASE
        WHEN servstd_q.servstd_target IS NULL THEN NULL
        WHEN servstd_q.servstd_s = 0 THEN servstd_q.servstd_t
        WHEN servstd_q.servstd_s > 0 THEN (
            SELECT servstd_f.start_at + to_microseconds(servstd_q.servstd_target - servstd_f.servstd_cum)
            FROM (SELECT servstd_q.servstd_target AS servstd_target) AS servstd_g
            ASOF JOIN (
                SELECT start_at,
                    open_seconds_before * 1000000 AS servstd_cum,
                    open_seconds_before * 1000000 + epoch_us(end_at) - epoch_us(start_at) AS servstd_cum_end
                FROM servstd_open_intervals
            ) AS servstd_f ON servstd_g.servstd_target <= servstd_f.servstd_cum_end
        )
        WHEN servstd_q.servstd_target >= 0 THEN (
            SELECT servstd_r.start_at + to_microseconds(servstd_q.servstd_target - servstd_r.servstd_cum)
            FROM (SELECT servstd_q.servstd_target AS servstd_target) AS servstd_g
            ASOF JOIN (
                SELECT start_at, open_seconds_before * 1000000 AS servstd_cum FROM servstd_open_intervals
            ) AS servstd_r ON servstd_g.servstd_target >= servstd_r.servstd_cum
        )
    END
    FROM (
        SELECT t AS servstd_t, CAST(s AS BIGINT) AS servstd_s,
            servstd_open_microseconds(t) + CAST(s AS BIGINT) * 1000000 AS servstd_target
    ) AS servstd_q
);
