"""Take your plan with you: a printable page and a download, both made in the reader's kernel,
and a short "hard moment" card (steps and numbers to call only) that fits one phone screen.

Like "My answers", the copy has a neutral title and file name, is not encrypted (the page says
so), and goes to the reader's browser only. It has no scripts and no links to load.
"""

from __future__ import annotations

import datetime

import ipywidgets as w
from markupsafe import Markup

from workbook.reader.form_parts import button, show
from workbook.render import render

CARD_OWN_LINES = 3  # the reader's own contacts on the card: more would not fit one phone screen


def plan_lines(page) -> list[tuple]:
    """(section, the reader's lines with text) for every section of the plan."""
    return [(widget.exercise, [line.strip() for line in widget.answers if line.strip()])
            for widget in page.exercises.values()]


def card_html(page) -> str:
    """The hard-moment card: the steps, the reader's own contacts, the helpline and crisis lines."""
    contacts = page.exercises.get("contacts")
    own = [line.strip() for line in contacts.answers if line.strip()][:CARD_OWN_LINES] if contacts else []
    return render("plan_card.html.j2", plan=page.plan, support=page.workbook.support, own=own)


def plan_document(page, made_on: datetime.date | None = None) -> str:
    """The whole plan as one self-contained HTML page, with a neutral title."""
    made_on = made_on or datetime.date.today()
    return render("plan_print.html.j2", title=f"Notes, {made_on:%d %B %Y}".replace(" 0", " "),
                  sections=plan_lines(page), card=Markup(card_html(page)),  # escaped in its template
                  support=page.workbook.support)


class PlanCopyPanel(w.VBox):
    """Download, print, and the hard-moment card."""

    def __init__(self, page, device):
        self.page, self.device = page, device
        self.download_button = button("Download my plan (not locked)")
        self.print_button = button("Print my plan or save it as PDF")
        self.card_button = button("Show my card for a hard moment")
        self.download_button.on_click(lambda _b: self.download())
        self.print_button.on_click(lambda _b: self.print_view())
        self.card_button.on_click(lambda _b: self.show_card())
        self.card = w.HTML(layout=w.Layout(display="none"))
        self.status = w.HTML()
        intro = w.HTML(render("plan_copy.html.j2"))
        super().__init__([intro, w.HBox([self.download_button, self.print_button, self.card_button]),
                          self.status, self.card])
        self.add_class("wb-my-answers")

    def download(self) -> None:
        # A neutral name: a downloads list or a file browser must not name the topic.
        name = f"workbook-notes-{datetime.date.today().isoformat()}.html"
        self.device.download(name, plan_document(self.page).encode("utf-8"))
        self._say("Your plan is on its way to your downloads. It is not encrypted: keep it private.")

    def print_view(self) -> None:
        self.device.print_page(plan_document(self.page))
        self._say("The print window shows your plan. Choose a printer, or Save as PDF. "
                  "A saved PDF is not encrypted either.")

    def show_card(self) -> None:
        self.card.value = card_html(self.page)
        show(self.card, True)
        self._say("Your card is below. You could take a screenshot of it, if your phone is private.")

    def _say(self, message: str) -> None:
        self.status.value = render("answers_status.html.j2", message=message, kind="info")
