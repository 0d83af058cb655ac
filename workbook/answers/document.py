"""The answer store's document: every module's answers, keyed by module and exercise id.

Version 2 (documented in docs/answers-format.md; version 1 files, without a plan, still open):

    {"format": "workbook-answers", "version": 2,
     "modules": {"<module-id>": {"<exercise-id>": <that exercise's answers>}},
     "plan": {"<section-id>": ["<a line of the reader's plan>", ...]}}

Each exercise's answers have one of the shapes declared beside the exercise kinds
(`Answers` in workbook/content/exercises.py); the pydantic model below checks the whole
document, and `workbook schema --answers` prints its JSON Schema. When a page loads answers,
each widget checks its own against its exercise (`workbook/answers/check.py`).
"""

from __future__ import annotations

import json
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbook.answers.check import describe, short, where
from workbook.content.exercises import EXERCISE_MODELS, MAX_ITEMS, AnswerText
from workbook.content.fields import Id
from workbook.content.plan import MAX_LINES, MAX_SECTIONS, PLAN_ID

FORMAT = "workbook-answers"
VERSION = 2
READABLE_VERSIONS = (1, 2)

AnyAnswers = Union[tuple(model.Answers for model in EXERCISE_MODELS)]  # noqa: UP007
Exercises = Annotated[dict[Id, AnyAnswers], Field(max_length=MAX_ITEMS)]
PlanLines = Annotated[list[AnswerText], Field(max_length=MAX_LINES)]
PlanAnswers = Annotated[dict[Id, PlanLines], Field(max_length=MAX_SECTIONS)]


class AnswersDocument(BaseModel):
    """Every module's answers: {module id: {exercise id: that exercise's answers}}."""

    model_config = ConfigDict(extra="forbid", strict=True, title="Workbook answers document")

    format: Literal["workbook-answers"]
    version: Literal[READABLE_VERSIONS]
    modules: Annotated[dict[Id, Exercises], Field(max_length=MAX_ITEMS)]
    plan: PlanAnswers = Field(default={}, description="My plan: {section id: the reader's lines}")


class DocumentError(ValueError):
    """The answers document is not one the workbook wrote; the message says what is wrong."""


def new_document() -> dict:
    return {"format": FORMAT, "version": VERSION, "modules": {}, "plan": {}}


def _problem(errors: list[dict]) -> str:
    """The plain sentence for the most telling of pydantic's errors about a document."""
    if any(e["loc"][:1] in ((), ("format",)) or len(e["loc"]) == 1 and e["type"] == "extra_forbidden"
           for e in errors):
        return "not a workbook answers document"
    if any(e["loc"][:1] == ("version",) for e in errors):
        return "made by a different version of the workbook"
    if any(e["loc"][:1] == ("plan",) for e in errors):
        return "'plan' must map section ids to lists of lines of text"
    for error in errors:  # a bad id anywhere says so, whatever else is wrong
        at = error["loc"]
        if at[2:3] == ("[key]",):
            return "module ids must be lower-case ids"
        if at[3:4] == ("[key]",):
            return f"{short(at[1])}: exercise ids must be lower-case ids"
    loc = errors[0]["loc"]
    if len(loc) < 2 or (len(loc) == 2 and errors[0]["type"] == "too_long"):
        return "'modules' must map module ids to answers"
    if len(loc) == 2:
        return f"{short(loc[1])}: expected a mapping of exercise id to answers"
    # Each kind's shape was tried: name a broken limit if there is one, else the shape.
    for error in errors:
        at = error["loc"]
        if error["type"] in ("string_too_long", "too_long") and len(at) >= 3 and at[-1] != "[key]":
            return f"{where(at[1], at[2:3])}: {describe(error)}"
    return f"{short(loc[1])}.{short(loc[2])}: these answers have the shape of no exercise kind"


def check_document(document) -> dict:
    """Return the document if its structure and limits are right; raise DocumentError if not."""
    try:
        AnswersDocument.model_validate(document)
    except ValidationError as error:
        raise DocumentError(_problem(error.errors(include_url=False))) from None
    except RecursionError:
        raise DocumentError("the answers are nested too deeply") from None
    return document


def answers_json_schema() -> dict:
    """The JSON Schema of the answers document (what `workbook schema --answers` prints)."""
    return AnswersDocument.model_json_schema()


def to_bytes(document: dict) -> bytes:
    return json.dumps(check_document(document), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def from_bytes(data: bytes) -> dict:
    """Parse and check a document; any malformed input becomes a DocumentError."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DocumentError("the answers are not readable JSON text") from None
    return check_document(document)


def has_answer(value) -> bool:
    """Whether an exercise's answers hold anything the reader wrote or chose."""
    if isinstance(value, dict):
        return any(has_answer(item) for item in value.values())
    if isinstance(value, list):
        return any(has_answer(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


class AnswerBook:
    """Every module's answers held in the kernel's memory for one page view; never on disk."""

    def __init__(self, document: dict | None = None):
        if document is None:
            self.document = new_document()
        else:  # an older file is read as the current version: a plan is all it lacks
            self.document = {**check_document(document), "version": VERSION}
            self.document.setdefault("plan", {})

    def module(self, module_id: str) -> dict:
        """A module's answers; for PLAN_ID, the reader's plan (the plan page is kept like a module)."""
        if module_id == PLAN_ID:
            return self.document["plan"]
        return self.document["modules"].get(module_id, {})

    def set_module(self, module_id: str, answers: dict) -> None:
        if module_id == PLAN_ID:
            self.document["plan"] = answers
        else:
            self.document["modules"][module_id] = answers

    def merge(self, other: AnswerBook) -> None:
        """Take every module the other book holds, replacing this book's answers for them; the
        other book's plan replaces this one's if it has one."""
        self.document["modules"].update(other.document["modules"])
        if has_answer(other.document["plan"]):
            self.document["plan"] = other.document["plan"]

    def to_bytes(self) -> bytes:
        return to_bytes(self.document)

    def progress(self, workbook) -> dict[str, tuple[int, int]]:
        """{module id: (exercises started, exercises in the module)} for ready modules."""
        result = {}
        for module in workbook.modules.values():
            if module.ready:
                saved = self.module(module.id)
                started = sum(has_answer(saved.get(ex.id)) for ex in module.exercises)
                result[module.id] = (started, len(module.exercises))
        return result
