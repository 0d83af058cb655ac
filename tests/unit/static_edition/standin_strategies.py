"""Generated inputs for comparing the pydantic stand-in with pydantic: content exercises with one
mistake, and answers and answers documents shaped like the real ones, near every limit."""

from __future__ import annotations

import functools
import json

from hypothesis import strategies as st

from tests.conftest import raw_exercises
from workbook.answers import document as store
from workbook.content.exercises import MAX_TEXT
from workbook.content.load import DEFAULT_CONTENT, load_readable_workbook
from workbook.content.plan import PLAN_ID
from workbook.content.schema import ID_PATTERN

texts = st.text(max_size=12) | st.sampled_from(["", "x" * 81, "ok-id", "Bad Id", "ok\n", "é" * 5001])
leaves = (st.none() | st.booleans() | st.integers(-3, 300) | st.floats(allow_nan=False) | texts
          | st.dates() | st.sampled_from(["3", "3.0", "yes", "10", "rating", "questions", 0, 1, 240, 241]))
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(texts, inner, max_size=3), max_leaves=8)


@functools.cache
def _all_raw_exercises() -> list[dict]:
    return [exercise for folder in sorted(DEFAULT_CONTENT.iterdir()) if (folder / "module.yml").is_file()
            for exercise in raw_exercises(folder)]


@st.composite
def mutated_exercises(draw):
    """A real exercise with one field changed, removed, added, or a list of it resized."""
    exercise = dict(draw(st.sampled_from(_all_raw_exercises())))
    fields = sorted(exercise)
    lists = [name for name in fields if isinstance(exercise[name], list) and exercise[name]]
    action = draw(st.sampled_from(["set", "drop", "add", "nested", "resize"]))
    if action == "set":
        exercise[draw(st.sampled_from(fields))] = draw(values)
    elif action == "drop":
        exercise.pop(draw(st.sampled_from(fields)))
    elif action == "add":
        exercise[draw(texts)] = draw(values)
    elif lists and action == "nested":
        name = draw(st.sampled_from(lists))
        items = list(exercise[name])
        position = draw(st.integers(0, len(items) - 1))
        item = items[position]
        items[position] = ({**item, draw(st.sampled_from(sorted(item) + ["zz"])): draw(values)}
                           if isinstance(item, dict) else draw(values))
        exercise[name] = items
    elif lists:  # shorter (perhaps empty), or longer with repeated items (ids used twice)
        name = draw(st.sampled_from(lists))
        exercise[name] = (exercise[name] * 20)[: draw(st.integers(0, 60))]
    return exercise


@functools.cache
def answerables() -> list[tuple[str, object]]:
    """(module id, exercise) for every exercise of the real content, and (PLAN_ID, section)."""
    workbook = load_readable_workbook(DEFAULT_CONTENT)
    found = [(module.id, exercise) for module in workbook.modules.values() for exercise in module.exercises]
    return found + [(PLAN_ID, section) for section in workbook.plan.sections]


def _ids(exercise, *names) -> list[str]:
    return [part.id for name in names for part in getattr(exercise, name, [])]


_STRATEGIES: dict[int, st.SearchStrategy] = {}


def answers(exercise) -> st.SearchStrategy:
    """Answers for one exercise (made once per exercise): mostly its own shape, with its ids and
    choices, values of the wrong type, texts and rows near the limits; sometimes anything."""
    if id(exercise) not in _STRATEGIES:
        _STRATEGIES[id(exercise)] = _answers(exercise)
    return _STRATEGIES[id(exercise)]


