"""Timeline: the reader adds events (when, what) to each part of their life story and sees
them drawn along a line, parts one above the other, in time order."""

from __future__ import annotations

import re

import ipywidgets as w

from workbook.content.exercises import TimelineExercise
from workbook.render import render

from .base import ExerciseWidget, RemovableRow, UndoRemoval, focus_soon, gist, text_box

NUMBER = re.compile(r"\d+(?:\.\d+)?")


class TimelineEvent(RemovableRow):
    """One event: when it happened and what happened, with a button to remove it."""

    def __init__(self, lane_label: str, number: int, when_label: str, what_label: str, on_remove):
        self.when = text_box(f"{when_label}: {lane_label}, event {number}", rows=1)
        self.what = text_box(f"{what_label}: {lane_label}, event {number}", rows=2)
        super().__init__({"when": self.when, "what": self.what},
                         f"Remove event {number} from {lane_label}", on_remove, "wb-timeline-event")

    @property
    def event(self) -> dict[str, str]:
        return self.values


def position(when: str) -> float | None:
    """The first number in `when` (an age or a year), used to place the event on the line."""
    match = NUMBER.search(when or "")
    return float(match.group()) if match else None


WHEN_WIDTH, WHAT_WIDTH = 10.5, 9.5  # picture units per character, a little over the real width
LEVEL_HEIGHT, LANE_GAP = 40, 60


def label_width(event: dict) -> float:
    return max(len(event["when"]) * WHEN_WIDTH, len(event["what"]) * WHAT_WIDTH, 20)


def stack(events: list[dict]) -> None:
    """Give each event of one lane a level (line of labels) and a left edge so that no two labels
    on a level overlap: labels sit under their dot, kept inside the picture (10–990)."""
    ends: list[float] = []  # right edge of the last label on each level
    for event in sorted(events, key=lambda e: e["x"]):
        width = label_width(event)
        left = min(max(10 * event["x"] - width / 2, 10), 990 - width)
        level = next((n for n, end in enumerate(ends) if end + 12 <= left), len(ends))
        if level == len(ends):
            ends.append(0)
        ends[level] = left + width
        event.update(level=level, left=round(left, 1))


def layout_events(lanes: list, events: dict[str, list[dict]]) -> list[dict]:
    """Picture coordinates (0–100 along the line) for every event, undated ones at the end, with
    the level and left edge of its labels (see `stack`)."""
    numbers = [position(e["when"]) for lane in lanes for e in events.get(lane.id, [])]
    known = [n for n in numbers if n is not None]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    span = (high - low) or 1.0
    placed = []
    for row, lane in enumerate(lanes):
        undated, in_lane = 0, []
        for event in events.get(lane.id, []):
            if not (event["when"].strip() or event["what"].strip()):
                continue
            at = position(event["when"])
            x = 12 + 74 * (at - low) / span if at is not None else 92 + 2 * (undated % 3)
            undated += at is None
            in_lane.append({"row": row, "x": round(x, 2), "when": event["when"][:20],
                            "what": event["what"][:40]})
        stack(in_lane)
        placed.extend(in_lane)
    return placed


def lane_tops(lanes: list, placed: list[dict]) -> tuple[list[int], int]:
    """Where each lane's line is drawn, and the picture's height."""
    tops, top = [], 50
    for row in range(len(lanes)):
        tops.append(top)
        levels = max((e["level"] for e in placed if e["row"] == row), default=0) + 1
        top += LANE_GAP + LEVEL_HEIGHT * levels
    return tops, top - 30


