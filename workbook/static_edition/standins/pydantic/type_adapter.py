"""`TypeAdapter`: check and dump a value of any supported type expression."""

from __future__ import annotations

from .build import build
from .errors import Invalid, ValidationError
from .main import _dumped


class TypeAdapter:
    """A validator for a type that is not a model, such as `list[Pair]` or a TypedDict."""

    def __init__(self, type_, *, config: dict | None = None):
        if config:
            raise NotImplementedError("TypeAdapter(config=...) is not supported by the static "
                                      "edition's pydantic stand-in")
        self.type, self.validator = type_, build(type_)

    def validate_python(self, obj, *, strict: bool | None = None):
        try:
            return self.validator.validate(obj, strict)
        except Invalid as problem:
            raise ValidationError.from_invalid(getattr(self.validator, "name", "value"), problem) from None

    def dump_python(self, value, *, mode: str = "python"):
        if mode not in ("python", "json"):
            raise NotImplementedError(f"dump_python(mode={mode!r})")
        return _dumped(value, mode)

    def json_schema(self, *args, **kwargs):
        raise NotImplementedError("JSON Schema is not available in the static edition")
