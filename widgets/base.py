"""What every exercise widget shares: heading, intro, text limits, `answers` and `load()`.

A widget class is the one registry entry of its exercise kind: its content `model` (the kind
comes from it), the blank answers, what a slide lists and how the kind prints.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable, Iterator
from typing import ClassVar

import ipywidgets as w

from workbook.answers.check import AnswerError, AnswersCheck
from workbook.content.exercises import MAX_TEXT, ExerciseBase, kind_of
from workbook.render import exercise_heading

__all__ = ["MAX_TEXT", "AnswerError", "ExerciseWidget", "RemovableRow", "UndoRemoval", "text_box"]
FOCUS_DELAY = 0.3  # seconds for the browser to draw a row that was just put back, before focusing it

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


def focus_soon(widget: w.DOMWidget) -> None:
    """Move the reader's focus to `widget` once the browser has drawn it."""
    try:
        asyncio.get_running_loop().call_later(FOCUS_DELAY, widget.focus)
    except RuntimeError:  # no kernel loop (tests): at once
        widget.focus()


class UndoRemoval(w.HBox):
    """After a row is removed: a status saying what went, and an Undo button (which gets the
    focus, so keyboard users are not sent back to the top) that puts the row back."""

    def __init__(self):
        self.message = w.HTML()
        self.button = w.Button(description="Undo", layout=w.Layout(display="none"))
        self.button.add_class("wb-undo")
        self.button.on_click(lambda _button: self.undo())
        self._restore: Callable[[], None] | None = None
        super().__init__([self.message, self.button])
        self.add_class("wb-undo-removal")

    def say(self, message: str) -> None:
        """A plain status, with nothing to undo."""
        self._restore = None
        self.button.layout.display = "none"
        self.message.value = f'<p class="wb-status" role="status">{html.escape(message)}</p>'

    def offer(self, message: str, restore: Callable[[], None]) -> None:
        self.say(message)
        self._restore = restore
        self.button.layout.display = None
        self.button.focus()

    def undo(self) -> None:
        restore = self._restore
        self.say("")
        if restore is not None:
            restore()


def gist(values: dict[str, str], limit: int = 40) -> str:
    """The start of a row's text, to say which row was removed."""
    text = " / ".join(v.strip() for v in values.values() if v.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_PATH_INDEX = 1000  # no exercise has this many rows; a larger index is not ours


def nest(found: list[tuple[tuple, object]], empty):
    """Nested answers from (path, value) pairs: string keys make mappings, whole-number keys
    lists in their order. An empty path is the whole answer. Paths that clash are dropped."""
    if not found:
        return empty
    if any(path == () for path, _ in found):
        return next(value for path, value in found if path == ())
    groups: dict = {}
    for path, value in found:
        groups.setdefault(path[0], []).append((path[1:], value))
    keys = list(groups)
    if all(isinstance(key, int) and 0 <= key < MAX_PATH_INDEX for key in keys):
        return [nest(groups[key], None) for key in sorted(keys)]
    return {key: nest(groups[key], None) for key in keys if isinstance(key, str)}


class ExerciseWidget(w.VBox):
    """Base of every exercise kind: subclasses build inputs and map them to plain answers.

    `print_template` is Jinja source defining `form(exercise, answer)`: the exercise on paper,
    blank when `answer` is None. It may import box, cell and choices from print/forms.html.j2;
    `print_filters` adds the filters it needs.
    """

    model: ClassVar[type[ExerciseBase]]
    kind: ClassVar[str] = ""
    print_template: ClassVar[str] = ""
    print_filters: ClassVar[dict[str, Callable]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "model" in cls.__dict__:
            cls.kind = kind_of(cls.model)

    def follow(self, earlier: list[ExerciseWidget]) -> None:
        """Link to the exercises shown before this one on the page (a kind may build on one);
        nothing by default."""

    @classmethod
    def empty(cls):
        """The answers of an exercise nobody has touched."""
        return {}

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        """What a workshop slide lists for the exercise."""
        return []

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
        """`data` checked through the kind's answers type for `load()`: unknown ids dropped,
        AnswerError (changing nothing) if it does not fit."""
        if getattr(self, "_check", None) is None:
            self._check = AnswersCheck(self.exercise)
        return self._check(data)

    def apply(self, data) -> None:
        raise NotImplementedError

    def fields(self) -> Iterator[tuple[w.Widget, str, tuple]]:
        """Where the answers live in the browser: (widget, trait, path within `answers`) for
        each input, so a page can carry what is typed over to a new kernel (answers/carry.py)."""
        raise NotImplementedError

    def answers_from(self, found: list[tuple[tuple, object]]):
        """Answers rebuilt from (path, value) pairs read back from `fields()` in the browser;
        not yet checked (see `load`)."""
        return nest(found, self.empty())

    def load(self, data) -> None:
        """Restore answers. Unknown ids are ignored; wrong types raise AnswerError, changing nothing."""
        self.apply(self.check(data))

    def clear(self) -> None:
        self.load(self.empty())

    def on_change(self, callback: Callable[[ExerciseWidget], None]) -> None:
        self._listeners.append(callback)

    def _changed(self, _change=None) -> None:
        for callback in self._listeners:
            callback(self)

    def watch(self, *widgets: w.Widget) -> None:
        for widget in widgets:
            widget.observe(self._changed, names="value")
