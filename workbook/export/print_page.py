"""A print document as one HTML page without nbconvert: the reader's browser (the static
edition) has no nbconvert, so "My answers" there renders the same print template
(templates/workbook_print/) with Jinja directly. tests/unit/export/test_print_page.py checks that
the page is the one nbconvert's exporter makes."""

from __future__ import annotations

import functools
import html
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

HERE = Path(__file__).parent


@functools.lru_cache(maxsize=1)
def _template():
    environment = Environment(loader=FileSystemLoader(HERE / "templates" / "workbook_print"))
    environment.filters["escape_html"] = lambda text: html.escape(str(text))  # as nbconvert's
    return environment.get_template("index.html.j2")


def print_page(document) -> str:
    """`document` (raw HTML cells, from documents.py) as a self-contained page, print styles inline."""
    css = (HERE / "print.css").read_text(encoding="utf-8")
    return _template().render(nb=document, resources={"workbook": {"css": css}})
