"""Plain data and pydantic schemas for servstd's values, both read from their attrs fields.

Every public result and domain value derives from :class:`Shaped`. ``value.to_dict(lang)`` is
JSON-safe data, and pydantic reads the same shape through ``__get_pydantic_core_schema__``, so
``pydantic.TypeAdapter(T).dump_python(value, mode="json") == value.to_dict()``,
``TypeAdapter(T).json_schema()`` describes it and FastAPI's ``response_model=T`` works. Nothing
is written per class: the shape follows from each field's annotation.

==========================  ===========================================================
field type                  written as
==========================  ===========================================================
``str``, ``int``, ``bool``  as it is (``None`` as ``null``; every key is always present)
``Decimal``                 text that keeps its places, never an exponent: ``"73.00"``
``Fraction``                exact decimal text (``"0.5"``), else ``"1/3"``
``datetime``                ISO 8601 with its offset: ``"2026-10-10T18:00:00+08:00"``
``date``, ``time``          ISO 8601: ``"2026-10-10"``, ``"17:00:00"``
``timedelta``               ``{"iso": "PT1H30M", "seconds": 5400}`` (whole seconds, toward zero)
an enumeration              its value: ``"holiday"``
``tuple``, ``frozenset``    a list (a frozenset sorted)
``Sequence``                a list, in order (a lazy sequence is read then)
another servstd value       its own ``to_dict(lang)``
==========================  ===========================================================

Fields whose name starts with ``_`` hold a value's internal form (an explanation in both languages,
say); the class lists in ``_json_extra`` what to write for them, rendered in ``lang`` (``"zh"``,
the default, or ``"en"``; pydantic takes it from ``context={"lang": "en"}``). A class that is one
variant of several names itself in ``_json_type`` (written first, as ``"type"``).

>>> import datetime as dt
>>> from decimal import Decimal
>>> import attrs
>>> @attrs.frozen
... class Sample(Shaped):
...     at: dt.datetime
...     points: Decimal
...     wait: dt.timedelta
>>> tz = dt.timezone(dt.timedelta(hours=8))
>>> Sample(dt.datetime(2026, 10, 10, 18, tzinfo=tz), Decimal("73.00"), dt.timedelta(hours=1, minutes=30)).to_dict()
{'at': '2026-10-10T18:00:00+08:00', 'points': '73.00', 'wait': {'iso': 'PT1H30M', 'seconds': 5400}}
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import sys
import threading
import types
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Union, get_args, get_origin

import attrs

from servstd._lang import Lang, check_lang

if TYPE_CHECKING:
    from decimal import Decimal
    from fractions import Fraction

    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

__all__ = ["Extra", "Shaped", "decimal_text", "duration_data"]

Encoder = Callable[[Any, Lang], Any]
Extra = tuple[str, Any, Callable[[Any, Lang], Any]]
"""An entry written after the fields: its key, its type (read like a field's) and how to get it."""

_DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
_FRACTION = r"^-?[0-9]+((\.[0-9]+)|(/[0-9]+))?$"


def decimal_text(v: Decimal) -> str:
    """``v`` as text that keeps its places and never uses an exponent.

    >>> from decimal import Decimal
    >>> decimal_text(Decimal("73.00")), decimal_text(Decimal("1E+2")), decimal_text(Decimal("-0.30"))
    ('73.00', '100', '-0.30')
    """
    return format(v, "f")


def _fraction_text(v: Fraction) -> str:
    """Exact decimal text when there is one (``"0.5"``), else ``"p/q"``."""
    if v.denominator == 1:
        return str(v.numerator)
    d = v.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return f"{v.numerator}/{v.denominator}"
    from decimal import Decimal  # noqa: PLC0415 - decimal loads when a value needs it

    return decimal_text(Decimal(v.numerator) / Decimal(v.denominator))


def _iso(td: dt.timedelta) -> str:
    """ISO 8601 for an elapsed time, in hours, minutes and seconds (a day is not always 24 h)."""
    us = td // dt.timedelta(microseconds=1)
    sign, us = ("-", -us) if us < 0 else ("", us)
    h, rest = divmod(us, 3_600_000_000)
    m, rest = divmod(rest, 60_000_000)
    s, frac = divmod(rest, 1_000_000)
    out = f"{h}H" if h else ""
    out += f"{m}M" if m else ""
    if s or frac or not out:
        out += f"{s}.{frac:06d}".rstrip("0") + "S" if frac else f"{s}S"
    return f"{sign}PT{out}"


def duration_data(td: dt.timedelta) -> dict[str, Any]:
    """An elapsed time as ISO 8601 plus whole seconds (toward zero; the ISO text is exact).

    >>> duration_data(dt.timedelta(days=-1, hours=22, microseconds=500_000))
    {'iso': '-PT1H59M59.5S', 'seconds': -7199}
    """
    us = td // dt.timedelta(microseconds=1)
    whole = abs(us) // 1_000_000
    return {"iso": _iso(td), "seconds": whole if us >= 0 else -whole}


def _is_union(origin: Any) -> bool:
    return origin is Union or origin is types.UnionType


def _encoder(tp: Any) -> Encoder:
    """How a value of type ``tp`` is written (see the module's table)."""
    from decimal import Decimal  # noqa: PLC0415 - not at import: `servstd workday` writes no Decimal
    from fractions import Fraction  # noqa: PLC0415

    origin, args = get_origin(tp), get_args(tp)
    if _is_union(origin):
        choices = [(get_origin(a) or a, _encoder(a)) for a in args if a is not type(None)]
        if len(choices) == 1:
            enc = choices[0][1]
            return lambda v, lang: None if v is None else enc(v, lang)

        def either(v: Any, lang: Lang) -> Any:
            if v is None:
                return None
            return next(e for t, e in choices if isinstance(v, t))(v, lang)

        return either
    if origin is Literal or tp in (str, int, bool, type(None), Any):
        return lambda v, lang: v
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _encoder(args[0])
            return lambda v, lang: [each(x, lang) for x in v]
        encs = [_encoder(a) for a in args]
        return lambda v, lang: [e(x, lang) for e, x in zip(encs, v, strict=True)]
    if origin is frozenset:
        each = _encoder(args[0])
        return lambda v, lang: [each(x, lang) for x in sorted(v)]
    if origin is Sequence:  # a lazy sequence (columns until read): written as a list
        each = _encoder(args[0])
        return lambda v, lang: [each(x, lang) for x in v]
    simple: dict[Any, Encoder] = {
        Decimal: lambda v, lang: decimal_text(v),
        Fraction: lambda v, lang: _fraction_text(v),
        dt.datetime: lambda v, lang: v.isoformat(),
        dt.date: lambda v, lang: v.isoformat(),
        dt.time: lambda v, lang: v.isoformat(),
        dt.timedelta: lambda v, lang: duration_data(v),
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda v, lang: v.value
    if isinstance(tp, type) and issubclass(tp, Shaped):
        return lambda v, lang: v.to_dict(lang)
    raise TypeError(f"no JSON form for {tp!r}")  # a new field type: add it to the table above


def _hints(cls: type) -> dict[str, Any]:
    """The type of each written field (public, not skipped): its annotation (the class's own source
    text, as ``typing.get_type_hints`` reads it) evaluated in the module of the class declaring it
    (where ``Decimal`` and ``Fraction`` are known even if that module imports them only for type
    checking)."""
    from decimal import Decimal  # noqa: PLC0415 - as in _encoder
    from fractions import Fraction  # noqa: PLC0415

    known = {"Decimal": Decimal, "Fraction": Fraction}
    skip: frozenset[str] = getattr(cls, "_json_skip", frozenset())
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        if not attrs.has(klass):
            continue
        scope = {**known, **vars(sys.modules[klass.__module__]), klass.__name__: klass}
        for f in attrs.fields(klass):
            if not f.inherited and not f.name.startswith("_") and f.name not in skip:
                hints[f.name] = eval(f.type, scope) if isinstance(f.type, str) else f.type
    return hints


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Any], ...]:
    """The (key, type) of each entry ``cls`` writes, in order: its type tag, fields, extras."""
    hints = _hints(cls)
    out: list[tuple[str, Any]] = []
    tag = cls.__dict__.get("_json_type", "")
    if tag:
        out.append(("type", Literal[tag]))
    skip: frozenset[str] = getattr(cls, "_json_skip", frozenset())
    out += [
        (f.name, hints[f.name])
        for f in attrs.fields(cls)
        if not f.name.startswith("_") and f.name not in skip
    ]
    out += [(key, tp) for key, tp, _ in getattr(cls, "_json_extra", ())]
    if len({key for key, _ in out}) != len(out):
        raise TypeError(f"{cls.__name__}: two entries of its JSON form share a key")  # a class's mistake
    return tuple(out)


