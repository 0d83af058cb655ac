"""The My plan page: the reader's plan for staying safe, section by section (content/plan.yml).

To the answers panel it looks like a module page whose module id is `my-plan` and whose
exercises are the plan's sections, so the three choices (this page only, this device, a file),
unlocking, files and reconnecting work as on every module. Once answers are unlocked or a file
is opened, the panel hands the page the whole book (`show_book`): each section then lists what
the reader wrote in the modules that feed it, and the progress picture is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from workbook.answers.document import AnswerBook, has_answer
from workbook.answers.merge import Combined
from workbook.answers.panel import AnswersPanel
from workbook.content.load import ContentError, Workbook, load_readable_workbook
from workbook.content.plan import MAX_LINES, PLAN_ID
from workbook.reader.page import ModulePage, show_content_error, show_html, show_widget
from workbook.reader.plan_chart import progress_svg
from workbook.reader.plan_copy import PlanCopyPanel
from workbook.reader.plan_feeds import fed_lines
from workbook.reader.plan_sections import PlanSectionWidget
from workbook.render import page_end, render


@dataclass(frozen=True)
class PlanAsModule:
    """What the answers panel needs to know of the page's "module"."""

    id: str
    title: str


class PlanPage(ModulePage):
    """The plan's sections as the page's exercises, keyed by section id."""

    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or load_readable_workbook()
        self.plan = self.workbook.plan
        if self.plan is None:
            raise ContentError(self.workbook.root / "plan.yml", "file", "file not found")
        self.module = PlanAsModule(PLAN_ID, self.plan.title)
        self.exercises = {section.id: PlanSectionWidget(section, self.workbook.support)
                          for section in self.plan.sections}
        self.found_note = w.HTML(render("plan_found.html.j2", plan=self.plan, found=None))
        self.progress = w.HTML()
        self.answers_panel = AnswersPanel(self.workbook, page=self)

    @classmethod
    def try_open(cls, module_id: str = PLAN_ID) -> PlanPage | None:
        try:
            return cls()
        except ContentError as error:
            show_content_error(error)
            return None

    def show(self) -> None:
        show_html(render("plan_header.html.j2", plan=self.plan, support=self.workbook.support))
        show_widget(self.answers_panel)
        show_widget(self.found_note)
        show_widget(self.progress)
        show_html(render("writing_safely.html.j2", note=self.workbook.support.writing_safely,
                         where="page"))
        for widget in self.exercises.values():
            show_widget(widget)
        self.copy_panel = PlanCopyPanel(self, self.answers_panel.device)
        show_widget(self.copy_panel)
        show_html(render("support_panel.html.j2", support=self.workbook.support, back_link=True))
        self.finished = True  # every section is made: the answers panel may bring answers back
        self.answers_panel.attach(self.exercises)
        show_html(page_end())

    def show_book(self, book: AnswerBook | None) -> None:
        """Show what the reader wrote in the modules, from the unlocked or opened book (None:
        nothing is open any more)."""
        if book is None:
            for widget in self.exercises.values():
                widget.show_fed([])
            self.found_note.value = render("plan_found.html.j2", plan=self.plan, found=None)
            self.progress.value = ""
            return
        found = 0
        for widget in self.exercises.values():
            lines = fed_lines(self.workbook, widget.exercise, book)
            widget.show_fed(lines)
            found += len(lines)
        self.found_note.value = render("plan_found.html.j2", plan=self.plan, found=found)
        self.progress.value = progress_svg(self.workbook, book)

    def bring_back(self, saved: dict) -> Combined:
        """Saved lines join the lines on the page (none is lost, none is doubled)."""
        combined = {}
        for section_id, lines in self.check(saved).items():
            on_page = self.exercises[section_id].answers
            kept = [line for line in on_page if line.strip()]
            kept += [line for line in lines if line.strip() and line not in kept]
            combined[section_id] = kept[:MAX_LINES] if has_answer(kept) else on_page
        self.load(combined)
        return Combined(combined)


def show_plan() -> PlanPage | None:
    """Show the My plan page (what notebooks/my-plan.ipynb calls); None if content is broken."""
    page = PlanPage.try_open()
    if page is not None:
        page.show()
    return page
