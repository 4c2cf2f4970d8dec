"""Tables in and out: pandas or polars DataFrames and pyarrow Tables as plain numpy columns.

The evaluation works on numpy arrays only; this module is the edge. A table comes in as a
:class:`Columns` (one numpy array per column the engine asks for, instants as integer epoch
microseconds with missing values as the int64 minimum) and results go back as the same kind of
table. Each library is imported only when a table of its kind arrives.

Instants are read without guessing: a column of time-zone-aware timestamps is read exactly; a
column without a zone (or an object column holding naive datetimes) marks its rows as naive, which
the caller reports; anything else (text, numbers) marks its rows as not an instant.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from servstd.errors import InputTypeError
from servstd.sla.clock.columnar import epoch_us

__all__ = ["I64", "NAT", "Columns", "columns_of"]

I64 = npt.NDArray[np.int64]
B1 = npt.NDArray[np.bool_]
NAT = np.iinfo(np.int64).min
NAIVE, NOT_INSTANT = 1, 2
"""Codes of :meth:`Columns.instants` problems: a naive instant, a value that is not an instant."""


def _object_instants(values: Sequence[Any]) -> tuple[I64, npt.NDArray[np.int8]]:
    """Epoch microseconds of Python datetimes one by one (the unusual path: object columns)."""
    n = len(values)
    us = np.full(n, NAT, dtype=np.int64)
    bad = np.zeros(n, dtype=np.int8)
    for i, v in enumerate(values):
        if missing(v):
            continue
        if isinstance(v, dt.datetime):
            if v.tzinfo is None or v.utcoffset() is None:
                bad[i] = NAIVE
            else:
                us[i] = epoch_us(v.to_pydatetime() if hasattr(v, "to_pydatetime") else v)
        else:
            bad[i] = NOT_INSTANT
    return us, bad


class Columns:
    """The columns of one table as numpy arrays, and a way to build a table of the same kind."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.kind = type(table).__module__.split(".")[0]
        if self.kind == "pandas":
            names = [str(c) for c in table.columns]
        elif self.kind == "polars":
            names = list(table.columns)
        elif self.kind == "pyarrow" and hasattr(table, "column_names"):
            names = list(table.column_names)
        else:
            raise InputTypeError(table, "cases", "a pandas or polars DataFrame or a pyarrow Table")
        self.names: list[str] = names
        self.n = int(table.shape[0]) if self.kind != "pyarrow" else int(table.num_rows)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def _column(self, name: str) -> Any:
        return self.table[name] if self.kind != "pyarrow" else self.table.column(name)

    # -- reading ---------------------------------------------------------------------------------
    def instants(self, name: str) -> tuple[I64, npt.NDArray[np.int8]]:
        """(epoch microseconds, per-row problem code: 0 fine, NAIVE, NOT_INSTANT); nulls are NAT."""
        col = self._column(name)
        if self.kind == "pandas":
            import pandas as pd  # noqa: PLC0415 - the pandas adapter

            if isinstance(col.dtype, pd.DatetimeTZDtype):
                us = col.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
                return us.view(np.int64), np.zeros(self.n, dtype=np.int8)
            if pd.api.types.is_datetime64_dtype(col.dtype):
                return _naive(col.isna().to_numpy())
            if isinstance(col.dtype, pd.ArrowDtype):
                return _arrow_instants(pd.arrays.ArrowExtensionArray(col.array)._pa_array)
            if col.dtype == object:
                return _object_instants(col.tolist())
            return _not_instants(col.isna().to_numpy())
        if self.kind == "polars":
            import polars as pl  # noqa: PLC0415 - the polars adapter

            if isinstance(col.dtype, pl.Datetime):
                if col.dtype.time_zone is None:
                    return _naive(col.is_null().to_numpy())
                plain = col.dt.convert_time_zone("UTC").dt.replace_time_zone(None).cast(pl.Datetime("us"))
                us = plain.to_physical().fill_null(NAT).to_numpy().astype(np.int64)
                return us, np.zeros(self.n, dtype=np.int8)
            if col.dtype == pl.Object:
                return _object_instants(col.to_list())
            return _not_instants(col.is_null().to_numpy())
        return _arrow_instants(col)

    def codes(self, name: str) -> tuple[I64, list[Any]]:
        """Dense codes of the values (equal values, equal codes) and the value of each code.

        Missing values get the code ``len(values) - 1`` with the value ``None`` (always present).
        """
        col = self._column(name)
        if self.kind == "pandas":
            import pandas as pd  # noqa: PLC0415 - the pandas adapter

            codes, uniques = pd.factorize(col)  # missing values get -1, never a unique
            values = list(uniques.tolist())
            raw = np.asarray(codes, dtype=np.int64)
        elif self.kind == "polars":
            raw, values = _polars_codes(col)
        else:
            import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter
            import pyarrow.compute as pc  # noqa: PLC0415

            arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
            enc = pc.dictionary_encode(arr)
            raw = np.asarray(pc.fill_null(enc.indices.cast(pa.int64()), -1), dtype=np.int64)
            values = enc.dictionary.to_pylist()
        none = len(values)
        values.append(None)
        out: I64 = np.where(raw < 0, none, raw)
        return out, values

    def unique_rows(self, name: str, other: Columns | None, other_name: str) -> tuple[B1, I64] | None:
        """Where ``self[name]`` is missing, and the row of ``self`` holding each value of
        ``other[other_name]`` (−1: none, or a missing value) — or ``None`` when a value of
        ``self[name]`` appears more than once.

        Text and integer ids (the usual kinds) are matched by sorting 64-bit hashes, every match
        checked on the values themselves: time and memory grow linearly with the table. Other
        columns take one hash pass in the table's own library (the case ids and the events' ids).
        Values match when the libraries call them equal (columns of different types: when Python
        does).
        """
        col = self._column(name)
        ocol = None if other is None else other._column(other_name)
        keys = _keys(self.kind, col, None if other is None else other.kind, ocol)
        if keys is not None:
            got = _sorted_match(*keys)
            if not isinstance(got, _Undecided):
                return got
        if self.kind == "polars" and (
            other is None or (other.kind == "polars" and ocol is not None and ocol.dtype == col.dtype)
        ):
            return _polars_unique_rows(col, ocol)
        codes, other_codes = self._shared_codes(col, other, ocol)
        missing = codes < 0
        if codes.size and np.bincount(codes[~missing], minlength=1).max(initial=0) > 1:
            return None
        row_of_code = np.full(
            max(int(codes.max(initial=-1)), int(other_codes.max(initial=-1))) + 2, -1, dtype=np.int64
        )
        row_of_code[codes[~missing]] = np.flatnonzero(~missing)
        found: I64 = row_of_code[other_codes]  # −1 codes pick the last entry, which is always −1
        return missing, found

    def _shared_codes(self, col: Any, other: Columns | None, ocol: Any) -> tuple[I64, I64]:
        """Codes of ``col`` and ``ocol`` such that equal values share a code; missing values get −1."""
        n = self.n
        codes: I64
        if self.kind == "pandas" and (other is None or other.kind == "pandas"):
            import pandas as pd  # noqa: PLC0415 - the pandas adapter

            both = col if ocol is None else pd.concat([col, ocol], ignore_index=True)
            codes = np.asarray(pd.factorize(both)[0], dtype=np.int64)
        elif self.kind == "pyarrow" and (
            other is None or (other.kind == "pyarrow" and ocol.type == col.type)
        ):
            import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter
            import pyarrow.compute as pc  # noqa: PLC0415

            chunks = [c for part in (col, ocol) if part is not None for c in _chunks(pa, part)]
            arr = pa.concat_arrays(chunks) if chunks else pa.array([], type=col.type)
            enc = pc.dictionary_encode(arr)
            codes = np.asarray(pc.fill_null(enc.indices.cast(pa.int64()), -1), dtype=np.int64)
        else:  # columns of different libraries or types: Python's equality, one value at a time
            values = self.values_of(col) + ([] if other is None else other.values_of(ocol))
            lookup: dict[Any, int] = {}
            codes = np.array(
                [-1 if missing(v) else lookup.setdefault(v, len(lookup)) for v in values], dtype=np.int64
            )
        return codes[:n], codes[n:]

    def values_of(self, col: Any) -> list[Any]:
        """A column of this table's library as Python values."""
        if self.kind == "pandas":
            return list(col.tolist())
        if self.kind == "polars":
            return list(col.to_list())
        return list(col.to_pylist())

    def subset(self, rows: I64) -> Columns:
        """The rows ``rows`` of the table, as a table of the same kind."""
        if self.kind == "pandas":
            return Columns(self.table.iloc[rows])
        if self.kind == "polars":
            return Columns(self.table[rows])
        return Columns(self.table.take(rows))

    def take(self, name: str, rows: I64) -> Any:
        """The column's values at ``rows``, in the library's own column type."""
        col = self._column(name)
        if self.kind == "pandas":
            return col.take(rows).reset_index(drop=True)
        if self.kind == "polars":
            return col.gather(rows)
        return col.take(rows)

    def values(self, name: str) -> npt.NDArray[Any]:
        """The column as a numpy array (objects where the library has no numpy type)."""
        col = self._column(name)
        if self.kind == "pandas":
            return np.asarray(col.to_numpy(dtype=object) if col.dtype != np.int64 else col.to_numpy())
        if self.kind == "polars":
            return (
                np.asarray(col.to_list(), dtype=object) if col.dtype.is_numeric() is False else col.to_numpy()
            )
        return np.asarray(col.to_pylist(), dtype=object)

    # -- writing ---------------------------------------------------------------------------------
    def build(self, data: dict[str, tuple[str, Any]], tz: str) -> Any:
        """A table of this kind from ``{name: (type, numpy array)}``.

        Types: ``"instant"`` (epoch µs, NAT missing) shown in ``tz``; ``"duration"`` (µs);
        ``"category"`` (a pair: integer codes and their labels); ``"float"``; ``"column"`` (a
        column of this library, from :meth:`take`).
        """
        builders: dict[str, Callable[[str, Any, str], Any]] = {
            "pandas": _pandas_column,
            "polars": _polars_column,
            "pyarrow": _arrow_column,
        }
        make = builders[self.kind]
        cols = {}
        for name in list(data):  # one column at a time, each array let go once converted
            kind, arr = data.pop(name)
            cols[name] = make(kind, arr, tz)
            del arr
        if self.kind == "pandas":
            import pandas as pd  # noqa: PLC0415

            return pd.DataFrame(cols, copy=False)
        if self.kind == "polars":
            import polars as pl  # noqa: PLC0415

            return pl.DataFrame(cols)
        import pyarrow as pa  # noqa: PLC0415

        return pa.table(cols)