class Shaped:
    """A value with a JSON form (``to_dict``) and a pydantic schema, both from its attrs fields."""

    __slots__ = ()

    _json_type: ClassVar[str] = ""
    _json_skip: ClassVar[frozenset[str]] = frozenset()
    _json_extra: ClassVar[tuple[Extra, ...]] = ()

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """JSON-safe data (see :mod:`servstd._schema` for how each type is written), with any text
        the library renders in ``lang`` (``"zh"``, the default, or ``"en"``)."""
        lang = check_lang(lang)
        cls: type = type(self)
        return {key: encode(get(self, lang), lang) for key, get, encode in _writers(cls)}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """pydantic's view: an instance of ``cls`` (never built from data), written by
        :meth:`to_dict`; ``lang`` comes from the serialisation context (``{"lang": "en"}``)."""
        # pydantic is asking, so pydantic_core is loaded; servstd's time layer never loads it itself
        from pydantic_core import core_schema  # noqa: PLC0415

        ref = f"{cls.__module__}.{cls.__qualname__}"
        building = _building()
        if cls in building:
            return core_schema.definition_reference_schema(ref)
        building.add(cls)
        try:
            shape = _shape(cls, handler)
        finally:
            building.discard(cls)
        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_after_validator_function(_not_read, shape),
            python_schema=core_schema.is_instance_schema(cls),
            ref=ref,
            serialization=core_schema.plain_serializer_function_ser_schema(_serialise, info_arg=True),
        )


