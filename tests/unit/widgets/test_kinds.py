"""One registry entry per exercise kind: each widget class brings its model, print form and slide lines."""

from __future__ import annotations

import dataclasses
from typing import Literal

import pytest

from tests.unit.widgets.test_widgets import sample_answers
from widgets.base import ExerciseWidget
from widgets.registry import WIDGET_CLASSES, WIDGETS
from workbook.content.exercises import EXERCISE_MODELS, ExerciseBase, Labelled
from workbook.content.schema import EXERCISE_KINDS
from workbook.export import markup
from workbook.export.documents import chapter_cells


def test_the_kinds_are_the_models_tags():
    assert EXERCISE_KINDS == tuple(model.model_fields["kind"].annotation.__args__[0]
                                   for model in EXERCISE_MODELS)


@pytest.mark.parametrize("model", EXERCISE_MODELS, ids=lambda model: model.__name__)
def test_every_kind_has_exactly_one_widget_with_print_and_slides(exercises, model):
    widgets = [cls for cls in WIDGET_CLASSES if cls.model is model]
    assert len(widgets) == 1
    widget = widgets[0]
    assert WIDGETS[widget.kind] is widget
    exercise = exercises[widget.kind]
    lines = widget.slide_lines(exercise)
    assert lines and all(isinstance(line, str) and line for line in lines)
    assert "{% macro form(exercise, answer) %}" in widget.print_template
    blank = markup.render_fragment("print/exercise.html.j2", exercise=exercise, answer=None,
                                   facilitator=False)
    filled = markup.render_fragment("print/exercise.html.j2", exercise=exercise,
                                    answer=sample_answers(exercise), facilitator=False)
    assert f"wb-kind-{widget.kind}" in blank and blank != filled
    assert widget.empty() in ({}, [])


class MadeUpExercise(ExerciseBase):
    kind: Literal["made-up"]
    steps: list[Labelled]


class MadeUpWidget(ExerciseWidget):
    model = MadeUpExercise
    print_template = """\
{% from "print/forms.html.j2" import box %}
{% macro form(exercise, answer) %}
<ol class="made-up">{% for step in exercise.steps %}<li>{{ step.text | shout }}
{{ box(none if answer is none else answer.get(step.id, "")) }}</li>{% endfor %}</ol>
{% endmacro %}
"""
    print_filters = {"shout": lambda text: text.upper()}

    @classmethod
    def empty(cls):
        return {"from-empty": "nothing yet"}

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [f"step: {step.text}" for step in exercise.steps]


@pytest.fixture
def made_up(monkeypatch):
    monkeypatch.setitem(WIDGETS, MadeUpWidget.kind, MadeUpWidget)
    markup.environment.cache_clear()
    yield MadeUpExercise(id="made-up-one", kind="made-up", title="Made up",
                         steps=[Labelled(id="from-empty", text="first <step>")])
    markup.environment.cache_clear()


def test_a_new_kind_prints_and_slides_without_export_changes(made_up, workbook):
    assert MadeUpWidget.kind == "made-up"
    printed = markup.render_fragment("print/exercise.html.j2", exercise=made_up, answer=None,
                                     facilitator=False)
    assert '<ol class="made-up"><li>FIRST &lt;STEP&gt;' in printed
    assert 'aria-label="space to write"' in printed
    slide = markup.render_fragment("slides/exercise.html.j2", exercise=made_up)
    assert "<li>step: first &lt;step&gt;</li>" in slide
    module = next(m for m in workbook.modules.values() if m.ready)
    chapter = dataclasses.replace(module.chapters[0], blocks=(("exercise", made_up),))
    cells = chapter_cells(workbook, module, chapter, 1, "answers", answers={})
    assert "nothing yet" in cells[-1].source, "the answers edition starts from the kind's empty()"
