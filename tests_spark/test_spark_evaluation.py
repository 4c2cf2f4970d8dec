"""SLA evaluation on a real local Spark session: 1,000,000 cases, equal to the pandas result."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark", reason="run through `nox -s spark`, which installs pyspark")
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402, N812 - the PySpark convention

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from spark_sla import evaluate_spark  # noqa: E402

from servstd.sla import SLAPolicy, batch  # noqa: E402

ROWS = 1_000_000
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("servstd-spark-sla")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "200000")
        .getOrCreate()
    )
    yield session
    session.stop()


def claims(spark: SparkSession) -> tuple[object, object]:
    """Insurance claims received during 2025 (three metrics each), every fifth paused for a day."""
    base = int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    received = F.timestamp_seconds(F.lit(base) + (F.col("id") * 7919) % (360 * 86400))
    cases = (
        spark.range(ROWS)
        .withColumn("case", F.concat(F.lit("C"), F.col("id").cast("string")))
        .withColumn("received_at", received)
        .withColumn("zone", F.when(F.col("id") % 3 == 0, "郊县").otherwise("城区"))
        .withColumn("category", F.lit("理赔"))
        .withColumn("approval", F.when(F.col("id") % 4 == 0, "上级批复"))
        .withColumn(
            "arrival_at",
            F.col("received_at") + F.expr("make_interval(0, 0, 0, 0, 0, CAST(id % 200 AS INT), 0)"),
        )
        .withColumn(
            "payment_at",
            F.when(
                F.col("id") % 10 != 0,
                F.col("received_at") + F.expr("make_interval(0, 0, 0, CAST(id % 18 + 3 AS INT), 0, 0, 0)"),
            ),
        )
        .drop("id")
    )
    paused = spark.range(0, ROWS, 5).withColumn("case", F.concat(F.lit("C"), F.col("id").cast("string")))
    p0 = F.timestamp_seconds(F.lit(base) + (F.col("id") * 7919) % (360 * 86400) + 7200)
    pauses = paused.select(
        "case", F.lit("pause").alias("kind"), p0.alias("at"), F.lit("payment").alias("metric")
    )
    resumes = paused.select(
        "case",
        F.lit("resume").alias("kind"),
        (p0 + F.expr("INTERVAL 1 DAY")).alias("at"),
        F.lit("payment").alias("metric"),
    )
    return cases, pauses.unionByName(resumes)


def test_a_million_cases_equal_the_pandas_result(spark: SparkSession) -> None:
    """3,000,000 case-metric rows; a 2,000-case sample equals batch.evaluate on pandas row for row."""
    cases, events = claims(spark)
    out = evaluate_spark(cases, "insurance-claims-sla", now=NOW, events=events).cache()
    assert out.count() == 3 * ROWS
    assert out.filter(F.col("status").isNull() | F.col("due").isNull()).count() == 0
    sample_ids = [f"C{i}" for i in range(0, ROWS, 500)]
    got = out.filter(F.col("case").isin(sample_ids)).toPandas()
    local = cases.filter(F.col("case").isin(sample_ids)).toPandas()
    local_events = events.filter(F.col("case").isin(sample_ids)).toPandas()
    for c in ("received_at", "arrival_at", "payment_at"):
        local[c] = local[c].dt.tz_localize("UTC")
    local_events["at"] = local_events["at"].dt.tz_localize("UTC")
    want = batch.evaluate(SLAPolicy.from_catalog("insurance-claims-sla"), local, local_events, now=NOW)
    key = ["case", "metric"]
    got = got.sort_values(key).reset_index(drop=True)
    want = (
        want.assign(case=want["case"].astype(str), metric=want["metric"].astype(str))
        .sort_values(key)
        .reset_index(drop=True)
    )
    assert len(got) == len(want) == 3 * len(sample_ids)
    assert (got["status"] == want["status"].astype(str)).all()
    for c in ("start", "due", "completed"):
        w = want[c].dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
        assert (got[c].astype("datetime64[us]").fillna(pd.Timestamp(0)) == w.fillna(pd.Timestamp(0))).all(), c
    for c in ("elapsed", "remaining", "paused"):
        assert (
            got[f"{c}_us"].to_numpy() == want[c].to_numpy().astype("timedelta64[us]").astype("int64")
        ).all(), c
    assert (got["used"].to_numpy() == want["used"].to_numpy()).all()
