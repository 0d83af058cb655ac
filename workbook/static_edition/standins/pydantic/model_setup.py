"""What happens when a model class is defined (its config, fields and model validators), and the
checking of a mapping against its fields."""

from __future__ import annotations

import copy
import inspect
import sys
import typing

from .build import build, split_annotated, unsupported
from .errors import Invalid, at, loc_item
from .fields import ConfigDict, FieldInfo, ModelValidatorMark, PydanticUndefined

IMMUTABLE = (str, int, float, bool, bytes, type(None), frozenset)
UNSET = object()


def _models(bases) -> list:
    return [base for base in bases if getattr(base, "__pydantic_standin_model__", False)]


def _namespace(cls, frame_depth: int) -> dict:
    """Where the class's string annotations are looked up: its module, then the enclosing scope."""
    namespace = dict(vars(sys.modules[cls.__module__])) if cls.__module__ in sys.modules else {}
    try:
        frame = sys._getframe(frame_depth)
        if frame.f_locals is not frame.f_globals:
            namespace.update(frame.f_locals)
    except (AttributeError, ValueError):
        pass
    namespace[cls.__name__] = cls
    return namespace


def _resolved(annotation, namespace: dict):
    if isinstance(annotation, str):
        try:
            return eval(annotation, namespace)  # noqa: S307  (the class's own annotation)
        except NameError as error:
            raise NotImplementedError(f"annotation {annotation!r} names something not yet defined "
                                      f"({error}); the pydantic stand-in has no model_rebuild") from None
    return annotation


def _is_class_var(annotation) -> bool:
    return annotation is typing.ClassVar or typing.get_origin(annotation) is typing.ClassVar


def set_up_model(cls) -> None:
    """Give a new model class its merged config, its fields and its model validators."""
    parents = _models(reversed(cls.__bases__))
    config = {}
    for parent in parents:
        config.update(parent.model_config)
    config.update(ConfigDict(**cls.__dict__.get("model_config", {})))
    cls.model_config = config

    fields, validators, marks = {}, {}, {}
    for parent in parents:
        fields.update(parent.model_fields)
        validators.update(parent.__pydantic_standin_field_validators__)
        marks.update(parent.__pydantic_standin_marks__)
    namespace = _namespace(cls, 3)
    own = inspect.get_annotations(cls)
    for name, annotation in own.items():
        annotation = _resolved(annotation, namespace)
        if _is_class_var(annotation):
            continue
        if name.startswith("_"):
            raise unsupported(f"private attribute {name}")
        value = cls.__dict__.get(name, UNSET)
        info = value if isinstance(value, FieldInfo) else FieldInfo(
            PydanticUndefined if value is UNSET else value)
        bare, found, _strict = split_annotated(annotation)
        field = found.merged(info)
        field.annotation = bare
        validators[name] = build(annotation, config.get("strict", False), info)
        fields[name] = field
        if value is not UNSET:
            delattr(cls, name)
    for name, value in list(cls.__dict__.items()):
        if isinstance(value, ModelValidatorMark):
            marks[name] = value
            setattr(cls, name, value.function)
        elif name in fields and name not in own:
            raise unsupported(f"field {name} given a value without an annotation")
    cls.model_fields = fields
    cls.__pydantic_standin_field_validators__ = validators
    cls.__pydantic_standin_marks__ = marks
    cls.__pydantic_standin_before__ = tuple(_plain(mark.function) for mark in marks.values()
                                            if mark.mode == "before")
    cls.__pydantic_standin_after__ = tuple(mark.function for mark in marks.values() if mark.mode == "after")


def _plain(function):
    return function.__func__ if isinstance(function, (classmethod, staticmethod)) else function


def default_of(info: FieldInfo):
    """A field's default, copied when it could be changed in place (as pydantic copies it)."""
    if info.default_factory is not None:
        return info.default_factory()
    default = info.default
    return default if isinstance(default, IMMUTABLE) else copy.deepcopy(default)


def values_for(model, data, strict) -> dict:
    """The model's field values from the mapping `data`, each checked; Invalid if any is wrong."""
    values, records = {}, []
    for name, validator in model.__pydantic_standin_field_validators__.items():
        if name in data:
            try:
                values[name] = validator.validate(data[name], strict)
            except Invalid as problem:
                records += at(problem.records, name)
        elif model.model_fields[name].is_required():
            records.append(["missing", (name,), data, None])
        else:
            values[name] = default_of(model.model_fields[name])
    if model.model_config.get("extra", "ignore") == "forbid":
        for key, value in data.items():
            if not isinstance(key, str):
                records.append(["invalid_key", (loc_item(key),), key, None])
            elif key not in values and key not in model.model_fields:
                records.append(["extra_forbidden", (key,), value, None])
    if records:
        raise Invalid(records)
    return values
