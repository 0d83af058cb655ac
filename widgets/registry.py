"""Which widget shows which exercise kind, built from the widget classes (each names its model)."""

from __future__ import annotations

from .base import ExerciseWidget
from .widget_checklist import Checklist
from .widget_cycle import CycleExercise
from .widget_questions import QuestionList
from .widget_rating import SelfRating
from .widget_responses import ResponseTable
from .widget_table import FillInTable
from .widget_timeline import Timeline

WIDGET_CLASSES: tuple[type[ExerciseWidget], ...] = (
    SelfRating, Checklist, QuestionList, FillInTable, ResponseTable, CycleExercise, Timeline)
WIDGETS: dict[str, type[ExerciseWidget]] = {cls.kind: cls for cls in WIDGET_CLASSES}


def exercise_widget(exercise) -> ExerciseWidget:
    """The widget for one exercise definition from content."""
    return WIDGETS[exercise.kind](exercise)
