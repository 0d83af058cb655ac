"""Carrying what is on a page over to a fresh kernel, when the page's kernel dies or the server
restarts while the reader is writing.

The kernel tells the browser where each answer lives (`field_map`: widget model id -> exercise,
trait and path). When the connection is lost for good, the page (reconnect.js) reads those
widgets' values from its own copy of the models, which hold everything typed up to the last
key, keeps them in this tab for the moment of the reload, and reloads. The fresh page's device
bridge hands them to its kernel, which rebuilds each exercise's answers (`carried_answers`)
and checks them like any other answers before they are shown.
"""

from __future__ import annotations

import json

from widgets.base import AnswerError, ExerciseWidget
from workbook.answers.device import MAX_CARRIED_CHARS

MAX_PATH_PARTS = 3


def field_map(exercises: dict[str, ExerciseWidget]) -> dict[str, list]:
    """{widget model id: [exercise id, trait, *path]} for every input of the page's exercises."""
    return {widget.model_id: [exercise_id, trait, *path]
            for exercise_id, exercise in exercises.items()
            for widget, trait, path in exercise.fields()}


def _path(parts) -> tuple | None:
    if not isinstance(parts, list) or len(parts) > MAX_PATH_PARTS:
        return None
    if not all(isinstance(part, str) or (isinstance(part, int) and not isinstance(part, bool))
               for part in parts):
        return None
    return tuple(parts)


def carried_answers(exercises: dict[str, ExerciseWidget], carried: str) -> dict:
    """{exercise id: answers} rebuilt from what the browser carried over (JSON: a list of
    [exercise id, path, value]); entries for other exercises or of the wrong shape are left
    out. AnswerError if it is not such a list at all. The result still has to be checked."""
    if len(carried) > MAX_CARRIED_CHARS:
        raise AnswerError("what the page carried over is too long")
    try:
        entries = json.loads(carried)
    except ValueError as error:
        raise AnswerError("what the page carried over could not be read") from error
    if not isinstance(entries, list):
        raise AnswerError("what the page carried over could not be read")
    found: dict[str, list[tuple[tuple, object]]] = {}
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
                and entry[0] in exercises):
            continue
        path = _path(entry[1])
        if path is not None:
            found.setdefault(entry[0], []).append((path, entry[2]))
    return {exercise_id: exercises[exercise_id].answers_from(pairs) for exercise_id, pairs in found.items()}


def put_back(exercises: dict[str, ExerciseWidget], carried: str) -> bool:
    """Load what was carried over into the page's exercises. It is the newest state of every
    answer, so it replaces what they hold, one exercise at a time, each checked first. False if
    any of it could not be put back."""
    try:
        answers = carried_answers(exercises, carried)
    except AnswerError:
        return False
    complete = True
    for exercise_id, value in answers.items():
        try:
            exercises[exercise_id].load(value)
        except AnswerError:
            complete = False
    return complete
