"""The static edition in Chromium: built by `workbook build-static`, served by a plain static
server, Python in the browser, and every other host blocked and counted (none may be asked)."""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import zipfile

import pytest

from tests.browser.serving import downloaded_answers, free_port
from tests.conftest import PROJECT, SEED
from workbook.static_edition.serve import StaticSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOOLS = PROJECT / ".venv-static" / "bin" / "python"
PASSPHRASE = "blue kettle on the hill"
HOSTILE = '</textarea><img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'
LIVE = ("!document.querySelector('.wb-early') && "
        "document.querySelector('.jp-Cell-outputWrapper:not([data-wb-prepared])')")


@pytest.fixture(scope="session")
def static_site(tmp_path_factory):
    """The whole workbook built once, as `make static` builds it (with its offline zip)."""
    if not TOOLS.is_file():
        pytest.fail(f"{TOOLS} is missing: `make test` (or `make static-deps`) installs the build tools")
    site = tmp_path_factory.mktemp("static") / "site"
    zipped = site.parent / "workbook.zip"
    # Relative paths from the checkout, as the Makefile gives them
    subprocess.run([sys.executable, "-m", "workbook.cli", "build-static", "-o", str(site),
                    "--tools-python", str(TOOLS.relative_to(PROJECT)), "--cache", ".static-cache",
                    "--zip", str(zipped)], cwd=PROJECT, check=True)
    return site


@pytest.fixture(scope="session")
def static_server(static_site):
    with StaticSite(static_site) as server:
        yield server


