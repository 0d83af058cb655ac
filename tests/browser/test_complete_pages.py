"""Complete or honest: a page is called ready only when every part of it has rendered.

When the processor is busy as the server starts, standby kernels prepare their pages slowly. A
page must still arrive whole (ending with the page-end mark after the support panel), or, if it
cannot be completed, say so calmly with the support details and a way to try again.
"""

from __future__ import annotations

import multiprocessing
import time
import urllib.request

import nbformat
import pytest

from tests.browser.conftest import Server, open_page
from tests.conftest import SEED, catalogue_module_ids
from workbook.render import PAGE_END, page_end

pytestmark = pytest.mark.browser


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def page_html(server: Server, name: str) -> str:
    with urllib.request.urlopen(f"{server.url}/voila/render/{name}.ipynb", timeout=300) as response:
        return response.read().decode("utf-8")


def test_every_module_arrives_whole_when_the_server_starts_on_a_busy_processor(tmp_path):
    """Two processes keep both cores busy while the server starts and prepares a standby page
    for every module; then every module is opened once."""
    burners = [multiprocessing.Process(target=spin, args=(240,), daemon=True) for _ in range(3)]
    for burner in burners:
        burner.start()
    server = Server(tmp_path)
    try:
        modules = catalogue_module_ids()
        server.wait_for_kernels(len(modules) + 1, timeout=180)
        cut_short = []
        for name in modules:
            html = page_html(server, name)
            if page_end() not in html or 'id="support"' not in html:
                cut_short.append(name)
        assert cut_short == [], f"pages served without their end: {cut_short}"
    finally:
        for burner in burners:
            burner.terminate()
        server.stop()
    assert "Timeout waiting for IOPub output" not in server.log.read_text()


CUT_SHORT_SOURCE = f"""\
from workbook.reader.page import ModulePage

page = ModulePage("{SEED}")
page.show_header()
page.show_chapter(page.module.chapters[0].id)
"""


@pytest.fixture(scope="module")
def hasty(tmp_path_factory):
    """A server whose one notebook stops after its first chapter, as a page cut short by a timeout
    does (the busy-processor test above shows the real cause is gone)."""
    tmp = tmp_path_factory.mktemp("hasty")
    notebooks = tmp / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell(CUT_SHORT_SOURCE)]
    nbformat.write(nb, notebooks / "cut.ipynb")
    running = Server(tmp, flags=(f"--WorkbookConfig.notebooks_dir={notebooks}",
                                 "--WorkbookApp.home_notebook=cut.ipynb"))
    yield running
    running.stop()


def test_a_page_that_could_not_be_completed_says_so_with_support_and_a_retry(page, hasty, workbook):
    page.goto(f"{hasty.url}/voila/render/cut.ipynb")
    notice = page.wait_for_selector(".wb-incomplete", timeout=120_000)
    text = notice.inner_text()
    assert "did not load completely" in text
    assert workbook.support.channels[0].value in text
    assert page.get_by_role("button", name="Try again").is_visible()
    page.wait_for_timeout(2000)
    status = page.locator(".wb-exercises-loading")
    assert "ready" not in " ".join(status.all_inner_texts()).lower()


def test_a_standby_page_that_was_cut_short_is_never_handed_to_a_reader(hasty):
    """The standby kernel's page was cut short: the reader's load is prepared afresh instead."""
    hasty.wait_for_kernels(1, timeout=120)
    time.sleep(10)  # the standby page has been prepared (cut short) by now
    html = page_html(hasty, "cut")
    assert "was cut short; its kernel is replaced" in hasty.log.read_text()
    assert page_end() not in html and 'id="wb-incomplete"' in html


def test_a_complete_page_still_says_it_is_ready(page, server):
    open_page(page, f"{server.url}/voila/render/{SEED}.ipynb", ".wb-support")
    assert page.locator(f".{PAGE_END}").count() == 1
    assert page.locator(".wb-incomplete").count() == 0
