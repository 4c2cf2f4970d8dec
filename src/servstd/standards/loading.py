"""Reading and writing standard documents (YAML, JSON, TOML) and their JSON Schema.

>>> from servstd.standards import dump, parse_standard
>>> s = parse_standard('''
... id: demo
... title: 前台服务检查
... scheme: deduction
... max_points: 10
... defaults: {deduct: 0.5, per: 处}
... sections:
...   - id: A
...     title: 仪容仪表
...     max_points: 10
...     items:
...       - {code: A1, text: 上班时间必须穿着工作服}
... ''')
>>> s.item("A1").deduct, s.item("A1").per.label()
(Decimal('0.5'), '处')
>>> parse_standard(dump(s)) == s and parse_standard(dump(s, "json")) == s
True

:func:`read_standard` reads a file (``.yaml``/``.yml``, ``.json`` or ``.toml`` by its suffix),
:func:`parse_standard` reads text. Numbers are exact: Decimals are written as quoted text and
read back digit for digit, and a version is text (``version: 1.10`` is ``"1.10"``). An
exported standard starts with ``kind: standard``, which both accept.

>>> dump(s).splitlines()[:4]
['kind: standard', 'id: demo', 'title: 前台服务检查', "version: '1'"]
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any

import yaml

from servstd._decimal import exact
from servstd._deprecation import replaced
from servstd._documents import named, parse_document, read_document, read_path, validate
from servstd._extras import require
from servstd.errors import InputTypeError, InputValueError
from servstd.standards._document import StandardDoc, raw_problems, to_data, to_domain
from servstd.standards.standard import Standard

__all__ = ["dump", "json_schema", "load", "load_data", "parse_standard", "read_standard"]


@exact
def load_data(data: Any, source: str = "<data>") -> Standard:
    """Validate already-parsed data (a dict) as a standard document."""
    doc = validate(StandardDoc, data, source, raw_problems)
    return to_domain(doc, source)


@exact
def read_standard(path: str | PathLike[str], *, format: str | None = None) -> Standard:
    """The standard in the file ``path``: YAML (``.yaml``/``.yml``, the default), ``.json`` or
    ``.toml`` by its suffix, unless ``format`` says which.

    Every problem is reported at once, in one :class:`~servstd.errors.DocumentError`, each with
    its path inside the document (``sections[2].items[5].deduct``).
    """
    data, source = read_path(path, format, text_reader="parse_standard")
    with named("path"):
        return load_data(data, source)


@exact
def parse_standard(text: str, *, format: str | None = None) -> Standard:
    """The standard in ``text``: YAML (or JSON when it starts with ``{``); ``format="toml"`` for
    TOML. Problems are reported as by :func:`read_standard`."""
    data, source = parse_document(text, format, file_reader="read_standard")
    with named("text"):
        return load_data(data, source)


@replaced("servstd.standards.load", "servstd.standards.read_standard(path) or parse_standard(text)")
@exact
def load(path_or_text: str | Path, *, format: str | None = None) -> Standard:
    """Deprecated; use :func:`read_standard` (a file) or :func:`parse_standard` (text); this guesses
    which from the suffix."""
    data, source = read_document(path_or_text, format)
    return load_data(data, source)


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    """Decimals are written as quoted text, so every YAML reader keeps every digit."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", format(value, "f"), style="'")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _str)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@exact
def dump(standard: Standard, format: str = "yaml") -> str:
    """Write a standard as ``"yaml"``, ``"json"`` or ``"toml"`` text that :func:`parse_standard`
    reads back equal."""
    data = to_data(standard)
    if format == "yaml":
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    if format == "json":
        return json.dumps(_plain(data), ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        require("writing TOML", "toml")
        import tomli_w  # noqa: PLC0415 - optional: servstd[toml]

        text: str = tomli_w.dumps(_plain(data))
        return text
    if not isinstance(format, str):
        raise InputTypeError(format, "format", "'yaml', 'json' or 'toml'")
    raise InputValueError(format, "format", ("yaml", "json", "toml"))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of standard documents, for editors that validate YAML as you type."""
    schema = StandardDoc.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "servstd standard document"
    return schema
