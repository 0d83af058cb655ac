"""Response table: worked examples, then rows the reader fills, adds and removes."""

from __future__ import annotations

import ipywidgets as w

from workbook.content.exercises import ResponsesExercise
from workbook.render import render

from .base import ExerciseWidget, RemovableRow, UndoRemoval, focus_soon, gist, text_box


class ResponseRow(RemovableRow):
    """One editable pair, such as a justification and the response to it."""

    def __init__(self, number: int, left_label: str, right_label: str, on_remove):
        self.left = text_box(f"{left_label} (row {number})", rows=2)
        self.right = text_box(f"{right_label} (row {number})", rows=2)
        super().__init__({"left": self.left, "right": self.right}, f"Remove row {number}",
                         on_remove, "wb-response-row")

    @property
    def pair(self) -> dict[str, str]:
        return self.values


class ResponseTable(ExerciseWidget):
    model = ResponsesExercise
    print_template = """\
{% from "print/forms.html.j2" import cell %}
{% macro form(exercise, answer) %}
<table class="wb-grid">
  <thead><tr><th scope="col">{{ exercise.left_label }}</th><th scope="col">{{ exercise.right_label
  }}</th></tr></thead>
  <tbody>
  {% for example in exercise.examples %}
  <tr class="wb-example"><td><span class="wb-example-tag">Example:</span> {{ example.left
  }}</td><td>{{ example.right }}</td></tr>
  {% endfor %}
  {% if answer is none %}
  {% for _ in range([exercise.min_rows, 4]|max) %}<tr>{{ cell(none, 3) }}{{ cell(none, 3)
  }}</tr>{% endfor %}
  {% else %}
  {% for row in answer %}<tr>{{ cell(row.left) }}{{ cell(row.right) }}</tr>{% endfor %}
  {% if not answer %}<tr><td colspan="2" class="wb-unanswered">(not answered)</td></tr>{% endif %}
  {% endif %}
  </tbody>
</table>
{% endmacro %}
"""

    @classmethod
    def empty(cls):
        return []

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [f"{exercise.left_label} / {exercise.right_label}"]

    def build(self):
        ex = self.exercise
        self.rows_box = w.VBox()
        self.add_button = w.Button(description="Add a row")
        self.add_button.add_class("wb-add-row")
        self.add_button.on_click(lambda _button: self.add_row())
        self.status = UndoRemoval()
        self.rows_box.children = ()
        for _ in range(ex.min_rows):
            self.add_row(announce=False)
        examples = w.HTML(render("response_examples.html.j2", exercise=ex))
        head = w.HTML(render("responses_head.html.j2", exercise=ex))
        return [examples, head, self.rows_box, self.add_button, self.status]

    @property
    def rows(self) -> list[ResponseRow]:
        return list(self.rows_box.children)

    def add_row(self, pair: dict[str, str] | None = None, announce: bool = True) -> ResponseRow | None:
        ex = self.exercise
        if len(self.rows) >= ex.max_rows:
            self._say(f"This table holds at most {ex.max_rows} rows.")
            return None
        row = ResponseRow(len(self.rows) + 1, ex.left_label, ex.right_label, self.remove_row)
        if pair:
            row.left.value, row.right.value = pair["left"], pair["right"]
        self.watch(row.left, row.right)
        self.rows_box.children = (*self.rows, row)
        self.add_button.disabled = len(self.rows) >= ex.max_rows
        if announce:
            self._say(f"Row {len(self.rows)} added.")
            self._changed()
        return row

    def remove_row(self, row: ResponseRow) -> None:
        place = self.rows.index(row)
        pairs = [r.pair for r in self.rows]
        removed = pairs.pop(place)
        self._rebuild(pairs)
        what = gist(removed)
        self.status.offer(f"Row {place + 1} removed" + (f" ({what})." if what else "."),
                          lambda: self._put_back(place, removed))
        self._changed()

    def _put_back(self, place: int, pair: dict[str, str]) -> None:
        pairs = [r.pair for r in self.rows]
        if len(pairs) >= self.exercise.max_rows and not any(pairs[-1].values()):
            pairs.pop()  # a blank row kept for min_rows makes way
        if len(pairs) >= self.exercise.max_rows:
            self._say(f"This table holds at most {self.exercise.max_rows} rows.")
            return
        pairs.insert(place, pair)
        self._rebuild(pairs)
        self._say(f"Row {place + 1} is back.")
        focus_soon(self.rows[place].left)
        self._changed()

    def _rebuild(self, pairs: list[dict[str, str]]) -> None:
        self.rows_box.children = ()
        for pair in pairs:
            self.add_row(pair, announce=False)
        while len(self.rows) < self.exercise.min_rows:
            self.add_row(announce=False)

    def _say(self, message: str) -> None:
        self.status.say(message)

    @property
    def answers(self) -> list[dict[str, str]]:
        return [row.pair for row in self.rows]

    def apply(self, data) -> None:
        self._rebuild(data)

    def fields(self):
        for number, row in enumerate(self.rows):
            for name, box in row.boxes.items():
                yield box, "value", (number, name)
