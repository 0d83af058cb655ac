"""Yes/no checklist: one answer per statement, from the exercise's choices."""

from __future__ import annotations

from .widget_choices import ChoiceExercise


class Checklist(ChoiceExercise):
    kind = "checklist"

    def groups(self):
        return [{"id": item.id, "legend": item.text} for item in self.exercise.items]

    def options(self):
        return [{"id": choice.id, "label": choice.label} for choice in self.exercise.choices]