def columns_of(table: Any, what: str) -> Columns:
    """``table`` as :class:`Columns`; ``what`` names it in errors (``cases``, ``events``)."""
    try:
        return Columns(table)
    except InputTypeError:
        raise InputTypeError(table, what, "a pandas or polars DataFrame or a pyarrow Table") from None


def missing(v: Any) -> bool:
    """Whether ``v`` is a missing value (None, NaN, pandas NaT or NA)."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ in ("NaTType", "NAType")


def _naive(null: npt.NDArray[np.bool_]) -> tuple[I64, npt.NDArray[np.int8]]:
    return np.full(null.size, NAT, dtype=np.int64), np.where(null, 0, NAIVE).astype(np.int8)


def _not_instants(null: npt.NDArray[np.bool_]) -> tuple[I64, npt.NDArray[np.int8]]:
    return np.full(null.size, NAT, dtype=np.int64), np.where(null, 0, NOT_INSTANT).astype(np.int8)


def _arrow_instants(col: Any) -> tuple[I64, npt.NDArray[np.int8]]:
    import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter
    import pyarrow.compute as pc  # noqa: PLC0415

    null = np.asarray(col.is_null(), dtype=bool)
    if not pa.types.is_timestamp(col.type):
        return _not_instants(null)
    if col.type.tz is None:
        return _naive(null)
    as_int = pc.cast(col, pa.timestamp("us", tz="UTC")).cast(pa.int64())
    return np.asarray(pc.fill_null(as_int, NAT), dtype=np.int64), np.zeros(null.size, dtype=np.int8)


def _polars_codes(col: Any) -> tuple[I64, list[Any]]:
    """Codes in order of first appearance (−1: null) and the distinct values, natively."""
    import polars as pl  # noqa: PLC0415 - the polars adapter

    uniq = col.drop_nulls().unique(maintain_order=True)
    values = uniq.to_list()
    if col.dtype == pl.String:  # an Enum of the distinct strings: its codes are theirs
        codes = col.cast(pl.Enum(values)).to_physical()
    else:
        lookup = pl.DataFrame({"v": uniq}).with_row_index("code")
        frame = pl.DataFrame({"v": col}).with_row_index("i")
        codes = frame.join(lookup, on="v", how="left").sort("i")["code"]
    raw = codes.cast(pl.Int64).fill_null(-1).to_numpy()
    return np.asarray(raw, dtype=np.int64), values


def _polars_unique_rows(col: Any, other: Any | None) -> tuple[B1, I64] | None:
    """:meth:`Columns.unique_rows` in polars, by 64-bit hashes sorted in numpy, every match checked
    on the values themselves (a hash join in polars holds ten times the memory)."""
    missing = col.is_null().to_numpy()
    kept = np.flatnonzero(~missing)  # the rows with an id
    hashes = col.hash(_SEED).to_numpy()[kept]
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    rows = kept[order]  # the row of each sorted hash
    del order, kept
    same = np.flatnonzero(hashes[1:] == hashes[:-1])
    if same.size:  # equal hashes: a repeated id, or (rarely) two ids with one hash
        if (col.gather(rows[same]) == col.gather(rows[same + 1])).fill_null(False).any():
            return None
        return missing, _polars_join_rows(col, other)
    if other is None or not other.len():
        return missing, np.empty(0, dtype=np.int64)
    wanted = other.hash(_SEED).to_numpy()
    at = np.minimum(np.searchsorted(hashes, wanted), max(hashes.size - 1, 0))
    hit = np.flatnonzero(hashes[at] == wanted) if hashes.size else np.empty(0, dtype=np.int64)
    candidate = rows[at[hit]]
    equal = (col.gather(candidate) == other.gather(hit)).fill_null(False).to_numpy()
    found = np.full(other.len(), -1, dtype=np.int64)
    found[hit[equal]] = candidate[equal]
    return missing, found


def _polars_join_rows(col: Any, other: Any | None) -> I64:
    """The row of ``col`` holding each value of ``other`` (−1: none), by a join in polars."""
    import polars as pl  # noqa: PLC0415 - the polars adapter

    if other is None:
        return np.empty(0, dtype=np.int64)
    rows = pl.DataFrame({"v": col}).with_row_index("row")
    asked = pl.DataFrame({"v": other}).with_row_index("i")
    found = asked.join(rows, on="v", how="left").sort("i")["row"].cast(pl.Int64).fill_null(-1)
    return np.asarray(found.to_numpy(), dtype=np.int64)


_SEED = 0x5E5D

# -- ids matched by sorting hashes -----------------------------------------------------------------

U64 = npt.NDArray[np.uint64]
Same = Callable[[I64, I64], B1]
"""Whether the values at two lists of rows are equal, pair by pair (rows of the cases or events)."""
_LONGEST = 64
"""Text ids longer than this many bytes are matched by the library's own hash table instead."""
_MIX1, _MIX2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_ONES = np.uint64(0xFFFFFFFFFFFFFFFF)


