"""A workshop under JupyterHub (deploy/jupyterhub/), for real: the Hub's login, the proxy, one
workbook server per participant serving the trainer's edition, the idle culler.

Two participants log in from separate browsers and each works on their own server and kernel;
the trainer's edition is what they see; answers kept on one shared browser stay apart; an idle
server is stopped by the culler; stopping the Hub leaves nothing running.
"""

from __future__ import annotations

import secrets
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
import yaml

from tests.browser.serving import downloaded_answers
from tests.components_hub import JupyterHubDeployment, missing_parts
from tests.conftest import SEED
from workbook.config import WorkbookConfig
from workbook.edition import make_edition

pytestmark = pytest.mark.slow
RUN = secrets.token_hex(6)
PASSWORD = f"workshop-{RUN}"
TITLE = f"Talking online, for the Thursday group {RUN}"
READY = ".wb-cycle-stage"
PASSPHRASE = "green door by the river"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def trainers_edition(folder: Path) -> Path:
    """`workbook edition new` as a trainer runs it, with one module's title changed."""
    edition = make_edition("thursday-group", folder, WorkbookConfig())
    module = edition / "content" / SEED / "module.yml"
    data = yaml.safe_load(module.read_text(encoding="utf-8"))
    text = module.read_text(encoding="utf-8").replace(f"title: {data['title']}", f"title: {TITLE}", 1)
    module.write_text(text, encoding="utf-8")
    return edition


def start(folder: Path, **options) -> JupyterHubDeployment:
    problem = missing_parts()
    if problem:
        pytest.skip(problem)
    return JupyterHubDeployment(trainers_edition(folder), PASSWORD, **options)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("hub"))
    yield running
    running.stop()
    running.remove()


def log_in(tab, hub, name: str) -> None:
    """The Hub's login form, as a participant fills it; it starts their server and opens it."""
    tab.goto(f"{hub.url}/hub/login")
    tab.get_by_label("Username").fill(name)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"{hub.url}/user/{name}/**", timeout=180_000)


def open_module(tab, hub, name: str) -> None:
    tab.goto(f"{hub.url}/user/{name}/voila/render/{SEED}.ipynb")
    tab.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    tab.wait_for_function("!document.querySelector('.wb-early')", timeout=120_000, polling=100)
    tab.wait_for_selector(READY, timeout=120_000)


def kernels_of(server) -> list:
    """The kernels under one participant's server (forked ones sit under a template process)."""
    found = []
    for child in server.children():
        grandchildren = child.children()
        found += grandchildren if "workbook.reader.kernel_template" in child.cmdline() else [child]
    return found


def memory_mb(processes) -> tuple[float, float]:
    """Resident and unique memory (RSS, USS) of these processes together, in MB."""
    rss = uss = 0
    for process in processes:
        info = process.memory_full_info()
        rss, uss = rss + info.rss, uss + info.uss
    return rss / 2**20, uss / 2**20


@pytest.mark.browser
def test_each_participant_works_on_their_own_server_with_the_trainers_edition(hub, browser):
    contexts, tabs, typed = [], {}, {}
    try:
        for name in ("alice", "bob"):
            context = browser.new_context(accept_downloads=True)
            contexts.append(context)
            tab = context.new_page()
            sockets = []
            tab.on("websocket", lambda socket, found=sockets: found.append(socket.url))
            log_in(tab, hub, name)
            open_module(tab, hub, name)
            assert TITLE in tab.locator("body").inner_text(), "the trainer's edition is served"
            typed[name] = f"only-{name}-wrote-this-{RUN}"
            answer = tab.locator(".wb-questions textarea").first
            answer.fill(typed[name])
            answer.blur()
            assert typed[name] in downloaded_answers(tab, typed[name]), "the participant's kernel has it"
            kernel_sockets = [url for url in sockets if "/api/kernels/" in url]
            assert kernel_sockets and all(f"/user/{name}/api/kernels/" in url for url in kernel_sockets)
            tabs[name] = tab
        alice, bob = hub.server_of("alice"), hub.server_of("bob")
        assert alice and bob and alice.pid != bob.pid, "each participant has a server process"
        assert kernels_of(alice) and kernels_of(bob)
        assert not {k.pid for k in kernels_of(alice)} & {k.pid for k in kernels_of(bob)}
        for name, other in (("alice", "bob"), ("bob", "alice")):
            tab = tabs[name]
            assert tab.locator(".wb-questions textarea").first.input_value() == typed[name]
            assert typed[other] not in tab.content()
            assert typed[other] not in downloaded_answers(tab, typed[name])
        # Alice can read the workbook on her server and do nothing else there (readers_only).
        api = tabs["alice"].context.request
        for path in ("api/contents", "api/sessions"):
            assert api.get(f"{hub.url}/user/alice/{path}").status == 403, path
        assert api.get(f"{hub.url}/user/alice/api/terminals").status == 404, "no terminals at all"
        # Bob cannot open Alice's server: the Hub turns him away before her pages are reached.
        response = tabs["bob"].goto(f"{hub.url}/user/alice/voila/render/{SEED}.ipynb")
        assert response.status >= 400 or "/user/alice/" not in tabs["bob"].url
        assert typed["alice"] not in tabs["bob"].content()
        # Nor can someone who has not logged in: the page sends them to the Hub's login first.
        request = urllib.request.Request(f"{hub.url}/user/alice/voila/render/{SEED}.ipynb")
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(request, timeout=60)
        assert refused.value.code == 302 and "/hub/" in refused.value.headers["Location"]
        tree = [alice, *alice.children(recursive=True)]
        rss, uss = memory_mb(tree)
        print(f"\nOne participant after a module page: server, {len(kernels_of(alice))} kernel(s), "
              f"{len(tree)} processes: RSS {rss:.0f} MB, USS {uss:.0f} MB")
        assert uss < 1024, "a participant's server and kernels stay well under 1 GB"
    finally:
        for context in contexts:
            context.close()


