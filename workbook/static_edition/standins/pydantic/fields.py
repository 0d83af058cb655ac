"""`Field`, `FieldInfo`, `ConfigDict`, `Strict`/`StrictInt` and `model_validator`, as pydantic spells them.

Anything the stand-in does not implement is refused here, when a model is defined, so that no
check is silently skipped.
"""

from __future__ import annotations

from typing import Annotated


class _Undefined:
    def __repr__(self) -> str:
        return "PydanticUndefined"


PydanticUndefined = _Undefined()

CONSTRAINTS = ("min_length", "max_length", "pattern", "ge", "le", "gt", "lt")
DESCRIPTIVE = ("description", "title", "examples")
CONFIG_KEYS = {"extra": ("forbid", "ignore"), "strict": (True, False), "frozen": (True, False),
               "title": None}


class FieldInfo:
    """What `Field(...)` gives: a default and the constraints for one value.

    Like pydantic's, two FieldInfo objects are never equal unless they are the same object, so
    `Union[A, B]` keeps both members even when A and B are written alike."""

    def __init__(self, default=PydanticUndefined, *, default_factory=None, discriminator=None,
                 strict=None, annotation=None, **kwargs):
        unknown = set(kwargs) - set(CONSTRAINTS) - set(DESCRIPTIVE)
        if unknown:
            raise NotImplementedError(f"Field({', '.join(sorted(unknown))}=...) is not supported by "
                                      "the static edition's pydantic stand-in")
        if default is not PydanticUndefined and default_factory is not None:
            raise TypeError("cannot give both default and default_factory")
        self.default, self.default_factory = default, default_factory
        self.discriminator, self.strict, self.annotation = discriminator, strict, annotation
        self.constraints = {name: kwargs[name] for name in CONSTRAINTS if kwargs.get(name) is not None}
        self.description = kwargs.get("description")
        self.title = kwargs.get("title")

    def is_required(self) -> bool:
        return self.default is PydanticUndefined and self.default_factory is None

    def merged(self, other: FieldInfo) -> FieldInfo:
        """A new FieldInfo: this one with what `other` sets laid over it."""
        merged = FieldInfo()
        for name in ("default", "default_factory", "discriminator", "strict", "annotation",
                     "description", "title"):
            mine, theirs = getattr(self, name), getattr(other, name)
            unset = theirs is PydanticUndefined if name == "default" else theirs is None
            setattr(merged, name, mine if unset else theirs)
        merged.constraints = {**self.constraints, **other.constraints}
        return merged

    def __repr__(self) -> str:
        shown = [f"annotation={self.annotation!r}", f"required={self.is_required()}"]
        if self.default is not PydanticUndefined:
            shown.append(f"default={self.default!r}")
        shown += [f"{name}={value!r}" for name, value in self.constraints.items()]
        return f"FieldInfo({', '.join(shown)})"


def Field(default=PydanticUndefined, **kwargs) -> FieldInfo:  # noqa: N802  (pydantic's name)
    """A field's default and constraints (min_length, max_length, pattern, ge, le, gt, lt, ...)."""
    return FieldInfo(default, **kwargs)


class Strict:
    """Annotated metadata: check this value strictly (no conversion from other types)."""

    def __init__(self, strict: bool = True):
        self.strict = strict

    def __repr__(self) -> str:
        return f"Strict(strict={self.strict})"


StrictInt = Annotated[int, Strict()]


def ConfigDict(**settings) -> dict:  # noqa: N802  (pydantic's name)
    """A model's settings; only extra ("forbid" or "ignore"), strict, frozen and title are known."""
    for name, value in settings.items():
        if name not in CONFIG_KEYS:
            raise NotImplementedError(f"ConfigDict({name}=...) is not supported by the static "
                                      "edition's pydantic stand-in")
        allowed = CONFIG_KEYS[name]
        if allowed is not None and value not in allowed:
            raise NotImplementedError(f"ConfigDict({name}={value!r}) is not supported by the static "
                                      "edition's pydantic stand-in")
    return dict(settings)


class ModelValidatorMark:
    """A function marked by `model_validator`, found when its model class is defined."""

    def __init__(self, function, mode: str):
        self.function, self.mode = function, mode


def model_validator(*, mode: str):
    """Mark a model's method to run after validation (or a classmethod to run before it)."""
    if mode not in ("after", "before"):
        raise NotImplementedError(f"model_validator(mode={mode!r}) is not supported by the static "
                                  "edition's pydantic stand-in")

    def mark(function):
        return ModelValidatorMark(function, mode)
    return mark
