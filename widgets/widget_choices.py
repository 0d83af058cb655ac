"""Radio-button groups (fieldset + legend each): the family behind checklists and ratings."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

from .base import ExerciseWidget, nest
from .early import EarlyForm, attribute, early_part

STATIC = Path(__file__).resolve().parent / "static"


class ChoiceGroups(anywidget.AnyWidget):
    """Several questions sharing one set of options; `value` maps group id to option id."""

    _esm = STATIC / "choice_groups.js"
    name = t.Unicode(help="Prefix for the radio inputs' names and ids; unique on the page.").tag(sync=True)
    groups = t.List(t.Dict(), help="[{id, legend}] one per question").tag(sync=True)
    options = t.List(t.Dict(), help="[{id, label}] shared by every question").tag(sync=True)
    value = t.Dict(help="{group id: option id} for the questions answered").tag(sync=True)
    notes = t.Dict(t.Unicode(), help="{group id: text} shown under a question's legend").tag(sync=True)

    @t.validate("value")
    def _only_known(self, proposal):
        """A client can send anything: keep only known questions with known options."""
        groups = {group["id"] for group in self.groups}
        options = {option["id"] for option in self.options}
        value = proposal["value"]
        return {key: choice for key, choice in value.items()
                if key in groups and isinstance(choice, str) and choice in options}


@early_part.register
def _early_choices(widget: ChoiceGroups, form: EarlyForm) -> str:
    """The same radio groups as plain HTML; choice_groups.js takes over what was ticked."""
    form.anywidget(widget.name)
    groups = []
    for group in widget.groups:
        choices = []
        group_name = attribute(f"early-{widget.name}-{group['id']}")
        for option in widget.options:
            ident = attribute(f"early-{widget.name}-{group['id']}-{option['id']}")
            checked = " checked" if widget.value.get(group["id"]) == option["id"] else ""
            choices.append(
                f'<span class="wb-choice"><input type="radio" id="{ident}"'
                f' name="{group_name}"'
                f' value="{attribute(option["id"])}" data-group="{attribute(group["id"])}"{checked}>'
                f'<label for="{ident}">{attribute(option["label"])}</label></span>')
        groups.append(f'<fieldset class="wb-choice-group"><legend>{attribute(group["legend"])}'
                      f'</legend><div class="wb-choice-options">{"".join(choices)}</div></fieldset>')
    return (f'<div class="wb-choice-groups" data-wb-anywidget="{attribute(widget.name)}">'
            f'{"".join(groups)}</div>')


class ChoiceExercise(ExerciseWidget):
    """An exercise answered by picking one option per line."""

    def groups(self) -> list[dict]:
        raise NotImplementedError

    def options(self) -> list[dict]:
        raise NotImplementedError

    def to_answer(self, option_id: str):
        return option_id

    def to_option(self, answer) -> str:
        """The option id for a checked answer (ratings keep numbers, options have text ids)."""
        return answer

    def build(self):
        self.choices = ChoiceGroups(name=f"wb-{self.id}", groups=self.groups(),
                                    options=self.options())
        self.watch(self.choices)
        return [self.choices]

    @property
    def answers(self) -> dict:
        value = self.choices.value
        return {group["id"]: (self.to_answer(value[group["id"]]) if group["id"] in value else None)
                for group in self.choices.groups}

    def apply(self, data) -> None:
        self.choices.value = {key: self.to_option(answer) for key, answer in data.items()
                              if answer is not None}

    def fields(self):
        yield self.choices, "value", ()

    def answers_from(self, found):
        """The browser holds option ids by group; answers hold what each option means."""
        chosen = nest(found, {})
        options = {option["id"] for option in self.choices.options}
        chosen = chosen if isinstance(chosen, dict) else {}
        return {group["id"]: (self.to_answer(chosen[group["id"]]) if chosen.get(group["id"]) in options
                              else None) for group in self.choices.groups}
