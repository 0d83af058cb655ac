"""1–3 self-rating: where the reader stands now, repeated at the end to show change."""

from __future__ import annotations

from .widget_choices import ChoiceExercise


class SelfRating(ChoiceExercise):
    kind = "rating"

    def groups(self):
        return [{"id": s.id, "legend": s.text} for s in self.exercise.statements]

    def options(self):
        return [{"id": str(n), "label": f"{n}: {label}"}
                for n, label in enumerate(self.exercise.scale, start=1)]

    def to_answer(self, option_id: str) -> int:
        return int(option_id)

    def to_option(self, answer) -> str | None:
        if isinstance(answer, bool) or not isinstance(answer, int):
            return None
        return str(answer)
