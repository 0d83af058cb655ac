"""Two workbook servers behind Debian's nginx (`workbook deploy-local`, deploy/nginx/), for real.

Readers are spread over both servers from `/`, each completes a page on its own server with its
kernel's traffic kept there, no reader's address reaches any log, the workbook's security headers
come through unchanged, and stopping leaves nothing running and nothing behind.
"""

from __future__ import annotations

import os
import re
import secrets
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.browser.serving import downloaded_answers
from tests.components import NginxDeployment
from tests.conftest import SEED
from workbook.server.hardening import SECURITY_HEADERS

pytestmark = pytest.mark.slow
RUN = secrets.token_hex(6)
READY = ".wb-cycle-stage"
FORWARDED = "203.0.113.7"  # an address a proxy on the reader's side would add (TEST-NET-3)
AGENT = f"reader-browser-{RUN}"
SYSTEM_NGINX = (Path("/var/lib/nginx"), Path("/var/log/nginx"), Path("/run/nginx.pid"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict | None = None):
    """Status and headers of one request, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(urllib.request.Request(url, headers=headers or {}), timeout=60)
        return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def start(tmp: Path) -> NginxDeployment:
    try:
        return NginxDeployment(tmp)
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("nginx"))
    yield running
    running.stop()


def server_port(deployment, name: str) -> int:
    (flag,) = [arg for arg in deployment.server(name).cmdline() if arg.startswith("--port=")]
    return int(flag.split("=")[1])


def test_the_front_page_sends_new_readers_to_both_servers(deployment):
    seen = set()
    for _ in range(200):  # each server has an even chance at every request; 200 misses are impossible
        status, headers = fetch(deployment.url + "/")
        assert status == 302
        seen.add(headers["Location"])
        if len(seen) == 2:
            break
    assert seen == {"/w1/", "/w2/"}


@pytest.mark.browser
def test_each_reader_completes_a_page_and_its_kernel_stays_on_its_server(deployment, browser):
    readers = []
    try:
        for name, other in (("w1", "w2"), ("w2", "w1")):
            own_before, other_before = deployment.kernel_count(name), deployment.kernel_count(other)
            context = browser.new_context(accept_downloads=True)
            readers.append(context)
            tab = context.new_page()
            sockets = []
            tab.on("websocket", lambda socket, found=sockets: found.append(socket.url))
            response = tab.goto(f"{deployment.url}/{name}/voila/render/{SEED}.ipynb")
            for header, value in SECURITY_HEADERS.items():
                assert response.headers[header.lower()] == value, header
            tab.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
            tab.wait_for_function("!document.querySelector('.wb-early')", timeout=120_000, polling=100)
            tab.wait_for_selector(READY, timeout=60_000)
            typed = f"typed-on-{name}-{RUN}"
            answer = tab.locator(".wb-questions textarea").first
            answer.fill(typed)
            answer.blur()
            assert typed in downloaded_answers(tab, typed), "the kernel behind nginx has the answer"
            kernel_sockets = [url for url in sockets if "/api/kernels/" in url]
            assert kernel_sockets, sockets
            assert all(url.startswith(f"ws://127.0.0.1:{deployment.port}/{name}/api/kernels/")
                       for url in kernel_sockets), kernel_sockets
            assert deployment.kernel_count(name) == own_before + 1
            assert deployment.kernel_count(other) == other_before, "the other server started nothing"
    finally:
        for context in readers:
            context.close()


def test_no_reader_address_reaches_any_log(deployment):
    disguise = {"X-Forwarded-For": FORWARDED, "X-Real-IP": FORWARDED, "User-Agent": AGENT}
    for path in ("/", "/w1/no-such-page", "/w2/no-such-page", "/w1/weather", "/w2/weather"):
        fetch(deployment.url + path, disguise)
    nginx_log = (deployment.logs / "access.log").read_text(encoding="utf-8")
    assert "404 GET /w1/no-such-page" in nginx_log and "404 GET /w2/no-such-page" in nginx_log
    for name in ("w1", "w2"):
        log = (deployment.logs / f"{name}.log").read_text(encoding="utf-8")
        assert f"404 GET /{name}/no-such-page" in log, "the server's access log is on"
        own = f"127.0.0.1:{server_port(deployment, name)}"  # its own address, in its start-up lines
        assert re.findall(r"127\.0\.0\.1(?::\d+)?", log.replace(own, "")) == [], name
        assert FORWARDED not in log and AGENT not in log
    for name in ("access.log", "error.log"):
        text = (deployment.logs / name).read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and FORWARDED not in text and AGENT not in text, name


def test_security_headers_come_through_unchanged(deployment):
    for name in ("w1", "w2"):
        direct = f"http://127.0.0.1:{server_port(deployment, name)}/{name}/"
        for path in ("", "weather", "staying-safe", "voila/static/voila.js", "no-such-page"):
            _, straight = fetch(direct + path)
            status, proxied = fetch(f"{deployment.url}/{name}/{path}")
            assert status < 500, path
            for header, value in SECURITY_HEADERS.items():
                assert proxied.get_all(header) == straight.get_all(header) == [value], (path, header)


def files_under(paths) -> set:
    found = set()
    for path in paths:
        if path.exists():
            items = [path, *path.rglob("*")]
            found |= {(str(item), item.stat().st_uid, item.stat().st_mtime) for item in items}
    return found


def test_stopping_leaves_nothing_running_and_nothing_behind(tmp_path):
    system_before = files_under(SYSTEM_NGINX)
    deployment = start(tmp_path)
    try:
        for name in ("w1", "w2"):
            assert fetch(f"{deployment.url}/{name}/weather")[0] == 200
        processes = deployment.every_process()
        folder = deployment.nginx_folder()
        assert folder.is_dir()
        workers = [p for p in processes if p.name() == "nginx" and p.ppid() != deployment.process.pid]
        assert workers
        if os.geteuid() == 0:  # the master binds the port; the workers that serve readers drop root
            assert {worker.username() for worker in workers} == {"nobody"}
    finally:
        code = deployment.stop()
    assert code == 0, deployment.output.read_text()
    still = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert still == [], [p.cmdline() for p in still]
    assert not folder.exists(), "the nginx folder is removed"
    left = {item for item in tmp_path.rglob("*") if item.stat().st_uid != os.getuid()}
    assert left == set(), "every file left (the logs asked for) belongs to this user"
    assert files_under(SYSTEM_NGINX) == system_before, "nothing of the system's nginx was touched"