class _Undecided:
    """The hashes cannot settle it (many ids share a hash prefix): match in the library instead."""


def _mix(h: U64) -> U64:
    """Spread the bits of ``h`` (MurmurHash3's finaliser, a bijection of uint64), in place."""
    h ^= h >> np.uint64(33)
    h *= _MIX1
    h ^= h >> np.uint64(33)
    h *= _MIX2
    h ^= h >> np.uint64(33)
    return h


class _Texts:
    """A pyarrow string or large-string array read from its buffers: each text's start and length
    in bytes, and its bytes 8 at a time (unaligned reads, zero past the text's end)."""

    def __init__(self, arr: Any) -> None:
        import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter

        self.arr = arr  # keeps the buffers alive
        n = len(arr)
        off_type = np.int64 if pa.types.is_large_string(arr.type) else np.int32
        _, off_buf, data_buf = arr.buffers()
        offs = np.frombuffer(
            off_buf, dtype=off_type, count=n + 1, offset=arr.offset * np.dtype(off_type).itemsize
        ) if n else np.zeros(1, dtype=np.int64)  # fmt: skip
        self.start = offs[:-1].astype(np.int64)
        self.lens = np.diff(offs).astype(np.int64)
        self.size = size = 0 if data_buf is None else data_buf.size
        self.words: U64 = (  # the 8 bytes from each byte on
            np.ndarray(shape=(size - 7,), dtype="<u8", buffer=data_buf, strides=(1,))
            if size >= 8
            else np.zeros(0, dtype=np.uint64)
        )
        self.tail_from = lo = max(size - 8, 0)  # the last bytes, padded with zeros
        tail = np.zeros(16, dtype=np.uint8)
        if size:
            tail[: size - lo] = np.frombuffer(data_buf, dtype=np.uint8, count=size - lo, offset=lo)
        self.tail: U64 = np.ndarray(shape=(9,), dtype="<u8", buffer=tail, strides=(1,))

    def block(self, rows: I64 | None, j: int) -> U64:
        """Bytes ``j`` to ``j + 8`` of the texts in ``rows`` (all when ``None``), each a non-empty
        text's own (zero past its end)."""
        p = self.start + j if rows is None else self.start[rows] + j
        rest = self.lens - j if rows is None else self.lens[rows] - j
        near_end = p > self.size - 8
        if near_end.any():
            w = self.words[np.where(near_end, 0, p)] if self.words.size else np.zeros(p.size, dtype=np.uint64)
            w[near_end] = self.tail[p[near_end] - self.tail_from]
        else:
            w = self.words[p]
        w &= _ONES >> (np.uint64(64) - np.clip(rest, 0, 8).astype(np.uint64) * np.uint64(8))
        return w

    def hashes(self) -> U64 | None:
        """64-bit hashes of the texts (equal texts, equal hashes); ``None`` when one is longer
        than :data:`_LONGEST` bytes."""
        lens = self.lens
        longest = int(lens.max(initial=0))
        if longest > _LONGEST:
            return None
        h = lens.astype(np.uint64)
        h *= _MIX2
        for j in range(0, longest, 8):
            sel = None if int(lens.min()) > j else np.flatnonzero(lens > j)
            w = self.block(sel, j)
            if sel is None:
                h ^= w
                _mix(h)
            else:
                part = h[sel]
                part ^= w
                h[sel] = _mix(part)
        return h

    def equal(self, rows: I64, other: _Texts, other_rows: I64) -> B1:
        """Whether text ``rows[k]`` here equals text ``other_rows[k]`` of ``other``, byte for byte."""
        la = self.lens[rows]
        eq: B1 = la == other.lens[other_rows]
        for j in range(0, int(la.max(initial=0)), 8):
            sel = np.flatnonzero(eq & (la > j))
            eq[sel] = self.block(rows[sel], j) == other.block(other_rows[sel], j)
        return eq


