"""Leaving a module page with answers kept nowhere asks first; kept answers and quick exit do not."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_private_answers import READY, choose_remember, first_answer, module_url, wait_for_save

pytestmark = pytest.mark.browser


def watch_dialogs(tab, stay: bool = True) -> list[str]:
    """Every dialog's type; a leave-page prompt is answered "stay" (or "leave")."""
    seen: list[str] = []

    def answer(dialog):
        seen.append(dialog.type)
        dialog.dismiss() if stay else dialog.accept()

    tab.on("dialog", answer)
    return seen


def type_an_answer(tab, text: str) -> None:
    first_answer(tab).click()
    tab.keyboard.type(text)


def test_leaving_with_answers_kept_nowhere_asks_and_staying_keeps_everything(page, server):
    open_page(page, module_url(server), READY)
    dialogs = watch_dialogs(page, stay=True)
    type_an_answer(page, "kept on this page only")
    page.get_by_role("link", name="Back to all modules").click()
    page.wait_for_timeout(1500)
    assert dialogs == ["beforeunload"]
    assert "/voila/render/" in page.url
    assert first_answer(page).input_value() == "kept on this page only"
    # The kernel was not shut down by the prompt: remembering still works, and then leaving is quiet.
    choose_remember(page)
    wait_for_save(page)
    page.wait_for_timeout(1000)  # the "saved" flag reaches the page
    page.get_by_role("link", name="Back to all modules").click()
    page.wait_for_url(f"{server.url}/**", timeout=30_000)
    page.wait_for_selector(".wb-module-card", timeout=60_000)
    assert dialogs == ["beforeunload"], "answers kept on the device: no prompt"


def test_a_page_with_nothing_typed_leaves_without_asking(page, server):
    open_page(page, module_url(server), READY)
    dialogs = watch_dialogs(page)
    first_answer(page).click()
    page.get_by_role("link", name="Back to all modules").click()
    page.wait_for_selector(".wb-module-card", timeout=60_000)
    assert dialogs == []


def test_quick_exit_never_asks(page, server):
    open_page(page, module_url(server), READY)
    dialogs = watch_dialogs(page)
    type_an_answer(page, "leave at once")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(f"{server.url}/weather")
    assert dialogs == []