def only_from(context, url: str) -> list[str]:
    """Block every request of `context` that is not for `url`; the list fills with what was."""
    outside = []

    def only_here(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    return outside


@pytest.fixture
def tab(browser, static_server):
    """A fresh browser profile in which only the static server can be reached."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    outside = only_from(context, static_server.url)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], "the static edition asked another host"


def module_url(server, name: str = SEED) -> str:
    return f"{server.url}voici/render/{name}.html"


def wait_live(page):
    page.wait_for_function(LIVE, timeout=120_000, polling=200)


def test_the_root_opens_the_home_page_and_its_links_open_modules(tab, static_server):
    tab.goto(static_server.url)
    tab.wait_for_url(re.compile(r"voici/render/index\.html$"))
    assert tab.locator(".wb-module-card").count() > 5, "the home page's text shows at once"
    wait_live(tab)
    tab.locator(f".wb-module-card a[href='{SEED}.ipynb']").first.click()
    tab.wait_for_url(re.compile(rf"voici/render/{SEED}\.html$"))
    assert tab.locator("h1").first.is_visible()


def test_typed_before_and_after_python_starts_is_kept_and_escaped(tab, static_server):
    tab.goto(module_url(static_server), wait_until="domcontentloaded")
    early = tab.locator(".wb-early .wb-table textarea").first
    early.wait_for(state="visible", timeout=10_000)
    assert tab.evaluate("!document.querySelector('.jp-Cell-outputWrapper:not([data-wb-prepared])')"), \
        "the field was there before Python had made any widget"
    early.fill(HOSTILE)
    wait_live(tab)
    live = tab.locator(".wb-table textarea").first
    assert live.input_value() == HOSTILE, "what was typed early moved into the live widget"
    live.click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(" and more")
    answers = downloaded_answers(tab, " and more")
    viewer = tab.context.new_page()
    viewer.set_content(answers)
    assert HOSTILE + " and more" in viewer.inner_text("body"), "the answers file shows it as text"
    viewer.close()
    assert "<script>window.hacked" not in answers
    tab.get_by_role("button", name="Print my answers or save them as PDF").click()
    frame = tab.wait_for_selector("iframe.wb-print-frame", state="attached", timeout=30_000)
    printed = frame.content_frame()
    printed.wait_for_selector(".wb-answer")
    assert HOSTILE + " and more" in printed.inner_text("body"), "printed as text, as in the download"
    assert printed.evaluate("document.scripts.length") == 0
    assert tab.evaluate("window.hacked || 0") == 0


def test_answers_kept_on_the_device_come_back_after_a_reload_and_with_the_passphrase(tab, static_server):
    marker = f"kept-{secrets.token_hex(4)}"
    tab.goto(module_url(static_server))
    wait_live(tab)
    tab.locator(".wb-answers-panel fieldset").get_by_label("Remember on this device").check()
    tab.get_by_label("Choose a passphrase").fill(PASSPHRASE)
    tab.get_by_label("Type the same passphrase again").fill(PASSPHRASE)
    tab.get_by_role("button", name="Start remembering").click()
    tab.wait_for_selector("text=locked with your passphrase", timeout=60_000)
    tab.locator(".wb-table textarea").first.fill(marker)
    tab.wait_for_function(
        "(() => { const b = localStorage.getItem('workbook-answers-v1'); return b && b.length > 0; })()",
        timeout=30_000)
    tab.wait_for_timeout(3000)  # the autosave after the last change
    stored = tab.evaluate("JSON.stringify(localStorage)")
    assert marker not in stored, "only sealed answers reach the browser's storage"

    tab.reload()  # the same tab: unlocked for this tab, the answers come straight back
    wait_live(tab)
    tab.wait_for_function(
        f"document.querySelector('.wb-table textarea').value === '{marker}'", timeout=60_000)

    other = tab.context.new_page()  # another tab: Python starts again, the passphrase unlocks
    other.goto(module_url(static_server))
    wait_live(other)
    other.wait_for_selector("text=Enter your passphrase to bring them back", timeout=30_000)
    other.get_by_label("Your passphrase").fill("not the passphrase")
    other.get_by_role("button", name="Unlock my answers").click()
    other.wait_for_selector("text=That passphrase does not open these answers", timeout=60_000)
    other.get_by_label("Your passphrase").fill(PASSPHRASE)
    other.get_by_role("button", name="Unlock my answers").click()
    other.wait_for_function(
        f"document.querySelector('.wb-table textarea').value === '{marker}'", timeout=60_000)


def test_quick_exit_leaves_for_the_neutral_page(tab, static_server):
    tab.goto(module_url(static_server), wait_until="domcontentloaded")
    tab.get_by_role("link", name="Quick exit").or_(tab.get_by_role("button", name="Quick exit")).first.click()
    tab.wait_for_url(re.compile(r"/weather/$"), timeout=10_000)
    assert "workbook" not in tab.content().lower()


def test_help_now_pages_are_part_of_the_site(tab, static_server):
    tab.goto(module_url(static_server), wait_until="domcontentloaded")
    tab.get_by_role("link", name="Help now").first.click()
    tab.wait_for_url(re.compile(r"/help-now/$"))
    first = tab.locator("main a[href^='/help-now/']").first
    first.click()
    tab.wait_for_load_state()
    assert tab.locator("h1").first.is_visible()


def test_the_offline_zip_works_with_its_own_server(static_site, browser, tmp_path):
    """Unzipped anywhere and served by the server inside it, with no other host reachable."""
    with zipfile.ZipFile(static_site.parent / "workbook.zip") as archive:
        assert {"index.html", "serve-workbook.py", "README.txt", f"voici/render/{SEED}.html",
                "static/pyodide/pyodide-lock.json"} <= set(archive.namelist())
        archive.extractall(tmp_path / "copy")
    port = free_port()
    server = subprocess.Popen([sys.executable, "serve-workbook.py", "", str(port)], cwd=tmp_path / "copy",
                              stdout=subprocess.PIPE, text=True)
    try:
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline()
        context = browser.new_context()
        outside = only_from(context, f"http://127.0.0.1:{port}/")
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/voici/render/my-plan.html")
        wait_live(page)
        assert page.locator("h1").first.is_visible()
        context.close()
        assert outside == []
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_site_ships_compiled_python_and_no_server_only_scripts(static_site):
    pyodide = static_site / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(pyodide / lock["packages"]["workbook"]["file_name"]) as archive:
        compiled = [name for name in archive.namelist() if name.endswith(".cpython-313.pyc")]
        assert "workbook/reader/__pycache__/page.cpython-313.pyc" in compiled
        # PEP 552 flags: hash-based and unchecked, so Pyodide uses it without a file-time check
        assert int.from_bytes(archive.read(compiled[0])[4:8], "little") == 0b01
    page = (static_site / "voici" / "render" / f"{SEED}.html").read_text(encoding="utf-8")
    assert 'class="wb-early"' in page, "the page carries its early copies"
    assert "application/vnd.voila.cell-output+json" not in page
    assert "window.workbookAttach =" not in page and "LOST_AFTER_MS" not in page, \
        "attach.js and reconnect.js ask a server for things a static host does not have"
