"""The exercise kinds: each content model, and beside it the shape of a reader's answers to it.

`Answers` (a class attribute) is the shape any exercise of the kind may hold in the answers
document; `answers_type()` is the tighter shape for one exercise: only its own ids (others are
ignored), its own choices and row limits. Both are plain pydantic types, free of widget code.
A new kind is a model here, added to EXERCISE_MODELS, plus its widget in widgets/.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator
from typing_extensions import TypedDict

from workbook.content.fields import Id, LongText, Strict, Text, unique

MAX_TEXT = 2000  # characters in one answer
MAX_ITEMS = 200  # entries in one mapping or list of the answers document
MAX_SCALE = 3
MAX_ROWS = 50
MAX_EVENTS = 30

AnswerText = Annotated[str, Field(max_length=MAX_TEXT)]


def answer_map(value) -> object:
    """{content id: value}, at most MAX_ITEMS entries."""
    return Annotated[dict[Id, value], Field(max_length=MAX_ITEMS)]


def known_ids(items, value) -> type:
    """{id: value} for the ids of `items` only; other keys are dropped unchecked."""
    return TypedDict("KnownIds", {item.id: value for item in items}, total=False)


class AnswerRow(BaseModel):
    """A row of text fields in the answers document; a missing field is empty text."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Pair(AnswerRow):
    left: AnswerText = ""
    right: AnswerText = ""


class Event(AnswerRow):
    when: AnswerText = ""
    what: AnswerText = ""


class PairRead(Pair):
    """A pair read back into a widget: unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")


class EventRead(Event):
    model_config = ConfigDict(extra="ignore")


class Labelled(Strict):
    id: Id
    text: Text


class Choice(Strict):
    id: Id
    label: Text


class Column(Strict):
    id: Id
    label: Text


class Question(Strict):
    id: Id
    text: Text
    hint: Text | None = None


class Row(Strict):
    id: Id
    label: Text
    hint: Text | None = None


class Example(Strict):
    left: Text
    right: Text


class Stage(Strict):
    id: Id
    title: Text
    description: LongText


class Lane(Strict):
    id: Id
    label: Text
    hint: Text | None = None


class ExerciseBase(Strict):
    id: Id
    title: Text
    intro: LongText | None = None
    minutes: Annotated[int, Field(ge=1, le=240)] | None = None
    facilitator_notes: LongText | None = None
    group: LongText | None = None  # how to run it in pairs or small groups (facilitator's handbook)

    Answers: ClassVar[object]

    def answers_type(self) -> object:
        raise NotImplementedError


class RatingExercise(ExerciseBase):
    kind: Literal["rating"]
    scale: Annotated[list[Text], Field(min_length=3, max_length=MAX_SCALE)]
    statements: Annotated[list[Labelled], Field(min_length=1, max_length=30)]

    Answers: ClassVar[object] = answer_map(Annotated[StrictInt, Field(ge=1, le=MAX_SCALE)] | None)

    def answers_type(self):
        return known_ids(self.statements, Annotated[StrictInt, Field(ge=1, le=len(self.scale))] | None)

    @model_validator(mode="after")
    def _ids(self):
        unique(self.statements, "statement")
        return self


YES_NO = [Choice(id="yes", label="Yes"), Choice(id="no", label="No")]


class ChecklistExercise(ExerciseBase):
    kind: Literal["checklist"]
    items: Annotated[list[Labelled], Field(min_length=1, max_length=50)]
    choices: Annotated[list[Choice], Field(min_length=2, max_length=6)] = YES_NO

    Answers: ClassVar[object] = answer_map(Id | None)

    def answers_type(self):
        return known_ids(self.items, Literal[tuple(choice.id for choice in self.choices)] | None)

    @model_validator(mode="after")
    def _ids(self):
        unique(self.items, "item")
        unique(self.choices, "choice")
        return self


class QuestionsExercise(ExerciseBase):
    kind: Literal["questions"]
    questions: Annotated[list[Question], Field(min_length=1, max_length=30)]

    Answers: ClassVar[object] = answer_map(AnswerText)

    def answers_type(self):
        return known_ids(self.questions, AnswerText)

    @model_validator(mode="after")
    def _ids(self):
        unique(self.questions, "question")
        return self


class TableExercise(ExerciseBase):
    kind: Literal["table"]
    row_header: Text
    columns: Annotated[list[Column], Field(min_length=1, max_length=6)]
    rows: Annotated[list[Row], Field(min_length=1, max_length=30)]

    Answers: ClassVar[object] = answer_map(answer_map(AnswerText))

    def answers_type(self):
        return known_ids(self.rows, known_ids(self.columns, AnswerText))

    @model_validator(mode="after")
    def _ids(self):
        unique(self.columns, "column")
        unique(self.rows, "row")
        return self


class ResponsesExercise(ExerciseBase):
    kind: Literal["responses"]
    left_label: Text
    right_label: Text
    examples: Annotated[list[Example], Field(max_length=20)] = []
    min_rows: Annotated[int, Field(ge=1, le=20)] = 3
    max_rows: Annotated[int, Field(ge=1, le=MAX_ROWS)] = 20

    Answers: ClassVar[object] = Annotated[list[Pair], Field(max_length=MAX_ROWS)]

    def answers_type(self):
        return Annotated[list[PairRead], Field(max_length=self.max_rows)]

    @model_validator(mode="after")
    def _rows(self):
        if self.min_rows > self.max_rows:
            raise ValueError("min_rows must not be larger than max_rows")
        return self


class CycleExercise(ExerciseBase):
    kind: Literal["cycle"]
    stages: Annotated[list[Stage], Field(min_length=3, max_length=12)]
    notes_label: Text

    Answers: ClassVar[object] = answer_map(AnswerText)

    def answers_type(self):
        return known_ids(self.stages, AnswerText)

    @model_validator(mode="after")
    def _ids(self):
        unique(self.stages, "stage")
        return self


class TimelineExercise(ExerciseBase):
    kind: Literal["timeline"]
    lanes: Annotated[list[Lane], Field(min_length=1, max_length=4)]
    when_label: Text = "How old you were"
    what_label: Text = "What happened"
    max_events: Annotated[int, Field(ge=1, le=MAX_EVENTS)] = 12

    Answers: ClassVar[object] = answer_map(Annotated[list[Event], Field(max_length=MAX_EVENTS)])

    def answers_type(self):
        return known_ids(self.lanes, Annotated[list[EventRead], Field(max_length=self.max_events)])

    @model_validator(mode="after")
    def _ids(self):
        unique(self.lanes, "lane")
        return self


EXERCISE_MODELS: tuple[type[ExerciseBase], ...] = (
    RatingExercise, ChecklistExercise, QuestionsExercise, TableExercise, ResponsesExercise,
    CycleExercise, TimelineExercise)


def kind_of(model: type[ExerciseBase]) -> str:
    """The `kind` tag a content file gives for this model."""
    return get_args(model.model_fields["kind"].annotation)[0]


Exercise = Annotated[Union[EXERCISE_MODELS], Field(discriminator="kind")]  # noqa: UP007
EXERCISE_KINDS = tuple(kind_of(model) for model in EXERCISE_MODELS)
