"""The module for readers living with a sexual attraction to children: present, linked, and safe to answer."""

from __future__ import annotations

import re

import pytest

from tests.conftest import catalogue_module_ids

MODULE = "living-with-attraction"

# Prompts may ask about feelings, patterns, warning signs and plans, never for a record of acts,
# the people or places involved, or a description of a child.
OFFENCE_DETAIL = [
    r"\bdescribe\b",
    r"\bwhat (did|have) you (do|done)\b",
    r"\bwhen did you (first )?(look|act|offend|meet|touch|contact)",
    r"\bwhere (did|do|were) you\b",
    r"\bhow did you (find|get|meet|contact|hide|keep)\b",
    r"\b(sites?|apps?|platforms?|usernames?|accounts?|chat rooms?|forums?)\b",
    r"\b(names?|ages?) of\b",
    r"\bhow old\b",
    r"\b(the|a|which) child('s)?\b",
    r"\b(images?|pictures?|videos?) (did|do|have) you\b",
]


def answered_prompts(exercise) -> list[str]:
    """The texts a reader writes or chooses an answer against (not intros, which may warn)."""
    texts = [item.text for item in getattr(exercise, "items", None) or []]
    for question in getattr(exercise, "questions", None) or []:
        texts += [question.text, question.hint or ""]
    for row in getattr(exercise, "rows", None) or []:
        texts += [row.label, row.hint or ""]
    texts += [column.label for column in getattr(exercise, "columns", None) or []]
    return [text for text in texts if text]


def offence_details_asked(text: str) -> list[str]:
    return [pattern for pattern in OFFENCE_DETAIL if re.search(pattern, text, re.IGNORECASE)]


@pytest.fixture(scope="module")
def module(workbook):
    return workbook.module(MODULE)


def test_the_module_loads_ready_and_is_in_the_catalogue(module):
    assert module.ready and MODULE in catalogue_module_ids()
    assert 4 <= len(module.chapters) <= 6
    assert all(exercise.id.startswith("lwa-") for exercise in module.exercises)
    kinds = {exercise.kind for exercise in module.exercises}
    assert {"rating", "checklist", "table", "questions"} <= kinds


def test_it_is_related_both_ways_with_the_fantasy_module(workbook, module):
    assert "fantasy" in module.meta.related
    assert MODULE in workbook.module("fantasy").meta.related
    for other in module.meta.related:
        assert other in workbook.modules


def test_the_rating_opens_and_closes_the_module_unchanged(module):
    first = module.chapters[0].exercises[0]
    last = module.chapters[-1].exercises[-1]
    assert first.kind == last.kind == "rating" and first.id != last.id
    assert first.scale == last.scale and len(first.scale) == 3
    assert [(s.id, s.text) for s in first.statements] == [(s.id, s.text) for s in last.statements]


def test_no_prompt_asks_for_offence_details(module):
    prompts = [(exercise.id, text) for exercise in module.exercises for text in answered_prompts(exercise)]
    assert len(prompts) > 30
    assert [(exercise_id, text) for exercise_id, text in prompts if offence_details_asked(text)] == []


@pytest.mark.parametrize("prompt", [
    "What did you do to keep the contact hidden?",
    "Which apps or sites did you use?",
    "Describe what happened.",
    "How old was the child?",
    "Where did you meet?",
])
def test_the_offence_detail_check_catches_such_prompts(prompt):
    assert offence_details_asked(prompt)
