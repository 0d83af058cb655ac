"""The My plan page driven headlessly, with the browser's side simulated (the answers panel's
fake Browser): nothing kept, answers from two modules, Add to my plan, reload, hostile text."""

from __future__ import annotations

import base64
import html
import re

from tests.payloads import PAYLOADS
from tests.unit.answers.test_answers_panel import (  # noqa: F401  (the fixture applies here too)
    PASSPHRASE,
    Browser,
    cached_keys,
    quick_kdf_and_no_display,
)
from workbook.answers import crypto
from workbook.answers.document import AnswerBook, from_bytes
from workbook.reader.page import ModulePage
from workbook.reader.plan import PlanPage

TRIGGER = "Lonely evenings after work"
EXCUSE, ANSWER = "Nobody gets hurt by looking", "A real child was hurt to make every image"


def open_plan(workbook, browser: Browser) -> PlanPage:
    page = PlanPage(workbook)
    page.show()
    browser.attach(page.answers_panel)
    return page


def open_module(workbook, browser: Browser, module_id: str) -> ModulePage:
    page = ModulePage(module_id, workbook)
    page.show()
    browser.attach(page.answers_panel)
    return page


def kept_book(browser: Browser) -> AnswerBook:
    sealed = base64.b64decode(browser.local["answers"])
    salt = bytes(crypto.read_header(sealed)[0])
    return AnswerBook(from_bytes(crypto.open_with_keys(sealed, cached_keys(PASSPHRASE, salt))))


def answers_in_two_modules(workbook, browser: Browser, trigger: str = TRIGGER, excuse: str = EXCUSE):
    triggers = open_module(workbook, browser, "triggers")
    assert triggers.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    triggers.exercises["trg-trigger-map"].load({"feelings": {"triggers": trigger, "instead": ""}})
    addiction = open_module(workbook, browser, "addiction")   # the same tab: unlocked at once
    row = addiction.exercises["add-excuses"].rows[0]                       # typed, as a reader would
    row.left.value, row.right.value = excuse, ANSWER


def fed_html(page: PlanPage, section_id: str) -> str:
    return "".join(child.children[0].value for child in page.exercises[section_id].fed_box.children[1:])


def take_buttons(page: PlanPage, section_id: str):
    return [child.children[1] for child in page.exercises[section_id].fed_box.children[1:]]


def test_with_nothing_kept_the_page_says_so_and_the_reader_writes_directly(workbook):
    browser = Browser()
    page = open_plan(workbook, browser)
    assert "Nothing from the modules is open on this page yet" in page.found_note.value
    assert all(widget.fed_box.children == () for widget in page.exercises.values())
    assert page.answers_panel.mode.value == {"keep": "page"}
    page.exercises["reasons"].rows[0].box.value = "My niece deserves a safe uncle"
    assert page.answers["reasons"] == ["My niece deserves a safe uncle"]
    assert browser.local == {}, "nothing is kept until the reader chooses to"


def test_unlocked_answers_from_two_modules_appear_under_the_right_sections(workbook):
    browser = Browser()
    answers_in_two_modules(workbook, browser)
    page = open_plan(workbook, browser)
    assert "Your answers from the modules are open" in page.found_note.value
    triggers = fed_html(page, "triggers")
    assert TRIGGER in triggers and "<cite>Triggers</cite>" in triggers
    excuses = fed_html(page, "excuses")
    assert EXCUSE in excuses and ANSWER in excuses and "<cite>Addiction</cite>" in excuses
    assert TRIGGER not in excuses and EXCUSE not in triggers
    assert fed_html(page, "reasons") == ""


def test_add_to_my_plan_copies_the_line_and_reload_shows_the_plan_as_left(workbook):
    browser = Browser()
    answers_in_two_modules(workbook, browser)
    page = open_plan(workbook, browser)
    take_buttons(page, "excuses")[0].click()
    excuses = page.exercises["excuses"]
    assert excuses.answers == [f"What I told myself: {EXCUSE}; An honest answer: {ANSWER}"]
    excuses.rows[0].box.value = "My own answer now: " + ANSWER            # edited
    excuses.add_line(focus=True).box.value = "Say it out loud, then leave the room"
    page.exercises["reasons"].rows[0].box.value = "I want to be someone my family can trust"

    again = open_plan(workbook, browser)                                  # a reload in the same tab
    assert again.answers["excuses"] == ["My own answer now: " + ANSWER,
                                        "Say it out loud, then leave the room"]
    assert again.answers["reasons"] == ["I want to be someone my family can trust"]
    assert TRIGGER in fed_html(again, "triggers")
    book = kept_book(browser)
    assert book.document["version"] == 2
    assert book.module("triggers")["trg-trigger-map"]["feelings"]["triggers"] == TRIGGER, \
        "saving the plan keeps every module's answers"

    browser.session.clear()                                               # a new tab: locked
    locked = open_plan(workbook, browser)
    assert locked.answers["excuses"] == [""]
    assert locked.answers_panel.unlock(PASSPHRASE)
    assert locked.answers["excuses"][1] == "Say it out loud, then leave the room"


def test_a_module_page_saved_later_keeps_the_plan(workbook):
    browser = Browser()
    answers_in_two_modules(workbook, browser)
    open_plan(workbook, browser).exercises["next-steps"].rows[0].box.value = "Call the helpline on Monday"
    open_module(workbook, browser, "triggers").exercises["trg-trigger-map"].load(
        {"feelings": {"triggers": "Sunday nights", "instead": ""}})
    assert kept_book(browser).module("my-plan")["next-steps"] == ["Call the helpline on Monday"]


def test_remove_and_undo_a_line(workbook):
    page = open_plan(workbook, Browser())
    section = page.exercises["instead"]
    section.rows[0].box.value = "Go for a walk"
    section.add_line().box.value = "Phone my brother"
    section.rows[0].remove.click()
    assert section.answers == ["Phone my brother"]
    section.status.button.click()
    assert section.answers == ["Go for a walk", "Phone my brother"]


def test_hostile_text_is_shown_and_copied_as_text_only(workbook):
    browser = Browser()
    hostile = "\n".join(PAYLOADS)[:1900]
    answers_in_two_modules(workbook, browser, trigger=hostile, excuse=PAYLOADS[0])
    page = open_plan(workbook, browser)
    shown = fed_html(page, "triggers") + fed_html(page, "excuses")
    assert "<script" not in shown.lower() and "onerror=" not in shown.replace("onerror=alert", "")
    assert html.escape(PAYLOADS[0]) in shown
    take_buttons(page, "triggers")[0].click()
    page.exercises["contacts"].rows[0].box.value = PAYLOADS[0]
    names = []
    send = page.answers_panel.device.send
    page.answers_panel.device.send = lambda message, buffers=None: (names.append(message.get("name")),
                                                                   send(message, buffers))
    page.copy_panel.download()
    document = browser.downloads[-1].decode("utf-8")
    assert re.fullmatch(r"workbook-notes-\d{4}-\d{2}-\d{2}\.html", names[-1]), "a neutral file name"
    assert len(re.findall(r"<script", document, re.I)) == 0, "no live script in the copy"
    assert html.escape(PAYLOADS[0]) in document
    assert "<title>Notes, " in document
    assert "0808 1000 900" in document, "the support details travel with the plan"
    page.copy_panel.show_card()
    card = page.copy_panel.card.value
    assert "<script" not in card and html.escape(PAYLOADS[0]) in card
