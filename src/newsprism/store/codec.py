"""A generic codec between the records of :mod:`newsprism.records` and JSON-ready dicts.

``to_dict`` turns a record into plain dicts, lists, strings, numbers, booleans and ``None``;
``from_dict`` rebuilds the record from such data, guided by the record's type hints (nested
records, ``tuple[X, ...]``, fixed tuples such as ``tuple[int, Role]``, optional fields and
``Literal`` values). It is strict where strictness catches bugs and lenient where stored data
ages:

* an unknown key, a missing required key, or a value of the wrong type raises ``ValueError``;
* a missing key for a field with a default takes the default, so JSON stored before a field was
  added still loads;
* a record stored before spans were one :class:`~newsprism.records.Span` record (its span flat as
  ``article``/``start``/``end``, its parts as ``speaker_start``/``speaker_end``) loads as the
  record with its spans (:func:`_unflatten_spans`, the one place that knows the old shape).
"""

from __future__ import annotations

import dataclasses
import sys
import types
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from ..records import Span

T = TypeVar("T")

__all__ = ["from_dict", "to_dict"]


def to_dict(record: Any) -> dict[str, Any]:
    """The fields of the dataclass instance ``record`` as a JSON-ready dict.

    Nested records become dicts, tuples and lists become lists, ``None`` is kept. Field order
    follows the dataclass definition.
    """
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise ValueError(f"expected a dataclass instance, got {type(record).__name__}")
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    return value


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild a ``cls`` record from ``data`` as produced by :func:`to_dict` (or parsed JSON).

    Raises ``ValueError`` naming the offending path (``Article.published.how``) when ``data``
    has an unknown key, lacks a required key, or holds a value that does not fit the type hint.
    """
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise ValueError(f"expected a dataclass type, got {cls!r}")
    record: T = _decode_record(cls, data, cls.__name__)
    return record


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """Resolved type hints of a dataclass (records use postponed annotations), cached."""
    hints = _HINTS.get(cls)
    if hints is None:
        module = sys.modules.get(cls.__module__)
        hints = _HINTS[cls] = get_type_hints(cls, vars(module) if module is not None else None)
    return hints


_SPAN_FIELDS: dict[type[Any], list[tuple[str, str, str]]] = {}


def _span_fields(cls: type[Any]) -> list[tuple[str, str, str]]:
    """``(field, old start key, old end key)`` for each field of ``cls`` that holds a
    :class:`Span` (``span`` was ``start``/``end``; ``speaker_span`` was ``speaker_start``/
    ``speaker_end``), cached."""
    found = _SPAN_FIELDS.get(cls)
    if found is None:
        found = _SPAN_FIELDS[cls] = []
        for name, hint in _hints(cls).items():
            if hint is Span or (get_origin(hint) in (Union, types.UnionType) and Span in get_args(hint)):
                prefix = name.removesuffix("span")
                found.append((name, prefix + "start", prefix + "end"))
    return found


def _unflatten_spans(cls: type[Any], data: Mapping[str, Any], article: str | None) -> Mapping[str, Any]:
    """``data`` with spans stored flat by earlier versions folded into ``Span`` dicts.

    The trap: the store keeps analyses as JSON for as long as the database lives, so a record
    written before its span became a :class:`Span` field holds ``article``, ``start`` and ``end``
    at the top level and each optional part as two optional ints (``speaker_start: null``).
    Without this they would be unknown keys and a stored analysis would no longer load. A part
    whose old ints are null (or absent) is ``None``; the article of every part is the record's,
    or, for a record that never named its article (a quality flag inside an analysis), the
    enclosing record's (``article``). Only a record lacking the new key is touched, so new data
    is decoded as strictly as ever.
    """
    fields = _span_fields(cls)
    if not fields or any(name in data for name, _, _ in fields):
        return data
    old = dict(data)
    own = old.pop("article") if "article" in old and "article" not in _hints(cls) else None
    article = own if isinstance(own, str) else article
    if article is None:
        return data
    for name, start_key, end_key in fields:
        if start_key not in old and end_key not in old:
            continue
        start, end = old.pop(start_key, None), old.pop(end_key, None)
        old[name] = None if start is None or end is None else {"article": article, "start": start, "end": end}
    return old


def _decode_record(cls: type[Any], data: Any, path: str, article: str | None = None) -> Any:
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected an object, got {type(data).__name__}")
    if isinstance(data.get("article"), str):
        article = data["article"]  # the article every span below belongs to (old data)
    data = _unflatten_spans(cls, data, article)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {', '.join(map(repr, unknown))}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name in data:
            kwargs[name] = _decode(hints[name], data[name], f"{path}.{name}", article)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValueError(f"{path}: missing required key {name!r}")
    return cls(**kwargs)


def _decode(hint: Any, value: Any, path: str, article: str | None = None) -> Any:
    """``value`` converted to the type ``hint``, or ``ValueError``."""
    if hint is Any:
        return value
    if hint is None or hint is type(None):
        if value is not None:
            raise ValueError(f"{path}: expected null, got {value!r}")
        return None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _decode_record(hint, value, path, article)
    origin = get_origin(hint)
    args = get_args(hint)
    if origin is Union or origin is types.UnionType:
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _decode(arg, value, path, article)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError(errors[0] if len(errors) == 1 else f"{path}: {value!r} fits none of {hint}")
    if origin is Literal:
        for allowed in args:
            if value == allowed and type(value) is type(allowed):
                return allowed
        raise ValueError(f"{path}: {value!r} is not one of {', '.join(map(repr, args))}")
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ValueError(f"{path}: expected an array, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, f"{path}[{i}]", article) for i, item in enumerate(value))
        if len(value) != len(args):
            raise ValueError(f"{path}: expected {len(args)} items, got {len(value)}")
        return tuple(
            _decode(arg, item, f"{path}[{i}]", article)
            for i, (arg, item) in enumerate(zip(args, value, strict=True))
        )
    return _decode_scalar(hint, value, path)


def _decode_scalar(hint: Any, value: Any, path: str) -> Any:
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif hint is str:
        if isinstance(value, str):
            return value
    else:
        raise ValueError(f"{path}: cannot decode type {hint!r}")
    raise ValueError(f"{path}: expected {hint.__name__}, got {type(value).__name__}")
