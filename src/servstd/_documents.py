"""The document edge shared by every document kind: reading YAML/JSON/TOML text and turning
pydantic's errors into path-named :class:`~servstd.errors.Problem` lists."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from servstd._text import read_text
from servstd.errors import DocumentError, Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["DocumentModel", "parse_text", "pydantic_problems", "read_document", "validate"]


class DocumentModel(pydantic.BaseModel):
    """Base of every document model: unknown fields are errors; parsed documents are frozen."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


M = TypeVar("M", bound=pydantic.BaseModel)


def validate(model: type[M], data: Any, source: str) -> M:
    """Validate parsed data as ``model``; every problem is reported at once in a DocumentError."""
    try:
        return model.model_validate(data if data is not None else {})
    except pydantic.ValidationError as exc:
        raise DocumentError(source, pydantic_problems(exc)) from exc


class _Loader(yaml.SafeLoader):
    """A safe loader that leaves dates and times as text: pydantic reads and checks them, so a
    bad date (2026-02-30) becomes a named problem instead of a crash inside the YAML library."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_text(text: str, source: str, fmt: str | None = None) -> Any:
    """Parse YAML (the default), JSON or TOML text; a syntax error is a DocumentError."""
    fmt = fmt or ("json" if text.lstrip().startswith(("{", "[")) else "yaml")
    try:
        if fmt == "json":
            return json.loads(text)
        if fmt == "toml":
            return tomllib.loads(text)
        return yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DocumentError(source, [Problem("", f"not valid {fmt.upper()}: {exc}")]) from exc


def read_document(path_or_text: str | Path, fmt: str | None = None) -> tuple[Any, str]:
    """Read a document from a path (``.yaml``/``.yml``/``.json``/``.toml``) or from text.

    Returns the parsed data and the name of its source for error messages.
    """
    is_path = isinstance(path_or_text, Path) or (
        "\n" not in path_or_text and path_or_text.strip().endswith((".yaml", ".yml", ".json", ".toml"))
    )
    if not is_path:
        return parse_text(str(path_or_text), "<text>", fmt), "<text>"
    p = Path(path_or_text)
    text, _ = read_text(p)
    fmt = fmt or {".json": "json", ".toml": "toml"}.get(p.suffix.lower(), "yaml")
    return parse_text(text, str(p), fmt), str(p)


def pydantic_problems(exc: pydantic.ValidationError) -> list[Problem]:
    """Turn a pydantic error into path-named problems (``sections[2].items[5].deduct``)."""
    problems = []
    for err in exc.errors():
        path = ""
        for part in err["loc"]:
            if isinstance(part, int):
                path += f"[{part}]"
            elif str(part)[:1].isupper():
                continue  # union-member labels pydantic adds: not part of the user's path
            else:
                path += ("." if path else "") + str(part)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        given = err.get("input")
        suffix = f" (got {given!r})" if err["type"] != "missing" and not isinstance(given, dict) else ""
        problems.append(Problem(path, f"{msg}{suffix}", given))
    return problems
