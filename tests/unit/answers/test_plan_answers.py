"""The plan's answers: their shape in the answers document, a round trip through a file, and a
version 1 file (made before the plan existed) that still opens."""

from __future__ import annotations

import json

import pytest

from tests.unit.answers.test_answers_panel import (  # noqa: F401  (the fixture applies here too)
    PASSPHRASE,
    Browser,
    quick_kdf_and_no_display,
)
from workbook.answers import crypto
from workbook.answers import document as store
from workbook.reader.page import ModulePage
from workbook.reader.plan import PlanPage

PLAN = {"reasons": ["I want my family to trust me", ""], "contacts": ["My brother, 07700 900000"]}


def open_plan(workbook, browser):
    page = PlanPage(workbook)
    page.show()
    browser.attach(page.answers_panel)
    return page


def test_the_plan_is_kept_beside_the_modules():
    book = store.AnswerBook()
    book.set_module("triggers", {"trg-reflection": {"surprise": "how often"}})
    book.set_module("my-plan", PLAN)
    document = json.loads(book.to_bytes())
    assert document == {"format": "workbook-answers", "version": 2,
                        "modules": {"triggers": {"trg-reflection": {"surprise": "how often"}}}, "plan": PLAN}
    again = store.AnswerBook(store.from_bytes(book.to_bytes()))
    assert again.module("my-plan") == PLAN and "my-plan" not in again.document["modules"]


def test_a_version_1_file_opens_with_an_empty_plan():
    old = {"format": "workbook-answers", "version": 1, "modules": {"m": {"e": {"q": "text"}}}}
    book = store.AnswerBook(store.from_bytes(json.dumps(old).encode()))
    assert book.module("my-plan") == {} and book.module("m") == {"e": {"q": "text"}}
    assert json.loads(book.to_bytes())["version"] == 2


@pytest.mark.parametrize("plan, words", [
    ({"reasons": "one line"}, "'plan' must map section ids to lists of lines"),
    ({"reasons": [3]}, "'plan' must map section ids to lists of lines"),
    ({"Reasons!": ["x"]}, "'plan' must map section ids"),
    ({"reasons": ["x"] * 31}, "'plan' must map section ids"),
    ({"reasons": ["x" * 2001]}, "'plan' must map section ids"),
])
def test_a_plan_of_the_wrong_shape_is_refused_in_plain_words(plan, words):
    document = {**store.new_document(), "plan": plan}
    with pytest.raises(store.DocumentError, match=words):
        store.check_document(document)


def test_the_plan_and_the_modules_go_to_one_file_and_open_on_another_device(workbook):
    browser = Browser()
    module = ModulePage("triggers", workbook)
    module.show()
    browser.attach(module.answers_panel)
    assert module.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    module.exercises["trg-trigger-map"].load({"people": {"triggers": "Old chat friends", "instead": ""}})
    plan = open_plan(workbook, browser)                   # the same tab: unlocked at once
    plan.exercises["reasons"].rows[0].box.value = "I want my family to trust me"
    assert plan.answers_panel.save_file(PASSPHRASE)
    data = browser.downloads[-1]
    assert b"trust me" not in data, "the file is sealed"

    elsewhere = open_plan(workbook, Browser())            # another device: nothing kept there
    assert not elsewhere.answers_panel.open_file(data, "not the passphrase at all")
    assert elsewhere.answers["reasons"] == [""]
    assert elsewhere.answers_panel.open_file(data, PASSPHRASE)
    assert elsewhere.answers["reasons"] == ["I want my family to trust me"]
    shown = "".join(c.children[0].value for c in elsewhere.exercises["triggers"].fed_box.children[1:])
    assert "Old chat friends" in shown and "<cite>Triggers</cite>" in shown


def test_a_hostile_plan_in_a_file_changes_nothing(workbook):
    page = open_plan(workbook, Browser())
    page.exercises["reasons"].rows[0].box.value = "mine"
    bad = {**store.new_document(), "plan": {"reasons": [{"not": "text"}]}}
    data = crypto.seal(json.dumps(bad).encode(), PASSPHRASE)
    assert not page.answers_panel.open_file(data, PASSPHRASE)
    assert page.answers["reasons"] == ["mine"]