class Timeline(ExerciseWidget):
    model = TimelineExercise
    print_template = """\
{% from "print/forms.html.j2" import cell %}
{% macro form(exercise, answer) %}
{% for lane in exercise.lanes %}
<div class="wb-lane">
  <p class="wb-prompt">{{ lane.label }}</p>
  {% if lane.hint %}<p class="wb-hint">{{ lane.hint }}</p>{% endif %}
  <table class="wb-grid wb-timeline">
    <thead><tr><th scope="col">{{ exercise.when_label }}</th><th scope="col">{{ exercise.what_label
    }}</th></tr></thead>
    <tbody>
    {% if answer is none %}
    {% for _ in range(4) %}<tr>{{ cell(none) }}{{ cell(none) }}</tr>{% endfor %}
    {% else %}
    {% set events = answer.get(lane.id) or [] %}
    {% for event in events %}<tr>{{ cell(event.when) }}{{ cell(event.what) }}</tr>{% endfor %}
    {% if not events %}<tr><td colspan="2" class="wb-unanswered">(not answered)</td></tr>{% endif %}
    {% endif %}
    </tbody>
  </table>
</div>
{% endfor %}
{% endmacro %}
"""

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [lane.label for lane in exercise.lanes]

    def build(self):
        ex = self.exercise
        self.lanes: dict[str, w.VBox] = {}
        self.add_buttons: dict[str, w.Button] = {}
        self.undo: dict[str, UndoRemoval] = {}
        parts = []
        for lane in ex.lanes:
            heading = w.HTML(render("timeline_lane.html.j2", lane=lane))
            self.lanes[lane.id] = w.VBox()
            add = w.Button(description=f"Add an event to {lane.label}")
            add.add_class("wb-add-row")
            add.on_click(lambda _button, lane_id=lane.id: self.add_event(lane_id))
            self.add_buttons[lane.id] = add
            self.undo[lane.id] = UndoRemoval()
            part = w.VBox([heading, self.lanes[lane.id], add, self.undo[lane.id]])
            part.add_class("wb-timeline-lane")
            parts.append(part)
        self.picture = w.HTML()
        self.picture.add_class("wb-timeline-picture")
        self.on_change(lambda _widget: self.draw())
        self.draw()
        return [self.picture, *parts]

    def _lane(self, lane_id: str):
        return next(lane for lane in self.exercise.lanes if lane.id == lane_id)

    def events(self, lane_id: str) -> list[TimelineEvent]:
        return list(self.lanes[lane_id].children)

    def add_event(self, lane_id: str, event: dict | None = None, announce: bool = True):
        ex, lane = self.exercise, self._lane(lane_id)
        if len(self.events(lane_id)) >= ex.max_events:
            return None
        row = TimelineEvent(lane.label, len(self.events(lane_id)) + 1, ex.when_label, ex.what_label,
                            lambda item: self.remove_event(lane_id, item))
        if event:
            row.when.value, row.what.value = event["when"], event["what"]
        self.watch(row.when, row.what)
        self.lanes[lane_id].children = (*self.events(lane_id), row)
        self.add_buttons[lane_id].disabled = len(self.events(lane_id)) >= ex.max_events
        if announce:
            self._changed()
        return row

    def remove_event(self, lane_id: str, row: TimelineEvent) -> None:
        place = self.events(lane_id).index(row)
        events = [item.event for item in self.events(lane_id)]
        removed = events.pop(place)
        self._fill(lane_id, events)
        what = gist(removed)
        self.undo[lane_id].offer(f"Event {place + 1} removed" + (f" ({what})." if what else "."),
                                 lambda: self._put_back(lane_id, place, removed))
        self._changed()

    def _put_back(self, lane_id: str, place: int, event: dict[str, str]) -> None:
        events = [item.event for item in self.events(lane_id)]
        if len(events) >= self.exercise.max_events:
            self.undo[lane_id].say(f"This part holds at most {self.exercise.max_events} events.")
            return
        events.insert(place, event)
        self._fill(lane_id, events)
        self.undo[lane_id].say(f"Event {place + 1} is back.")
        focus_soon(self.events(lane_id)[place].when)
        self._changed()

    def _fill(self, lane_id: str, events: list[dict]) -> None:
        self.lanes[lane_id].children = ()
        self.add_buttons[lane_id].disabled = False
        for event in events:
            self.add_event(lane_id, event, announce=False)

    def draw(self) -> None:
        placed = layout_events(self.exercise.lanes, self.answers)
        tops, height = lane_tops(self.exercise.lanes, placed)
        in_order = sorted(placed, key=lambda e: (e["row"], e["x"]))
        self.picture.value = render("timeline_picture.html.j2", exercise=self.exercise,
                                    events=in_order, tops=tops, height=height)

    @property
    def answers(self) -> dict[str, list[dict[str, str]]]:
        return {lane_id: [row.event for row in self.events(lane_id)] for lane_id in self.lanes}

    def apply(self, data) -> None:
        for lane_id in self.lanes:
            self._fill(lane_id, data.get(lane_id, []))
        self.draw()

    def fields(self):
        for lane_id in self.lanes:
            for number, row in enumerate(self.events(lane_id)):
                for name, box in row.boxes.items():
                    yield box, "value", (lane_id, number, name)
