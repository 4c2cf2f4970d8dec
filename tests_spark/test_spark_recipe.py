"""The Spark recipe on a real local Spark session: 1,000,000 rows, a sample checked against the scalar API."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="run through `nox -s spark`, which installs pyspark")
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402, N812 - the PySpark convention

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from spark_deadlines import with_deadlines  # noqa: E402

from servstd.sla import ServiceClock  # noqa: E402

ROWS = 1_000_000


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("servstd-spark-recipe")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100000")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_deadlines_for_a_million_rows(spark: SparkSession) -> None:
    """Every row gets a deadline; a 1,000-row sample equals ServiceClock.due exactly."""
    base = int(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    span = 2 * 365 * 86400
    df = spark.range(ROWS).withColumn(
        "received", F.timestamp_seconds(F.lit(base) + (F.col("id") * 7919) % span)
    )
    out = with_deadlines(df, "received", "3个工作日")
    assert out.count() == ROWS
    assert out.filter(F.col("due").isNull()).count() == 0
    sample = out.sample(fraction=0.001, seed=7).limit(1000).collect()
    assert len(sample) > 500
    clock = ServiceClock.default()
    for row in sample:
        received = row["received"].replace(tzinfo=dt.timezone.utc)
        assert row["due"].replace(tzinfo=dt.timezone.utc) == clock.due(received, "3个工作日"), row
