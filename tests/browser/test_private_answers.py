"""Private answers in a real browser: remember on this device, files, forgetting, quick exit."""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from pathlib import Path

import pytest

from tests.browser.conftest import open_page
from tests.conftest import PROJECT, SEED
from workbook.answers.merge import SAVED_MARK

pytestmark = pytest.mark.browser
READY = ".wb-cycle-stage"
PASSPHRASE = "blue kettle on the hill"
STORED = "workbook-answers-v1"
RUN = secrets.token_hex(6)  # canaries differ every run, so no file can hold them beforehand
STARTED = time.time()


def canary(name: str) -> str:
    return f"canary-{name}-{RUN}"


def module_url(server) -> str:
    return f"{server.url}/voila/render/{SEED}.ipynb"


def first_answer(tab):
    return tab.locator(".wb-questions textarea").first


def choose_remember(tab, passphrase=PASSPHRASE):
    tab.locator(".wb-answers-panel fieldset").get_by_label("Remember on this device").check()
    tab.get_by_label("Choose a passphrase").fill(passphrase)
    tab.get_by_label("Type the same passphrase again").fill(passphrase)
    tab.get_by_role("button", name="Start remembering").click()
    tab.wait_for_selector("text=locked with your passphrase")


def upload(tab, path):
    """Pick a file with the upload button, as a reader would, and wait until it is read."""
    with tab.expect_file_chooser() as chooser:
        tab.locator(".wb-answers-panel .widget-upload").click()
    chooser.value.set_files(str(path))
    tab.wait_for_function("document.querySelector('.wb-answers-panel .widget-upload')"
                          ".textContent.includes('(file chosen)')")


def stored_blob(tab):
    return tab.evaluate(f"localStorage.getItem('{STORED}')")


