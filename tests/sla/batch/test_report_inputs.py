"""report() reads tables in memory and files given as bytes or file objects; breaches stay
columns until read (issue 29, point 5)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from servstd.errors import DocumentError
from servstd.sla import SLAPolicy
from servstd.sla.batch import _files, compliance, report
from servstd.sla.batch._files import read_table

SH = ZoneInfo("Asia/Shanghai")
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SAMPLE = EXAMPLES / "claims_2026_national_day.csv"
SAMPLE_EVENTS = EXAMPLES / "claims_2026_national_day_events.csv"
POLICY = SLAPolicy.from_catalog("insurance-claims-sla")
NOW = dt.datetime(2026, 11, 10, tzinfo=SH)
INSTANTS = ["received_at", *(f"{m}_at" for m in POLICY.metrics())]


def _report(cases: Any, events: Any = None) -> dict[str, Any]:
    return report(POLICY, cases, events, now=NOW, by=["tier"]).to_dict()


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    """The report of the sample export read from its path."""
    return _report(SAMPLE, SAMPLE_EVENTS)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return read_table(SAMPLE, INSTANTS)


class TestEveryInput:
    def test_bytes_and_file_objects(self, expected: dict[str, Any]) -> None:
        """The file's bytes, a binary file object and a text file object give the report its path gives."""
        data, events = SAMPLE.read_bytes(), SAMPLE_EVENTS.read_bytes()
        assert _report(data, events) == expected
        assert _report(io.BytesIO(data), io.BytesIO(events)) == expected
        text = data.decode("utf-8")
        assert _report(io.StringIO(text), io.StringIO(events.decode("utf-8"))) == expected
        with SAMPLE.open("rb") as f:
            assert _report(f, SAMPLE_EVENTS) == expected

    def test_tables_in_memory(self, expected: dict[str, Any], frame: pd.DataFrame) -> None:
        """pandas and polars DataFrames and pyarrow Tables give the same report."""
        events = read_table(SAMPLE_EVENTS, ["at"])
        assert _report(frame, events) == expected
        assert _report(pl.from_pandas(frame), pl.from_pandas(events)) == expected
        assert _report(pa.Table.from_pandas(frame), pa.Table.from_pandas(events)) == expected

    def test_parquet_and_xlsx_bytes(self, frame: pd.DataFrame) -> None:
        """Parquet and XLSX content are told by their first bytes and read like their files."""
        want = _report(frame)
        parquet = io.BytesIO()
        frame.to_parquet(parquet)
        assert _report(parquet.getvalue()) == want
        xlsx = io.BytesIO()
        text = frame.copy()
        for c in INSTANTS:
            if c in text:
                text[c] = text[c].map(lambda t: "" if pd.isna(t) else t.isoformat())
        text.to_excel(xlsx, index=False)
        assert _report(xlsx.getvalue()) == want


class TestHostileContent:
    def test_too_many_bytes_are_refused_by_the_bound(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Bytes or a stream past the size bound: an error naming the table; a stream is read no
        further than the bound (plus one)."""
        monkeypatch.setattr(_files, "MAX_BYTES", 1000)
        reads: list[int] = []

        class Endless(io.RawIOBase):
            def readable(self) -> bool:
                return True

            def read(self, n: int = -1) -> bytes:
                reads.append(n)
                return b"x" * (n if n >= 0 else 10**9)

        with pytest.raises(DocumentError, match="larger than 1,000 bytes") as info:
            report(POLICY, Endless(), now=NOW)
        assert info.value.source == "cases"
        assert reads == [1001]
        with pytest.raises(DocumentError, match="larger than 1,000 bytes"):
            report(POLICY, b"case,received_at\n" * 100, now=NOW)

    def test_errors_name_the_table_not_a_temporary_file(self) -> None:
        """A damaged workbook given as bytes: the error names 'cases' and no temporary path."""
        with pytest.raises(DocumentError) as info:
            report(POLICY, b"PK\x03\x04 not really a workbook", now=NOW)
        assert info.value.source == "cases"
        assert "servstd-" not in str(info.value)
        with pytest.raises(DocumentError, match="cases"):
            report(POLICY, b"case,received_at\nA1,2026-10-01 09:00\n", now=NOW)  # no offset


class TestBreachesStayColumns:
    def test_no_breach_object_until_read(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """report() builds no Breach; the text form builds the 30 it shows; listing them all
        gives as many as the groups count."""
        made: list[object] = []
        make = compliance.Breach

        def counted(*args: Any, **kwargs: Any) -> compliance.Breach:
            made.append(make(*args, **kwargs))
            return made[-1]  # type: ignore[return-value]

        monkeypatch.setattr(compliance, "Breach", counted)
        r = report(POLICY, SAMPLE, SAMPLE_EVENTS, now=NOW, by=["tier"])
        assert made == []
        n = len(r.breaches)
        assert n == sum(g.breached for g in r.groups) > 30
        r.to_text()
        assert len(made) == 30
        assert len(list(r.breaches)) == n

    def test_listings_take_a_limit(self) -> None:
        """to_json(limit=5) lists the first five breaches and gives their number (the deprecated
        as_dict(limit=5) too)."""
        r = report(POLICY, SAMPLE, SAMPLE_EVENTS, now=NOW, by=["tier"])
        data = json.loads(r.to_json(limit=5))
        with pytest.warns(DeprecationWarning, match="to_dict"):
            assert r.as_dict(limit=5) == data
        assert data["breached"] == len(r.breaches)
        assert [b["case"] for b in data["breaches"]] == [b.case for b in r.breaches.head(5)]
        assert len(json.loads(r.to_json(limit=0))["breaches"]) == 0
        assert r.to_markdown(limit=2).count("\n| ") == 2 + 1 + len(r.groups) + 1

    def test_order_is_group_metric_latest_first_then_case(self) -> None:
        """The breaches come in the order of (group values, metric, lateness descending, case id)."""
        r = report(POLICY, SAMPLE, SAMPLE_EVENTS, now=NOW, by=["tier"])
        got = list(r.breaches)
        assert got == sorted(got, key=lambda b: (b.key, b.metric, -b.late, b.case))
        assert r.breaches[0] == got[0]
        assert r.breaches[-1] == got[-1]
        assert r.breaches[2:4] == got[2:4]
