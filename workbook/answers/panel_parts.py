"""The answers panel's controls: where to keep answers, a new passphrase, unlocking, forgetting.

Built once per panel (see panel.py, which wires them to what they do).
"""

from __future__ import annotations

import ipywidgets as w

from widgets.widget_choices import ChoiceGroups
from workbook.reader.form_parts import button, password, section, show
from workbook.render import render


class PanelParts:
    """Builds the panel's parts; the methods they call live in AnswersPanel."""

    def _build_mode(self) -> None:
        self.mode = ChoiceGroups(
            name=f"wb-keep-{self.module_id}",
            groups=[{"id": "keep", "legend": "Where should your answers be kept?"}],
            options=[{"id": "page", "label": "This page only"},
                     {"id": "device", "label": "Remember on this device, locked with a passphrase"}],
            value={"keep": "page"})
        self.mode.observe(self._mode_changed, names="value")

    def _build_setup(self) -> None:
        self.new_passphrase = password("Choose a passphrase (at least 8 characters)")
        self.new_passphrase_again = password("Type the same passphrase again")
        self.start_button = button("Start remembering", "primary")
        self.start_button.on_click(lambda _b: self.start_remembering(
            self.new_passphrase.value, self.new_passphrase_again.value))
        self.setup_box = section(w.HTML(render("answers_setup.html.j2")), self.new_passphrase,
                                 self.new_passphrase_again, self.start_button, shown=False)

    def _build_unlock(self) -> None:
        self.unlock_passphrase = password("Your passphrase")
        self.unlock_button = button("Unlock my answers", "primary")
        self.unlock_button.on_click(lambda _b: self.unlock(self.unlock_passphrase.value))
        self.unlock_box = section(self.unlock_passphrase, self.unlock_button, shown=False)

    def _build_forget(self) -> None:
        self.forget_button = button("Forget everything on this device", "danger")
        self.forget_yes = button("Yes, forget everything", "danger")
        self.forget_no = button("Cancel")
        self.confirm_box = section(w.HTML(render("answers_forget.html.j2")),
                                   w.HBox([self.forget_yes, self.forget_no]), shown=False)
        self.forget_button.on_click(lambda _b: show(self.confirm_box, True))
        self.forget_no.on_click(lambda _b: show(self.confirm_box, False))
        self.forget_yes.on_click(lambda _b: self.forget())
        self.forget_box = section(self.forget_button, self.confirm_box)

