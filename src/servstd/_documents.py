"""The document edge shared by every document kind: reading YAML/JSON/TOML text and turning
pydantic's errors into path-named :class:`~servstd.errors.Problem` lists.

What a document may contain, whatever its kind:

* YAML (read with libyaml's ``CSafeLoader`` when PyYAML was built with it), JSON or TOML; a
  byte-order mark is accepted in all three. Files are decoded by :func:`servstd._text.read_text`
  (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030).
* Dates and times stay text (pydantic reads and checks them, so ``2026-02-30`` is a named problem).
* Numbers with a fraction are read as exact :class:`~decimal.Decimal` (``0.12345678901234567890``
  keeps every digit; ``version: 1.10`` is ``"1.10"``). Numbers in documents are finite and below
  :data:`NUMBER_LIMIT` in size; NaN and infinities are problems naming the field.
* Limits that keep a hostile file from costing minutes or gigabytes: at most :data:`MAX_DEPTH`
  levels of nesting, at most :data:`MAX_NODES` values once YAML aliases are expanded (a
  400-byte alias bomb is refused after reading its 400 bytes), text of at most
  :data:`servstd._text.MAX_BYTES`, and quoted values in messages cut to :data:`MAX_QUOTE` characters.
* A key given twice in one mapping is an error (never "the last one wins"); so is a YAML tag whose
  text does not fit it (``!!int abc``).

>>> parse_text("points: 0.12345678901234567890\\nversion: 1.10", "<text>")
{'points': Decimal('0.12345678901234567890'), 'version': Decimal('1.10')}
>>> parse_text("a: 1\\na: 2", "site.yaml")
Traceback (most recent call last):
    ...
servstd.errors.DocumentError: site.yaml: 1 problem
  - a: the key 'a' is given twice (lines 1 and 2); give each key once
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import Annotated, Any, TypeVar

import pydantic
import yaml
from yaml import events as ev
from yaml.constructor import ConstructorError

from servstd._source import Source
from servstd._text import MAX_BYTES, read_text
from servstd.errors import DocumentError, InputTypeError, InputValueError, Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "FORMATS",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_QUOTE",
    "NUMBER_LIMIT",
    "DocumentModel",
    "Number",
    "NumberText",
    "SourceDoc",
    "named",
    "number_problem",
    "parse_document",
    "parse_text",
    "pydantic_problems",
    "raw_list",
    "raw_number",
    "read_document",
    "read_path",
    "short",
    "source_of",
    "validate",
]

FORMATS = ("yaml", "json", "toml")
MAX_DEPTH = 64
"""The deepest nesting of lists and mappings a document may have."""
MAX_NODES = 2_000_000
"""The most values (scalars, lists, mappings) a document may hold once YAML aliases are expanded."""
MAX_QUOTE = 120
"""The longest quotation of a value in an error message (longer ones are cut with "…")."""
NUMBER_LIMIT = Decimal(10) ** 12
"""Numbers in documents (points, weights, measurements) are smaller than this in magnitude."""
_MAX_PLACES = 28  # decimal places a number may have


class DocumentModel(pydantic.BaseModel):
    """Base of every document model: unknown fields are errors; parsed documents are frozen."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


M = TypeVar("M", bound=pydantic.BaseModel)


