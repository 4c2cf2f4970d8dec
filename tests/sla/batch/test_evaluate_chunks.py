"""``batch.evaluate_chunks``: a case table evaluated a part at a time gives the rows of the whole.

:func:`batch.evaluate` on all the cases is the definition: the results of the chunks, in order,
are its rows, and a table it refuses is refused chunk by chunk (rows named as in the whole).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servstd.errors import DocumentError, InputTypeError
from servstd.sla import SLAPolicy, batch
from tests.sla.batch.test_evaluation import at, cases_frame, claims, events_frame, rows_of, tables

INSURANCE = SLAPolicy.from_catalog("insurance-claims-sla")


def split(kind: str, table: Any, cuts: list[int]) -> list[Any]:
    """``table`` cut at the row positions ``cuts`` (sorted, possibly repeated: empty parts)."""
    bounds = [0, *cuts, len(table) if kind != "pyarrow" else table.num_rows]
    parts = []
    for a, b in itertools.pairwise(bounds):
        if kind == "pandas":
            parts.append(table.iloc[a:b])
        else:
            parts.append(table.slice(a, b - a))
    return parts


def concat(kind: str, parts: list[Any]) -> Any:
    if kind == "pandas":
        return pd.concat(parts, ignore_index=True)
    if kind == "polars":
        return pl.concat(parts)
    return pa.concat_tables(parts)


class TestSameAnswers:
    @given(
        data=tables(),
        kind=st.sampled_from(["pandas", "polars", "pyarrow"]),
        cuts=st.lists(st.integers(0, 5), max_size=3),
    )
    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    def test_chunks_give_the_rows_of_the_whole(self, data: Any, kind: str, cuts: list[int]) -> None:
        """The chunks' results, in order, are the rows of evaluate on the whole table; where evaluate
        refuses the table, iterating the chunks raises a DocumentError too."""
        policy, cases, events, now = data
        table = cases_frame(kind, cases, policy.metrics())
        ev = events_frame(kind, events) if events else None
        parts = split(kind, table, sorted(min(c, len(cases)) for c in cuts))
        try:
            whole = batch.evaluate(policy, table, ev, now=now)
        except DocumentError:
            with pytest.raises(DocumentError):
                list(batch.evaluate_chunks(policy, parts, ev, now=now))
            return
        got = list(batch.evaluate_chunks(policy, parts, ev, now=now))
        assert len(got) == len(parts)
        assert all(type(g) is type(table) for g in got)
        assert rows_of(concat(kind, got)) == rows_of(whole)


class TestParquet:
    def test_row_groups_of_a_parquet_file(self, tmp_path: Path) -> None:
        """A ParquetFile is read one row group at a time: Arrow tables whose rows are the whole's."""
        cases, events = claims(500, pause_every=7)
        path = tmp_path / "cases.parquet"
        pq.write_table(pa.Table.from_pandas(cases, preserve_index=False), path, row_group_size=120)
        file = pq.ParquetFile(path)
        assert file.num_row_groups == 5
        now = at(2026, 10, 25)
        got = list(batch.evaluate_chunks(INSURANCE, file, events, now=now))
        assert len(got) == 5
        assert all(isinstance(g, pa.Table) for g in got)
        whole = batch.evaluate(INSURANCE, pa.Table.from_pandas(cases, preserve_index=False), events, now=now)
        assert rows_of(pa.concat_tables(got)) == rows_of(whole)


class TestErrors:
    def test_rows_are_counted_from_the_first_chunk(self) -> None:
        """A bad case in the second chunk is named by its row in the whole table."""
        cases, _ = claims(10)
        cases.loc[7, "received_at"] = pd.NaT
        parts = [cases.iloc[:5], cases.iloc[5:]]
        chunks = batch.evaluate_chunks(INSURANCE, parts, now=at(2026, 10, 25))
        next(chunks)
        with pytest.raises(DocumentError, match=r"cases row 7 \(case 'K7'\): received_at is missing"):
            next(chunks)

    def test_an_event_of_no_chunk_is_reported_at_the_end(self) -> None:
        """An event whose case is in no chunk is named (by its row in the events table) once all are read."""
        cases, events = claims(20, pause_every=5)
        assert events is not None
        events.loc[len(events)] = ["ZZ", "pause", pd.Timestamp("2026-10-01", tz="UTC"), "payment"]
        chunks = batch.evaluate_chunks(
            INSURANCE, [cases.iloc[:10], cases.iloc[10:]], events, now=at(2026, 10, 25)
        )
        next(chunks)
        next(chunks)
        with pytest.raises(
            DocumentError, match=r"events row 8: an event for a case that is not in the case table"
        ):
            next(chunks)

    def test_not_an_iterable(self) -> None:
        """Something that is neither tables nor a Parquet file is an InputTypeError saying what is accepted."""
        with pytest.raises(InputTypeError, match="an iterable of case tables"):
            list(batch.evaluate_chunks(INSURANCE, 3, now=at(2026, 10, 25)))


class TestIdsInEachLibrary:
    @pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
    def test_repeated_and_missing_ids(self, kind: str) -> None:
        """A repeated or missing case id is found in each library's own columns."""
        rows = [{"case": c, "received_at": at(2026, 10, 1, 9)} for c in ["A", "B", "A", None, "C"]]
        table = cases_frame(kind, rows, [])
        with pytest.raises(DocumentError) as exc:
            batch.evaluate(INSURANCE, table, now=at(2026, 10, 2))
        text = str(exc.value)
        assert "cases row 3: case is missing" in text
        assert "cases rows 0, 2: case 'A' appears more than once" in text

    @pytest.mark.parametrize("kinds", [("polars", "pandas"), ("pyarrow", "polars"), ("pandas", "pyarrow")])
    def test_events_of_another_library(self, kinds: tuple[str, str]) -> None:
        """Events in another library than the cases are matched to their cases by value."""
        cases, events = claims(30, pause_every=4)
        assert events is not None
        now = at(2026, 10, 25)
        want = rows_of(batch.evaluate(INSURANCE, cases, events, now=now))
        case_kind, event_kind = kinds
        tab = pa.Table.from_pandas(cases, preserve_index=False)
        etab = pa.Table.from_pandas(events, preserve_index=False)
        c = tab if case_kind == "pyarrow" else pl.from_arrow(tab) if case_kind == "polars" else cases
        e = etab if event_kind == "pyarrow" else pl.from_arrow(etab) if event_kind == "polars" else events
        got = rows_of(batch.evaluate(INSURANCE, c, e, now=now))
        assert [(r["case"], r["metric"], r["status"], r["due"]) for r in got] == [
            (r["case"], r["metric"], r["status"], r["due"]) for r in want
        ]