def wait_for_save(tab, previous=None, seconds=2.0):
    """The blob in localStorage changes within `seconds` of the last change."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        blob = stored_blob(tab)
        if blob and blob != previous:
            return blob
        tab.wait_for_timeout(100)
    raise AssertionError(f"nothing saved within {seconds}s")


def test_page_only_is_the_default_and_says_so(page, server):
    open_page(page, module_url(server), READY)
    assert page.locator(".wb-answers-panel fieldset").get_by_label("This page only").is_checked()
    assert "Reloading or closing the page loses them" in page.locator(".wb-answers-panel").inner_text()


def test_remember_type_reload_unlock(page, server):
    open_page(page, module_url(server), READY)
    choose_remember(page)
    first = wait_for_save(page)
    assert "canary" not in first
    first_answer(page).fill(canary("remembered"))
    blob = wait_for_save(page, first)
    assert "canary" not in blob, "only sealed answers reach the browser's storage"

    page.reload()   # the same tab: unlocked for this tab, answers come straight back
    open_page(page, module_url(server), READY)
    page.wait_for_function(f"document.querySelector('.wb-questions textarea').value === "
                           f"'{canary('remembered')}'")

    other = page.context.new_page()  # a new tab: must unlock with the passphrase
    open_page(other, module_url(server), READY)
    other.wait_for_selector("text=Enter your passphrase to bring them back")
    assert first_answer(other).input_value() == ""
    other.get_by_label("Your passphrase").fill("not the passphrase")
    other.get_by_role("button", name="Unlock my answers").click()
    other.wait_for_selector("text=That passphrase does not open these answers")
    assert first_answer(other).input_value() == ""
    first_answer(other).fill("typed before unlocking")
    other.get_by_label("Your passphrase").fill(PASSPHRASE)
    other.get_by_role("button", name="Unlock my answers").click()
    other.wait_for_selector("text=nothing was lost")   # typed text and saved text are both kept
    assert first_answer(other).input_value() == f"typed before unlocking{SAVED_MARK}{canary('remembered')}"

    home = page.context.new_page()
    open_page(home, server.url + "/", ".wb-module-card")
    home.get_by_label("Your passphrase").fill(PASSPHRASE)
    home.get_by_role("button", name="Unlock my answers").click()
    home.wait_for_selector(f".wb-progress li[data-module='{SEED}']")
    assert "1 of" in home.locator(f".wb-progress li[data-module='{SEED}']").inner_text()


def test_wrong_passphrase_loses_nothing(page, server):
    open_page(page, module_url(server), READY)
    first_answer(page).fill("kept while the file is refused")
    page.get_by_label("Passphrase for the file").fill("wrong passphrase!")
    bad = Path(tempfile.mkdtemp()) / "answers.wbanswers"
    bad.write_bytes(b"WBANSWERS" + os.urandom(200))
    upload(page, bad)
    page.get_by_role("button", name="Open the file").click()
    page.wait_for_selector("text=Your answers on this page are unchanged")
    assert first_answer(page).input_value() == "kept while the file is refused"


def test_save_to_file_and_open_it_in_a_new_browser(page, browser, server, tmp_path):
    open_page(page, module_url(server), READY)
    first_answer(page).fill(canary("file"))
    page.locator(".wb-table textarea").first.fill("a stage of mine")
    page.get_by_label("Passphrase for the file").fill(PASSPHRASE)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Save to a file").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert b"canary" not in saved.read_bytes() and saved.read_bytes().startswith(b"WBANSWERS")

    fresh = browser.new_context()
    tab = open_page(fresh.new_page(), module_url(server), READY)
    upload(tab, saved)
    tab.get_by_label("Passphrase for the file").fill(PASSPHRASE)
    tab.get_by_role("button", name="Open the file").click()
    tab.wait_for_selector("text=Your answers from the file are back")
    assert first_answer(tab).input_value() == canary("file")
    assert tab.locator(".wb-table textarea").first.input_value() == "a stage of mine"
    fresh.close()


def test_two_readers_never_see_each_others_answers(browser, server):
    readers = [browser.new_context(), browser.new_context()]
    tabs = [open_page(r.new_page(), module_url(server), READY) for r in readers]
    for n, tab in enumerate(tabs):
        choose_remember(tab)
        before = wait_for_save(tab)
        first_answer(tab).fill(canary(f"reader-{n}"))
        wait_for_save(tab, before, seconds=3)
    for n, tab in enumerate(tabs):
        tab.reload()
        open_page(tab, module_url(server), READY)
        tab.wait_for_function(f"document.querySelector('.wb-questions textarea').value === "
                              f"'{canary(f'reader-{n}')}'")
        assert canary(f"reader-{1 - n}") not in tab.content()
        assert canary(f"reader-{1 - n}") not in (stored_blob(tab) or "")
    for reader in readers:
        reader.close()


def test_forget_everything_after_confirming(page, server):
    open_page(page, module_url(server), READY)
    choose_remember(page)
    before = wait_for_save(page)
    first_answer(page).fill("to be forgotten")
    wait_for_save(page, before)
    page.get_by_role("button", name="Forget everything on this device").click()
    page.get_by_role("button", name="Yes, forget everything").click()
    page.wait_for_selector("text=has been deleted")
    assert stored_blob(page) is None
    assert page.evaluate("sessionStorage.length") == 0
    assert first_answer(page).input_value() == ""


@pytest.mark.parametrize("how", ["button", "shift-three-times"])
def test_quick_exit(page, server, how):
    open_page(page, server.url + "/", ".wb-module-card")
    page.locator(f".wb-module-card a[href='{SEED}.ipynb']").click()   # links replace, not push
    page.wait_for_url(module_url(server), wait_until="commit")
    page.wait_for_selector(READY, timeout=60_000)
    first_answer(page).fill("leave no trace")
    started = time.monotonic()
    if how == "button":
        page.get_by_role("button", name="Quick exit").click()
    else:
        first_answer(page).focus()
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(f"{server.url}/weather")
    assert time.monotonic() - started < 5
    assert "Weather" in page.title()
    page.go_back()
    page.wait_for_timeout(500)
    assert "/voila/render/" not in page.url, "Back must not return to the workbook"


def test_quick_exit_is_quick(page, server):
    open_page(page, module_url(server), READY)
    started = time.monotonic()
    hidden = page.evaluate("""() => {
        const start = performance.now();
        document.getElementById('wb-quick-exit').click();
        return {ms: performance.now() - start,
                hidden: getComputedStyle(document.documentElement).visibility === 'hidden',
                cells: document.getElementById('rendered_cells') === null};
    }""")
    assert hidden["hidden"] and hidden["cells"] and hidden["ms"] < 100, hidden
    page.wait_for_url(f"{server.url}/weather", wait_until="commit")
    assert time.monotonic() - started < 2


def test_security_headers_everywhere(server):
    import urllib.error
    import urllib.request

    for path in ("/", "/voila/render/index.ipynb", "/voila/static/voila.js",
                 "/voila/templates/workbook/static/workbook.css", "/weather", "/staying-safe",
                 "/no-such-page", "/voila/render/no-such.ipynb"):
        try:
            response = urllib.request.urlopen(urllib.request.Request(server.url + path))
            headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert headers["X-Frame-Options"] == "DENY", path
        for cookie in headers.get_all("Set-Cookie") or []:
            assert "SameSite=Strict" in cookie and "expires" not in cookie.lower(), cookie


def test_staying_safe_page_explains_history(page, server):
    open_page(page, module_url(server), READY)
    page.get_by_role("link", name="Staying safe").click()
    page.wait_for_url(f"{server.url}/staying-safe")
    assert "history" in page.locator("main").inner_text()


def files_written_since(start: float, place: Path):
    """Files under `place` changed during this run, skipping installed packages and the
    browser's own profile (that is the reader's device, not the server)."""
    skip = {".git", ".venv", "node_modules", "site-packages", "__pycache__"}
    for root, dirs, files in os.walk(place):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith("playwright")]
        for name in files:
            path = Path(root) / name
            try:
                info = path.stat()
            except OSError:
                continue
            if info.st_mtime >= start and info.st_size < 50_000_000 and path.is_file():
                yield path


def test_canaries_are_nowhere_on_the_server(server, browser):
    """After a full session (run last), no canary is under the server's tree, temp or logs."""
    context = browser.new_context()
    tab = open_page(context.new_page(), module_url(server), READY)
    choose_remember(tab)
    before = wait_for_save(tab)
    first_answer(tab).fill(canary("server"))
    wait_for_save(tab, before, seconds=3)
    tab.get_by_label("Passphrase for the file").fill(PASSPHRASE)
    with tab.expect_download():
        tab.get_by_role("button", name="Save to a file").click()
    with tab.expect_download() as plain:  # My answers: plain text, made in the kernel, sent to the browser
        tab.get_by_role("button", name="Download my answers (not locked)").click()
    assert canary("server") in Path(plain.value.path()).read_text(encoding="utf-8")
    tab.get_by_role("button", name="Print my answers or save them as PDF").click()
    tab.wait_for_selector("iframe.wb-print-frame", state="attached")
    context.close()
    places = [server.cwd, PROJECT, Path(tempfile.gettempdir()), Path.home() / ".local" / "share",
              Path.home() / ".ipython", Path.home() / ".jupyter"]
    found = []
    for place in places:
        for path in files_written_since(STARTED, place) if place.exists() else []:
            if path.name.startswith(server.survey_db.name):
                continue  # the survey holds only what a reader chose to send (tested below)
            try:
                if RUN.encode() in path.read_bytes():
                    found.append(str(path))
            except OSError:
                continue
    assert found == []
    assert RUN not in server.log.read_text()


