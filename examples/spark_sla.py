"""Recipe: evaluate an SLA policy over a Spark DataFrame of cases with servstd's columnar engine.

Cases (and their events, if any) are split into buckets by a hash of the case id; each bucket
arrives on an executor as a pandas DataFrame (``cogroup(...).applyInPandas``) and runs through
``servstd.sla.batch.evaluate`` — the same code and the same answers as on one machine, no Python
loop per case. Durations come back as microseconds (``elapsed_us``, ``remaining_us``,
``paused_us``), instants as Spark timestamps.

    spark = SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    out = evaluate_spark(cases, "insurance-claims-sla", now=dt.datetime(2026, 11, 1, tzinfo=UTC), events=events)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

RESULT_SCHEMA = (
    "case string, metric string, status string, start timestamp, due timestamp, completed timestamp, "
    "elapsed_us long, remaining_us long, paused_us long, used double"
)
EVENT_SCHEMA = "case string, kind string, at timestamp, metric string, approver string, new_target string"


def evaluate_spark(
    cases: Any,
    policy: str,
    *,
    now: dt.datetime,
    events: Any = None,
    buckets: int = 64,
    received: str = "received_at",
) -> Any:
    """One row per case × applicable metric, as ``servstd.sla.batch.evaluate`` gives on pandas."""
    from pyspark.sql import functions as F  # noqa: N812 - the PySpark convention

    spark = cases.sparkSession
    session_tz = spark.conf.get("spark.sql.session.timeZone")
    instants = [c for c, t in cases.dtypes if t == "timestamp"]
    if events is None:
        events = spark.createDataFrame([], EVENT_SCHEMA)
    for c in ("metric", "approver", "new_target"):
        if c not in events.columns:
            events = events.withColumn(c, F.lit(None).cast("string"))
    bucket = F.abs(F.hash("case")) % buckets
    left = cases.withColumn("_bucket", bucket).groupBy("_bucket")
    right = events.select("case", "kind", "at", "metric", "approver", "new_target").withColumn(
        "_bucket", bucket
    )

    def run(case_part: Any, event_part: Any) -> Any:
        import pandas as pd

        from servstd.sla import SLAPolicy, batch

        pol = SLAPolicy.from_catalog(policy)
        part = case_part.drop(columns="_bucket")
        for c in instants:  # Spark hands over wall times of its session zone
            part[c] = part[c].dt.tz_localize(session_tz)
        ev = event_part.drop(columns="_bucket")
        ev["at"] = ev["at"].dt.tz_localize(session_tz)
        for c in ("metric", "approver", "new_target"):
            ev[c] = ev[c].astype(object).where(ev[c].notna(), None)
        out = batch.evaluate(pol, part, ev if len(ev) else None, now=now, received=received)
        return pd.DataFrame(
            {
                "case": out["case"].astype(str),
                "metric": out["metric"].astype(str),
                "status": out["status"].astype(str),
                **{
                    c: out[c].dt.tz_convert(session_tz).dt.tz_localize(None)
                    for c in ("start", "due", "completed")
                },
                **{
                    f"{c}_us": out[c].to_numpy().astype("timedelta64[us]").astype("int64")
                    for c in ("elapsed", "remaining", "paused")
                },
                "used": out["used"].astype(float),
            }
        )

    return left.cogroup(right.groupBy("_bucket")).applyInPandas(run, RESULT_SCHEMA)