def _keys(
    kind: str, col: Any, other_kind: str | None, ocol: Any
) -> tuple[U64, B1, U64, B1, Same, Callable[[I64, I64], B1]] | None:
    """Hashes and missing values of the case ids and the events' ids, and the exact equality of
    two case rows and of an event and a case row — for text ids held by Arrow (pyarrow, pandas'
    Arrow strings) or polars, and integer ids; ``None`` for any other column."""
    if other_kind is not None and other_kind != kind and {kind, other_kind} != {"pandas", "pyarrow"}:
        return None
    if kind == "polars":
        return _polars_keys(col, ocol)
    arrow = _arrow_of(kind, col)
    oarrow = None if ocol is None else _arrow_of(other_kind or kind, ocol)
    if arrow is None or (ocol is not None and oarrow is None):
        return None
    return _arrow_keys(arrow, oarrow)


def _arrow_of(kind: str, col: Any) -> Any:
    """The column as one pyarrow array when it holds text or integers, else ``None``."""
    import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter

    if kind == "pandas":
        import pandas as pd  # noqa: PLC0415 - the pandas adapter

        text = isinstance(col.array, pd.arrays.ArrowStringArray) or (
            isinstance(col.dtype, pd.ArrowDtype)
            and (
                pa.types.is_string(col.dtype.pyarrow_dtype)
                or pa.types.is_large_string(col.dtype.pyarrow_dtype)
            )
        )
        if not (text or pd.api.types.is_signed_integer_dtype(col.dtype)):  # numpy's or pandas' integers
            return None
        arr = pa.array(col.array)
    elif kind == "pyarrow":
        arr = col
    else:
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_signed_integer(t):
        return arr
    return None


