"""A reader never loses what they wrote by accident: unlocking and opening a file keep what was
typed, a wrong passphrase keeps the chosen file, and the page knows when leaving would lose answers."""

from __future__ import annotations

import base64
from datetime import datetime, timezone

from tests.conftest import SEED
from tests.unit.answers.test_answers_panel import (
    PASSPHRASE,
    Browser,
    open_module,
    quick_kdf_and_no_display,
    status,
    write,
    written,
)
from workbook.answers import crypto
from workbook.answers.document import AnswerBook, from_bytes
from workbook.answers.merge import SAVED_MARK, combine

__all__ = ["quick_kdf_and_no_display"]  # the autouse fixture, shared


def boxes(page):
    return list(page.exercises["scc-reflection"].boxes.values())


def stored_module(browser, panel) -> dict:
    sealed = base64.b64decode(browser.local["answers"])
    return AnswerBook(from_bytes(crypto.open_with_keys(sealed, panel.key_pair))).module(SEED)


def remembered_elsewhere(workbook):
    """A browser that keeps answers (two boxes filled) and a new tab that has not unlocked yet."""
    browser = Browser()
    first = open_module(workbook, browser)
    first.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    boxes(first)[0].value = "saved first answer"
    boxes(first)[1].value = "saved second answer"
    browser.session.clear()
    return browser, open_module(workbook, browser)


def test_unlocking_keeps_what_was_typed_before(workbook):
    browser, tab = remembered_elsewhere(workbook)
    boxes(tab)[0].value = "typed before unlocking"
    assert tab.answers_panel.unlock(PASSPHRASE)
    assert boxes(tab)[0].value == "typed before unlocking" + SAVED_MARK + "saved first answer"
    assert boxes(tab)[1].value == "saved second answer", "an empty box takes the saved answer"
    assert "1 box already had different text" in status(tab) and "nothing was lost" in status(tab)
    saved = stored_module(browser, tab.answers_panel)["scc-reflection"]
    assert "typed before unlocking" in str(saved) and "saved first answer" in str(saved)


def test_unlocking_an_untouched_page_just_brings_answers_back(workbook):
    _browser, tab = remembered_elsewhere(workbook)
    assert tab.answers_panel.unlock(PASSPHRASE)
    assert boxes(tab)[0].value == "saved first answer"
    assert "different text" not in status(tab)


def test_a_locked_tab_shows_the_device_choice(workbook):
    _browser, tab = remembered_elsewhere(workbook)
    assert tab.answers_panel.mode.value == {"keep": "device"}
    assert "Enter your passphrase" in status(tab)


def test_opening_a_file_asks_before_changing_the_page(workbook):
    first = open_module(workbook, Browser())
    write(first, "from the file")
    first.answers_panel.save_file(PASSPHRASE)
    sealed = first.browser.downloads[-1]
    page = open_module(workbook, Browser())
    panel = page.answers_panel
    write(page, "typed on this page")
    assert not panel.open_file(sealed, PASSPHRASE)
    assert written(page) == "typed on this page"
    assert panel.replace_box.layout.display != "none" and "already has answers" in status(page)
    panel.replace_no.click()
    assert written(page) == "typed on this page" and "was not opened" in status(page)
    assert panel.replace_box.layout.display == "none"
    assert not panel.open_file(sealed, PASSPHRASE)
    panel.replace_yes.click()
    assert written(page) == "typed on this page" + SAVED_MARK + "from the file"
    assert "back on this page" in status(page)


def test_a_wrong_file_passphrase_keeps_the_chosen_file(workbook):
    first = open_module(workbook, Browser())
    write(first, "in the file")
    first.answers_panel.save_file(PASSPHRASE)
    page = open_module(workbook, Browser())
    panel = page.answers_panel
    panel.upload.value = ({"name": "workbook-answers.wbanswers", "type": "", "size": 1,
                           "content": memoryview(first.browser.downloads[-1]),
                           "last_modified": datetime.now(timezone.utc)},)
    panel.file_passphrase.value = "not the passphrase"
    panel.open_button.click()
    assert "does not open" in status(page)
    assert panel._uploaded() is not None, "the chosen file is still chosen"
    panel.file_passphrase.value = PASSPHRASE
    panel.open_button.click()
    assert written(page) == "in the file"
    assert panel._uploaded() is None, "once opened, the file is let go"