def test_survey_is_stored_anonymously_and_the_database_is_never_served(page, server):
    import sqlite3
    import urllib.error
    import urllib.request

    open_page(page, module_url(server), READY)
    survey = page.locator(".wb-survey")
    survey.locator("fieldset").first.get_by_label("4:").check()
    survey.locator("textarea").first.fill(f"<b>{canary('survey')}</b>")
    survey.get_by_role("button", name="Send my answers anonymously").click()
    page.wait_for_selector("text=Your answers have been sent anonymously")
    rows = sqlite3.connect(server.survey_db).execute(
        "select r.module_id, r.submitted_on, a.question_id, a.number, a.text from survey_responses r "
        "join survey_answers a on a.response_id = r.id").fetchall()
    assert (SEED, time.strftime("%Y-%m-%d"), "helpful", 4, None) in rows
    assert any(text == f"<b>{canary('survey')}</b>" for *_, text in rows), "stored verbatim"
    name = server.survey_db.name
    for path in (f"/voila/files/{name}", f"/voila/files/../{name}", f"/voila/files/..%2F{name}",
                 f"/voila/static/../../{name}", f"/{name}", f"/voila/templates/workbook/static/../../{name}"):
        try:
            response = urllib.request.urlopen(server.url + path)
            status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        assert status >= 400 and b"SQLite format" not in body, path


def test_the_file_button_says_what_it_does_without_a_counter(page, server):
    open_page(page, module_url(server), READY)
    button = page.locator(".wb-answers-panel .jupyter-widget-upload, .wb-answers-panel .widget-upload").first
    page.wait_for_function("""() => { const b = document.querySelector(
        '.wb-answers-panel .jupyter-widget-upload, .wb-answers-panel .widget-upload');
        return b && !/\\(\\d+\\)$/.test(b.textContent.trim()); }""", timeout=10_000)
    assert button.inner_text().strip() == "Choose a file"
