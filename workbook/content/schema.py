"""The schema of `content/`: typed models every content file is checked against.

Docs: docs/content-format.md. The JSON Schema (docs/content-schema.json) is
generated from these models by `workbook schema`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
LongText = Annotated[str, Field(min_length=1, max_length=50000)]


class Strict(BaseModel):
    """A model that refuses unknown fields, so a typo in a field name is reported."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _unique(items, what: str):
    seen = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"{what} id '{item.id}' is used twice")
        seen.add(item.id)
    return items


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


class ExerciseBase(Strict):
    id: Id
    title: Text
    intro: LongText | None = None
    minutes: Annotated[int, Field(ge=1, le=240)] | None = None
    facilitator_notes: LongText | None = None


class RatingExercise(ExerciseBase):
    kind: Literal["rating"]
    scale: Annotated[list[Text], Field(min_length=3, max_length=3)]
    statements: Annotated[list[Labelled], Field(min_length=1, max_length=30)]

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.statements, "statement")
        return self


YES_NO = [Choice(id="yes", label="Yes"), Choice(id="no", label="No")]


class ChecklistExercise(ExerciseBase):
    kind: Literal["checklist"]
    items: Annotated[list[Labelled], Field(min_length=1, max_length=50)]
    choices: Annotated[list[Choice], Field(min_length=2, max_length=6)] = YES_NO

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.items, "item")
        _unique(self.choices, "choice")
        return self


class QuestionsExercise(ExerciseBase):
    kind: Literal["questions"]
    questions: Annotated[list[Question], Field(min_length=1, max_length=30)]

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.questions, "question")
        return self


class TableExercise(ExerciseBase):
    kind: Literal["table"]
    row_header: Text
    columns: Annotated[list[Column], Field(min_length=1, max_length=6)]
    rows: Annotated[list[Row], Field(min_length=1, max_length=30)]

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.columns, "column")
        _unique(self.rows, "row")
        return self


class ResponsesExercise(ExerciseBase):
    kind: Literal["responses"]
    left_label: Text
    right_label: Text
    examples: Annotated[list[Example], Field(max_length=20)] = []
    min_rows: Annotated[int, Field(ge=1, le=20)] = 3
    max_rows: Annotated[int, Field(ge=1, le=50)] = 20

    @model_validator(mode="after")
    def _rows(self):
        if self.min_rows > self.max_rows:
            raise ValueError("min_rows must not be larger than max_rows")
        return self


class CycleExercise(ExerciseBase):
    kind: Literal["cycle"]
    stages: Annotated[list[Stage], Field(min_length=3, max_length=12)]
    notes_label: Text

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.stages, "stage")
        return self


class Lane(Strict):
    id: Id
    label: Text
    hint: Text | None = None


class TimelineExercise(ExerciseBase):
    kind: Literal["timeline"]
    lanes: Annotated[list[Lane], Field(min_length=1, max_length=4)]
    when_label: Text = "How old you were"
    what_label: Text = "What happened"
    max_events: Annotated[int, Field(ge=1, le=30)] = 12

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.lanes, "lane")
        return self


Exercise = Annotated[
    RatingExercise
    | ChecklistExercise
    | QuestionsExercise
    | TableExercise
    | ResponsesExercise
    | CycleExercise
    | TimelineExercise,
    Field(discriminator="kind"),
]
EXERCISE_KINDS = ("rating", "checklist", "questions", "table", "responses", "cycle", "timeline")


class ChapterFrontMatter(Strict):
    minutes: Annotated[int, Field(ge=1, le=480)] | None = None
    facilitator_notes: LongText | None = None
    exercises: list[Exercise] = []

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.exercises, "exercise")
        return self


class ChapterEntry(Strict):
    id: Id
    title: Text
    summary: Text | None = None


class ModuleFile(Strict):
    id: Id
    title: Text
    summary: Text
    status: Literal["ready", "in-preparation"]
    objectives: list[Text] = []
    chapters: Annotated[list[ChapterEntry], Field(min_length=1)]
    references: list[Text] = []
    related: list[Id] = []

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.chapters, "chapter")
        return self


class Contact(Strict):
    kind: Literal["phone", "chat", "email", "web"]
    label: Text
    value: Text
    href: Annotated[str, Field(pattern=r"^(tel:\+?[0-9]+|mailto:\S+@\S+|https://\S+)$")]
    details: Text | None = None


class CrisisLines(Strict):
    heading: Text
    intro: LongText | None = None
    lines: Annotated[list[Contact], Field(min_length=1)]


class Page(Strict):
    title: Text
    text: LongText


class SupportFile(Strict):
    organisation: Text
    configurable: bool = True
    heading: Text
    intro: LongText
    channels: Annotated[list[Contact], Field(min_length=1)]
    crisis: CrisisLines
    pause_note: LongText
    staying_safe: Page
    busy: Page = Page(
        title="The workbook is busy",
        text="Many people are using the workbook right now. Please try again in a minute.")


class Group(Strict):
    title: Text
    intro: Text | None = None
    modules: Annotated[list[Id], Field(min_length=1)]


class CatalogueFile(Strict):
    title: Text
    intro: LongText
    groups: Annotated[list[Group], Field(min_length=1)]


class SurveyQuestion(Strict):
    """One question of the anonymous survey: a 1..n scale, a choice, or free text."""

    id: Id
    kind: Literal["scale", "choice", "text"]
    text: Text
    labels: Annotated[list[Text], Field(min_length=2, max_length=7)] | None = None
    choices: Annotated[list[Choice], Field(min_length=2, max_length=8)] | None = None
    max_length: Annotated[int, Field(ge=10, le=2000)] = 1000

    @model_validator(mode="after")
    def _fields_for_kind(self):
        if self.kind == "scale" and not self.labels:
            raise ValueError("a scale question needs labels (one per point of the scale)")
        if self.kind == "choice" and not self.choices:
            raise ValueError("a choice question needs choices")
        return self


class SurveyFile(Strict):
    title: Text
    intro: LongText
    stored: Text
    questions: Annotated[list[SurveyQuestion], Field(min_length=1, max_length=12)]
    submit_label: Text
    thanks: Text

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.questions, "question")
        return self
