"""`BaseModel`: fields from annotations, checked on creation as pydantic v2 checks them."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import ClassVar

from .errors import Invalid, ValidationError
from .model_setup import default_of, set_up_model, values_for


class ModelValidator:
    """The validator of one model class, for use inside other types (lists, unions, fields)."""

    def __init__(self, model: type):
        self.model, self.name = model, model.__name__

    def validate(self, value, strict=None):
        if isinstance(value, self.model):
            return value
        return checked(self.model, object.__new__(self.model), value, strict)


def checked(model: type, instance, value, strict):
    """`instance` filled with `value` checked against `model`, its model validators run."""
    original = value
    for function in model.__pydantic_standin_before__:
        value = _run_check(function, (model, value), original)
    strictly = model.model_config.get("strict", False) if strict is None else strict
    if not isinstance(value, dict) and (strictly or not isinstance(value, Mapping)):
        raise Invalid([["model_type", (), value, {"class_name": model.__name__}]])
    instance.__dict__.update(values_for(model, value, strict))
    for function in model.__pydantic_standin_after__:
        instance = _run_check(function, (instance,), original)
    return instance


def _run_check(function, arguments: tuple, original):
    """Run a model validator; its ValueError or AssertionError becomes a validation error."""
    try:
        return function(*arguments)
    except ValueError as error:
        raise Invalid([["value_error", (), original, {"error": error}]]) from None
    except AssertionError as error:
        raise Invalid([["assertion_error", (), original, {"error": error}]]) from None


def _dumped(value, mode: str):
    if isinstance(value, BaseModel):
        return value.model_dump(mode=mode)
    if isinstance(value, dict):
        return {_dumped(key, mode): _dumped(item, mode) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_dumped(item, mode) for item in value]
        return tuple(items) if isinstance(value, tuple) and mode == "python" else items
    if mode == "json" and hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class BaseModel:
    """A typed record: subclass it, annotate its fields, and it checks what it is given."""

    model_config: ClassVar[dict] = {}
    model_fields: ClassVar[dict] = {}
    __pydantic_standin_model__: ClassVar[bool] = True
    __pydantic_standin_before__: ClassVar[tuple] = ()
    __pydantic_standin_after__: ClassVar[tuple] = ()
    __pydantic_standin_field_validators__: ClassVar[dict] = {}
    __pydantic_standin_marks__: ClassVar[dict] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        set_up_model(cls)
        cls.__pydantic_standin_validator__ = ModelValidator(cls)
        cls.__hash__ = BaseModel._frozen_hash if cls.model_config.get("frozen") else None

    def __init__(self, **data):
        try:
            checked(type(self), self, data, None)
        except Invalid as problem:
            raise ValidationError.from_invalid(type(self).__name__, problem) from None

    @classmethod
    def model_validate(cls, obj, *, strict: bool | None = None):
        try:
            return cls.__pydantic_standin_validator__.validate(obj, strict)
        except Invalid as problem:
            raise ValidationError.from_invalid(cls.__name__, problem) from None

    @classmethod
    def model_construct(cls, **values):
        """An instance from trusted values, unchecked; missing fields take their defaults."""
        instance = object.__new__(cls)
        for name, info in cls.model_fields.items():
            if name in values:
                instance.__dict__[name] = values[name]
            elif not info.is_required():
                instance.__dict__[name] = default_of(info)
        return instance

    @classmethod
    def model_json_schema(cls, *args, **kwargs):
        raise NotImplementedError("JSON Schema is not available in the static edition")

    def model_dump(self, *, mode: str = "python") -> dict:
        if mode not in ("python", "json"):
            raise NotImplementedError(f"model_dump(mode={mode!r})")
        return {name: _dumped(value, mode) for name, value in self.__dict__.items()}

    def model_dump_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))

    def model_copy(self, *, update: dict | None = None, deep: bool = False):
        copied = copy.deepcopy(self) if deep else copy.copy(self)
        copied.__dict__.update(update or {})
        return copied

    def __copy__(self):
        copied = object.__new__(type(self))
        copied.__dict__.update(self.__dict__)
        return copied

    def __setattr__(self, name, value):
        if self.model_config.get("frozen"):
            raise ValidationError(type(self).__name__, [["frozen_instance", (name,), value, None]])
        if name not in self.model_fields:
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')
        self.__dict__[name] = value

    def __delattr__(self, name):
        if self.model_config.get("frozen"):
            raise ValidationError(type(self).__name__, [["frozen_instance", (name,), None, None]])
        super().__delattr__(name)

    def __eq__(self, other):
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def _frozen_hash(self):
        return hash(tuple(self.__dict__.values()))

    __hash__ = None

    def __iter__(self):
        yield from self.__dict__.items()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(self._shown())})"

    def __str__(self) -> str:
        return " ".join(self._shown())

    def _shown(self) -> list[str]:
        return [f"{name}={value!r}" for name, value in self.__dict__.items()]
