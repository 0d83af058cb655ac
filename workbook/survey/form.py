"""The optional anonymous survey at the end of a module: one submission per page view."""

from __future__ import annotations

import ipywidgets as w

from widgets.base import text_box
from widgets.widget_choices import ChoiceGroups
from workbook.render import render


class SurveyForm(w.VBox):
    """Questions from content/survey.yml; checks every value before anything is stored."""

    def __init__(self, survey, module_id: str, store_factory=None):
        self.survey, self.module_id = survey, module_id
        self._store_factory = store_factory
        self.sent = False
        self.inputs: dict[str, w.Widget] = {}
        for question in survey.questions:
            if question.kind == "text":
                self.inputs[question.id] = text_box(question.text, rows=3)
            else:
                options = ([{"id": str(n), "label": f"{n}: {label}"}
                            for n, label in enumerate(question.labels, start=1)]
                           if question.kind == "scale" else
                           [{"id": c.id, "label": c.label} for c in question.choices])
                self.inputs[question.id] = ChoiceGroups(
                    name=f"wb-survey-{question.id}", options=options,
                    groups=[{"id": question.id, "legend": question.text}])
        self.send_button = w.Button(description=survey.submit_label)
        self.send_button.add_class("wb-add-row")
        self.send_button.on_click(lambda _button: self.send())
        self.status = w.HTML()
        super().__init__([w.HTML(render("survey_intro.html.j2", survey=survey)),
                          *self.inputs.values(), self.send_button, self.status])
        self.add_class("wb-survey")

    def values(self) -> dict[str, int | str]:
        """The answered questions only, each checked against its question (types, ranges, length)."""
        result: dict[str, int | str] = {}
        for question in self.survey.questions:
            widget = self.inputs[question.id]
            if question.kind == "text":
                text = widget.value if isinstance(widget.value, str) else ""
                if text.strip():
                    result[question.id] = text[: question.max_length]
                continue
            choice = widget.value.get(question.id)
            if question.kind == "scale" and choice and choice.isdigit() and \
                    1 <= int(choice) <= len(question.labels):
                result[question.id] = int(choice)
            elif question.kind == "choice" and choice in {c.id for c in question.choices}:
                result[question.id] = choice
        return result

    def send(self) -> bool:
        if self.sent:
            return False
        values = self.values()
        if not values:
            self._say("Answer at least one question before sending.", "error")
            return False
        try:
            from workbook.survey.store import SurveyStore

            (self._store_factory or SurveyStore)().submit(self.module_id, values)
        except Exception:  # any database problem: tell the reader plainly, store nothing
            self._say("Your answers could not be sent just now, and nothing was stored. "
                      "Please try again later.", "error")
            return False
        self.sent = True
        self.send_button.disabled = True
        for widget in self.inputs.values():
            if isinstance(widget, w.Textarea):
                widget.disabled = True
        self._say(self.survey.thanks, "success")
        return True

    def _say(self, message: str, kind: str) -> None:
        self.status.value = render("answers_status.html.j2", message=message, kind=kind)
