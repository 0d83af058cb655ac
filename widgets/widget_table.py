"""Fill-in table: fixed rows (such as stages), one labelled answer per row and column."""

from __future__ import annotations

import ipywidgets as w

from workbook.render import render

from .base import ExerciseWidget, check_mapping, check_text, text_box


class FillInTable(ExerciseWidget):
    kind = "table"

    def build(self):
        ex = self.exercise
        self.cells: dict[tuple[str, str], w.Textarea] = {}
        rows = []
        for row in ex.rows:
            boxes = []
            for column in ex.columns:
                label = row.label if len(ex.columns) == 1 else f"{row.label}: {column.label}"
                box = text_box(label, row.hint)
                self.cells[(row.id, column.id)] = box
                boxes.append(box)
            row_box = w.VBox(boxes)
            row_box.add_class("wb-table-row")
            rows.append(row_box)
        self.watch(*self.cells.values())
        caption = w.HTML(render("table_caption.html.j2", exercise=ex))
        return [caption, *rows]

    @property
    def answers(self) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {}
        for (row_id, column_id), box in self.cells.items():
            result.setdefault(row_id, {})[column_id] = box.value
        return result

    def check(self, data) -> dict[str, dict[str, str]]:
        data = check_mapping(data, self.id)
        rows = {row.id for row in self.exercise.rows}
        columns = {column.id for column in self.exercise.columns}
        clean: dict[str, dict[str, str]] = {}
        for row_id, cells in data.items():
            if row_id not in rows:
                continue
            cells = check_mapping(cells, f"{self.id}.{row_id}")
            clean[row_id] = {col: check_text(text, f"{self.id}.{row_id}.{col}")
                             for col, text in cells.items() if col in columns}
        return clean

    def apply(self, data) -> None:
        for (row_id, column_id), box in self.cells.items():
            box.value = data.get(row_id, {}).get(column_id, "")
