"""The home page: the catalogue of modules, grouped, with the support panel."""

from __future__ import annotations

from IPython.display import display

from workbook.answers.panel import AnswersPanel
from workbook.content.load import ContentError, load_readable_workbook
from workbook.reader.page import show_content_error, show_html
from workbook.render import page_end, render

# Pages are served at <base>/voila/render/<notebook>.ipynb; the server's own pages (such as
# /help-now/police) hang from <base>, two steps up. Relative links keep working under any base URL.
SITE_ROOT = "../.."


def show_home() -> AnswersPanel | None:
    try:
        workbook = load_readable_workbook()  # a module with a mistake is marked unavailable
    except ContentError as error:
        show_content_error(error)
        return None
    show_html(render("home.html.j2", workbook=workbook, catalogue=workbook.catalogue,
                     support=workbook.support, site_root=SITE_ROOT))
    panel = AnswersPanel(workbook)
    display(panel)
    show_html(render("support_panel.html.j2", support=workbook.support))
    show_html(page_end())
    return panel
