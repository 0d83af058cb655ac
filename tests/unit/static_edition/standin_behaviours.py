"""Small behaviours of models beyond validation, run under pydantic or the stand-in and compared:
before-validators, model_construct, model_copy, equality and hashing, frozen and unknown-field
assignment, str and repr, the first line of a ValidationError, annotations naming local types."""

from __future__ import annotations

from typing import Annotated, Literal


def _outcome(call) -> tuple:
    try:
        return ("ok", ascii(call()))
    except Exception as error:  # noqa: BLE001  (which exception, and its first line, is compared)
        errors = error.errors(include_url=False) if hasattr(error, "errors") else None
        return ("raised", type(error).__name__, str(error).splitlines()[0], ascii(errors))


def behaviours() -> dict:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

    from workbook.content.schema import ChapterEntry, Page

    Short = Annotated[str, Field(max_length=3)]  # a local name, read from the annotation's text

    class Before(BaseModel):
        model_config = ConfigDict(extra="forbid")
        name: Short
        size: Literal["s", "m"] = "s"

        @model_validator(mode="before")
        @classmethod
        def _from_text(cls, data):
            if isinstance(data, str):
                return {"name": data}
            if data is None:
                raise ValueError("nothing given")
            return data

    class Open(BaseModel):
        tags: list[str] = []

    page = Page(title="t", text="x")
    open_one = Open()
    open_one.tags.append("changed")
    found = {
        "before-text": _outcome(lambda: Before.model_validate("abc").model_dump()),
        "before-none": _outcome(lambda: Before.model_validate(None)),
        "before-long": _outcome(lambda: Before.model_validate("abcd")),
        "init-extra": _outcome(lambda: Before(name="a", colour="red")),
        "construct": _outcome(lambda: ChapterEntry.model_construct(id="x", title="y").model_dump()),
        "copy": _outcome(lambda: page.model_copy(update={"title": "new"}).model_dump()),
        "copy-leaves-original": _outcome(lambda: page.title),
        "equal": _outcome(lambda: (page == Page(title="t", text="x"), page == Page(title="u", text="x"))),
        "hash": _outcome(lambda: hash(page) == hash(Page(title="t", text="x"))),
        "frozen": _outcome(lambda: setattr(page, "title", "z")),
        "unknown-field": _outcome(lambda: setattr(open_one, "colour", "red")),
        "set-field": _outcome(lambda: (setattr(open_one, "tags", ["a"]), open_one.tags)[1]),
        "default-not-shared": _outcome(lambda: Open().tags),
        "unhashable": _outcome(lambda: hash(open_one)),
        "str": _outcome(lambda: str(page)),
        "repr": _outcome(lambda: repr(page)),
        "fields": _outcome(lambda: list(Before.model_fields)),
        "required": _outcome(lambda: [info.is_required() for info in Before.model_fields.values()]),
        "no-class-default": _outcome(lambda: hasattr(Before, "size")),
        "is-value-error": _outcome(lambda: issubclass(ValidationError, ValueError)),
    }
    return found
