"""The answers document is checked through the kinds' pydantic answers types, with plain messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import PROJECT
from tests.unit.widgets.test_widgets import sample_answers
from workbook.answers import document as store
from workbook.answers.check import AnswerError, AnswersCheck, where
from workbook.cli import main
from workbook.content.exercises import EXERCISE_MODELS, MAX_TEXT


def wrap(answers, exercise_id="ex") -> dict:
    return {"format": store.FORMAT, "version": store.VERSION, "modules": {"mod": {exercise_id: answers}}}


def test_the_document_format_loads_no_widget_code():
    code = ("import sys, workbook.answers.document; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('ipywidgets', 'widgets', 'anywidget')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_every_kinds_answers_fit_the_document(workbook):
    seen = set()
    for module in workbook.modules.values():
        for exercise in module.exercises:
            document = wrap(sample_answers(exercise), exercise.id)
            assert store.check_document(document) is document
            seen.add(exercise.kind)
    assert seen == {model.model_fields["kind"].annotation.__args__[0] for model in EXERCISE_MODELS}


@pytest.mark.parametrize(("answers", "expected"), [
    ({"q": "x" * (MAX_TEXT + 1)}, f"the limit is {MAX_TEXT}"),
    ([{"left": "a", "right": "b"}] * 51, "the limit is 50"),
    ({"s": 4}, "shape of no exercise kind"),
    ({"s": 2.0}, "shape of no exercise kind"),
    ({"s": True}, "shape of no exercise kind"),
    ({"a": 1, "b": "mixed"}, "shape of no exercise kind"),
    ([{"left": "a", "extra": "b"}], "shape of no exercise kind"),
    ({f"k{n}": "" for n in range(201)}, "more than 200 entries"),
    ({"Not An Id": "x"}, "shape of no exercise kind"),
])
def test_wrong_answers_get_a_plain_message(answers, expected):
    with pytest.raises(store.DocumentError) as caught:
        store.check_document(wrap(answers))
    message = str(caught.value)
    assert message.startswith("mod.ex: ") and expected in message
    assert "pydantic" not in message and "input_value" not in message and "\n" not in message


def test_document_level_problems_keep_their_messages():
    good = wrap({"q": "text"})
    for document, expected in [
        ({**good, "format": "other"}, "not a workbook answers document"),
        ({**good, "surprise": 1}, "not a workbook answers document"),
        ({**good, "version": 3}, "different version"),
        ({**good, "modules": {"Bad Id": {}}}, "module ids must be lower-case ids"),
        ({**good, "modules": {"mod": {"Bad": {}}}}, "exercise ids must be lower-case ids"),
        ({**good, "modules": {"mod": []}}, "mod: expected a mapping"),
    ]:
        with pytest.raises(store.DocumentError, match=expected):
            store.check_document(document)


def test_one_exercises_check_drops_unknown_ids_and_keeps_choices(workbook):
    exercise = next(ex for m in workbook.modules.values() for ex in m.exercises if ex.kind == "checklist")
    check = AnswersCheck(exercise)
    first = exercise.items[0].id
    assert check({first: exercise.choices[0].id, "unknown": 42}) == {first: exercise.choices[0].id}
    with pytest.raises(AnswerError, match=f"{exercise.id}.{first}: 'perhaps' is not one of the choices"):
        check({first: "perhaps"})


def test_schema_answers_prints_the_documents_json_schema(capsys):
    assert main(["schema", "--answers"]) == 0
    printed = capsys.readouterr().out
    schema = json.loads(printed)
    assert schema["properties"]["format"]["const"] == store.FORMAT
    assert {"Pair", "Event"} <= set(schema["$defs"])
    assert printed == (PROJECT / "docs" / "answers-schema.json").read_text(encoding="utf-8")


def test_an_overlong_id_gets_a_short_message_about_ids():
    """Found by the hostile-files test: a 422-character exercise id was echoed in full, and
    called a text over the limit."""
    long_id = "9yce-0-q" + "-0000" * 83
    document = {"format": "workbook-answers", "version": 1,
                "modules": {"a-module": {"a": None}, "b-module": {long_id: None}}}
    with pytest.raises(store.DocumentError) as refused:
        store.check_document(document)
    message = str(refused.value)
    assert message == "b-module: exercise ids must be lower-case ids"
    assert len(where(long_id, (long_id, 3))) < 100
