"""Question list: one labelled free-text answer per question."""

from __future__ import annotations

from workbook.content.exercises import QuestionsExercise

from .base import ExerciseWidget, text_box


class QuestionList(ExerciseWidget):
    model = QuestionsExercise
    print_template = """\
{% from "print/forms.html.j2" import box %}
{% macro form(exercise, answer) %}
{% for question in exercise.questions %}
<div class="wb-question">
  <p class="wb-prompt">{{ question.text }}</p>
  {% if question.hint %}<p class="wb-hint">{{ question.hint }}</p>{% endif %}
  {{ box(none if answer is none else answer.get(question.id, "")) }}
</div>
{% endfor %}
{% endmacro %}
"""

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [item.text for item in exercise.questions]

    def build(self):
        self.boxes = {q.id: text_box(q.text, q.hint) for q in self.exercise.questions}
        self.watch(*self.boxes.values())
        return list(self.boxes.values())

    @property
    def answers(self) -> dict[str, str]:
        return {qid: box.value for qid, box in self.boxes.items()}

    def apply(self, data) -> None:
        for qid, box in self.boxes.items():
            box.value = data.get(qid, "")

    def fields(self):
        for qid, box in self.boxes.items():
            yield box, "value", (qid,)
