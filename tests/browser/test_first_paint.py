"""The first paint waits for no kernel: a module opens, reads and takes typing while every kernel
the server may run is in use, what was typed reaches the reader's own kernel once one is free,
and nothing one reader typed is in the page another reader gets first.

A small server of its own: at most 2 kernels, one standby kernel, for the seed module only, and
only the home page and the seed module to serve (so no other first page is being made meanwhile
and the count of kernels is exact).
"""

from __future__ import annotations

import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.browser.conftest import Server, open_page
from tests.browser.serving import notebooks_folder
from tests.conftest import SEED

pytestmark = pytest.mark.browser
CAP = 2
SHELL_MARK = "data-workbook-shell>"  # the script that ends a page prepared with no reader


def module_url(server: Server) -> str:
    return f"{server.url}/voila/render/{SEED}.ipynb"


def plain_get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode()


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    folder = tmp_path_factory.mktemp("full")
    notebooks = notebooks_folder(folder, "index", SEED)
    running = Server(folder, flags=(
        f"--WorkbookKernelManager.max_kernels={CAP}", f"--WorkbookConfig.notebooks_dir={notebooks}",
        '--VoilaKernelManager.preheat_denylist=["^(?!.*sexual-communication)"]'))
    try:
        running.wait_for_first_pages("index", SEED)
        assert running.kernels_come_down_to(1, 60), "the seed's standby kernel"
        yield running
    finally:
        running.stop()


def reader(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    return context, context.new_page()


def download_text(tab) -> str:
    with tab.expect_download() as info:
        tab.get_by_role("button", name="Download my answers (not locked)").click()
    viewer = tab.context.new_page()
    viewer.set_content(Path(info.value.path()).read_text(encoding="utf-8"))
    text = viewer.inner_text("body")
    viewer.close()
    return text


def test_a_reader_reads_and_types_at_once_when_every_kernel_is_taken(full, browser):
    secret_a = f"reader A wrote {uuid.uuid4().hex}"
    typed_b = f"reader B wrote {uuid.uuid4().hex} before any kernel"
    context_a, tab_a = reader(browser)
    context_c, tab_c = reader(browser)
    context_b, tab_b = reader(browser)
    try:
        # Readers A and C take every kernel the server may run: the standby pool stays empty.
        open_page(tab_a, module_url(full), wait_for=".wb-exercise textarea")
        tab_a.locator(".wb-table textarea").first.fill(secret_a)
        tab_a.locator(".wb-table textarea").first.blur()
        open_page(tab_c, module_url(full), wait_for=".wb-exercise textarea")
        assert full.kernel_count() == CAP

        # Reader B still gets the page at once, and can type, before any kernel is theirs.
        first_page = plain_get(module_url(full))
        tab_b.goto(module_url(full), wait_until="domcontentloaded")
        early_box = tab_b.locator(".wb-early .wb-table textarea").first
        early_box.wait_for(state="visible", timeout=30_000)
        assert early_box.is_enabled()
        early_box.fill(typed_b)
        status = tab_b.get_by_role("status").filter(has_text="cannot keep your answers yet")
        status.wait_for(timeout=30_000)
        assert "as soon as there is room" in status.inner_text()
        assert tab_b.evaluate("typeof window.jupyterapp === 'undefined'")
        assert full.kernel_count() == CAP, "no kernel was started for reader B"

        # Nothing of reader A's is in what reader B got first.
        assert secret_a not in first_page and secret_a not in tab_b.content()
        assert SHELL_MARK in first_page

        # A kernel frees up (reader C leaves): reader B's page connects by itself, and what they
        # typed meanwhile is in their own kernel.
        context_c.close()
        tab_b.wait_for_function("!document.querySelector('.wb-early')", timeout=120_000, polling=200)
        real_box = tab_b.locator(".wb-table textarea").first
        assert real_box.input_value() == typed_b
        real_box.blur()
        tab_b.wait_for_timeout(500)
        answers_b = download_text(tab_b)
        assert typed_b in answers_b and secret_a not in answers_b
        assert tab_b.get_by_role("status").filter(has_text="cannot keep your answers yet").count() == 0
        assert secret_a in download_text(tab_a)  # reader A's page kept working throughout
    finally:
        for context in (context_a, context_b, context_c):
            context.close()
