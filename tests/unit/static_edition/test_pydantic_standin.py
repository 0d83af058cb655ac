"""The static edition's pydantic stand-in against real pydantic: the same content, the same
checks of answers and documents, the same errors and the same plain messages.

A worker process imports the workbook with the stand-in installed as `pydantic`; this process
has real pydantic. Each case is run on both sides (tests/unit/static_edition/standin_worker.py)
and the answers compared as plain data. `STANDIN_PYTHON=/path/to/python3.13` runs the stand-in
side under another interpreter (Pyodide 0.29 is Python 3.13); it needs PyYAML, markdown-it-py,
platformdirs and traitlets there.
"""

from __future__ import annotations

import json
import shutil
from typing import Annotated, Literal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import raw_exercises, raw_module
from tests.unit.static_edition.standin_strategies import documents, exercise_and_answers, mutated_exercises
from tests.unit.static_edition.standin_worker import StandinWorker, handle, install_standin
from workbook.answers import document as store
from workbook.content.exercises import MAX_TEXT
from workbook.content.load import DEFAULT_CONTENT

GENERATED = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                     suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def worker():
    started = StandinWorker()
    yield started
    started.close()


def same(worker, request):
    """The answer to `request` under the stand-in and under real pydantic, asserted equal."""
    mine, real = worker.ask(request), handle(request)
    assert mine == real, f"stand-in and pydantic differ for {request!r:.300}"
    return real


def test_the_worker_runs_the_standin_alone(worker):
    """The comparison means something: the worker has the stand-in, and never real pydantic."""
    loaded = worker.ask(("modules",))
    assert "pydantic.model_setup" in loaded and "pydantic_core" not in loaded


def test_the_readable_workbook_is_the_same(worker):
    """Every module, chapter, exercise and top file of content/ dumps the same under both."""
    dumped = same(worker, ("readable", DEFAULT_CONTENT))
    assert '"exercises": {"' in dumped and len(json.loads(dumped)["modules"]) >= 10


def test_every_model_has_the_same_fields(worker):
    """model_fields: the same names in the same order, the same required ones, the same bare
    annotations (what `kind_of` reads)."""
    fields = same(worker, ("fields",))
    assert ("kind", True, "typing.Literal['rating']") in fields["RatingExercise"]


def test_models_behave_the_same_beyond_validation(worker):
    """Before-validators, model_construct, model_copy, equality, hashing, assignment, str/repr
    (tests/unit/static_edition/standin_behaviours.py)."""
    found = same(worker, ("behaviours",))
    assert found["frozen"][:2] == ("raised", "ValidationError") and found["before-text"][0] == "ok"


# --- Malformed content: the same problems, in the same plain words, at the same lines --------

def _front_matter(path):
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def _write_front(path, front: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + body,
                    encoding="utf-8")


def _break_module(meta: dict):
    meta["colour"] = "red"                                  # unknown field
    meta["chapters"][0]["id"] = "a" * 81                    # too long an id
    meta["chapters"][1]["title"] = ""                       # empty text
    meta["related"] = ["Not An Id", 5]                      # bad pattern, wrong type
    meta["status"] = "draft"                                # not one of the choices


def _break_exercises(exercises: list):
    first = exercises[0]
    exercises.append(dict(first))                           # the same id twice
    exercises.append({**first, "id": "x-kind", "kind": "quiz"})      # wrong kind
    exercises.append({key: value for key, value in first.items() if key != "kind"} | {"id": "no-kind"})
    exercises.append({"kind": "responses", "id": "rows", "title": "Rows", "left_label": "a",
                      "right_label": "b", "min_rows": 9, "max_rows": 4})   # min_rows > max_rows
    exercises.append({"kind": "rating", "id": "r", "title": "t", "scale": ["a", "b"], "minutes": "ten",
                      "statements": [{"id": "s", "text": "x", "hint": 5}]})
    exercises.append("just text")


