"""Response table: worked examples, then rows the reader fills, adds and removes."""

from __future__ import annotations

import ipywidgets as w

from workbook.render import render

from .base import AnswerError, ExerciseWidget, RemovableRow, check_text, text_box


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
    kind = "responses"

    def build(self):
        ex = self.exercise
        self.rows_box = w.VBox()
        self.add_button = w.Button(description="Add a row")
        self.add_button.add_class("wb-add-row")
        self.add_button.on_click(lambda _button: self.add_row())
        self.status = w.HTML()
        self.rows_box.children = ()
        for _ in range(ex.min_rows):
            self.add_row(announce=False)
        examples = w.HTML(render("response_examples.html.j2", exercise=ex))
        return [examples, self.rows_box, self.add_button, self.status]

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
        kept = [r.pair for r in self.rows if r is not row]
        self._rebuild(kept)
        self._say("Row removed.")
        self._changed()

    def _rebuild(self, pairs: list[dict[str, str]]) -> None:
        self.rows_box.children = ()
        for pair in pairs:
            self.add_row(pair, announce=False)
        while len(self.rows) < self.exercise.min_rows:
            self.add_row(announce=False)

    def _say(self, message: str) -> None:
        self.status.value = f'<p class="wb-status" role="status">{message}</p>'

    @property
    def answers(self) -> list[dict[str, str]]:
        return [row.pair for row in self.rows]

    def empty(self):
        return []

    def check(self, data) -> list[dict[str, str]]:
        if not isinstance(data, list):
            raise AnswerError(f"{self.id}: expected a list of rows, got {type(data).__name__}")
        if len(data) > self.exercise.max_rows:
            raise AnswerError(f"{self.id}: {len(data)} rows; the limit is {self.exercise.max_rows}")
        clean = []
        for number, row in enumerate(data, start=1):
            if not isinstance(row, dict):
                raise AnswerError(f"{self.id} row {number}: expected left and right text")
            clean.append({side: check_text(row.get(side, ""), f"{self.id} row {number} {side}")
                          for side in ("left", "right")})
        return clean

    def apply(self, data) -> None:
        self._rebuild(data)