def test_the_page_knows_when_leaving_would_lose_answers(workbook):
    browser = Browser()
    page = open_module(workbook, browser)
    panel, device = page.answers_panel, page.answers_panel.device
    assert not device.unsaved, "nothing typed, nothing to lose"
    write(page, "kept nowhere yet")
    assert device.unsaved
    panel.start_remembering(PASSPHRASE, PASSPHRASE)
    assert not device.unsaved, "saved on this device"
    write(page, "saved as I go")
    assert not device.unsaved
    panel.mode.value = {"keep": "page"}
    assert device.unsaved, "back to this page only, with answers on it"
    assert panel.save_file(PASSPHRASE)
    assert not device.unsaved, "in a file"
    write(page, "typed after saving the file")
    assert device.unsaved
    panel.forget()
    assert not device.unsaved


def test_combining_counts_boxes_that_keep_both():
    result = combine({"a": "mine", "b": "", "c": "same"}, {"a": "saved", "b": "saved b", "c": "same"})
    assert result.value == {"a": "mine" + SAVED_MARK + "saved", "b": "saved b", "c": "same"}
    assert result.both_kept == 1
    again = combine(result.value, {"a": "saved"})
    assert again.value["a"] == result.value["a"] and again.both_kept == 0, "never doubled"
    rows = combine([{"left": "x", "right": ""}], [{"left": "", "right": "r"}, {"left": "y", "right": ""}])
    assert rows.value == [{"left": "x", "right": "r"}, {"left": "y", "right": ""}]
    choices = combine({"q": 2, "r": None}, {"q": 3, "r": 1}, text=False)
    assert choices.value == {"q": 2, "r": 1} and choices.page_choices == 1


def test_home_with_nothing_kept_offers_nothing_to_unlock_or_forget(workbook, monkeypatch):
    from workbook.reader import home

    monkeypatch.setattr(home, "display", lambda obj: None)
    monkeypatch.setattr(home, "show_html", lambda html: None)
    empty = Browser().attach(home.show_home())
    assert empty.forget_box.layout.display == "none" and empty.unlock_box.layout.display == "none"
    assert "No answers are kept on this device" in empty.status.value
    browser, _tab = remembered_elsewhere(workbook)
    kept = browser.attach(home.show_home())
    assert kept.forget_box.layout.display != "none" and kept.unlock_box.layout.display != "none"
    assert kept.unlock(PASSPHRASE) and "saved as you go" not in kept.status.value


def test_answers_to_a_chapter_an_edition_leaves_out_are_kept(workbook):
    """A reader's answers to a chapter this edition's notebook leaves out stay in what is saved."""
    import dataclasses

    browser = Browser()
    full = open_module(workbook, browser)
    full.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    hidden = full.exercises["scc-approaches-reflection"]  # in the chapter 'different-groups'
    next(iter(hidden.boxes.values())).value = "an answer in a chapter the edition leaves out"
    boxes(full)[0].value = "written in the whole module"
    full.answers_panel.save_now()
    before = stored_module(browser, full.answers_panel)["scc-approaches-reflection"]
    assert "leaves out" in str(before)

    module = workbook.modules[SEED]
    kept = tuple(chapter for chapter in module.chapters if chapter.id != "different-groups")
    adapted = dataclasses.replace(module, chapters=kept)
    edition = dataclasses.replace(workbook, modules={**workbook.modules, SEED: adapted})
    browser.session.clear()
    tab = open_module(edition, browser)
    assert "scc-approaches-reflection" not in tab.exercises
    assert tab.answers_panel.unlock(PASSPHRASE)
    boxes(tab)[0].value = "written in the edition"
    tab.answers_panel.save_now()
    after = stored_module(browser, tab.answers_panel)
    assert after["scc-approaches-reflection"] == before, "the left-out chapter's answers are kept"
    assert "written in the edition" in str(after["scc-reflection"])
