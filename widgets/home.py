"""The home page: the catalogue of modules, grouped, with the support panel."""

from __future__ import annotations

from .content import ContentError, load_workbook
from .page import show_content_error, show_html
from .render import render


def show_home() -> None:
    try:
        workbook = load_workbook()
    except ContentError as error:
        show_content_error(error)
        return
    show_html(render("home.html.j2", workbook=workbook, catalogue=workbook.catalogue,
                     support=workbook.support))
