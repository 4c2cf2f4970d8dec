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

        One hash pass in the table's own library (the case ids and the events' ids); values match
        when the libraries call them equal (columns of different types: when Python does).
        """
        col = self._column(name)
        ocol = None if other is None else other._column(other_name)
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
