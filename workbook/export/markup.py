"""HTML fragments for exports: the app's templates and escaping, with nothing that reaches off the page.

Exports never link to another host: web addresses are shown as text without their scheme,
and Markdown links are not made into links.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FunctionLoader
from markdown_it import MarkdownIt
from markupsafe import Markup

from widgets.registry import WIDGETS
from workbook.content.load import markdown_renderer
from workbook.render import new_environment

SCHEME = re.compile(r"\b(?:https?|ftp)://", re.IGNORECASE)


def offline(text: str | None) -> str:
    """`text` with web addresses' schemes removed, so nothing in an export points to another host."""
    return SCHEME.sub("", text or "")


@functools.lru_cache(maxsize=1)
def _print_markdown() -> MarkdownIt:
    return markdown_renderer().disable(["link", "autolink", "image"])


def print_markdown(text: str | None) -> Markup:
    """Content Markdown as HTML for exports: raw HTML escaped, no links or images."""
    return Markup(_print_markdown().render(offline(text)))


def slide_lines(exercise) -> list[str]:
    """What a slide lists for an exercise (its statements, questions, rows...): its kind decides."""
    return WIDGETS[exercise.kind].slide_lines(exercise)


def kind_template(name: str) -> str | None:
    """Source of `kinds/<kind>.html.j2`: the print form its widget class declares."""
    kind = name.removeprefix("kinds/").removesuffix(".html.j2")
    widget = WIDGETS.get(kind) if name.startswith("kinds/") else None
    return widget.print_template if widget is not None else None


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    kind_filters = {name: f for cls in WIDGETS.values() for name, f in cls.print_filters.items()}
    env = new_environment(Path(__file__).resolve().parent / "templates", print_markdown=print_markdown,
                          offline=offline, slide_lines=slide_lines, **kind_filters)
    env.loader = ChoiceLoader([env.loader, FunctionLoader(kind_template)])
    return env


def render_fragment(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
