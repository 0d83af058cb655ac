"""Answers brought back (unlocked or opened from a file) combined with answers already typed on
the page, so that neither is lost.

Rule: where the page is empty, the saved answer is taken; where the page has an answer, it is
kept. Where both hold different text, the box keeps both: the text typed on the page first, then
SAVED_MARK and the saved text. A choice made on the page is kept over a saved choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.answers.document import has_answer
from workbook.content.exercises import MAX_TEXT

SAVED_MARK = "\n\n[Saved earlier:]\n"


@dataclass
class Combined:
    value: object
    both_kept: int = 0      # text boxes that now hold the page's text and the saved text
    page_choices: int = 0   # choices where the page's choice was kept over a saved one


def _text(typed: str, saved: str, result: Combined) -> str:
    if typed.strip() == saved.strip() or SAVED_MARK + saved in typed:
        return typed
    result.both_kept += 1
    return (typed + SAVED_MARK + saved)[:MAX_TEXT]


def _combine(typed, saved, result: Combined, text: bool):
    if not has_answer(typed):
        return saved if saved is not None else typed
    if not has_answer(saved):
        return typed
    if isinstance(typed, dict) and isinstance(saved, dict):
        keys = [*typed, *(key for key in saved if key not in typed)]
        return {key: _combine(typed.get(key), saved.get(key), result, text) for key in keys}
    if isinstance(typed, list) and isinstance(saved, list):
        longer = max(len(typed), len(saved))
        return [_combine(typed[i] if i < len(typed) else None,
                         saved[i] if i < len(saved) else None, result, text) for i in range(longer)]
    if text and isinstance(typed, str) and isinstance(saved, str):
        return _text(typed, saved, result)
    if typed != saved:
        result.page_choices += 1
    return typed


def combine(typed, saved, text: bool = True) -> Combined:
    """One exercise's answers: `typed` (on the page) with `saved` (brought back).

    With `text=False` strings are treated as choices (the page's wins), for kinds whose
    strings are option ids."""
    result = Combined(None)
    result.value = _combine(typed, saved, result, text)
    return result
