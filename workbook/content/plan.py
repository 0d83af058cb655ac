"""content/plan.yml: the sections of "My plan" and the exercises that feed each one.

A feed names a module, one of its exercises and, if only part of it fits, some of its fields
(question, row, stage or item ids). `check_feeds` makes sure each one exists, in plain words;
feeds from a module still in preparation are skipped (its chapters may not be written yet).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from workbook.content.exercises import AnswerText
from workbook.content.fields import Id, LongText, Strict, Text, unique

PLAN_ID = "my-plan"  # the plan's notebook name and its key in the answers document
MAX_SECTIONS = 12
MAX_LINES = 30  # the reader's own lines in one section
FED_KINDS = ("questions", "table", "responses", "cycle", "checklist")


class Feed(Strict):
    module: Id
    exercise: Id
    fields: Annotated[list[Id], Field(max_length=30)] = []


class PlanSection(Strict):
    id: Id
    title: Text
    intro: LongText
    add_label: Text = "Add a line"
    feeds: Annotated[list[Feed], Field(max_length=20)] = []

    def answers_type(self) -> object:
        """What a plan section holds in the answers (so it can be checked like an exercise)."""
        return plan_lines_type()


class PlanFile(Strict):
    title: Text
    intro: LongText
    empty_note: LongText
    card_title: Text
    card_steps: Annotated[list[Text], Field(min_length=1, max_length=6)]
    sections: Annotated[list[PlanSection], Field(min_length=1, max_length=MAX_SECTIONS)]

    @model_validator(mode="after")
    def _ids(self):
        unique(self.sections, "section")
        return self


def sub_ids(exercise) -> list[str]:
    """The ids a feed's `fields` may name for this exercise (empty for response tables)."""
    for name in ("questions", "rows", "stages", "items"):
        if hasattr(exercise, name):
            return [part.id for part in getattr(exercise, name)]
    return []


def check_feeds(plan: PlanFile, modules: dict, set_aside=frozenset()) -> list[str]:
    """Plain sentences for every feed that names a module, exercise or field that does not exist.
    Modules `set_aside` (they have a mistake of their own, reported there) are skipped."""
    problems = []
    for section in plan.sections:
        for feed in section.feeds:
            where = f"section '{section.id}'"
            if feed.module in set_aside:
                continue
            module = modules.get(feed.module)
            if module is None:
                problems.append(f"{where} takes answers from module '{feed.module}', but there is "
                                f"no module with that id (no content/{feed.module}/ folder)")
                continue
            if not module.ready:
                continue
            exercise = next((ex for ex in module.exercises if ex.id == feed.exercise), None)
            if exercise is None:
                problems.append(f"{where} takes answers from exercise '{feed.exercise}', but "
                                f"module '{feed.module}' has no exercise with that id")
                continue
            if exercise.kind not in FED_KINDS:
                problems.append(f"{where}: exercise '{feed.exercise}' is a {exercise.kind}, and a "
                                f"plan can only take written answers ({', '.join(FED_KINDS)})")
                continue
            known = sub_ids(exercise)
            for field in feed.fields:
                if field not in known:
                    problems.append(f"{where}: exercise '{feed.exercise}' has no field '{field}'"
                                    + (f" (it has: {', '.join(known)})" if known else
                                       " (a response table has no fields to pick)"))
    return problems


def plan_lines_type() -> object:
    """The shape of one section's answers: the reader's lines, each a text of at most MAX_TEXT."""
    return Annotated[list[AnswerText], Field(max_length=MAX_LINES)]
