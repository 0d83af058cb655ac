"""Run the same workbook calls under real pydantic or under the static edition's stand-in.

`python -m tests.unit.static_edition.standin_worker` installs the stand-in as the top-level
`pydantic` package (loaded from its folder, as the browser loads it) before anything imports the
workbook, then answers requests read from stdin. The test process calls `handle()` itself with
real pydantic and compares. Every answer is plain data (text, tuples, lists) so it can be compared.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import pickle
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STANDIN = ROOT / "workbook" / "static_edition" / "standins" / "pydantic"


def install_standin() -> None:
    """Make `import pydantic` give the stand-in, loaded from its own folder as a top-level package."""
    spec = importlib.util.spec_from_file_location("pydantic", STANDIN / "__init__.py",
                                                  submodule_search_locations=[str(STANDIN)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["pydantic"] = module
    spec.loader.exec_module(module)


def _errors(error) -> list:
    """A ValidationError's errors as comparable plain data (ascii(): the same text whichever
    Python version, with its own Unicode tables, made it)."""
    return [(e["type"], tuple(e["loc"]), e["msg"], ascii(e.get("input")),
             ascii({key: str(value) for key, value in (e.get("ctx") or {}).items()}))
            for e in error.errors(include_url=False)]


def _named(dotted: str):
    module, name = dotted.split(":")
    return getattr(importlib.import_module(module), name)


def _validated(target, data, strict):
    from pydantic import BaseModel, TypeAdapter, ValidationError
    try:
        if isinstance(target, type) and issubclass(target, BaseModel):
            value = target.model_validate(data, strict=strict)
            return ("ok", ascii(value.model_dump()))
        adapter = TypeAdapter(target)
        return ("ok", ascii(adapter.dump_python(adapter.validate_python(data, strict=strict))))
    except ValidationError as error:
        return ("invalid", _errors(error))


def _dump_workbook(workbook) -> str:
    def dumped(model):
        return None if model is None else model.model_dump()
    modules = {}
    for module_id, module in workbook.modules.items():
        modules[module_id] = {"meta": dumped(module.meta), "chapters": [
            {"entry": dumped(chapter.entry), "front": dumped(chapter.front),
             "blocks": [block if block[0] == "markdown" else ("exercise", dumped(block[1]))
                        for block in chapter.blocks]} for chapter in module.chapters]}
    exercises = {f"{module.id}/{ex.id}": dumped(ex) for module in workbook.modules.values()
                 for ex in module.exercises}
    return json.dumps({"catalogue": dumped(workbook.catalogue), "support": dumped(workbook.support),
                       "survey": dumped(workbook.survey), "plan": dumped(workbook.plan),
                       "modules": modules, "exercises": exercises, "broken": sorted(workbook.broken)},
                      default=repr, ensure_ascii=False)


@functools.cache
def _real_workbook():
    from workbook.content.load import DEFAULT_CONTENT, load_readable_workbook
    return load_readable_workbook(DEFAULT_CONTENT)


def _exercise(module_id: str, exercise_id: str):
    from workbook.content.plan import PLAN_ID
    workbook = _real_workbook()
    if module_id == PLAN_ID:
        return next(section for section in workbook.plan.sections if section.id == exercise_id)
    return next(ex for ex in workbook.module(module_id).exercises if ex.id == exercise_id)


@functools.cache
def _checkers(module_id: str, exercise_id: str):
    """The exercise's AnswersCheck and a plain TypeAdapter of its answers type (made once)."""
    from pydantic import TypeAdapter

    from workbook.answers.check import AnswersCheck
    exercise = _exercise(module_id, exercise_id)
    return AnswersCheck(exercise), TypeAdapter(exercise.answers_type())


def _check(module_id: str, exercise_id: str, data):
    from pydantic import ValidationError

    from workbook.answers.check import AnswerError
    check, adapter = _checkers(module_id, exercise_id)
    try:
        outcome = ("ok", ascii(check(data)))
    except AnswerError as error:
        outcome = ("answer_error", str(error))
    try:
        adapter.validate_python(data, strict=True)
        raw = ()
    except ValidationError as error:
        raw = _errors(error)
    return outcome, raw


