"""Early copies against a real server: the page works before Voilà's scripts have run, and
nothing the reader types meanwhile is lost when the widgets take over."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED

from .test_app import serious_accessibility_problems

pytestmark = pytest.mark.browser
PAYLOAD = '</textarea><img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'
VOILA_SCRIPTS = "**/voila/static/**"


@pytest.fixture
def held_page(page, server):
    """The seed module with Voilà's scripts held back: only what the page itself carries works."""
    held, released = [], []

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route(VOILA_SCRIPTS, hold)
    page.goto(f"{server.url}/voila/render/{SEED}.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector(".wb-early textarea", state="visible", timeout=60_000)

    def release():
        released.append(True)
        while held:
            held.pop(0).continue_()
        page.wait_for_function("!document.querySelector('.wb-early')", timeout=90_000, polling=100)

    page.release = release
    yield page
    released.append(True)  # after a failed test: let the page finish before it is closed
    while held:
        held.pop(0).continue_()


def test_the_page_reads_and_takes_input_before_any_widget_code(held_page, seed):
    page = held_page
    assert page.evaluate("typeof window.jupyterapp === 'undefined' && !window._JUPYTERLAB")
    for chapter in seed.chapters:
        assert page.locator(f"[id='{chapter.id}']").first.is_visible()
    exercises = page.locator(".wb-early .wb-exercise")
    assert exercises.count() == len(seed.exercises)
    for index in range(exercises.count()):
        fields = exercises.nth(index).locator("textarea, input[type=radio], summary")
        assert fields.count() > 0 and fields.first.is_enabled()
    assert page.get_by_role("status").filter(has_text="You can start now").is_visible()
    assert page.locator(".wb-early button:not([disabled])").count() == 0
    hidden = page.locator(".wb-early [hidden]")
    assert hidden.count() > 0, "the answers panel's later steps are in the copy, hidden"
    assert not any(section.is_visible() for section in hidden.all())
    assert serious_accessibility_problems(page) == []


def test_what_was_typed_early_reaches_the_kernel_and_focus_stays(held_page, tmp_path):
    page = held_page
    table_box = page.locator(".wb-early .wb-table textarea").first
    table_box.fill(PAYLOAD)
    page.locator(".wb-early .wb-checklist input[type=radio]").first.check()
    page.locator(".wb-early-cycle summary").first.click()
    page.locator(".wb-early-cycle textarea").first.fill("a note on the first stage")
    table_box.click()
    page.keyboard.press("Control+End")
    page.release()

    page.keyboard.type(" and more")  # focus and caret followed into the real box
    real_box = page.locator(".wb-table textarea").first
    assert real_box.evaluate("box => box === document.activeElement")
    assert real_box.input_value() == PAYLOAD + " and more"
    assert page.locator(".wb-checklist input[type=radio]").first.is_checked()
    assert page.locator(".wb-cycle-panel textarea").input_value() == "a note on the first stage"
    assert page.locator(".wb-cycle-stage.wb-open").count() == 1
    real_box.blur()
    page.wait_for_timeout(500)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (not locked)").click()
    answers = Path(info.value.path()).read_text(encoding="utf-8")
    viewer = page.context.new_page()
    viewer.set_content(answers)
    text = viewer.inner_text("body")
    viewer.close()
    assert PAYLOAD + " and more" in text, "the kernel has the text typed before it connected"
    assert "a note on the first stage" in text
    assert page.evaluate("window.hacked || 0") == 0


def test_untouched_copies_change_nothing(held_page):
    page = held_page
    page.release()
    # early.js's status line is the only one: the answers panel's copy carries its class, so
    # workbook.js finds the panel at once and adds no "loading" line of its own.
    statuses = page.locator(".wb-exercises-loading")
    assert statuses.count() == 1
    assert statuses.first.inner_text() == "The page is ready."
    assert all(box.input_value() == "" for box in page.locator(".wb-exercise textarea").all())
    assert page.locator(".wb-exercise input[type=radio]:checked").count() == 0


def test_a_page_that_cannot_connect_says_so_early_and_stays_in_sight(held_page):
    """The reader is told within seconds, not after a minute, in a note that stays on screen."""
    note = held_page.locator(".wb-exercises-loading")
    held_page.wait_for_selector(".wb-exercises-loading:has-text('taking longer than usual')", timeout=30_000)
    assert "cannot be saved until the page connects" in note.inner_text()
    assert note.evaluate("el => getComputedStyle(el).position") == "sticky"
    held_page.release()
