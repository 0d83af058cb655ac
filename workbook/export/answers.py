"""The reader's answers to one module as a self-contained HTML page, made in their kernel in memory.

Nothing here touches a disk: the page goes straight to the reader's browser (see
`widget_my_answers.py`). Answers are put in as text by autoescaped templates; the page has no
scripts and no links to other hosts, and its print stylesheet makes a clean PDF.
"""

from __future__ import annotations

import datetime
import functools

from workbook.content.load import Module, Workbook
from workbook.export.documents import module_document
from workbook.static_mode import static_edition


@functools.lru_cache(maxsize=1)
def _exporter():
    from workbook.export.exporters import ModuleHTMLExporter

    return ModuleHTMLExporter()


def answers_html(workbook: Workbook, module: Module, answers: dict,
                 made_on: datetime.date | None = None) -> str:
    """The module's exercises with `answers` (exercise id -> answers) filled in, as one HTML page."""
    document = module_document(workbook, module, edition="answers", answers=answers, made_on=made_on)
    if static_edition():  # in the reader's browser: no nbconvert there, the same template
        from workbook.export.print_page import print_page

        return print_page(document)
    html, _ = _exporter().from_notebook_node(document, {"metadata": {"name": module.id}})
    return html
