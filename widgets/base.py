"""What every exercise widget shares: heading, intro, text limits, `answers` and `load()`."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from workbook.render import exercise_heading

MAX_TEXT = 2000


class AnswerError(ValueError):
    """Answers given to `load()` (or sent by a client) do not fit the exercise."""


def check_mapping(data, exercise_id: str) -> dict:
    if not isinstance(data, dict):
        raise AnswerError(f"{exercise_id}: expected a mapping of id to answer, got {type(data).__name__}")
    return data


def check_text(value, where: str) -> str:
    if not isinstance(value, str):
        raise AnswerError(f"{where}: expected text, got {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise AnswerError(f"{where}: text is {len(value)} characters; the limit is {MAX_TEXT}")
    return value


def text_box(label: str, hint: str | None = None, rows: int = 3) -> w.Textarea:
    """A labelled multi-line answer box; text past MAX_TEXT is cut with a visible note."""
    box = w.Textarea(description=label, placeholder=hint or "", rows=rows,
                     continuous_update=True,
                     style={"description_width": "initial"},
                     layout=w.Layout(width="100%"))
    box.add_class("wb-field")

    def cap(change):
        if len(change["new"]) > MAX_TEXT:
            box.value = change["new"][:MAX_TEXT]
            box.placeholder = f"Answers are limited to {MAX_TEXT} characters; the rest was not kept."

    box.observe(cap, names="value")
    return box


class RemovableRow(w.VBox):
    """A row the reader fills and may remove: labelled text boxes, then a Remove button."""

    def __init__(self, boxes: dict[str, w.Textarea], remove_label: str, on_remove, css_class: str):
        self.boxes = boxes
        self.remove = w.Button(description=remove_label)
        self.remove.add_class("wb-remove-row")
        self.remove.on_click(lambda _button: on_remove(self))
        super().__init__([*boxes.values(), self.remove])
        self.add_class(css_class)

    @property
    def values(self) -> dict[str, str]:
        return {name: box.value for name, box in self.boxes.items()}


class ExerciseWidget(w.VBox):
    """Base of every exercise kind: subclasses build inputs and map them to plain answers."""

    kind = ""

    def __init__(self, exercise, **kwargs):
        self.exercise = exercise
        self._listeners: list[Callable[[ExerciseWidget], None]] = []
        header = w.HTML(exercise_heading(exercise))
        super().__init__(children=[header, *self.build()], **kwargs)
        self.add_class("wb-exercise")
        self.add_class(f"wb-{self.kind}")

    @property
    def id(self) -> str:
        return self.exercise.id

    def build(self) -> list[w.Widget]:
        raise NotImplementedError

    @property
    def answers(self):
        """The reader's answers as plain, JSON-ready data."""
        raise NotImplementedError

    def check(self, data):
        """Validate `data` for `load()`; raise AnswerError and change nothing if it does not fit."""
        raise NotImplementedError

    def apply(self, data) -> None:
        raise NotImplementedError

    def load(self, data) -> None:
        """Restore answers. Unknown ids are ignored; wrong types raise AnswerError, changing nothing."""
        self.apply(self.check(data))

    def clear(self) -> None:
        self.load(self.empty())

    def empty(self):
        return {}

    def on_change(self, callback: Callable[[ExerciseWidget], None]) -> None:
        self._listeners.append(callback)

    def _changed(self, _change=None) -> None:
        for callback in self._listeners:
            callback(self)

    def watch(self, *widgets: w.Widget) -> None:
        for widget in widgets:
            widget.observe(self._changed, names="value")