BREAKAGES = {
    "module": lambda root: _edit_yaml(root / "triggers" / "module.yml", _break_module),
    "chapter": lambda root: _edit_chapter(root / "triggers", _break_exercises),
    "catalogue": lambda root: _edit_yaml(root / "catalogue.yml", lambda data: data.update(
        edition={"name": "x", "date": "last year"}, extra_field=1)),
    "support": lambda root: _edit_yaml(root / "support.yml", lambda data: data["channels"][0].update(
        href="tel:123\n", kind="pigeon")),
    "survey": lambda root: _edit_yaml(root / "survey.yml", lambda data: data["questions"].append(
        {"id": "q-new", "kind": "scale", "text": "How?", "max_length": 5})),
}


def _edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _edit_chapter(folder, change) -> None:
    path = next(path for path in sorted(folder.glob("*.md")) if "exercises" in _front_matter(path)[0])
    front, body = _front_matter(path)
    change(front["exercises"])
    _write_front(path, front, body)


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_malformed_content_gives_the_same_problems(worker, tmp_path, breakage):
    """A broken content copy: the same problems (plain words, file and line) and the same modules
    set aside; the top files' problems stop the whole read, the same way."""
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, root)
    BREAKAGES[breakage](root)
    found = same(worker, ("read", str(root)))
    assert found[0] in ("content_error", "read")
    problems = found[1] if found[0] == "content_error" else "\n".join(found[2])
    assert problems, "the breakage was not noticed at all"


def test_the_raw_errors_of_a_broken_module_are_the_same(worker):
    """The (type, loc, msg, input, ctx) list itself, in pydantic's order."""
    meta = raw_module("triggers")
    _break_module(meta)
    result = same(worker, ("validate", "workbook.content.schema:ModuleFile", meta, None))
    kinds = {error[0] for error in result[1]}
    assert {"extra_forbidden", "string_too_long", "string_too_short", "string_pattern_mismatch",
            "string_type", "literal_error"} <= kinds

    exercises = raw_exercises(DEFAULT_CONTENT / "triggers")
    _break_exercises(exercises)
    result = same(worker, ("validate", "workbook.content.schema:ChapterFrontMatter",
                           {"exercises": exercises}, None))
    kinds = {error[0] for error in result[1]}
    assert {"union_tag_invalid", "union_tag_not_found", "value_error", "too_short", "int_parsing",
            "model_attributes_type"} <= kinds


@GENERATED
@given(exercises=st.lists(mutated_exercises(), min_size=1, max_size=3))
def test_generated_broken_exercises_give_the_same_errors(worker, exercises):
    """Real exercises, each with a field changed, dropped or added: the same errors, or the
    same accepted exercises."""
    same(worker, ("validate", "workbook.content.schema:ChapterFrontMatter", {"exercises": exercises}, None))


# --- Answers ---------------------------------------------------------------------------------

@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
@settings(GENERATED, max_examples=600)
@given(case=exercise_and_answers())
def test_generated_answers_are_checked_the_same(worker, case):
    """AnswersCheck(exercise)(data) for every exercise and the plan's sections: the same value
    back, or the same AnswerError message; and the same raw errors underneath."""
    module_id, exercise_id, data = case
    outcome, _raw = same(worker, ("check", module_id, exercise_id, data))
    assert outcome[0] in ("ok", "answer_error")


@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
@settings(GENERATED, max_examples=400)
@given(data=documents())
def test_generated_documents_are_accepted_and_refused_the_same(worker, data):
    """from_bytes and AnswerBook: the same document accepted (and saved the same), or the same
    DocumentError message; and the same raw errors from the document model."""
    outcome, _raw = same(worker, ("document", data))
    assert outcome[0] in ("ok", "document_error")


def test_documents_near_every_limit_are_treated_the_same(worker):
    """Hand-picked documents at the limits: too many modules, too long a text, a bad id."""
    base = store.new_document()
    cases = [
        {**base, "modules": {f"m{n}": {} for n in range(201)}},
        {**base, "modules": {"Bad Id": {}, **{f"m{n}": {} for n in range(201)}}},  # too many wins
        {**base, "modules": {**{f"m{n}": {} for n in range(199)}, "m-x": 5, "m-y": {}, "m-z": {}}},
        {**base, "modules": {"triggers": {f"e{n}": {"q": "x"} for n in range(199)} | {"e-x": 5}}},
        {**base, "modules": {"triggers": {"e": {"q": "é" * (MAX_TEXT + 1)}}}},
        {**base, "modules": {"triggers": {"Bad Id": {}}}},
        {**base, "modules": {"Bad Id": {}}},
        {**base, "modules": {"triggers": {"e": [{"left": "a", "zz": 1}]}}},
        {**base, "plan": {"s": ["x"] * 31}},
        {**base, "version": 3},
        {"format": "nope"},
    ]
    outcomes = [same(worker, ("document", json.dumps(case).encode()))[0] for case in cases]
    assert all(outcome[0] == "document_error" for outcome in outcomes)


