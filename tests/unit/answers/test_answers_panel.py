"""The answers panel driven headlessly, with the browser's side of the bridge simulated."""

from __future__ import annotations

import asyncio
import base64
import functools
import json
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED, raw_exercises
from workbook.answers import crypto
from workbook.answers import panel as answers_panel
from workbook.answers.document import AnswerBook, from_bytes
from workbook.answers.merge import SAVED_MARK
from workbook.content.load import DEFAULT_CONTENT
from workbook.reader import page as page_module
from workbook.reader.page import ModulePage

PASSPHRASE = "a calm and private phrase"
derive_keys = crypto.derive_keys


@functools.lru_cache(maxsize=32)
def cached_keys(passphrase: str, salt: bytes, *params):
    return derive_keys(passphrase, salt, *params)


def no_running_loop():
    raise RuntimeError("no running event loop")


@pytest.fixture(autouse=True)
def quick_kdf_and_no_display(monkeypatch):
    """Derive keys once per (passphrase, salt); show nothing; save at once unless a test runs
    its own event loop (the kernel's loop is what debounces saves in the app)."""
    monkeypatch.setattr(crypto, "derive_keys", cached_keys)
    monkeypatch.setattr(page_module, "display", lambda *args, **kwargs: None)
    monkeypatch.setattr(answers_panel.asyncio, "get_running_loop", no_running_loop)


class Browser:
    """What device.js does, for a kernel-side test: storage, the tab's key, downloads."""

    def __init__(self):
        self.local: dict[str, str] = {}
        self.session: dict[str, str] = {}
        self.downloads: list[bytes] = []

    def attach(self, panel):
        def send(message, buffers=None):
            op = message["op"]
            if op == "store":
                self.local["answers"] = message["blob"]
                panel.device._on_reply(panel.device, {"op": "stored", "ok": True}, [])
            elif op == "keep_key":
                self.session["key"] = message["key"]
            elif op == "drop_key":
                self.session.pop("key", None)
            elif op == "forget":
                self.local.clear()
                self.session.clear()
                panel.device._on_reply(panel.device, {"op": "forgotten", "ok": True}, [])
            elif op == "download":
                self.downloads.append(base64.b64decode(message["b64"]))
        panel.device.send = send
        panel.device.stored = self.local.get("answers", "")
        panel.device.session_key = self.session.get("key", "")
        panel.device.ready = True
        return panel


def open_module(workbook, browser: Browser) -> ModulePage:
    page = ModulePage(SEED, workbook)
    page.show()
    browser.attach(page.answers_panel)
    page.browser = browser
    return page


def write(page, text: str) -> None:
    widget = page.exercises["scc-reflection"]
    next(iter(widget.boxes.values())).value = text


def written(page) -> str:
    return next(iter(page.exercises["scc-reflection"].answers.values()))


def status(page) -> str:
    return page.answers_panel.status.value


def test_this_page_only_is_the_default(workbook):
    page = open_module(workbook, Browser())
    assert page.answers_panel.mode.value == {"keep": "page"}
    assert "Reloading or closing the page loses them" in status(page)


def test_passphrases_must_match_and_be_long_enough(workbook):
    browser = Browser()
    panel = open_module(workbook, browser).answers_panel
    assert not panel.start_remembering("short", "short")
    assert "at least 8" in panel.status.value
    assert not panel.start_remembering(PASSPHRASE, PASSPHRASE + "x")
    assert "not the same" in panel.status.value
    assert browser.local == {}


def test_remember_save_as_you_go_and_come_back(workbook):
    browser = Browser()
    page = open_module(workbook, browser)
    assert page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    write(page, "remembered words")
    sealed = base64.b64decode(browser.local["answers"])
    assert b"remembered" not in sealed
    salt = bytes(crypto.read_header(sealed)[0])
    book = AnswerBook(from_bytes(crypto.open_with_keys(sealed, derive_keys(PASSPHRASE, salt))))
    assert "remembered words" in str(book.module(SEED))
    assert "Saved on this device" in page.answers_panel.saved_note.value

    same_tab = open_module(workbook, browser)         # reload: the tab's key unlocks it
    assert written(same_tab) == "remembered words"
    assert same_tab.answers_panel.mode.value == {"keep": "device"}

    browser.session.clear()                           # a new tab: ask for the passphrase
    new_tab = open_module(workbook, browser)
    assert written(new_tab) == ""
    assert "Enter your passphrase" in status(new_tab)
    write(new_tab, "typed before unlocking")
    assert not new_tab.answers_panel.unlock("the wrong passphrase")
    assert "does not open" in status(new_tab)
    assert written(new_tab) == "typed before unlocking"
    assert new_tab.answers_panel.unlock(PASSPHRASE)
    assert written(new_tab) == "typed before unlocking" + SAVED_MARK + "remembered words"
    assert new_tab.answers_panel.unlock_passphrase.value == "", "the passphrase is not kept"


