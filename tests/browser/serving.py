"""A real `workbook serve` on 127.0.0.1 and a helper that opens its pages once they have connected.

Used by the browser tests' fixtures (conftest.py) and by scripts/screenshots.py; no pytest here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`workbook serve` in a child process, as `make run` starts it."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "workbook.cli", "serve", f"--port={self.port}"]

    def __init__(self, tmp: Path, content: Path | None = None, flags: tuple[str, ...] = (),
                 port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cwd = tmp
        self.log = tmp / f"voila-{self.port}.log"
        env = dict(os.environ)
        self.survey_db = tmp / "survey.sqlite"
        env["WORKBOOK_SURVEY_DB"] = f"sqlite:///{self.survey_db}"
        if content:
            env["WORKBOOK_CONTENT"] = str(content)
        self.process = subprocess.Popen(
            [*self.command(), *flags],
            cwd=tmp, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Voilà exited early:\n{self.log.read_text()}")
            try:
                urllib.request.urlopen(self.url + "/voila/static/voila.js", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"Voilà did not answer within {timeout}s:\n{self.log.read_text()}")

    def kernel_processes(self) -> list:
        """Kernels running under the server: its own children, and the children of the kernel
        template they are forked from (the template itself is not a kernel)."""
        import psutil

        found = []
        for child in psutil.Process(self.process.pid).children():
            try:
                forked = "workbook.reader.kernel_template" in child.cmdline()
                found += child.children() if forked else [child]
            except psutil.Error:
                continue
        return found

    def kernel_count(self) -> int:
        return len(self.kernel_processes())

    def kernels_come_down_to(self, count: int, seconds: float) -> bool:
        """Whether exactly `count` kernels are running at some point within `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.kernel_count() == count:
                return True
            time.sleep(0.2)
        return False

    def wait_for_kernels(self, count: int, timeout: float = 60) -> None:
        """Wait until `count` kernels (standby ones, at start) run under the server."""
        deadline = time.monotonic() + timeout
        while self.kernel_count() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"fewer than {count} kernels after {timeout}s")
            time.sleep(0.2)

    def wait_for_first_pages(self, *notebooks: str, timeout: float = 300) -> None:
        """Wait until the first pages of these notebooks (names without .ipynb) are prepared
        (workbook/server/shells.py). A HEAD request says whether one is, and puts it first in
        line if not; a GET would take a kernel until it is."""
        deadline = time.monotonic() + timeout
        for name in notebooks:
            request = urllib.request.Request(f"{self.url}/voila/render/{name}.ipynb", method="HEAD")
            while True:
                try:
                    urllib.request.urlopen(request, timeout=10)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"no first page of {name} in {timeout}s") from None
                    time.sleep(0.5)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


class ExtensionServer(Server):
    """`jupyter server` with the workbook extension enabled (workbook/server/extension.py) for
    readers only, with no token: as a workshop's JupyterHub serves it, minus the Hub's login."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "jupyter_server", "--ServerApp.jpserver_extensions=workbook=True",
                "--WorkbookExtension.readers_only=True",
                f"--port={self.port}", "--ip=127.0.0.1", "--no-browser", "--allow-root",
                "--IdentityProvider.token=", "--ServerApp.log_level=DEBUG"]


def notebooks_folder(folder: Path, *names: str) -> Path:
    """A notebooks folder with only these notebooks (names without .ipynb) from the project's: a
    server that serves only them makes no other first page, so its count of kernels is exact."""
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    for name in names:
        shutil.copy(PROJECT_NOTEBOOKS / f"{name}.ipynb", notebooks)
    return notebooks


def downloaded_answers(tab, typed: str) -> str:
    """The answers file the page offers, once it holds `typed` (the kernel has the text)."""
    for _ in range(20):
        with tab.expect_download() as info:
            tab.get_by_role("button", name="Download my answers (not locked)").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        if typed in text:
            break
        tab.wait_for_timeout(250)
    return text


def open_page(tab, url: str, wait_for: str | None = None):
    """Navigate and wait until Voilà has shown every cell, every early copy has made way for its
    widget (test_early.py covers the copies), and `wait_for` is there, if given."""
    tab.goto(url)
    tab.wait_for_selector("#rendered_cells", state="visible", timeout=90_000)
    tab.wait_for_function("!document.querySelector('.wb-early')", timeout=90_000, polling=100)
    if wait_for:
        tab.wait_for_selector(wait_for, timeout=60_000)
    return tab
