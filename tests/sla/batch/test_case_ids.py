"""Case ids are matched exactly: the row of each event's case, missing ids and repeated ids are
what a Python dictionary says, for text and integer ids in pandas, polars and pyarrow tables
(matched by sorting hashes) and when the hashes cannot settle it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.sla.batch._tables import Columns, _sorted_match, _Texts, _Undecided
from tests.strategies import fuzz_examples, id_columns, id_values


def _oracle(cases: list[Any], events: list[Any]) -> tuple[list[bool], list[int]] | None:
    rows: dict[Any, int] = {}
    for i, v in enumerate(cases):
        if v is None:
            continue
        if v in rows:
            return None
        rows[v] = i
    return [v is None for v in cases], [-1 if v is None else rows.get(v, -1) for v in events]


def _table(lib: str, kind: str, values: list[Any], *, large: bool = False) -> Any:
    if lib == "pandas":
        ints = "Int64" if None in values else "int64"  # pandas' nullable integers, or numpy's
        return pd.DataFrame({"case": pd.Series(values, dtype="str" if kind == "text" else ints)})
    if lib == "polars":
        return pl.DataFrame({"case": pl.Series(values, dtype=pl.String if kind == "text" else pl.Int64)})
    text = pa.large_string() if large else pa.string()
    table = pa.table({"case": pa.array(values, type=text if kind == "text" else pa.int64())})
    half = len(values) // 2  # the events' column in two chunks
    return pa.concat_tables([table.slice(0, half), table.slice(half)]) if large else table


@pytest.mark.parametrize(
    ("case_lib", "event_lib"),
    [("pandas", "pandas"), ("polars", "polars"), ("pyarrow", "pyarrow"), ("pandas", "pyarrow")],
)
@settings(max_examples=fuzz_examples(200))
@given(ids=id_values, data=st.data())
def test_ids_match_as_a_dictionary_says(
    case_lib: str, event_lib: str, ids: tuple[str, list[Any]], data: st.DataObject
) -> None:
    """Each event finds the case row holding an equal id (−1: none, or a missing id); a repeated
    case id is reported (``None``); pyarrow events may be large strings against string cases."""
    kind, cases = ids
    picks = data.draw(st.lists(st.sampled_from(cases), max_size=5)) if cases else []
    others = data.draw(id_columns[kind])
    events = [*picks, *others]
    if kind == "text" and data.draw(st.booleans()):  # unique ids, as a clean export has them
        cases = list(dict.fromkeys(cases))
    got = Columns(_table(case_lib, kind, cases)).unique_rows(
        "case", Columns(_table(event_lib, kind, events, large=True)), "case"
    )
    want = _oracle(cases, events)
    if want is None:
        assert got is None
    else:
        assert got is not None
        assert got[0].tolist() == want[0]
        assert got[1].tolist() == want[1]


def _by_index(values: list[str]) -> Any:
    def same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.array(
            [values[i] == values[j] for i, j in zip(a.tolist(), b.tolist(), strict=True)], dtype=bool
        )

    return same


def test_shared_hashes_are_settled_on_the_values() -> None:
    """Ids whose hashes collide are told apart by their values: two ids sharing a hash are matched
    exactly, a repeated id among them is reported, three sharing one are left to the library."""
    zero = np.zeros(2, dtype=np.uint64)
    none = np.zeros(2, dtype=bool)
    events = ["b", "a", "c"]

    def same_event(e: np.ndarray, r: np.ndarray) -> np.ndarray:
        return np.array(
            [events[i] == ["a", "b"][j] for i, j in zip(e.tolist(), r.tolist(), strict=True)], dtype=bool
        )

    got = _sorted_match(
        zero, none, np.zeros(3, dtype=np.uint64), np.zeros(3, dtype=bool), _by_index(["a", "b"]), same_event
    )
    assert not isinstance(got, _Undecided)
    assert got is not None
    assert got[1].tolist() == [1, 0, -1]
    assert _sorted_match(zero, none, zero[:0], none[:0], _by_index(["a", "a"]), same_event) is None
    three = np.zeros(3, dtype=np.uint64)
    undecided = _sorted_match(
        three, np.zeros(3, dtype=bool), zero[:0], none[:0], _by_index(["a", "b", "c"]), same_event
    )
    assert isinstance(undecided, _Undecided)


@settings(max_examples=fuzz_examples(200))
@given(
    texts=st.lists(id_columns["text"], min_size=2, max_size=2),
    data=st.data(),
)
def test_texts_compare_byte_for_byte(texts: list[list[Any]], data: st.DataObject) -> None:
    """Two texts read from Arrow buffers are equal exactly when Python says so (ones sharing a
    prefix, of other lengths, at the end of the buffer, in a sliced array and a large-string one)."""
    left = pa.array(["x", *texts[0], "xy"], type=pa.string()).slice(1)
    right = pa.array([*texts[1], *texts[0], "xy"], type=pa.large_string())
    a, b = left.to_pylist(), right.to_pylist()
    i = np.array(data.draw(st.lists(st.integers(0, len(a) - 1), max_size=20)), dtype=np.int64)
    j = np.array(
        data.draw(st.lists(st.integers(0, len(b) - 1), min_size=i.size, max_size=i.size)), dtype=np.int64
    )
    got = _Texts(left).equal(i, _Texts(right), j)
    assert got.tolist() == [(a[x] or "") == (b[y] or "") for x, y in zip(i.tolist(), j.tolist(), strict=True)]
    assert _Texts(right).equal(j, _Texts(right), j).all()
