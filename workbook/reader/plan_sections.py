"""One section of My plan: the reader's own lines (add, edit, remove), what they wrote in the
modules that feed it, each with an "Add to my plan" button, and for contacts the helpline first.

It behaves like an exercise widget (answers, check, load, fields), so the answers panel saves,
unlocks, opens files and carries it over to a new kernel unchanged. Its answers: a list of lines.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.base import ExerciseWidget, RemovableRow, UndoRemoval, focus_soon, gist, text_box
from workbook.content.exercises import MAX_TEXT
from workbook.content.plan import MAX_LINES
from workbook.reader.plan_feeds import FedLine
from workbook.render import render


class PlanLine(RemovableRow):
    def __init__(self, number: int, section_title: str, on_remove):
        self.box = text_box(f"{section_title}: line {number}", rows=2)
        super().__init__({"line": self.box}, f"Remove line {number}", on_remove, "wb-plan-line")


class PlanSectionWidget(ExerciseWidget):
    """A plan section (content/plan.yml) as an exercise-like widget; `exercise` is the section."""

    kind = "plan"

    def __init__(self, section, support=None):
        self.support = support
        super().__init__(section)
        self.add_class("wb-plan-section")

    @classmethod
    def empty(cls):
        return []

    def build(self):
        section = self.exercise
        self.lines_box = w.VBox()
        self.add_button = w.Button(description=section.add_label)
        self.add_button.add_class("wb-add-row")
        self.add_button.on_click(lambda _b: self.add_line(focus=True))
        self.status = UndoRemoval()
        self.fed_box = w.VBox(layout=w.Layout(display="none"))
        self.fed_box.add_class("wb-plan-fed")
        self.add_line(announce=False)
        parts = []
        if section.id == "contacts" and self.support is not None:
            parts.append(w.HTML(render("plan_helpline.html.j2", support=self.support)))
        return [*parts, self.fed_box, self.lines_box, self.add_button, self.status]

    # ---- the reader's lines ---------------------------------------------------------------
    @property
    def rows(self) -> list[PlanLine]:
        return list(self.lines_box.children)

    def add_line(self, text: str = "", announce: bool = True, focus: bool = False) -> PlanLine | None:
        if len(self.rows) >= MAX_LINES:
            self.status.say(f"This part of your plan holds at most {MAX_LINES} lines.")
            return None
        row = PlanLine(len(self.rows) + 1, self.exercise.title, self.remove_line)
        row.box.value = text[:MAX_TEXT]
        self.watch(row.box)
        self.lines_box.children = (*self.rows, row)
        if announce:
            self.status.say(f"Line {len(self.rows)} added.")
            self._changed()
        if focus:
            focus_soon(row.box)
        return row

    def take(self, text: str) -> None:
        """Copy a line from the modules into the plan: into an empty last line, or a new one."""
        rows = self.rows
        if rows and not rows[-1].box.value.strip():
            rows[-1].box.value = text[:MAX_TEXT]
            self.status.say(f"Copied into line {len(rows)}. You can change it there.")
        elif self.add_line(text, announce=False) is not None:
            self.status.say(f"Copied into line {len(self.rows)}. You can change it there.")
            self._changed()

    def remove_line(self, row: PlanLine) -> None:
        place = self.rows.index(row)
        lines = self.answers
        removed = lines.pop(place)
        self._rebuild(lines)
        what = gist({"line": removed})
        self.status.offer(f"Line {place + 1} removed" + (f" ({what})." if what else "."),
                          lambda: self._put_back(place, removed))
        self._changed()

    def _put_back(self, place: int, line: str) -> None:
        lines = [text for text in self.answers if text.strip()] if len(self.rows) >= MAX_LINES \
            else self.answers
        lines.insert(place, line)
        self._rebuild(lines[:MAX_LINES])
        self.status.say(f"Line {place + 1} is back.")
        focus_soon(self.rows[place].box)
        self._changed()

    def _rebuild(self, lines: list[str]) -> None:
        self.lines_box.children = ()
        for line in lines:
            self.add_line(line, announce=False)
        if not self.rows:
            self.add_line(announce=False)

    # ---- what the modules hold ---------------------------------------------------------------
    def show_fed(self, fed: list[FedLine]) -> None:
        """Show the reader's module answers that fit this section, each with its button."""
        items = []
        for number, line in enumerate(fed, start=1):
            take = w.Button(description="Add to my plan", tooltip=f"Add line {number} to my plan")
            take.add_class("wb-plan-take")
            take.on_click(lambda _b, text=line.text: self.take(text))
            items.append(w.VBox([w.HTML(render("plan_fed.html.j2", line=line)), take]))
        if items:
            head = w.HTML(render("plan_fed_head.html.j2", section=self.exercise, count=len(items)))
            items.insert(0, head)
        self.fed_box.children = items
        self.fed_box.layout.display = "flex" if items else "none"

    # ---- the exercise protocol -----------------------------------------------------------------
    @property
    def answers(self) -> list[str]:
        return [row.box.value for row in self.rows]

    def apply(self, data) -> None:
        self._rebuild(list(data))

    def fields(self):
        for number, row in enumerate(self.rows):
            yield row.box, "value", (number,)
