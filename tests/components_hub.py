"""JupyterHub for real, as deploy/jupyterhub/jupyterhub_config.py starts it for a workshop.

The Hub (from PyPI), configurable-http-proxy (from npm, node_modules/) and one workbook server per
participant (SimpleLocalProcessSpawner), every port a free one on 127.0.0.1, every file (database,
cookie secret, home folders, sockets, logs) in one temporary folder. Stopping ends the Hub, the
proxy, the culler and every participant's server and kernels; `remove` deletes the folder.
No pytest here; see tests/deploy/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from tests.browser.serving import free_port

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = PROJECT / "node_modules" / ".bin" / "configurable-http-proxy"
HUB_INSTALL = "`make test` installs it (JupyterHub from PyPI, configurable-http-proxy from npm)"


def missing_parts() -> str:
    """What of the Hub is not installed, in one plain sentence ('' when all is there)."""
    try:
        import jupyterhub  # noqa: F401
        import jupyterhub_idle_culler  # noqa: F401
    except ImportError:
        return f"JupyterHub is not installed: {HUB_INSTALL}"
    if not PROXY.exists():
        return f"configurable-http-proxy is not installed: {HUB_INSTALL}"
    return ""


class JupyterHubDeployment:
    """The Hub serving `edition` to participants who log in with `password`."""

    def __init__(self, edition: Path | None, password: str, idle_seconds: int = 3600):
        problem = missing_parts()
        if problem:
            raise RuntimeError(problem)
        # A short folder of its own in /tmp: the kernels' socket paths under it must stay short.
        self.folder = folder = Path(tempfile.mkdtemp(prefix="wbhub-"))
        self.password = password
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.output = folder / "jupyterhub.log"
        env = {**os.environ, "WORKBOOK_HUB_DIR": str(folder), "WORKBOOK_HUB_PORT": str(self.port),
               "WORKBOOK_HUB_API_PORT": str(free_port()), "WORKBOOK_HUB_PROXY_API_PORT": str(free_port()),
               "WORKBOOK_HUB_PASSWORD": password, "WORKBOOK_HUB_IDLE_SECONDS": str(idle_seconds),
               "WORKBOOK_HUB_PROXY": str(PROXY), "WORKBOOK_EDITION": str(edition or ""),
               # The tests run as root in CI, with a Python that `nobody` cannot run.
               "WORKBOOK_HUB_ALLOW_ROOT": "1" if os.geteuid() == 0 else ""}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))
        command = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)]
        self.process = subprocess.Popen(command, cwd=folder, env=env, stdout=self.output.open("w"),
                                        stderr=subprocess.STDOUT)
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/hub/health", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log = self.log()
                    self.remove()
                    raise RuntimeError(f"JupyterHub did not start:\n{log}") from None
                time.sleep(0.3)

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def login(self, name: str) -> urllib.request.OpenerDirector:
        """An HTTP client logged in as `name` through the Hub's login form (for tests without a
        browser); logging in starts the participant's server."""
        cookies = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        opener.open(f"{self.url}/hub/login", timeout=30).read()
        xsrf = next((cookie.value for cookie in cookies if cookie.name == "_xsrf"), "")
        form = urllib.parse.urlencode({"username": name, "password": self.password, "_xsrf": xsrf})
        opener.open(urllib.request.Request(f"{self.url}/hub/login", data=form.encode()), timeout=180).read()
        return opener

    def every_process(self) -> list:
        """The Hub and every process under it: proxy, culler, participants' servers and kernels."""
        import psutil

        hub = psutil.Process(self.process.pid)
        return [hub, *hub.children(recursive=True)]

    def server_of(self, name: str):
        """The process of `name`'s own workbook server (JUPYTERHUB_USER in its environment)."""
        import psutil

        for process in self.every_process()[1:]:
            try:
                if "jupyterhub.singleuser" in process.cmdline() and \
                        process.environ().get("JUPYTERHUB_USER") == name:
                    return process
            except psutil.Error:
                continue
        return None

    def stop(self) -> int:
        """SIGTERM to the Hub, as a service manager stops it; anything it left running is killed."""
        import psutil

        try:
            everything = self.every_process()
        except psutil.Error:
            everything = []
        if self.process.poll() is None:
            self.process.terminate()
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        for process in everything[1:]:
            try:
                process.wait(timeout=10)
            except psutil.TimeoutExpired:
                process.kill()
            except psutil.Error:
                pass
        return code

    def remove(self) -> None:
        """Delete the Hub's folder (database, home folders, logs), once stopped."""
        shutil.rmtree(self.folder, ignore_errors=True)
