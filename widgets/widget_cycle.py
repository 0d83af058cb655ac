"""Cycle diagram: a ring of stages; each opens its description and the reader's notes on it."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

from workbook.content.exercises import CycleExercise as CycleModel
from workbook.render import markdown

from .base import MAX_TEXT, ExerciseWidget
from .early import EarlyForm, attribute, early_part

STATIC = Path(__file__).resolve().parent / "static"


class CycleDiagram(anywidget.AnyWidget):
    """The diagram itself; keyboard operable, a plain list on narrow screens."""

    _esm = STATIC / "cycle.js"
    name = t.Unicode(help="Prefix for element ids; unique on the page.").tag(sync=True)
    label = t.Unicode(help="Accessible name of the list of stages.").tag(sync=True)
    stages = t.List(t.Dict(), help="[{id, title, html}] in cycle order").tag(sync=True)
    notes_label = t.Unicode(help="Label of the notes box, followed by the stage title.").tag(sync=True)
    notes = t.Dict(help="{stage id: the reader's notes}").tag(sync=True)
    open_stage = t.Unicode("", help="Id of the stage shown, or empty.").tag(sync=True)
    max_length = t.Int(MAX_TEXT, help="Longest note accepted, in characters.").tag(sync=True)

    @t.validate("notes")
    def _only_known(self, proposal):
        """A client can send anything: keep known stages' text, cut to the limit."""
        known = {stage["id"] for stage in self.stages}
        return {key: text[:MAX_TEXT] for key, text in proposal["value"].items()
                if key in known and isinstance(text, str)}

    @t.validate("open_stage")
    def _known_stage(self, proposal):
        known = {stage["id"] for stage in self.stages}
        return proposal["value"] if proposal["value"] in known else ""


@early_part.register
def _early_cycle(widget: CycleDiagram, form: EarlyForm) -> str:
    """The stages as a list that opens without any script; cycle.js takes over the notes."""
    form.anywidget(widget.name)
    items = []
    for number, stage in enumerate(widget.stages, start=1):
        ident = attribute(f"early-{widget.name}-{stage['id']}")
        label = attribute(f"{widget.notes_label} ({stage['title']})")
        items.append(
            f'<li><details data-stage="{attribute(stage["id"])}">'
            f'<summary class="wb-early-stage">{number}. {attribute(stage["title"])}</summary>'
            f'<div class="wb-cycle-description">{stage["html"]}</div>'
            f'<label for="{ident}">{label}</label>'
            f'<textarea id="{ident}" rows="4" maxlength="{int(widget.max_length)}"'
            f' data-stage="{attribute(stage["id"])}">'
            f'{attribute(widget.notes.get(stage["id"], ""))}</textarea></details></li>')
    return (f'<div class="wb-cycle-diagram wb-early-cycle" data-wb-anywidget="{attribute(widget.name)}">'
            f'<ol class="wb-early-stages" aria-label="{attribute(widget.label)}">{"".join(items)}</ol>'
            f'</div>')


class CycleExercise(ExerciseWidget):
    model = CycleModel
    print_template = """\
{% from "print/forms.html.j2" import box %}
{% macro form(exercise, answer) %}
<ol class="wb-cycle">
{% for stage in exercise.stages %}
  <li class="wb-stage">
    <p class="wb-stage-title">{{ stage.title }}</p>
    <div class="wb-stage-description">{{ stage.description | print_markdown }}</div>
    <p class="wb-prompt">{{ exercise.notes_label }}</p>
    {{ box(none if answer is none else answer.get(stage.id, ""), 3) }}
  </li>
{% endfor %}
</ol>
<p class="wb-cycle-return">After the last stage, the cycle goes back to stage 1: {{ exercise.stages[0].title
}}.</p>
{% endmacro %}
"""

    @staticmethod
    def slide_lines(exercise) -> list[str]:
        return [stage.title for stage in exercise.stages]

    def build(self):
        ex = self.exercise
        self.diagram = CycleDiagram(
            name=f"wb-{ex.id}", label=ex.title, notes_label=ex.notes_label,
            stages=[{"id": s.id, "title": s.title, "html": str(markdown(s.description))}
                    for s in ex.stages])
        self.diagram.observe(self._changed, names="notes")
        return [self.diagram]

    def open_stage(self, stage_id: str) -> None:
        self.diagram.open_stage = stage_id

    @property
    def answers(self) -> dict[str, str]:
        return {stage.id: self.diagram.notes.get(stage.id, "") for stage in self.exercise.stages}

    def apply(self, data) -> None:
        self.diagram.notes = dict(data)

    def fields(self):
        yield self.diagram, "notes", ()
