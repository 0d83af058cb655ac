"""What is on a page survives its kernel: the browser reads every answer back through
`fields()` and a fresh page puts it back, every kind, added rows included (answers/carry.py)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED
from tests.unit.answers.test_answers_panel import (
    PASSPHRASE,
    Browser,
    open_module,
    quick_kdf_and_no_display,
    status,
)
from tests.unit.widgets.test_widgets import sample_answers
from widgets.registry import exercise_widget
from workbook.answers.carry import carried_answers, field_map, put_back
from workbook.answers.merge import SAVED_MARK
from workbook.content.schema import EXERCISE_KINDS

__all__ = ["quick_kdf_and_no_display"]  # the autouse fixture, shared


def read_back(exercises: dict) -> str:
    """What device.js sends: [exercise id, path, value] for every entry of the field map."""
    models = {widget.model_id: widget for exercise in exercises.values()
              for widget, _trait, _path in exercise.fields()}
    entries = [[where[0], where[2:], getattr(models[model_id], where[1])]
               for model_id, where in field_map(exercises).items()]
    return json.dumps(entries)


@pytest.mark.parametrize("kind", EXERCISE_KINDS)
def test_every_kind_comes_back_whole_on_a_fresh_page(exercises, kind):
    exercise = exercises[kind]
    before = exercise_widget(exercise)
    before.load(sample_answers(exercise))  # responses and timelines with more rows than at first
    carried = read_back({exercise.id: before})
    after = exercise_widget(exercise)
    assert after.answers != before.answers
    assert put_back({exercise.id: after}, carried)
    assert after.answers == before.answers


def test_the_map_follows_rows_added_after_the_page_was_drawn(workbook):
    page = open_module(workbook, Browser())
    responses = next(w for w in page.exercises.values() if w.kind == "responses")
    row = responses.add_row()
    row.left.value = "a thought written in a new row"
    fields = page.answers_panel.device.fields
    assert fields[row.left.model_id][0] == responses.id
    assert fields[row.left.model_id][2:] == [len(responses.rows) - 1, "left"]


def fill(page) -> dict:
    for widget in page.exercises.values():
        widget.load(sample_answers(widget.exercise))
    return page.answers


def test_a_fresh_page_puts_back_what_was_typed_and_says_so(workbook):
    lost = open_module(workbook, Browser())
    typed = fill(lost)
    fresh = Browser()
    page = open_module(workbook, fresh)
    assert page.answers != typed
    page.answers_panel.device.carried = read_back(lost.exercises)
    page.answers_panel._device_reported()
    assert page.answers == typed
    assert "What you had written is back on the page" in status(page)
    assert "kept on this page only" in status(page)
    assert page.answers_panel.device.unsaved
    assert page.answers_panel.device.carried == ""


def test_remembered_answers_take_the_newest_text_without_doubling_it(workbook):
    browser = Browser()
    lost = open_module(workbook, browser)
    lost.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    box = next(iter(lost.exercises["scc-reflection"].boxes.values()))
    box.value = "the start of a sentence"   # saved to the device
    lost.answers_panel.save_now()
    box.value = "the start of a sentence, and the rest typed as the kernel died"
    carried = read_back(lost.exercises)
    page = ModulePageWithCarry(workbook, browser, carried)
    kept = next(iter(page.exercises["scc-reflection"].boxes.values())).value
    assert kept == "the start of a sentence, and the rest typed as the kernel died"
    assert SAVED_MARK not in kept
    assert page.answers_panel.remembering and not page.answers_panel.device.unsaved


def ModulePageWithCarry(workbook, browser, carried):  # noqa: N802 - reads as a page
    """A fresh tab of the same page whose browser reports what was carried over with the rest."""
    from workbook.reader.page import ModulePage

    page = ModulePage(SEED, workbook)
    page.show()
    page.answers_panel.device.carried = carried
    browser.attach(page.answers_panel)
    return page


@pytest.mark.parametrize("carried", [
    "not json", "{}", "[1, 2]", json.dumps([[["scc-reflection"], [], "x"]]),
    json.dumps([["scc-reflection", [True], "x"]]), json.dumps([["scc-reflection", [10**9], "x"]]),
    json.dumps([["scc-reflection", ["a", "b", "c", "d"], "x"]]),
    json.dumps([["scc-reflection", [], {"no-such-question": 5}]]),
    json.dumps([["scc-reflection", [], "x" * 100]]),
])
def test_what_cannot_be_put_back_changes_nothing_and_says_so_plainly(workbook, carried):
    page = open_module(workbook, Browser())
    before = page.answers
    page.answers_panel.device.carried = carried
    page.answers_panel._device_reported()
    assert page.answers == before
    assert "Traceback" not in status(page)


def test_nonsense_is_refused_before_anything_is_built(workbook):
    page = open_module(workbook, Browser())
    with pytest.raises(Exception, match="could not be read"):
        carried_answers(page.exercises, "[")
