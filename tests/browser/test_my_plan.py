"""My plan in a real browser: answers kept on the device in two modules show up in the right
sections after unlocking; lines are added, edited and kept across a reload; the download shows
hostile text as text, with no live script; with nothing kept, the page says so plainly."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_app import serious_accessibility_problems
from tests.browser.test_private_answers import choose_remember, wait_for_save

pytestmark = pytest.mark.browser
RUN = secrets.token_hex(4)
TRIGGER, EXCUSE, ANSWER = f"late nights alone {RUN}", f"it is only pictures {RUN}", f"a child was hurt {RUN}"
HOSTILE = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script> [a](javascript:x)'
PLAN_READY = ".wb-plan-section textarea"


def url(server, name: str) -> str:
    return f"{server.url}/voila/render/{name}.ipynb"


def in_exercise(tab, exercise_id: str, what: str = "textarea"):
    return tab.locator(f".wb-exercise:has(#{exercise_id}) {what}")


def section(tab, section_id: str, what: str = ""):
    return tab.locator(f".wb-plan-section:has(#{section_id}) {what}".strip())


def test_with_nothing_kept_the_plan_explains_and_takes_lines(page, server, requests_seen):
    open_page(page, url(server, "my-plan"), PLAN_READY)
    assert "Nothing from the modules is open on this page yet" in page.locator(".wb-plan-found").inner_text()
    assert section(page, "reasons", ".wb-plan-fed").is_hidden()
    section(page, "reasons", "textarea").first.fill("I want to be someone my family can trust")
    assert "0808 1000 900" in section(page, "contacts").inner_text(), "the helpline comes first"
    assert serious_accessibility_problems(page) == []
    outside = [seen for seen in requests_seen if not seen.startswith((server.url, "data:", "blob:"))]
    assert outside == []


def test_answers_from_two_modules_fill_the_plan_which_survives_a_reload(page, server):
    open_page(page, url(server, "triggers"), ".wb-table textarea")
    choose_remember(page)
    blob = wait_for_save(page)
    in_exercise(page, "trg-trigger-map").first.fill(TRIGGER)
    wait_for_save(page, blob)

    open_page(page, url(server, "addiction"), ".wb-response-row textarea")
    page.wait_for_selector("text=Your answers from this device are back")   # the tab's key
    blob = page.evaluate("localStorage.getItem('workbook-answers-v1')")
    in_exercise(page, "add-excuses").nth(0).fill(EXCUSE)
    in_exercise(page, "add-excuses").nth(1).fill(ANSWER)
    wait_for_save(page, blob)

    open_page(page, url(server, "my-plan"), PLAN_READY)
    page.wait_for_selector("text=Your answers from the modules are open")
    triggers, excuses = section(page, "triggers", ".wb-plan-fed"), section(page, "excuses", ".wb-plan-fed")
    assert TRIGGER in triggers.inner_text() and "Triggers" in triggers.inner_text()
    assert EXCUSE in excuses.inner_text() and "Addiction" in excuses.inner_text()
    assert TRIGGER not in excuses.inner_text()
    assert "How far you have come" not in page.inner_text("body"), "no ratings given yet"
    assert serious_accessibility_problems(page) == [], "with the module answers shown"

    excuses.get_by_role("button", name="Add to my plan").first.click()
    lines = section(page, "excuses", ".wb-plan-line textarea")
    page.wait_for_function(f"[...document.querySelectorAll('.wb-plan-line textarea')]"
                           f".some(box => box.value.includes('{EXCUSE}'))")
    blob = page.evaluate("localStorage.getItem('workbook-answers-v1')")
    lines.first.fill(f"My answer now: {ANSWER}")
    section(page, "excuses").get_by_role("button", name="Add a line").click()
    lines.nth(1).wait_for()
    lines.nth(1).fill(HOSTILE)
    wait_for_save(page, blob)

    page.reload()
    open_page(page, url(server, "my-plan"), PLAN_READY)
    page.wait_for_selector("text=Your answers from the modules are open")
    lines = section(page, "excuses", ".wb-plan-line textarea")
    assert [lines.nth(0).input_value(), lines.nth(1).input_value()] == [f"My answer now: {ANSWER}", HOSTILE]

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my plan (not locked)").click()
    assert info.value.suggested_filename.startswith("workbook-notes-")
    html = Path(info.value.path()).read_text(encoding="utf-8")
    viewer = page.context.new_page()
    viewer.set_content(html)
    found = viewer.evaluate("""() => ({
        scripts: document.scripts.length,
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                   .filter(a => a.name.startsWith('on')).length,
        hacked: window.hacked || 0, title: document.title, text: document.body.innerText})""")
    viewer.close()
    assert found["scripts"] == found["handlers"] == found["hacked"] == 0
    assert HOSTILE in found["text"] and ANSWER in found["text"] and "0808 1000 900" in found["text"]
    assert found["title"].startswith("Notes")
    page.get_by_role("button", name="Print my plan or save it as PDF").click()
    inner = page.wait_for_selector("iframe.wb-print-frame", state="attached").content_frame()
    inner.wait_for_selector(".card")
    assert HOSTILE in inner.inner_text("body") and inner.evaluate("document.scripts.length") == 0
    assert page.evaluate("window.hacked || 0") == 0


def test_the_hard_moment_card_fits_one_phone_screen(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    tab = context.new_page()
    open_page(tab, url(server, "my-plan"), PLAN_READY)
    tab.get_by_role("button", name="Show my card for a hard moment").click()
    card = tab.locator(".wb-plan-card")
    card.wait_for()
    box = card.bounding_box()
    card.scroll_into_view_if_needed()
    assert box["height"] <= 667 and box["width"] <= 375, box
    assert "116 123" in card.inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
