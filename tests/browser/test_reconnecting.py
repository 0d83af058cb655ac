"""A page whose kernel dies, or whose server restarts, loses nothing the reader wrote: it says so
plainly, reloads with a fresh kernel and puts back every answer, including what was typed after
the kernel had gone (reconnect.js, answers/carry.py)."""

from __future__ import annotations

import os
import signal

import psutil
import pytest

from tests.browser.conftest import Server, open_page
from tests.browser.test_private_answers import READY
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KERNEL_ID = "window.jupyterapp.widgetManager.kernel.id"
BACK = "What you had written is back on the page"
ONLY_SEED = '--VoilaKernelManager.preheat_denylist=["^(?!.*sexual-communication)"]'


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("reconnecting"), flags=(ONLY_SEED,))
    running.wait_for_first_pages(SEED)
    yield running
    running.stop()


def kernel_process(server: Server, kernel_id: str) -> psutil.Process:
    """The kernel's process: named in its command line (a plain kernel) or in the paths of its IPC
    sockets (a kernel forked from the template keeps the template's command line)."""
    for child in server.kernel_processes():
        if any(kernel_id in part for part in child.cmdline()):
            return child
        if any(kernel_id in str(socket.laddr) for socket in child.net_connections(kind="unix")):
            return child
    raise AssertionError(f"no process for kernel {kernel_id}")


def write_everywhere(tab) -> None:
    """A question box, a rating and a row added to a response table."""
    tab.locator(".wb-questions textarea").first.fill("what I noticed before the urge")
    tab.locator(".wb-rating input[type=radio]").nth(1).check()
    table = tab.locator(".wb-responses")
    table.get_by_role("button", name="Add a row").click()
    tab.wait_for_selector(".wb-responses button:has-text('Remove row 2')", timeout=30_000)
    table.locator("textarea").nth(2).fill("a thought in a row added by hand")


def everything_is_back(tab, question_text: str) -> None:
    tab.wait_for_selector(f".wb-answers-panel :text('{BACK}')", timeout=120_000)
    assert tab.locator(".wb-questions textarea").first.input_value() == question_text
    assert tab.locator(".wb-rating input[type=radio]").nth(1).is_checked()
    assert tab.locator(".wb-responses textarea").nth(2).input_value() == "a thought in a row added by hand"


def test_killing_the_readers_kernel_mid_page_loses_nothing(browser, own):
    context = browser.new_context()
    tab = context.new_page()
    try:
        open_page(tab, f"{own.url}/voila/render/{SEED}.ipynb", READY)
        write_everywhere(tab)
        tab.wait_for_timeout(500)
        first_kernel = tab.evaluate(KERNEL_ID)
        os.kill(kernel_process(own, first_kernel).pid, signal.SIGKILL)
        # The reader carries on typing, unaware: these keys reach no kernel.
        box = tab.locator(".wb-questions textarea").first
        box.press("End")
        box.type(", and after")
        everything_is_back(tab, "what I noticed before the urge, and after")
        assert tab.evaluate(KERNEL_ID) != first_kernel
        assert tab.evaluate("sessionStorage.getItem('workbook-carry-v1')") is None
    finally:
        context.close()


def test_a_server_restart_mid_page_loses_nothing(browser, tmp_path):
    server = Server(tmp_path, flags=(ONLY_SEED,))
    server.wait_for_first_pages(SEED)
    context = browser.new_context()
    tab = context.new_page()
    try:
        open_page(tab, f"{server.url}/voila/render/{SEED}.ipynb", READY)
        write_everywhere(tab)
        tab.wait_for_timeout(500)
        server.stop()
        box = tab.locator(".wb-questions textarea").first
        box.press("End")
        box.type(" while the server was away")
        server = Server(tmp_path, flags=(ONLY_SEED,), port=server.port)
        everything_is_back(tab, "what I noticed before the urge while the server was away")
    finally:
        context.close()
        server.stop()
