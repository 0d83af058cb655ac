"""Validators for values holding others: list, dict, TypedDict, `X | None` and unions.

Errors inside are collected in pydantic's order, each at its place (`loc`); the length limits
are checked at the moments pydantic checks them, so the same errors come out.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from .errors import Invalid, at, fail, loc_item

LAX_SEQUENCES = (list, tuple, set, frozenset, deque)


def _mapping(value, strict: bool, kind: str = "dict_type"):
    if isinstance(value, dict) or (not strict and isinstance(value, Mapping)):
        return value
    fail(kind, value)


class Container:
    def __init__(self, strict: bool = False):
        self.strict = strict

    def is_strict(self, strict) -> bool:
        return self.strict if strict is None else strict


class List(Container):
    def __init__(self, item, strict=False, min_length=None, max_length=None):
        super().__init__(strict)
        self.item, self.min_length, self.max_length = item, min_length, max_length
        self.name = f"list[{item.name}]"

    def validate(self, value, strict=None):
        if not isinstance(value, list if self.is_strict(strict) else LAX_SEQUENCES):
            fail("list_type", value)
        items = list(value)
        if self.max_length is not None and len(items) > self.max_length:
            # pydantic stops at the first item past the limit and reports only the length
            fail("too_long", value, field_type="List", max_length=self.max_length,
                 actual_length=len(items))
        output, records = [], []
        for index, item in enumerate(items):
            try:
                output.append(self.item.validate(item, strict))
            except Invalid as problem:
                records += at(problem.records, index)
        if records:
            raise Invalid(records)
        if self.min_length is not None and len(output) < self.min_length:
            fail("too_short", value, field_type="List", min_length=self.min_length,
                 actual_length=len(output))
        return output


class Dict(Container):
    def __init__(self, key, value, strict=False, min_length=None, max_length=None):
        super().__init__(strict)
        self.key, self.value, self.min_length, self.max_length = key, value, min_length, max_length
        self.name = f"dict[{key.name},{value.name}]"

    def validate(self, value, strict=None):
        mapping = _mapping(value, self.is_strict(strict))
        output, records = {}, []
        for key, item in mapping.items():
            where, good = loc_item(key), True
            try:
                new_key = self.key.validate(key, strict)
            except Invalid as problem:
                records += at(problem.records, where, "[key]")
                good = False
            try:
                new_item = self.value.validate(item, strict)
            except Invalid as problem:
                records += at(problem.records, where)
                good = False
            if good:
                output[new_key] = new_item
                if self.max_length is not None and len(output) > self.max_length:
                    # pydantic stops as soon as the output grows past the limit
                    fail("too_long", value, field_type="Dictionary", max_length=self.max_length,
                         actual_length=None)
        if records:
            raise Invalid(records)
        if self.min_length is not None and len(output) < self.min_length:
            fail("too_short", value, field_type="Dictionary", min_length=self.min_length,
                 actual_length=len(output))
        return output


class TypedDict(Container):
    """Only the declared keys are checked and kept; other keys are dropped, as pydantic does."""

    name = "typed-dict"

    def __init__(self, fields: dict, required: frozenset, strict=False):
        super().__init__(strict)
        self.fields, self.required = fields, required

    def validate(self, value, strict=None):
        mapping = _mapping(value, self.is_strict(strict))
        output, records = {}, []
        for name, validator in self.fields.items():
            if name in mapping:
                try:
                    output[name] = validator.validate(mapping[name], strict)
                except Invalid as problem:
                    records += at(problem.records, name)
            elif name in self.required:
                records.append(["missing", (name,), value, None])
        if records:
            raise Invalid(records)
        return output


class Nullable:
    def __init__(self, inner):
        self.inner = inner
        self.name = f"nullable[{inner.name}]"

    def validate(self, value, strict=None):
        return None if value is None else self.inner.validate(value, strict)


class Union(Container):
    """pydantic's "smart" union: an exact (strict) match first, then the first lax match; if none
    fits, every member's errors, each under the member's name."""

    def __init__(self, choices: list, strict=False):
        super().__init__(strict)
        self.choices = choices
        self.name = f"union[{','.join(choice.name for choice in choices)}]"

    def validate(self, value, strict=None):
        passes = (True,) if self.is_strict(strict) else (True, strict)
        records = []
        for strict_pass in passes:
            records = []
            for choice in self.choices:
                try:
                    return choice.validate(value, strict_pass)
                except Invalid as problem:
                    records += at(problem.records, choice.name)
        raise Invalid(records)


class TaggedUnion:
    """`Field(discriminator=...)`: the member is chosen by the value of one field."""

    def __init__(self, discriminator: str, members: dict):
        self.discriminator, self.members = discriminator, members
        self.expected = ", ".join(repr(tag) for tag in members)
        self.name = f"tagged-union[{','.join(member.name for member in members.values())}]"

    def validate(self, value, strict=None):
        shown = repr(self.discriminator)
        if isinstance(value, Mapping):
            if self.discriminator not in value:
                fail("union_tag_not_found", value, discriminator=shown)
            tag = value[self.discriminator]
        elif hasattr(value, self.discriminator) and not isinstance(value, (str, bytes, list, tuple)):
            tag = getattr(value, self.discriminator)
        else:
            fail("model_attributes_type", value)
        try:
            member = self.members.get(tag)
        except TypeError:  # an unhashable tag
            member = None
        if member is None:
            fail("union_tag_invalid", value, discriminator=shown, tag=str(tag),
                 expected_tags=self.expected)
        try:
            return member.validate(value, strict)
        except Invalid as problem:
            raise Invalid(at(problem.records, loc_item(tag))) from None
