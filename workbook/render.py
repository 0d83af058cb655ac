"""HTML for what the reader reads: Markdown from content, small Jinja templates, always escaped."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from workbook.content.load import markdown_renderer

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The last thing every page shows. The server and the page's scripts look for it: a page without
# it was cut short, is never kept as a standby page, and tells the reader so.
PAGE_END = "wb-page-end"


def page_end() -> str:
    return f'<div class="{PAGE_END}" hidden></div>'


def new_environment(*folders: Path, **filters) -> Environment:
    """The workbook's templates (and those in `folders`), always autoescaped, with the `markdown`
    filter and any others."""
    env = Environment(loader=FileSystemLoader([*folders, TEMPLATES]), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(markdown=markdown, **filters)
    return env


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    return new_environment()


@functools.lru_cache(maxsize=1)
def _markdown():
    return markdown_renderer()


def markdown(text: str | None) -> Markup:
    """Content Markdown as HTML. Raw HTML in the source is escaped, so the result is safe."""
    return Markup(_markdown().render(text or ""))


def markdown_inline(text: str | None) -> Markup:
    return Markup(_markdown().renderInline(text or ""))


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


def exercise_heading(exercise) -> str:
    return render("exercise_heading.html.j2", exercise=exercise)