# --- The stand-in's own promises -------------------------------------------------------------

@pytest.fixture
def standin(monkeypatch):
    """The stand-in as `pydantic` in this process, for tests that do not need real pydantic."""
    import sys
    for name in [name for name in sys.modules if name == "pydantic" or name.startswith("pydantic.")]:
        monkeypatch.delitem(sys.modules, name)
    install_standin()
    yield sys.modules["pydantic"]
    for name in [name for name in sys.modules if name == "pydantic" or name.startswith("pydantic.")]:
        del sys.modules[name]


def test_a_frozen_model_refuses_changes_and_extra_fields_are_reported(standin):
    """Frozen: assignment raises frozen_instance and changes nothing; extra="forbid" reports each
    unknown field as extra_forbidden, in pydantic's words."""

    class Row(standin.BaseModel):
        model_config = standin.ConfigDict(extra="forbid", frozen=True)
        left: str = ""

    row = Row(left="a")
    with pytest.raises(standin.ValidationError) as changed:
        row.left = "b"
    assert [e["type"] for e in changed.value.errors()] == ["frozen_instance"] and row.left == "a"
    with pytest.raises(standin.ValidationError) as extra:
        Row.model_validate({"left": "a", "colour": "red"})
    assert extra.value.errors(include_url=False) == [
        {"type": "extra_forbidden", "loc": ("colour",), "msg": "Extra inputs are not permitted",
         "input": "red"}]
    assert hash(row) == hash(Row(left="a")) and row == Row(left="a") and row != Row(left="b")


@pytest.mark.parametrize("define", [
    lambda p: type("Aliased", (p.BaseModel,), {"__annotations__": {"x": int}, "x": p.Field(alias="y")}),
    lambda p: type("Allowing", (p.BaseModel,), {"model_config": p.ConfigDict(extra="allow")}),
    lambda p: type("Floating", (p.BaseModel,), {"__annotations__": {"x": float}}),
    lambda p: type("Tupled", (p.BaseModel,), {"__annotations__": {"x": tuple[int, int]}}),
    lambda p: type("Patterned", (p.BaseModel,), {"__annotations__": {"x": str},
                                                 "x": p.Field(pattern=r"\d+")}),
    lambda p: type("Bounded", (p.BaseModel,), {"__annotations__": {"x": str}, "x": p.Field(ge=1)}),
    lambda p: p.model_validator(mode="wrap"),
    lambda p: type("Stepped", (p.BaseModel,), {"__annotations__": {"x": int}, "x": p.Field(multiple_of=2)}),
    lambda p: type("Flagged", (p.BaseModel,), {"__annotations__": {"x": Literal[True]}}),
    lambda p: type("Measured", (p.BaseModel,), {"__annotations__": {"x": Annotated[str, "a note"]}}),
    lambda p: type("Nested", (p.BaseModel,), {"__annotations__": {"x": "list[Nested]"}}),
    lambda p: type("Later", (p.BaseModel,), {"__annotations__": {"x": "NotYetDefined"}}),
    lambda p: p.ConfigDict(str_strip_whitespace=True),
], ids=["alias", "extra-allow", "float", "tuple", "pattern-escape", "bound-on-text", "wrap-validator",
        "multiple-of", "bool-literal", "other-metadata", "self-reference", "forward-reference",
        "other-config"])
def test_what_the_standin_cannot_do_is_refused_when_the_model_is_defined(standin, define):
    """A feature the stand-in lacks stops the model's definition, never skips a check quietly."""
    with pytest.raises(NotImplementedError):
        define(standin)
