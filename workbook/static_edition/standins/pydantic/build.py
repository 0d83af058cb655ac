"""A type expression (with its `Field` constraints) turned into a validator.

Understood: str, int, bool, datetime.date, Literal, models, list[X], dict[K, V], TypedDict,
`X | None`, unions (plain, or tagged with `Field(discriminator=...)`) and `Annotated` with
`Field(...)` or `Strict()`. Anything else raises NotImplementedError when the model is defined.
"""

from __future__ import annotations

import datetime
import sys
import types
import typing
from typing import Annotated, Literal, get_args, get_origin

from . import containers, scalars
from .fields import FieldInfo, Strict

UNION_TYPES = (typing.Union, types.UnionType)
KINDS_OF_CONSTRAINT = {str: ("min_length", "max_length", "pattern"), int: ("ge", "le", "gt", "lt"),
                       list: ("min_length", "max_length"), dict: ("min_length", "max_length")}


def unsupported(what) -> NotImplementedError:
    return NotImplementedError(f"{what!r} is not supported by the static edition's pydantic stand-in")


def split_annotated(tp) -> tuple[object, FieldInfo, bool | None]:
    """(the bare type, its Field settings merged, its strictness) of a possibly Annotated type."""
    info, strict = FieldInfo(), None
    while get_origin(tp) is Annotated:
        for extra in tp.__metadata__:
            if isinstance(extra, FieldInfo):
                info = info.merged(extra)
            elif isinstance(extra, Strict):
                strict = extra.strict
            else:
                raise unsupported(extra)
        tp = tp.__origin__
    if info.strict is not None:
        strict = info.strict
    return tp, info, strict


def build(tp, strict: bool = False, info: FieldInfo | None = None):
    """The validator for `tp`; `strict` is the model's setting, `info` the field's own Field()."""
    bare, found, own_strict = split_annotated(tp)
    info = found if info is None else found.merged(info)
    if own_strict is not None:
        strict = own_strict
    origin = get_origin(bare)
    if origin in UNION_TYPES or info.discriminator is not None:
        return _union(bare, strict, info)
    limits = info.constraints
    allowed = KINDS_OF_CONSTRAINT.get(origin or bare, ())
    if set(limits) - set(allowed):
        raise unsupported(f"{sorted(set(limits) - set(allowed))} on {bare!r}")
    if bare is str:
        return scalars.Str(strict, **limits)
    if bare is int:
        return scalars.Int(strict, **limits)
    if bare is bool:
        return scalars.Bool(strict)
    if bare is datetime.date:
        return scalars.Date(strict)
    if origin is Literal:
        return scalars.LiteralValues(get_args(bare))
    if origin is list:
        (item,) = get_args(bare)
        return containers.List(build(item, strict), strict, **limits)
    if origin is dict:
        key, value = get_args(bare)
        return containers.Dict(build(key, strict), build(value, strict), strict, **limits)
    if getattr(bare, "__pydantic_standin_model__", False):
        return _model_validator(bare)
    if isinstance(bare, type) and issubclass(bare, dict) and hasattr(bare, "__required_keys__"):
        return _typed_dict(bare, strict)
    raise unsupported(bare)


def _union(bare, strict: bool, info: FieldInfo):
    members = list(get_args(bare)) if get_origin(bare) in UNION_TYPES else [bare]
    nullable = type(None) in members
    members = [member for member in members if member is not type(None)]
    if info.discriminator is not None:
        if info.constraints:
            raise unsupported(f"constraints on the tagged union {bare!r}")
        inner = _tagged(members, info.discriminator)
    elif len(members) == 1:
        inner = build(members[0], strict, info)
    elif info.constraints:
        raise unsupported(f"constraints on the union {bare!r}")
    else:
        inner = containers.Union([build(member, strict) for member in members], strict)
    return containers.Nullable(inner) if nullable else inner


def _tagged(members: list, discriminator: str):
    found = {}
    for member in members:
        fields = getattr(member, "model_fields", None)
        if not getattr(member, "__pydantic_standin_model__", False) or discriminator not in fields:
            raise unsupported(f"discriminator {discriminator!r} on {member!r}")
        tag_type = fields[discriminator].annotation
        if get_origin(tag_type) is not Literal:
            raise unsupported(f"discriminator field of type {tag_type!r}")
        for tag in get_args(tag_type):
            found[tag] = _model_validator(member)
    return containers.TaggedUnion(discriminator, found)


def _model_validator(model):
    if "__pydantic_standin_validator__" not in vars(model):
        raise unsupported(f"{model.__name__} used before its definition is complete (a model "
                          "that refers to itself)")
    return vars(model)["__pydantic_standin_validator__"]


def _typed_dict(tp, strict: bool):
    namespace = vars(sys.modules[tp.__module__]) if tp.__module__ in sys.modules else {}
    fields = {}
    for name, annotation in tp.__annotations__.items():
        if isinstance(annotation, typing.ForwardRef):
            annotation = annotation.__forward_arg__
        if isinstance(annotation, str):
            annotation = eval(annotation, dict(namespace))  # noqa: S307  (the module's own annotation)
        if get_origin(annotation) in (typing.Required, typing.NotRequired):
            raise unsupported(annotation)
        fields[name] = build(annotation, strict)
    return containers.TypedDict(fields, frozenset(tp.__required_keys__), strict)