def test_saves_wait_for_a_pause_in_typing(workbook, monkeypatch):
    """On the kernel's event loop, a burst of changes makes one save, half a second later."""
    monkeypatch.undo()
    monkeypatch.setattr(page_module, "display", lambda *args, **kwargs: None)
    monkeypatch.setattr(crypto, "derive_keys", cached_keys)
    browser = Browser()
    page = open_module(workbook, browser)
    page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    stores = []
    original = page.answers_panel.device.send
    page.answers_panel.device.send = lambda m, b=None: (stores.append(m["op"]), original(m, b))

    async def type_then_wait():
        for text in ("a", "ab", "abc"):
            write(page, text)
            await asyncio.sleep(0.05)
        assert stores == [], "nothing is saved while the reader is typing"
        await asyncio.sleep(answers_panel.AUTOSAVE_SECONDS + 0.3)

    errors = []
    worker = threading.Thread(target=lambda: errors.extend(
        [e for e in [_run(type_then_wait)] if e is not None]))
    worker.start()
    worker.join(10)
    assert errors == []
    assert stores == ["store"]
    assert "abc" in str(AnswerBook(from_bytes(crypto.open_with_keys(
        base64.b64decode(browser.local["answers"]), page.answers_panel.key_pair))).module(SEED))


def _run(coroutine_function):
    try:
        asyncio.run(coroutine_function())
    except Exception as error:  # reported to the test thread
        return error
    return None


def test_home_shows_progress_once_unlocked(workbook, monkeypatch):
    from workbook.reader import home

    browser = Browser()
    page = open_module(workbook, browser)
    page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    write(page, "one answer")
    monkeypatch.setattr(home, "display", lambda obj: None)
    monkeypatch.setattr(home, "show_html", lambda html: None)
    panel = browser.attach(home.show_home())
    assert f'data-module="{SEED}"' in panel.progress.value
    exercises = len(raw_exercises(DEFAULT_CONTENT / SEED))
    assert f"1 of {exercises} exercises started" in panel.progress.value


def test_file_round_trip_between_readers(workbook):
    first = open_module(workbook, Browser())
    write(first, "kept in a file")
    assert first.answers_panel.save_file(PASSPHRASE)
    other_browser = Browser()
    second = open_module(workbook, other_browser)
    sealed = first.browser.downloads[-1]
    assert second.answers_panel.open_file(sealed, PASSPHRASE)
    assert written(second) == "kept in a file"
    assert other_browser.local == {}, "opening a file does not start remembering by itself"


def test_each_file_problem_has_a_message_and_changes_nothing(workbook):
    page = open_module(workbook, Browser())
    write(page, "already here")
    panel = page.answers_panel
    panel.save_file(PASSPHRASE)
    good = page.browser.downloads[-1]
    cases = {
        "That passphrase does not open": (good, "another passphrase"),
        "changed since it was saved": (good[:-1] + bytes([good[-1] ^ 1]), PASSPHRASE),
        "cut short": (good[:70], PASSPHRASE),
        "larger than any answers file": (good + b"\0" * crypto.MAX_FILE_BYTES, PASSPHRASE),
        "not a workbook answers file": (b"%PDF-1.7 something else", PASSPHRASE),
        "Choose an answers file first": (None, PASSPHRASE),
    }
    for expected, (data, passphrase) in cases.items():
        write(page, "already here")
        assert not panel.open_file(data, passphrase)
        assert expected in panel.status.value, expected
        assert written(page) == "already here"


def test_forget_everything(workbook):
    browser = Browser()
    page = open_module(workbook, browser)
    page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    write(page, "to forget")
    page.answers_panel.forget()
    assert browser.local == {} and browser.session == {}
    assert written(page) == ""
    assert page.answers_panel.mode.value == {"keep": "page"}
    assert "has been deleted" in status(page)


