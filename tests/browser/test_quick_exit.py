"""Quick exit by keyboard fires only when meant: Shift pressed and released on its own.

Capitals, Shift+Tab, Shift+arrows, Shift+click and a held Shift never count, in a text box or
anywhere else on the page; three lone presses still leave at once (test_private_answers.py).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_private_answers import READY, first_answer, module_url

pytestmark = pytest.mark.browser
TYPED = "I told my GP I Was Not Sleeping. OK?"


def type_with_shift(tab, text: str) -> None:
    """Type as a person does: Shift held down for each capital letter and for '?'."""
    for char in text:
        if char.isupper():
            tab.keyboard.press(f"Shift+Key{char}")
        elif char == "?":
            tab.keyboard.press("Shift+Slash")
        else:
            tab.keyboard.type(char)


def shift_with(tab, key: str, times: int = 4) -> None:
    for _ in range(times):
        tab.keyboard.press(f"Shift+{key}")


def held_shift(tab, times: int = 4) -> None:
    for _ in range(times):
        tab.keyboard.down("Shift")
        tab.wait_for_timeout(1200)
        tab.keyboard.up("Shift")


def shift_click(tab, times: int = 4) -> None:
    for _ in range(times):
        tab.keyboard.down("Shift")
        tab.mouse.click(5, 300)
        tab.keyboard.up("Shift")


ACTIONS = {
    "capitals": lambda tab: type_with_shift(tab, TYPED),
    "shift-tab": lambda tab: shift_with(tab, "Tab"),
    "shift-arrows": lambda tab: shift_with(tab, "ArrowLeft"),
    "held-shift": held_shift,
    "shift-click": shift_click,
}


@pytest.mark.parametrize("where", ["in-a-text-box", "on-the-page"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_shift_used_with_something_else_never_leaves(page, server, action, where):
    open_page(page, module_url(server), READY)
    box = first_answer(page)
    box.fill("")
    box.focus()
    if where == "on-the-page":
        page.evaluate("document.activeElement.blur()")
    ACTIONS[action](page)
    page.wait_for_timeout(300)
    assert "/voila/render/" in page.url, f"{action} {where} sent the reader away"
    if action == "capitals" and where == "in-a-text-box":
        assert box.input_value() == TYPED


def test_lone_presses_between_other_keys_start_the_count_again(page, server):
    open_page(page, module_url(server), READY)
    first_answer(page).focus()
    for _ in range(3):
        page.keyboard.press("Shift")
        page.keyboard.type("a")
    page.wait_for_timeout(300)
    assert "/voila/render/" in page.url
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{server.url}/weather")
