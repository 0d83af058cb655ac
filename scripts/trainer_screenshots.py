"""Screenshots for docs/trainers.md: a module's notebook adapted in JupyterLab, run live, and the
trainer's own Markdown cell in the served app.

Makes an edition in a temporary folder with `workbook edition new`, adds a Markdown cell between
the first two chapters of the Triggers notebook, then starts JupyterLab and `workbook serve` on
127.0.0.1 (nothing is fetched from other hosts) and shoots them in headless Debian Chromium.
Usage: python scripts/trainer_screenshots.py [--output docs/screenshots]   (make screenshots)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import nbformat  # noqa: E402

from scripts.screenshots import shrink  # noqa: E402
from tests.browser.serving import CHROMIUM, Server, free_port, open_page  # noqa: E402
from workbook.export.printer import CHROMIUM_ARGS  # noqa: E402

MODULE = "triggers"
OWN_CELL = ("## Before the break\n\nTake ten minutes away from the screen. When we come back, we look at "
            "the places and times that raise the risk, and what each of you can change this week.")


def make_edition(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "workbook.cli", "edition", "new", "evening-group",
                    "--adapted-by", "A trainer"], cwd=folder, check=True, capture_output=True)
    edition = folder / "evening-group"
    path = edition / "notebooks" / f"{MODULE}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell(OWN_CELL))
    nbformat.write(nb, path)
    return edition


def start_lab(edition: Path, state: Path) -> tuple[subprocess.Popen, str]:
    """JupyterLab on 127.0.0.1 with no token, no news and no update checks, in `edition`."""
    port = free_port()
    notices = state / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notices.parent.mkdir(parents=True, exist_ok=True)
    notices.write_text('{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")
    lab = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--IdentityProvider.token=", "--ServerApp.password=",
         f"--ServerApp.root_dir={edition}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--allow-root",
         "--LabApp.extension_manager=readonly",
         f"--LabApp.user_settings_dir={state / 'settings'}", f"--LabApp.workspaces_dir={state / 'ws'}"],
        cwd=edition, stdout=(state / "lab.log").open("w"), stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if not k.startswith("WORKBOOK_")})
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/api", timeout=2)
            return lab, url
        except OSError:
            time.sleep(0.5)
    raise RuntimeError((state / "lab.log").read_text())


def shoot_lab(browser, url: str, output: Path) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 860})
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
              else route.abort())
    tab.goto(f"{url}/lab/tree/notebooks/{MODULE}.ipynb", timeout=120_000)
    tab.wait_for_selector(".jp-MarkdownCell .jp-RenderedMarkdown h2", timeout=120_000)
    tab.wait_for_timeout(1500)
    tab.screenshot(path=output / "trainer-jupyterlab-cells.png")
    tab.locator(".jp-Notebook").click()
    tab.keyboard.press("Control+Shift+c")
    tab.keyboard.type("Run All Cells")
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".jp-OutputArea .wb-support", timeout=180_000)
    exercise = tab.locator(".jp-OutputArea .wb-exercise").first
    exercise.scroll_into_view_if_needed()
    tab.wait_for_timeout(1500)
    tab.screenshot(path=output / "trainer-jupyterlab-live.png")
    tab.close()


def shoot_app(browser, edition: Path, output: Path) -> None:
    server = Server(edition)
    try:
        tab = browser.new_page(viewport={"width": 1280, "height": 860})
        tab.set_default_navigation_timeout(120_000)
        open_page(tab, f"{server.url}/voila/render/{MODULE}.ipynb", ".wb-support")
        tab.add_style_tag(content=".wb-quick-exit-bar { visibility: hidden !important; }")
        tab.locator("h2", has_text="Before the break").scroll_into_view_if_needed()
        tab.evaluate("window.scrollBy(0, -200)")
        tab.wait_for_timeout(500)
        tab.screenshot(path=output / "trainer-app-own-text.png")
        tab.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PROJECT / "docs" / "screenshots")
    output = parser.parse_args().output
    output.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        edition = make_edition(Path(tmp))
        lab, url = start_lab(edition, Path(tmp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            shoot_lab(browser, url, output)
        finally:
            lab.terminate()
            lab.wait(timeout=30)
        shoot_app(browser, edition, output)
        browser.close()
    for name in ("trainer-jupyterlab-cells.png", "trainer-jupyterlab-live.png", "trainer-app-own-text.png"):
        shrink(output / name)
        print(f"wrote {output / name}")


if __name__ == "__main__":
    main()
