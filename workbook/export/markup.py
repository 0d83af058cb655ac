"""HTML fragments for exports: the app's templates and escaping, with nothing that reaches off the page.

Exports never link to another host: web addresses are shown as text without their scheme,
and Markdown links are not made into links.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import Environment
from markdown_it import MarkdownIt
from markupsafe import Markup

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


def scale_options(scale) -> list[dict]:
    return [{"id": str(n), "label": f"{n}: {label}"} for n, label in enumerate(scale, start=1)]


def slide_lines(exercise) -> list[str]:
    """What a slide lists for an exercise: its statements, questions, rows, stages or lanes."""
    kind = exercise.kind
    if kind == "rating":
        return [item.text for item in exercise.statements]
    if kind == "checklist":
        return [item.text for item in exercise.items]
    if kind == "questions":
        return [item.text for item in exercise.questions]
    if kind == "table":
        return [f"{exercise.row_header}: " + ", ".join(row.label for row in exercise.rows),
                "Columns: " + ", ".join(column.label for column in exercise.columns)]
    if kind == "responses":
        return [f"{exercise.left_label} / {exercise.right_label}"]
    if kind == "cycle":
        return [stage.title for stage in exercise.stages]
    if kind == "timeline":
        return [lane.label for lane in exercise.lanes]
    return []


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    return new_environment(Path(__file__).resolve().parent / "templates", print_markdown=print_markdown,
                           offline=offline, scale_options=scale_options,
                           slide_lines=slide_lines)


def render_fragment(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