def _answers(exercise) -> st.SearchStrategy:
    own = _ids(exercise, "statements", "items", "questions", "rows", "stages", "lanes")
    keys = (st.sampled_from(own or ["x"]) | st.sampled_from(own or ["x"])
            | st.from_regex(ID_PATTERN, fullmatch=True) | st.text(max_size=5) | st.just("Bad Id"))
    text = (st.text(max_size=8) | st.integers(MAX_TEXT - 1, MAX_TEXT + 1).map(lambda n: "é" * n))
    wrong = st.none() | st.booleans() | st.integers(-1, 5) | st.floats(0, 4) | st.just(["x"]) | st.just({})
    kind = getattr(exercise, "kind", "plan")
    if kind == "rating":
        one = st.integers(-1, len(exercise.scale) + 1) | st.sampled_from([None, True, "2", 2.0])
    elif kind == "checklist":
        one = st.sampled_from(_ids(exercise, "choices") + [None, "maybe", 1, True])
    elif kind == "table":
        columns = st.sampled_from(_ids(exercise, "columns")) | st.text(max_size=3)
        one = st.dictionaries(columns, text | wrong, max_size=4) | wrong
    else:
        one = text | wrong
    row = st.dictionaries(st.sampled_from(["left", "right", "when", "what", "zz"]), text | wrong, max_size=3)
    rows = st.lists(row, max_size=3) | st.integers(2, 55).map(lambda n: [{"left": "a", "when": "b"}] * n)
    if kind == "responses":
        shaped = rows | st.lists(row | wrong, max_size=4)
    elif kind == "timeline":
        shaped = st.dictionaries(keys, rows | wrong, max_size=5)
    elif kind == "plan":
        shaped = st.lists(text | wrong, max_size=4) | st.integers(28, 33).map(lambda n: ["x"] * n)
    else:
        shaped = st.dictionaries(keys, one, max_size=8)
    anything = st.recursive(text | wrong, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(keys, inner, max_size=3), max_leaves=6)
    return st.integers(0, 999).flatmap(lambda n: anything if 400 <= n < 550 else shaped)


def _now_and_then(draw, how_often: float) -> bool:
    """True about `how_often` (a band in the middle: Hypothesis favours the ends of a range)."""
    return 400 <= draw(st.integers(0, 999)) < 400 + how_often * 1000


@st.composite
def exercise_and_answers(draw):
    module_id, exercise = draw(st.sampled_from(answerables()))
    return module_id, exercise.id, draw(answers(exercise))


@st.composite
def _module_answers(draw):
    """{exercise id: answers} for one real module: its own exercises (perhaps a stranger)."""
    pairs = [pair for pair in answerables() if pair[0] != PLAN_ID]
    module_id = draw(st.sampled_from(sorted({module_id for module_id, _ in pairs})))
    exercises = [exercise for owner, exercise in pairs if owner == module_id]
    chosen = draw(st.lists(st.sampled_from(exercises), max_size=3))
    found = {exercise.id: draw(answers(exercise)) for exercise in chosen}
    if _now_and_then(draw, 0.1):
        found[draw(st.text(max_size=4) | st.just("Bad Id"))] = draw(values)
    return module_id, found


@st.composite
def documents(draw):
    """An answers document as bytes: mostly nearly right (real ids, answers of each exercise's
    own shape), sometimes with a wrong format, version or extra field, sometimes any JSON."""
    modules = dict(draw(st.lists(_module_answers(), max_size=3)))
    if _now_and_then(draw, 0.1):
        modules[draw(st.text(max_size=4) | st.just("Bad Id"))] = draw(values)
    sections = [section for owner, section in answerables() if owner == PLAN_ID]
    plan = {section.id: draw(answers(section)) for section in draw(st.lists(st.sampled_from(sections),
                                                                            max_size=3))}
    document = {"format": store.FORMAT, "version": draw(st.sampled_from([2, 2, 2, 1, 3, True, 2.0, "2"])),
                "modules": modules, "plan": plan}
    if _now_and_then(draw, 0.2):
        trouble = draw(st.sampled_from(["format", "extra", "drop", "any"]))
        if trouble == "format":
            document["format"] = draw(texts)
        elif trouble == "extra":
            document[draw(texts)] = draw(values)
        elif trouble == "drop":
            document.pop(draw(st.sampled_from(sorted(document))))
        else:
            document = draw(values)
    return json.dumps(document, default=str).encode()
