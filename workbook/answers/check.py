"""Answers checked against their exercise's answers type, with plain messages instead of pydantic's.

Nothing here imports widget code: the answers document and the widgets both use it.
"""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from workbook.content.exercises import MAX_TEXT


class AnswerError(ValueError):
    """Answers given to a widget's `load()` (or sent by a client) do not fit the exercise."""


def _kind_name(value) -> str:
    return type(value).__name__


def _short(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def describe(error: dict) -> str:
    """One pydantic error as a short sentence; the reader's own text is never repeated."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "string_too_long":
        return f"text is {len(value)} characters; the limit is {MAX_TEXT}"
    if kind == "too_long" and isinstance(value, list):
        return f"{len(value)} rows; the limit is {ctx.get('max_length')}"
    if kind == "too_long":
        return f"more than {ctx.get('max_length')} entries"
    if kind in ("literal_error", "int_type", "greater_than_equal", "less_than_equal"):
        return f"{_short(value)} is not one of the choices"
    if kind == "dict_type":
        return f"expected a mapping of id to answer, got {_kind_name(value)}"
    if kind == "list_type":
        return f"expected a list of rows, got {_kind_name(value)}"
    if kind in ("model_type", "model_attributes_type"):
        return "expected a row of text fields"
    if kind in ("string_type", "string_unicode"):
        return f"expected text, got {_kind_name(value)}"
    if kind == "extra_forbidden":
        return "unexpected field"
    return str(error.get("msg", "not valid")).lower()


def short(name) -> str:
    """An id from a file as it may be shown in a message: never more than 40 characters."""
    text = str(name)
    return text if len(text) <= 40 else text[:39] + "…"


def where(prefix: str, loc: tuple) -> str:
    """`prefix.key.key` for a pydantic location, list positions as row numbers."""
    parts = [short(prefix)]
    for item in loc:
        parts.append(f"row {item + 1}" if isinstance(item, int) else short(item))
    return ".".join(parts)


class AnswersCheck:
    """Check answers for one exercise: its own ids only (others dropped), its choices and limits."""

    def __init__(self, exercise):
        self.exercise = exercise
        self.adapter = TypeAdapter(exercise.answers_type())

    def __call__(self, data):
        """`data` as plain answers, unknown ids dropped; AnswerError, naming the place, if it does not fit."""
        try:
            value = self.adapter.validate_python(data, strict=True)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            raise AnswerError(f"{where(self.exercise.id, first['loc'])}: {describe(first)}") from None
        return self.adapter.dump_python(value)
