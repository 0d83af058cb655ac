"""Validation errors shaped like pydantic v2's: the same `type` names, `loc`, `msg`, `input`, `ctx`.

Validators raise `Invalid` (a list of error records, each with a loc relative to the value being
checked); the outermost caller turns it into a `ValidationError`.
"""

from __future__ import annotations

URL = "https://errors.pydantic.dev/2/v/"

MESSAGES = {
    "missing": "Field required",
    "extra_forbidden": "Extra inputs are not permitted",
    "invalid_key": "Keys should be strings",
    "frozen_instance": "Instance is frozen",
    "string_type": "Input should be a valid string",
    "string_unicode": "Input should be a valid string, unable to parse raw data as a unicode string",
    "string_too_short": "String should have at least {min_length} character{min_length_plural}",
    "string_too_long": "String should have at most {max_length} character{max_length_plural}",
    "string_pattern_mismatch": "String should match pattern '{pattern}'",
    "too_short": "{field_type} should have at least {min_length} item{min_length_plural} after "
                 "validation, not {actual_length}",
    "too_long": "{field_type} should have at most {max_length} item{max_length_plural} after "
                "validation, not {actual_length_or_more}",
    "int_type": "Input should be a valid integer",
    "int_parsing": "Input should be a valid integer, unable to parse string as an integer",
    "int_from_float": "Input should be a valid integer, got a number with a fractional part",
    "finite_number": "Input should be a finite number",
    "greater_than_equal": "Input should be greater than or equal to {ge}",
    "greater_than": "Input should be greater than {gt}",
    "less_than_equal": "Input should be less than or equal to {le}",
    "less_than": "Input should be less than {lt}",
    "bool_type": "Input should be a valid boolean",
    "bool_parsing": "Input should be a valid boolean, unable to interpret input",
    "date_type": "Input should be a valid date",
    "date_from_datetime_inexact": "Datetimes provided to dates should have zero time - e.g. be exact dates",
    "date_from_datetime_parsing": "Input should be a valid date or datetime, {error}",
    "dict_type": "Input should be a valid dictionary",
    "list_type": "Input should be a valid list",
    "literal_error": "Input should be {expected}",
    "model_type": "Input should be a valid dictionary or instance of {class_name}",
    "model_attributes_type": "Input should be a valid dictionary or object to extract fields from",
    "union_tag_invalid": "Input tag '{tag}' found using {discriminator} does not match any of the "
                         "expected tags: {expected_tags}",
    "union_tag_not_found": "Unable to extract tag using discriminator {discriminator}",
    "value_error": "Value error, {error}",
    "assertion_error": "Assertion failed, {error}",
}


class Invalid(Exception):
    """Raised inside validation: `records` is a list of [type, loc, input, ctx]."""

    def __init__(self, records: list):
        super().__init__(records)
        self.records = records


def fail(kind: str, value, **ctx):
    """Raise one error of `kind` about `value`."""
    raise Invalid([[kind, (), value, ctx or None]])


def at(records: list, *loc) -> list:
    """The records with `loc` put in front of each one's location."""
    return [[kind, (*loc, *where), value, ctx] for kind, where, value, ctx in records]


def loc_item(key):
    """A dict key as it appears in a location: ints (and bools) as ints, others as text."""
    if isinstance(key, int):
        return int(key)
    return key if isinstance(key, str) else str(key)


def message(kind: str, ctx: dict | None) -> str:
    """The sentence pydantic gives for an error of `kind` with `ctx`."""
    ctx = dict(ctx or {})
    for name in ("min_length", "max_length"):
        if name in ctx:
            ctx[f"{name}_plural"] = "" if ctx[name] == 1 else "s"
    if kind == "too_long":
        actual = ctx.get("actual_length")
        ctx["actual_length_or_more"] = "more" if actual is None else actual
    return MESSAGES[kind].format(**ctx)


class ValidationError(ValueError):
    """What validation raises: every error found, as pydantic v2 reports them."""

    def __init__(self, title: str, records: list):
        self.title, self._records = title, records
        super().__init__(self._text())

    @classmethod
    def from_invalid(cls, title: str, problem: Invalid) -> ValidationError:
        return cls(title, problem.records)

    def error_count(self) -> int:
        return len(self._records)

    def errors(self, *, include_url: bool = True, include_context: bool = True,
               include_input: bool = True) -> list[dict]:
        found = []
        for kind, loc, value, ctx in self._records:
            error = {"type": kind, "loc": loc, "msg": message(kind, ctx)}
            if include_input:
                error["input"] = value
            if ctx and include_context:
                error["ctx"] = dict(ctx)
            if include_url:
                error["url"] = URL + kind
            found.append(error)
        return found

    def _text(self) -> str:
        count = len(self._records)
        lines = [f"{count} validation error{'' if count == 1 else 's'} for {self.title}"]
        for kind, loc, value, ctx in self._records:
            if loc:
                lines.append(".".join(str(item) for item in loc))
            lines.append(f"  {message(kind, ctx)} [type={kind}, input_value={value!r}, "
                         f"input_type={type(value).__name__}]")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()