def _arrow_keys(arr: Any, other: Any) -> tuple[U64, B1, U64, B1, Same, Callable[[I64, I64], B1]] | None:
    import pyarrow as pa  # noqa: PLC0415 - the pyarrow adapter
    import pyarrow.compute as pc  # noqa: PLC0415

    def is_text(a: Any) -> bool:
        return bool(pa.types.is_string(a.type) or pa.types.is_large_string(a.type))

    text = is_text(arr)
    if other is not None and text != is_text(other):
        return None  # text and numbers: never equal in Python, matched the slow way
    missing = np.asarray(arr.is_null(), dtype=bool)
    other_missing = np.zeros(0, dtype=bool) if other is None else np.asarray(other.is_null(), dtype=bool)
    if text:
        texts = _Texts(arr)
        other_texts = texts if other is None else _Texts(other)
        h = texts.hashes()
        g = np.zeros(0, dtype=np.uint64) if other is None else other_texts.hashes()
        if h is None or g is None:
            return None

        def same(a: I64, b: I64) -> B1:
            return texts.equal(a, texts, b)

        def same_event(e: I64, r: I64) -> B1:
            return other_texts.equal(e, texts, r)

        return h, missing, g, other_missing, same, same_event
    values = np.asarray(pc.fill_null(arr.cast(pa.int64()), 0), dtype=np.int64)
    other_values = (
        values if other is None else np.asarray(pc.fill_null(other.cast(pa.int64()), 0), dtype=np.int64)
    )

    def same_int(a: I64, b: I64) -> B1:
        return np.asarray(values[a] == values[b])

    def same_event_int(e: I64, r: I64) -> B1:
        return np.asarray(other_values[e] == values[r])

    return (
        _mix(values.view(np.uint64).copy()), missing,
        np.zeros(0, dtype=np.uint64) if other is None else _mix(other_values.view(np.uint64).copy()),
        other_missing, same_int, same_event_int,
    )  # fmt: skip


