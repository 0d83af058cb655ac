"""Yes/no checklist: one answer per statement, from the exercise's choices."""

from __future__ import annotations

from workbook.content.exercises import ChecklistExercise

from .widget_choices import ChoiceExercise


class Checklist(ChoiceExercise):
    model = ChecklistExercise
    print_template = """\
{% from "print/forms.html.j2" import choices %}
{% macro form(exercise, answer) %}
{{ choices(exercise, exercise.items, exercise.choices, answer) }}
{% endmacro %}
"""

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [item.text for item in exercise.items]

    def groups(self):
        return [{"id": item.id, "legend": item.text} for item in self.exercise.items]

    def options(self):
        return [{"id": choice.id, "label": choice.label} for choice in self.exercise.choices]
