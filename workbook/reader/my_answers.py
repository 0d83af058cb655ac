"""My answers: the reader's own answers to this module, handed to their browser as a file or printed.

The page is made in the reader's kernel and sent to their browser only: never written where
the server keeps anything. A plain warning says the file is not encrypted.
"""

from __future__ import annotations

import datetime

import ipywidgets as w

from workbook.reader.form_parts import button
from workbook.render import render


class MyAnswersPanel(w.VBox):
    """Two buttons: download my answers (an HTML page, not locked), and print them (Save as PDF)."""

    def __init__(self, page, device):
        self.page, self.device = page, device
        self.download_button = button("Download my answers (not locked)")
        self.print_button = button("Print my answers or save them as PDF")
        self.status = w.HTML()
        self.download_button.on_click(lambda _b: self.download())
        self.print_button.on_click(lambda _b: self.print_view())
        intro = w.HTML(render("my_answers.html.j2", module=page.module))
        super().__init__([intro, w.HBox([self.download_button, self.print_button]), self.status])
        self.add_class("wb-my-answers")

    def document(self) -> str:
        # nbconvert loads on the first click (about 0.4 s), so kernels of readers who never ask
        # for a copy stay small.
        from workbook.export.answers import answers_html

        return answers_html(self.page.workbook, self.page.module, self.page.answers)

    def download(self) -> None:
        # A neutral name: a downloads list or a file browser must not name the topic.
        name = f"workbook-notes-{datetime.date.today().isoformat()}.html"
        self.device.download(name, self.document().encode("utf-8"))
        self._say("Your answers file is on its way to your downloads. It is not encrypted: "
                  "keep it private, or delete it once you have printed it.")

    def print_view(self) -> None:
        self.device.print_page(self.document())
        self._say("The print window shows your answers. Choose a printer, or Save as PDF. "
                  "A saved PDF is not encrypted either.")

    def _say(self, message: str) -> None:
        self.status.value = render("answers_status.html.j2", message=message, kind="info")
