"""Fill-in table: fixed rows (such as stages), one labelled answer per row and column."""

from __future__ import annotations

import ipywidgets as w

from workbook.content.exercises import TableExercise
from workbook.render import render

from .base import ExerciseWidget, text_box


class FillInTable(ExerciseWidget):
    model = TableExercise
    print_template = """\
{% from "print/forms.html.j2" import cell %}
{% macro form(exercise, answer) %}
<table class="wb-grid">
  <thead><tr><th scope="col">{{ exercise.row_header }}</th>
  {% for column in exercise.columns %}<th scope="col">{{ column.label }}</th>{% endfor %}</tr></thead>
  <tbody>
  {% for row in exercise.rows %}
  <tr><th scope="row">{{ row.label }}{% if row.hint
  %}<span class="wb-hint">{{ row.hint }}</span>{% endif %}</th>
    {% for column in exercise.columns %}
    {{ cell(none if answer is none else (answer.get(row.id) or {}).get(column.id, ""), 3) }}
    {% endfor %}</tr>
  {% endfor %}
  </tbody>
</table>
{% endmacro %}
"""

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [f"{exercise.row_header}: " + ", ".join(row.label for row in exercise.rows),
                "Columns: " + ", ".join(column.label for column in exercise.columns)]

    def build(self):
        """A header row, then per row its label (and hint, once) beside one box per column:
        a table on wide screens, a labelled card per row on narrow ones (workbook.css)."""
        ex = self.exercise
        self.cells: dict[tuple[str, str], w.Textarea] = {}
        rows = []
        for row in ex.rows:
            head = w.HTML(render("table_row_label.html.j2", row=row))
            head.add_class("wb-row-head")
            boxes = []
            for column in ex.columns:
                label = row.label if len(ex.columns) == 1 else f"{row.label}: {column.label}"
                box = text_box(label)
                self.cells[(row.id, column.id)] = box
                boxes.append(box)
            row_box = w.HBox([head, *boxes])
            row_box.add_class("wb-table-row")
            rows.append(row_box)
        self.watch(*self.cells.values())
        caption = w.HTML(render("table_caption.html.j2", exercise=ex))
        caption.add_class("wb-table-head-row")
        return [caption, *rows]

    @property
    def answers(self) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {}
        for (row_id, column_id), box in self.cells.items():
            result.setdefault(row_id, {})[column_id] = box.value
        return result

    def apply(self, data) -> None:
        for (row_id, column_id), box in self.cells.items():
            box.value = data.get(row_id, {}).get(column_id, "")

    def fields(self):
        for (row_id, column_id), box in self.cells.items():
            yield box, "value", (row_id, column_id)
