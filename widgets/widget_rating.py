"""1–3 self-rating: where the reader stands now, repeated at the end to show change."""

from __future__ import annotations

from workbook.content.exercises import RatingExercise

from .widget_choices import ChoiceExercise


def scale_options(scale) -> list[dict]:
    """One option per point of the scale: id "1", "2", ..., label "1: <label>"."""
    return [{"id": str(n), "label": f"{n}: {label}"} for n, label in enumerate(scale, start=1)]


class SelfRating(ChoiceExercise):
    model = RatingExercise
    print_filters = {"scale_options": scale_options}
    print_template = """\
{% from "print/forms.html.j2" import choices %}
{% macro form(exercise, answer) %}
{{ choices(exercise, exercise.statements, exercise.scale | scale_options, answer) }}
{% endmacro %}
"""

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [item.text for item in exercise.statements]

    def groups(self):
        return [{"id": s.id, "legend": s.text} for s in self.exercise.statements]

    def options(self):
        return scale_options(self.exercise.scale)

    def to_option(self, answer) -> str:
        return str(answer)

    def to_answer(self, option_id: str) -> int:
        return int(option_id)
