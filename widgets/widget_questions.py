"""Question list: one labelled free-text answer per question."""

from __future__ import annotations

from .base import ExerciseWidget, check_mapping, check_text, text_box


class QuestionList(ExerciseWidget):
    kind = "questions"

    def build(self):
        self.boxes = {q.id: text_box(q.text, q.hint) for q in self.exercise.questions}
        self.watch(*self.boxes.values())
        return list(self.boxes.values())

    @property
    def answers(self) -> dict[str, str]:
        return {qid: box.value for qid, box in self.boxes.items()}

    def check(self, data) -> dict[str, str]:
        data = check_mapping(data, self.id)
        return {qid: check_text(value, f"{self.id}.{qid}")
                for qid, value in data.items() if qid in self.boxes}

    def apply(self, data) -> None:
        for qid, box in self.boxes.items():
            box.value = data.get(qid, "")
