"""A module page: header, contents, chapters with their exercises, references, support."""

from __future__ import annotations

from IPython.display import HTML, display

from widgets.base import AnswerError, ExerciseWidget
from widgets.early import early_bundle
from widgets.registry import exercise_widget
from workbook.answers.document import has_answer
from workbook.answers.merge import Combined, combine
from workbook.answers.panel import AnswersPanel
from workbook.content.load import (
    ContentError,
    ContentErrors,
    Workbook,
    content_root,
    load_module,
    load_readable_workbook,
    support_details,
)
from workbook.reader.my_answers import MyAnswersPanel
from workbook.render import markdown, page_end, render
from workbook.static_mode import static_edition
from workbook.survey.form import SurveyForm


def show_html(html: str) -> None:
    display(HTML(html))


def show_widget(widget) -> None:
    """Display `widget` with its early HTML copy, so the reader can start before it connects."""
    display(early_bundle(widget), raw=True)


def show_content_error(error: ContentError, title: str | None = None) -> None:
    """Readers see a calm message and the support details, never a traceback nor a server path.
    `title`: the module that is unavailable (None when the workbook as a whole cannot open)."""
    show_html(render("content_error.html.j2", details=error.for_readers(content_root()), title=title,
                     support=support_details()) + page_end())


class ModulePage:
    """Shows one module from content and keeps its exercise widgets, keyed by exercise id."""

    def __init__(self, module_id: str, workbook: Workbook | None = None):
        self.workbook = workbook or load_readable_workbook()
        if module_id in self.workbook.broken:
            raise ContentErrors(list(self.workbook.broken[module_id].problems))
        self.module = self.workbook.module(module_id)
        if not self.module.ready:
            raise ContentError(self.module.folder / "module.yml", "field status",
                               "this module is still in preparation")
        self.exercises: dict[str, ExerciseWidget] = {}
        self.answers_panel = AnswersPanel(self.workbook, page=self)

    @classmethod
    def try_open(cls, module_id: str) -> ModulePage | None:
        """The page for `module_id`, or None after showing a friendly message if content is broken."""
        try:
            return cls(module_id)
        except ContentError as error:
            show_content_error(error, title=cls.title_of(module_id))
            return None

    @staticmethod
    def title_of(module_id: str) -> str | None:
        """The title of a module set aside for a mistake (for its unavailable page), if known."""
        try:
            broken = load_readable_workbook().broken.get(module_id)
        except ContentError:
            return None
        return broken.title if broken else None

    def show(self) -> None:
        """The whole module in one go (an older one-cell notebook: `show_module`)."""
        self.open()
        for chapter in self.module.chapters:
            self.chapter(chapter.id)
        self.end()

    finished = False  # the page has shown its end; later cells add nothing
    def open(self) -> None:
        """The module notebook's first cell: title, contents and the answers panel. If the notebook
        was written before module.yml changed (and nobody edited it), the whole module is shown
        here in module.yml's order, and its other cells then do nothing."""
        self.show_header()
        show_widget(self.answers_panel)
        if self.module.notebook_stale:
            for chapter in self.module.chapters:
                self.show_chapter(chapter.id)
            self.end()

    def chapter(self, chapter_id: str) -> None:
        """One chapter (a cell of its own in the module's notebook, which sets the order)."""
        if self.finished:
            return
        if any(chapter.id == chapter_id for chapter in self.module.chapters):
            self.show_chapter(chapter_id)
        elif chapter_id in {entry.id for entry in self.module.meta.chapters}:
            # left out of the notebook as saved, and put back in JupyterLab since: show it all the same
            self.module = load_module(self.module.folder)
            self.show_chapter(chapter_id)
        else:
            show_html(render("chapter_missing.html.j2", chapter_id=chapter_id, module=self.module))

    def end(self) -> None:
        """The notebook's last cell: related modules, my answers, the survey, support, the end mark."""
        if self.finished:
            return
        self.finished = True
        self.show_footer()
        self.answers_panel.attach(self.exercises)
        show_html(page_end())

    def show_header(self) -> None:
        show_html(render("module_header.html.j2", module=self.module,
                         support=self.workbook.support))

    def show_chapter(self, chapter_id: str) -> None:
        chapter = next(c for c in self.module.chapters if c.id == chapter_id)
        number = self.module.chapters.index(chapter) + 1  # in the notebook's order
        show_html(render("chapter_heading.html.j2", chapter=chapter, number=number))
        for kind, block in chapter.blocks:
            if kind == "markdown":
                show_html(f'<div class="wb-prose">{markdown(block)}</div>')
            else:
                if not self.exercises:  # the first exercise of the module
                    show_html(render("writing_safely.html.j2", note=self.workbook.support.writing_safely,
                                     where="page"))
                widget = exercise_widget(block)
                widget.follow(list(self.exercises.values()))
                self.exercises[block.id] = widget
                show_widget(widget)

    def show_footer(self) -> None:
        related = [self.workbook.modules[m] for m in self.module.meta.related if m in self.workbook.modules]
        show_html(render("module_footer.html.j2", module=self.module, related=related,
                         plan=self.workbook.plan))
        self.my_answers = MyAnswersPanel(self, self.answers_panel.device)
        show_widget(self.my_answers)
        if not static_edition():  # the static edition has no server to keep a survey's answers
            self.survey = SurveyForm(self.workbook.survey, self.module.id)
            show_widget(self.survey)
        show_html(render("support_panel.html.j2", support=self.workbook.support, back_link=True))

    @property
    def answers(self) -> dict:
        """Every exercise's answers on this page, keyed by exercise id."""
        return {exercise_id: widget.answers for exercise_id, widget in self.exercises.items()}

    def check(self, answers: dict) -> dict:
        """`answers` for this page's exercises, checked (others dropped); AnswerError if any do not fit."""
        if not isinstance(answers, dict):
            raise AnswerError("expected a mapping of exercise id to answers")
        return {key: self.exercises[key].check(value)
                for key, value in answers.items() if key in self.exercises}

    def load(self, answers: dict) -> None:
        """Restore answers for several exercises; all are checked before any changes."""
        checked = self.check(answers)
        for key, value in checked.items():
            self.exercises[key].apply(value)

    @property
    def has_answers(self) -> bool:
        return has_answer(self.answers)

    def bring_back(self, saved: dict) -> Combined:
        """Load saved answers without losing what is on the page (see answers/merge.py); all are
        checked before any changes. The result counts the boxes that now hold both texts."""
        total, combined = Combined({}), {}
        for key, value in self.check(saved).items():
            widget = self.exercises[key]
            result = combine(widget.answers, value)
            try:
                combined[key] = widget.check(result.value)
            except AnswerError:  # its strings are choices, not text
                result = combine(widget.answers, value, text=False)
                combined[key] = widget.check(result.value)
            total.both_kept += result.both_kept
            total.page_choices += result.page_choices
        self.load(combined)
        total.value = combined
        return total


class UnavailablePage:
    """What `open_module` gives when the module cannot open: its calm message is already shown,
    and the notebook's other cells (`page.chapter(...)`, `page.end()`) quietly do nothing."""

    def chapter(self, chapter_id: str) -> None:
        pass

    def end(self) -> None:
        pass


def open_module(module_id: str) -> ModulePage | UnavailablePage:
    """A module notebook's first cell: the page's top; its chapters follow, cell by cell."""
    page = ModulePage.try_open(module_id)
    if page is None:
        return UnavailablePage()
    page.open()
    return page


def show_module(module_id: str) -> ModulePage | None:
    """Show a whole module page (what each module notebook calls); None if content is broken."""
    page = ModulePage.try_open(module_id)
    if page is not None:
        page.show()
    return page
