"""The notebooks every export starts from: raw HTML cells built from content (and answers).

One builder per kind of document. Each returns an nbformat notebook whose cells are raw
`text/html` cells, made by autoescaped templates; slide cells carry reveal.js metadata.
Facilitator notes go only into the facilitator edition and the slides' speaker notes.
"""

from __future__ import annotations

import datetime

from widgets.registry import WIDGETS
from workbook.content.load import Chapter, Module, Workbook
from workbook.export.colophon import colophon
from workbook.export.handbook import handbook_cells
from workbook.export.markup import print_markdown, render_fragment
from workbook.export.nodes import NotebookNode, new_notebook, new_raw_cell
from workbook.export.slide_prose import prose_slides

EDITIONS = ("reader", "facilitator", "answers")


def raw_cell(html: str, slide_type: str | None = None) -> NotebookNode:
    cell = new_raw_cell(html, metadata={"raw_mimetype": "text/html"})
    if slide_type:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def new_document(title: str, cells: list, **workbook_metadata) -> NotebookNode:
    nb = new_notebook(metadata={"title": title, "workbook": workbook_metadata})
    nb.cells = cells
    return nb


def writing_safely_cell(workbook: Workbook, where: str | None = None) -> NotebookNode:
    """The standing note on what to write and who could read it (support.yml, writing_safely)."""
    return raw_cell(render_fragment("print/writing_safely.html.j2", note=workbook.support.writing_safely,
                                    where=where))


def chapter_cells(workbook: Workbook, module: Module, chapter: Chapter, number: int | None,
                  edition: str, answers: dict | None, first: bool = False) -> list:
    """A chapter: heading, prose and exercises (the answers edition keeps only the exercises).

    In the chapter with the module's `first` exercise, the writing-safely note comes before it."""
    facilitator = edition == "facilitator"
    cells = [raw_cell(render_fragment("print/chapter.html.j2", chapter=chapter, number=number,
                                      facilitator=facilitator))]
    for kind, block in chapter.blocks:
        if kind == "markdown":
            if edition != "answers":
                cells.append(raw_cell(f'<div class="wb-prose">{print_markdown(block)}</div>'))
            continue
        if first:
            cells.append(writing_safely_cell(workbook))
            first = False
        answer = None if answers is None else answers.get(block.id) or WIDGETS[block.kind].empty()
        cells.append(raw_cell(render_fragment("print/exercise.html.j2", exercise=block,
                                              answer=answer, facilitator=facilitator)))
    return cells


def module_document(workbook: Workbook, module: Module, edition: str = "reader",
                    answers: dict | None = None, made_on: datetime.date | None = None,
                    start: datetime.time | None = None):
    """The whole module for reading and printing, the reader's answers to its exercises, or the
    facilitator's handbook for a session (clock times from `start`)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}")
    if edition == "facilitator":
        return new_document(f"{module.meta.title}: facilitator's handbook",
                            [raw_cell(html) for html in handbook_cells(workbook, module, start)],
                            module=module.id, edition=edition)
    if edition == "answers":
        answers = answers or {}
        made_on = made_on or datetime.date.today()
        cover = render_fragment("print/answers_cover.html.j2", workbook=workbook, module=module,
                                made_on=made_on.strftime("%d %B %Y").lstrip("0"))
    else:
        answers = None
        cover = render_fragment("print/cover.html.j2", workbook=workbook, module=module,
                                edition=edition)
    cells = [raw_cell(cover)]
    first = next((chapter for chapter in module.chapters if chapter.exercises), None)
    for number, chapter in module.numbered():
        if edition == "answers" and not chapter.exercises:
            continue
        cells += chapter_cells(workbook, module, chapter, number, edition, answers, first=chapter is first)
    related = [workbook.modules[m] for m in module.meta.related if m in workbook.modules]
    about = None if edition == "answers" else colophon(workbook, module, "Reader's edition")
    cells.append(raw_cell(render_fragment("print/footer.html.j2", workbook=workbook, module=module,
                                          related=[] if edition == "answers" else related,
                                          colophon=about)))
    # The reader's own copy has a neutral title: it names the file a browser saves or prints.
    title = f"Workbook notes, {made_on:%d %B %Y}".replace(" 0", " ") if edition == "answers" \
        else module.meta.title
    return new_document(title, cells, module=module.id, edition=edition)


def worksheet_document(workbook: Workbook, module: Module, exercise_id: str):
    """One exercise, blank, on its own sheet: where it comes from, the form, and support."""
    chapter = next(c for c in module.chapters if any(e.id == exercise_id for e in c.exercises))
    exercise = next(e for e in chapter.exercises if e.id == exercise_id)
    cells = [raw_cell(render_fragment("print/worksheet_header.html.j2", workbook=workbook,
                                      module=module, chapter=chapter)),
             writing_safely_cell(workbook, where=exercise_id),
             raw_cell(render_fragment("print/exercise.html.j2", exercise=exercise, answer=None,
                                      facilitator=False)),
             raw_cell(render_fragment("print/worksheet_footer.html.j2", workbook=workbook,
                                      colophon=colophon(workbook, module, "Worksheet")))]
    return new_document(f"{exercise.title} ({module.meta.title})", cells, module=module.id,
                        edition="worksheet", exercise=exercise_id)


def worksheets_document(workbook: Workbook, module: Module):
    """Every worksheet of a module in one document, each starting on a new page."""
    cells = [cell for exercise in module.exercises
             for cell in worksheet_document(workbook, module, exercise.id).cells]
    return new_document(f"Worksheets: {module.meta.title}", cells, module=module.id, edition="worksheet")


def notes_cell(minutes: int | None, text: str | None):
    if not minutes and not text:
        return None
    return raw_cell(render_fragment("slides/notes.html.j2", minutes=minutes, text=text), "notes")


def chapter_points(chapter: Chapter) -> list[str]:
    """The chapter's ### headings, as the points a slide lists."""
    points = []
    for kind, block in chapter.blocks:
        if kind == "markdown":
            points += [line.lstrip("#").strip() for line in block.splitlines()
                       if line.startswith("### ")]
    return points


def slides_document(workbook: Workbook, module: Module):
    """Workshop slides: title, aims, a slide per chapter with its prose and exercises as sub-slides
    in reading order, and every support channel and crisis line last.

    Facilitator notes and minutes become speaker notes.
    """
    about = colophon(workbook, module, "Slides")
    cells = [raw_cell(render_fragment("slides/title.html.j2", module=module, colophon=about), "slide")]
    if module.meta.objectives:
        cells.append(raw_cell(render_fragment("slides/aims.html.j2", module=module), "slide"))
    for number, chapter in module.numbered():
        if chapter.title:  # a trainer's untitled text goes on under the slide before it
            cells.append(raw_cell(render_fragment("slides/chapter.html.j2", chapter=chapter, number=number,
                                                  points=chapter_points(chapter)), "slide"))
        cells.append(notes_cell(chapter.front.minutes, chapter.front.facilitator_notes))
        for kind, block in chapter.blocks:
            if kind == "markdown":
                cells += [raw_cell(render_fragment("slides/prose.html.j2", chapter=chapter, slide=slide),
                                   "subslide") for slide in prose_slides(block)]
                continue
            cells.append(raw_cell(render_fragment("slides/exercise.html.j2", exercise=block), "subslide"))
            cells.append(notes_cell(block.minutes, block.facilitator_notes))
    cells.append(raw_cell(render_fragment("slides/support.html.j2", workbook=workbook, colophon=about),
                          "slide"))
    return new_document(module.meta.title, [c for c in cells if c is not None], module=module.id,
                        edition="slides")