def _polars_keys(col: Any, other: Any) -> tuple[U64, B1, U64, B1, Same, Callable[[I64, I64], B1]] | None:
    import polars as pl  # noqa: PLC0415 - the polars adapter

    if other is not None and other.dtype != col.dtype:
        return None
    if not (col.dtype == pl.String or col.dtype.is_integer()):
        return None
    other = col.clear() if other is None else other

    def same(x: Any, y: Any) -> Callable[[I64, I64], B1]:
        def equal(i: I64, j: I64) -> B1:
            return np.asarray((x.gather(i) == y.gather(j)).fill_null(False).to_numpy(), dtype=bool)

        return equal

    return (
        col.hash(_SEED).to_numpy(), col.is_null().to_numpy(), other.hash(_SEED).to_numpy(),
        other.is_null().to_numpy(), same(col, col), same(other, col),
    )  # fmt: skip


def _sorted_keys(h: U64, present: B1, low: np.uint64, shift: int) -> tuple[U64, I64]:
    """The hashes ``h`` where ``present``, each with its row's number in the low bits, sorted: the
    high bits of each (sorted) and the row each came from."""
    rows = np.flatnonzero(present)
    keys = h[rows]
    keys &= ~low
    keys |= rows.astype(np.uint64)
    del rows
    keys.sort()
    row = (keys & low).astype(np.int64)
    keys >>= np.uint64(shift)
    return keys, row


