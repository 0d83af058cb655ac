"""A picture of progress: each module's starting and closing self-ratings as one small SVG.

Drawn in the reader's kernel from the unlocked book; every text goes through the autoescaped
template, and the picture carries a text alternative that lists the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.render import render

ROW_HEIGHT = 44
LABEL_WIDTH = 300
BAR_WIDTH = 260


@dataclass(frozen=True)
class Ratings:
    title: str
    start: float | None
    end: float | None
    top: int  # the highest point of the scale


def _mean(answers) -> float | None:
    if not isinstance(answers, dict):
        return None
    marks = [value for value in answers.values() if isinstance(value, int)]
    return round(sum(marks) / len(marks), 1) if marks else None


def module_ratings(workbook, book) -> list[Ratings]:
    """(start, end) mean self-ratings of every ready module the reader rated at least once."""
    found = []
    for module in workbook.modules.values():
        ratings = [ex for ex in module.exercises if ex.kind == "rating"]
        if not module.ready or not ratings:
            continue
        saved = book.module(module.id)
        start = _mean(saved.get(ratings[0].id))
        end = _mean(saved.get(ratings[-1].id)) if len(ratings) > 1 else None
        if start is not None or end is not None:
            found.append(Ratings(module.meta.title, start, end, len(ratings[0].scale)))
    return found


def _width(value: float | None, top: int) -> int:
    return 0 if value is None else round(BAR_WIDTH * value / top)


def progress_svg(workbook, book) -> str:
    """The picture (in its section), or "" when no module has a self-rating yet."""
    rows = module_ratings(workbook, book)
    if not rows:
        return ""
    bars = [{"ratings": r, "y": i * ROW_HEIGHT, "start": _width(r.start, r.top),
             "end": _width(r.end, r.top)} for i, r in enumerate(rows)]
    return render("plan_chart.html.j2", bars=bars, label_width=LABEL_WIDTH, bar_width=BAR_WIDTH,
                  height=len(rows) * ROW_HEIGHT + 24, row_height=ROW_HEIGHT)
