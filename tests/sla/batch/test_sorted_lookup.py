"""The engine's constant-step lookup answers exactly what ``numpy.searchsorted`` answers, for every
int64 — missing instants (NaT), values far outside the array, repeated and clustered elements."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.sla.batch._engine import Sorted
from tests.strategies import fuzz_examples, sorted_int64

INT64 = np.iinfo(np.int64)


@settings(max_examples=fuzz_examples(300))
@given(values=sorted_int64(), data=st.data())
def test_lookups_equal_searchsorted(values: list[int], data: st.DataObject) -> None:
    """``Sorted(arr).right(x)`` and ``.left(x)`` equal ``numpy.searchsorted`` with that side for
    values at, beside and between the elements, outside the array's range and at the int64 ends."""
    arr = np.array(values, dtype=np.int64)
    near = data.draw(st.lists(st.integers(-3, 3), min_size=1, max_size=20))
    picks = data.draw(st.lists(st.integers(0, arr.size - 1), min_size=1, max_size=20))
    wide = data.draw(st.lists(st.integers(INT64.min, INT64.max), max_size=10))
    x = [int(arr[i]) + d for i, d in zip(picks, near, strict=False)]
    x = [v for v in x if INT64.min <= v <= INT64.max] + wide + [INT64.min, INT64.max, 0]
    xs = np.array(x, dtype=np.int64)
    lookup = Sorted(arr)
    assert lookup.right(xs).tolist() == np.searchsorted(arr, xs, side="right").tolist()
    assert lookup.left(xs).tolist() == np.searchsorted(arr, xs, side="left").tolist()


def test_a_day_table_is_searched_in_steps() -> None:
    """Day starts a day apart and working-day ordinals (runs of equal counts) take the bucket path
    with at most two comparison passes, not the numpy fallback; answers still equal searchsorted."""
    day = 86_400_000_000
    starts = np.arange(0, 731 * day, day, dtype=np.int64) - 8 * 3_600_000_000
    ordinals = np.cumsum(np.tile([1, 1, 1, 1, 1, 0, 0], 105)).astype(np.int64)
    for arr, side in ((starts, "right"), (ordinals, "left")):
        lookup = Sorted(arr)
        steps = lookup.steps_right if side == "right" else lookup.steps_left
        assert steps is not None
        assert steps <= 2
        xs = np.concatenate([arr, arr + 1, arr - 1, [INT64.min, INT64.max]]).astype(np.int64)
        got = lookup.right(xs) if side == "right" else lookup.left(xs)
        assert got.tolist() == np.searchsorted(arr, xs, side=side).tolist()
