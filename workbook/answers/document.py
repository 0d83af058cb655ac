"""The answer store's document: every module's answers, keyed by module and exercise id.

Version 1 (documented in docs/answers-format.md):

    {"format": "workbook-answers", "version": 1,
     "modules": {"<module-id>": {"<exercise-id>": <that exercise's answers>}}}

Each exercise's answers have the shape its widget's `answers` gives. This module checks the
document's structure and limits; each widget's `check()` checks its own answers when loaded.
"""

from __future__ import annotations

import json
import re

from widgets.base import MAX_TEXT
from workbook.content.schema import ID_PATTERN

FORMAT = "workbook-answers"
VERSION = 1
MAX_DEPTH = 4  # modules > exercise > row/question > cell
MAX_ITEMS = 200
ID = re.compile(ID_PATTERN)


class DocumentError(ValueError):
    """The answers document is not one the workbook wrote; the message says what is wrong."""


def new_document() -> dict:
    return {"format": FORMAT, "version": VERSION, "modules": {}}


def _check_value(value, depth: int, where: str) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not -1000 <= value <= 1000:
            raise DocumentError(f"{where}: number out of range")
        return
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise DocumentError(f"{where}: text longer than {MAX_TEXT} characters")
        return
    if depth >= MAX_DEPTH:
        raise DocumentError(f"{where}: nested too deeply")
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise DocumentError(f"{where}: more than {MAX_ITEMS} entries")
        for index, item in enumerate(value):
            _check_value(item, depth + 1, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise DocumentError(f"{where}: more than {MAX_ITEMS} entries")
        for key, item in value.items():
            if not isinstance(key, str) or len(key) > 80:
                raise DocumentError(f"{where}: unexpected key")
            _check_value(item, depth + 1, f"{where}.{key}")
        return
    raise DocumentError(f"{where}: unexpected {type(value).__name__}")


def check_document(document) -> dict:
    """Return the document if its structure and limits are right; raise DocumentError if not."""
    if not isinstance(document, dict):
        raise DocumentError("not a workbook answers document")
    if document.get("format") != FORMAT:
        raise DocumentError("not a workbook answers document")
    if document.get("version") != VERSION:
        raise DocumentError("made by a different version of the workbook")
    modules = document.get("modules")
    if not isinstance(modules, dict) or len(modules) > MAX_ITEMS:
        raise DocumentError("'modules' must map module ids to answers")
    for module_id, exercises in modules.items():
        if not isinstance(module_id, str) or not ID.match(module_id):
            raise DocumentError("module ids must be lower-case ids")
        if not isinstance(exercises, dict):
            raise DocumentError(f"{module_id}: expected a mapping of exercise id to answers")
        for exercise_id, answers in exercises.items():
            if not isinstance(exercise_id, str) or not ID.match(exercise_id):
                raise DocumentError(f"{module_id}: exercise ids must be lower-case ids")
            _check_value(answers, 1, f"{module_id}.{exercise_id}")
    return document


def to_bytes(document: dict) -> bytes:
    return json.dumps(check_document(document), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def from_bytes(data: bytes) -> dict:
    """Parse and check a document; any malformed input becomes a DocumentError."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DocumentError("the answers are not readable JSON text") from None
    return check_document(document)


def has_answer(value) -> bool:
    """Whether an exercise's answers hold anything the reader wrote or chose."""
    if isinstance(value, dict):
        return any(has_answer(item) for item in value.values())
    if isinstance(value, list):
        return any(has_answer(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


class AnswerBook:
    """Every module's answers held in the kernel's memory for one page view; never on disk."""

    def __init__(self, document: dict | None = None):
        self.document = check_document(document) if document is not None else new_document()

    def module(self, module_id: str) -> dict:
        return self.document["modules"].get(module_id, {})

    def set_module(self, module_id: str, answers: dict) -> None:
        self.document["modules"][module_id] = answers

    def merge(self, other: AnswerBook) -> None:
        """Take every module the other book holds, replacing this book's answers for them."""
        self.document["modules"].update(other.document["modules"])

    def to_bytes(self) -> bytes:
        return to_bytes(self.document)

    def progress(self, workbook) -> dict[str, tuple[int, int]]:
        """{module id: (exercises started, exercises in the module)} for ready modules."""
        result = {}
        for module in workbook.modules.values():
            if module.ready:
                saved = self.module(module.id)
                started = sum(has_answer(saved.get(ex.id)) for ex in module.exercises)
                result[module.id] = (started, len(module.exercises))
        return result