@pytest.mark.browser
def test_answers_kept_on_a_shared_browser_stay_with_their_participant(hub, browser):
    context = browser.new_context()
    try:
        tab = context.new_page()
        log_in(tab, hub, "carol")
        open_module(tab, hub, "carol")
        tab.locator(".wb-answers-panel fieldset").get_by_label("Remember on this device").check()
        tab.get_by_label("Choose a passphrase").fill(PASSPHRASE)
        tab.get_by_label("Type the same passphrase again").fill(PASSPHRASE)
        tab.get_by_role("button", name="Start remembering").click()
        tab.wait_for_selector("text=locked with your passphrase")
        tab.locator(".wb-questions textarea").first.fill(f"carol-remembers-{RUN}")
        tab.wait_for_function("Object.keys(localStorage).some((k) => k.startsWith('workbook-answers-v1@'))")
        tab.wait_for_timeout(1500)  # the last change is sealed and stored
        keys = tab.evaluate("Object.keys(localStorage)")
        assert "workbook-answers-v1@/user/carol/" in keys and "workbook-answers-v1" not in keys, keys

        tab.goto(f"{hub.url}/hub/logout")
        log_in(tab, hub, "dave")  # the next participant, on the same browser
        open_module(tab, hub, "dave")
        panel = tab.locator(".wb-answers-panel").inner_text()
        assert "Enter your passphrase to bring them back" not in panel, "Carol's answers are not offered"
        assert tab.locator(".wb-answers-panel fieldset").get_by_label("This page only").is_checked()
        assert tab.locator(".wb-questions textarea").first.input_value() == ""
        assert "workbook-answers-v1@/user/carol/" in tab.evaluate("Object.keys(localStorage)")
    finally:
        context.close()


def test_the_culler_stops_an_idle_server_and_stopping_leaves_nothing(tmp_path):
    hub = start(tmp_path, idle_seconds=6)
    try:
        hub.login("erin")  # logging in starts her server; nobody uses it afterwards
        deadline = time.monotonic() + 120
        while hub.server_of("erin") is None:
            assert time.monotonic() < deadline, hub.log()
            time.sleep(0.5)
        server = hub.server_of("erin")
        deadline = time.monotonic() + 120
        while server.is_running() and server.status() != psutil.STATUS_ZOMBIE:
            assert time.monotonic() < deadline, "the idle server was not culled:\n" + hub.log()
            time.sleep(1)
        assert "Culling server erin" in hub.log()
        while "User erin server took" not in hub.log():  # the Hub has finished stopping it
            assert time.monotonic() < deadline, hub.log()
            time.sleep(0.5)
        hub.login("erin")  # coming back starts a fresh server
        deadline = time.monotonic() + 120
        while hub.server_of("erin") is None:
            assert time.monotonic() < deadline, hub.log()
            time.sleep(0.5)
        processes = hub.every_process()
        assert any("configurable-http-proxy" in " ".join(p.cmdline()) for p in processes)
        assert any("jupyterhub_idle_culler" in p.cmdline() for p in processes)
    finally:
        code = hub.stop()
    assert code == 0, hub.log()
    still = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert still == [], [p.cmdline() for p in still]
    assert (hub.folder / "homes" / "erin").is_dir(), "home folders are in the Hub's folder"
    hub.remove()
    assert not hub.folder.exists()
