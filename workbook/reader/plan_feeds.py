"""What the reader wrote in the exercises that feed a plan section, as lines they can pick.

Each line keeps the module and exercise it came from. Only the reader's own text is used;
labels come from content. Nothing here is kept: the lines are drawn from the unlocked book.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.content.exercises import MAX_TEXT
from workbook.content.plan import PlanSection, sub_ids


@dataclass(frozen=True)
class FedLine:
    module_title: str
    exercise_title: str
    text: str


def _clean(text) -> str:
    return text.strip() if isinstance(text, str) else ""


def _joined(parts: list[tuple[str, str]]) -> str:
    """'Label: text; label: text' for the parts that hold text."""
    return "; ".join(f"{label}: {text}" for label, text in parts if text)


def exercise_lines(exercise, answers, wanted: list[str]) -> list[str]:
    """The reader's text in one exercise's answers, one line per question, row, stage or pair."""
    keep = set(wanted or sub_ids(exercise))
    kind, lines = exercise.kind, []
    if kind != "responses" and not isinstance(answers, dict):
        return []  # a file may hold another kind's shape here; the page would refuse it too
    if kind == "questions":
        lines = [_clean(answers.get(q.id)) for q in exercise.questions if q.id in keep]
    elif kind == "cycle":
        lines = [_joined([(s.title, _clean(answers.get(s.id)))]) for s in exercise.stages if s.id in keep]
    elif kind == "table":
        for row in exercise.rows:
            cells = answers.get(row.id) if row.id in keep else None
            if isinstance(cells, dict):
                text = _joined([(c.label, _clean(cells.get(c.id))) for c in exercise.columns])
                lines.append(f"{row.label}: {text}" if text else "")
    elif kind == "responses" and isinstance(answers, list):
        lines = [_joined([(exercise.left_label, _clean(pair.get("left"))),
                          (exercise.right_label, _clean(pair.get("right")))])
                 for pair in answers if isinstance(pair, dict)]
    elif kind == "checklist":  # the items the reader answered with the first choice (such as Yes)
        first = exercise.choices[0].id
        lines = [item.text for item in exercise.items if item.id in keep and answers.get(item.id) == first]
    return [line[:MAX_TEXT] for line in lines if line]


def fed_lines(workbook, section: PlanSection, book) -> list[FedLine]:
    """Every line the reader wrote in the exercises feeding `section`, in the order content gives."""
    found = []
    for feed in section.feeds:
        module = workbook.modules.get(feed.module)
        if module is None or not module.ready:
            continue
        exercise = next((ex for ex in module.exercises if ex.id == feed.exercise), None)
        answers = book.module(module.id).get(feed.exercise)
        if exercise is None or not answers:
            continue
        found += [FedLine(module.meta.title, exercise.title, text)
                  for text in exercise_lines(exercise, answers, feed.fields)]
    return found