def short(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` cut to ``limit`` characters (with "…" and the full length) for an error message."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


# -- numbers -----------------------------------------------------------------------------------


def number_problem(value: Decimal) -> str | None:
    """What is wrong with a number from a document, or ``None`` when it is usable.

    >>> number_problem(Decimal("NaN")), number_problem(Decimal("1e999999")) is not None
    ('must be a finite number (not NaN or infinity)', True)
    """
    if not value.is_finite():
        return "must be a finite number (not NaN or infinity)"
    if value and value.adjusted() >= 12:  # |value| >= 10^12, read without the context (no Overflow)
        return f"is too large (numbers in documents are below {NUMBER_LIMIT:,})"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_MAX_PLACES:
        return f"has more than {_MAX_PLACES} decimal places"
    return None


def _check_number(value: Decimal) -> Decimal:
    problem = number_problem(value)
    if problem is not None:
        raise ValueError(f"{short(str(value), 40)} {problem}")
    return value


Number = Annotated[Decimal, pydantic.AfterValidator(_check_number)]
"""A finite Decimal below :data:`NUMBER_LIMIT` with at most 28 decimal places."""


def _check_number_text(value: str) -> str:
    text = value.strip().lstrip("≤≥<>=").removesuffix("%")
    try:
        number = Decimal(text)
    except ArithmeticError:
        return value  # not a number (a duration such as "24小时"): read where it is used
    _check_number(number)
    return value


NumberText = Annotated[str, pydantic.AfterValidator(_check_number_text)]
"""Text that, when it is a number ("90%", "≤5", "NaN"), is a usable one (as :data:`Number`)."""


# -- sources ---------------------------------------------------------------------------------------


_PASSAGES_SCHEMA = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


class SourceDoc(DocumentModel):
    """``source`` in a document: a title, or ``{title, excerpt}`` with one passage or a list of them."""

    title: str = ""
    excerpt: Annotated[list[str], pydantic.WithJsonSchema(_PASSAGES_SCHEMA)] = []

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: Any, handler: pydantic.GetJsonSchemaHandler
    ) -> dict[str, Any]:
        """A title alone is a source too: the schema accepts a string or the mapping."""
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}

    @pydantic.model_validator(mode="before")
    @classmethod
    def _title_alone(cls, value: Any) -> Any:
        """A plain text is the title; anything else but a mapping is refused saying what is accepted."""
        if isinstance(value, str):
            return {"title": value}
        if not isinstance(value, (dict, SourceDoc)):
            raise ValueError(
                "a source is a title, or a mapping with `title` and `excerpt` (one passage or a list)"
            )
        return value

    @pydantic.field_validator("excerpt", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        """One passage may be given without a list."""
        return [value] if isinstance(value, str) else value

    @pydantic.field_validator("excerpt")
    @classmethod
    def _passages_have_text(cls, value: list[str]) -> list[str]:
        for i, passage in enumerate(value):
            if not passage.strip():
                raise ValueError(
                    f"excerpt passage {i + 1} is empty; quote the source's words, or leave it out"
                )
        return value

    @pydantic.model_validator(mode="after")
    def _excerpt_needs_a_title(self) -> SourceDoc:
        if self.excerpt and not self.title.strip():
            raise ValueError("a source with an excerpt needs a `title` naming where the passages come from")
        return self


def source_of(doc: SourceDoc) -> Source:
    """The domain value of a validated ``source``.

    >>> source_of(SourceDoc.model_validate("公司服务手册 2026版"))
    Source(title='公司服务手册 2026版', excerpts=())
    >>> source_of(SourceDoc.model_validate({"title": "《服务标准》合集", "excerpt": "第三条公平竞争,不诋毁同业。"})).excerpts
    ('第三条公平竞争,不诋毁同业。',)
    """
    return Source(doc.title, tuple(doc.excerpt))


def validate(
    model: type[M], data: Any, source: str, cross: Callable[[Any], list[Problem]] | None = None
) -> M:
    """Validate parsed data as ``model``; every problem is reported at once in a DocumentError.

    ``cross`` finds the cross-field problems (duplicate codes, pools over their parent, unknown
    references) in the raw data; when fields are wrong too, both kinds are reported together, so
    one run shows everything. (When the fields are right, the caller's own checks find them.)
    """
    try:
        return model.model_validate(data if data is not None else {})
    except pydantic.ValidationError as exc:
        problems = pydantic_problems(exc)
        if cross is not None:
            problems += cross(data)
        raise DocumentError(source, problems) from None
    except RecursionError:  # a self-referencing YAML structure that slipped past the checks
        raise DocumentError(source, [Problem("", "the document refers to itself")]) from None


# -- YAML ----------------------------------------------------------------------------------------

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLOAT_SEP = re.compile(r"[_]")


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader (libyaml when available) that leaves dates and times as text, reads floats
    as exact Decimals, refuses duplicate keys and reports a tag its text does not fit."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[Problem] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # unhashable: the loader reports it
                continue
            if first is None:
                seen[key] = line
                continue
            self.duplicates.append(
                Problem(
                    short(str(key), 60),
                    f"the key {short(repr(key), 60)} is given twice (lines {first} and {line}); give each key once",
                )
            )
        data: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return data

    def _checked(self, node: yaml.ScalarNode, what: str, construct: Any) -> Any:
        try:
            return construct(self, node)
        except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as exc:
            raise ConstructorError(
                None,
                None,
                f"cannot read {short(repr(node.value), 60)} as {what} ({type(exc).__name__})",
                node.start_mark,
            ) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value: int = self._checked(node, "!!int", yaml.SafeLoader.construct_yaml_int)
        return value

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        value: bool = self._checked(node, "!!bool (true/false)", yaml.SafeLoader.construct_yaml_bool)
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        return self._checked(node, "!!timestamp", yaml.SafeLoader.construct_yaml_timestamp)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Decimal:
        value: Decimal = self._checked(node, "!!float", _yaml_decimal)
        return value


def _yaml_decimal(loader: Any, node: yaml.ScalarNode) -> Decimal:
    """A YAML 1.1 float as an exact Decimal (``.inf``/``.nan`` kept; the model refuses them)."""
    text = _FLOAT_SEP.sub("", str(loader.construct_scalar(node))).lower()
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text == ".inf":
        return Decimal(sign) * Decimal("Infinity")
    if text == ".nan":
        return Decimal("NaN")
    if ":" in text:  # sexagesimal, 190:20:30.15
        value = Decimal(0)
        for part in text.split(":"):
            value = value * 60 + Decimal(part)
        return sign * value
    try:
        return sign * Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


for _tag, _method in (
    ("tag:yaml.org,2002:int", _Loader.construct_yaml_int),
    ("tag:yaml.org,2002:bool", _Loader.construct_yaml_bool),
    ("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp),
    ("tag:yaml.org,2002:float", _Loader.construct_yaml_float),
):
    _Loader.add_constructor(_tag, _method)

_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _scan_yaml(text: str) -> None:
    """Walk the parser's events (libyaml: no recursion) and refuse deep nesting and alias bombs.

    Raises ``_LimitError`` with the problem; syntax errors are left to the loader that follows.
    """
    sizes: dict[str, int] = {}  # anchor → values it stands for, aliases expanded
    stack: list[list[Any]] = [[0, None]]  # open collections: [values so far, anchor]
    total = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, ev.CollectionStartEvent):
            if len(stack) > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark is not None else "?"
                raise _LimitError(f"nested more than {MAX_DEPTH} levels deep (line {line})")
            stack.append([1, event.anchor])
            total += 1
        elif isinstance(event, ev.CollectionEndEvent):
            size, anchor = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
            stack[-1][0] += size
        elif isinstance(event, ev.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            stack[-1][0] += 1
            total += 1
        elif isinstance(event, ev.AliasEvent):
            n = sizes.get(event.anchor or "")
            if n is None:
                if any(a == event.anchor for _, a in stack):
                    raise _LimitError(f"the alias *{event.anchor} refers to a value that contains it")
                continue  # an undefined alias: the loader reports it
            stack[-1][0] += n
            total += n
        if total > MAX_NODES:
            raise _LimitError(f"more than {MAX_NODES:,} values once aliases are expanded")


class _LimitError(Exception):
    pass


def _load_yaml(text: str, source: str) -> Any:
    _scan_yaml(text)
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    if loader.duplicates:
        raise DocumentError(source, loader.duplicates)
    return data


# -- JSON and TOML -------------------------------------------------------------------------------


class _JsonPairs:
    """``object_pairs_hook`` that records duplicate keys instead of keeping the last."""

    def __init__(self) -> None:
        self.duplicates: list[Problem] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                self.duplicates.append(
                    Problem(short(k, 60), f"the key {short(repr(k), 60)} is given twice; give each key once")
                )
            out[k] = v
        return out


def _json_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= 30 else Decimal(text)  # long ones fail the number check, named


def _check_shape(data: Any) -> None:
    """Depth and size of parsed JSON/TOML data, walked without recursion."""
    todo: list[tuple[Any, int]] = [(data, 0)]
    count = 0
    while todo:
        value, depth = todo.pop()
        count += 1
        if count > MAX_NODES:
            raise _LimitError(f"more than {MAX_NODES:,} values")
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise _LimitError(f"nested more than {MAX_DEPTH} levels deep")
            todo.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))


# -- text and files ------------------------------------------------------------------------------


def _scan_toml(text: str) -> None:
    """Refuse TOML nested more than :data:`MAX_DEPTH` levels, in one linear pass before parsing.

    The depth counted is the open arrays and inline tables plus the parts of the dotted key being
    read (a table header, a key before ``=``): an upper bound of the nesting tomllib would build.
    Strings and comments are skipped; the text is not otherwise checked (tomllib does that).
    """
    stack: list[str] = []
    in_key = True  # at the start of a line: a key or a table header comes
    header = False
    parts = 1
    i, n = 0, len(text)
    line = 1
    while i < n:
        ch = text[i]
        if ch in "\"'":
            end = _string_end(text, i)
            if end < 0:
                return  # an unterminated string: tomllib names it
            line += text.count("\n", i, end)
            i = end
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch == "\n":
            line += 1
            if not stack:
                in_key, header, parts = True, False, 1
        elif in_key and ch == ".":
            parts += 1
        elif in_key and ch == "=" and not header:
            in_key = False
        elif (
            in_key
            and ch == "["
            and not stack
            and not header
            and text[i - 1 : i] in ("", "\n", " ", "\t", "[")
        ):
            header = True
        elif in_key and ch == "]" and header:
            in_key = False
        elif not in_key and ch in "[{":
            stack.append(ch)
            if ch == "{":
                in_key, parts = True, 1
        elif not in_key and ch in "]}" and stack:
            stack.pop()
        elif not in_key and ch == "," and stack and stack[-1] == "{":
            in_key, parts = True, 1
        elif in_key and ch == "}" and stack:
            stack.pop()
            in_key = False
        if len(stack) + parts > MAX_DEPTH:
            raise _LimitError(f"nested more than {MAX_DEPTH} levels deep (line {line})")
        i += 1


def _string_end(text: str, i: int) -> int:
    """The index just past the TOML string starting at ``i`` (-1 if it never ends)."""
    quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else text[i]
    end = i + len(quote)
    while True:
        end = text.find(quote, end)
        if end < 0:
            return -1
        if quote[0] == '"' and _escaped(text, end):
            end += 1
            continue
        return end + len(quote)


def _escaped(text: str, at: int) -> bool:
    """Whether the quote at ``at`` is escaped by an odd number of backslashes before it."""
    k = at
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (at - k) % 2 == 1


def parse_text(text: str, source: str, fmt: str | None = None) -> Any:
    """Parse YAML (the default), JSON or TOML text; any problem is a DocumentError naming ``source``."""
    if not isinstance(text, str):
        raise InputTypeError(text, "text", "document text (str)")
    if fmt is not None and fmt not in FORMATS:
        raise DocumentError(
            source, [Problem("", f"unknown format {short(repr(fmt), 40)}; accepted: yaml, json, toml")]
        )
    if len(text) > MAX_BYTES:
        raise DocumentError(source, [Problem("", f"the text is longer than {MAX_BYTES:,} characters")])
    text = text.removeprefix("\ufeff")
    fmt = fmt or ("json" if text.lstrip().startswith(("{", "[")) else "yaml")
    try:
        if fmt == "json":
            pairs = _JsonPairs()
            data = json.loads(
                text,
                parse_float=Decimal,
                parse_int=_json_int,
                parse_constant=Decimal,
                object_pairs_hook=pairs,
            )
            if pairs.duplicates:
                raise DocumentError(source, pairs.duplicates)
            _check_shape(data)
            return data
        if fmt == "toml":
            _scan_toml(text)  # tomllib builds a key 100,000 levels deep before any check could run
            data = tomllib.loads(text, parse_float=Decimal)
            _check_shape(data)
            return data
        return _load_yaml(text, source)
    except DocumentError:
        raise
    except _LimitError as exc:
        raise DocumentError(source, [Problem("", f"the document is too large or too deep: {exc}")]) from None
    except RecursionError:
        raise DocumentError(source, [Problem("", f"nested more than {MAX_DEPTH} levels deep")]) from None
    except (yaml.YAMLError, ValueError) as exc:  # JSONDecodeError and TOMLDecodeError are ValueErrors
        message = str(exc).replace('"<unicode string>"', f'"{source}"').replace("<unicode string>", source)
        raise DocumentError(
            source, [Problem("", f"not valid {fmt.upper()}: {short(message, 400)}")]
        ) from None


_SUFFIX_FORMATS = {".json": "json", ".toml": "toml"}


@contextlib.contextmanager
def named(param: str) -> Iterator[None]:
    """Document errors raised inside name ``param`` as the parameter the document was given as
    (unless they name one already)."""
    try:
        yield
    except DocumentError as exc:
        if exc.param is None:
            exc.param = param
        raise


def read_path(path: object, fmt: str | None = None, *, text_reader: str) -> tuple[Any, str]:
    """The parsed document in the file ``path`` (a ``str`` or path-like) and its source name.

    The format is ``fmt``, else the suffix's (``.json``, ``.toml``), else YAML. Document text
    given as a path is refused, naming ``text_reader``, the function that reads text.
    """
    if isinstance(path, bytes):
        raise InputTypeError(path[:40], "path", "a file path (str or pathlib.Path); decode bytes first")
    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(path, "path", "a file path (str or pathlib.Path)")
    if isinstance(path, str) and ("\n" in path or len(path) > 4096):
        raise DocumentError(
            short(path.split("\n", 1)[0], 60),
            [Problem("", f"this is document text, not a file name; read text with {text_reader}(text)")],
            code="file.unreadable",
            param="path",
        )
    if fmt is not None and fmt not in FORMATS:
        raise InputValueError(fmt, "format", FORMATS)
    p = Path(os.fspath(path))
    with named("path"):
        text, encoding = read_text(p)
        fmt = fmt or _SUFFIX_FORMATS.get(p.suffix.lower(), "yaml")
        source = str(p) if encoding in ("utf-8", "utf-8-sig") else f"{p} (read as {encoding})"
        return parse_text(text, source, fmt), source


def parse_document(text: object, fmt: str | None = None, *, file_reader: str) -> tuple[Any, str]:
    """The parsed document in ``text`` (YAML, or JSON when it starts with ``{``; ``fmt`` says
    which) and its source name, ``<text>``. A path is refused, naming ``file_reader``, the
    function that reads files."""
    if isinstance(text, (PurePath, os.PathLike)):
        raise InputTypeError(text, "text", f"document text (str); read a file with {file_reader}(path)")
    if isinstance(text, bytes):
        raise InputTypeError(text[:40], "text", "document text (str); decode bytes first")
    if not isinstance(text, str):
        raise InputTypeError(text, "text", "document text (str)")
    if fmt is not None and fmt not in FORMATS:
        raise InputValueError(fmt, "format", FORMATS)
    with named("text"):
        return parse_text(text, "<text>", fmt), "<text>"


def read_document(path_or_text: str | Path, fmt: str | None = None) -> tuple[Any, str]:
    """Read a document from a path (``.yaml``/``.yml``/``.json``/``.toml``) or from text, guessing
    which from the suffix: what the deprecated ``load`` spellings do (:func:`read_path` and
    :func:`parse_document` say which they read).

    Returns the parsed data and the name of its source for error messages. Anything but a
    ``str`` or :class:`~pathlib.Path` is an :class:`~servstd.errors.InputTypeError`.
    """
    given: object = path_or_text
    if isinstance(given, bytes):
        raise InputTypeError(given[:40], "path_or_text", "a path or document text (str); decode bytes first")
    if not isinstance(given, (str, Path)):
        raise InputTypeError(given, "path_or_text", "a path or document text (str)")
    if fmt is not None and fmt not in FORMATS:
        raise DocumentError(
            str(path_or_text) if isinstance(path_or_text, Path) else "<text>",
            [Problem("", f"unknown format {short(repr(fmt), 40)}; accepted: yaml, json, toml")],
        )
    is_path = isinstance(path_or_text, Path) or (
        "\n" not in path_or_text
        and len(path_or_text) < 4096
        and path_or_text.strip().lower().endswith((".yaml", ".yml", ".json", ".toml"))
    )
    if not is_path:
        return parse_text(str(path_or_text), "<text>", fmt), "<text>"
    p = Path(path_or_text)
    text, encoding = read_text(p)
    fmt = fmt or {".json": "json", ".toml": "toml"}.get(p.suffix.lower(), "yaml")
    source = str(p) if encoding in ("utf-8", "utf-8-sig") else f"{p} (read as {encoding})"
    return parse_text(text, source, fmt), source


def pydantic_problems(exc: pydantic.ValidationError) -> list[Problem]:
    """Turn a pydantic error into path-named problems (``sections[2].items[5].deduct``)."""
    problems = []
    seen: set[str] = set()
    for err in exc.errors():
        path = ""
        for part in err["loc"]:
            if isinstance(part, int):
                path += f"[{part}]"
            elif _LABEL.match(str(part)):
                continue  # union-member labels pydantic adds: not part of the user's path
            else:
                path += ("." if path else "") + str(part)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        given = err.get("input")
        suffix = (
            f" (got {short(repr(given))})"
            if err["type"] != "missing" and not isinstance(given, (dict, list))
            else ""
        )
        if path in seen:  # the other members of a union: the first message is the useful one
            continue
        seen.add(path)
        problems.append(Problem(path, f"{short(msg, 400)}{suffix}", given))
    return problems


_LABEL = re.compile(
    r"^(?:[A-Z][A-Za-z]*Doc|str|int|float|bool|decimal|literal\[.*\]|list\[.*\]|dict\[.*\]|function-[a-z]+\[.*\])$"
)


# -- raw data, for cross-field checks before the fields are valid ---------------------------------


def raw_list(data: Any, key: str) -> list[Any]:
    """``data[key]`` when ``data`` is a mapping and it is a list, else ``[]``."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def raw_number(data: Any, key: str) -> Decimal | None:
    """``data[key]`` as a usable Decimal, or ``None``."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        return None
    try:
        number = Decimal(value)
    except ArithmeticError:
        return None
    return number if number_problem(number) is None else None