def _not_read(data: Any) -> Any:
    raise ValueError("servstd values are computed by the library, not read back from JSON")


@functools.cache
def _writers(cls: type) -> tuple[tuple[str, Encoder, Encoder], ...]:
    """For each entry of ``cls``'s JSON form: its key, how to read it, how to write it."""
    tag = cls.__dict__.get("_json_type", "")
    getters: dict[str, Encoder] = {key: fn for key, _, fn in getattr(cls, "_json_extra", ())}
    if tag:
        getters["type"] = lambda v, lang: tag
    return tuple(
        (key, getters.get(key) or functools.partial(_field, key), _encoder(tp)) for key, tp in _plan(cls)
    )


def _field(name: str, value: Any, lang: Lang) -> Any:
    return getattr(value, name)


_local = threading.local()


def _building() -> set[type]:
    """The classes whose schema this thread is building (a recursive type refers to itself)."""
    if not hasattr(_local, "building"):
        _local.building = set()
    found: set[type] = _local.building
    return found


def _serialise(value: Shaped, info: Any) -> dict[str, Any]:
    context = info.context
    lang = context.get("lang", "zh") if isinstance(context, Mapping) else "zh"
    return value.to_dict(check_lang(lang))


def _leaves(cls: type) -> list[type]:
    subs: list[type] = [s for s in cls.__subclasses__() if attrs.has(s) or s.__subclasses__()]  # type: ignore[var-annotated]
    if not subs:
        return [cls]
    return [leaf for s in subs for leaf in _leaves(s)]


def _shape(cls: type, handler: GetCoreSchemaHandler) -> CoreSchema:
    """The core schema of ``cls.to_dict()``'s data: a typed dict of its entries, or for a base
    of several variants (a duration) the union of theirs, told apart by ``type``."""
    from pydantic_core import core_schema  # noqa: PLC0415 (see __get_pydantic_core_schema__)

    if not attrs.has(cls):
        variants = [v for v in _leaves(cls) if v is not cls]
        choices: list[CoreSchema | tuple[CoreSchema, str]] = [handler.generate_schema(v) for v in variants]
        return core_schema.union_schema(choices)
    fields = {key: core_schema.typed_dict_field(_core(tp, handler)) for key, tp in _plan(cls)}
    return core_schema.typed_dict_schema(fields, cls_name=cls.__name__, extra_behavior="forbid", total=True)


def _core(tp: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
    """The core schema describing how a value of type ``tp`` is written."""
    from decimal import Decimal  # noqa: PLC0415 - as in _encoder
    from fractions import Fraction  # noqa: PLC0415

    from pydantic_core import core_schema  # noqa: PLC0415 (see __get_pydantic_core_schema__)

    origin, args = get_origin(tp), get_args(tp)
    if _is_union(origin):
        choices = [_core(a, handler) for a in args if a is not type(None)]
        one = choices[0] if len(choices) == 1 else core_schema.union_schema(list(choices))
        return core_schema.nullable_schema(one) if type(None) in args else one
    if origin is Literal:
        return core_schema.literal_schema(list(args))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return core_schema.list_schema(_core(args[0], handler))
        return core_schema.tuple_schema([_core(a, handler) for a in args])
    if origin is frozenset or origin is Sequence:
        return core_schema.list_schema(_core(args[0], handler))
    simple: dict[Any, Callable[[], CoreSchema]] = {
        str: core_schema.str_schema,
        int: core_schema.int_schema,
        bool: core_schema.bool_schema,
        type(None): core_schema.none_schema,
        Any: core_schema.any_schema,
        Decimal: lambda: core_schema.str_schema(pattern=_DECIMAL),
        Fraction: lambda: core_schema.str_schema(pattern=_FRACTION),
        dt.datetime: core_schema.datetime_schema,
        dt.date: core_schema.date_schema,
        dt.time: core_schema.time_schema,
        dt.timedelta: lambda: core_schema.typed_dict_schema(
            {
                "iso": core_schema.typed_dict_field(core_schema.str_schema()),
                "seconds": core_schema.typed_dict_field(core_schema.int_schema()),
            },
            cls_name="Elapsed",
            extra_behavior="forbid",
        ),
    }
    if tp in simple:
        return simple[tp]()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return core_schema.literal_schema([m.value for m in tp])
    return handler.generate_schema(tp)
