"""The schema of `content/`: typed models every content file is checked against.

Docs: docs/content-format.md. The JSON Schema (docs/content-schema.json) is generated from
these models by `workbook schema`. The exercise kinds live in exercises.py (re-exported here).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from workbook.content.exercises import (  # noqa: F401  (re-exported: the exercise kinds)
    EXERCISE_KINDS,
    EXERCISE_MODELS,
    YES_NO,
    ChecklistExercise,
    Choice,
    Column,
    CycleExercise,
    Example,
    Exercise,
    ExerciseBase,
    Labelled,
    Lane,
    Question,
    QuestionsExercise,
    RatingExercise,
    ResponsesExercise,
    Row,
    Stage,
    TableExercise,
    TimelineExercise,
)
from workbook.content.fields import ID_PATTERN, Id, LongText, Strict, Text  # noqa: F401
from workbook.content.fields import unique as _unique


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
    materials: list[Text] = []  # what a facilitator brings (facilitator's handbook)
    room: LongText | None = None  # how to set up the room (facilitator's handbook)
    chapters: Annotated[list[ChapterEntry], Field(min_length=1)]
    references: list[Text] = []
    related: list[Id] = []

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.chapters, "chapter")
        return self


HttpsUrl = Annotated[str, Field(pattern=r"^https://\S+$", max_length=500)]


class Contact(Strict):
    kind: Literal["phone", "chat", "email", "web", "text"]
    label: Text
    value: Text
    href: Annotated[str, Field(pattern=r"^(tel:\+?[0-9]+|sms:[0-9]+|mailto:\S+@\S+|https://\S+)$")]
    details: Text | None = None
    hours: Text | None = None
    where: Text | None = None
    source: HttpsUrl | None = None


class CrisisLine(Contact):
    """A crisis line: its number and hours must come from the organisation's own page (`source`)."""

    source: HttpsUrl


class CrisisLines(Strict):
    heading: Text
    intro: LongText | None = None
    lines: Annotated[list[CrisisLine], Field(min_length=1)]


class Page(Strict):
    title: Text
    text: LongText


class Source(Strict):
    label: Text
    url: HttpsUrl


class HelpPage(Strict):
    """One "If you need help now" page, served without a kernel at /help-now/<id>."""

    id: Id
    title: Text
    summary: Text
    text: LongText
    crisis_lines: bool = False
    sources: Annotated[list[Source], Field(min_length=1)]


class HelpNow(Strict):
    title: Text
    intro: LongText
    link_label: Text = "Help now"
    pages: Annotated[list[HelpPage], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.pages, "help page")
        return self


class SupportFile(Strict):
    organisation: Text
    configurable: bool = True
    heading: Text
    intro: LongText
    channels: Annotated[list[Contact], Field(min_length=1)]
    when_closed: LongText | None = None
    crisis: CrisisLines
    pause_note: LongText
    writing_safely: Page
    staying_safe: Page
    busy: Page = Page(
        title="The workbook is busy",
        text="Many people are using the workbook right now. Please try again in a minute.")
    help_now: HelpNow | None = None


class Group(Strict):
    title: Text
    intro: Text | None = None
    modules: Annotated[list[Id], Field(min_length=1)]


# A page of this site a where-to-start question can point to, such as /help-now/police.
SITE_PATH = r"^(/[a-z0-9]+(-[a-z0-9]+)*)+$"


class StartingPoint(Strict):
    """One where-to-start question and where it leads: one or more modules, or a page of the site."""

    question: Text
    answer: Text
    modules: Annotated[list[Id], Field(min_length=1)] | None = None
    page: Annotated[str, Field(pattern=SITE_PATH)] | None = None
    link: Text | None = None

    @model_validator(mode="after")
    def _one_target(self):
        if (self.modules is None) == (self.page is None):
            raise ValueError("give either modules (a list of module ids) or page (such as /help-now/police)")
        if (self.page is not None) != bool(self.link):
            raise ValueError("give link (the words of the link) with page, and only with page")
        return self


class WhereToStart(Strict):
    heading: Text
    intro: Text | None = None
    questions: Annotated[list[StartingPoint], Field(min_length=1, max_length=10)]


class Edition(Strict):
    """Which edition of the content this is; every printout names it."""

    name: Text
    adapted_by: Text | None = None
    version: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    date: datetime.date | None = None


class CatalogueFile(Strict):
    title: Text
    intro: LongText
    edition: Edition | None = None
    where_to_start: WhereToStart | None = None
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
    before_you_write: LongText
    stored: Text
    questions: Annotated[list[SurveyQuestion], Field(min_length=1, max_length=12)]
    submit_label: Text
    thanks: Text

    @model_validator(mode="after")
    def _ids(self):
        _unique(self.questions, "question")
        return self
