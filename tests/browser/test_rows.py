"""Removing a row keeps the keyboard focus on the page and can be undone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_private_answers import READY, module_url

pytestmark = pytest.mark.browser
FOCUSED = "(() => { const e = document.activeElement; return e ? e.tagName + ' ' + e.textContent : ''; })()"


def test_remove_a_row_focus_goes_to_undo_which_puts_it_back(page, server):
    open_page(page, module_url(server), READY)
    table = page.locator(".wb-responses")
    table.get_by_role("button", name="Add a row").click()
    page.wait_for_selector(".wb-responses button:has-text('Remove row 2')")
    second = table.locator("textarea").nth(2)
    second.fill("a thought worth keeping")
    page.wait_for_timeout(500)
    table.get_by_role("button", name="Remove row 2").click()
    page.wait_for_selector(".wb-responses .wb-undo:visible", timeout=30_000)
    page.wait_for_function("document.activeElement && document.activeElement.closest('.wb-undo')",
                           timeout=10_000)
    assert "removed (a thought worth keeping)" in table.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_function("[...document.querySelectorAll('.wb-responses textarea')]"
                           ".some(t => t.value === 'a thought worth keeping')", timeout=30_000)
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'TEXTAREA'"
                           " && document.activeElement.closest('.wb-responses')", timeout=10_000)
    assert table.locator("textarea").nth(2).input_value() == "a thought worth keeping"
    assert page.evaluate(FOCUSED) != "BODY"
