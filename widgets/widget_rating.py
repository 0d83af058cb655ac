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

    def follow(self, earlier) -> None:
        """An end rating asking what an earlier (start) rating asked shows the start choices."""
        start = next((widget for widget in earlier
                      if isinstance(widget, SelfRating) and self.same_statements(widget)), None)
        if start is not None:
            self.compare_with(start)

    def same_statements(self, other: SelfRating) -> bool:
        """Whether `other` asks the same statements on the same scale (a start and end rating)."""
        return (other.exercise.scale == self.exercise.scale and
                [s.id for s in other.exercise.statements] == [s.id for s in self.exercise.statements])

    def compare_with(self, start: SelfRating) -> None:
        """Show, under each statement, what the reader chose in `start`, kept up to date."""
        labels = {option["id"]: option["label"] for option in self.options()}

        def show(_change=None):
            chosen = start.choices.value
            self.choices.notes = {key: f"At the start you chose {labels[option]}."
                                  for key, option in chosen.items() if option in labels}

        start.choices.observe(show, names="value")
        show()