def _sorted_match(  # noqa: PLR0917 - the two columns' hashes, missing values and equalities
    h: U64, missing: B1, g: U64, g_missing: B1, same: Same, same_event: Callable[[I64, I64], B1]
) -> tuple[B1, I64] | _Undecided | None:
    """:meth:`Columns.unique_rows` from hashes: ``h`` and ``missing`` of the case ids, ``g`` and
    ``g_missing`` of the events' ids; ``same(a, b)`` tells whether case rows hold equal ids,
    ``same_event(e, r)`` whether event ``e``'s id is case row ``r``'s.

    Each hash keeps its high bits and takes its row's number in the low ones; one sort then puts
    equal hashes side by side, and a run of equal high bits is checked on the values (equal
    values: a repeated id; otherwise two ids that share a prefix). The events' keys are sorted the
    same way and found by a merge-like search, each match checked on the values.
    """
    n, m = h.size, g.size
    shift = max(n, m, 1).bit_length()
    low = np.uint64((1 << shift) - 1)
    keys, case_row = _sorted_keys(h, ~missing, low, shift)  # the high bits of each case's hash, sorted
    if keys.size > 1:
        pair = np.flatnonzero(keys[1:] == keys[:-1])
        if pair.size:
            if same(case_row[pair], case_row[pair + 1]).any():
                return None  # a repeated id
            if (np.diff(pair) == 1).any():
                return _Undecided()  # three ids or more share a prefix: not worth it
    found = np.full(m, -1, dtype=np.int64)
    if g_missing.all() or not keys.size:
        return missing, found
    ekeys, event = _sorted_keys(g, ~g_missing, low, shift)
    at = np.searchsorted(keys, ekeys, side="left")  # sorted queries: a merge
    candidate = np.full(m, -1, dtype=np.int64)
    for step in (0, 1):  # a prefix is shared by at most two case ids (checked above)
        k = at + step
        hit = np.flatnonzero(k < keys.size)
        hit = hit[keys[k[hit]] == ekeys[hit]]
        if not hit.size:
            continue
        candidate[event[hit]] = case_row[k[hit]]  # checked in the events' order (reads in order)
        asked = np.flatnonzero(candidate >= 0)
        rows = candidate[asked]
        equal = same_event(asked, rows)
        found[asked[equal]] = rows[equal]
        candidate[asked] = -1
    return missing, found


def _chunks(pa: Any, col: Any) -> list[Any]:
    return list(col.chunks) if isinstance(col, pa.ChunkedArray) else [col]


def _pandas_column(kind: str, arr: Any, tz: str) -> Any:
    import pandas as pd  # noqa: PLC0415

    if kind == "instant":
        return pd.Series(arr.view("datetime64[us]"), copy=False).dt.tz_localize("UTC").dt.tz_convert(tz)
    if kind == "duration":
        return pd.Series(arr.view("timedelta64[us]"), copy=False)
    if kind == "category":
        codes, labels = arr
        return pd.Series(pd.Categorical.from_codes(codes, categories=labels), copy=False)
    if kind == "column":
        return arr
    return pd.Series(arr, copy=False)


def _polars_column(kind: str, arr: Any, tz: str) -> Any:
    """A polars column over the numpy array itself where polars can (numbers, instants, durations)."""
    import polars as pl  # noqa: PLC0415

    if kind == "instant":
        s = pl.Series(arr).cast(pl.Datetime("us"))
        if arr.size and int(arr.min()) == NAT:  # nulls by a validity mask over the same values
            s = pl.select(pl.when(pl.Series(arr == NAT)).then(None).otherwise(s)).to_series()
        return s.dt.replace_time_zone("UTC").dt.convert_time_zone(tz)
    if kind == "duration":
        return pl.Series(arr).cast(pl.Duration("us"))
    if kind == "category":
        codes, labels = arr
        return pl.Series(labels, dtype=pl.Enum(labels)).gather(codes)
    if kind == "column":
        return arr
    return pl.Series(arr)


def _arrow_column(kind: str, arr: Any, tz: str) -> Any:
    """An Arrow column over the numpy array's own buffer (Arrow reads numbers without a copy)."""
    import pyarrow as pa  # noqa: PLC0415

    if kind == "instant":
        mask = arr == NAT if arr.size and int(arr.min()) == NAT else None
        return pa.array(arr, type=pa.int64(), mask=mask).cast(pa.timestamp("us", tz=tz))
    if kind == "duration":
        return pa.array(arr, type=pa.int64()).cast(pa.duration("us"))
    if kind == "category":
        codes, labels = arr
        return pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(labels, type=pa.string()))
    if kind == "column":
        return arr
    return pa.array(arr)
