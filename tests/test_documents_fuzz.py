"""Fuzz the document edge with what real files turn into: every catalog document mutated at random
(b), and real documents re-encoded and corrupted as bytes (c). Only ServstdErrors may escape."""

from __future__ import annotations

import contextlib
import copy
import tempfile
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servstd.catalog.shelf import shipped
from servstd.errors import ServstdError
from servstd.sla.policy import complaint_policy, sla_policy
from servstd.standards import load_data, read_standard
from tests.strategies import fuzz_examples

SHELF = shipped()
IDS = sorted(SHELF.ids())
LOADERS = {
    "standard": load_data,
    "procedure": load_data,  # procedures, schedules and references are standard documents of another kind
    "schedule": load_data,
    "reference": load_data,
    "sla-policy": sla_policy._from_data,
    "complaint-policy": complaint_policy._from_data,
}

odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from(
        [
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("Infinity"),
            Decimal("-Infinity"),
            Decimal("1e999999"),
            Decimal("1e-999999"),
            Decimal("0.12345678901234567890"),
            "NaN",
            "sNaN",
            "1e999999999",
            "-inf",
            "",
            "九九九天",
            "0日",
            "24:00-24:00",
            "Asia",
            "2026-02-30",
            "≤",
            "%",
            "standard",
            "sla-policy",
            "reference",
            "下月初",
            "7天/24小时",
        ]
    ),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    """A catalog document with one to four random changes: a value replaced, a key dropped or
    duplicated under a new name, a list item repeated."""
    doc_id = draw(st.sampled_from(IDS))
    data = copy.deepcopy(SHELF.data(doc_id))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        action = draw(st.sampled_from(["replace", "drop", "rename", "repeat"]))
        if action == "replace":
            parent[key] = draw(odd_values)
        elif action == "drop":
            del parent[key]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = parent.pop(key)
        elif action == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return doc_id, data


@settings(max_examples=fuzz_examples(2_000), suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_catalog_documents(case: tuple[str, Any]) -> None:
    """(b) Every catalog document, randomly mutated, loads or raises a ServstdError — nothing else."""
    doc_id, data = case
    loader = LOADERS[SHELF.kind(doc_id)]
    with contextlib.suppress(ServstdError):
        loader(data, f"mutated:{doc_id}")


ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "gb18030",
    "gbk",
    "big5",
    "latin-1",
    "shift_jis",
]
DATA = resources.files("servstd.catalog.data")
TEXTS = {i: DATA.joinpath(SHELF.files[i]).read_text("utf-8") for i in IDS}


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[bytes, str]:
    """Bytes of a real document in some encoding, with random bytes changed, cut or inserted;
    or plain random bytes. Returned with the file suffix to save them under."""
    suffix = draw(st.sampled_from([".yaml", ".json", ".toml", ".yml"]))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2_000)), suffix
    text = TEXTS[draw(st.sampled_from(IDS))]
    data = bytearray(text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace"))
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 50))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        else:
            del data[at:]
    return bytes(data), suffix


@settings(max_examples=fuzz_examples(2_000), suppress_health_check=[HealthCheck.too_slow])
@given(corrupted())
def test_corrupted_bytes(case: tuple[bytes, str]) -> None:
    """(c) Real documents as bytes in any encoding, corrupted, and random bytes: only ServstdErrors."""
    data, suffix = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"doc{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(ServstdError):
            read_standard(path)