def _document(data: bytes):
    from pydantic import ValidationError

    from workbook.answers.document import AnswerBook, AnswersDocument, DocumentError, from_bytes
    try:
        document = from_bytes(data)
        book = AnswerBook(document)
        outcome = ("ok", ascii(document), book.to_bytes())
    except DocumentError as error:
        outcome = ("document_error", str(error))
    try:
        AnswersDocument.model_validate(json.loads(data))
        raw = ()
    except ValidationError as error:
        raw = _errors(error)
    except (ValueError, RecursionError) as error:
        raw = ("not json", type(error).__name__)
    return outcome, raw


def _read(root: str):
    from workbook.content.errors import ContentError
    from workbook.content.load import read_workbook
    try:
        workbook, problems = read_workbook(Path(root))
    except ContentError as error:
        return ("content_error", error.for_readers(root))
    return ("read", _dump_workbook(workbook), [problem.for_readers(root) for problem in problems])


def _fields() -> dict:
    """Every model's fields in order, with whether each is required and its bare annotation's repr
    where that has no FieldInfo in it (the stand-in's FieldInfo prints differently)."""
    from pydantic import BaseModel
    found = {}
    for module in ("workbook.content.schema", "workbook.content.plan", "workbook.answers.document"):
        for name, value in sorted(vars(importlib.import_module(module)).items()):
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                found[name] = [(field, info.is_required(), None if "FieldInfo" in repr(info.annotation)
                                else repr(info.annotation)) for field, info in value.model_fields.items()]
    return found


def handle(request: tuple):
    """One request: ("readable", root), ("read", root), ("validate", "module:Name", data, strict),
    ("check", module id, exercise id, answers) or ("document", bytes)."""
    kind, *args = request
    try:
        if kind == "readable":
            from workbook.content.load import load_readable_workbook
            return _dump_workbook(load_readable_workbook(args[0]))
        if kind == "read":
            return _read(args[0])
        if kind == "validate":
            return _validated(_named(args[0]), args[1], args[2])
        if kind == "check":
            return _check(*args)
        if kind == "document":
            return _document(args[0])
        if kind == "fields":
            return _fields()
        if kind == "behaviours":
            from tests.unit.static_edition.standin_behaviours import behaviours
            return behaviours()
        if kind == "modules":
            return sorted(name for name in sys.modules if name.split(".")[0] in ("pydantic", "pydantic_core"))
    except Exception as error:  # noqa: BLE001  (a crash is an answer to compare too)
        return ("crash", type(error).__name__, str(error))
    raise ValueError(f"unknown request {kind}")


def _frame(stream, payload: bytes) -> None:
    stream.write(struct.pack(">I", len(payload)) + payload)
    stream.flush()


def _read_frame(stream) -> bytes | None:
    head = stream.read(4)
    if len(head) < 4:
        return None
    return stream.read(struct.unpack(">I", head)[0])


class StandinWorker:
    """The worker process, started with the stand-in installed; `ask()` sends one request.
    STANDIN_PYTHON may name another interpreter for it (such as a Python 3.13, as in Pyodide)."""

    def __init__(self):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        python = os.environ.get("STANDIN_PYTHON") or sys.executable
        self.process = subprocess.Popen([python, "-m", "tests.unit.static_edition.standin_worker"],
                                        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def ask(self, request: tuple):
        _frame(self.process.stdin, pickle.dumps(request))
        answer = _read_frame(self.process.stdout)
        if answer is None:
            raise RuntimeError("the stand-in worker stopped")
        return pickle.loads(answer)  # noqa: S301  (our own child process)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def main() -> None:
    install_standin()
    out, sys.stdout = sys.stdout.buffer, sys.stderr  # nothing else may write to the channel
    while (request := _read_frame(sys.stdin.buffer)) is not None:
        _frame(out, pickle.dumps(handle(pickle.loads(request))))  # noqa: S301  (from our parent)


if __name__ == "__main__":
    main()