def test_stopping_remembering_drops_the_tabs_key(workbook):
    browser = Browser()
    page = open_module(workbook, browser)
    page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    page.answers_panel.mode.value = {"keep": "page"}
    assert browser.session == {}
    stored = browser.local["answers"]
    write(page, "not saved any more")
    assert browser.local["answers"] == stored


def test_a_hostile_browser_cannot_smuggle_bad_values(workbook):
    page = open_module(workbook, Browser())
    device = page.answers_panel.device
    device.stored = "!" * 100
    assert device.stored_bytes() is None
    device.session_key = base64.b64encode(b"short").decode()
    assert device.session_key == ""
    device.stored = "A" * (crypto.MAX_FILE_BYTES * 2)
    assert device.stored == ""


SALT = b"p" * crypto.SALT_BYTES


def sealed_for_page(plaintext: bytes) -> bytes:
    return crypto.seal_with_keys(plaintext, cached_keys(PASSPHRASE, SALT), SALT)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=200).map(lambda b: crypto.MAGIC + b),
    st.recursive(st.none() | st.integers() | st.text(max_size=30),
                 lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                 max_leaves=20).map(lambda v: sealed_for_page(repr(v).encode())),
    st.dictionaries(st.sampled_from(["scc-reflection", "scc-my-stages", "scc-different-approaches",
                                     "scc-justifications", "scc-starting-point", "scc-grooming-cycle"]),
                    st.integers() | st.text(max_size=5) | st.lists(st.integers(), min_size=1, max_size=3),
                    min_size=1, max_size=3)
    .map(lambda answers: sealed_for_page(json.dumps(
        {"format": "workbook-answers", "version": 1, "modules": {SEED: answers}}).encode())),
))
def test_hostile_files_leave_the_page_as_it_was(workbook, data):
    page = hostile_page(workbook)
    before = page.answers
    assert not page.answers_panel.open_file(data, PASSPHRASE)
    assert page.answers == before


_PAGES: dict[int, ModulePage] = {}


def hostile_page(workbook) -> ModulePage:
    """One page for every generated file, so each example is checked against the same answers."""
    if id(workbook) not in _PAGES:
        page = open_module(workbook, Browser())
        write(page, "the reader's own words")
        _PAGES[id(workbook)] = page
    return _PAGES[id(workbook)]


def test_a_browser_that_reports_before_the_page_is_made_loses_nothing(workbook, monkeypatch):
    """The static edition shows the answers panel (and the browser reports its storage and the
    tab's key) while later cells are still making the exercises: answers come back into every
    exercise once the page is whole, and none is written over with an empty one."""
    browser = Browser()
    page = open_module(workbook, browser)
    assert page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    last = list(page.exercises)[-1]
    first_box = next(iter(page.exercises["scc-reflection"].boxes.values()))
    first_box.value = "early words"
    page.exercises[last].load(page.exercises[last].answers)  # unchanged, but saved below
    page.answers_panel.save_now()
    saved_last = page.exercises[last].answers

    monkeypatch.setenv("WORKBOOK_STATIC", "1")
    again = ModulePage(SEED, workbook)         # a reload in the static edition: cells run one by one
    again.open()
    browser.attach(again.answers_panel)        # the panel is drawn and the browser reports now
    assert again.answers_panel.mode.value == {"keep": "page"}, "nothing unlocked mid-page"
    for chapter in again.module.chapters:
        again.chapter(chapter.id)
    again.end()
    assert written(again) == "early words"
    assert again.exercises[last].answers == saved_last
    assert again.answers_panel.mode.value == {"keep": "device"}


def test_a_served_page_without_its_end_cell_still_brings_answers_back(workbook):
    """A trainer may delete a notebook's last cell; served, the page is whole before any browser
    reports, so the report is taken at once, as before."""
    browser = Browser()
    page = open_module(workbook, browser)
    assert page.answers_panel.start_remembering(PASSPHRASE, PASSPHRASE)
    write(page, "kept words")
    page.answers_panel.save_now()
    again = ModulePage(SEED, workbook)
    again.open()
    for chapter in again.module.chapters:
        again.chapter(chapter.id)
    browser.attach(again.answers_panel)       # no end(): the page never says it is finished
    assert written(again) == "kept words"
