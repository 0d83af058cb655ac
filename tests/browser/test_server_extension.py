"""The workbook as a jupyter_server extension: `jupyter server` with it enabled serves the workbook
`workbook serve` serves. Same pages and redirects, the same first page of a module, the security
headers on every response, no reader's address in the log, and a reader who fills an exercise
has it reach their own kernel.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import uuid

import pytest

from tests.browser.conftest import open_page
from tests.browser.serving import ExtensionServer
from tests.conftest import SEED
from workbook.server.hardening import SECURITY_HEADERS

pytestmark = pytest.mark.browser
PATHS = ("/", "/voila/render/index.ipynb", f"/voila/render/{SEED}.ipynb", "/weather", "/staying-safe",
         "/help-now", "/voila/tree", "/voila/api/contents/", "/voila/render/no-such-module.ipynb")


@pytest.fixture(scope="module")
def extension_server(tmp_path_factory):
    running = ExtensionServer(tmp_path_factory.mktemp("extension"))
    try:
        running.wait_for_first_pages("index", SEED)
        yield running
    finally:
        running.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str):
    """Status, headers and body of one request, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=120) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


def kind(status: int) -> int | str:
    """A status, with every redirect alike (jupyter_server sends `/` on with 302, Voilà with 301)."""
    return "redirect" if status in (301, 302, 307, 308) else status


def visible_text(html: str) -> str:
    """A page's words, without scripts, tags and the addresses and ids that differ between servers."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_same_pages_and_redirects_as_workbook_serve(server, extension_server):
    for path in PATHS:
        status, headers, _ = fetch(extension_server.url + path)
        expected_status, expected_headers, _ = fetch(server.url + path)
        assert kind(status) == kind(expected_status), path
        location = (headers.get("Location") or "").replace(extension_server.url, "").rstrip("?")
        assert location == (expected_headers.get("Location") or "").replace(server.url, ""), path
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, (path, name)


def test_a_module_s_first_page_is_the_one_workbook_serve_sends(server, extension_server):
    _, _, ours = fetch(f"{extension_server.url}/voila/render/{SEED}.ipynb")
    _, _, theirs = fetch(f"{server.url}/voila/render/{SEED}.ipynb")
    assert "data-workbook-shell" in ours, "the first page is prepared once and sent at once"
    assert visible_text(ours) == visible_text(theirs)
    assert "wb-early" in ours


def test_a_reader_fills_an_exercise_and_it_reaches_their_kernel(extension_server, browser):
    typed = f"noticed {uuid.uuid4().hex}"
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    outside = []
    tab.on("request", lambda request: outside.append(request.url)
           if not request.url.startswith((extension_server.url, "data:", "blob:")) else None)
    try:
        open_page(tab, f"{extension_server.url}/voila/render/{SEED}.ipynb", wait_for=".wb-exercise textarea")
        field = tab.locator(".wb-table textarea").first
        field.fill(typed)
        field.blur()
        with tab.expect_download() as info:
            tab.get_by_role("button", name="Download my answers (not locked)").click()
        assert typed in info.value.path().read_text(encoding="utf-8"), "the kernel wrote what was typed"
    finally:
        context.close()
    assert outside == [], "the page loads nothing from any other host"


def test_no_reader_address_reaches_the_log(extension_server):
    fetch(f"{extension_server.url}/voila/render/index.ipynb?reader=secret")
    lines = extension_server.log.read_text().splitlines()
    requests = [line for line in lines if re.search(r"\b(GET|HEAD|POST)\b", line)]
    assert any("/voila/render/index.ipynb" in line for line in requests), "the access log is on"
    assert [line for line in requests if "127.0.0.1" in line or "secret" in line] == []
