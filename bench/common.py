"""What the bench scripts share: servers on 127.0.0.1, memory figures, and a simulated reader.

A simulated reader does over HTTP and a websocket what a reader's browser does: it loads a module
page, connects to the page's kernel, asks for every widget's state (as Voilà's page does) and
then changes an answer now and then, timing each change until the kernel has handled it.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parent.parent
SEED = "sexual-communication-with-children-online"
SEED_PATH = f"/voila/render/{SEED}.ipynb"
LIVE_HEADER = "X-Workbook-Page"  # "live": the reader's own page, in a kernel (workbook/server/shells.py)
SUPPORT_PHONE = "0808 1000 900"
MIB = 1024 * 1024
CONNECT_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def start_behind_nginx(folder: Path, servers: int, *flags: str, log=subprocess.DEVNULL):
    """`workbook deploy-local`: `servers` servers behind Debian's nginx; the process and nginx's URL."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(PROJECT), WORKBOOK_SURVEY_DB=f"sqlite:///{folder}/s.sqlite")
    process = subprocess.Popen([sys.executable, "-m", "workbook.cli", "deploy-local", f"--servers={servers}",
                                f"--port={port}", "--", *flags],
                               cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/w1/voila/static/voila.js", timeout=180)
    return process, url


async def server_behind(url: str, client) -> str:
    """The address of the server nginx sends a new reader to (its redirect from `/`)."""
    response = await client.fetch(url + "/", follow_redirects=False, raise_error=False, request_timeout=60)
    if response.code not in (301, 302, 307) or "Location" not in response.headers:
        raise RuntimeError(f"{url}/ did not send the reader to a server ({response.code})")
    return url + response.headers["Location"].rstrip("/")


def start_workbook(folder: Path, *flags: str, log=subprocess.DEVNULL) -> tuple[subprocess.Popen, str]:
    """`workbook serve` as `make run` starts it (plus `flags`); returns the process and its URL."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(PROJECT), WORKBOOK_SURVEY_DB=f"sqlite:///{folder}/s.sqlite")
    process = subprocess.Popen([sys.executable, "-m", "workbook.cli", "serve", f"--port={port}", *flags],
                               cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/voila/static/voila.js")
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


TEMPLATE_MODULE = "workbook.reader.kernel_template"


def kernel_template(process: subprocess.Popen) -> psutil.Process | None:
    """The warm process readers' kernels are forked from, if the server runs one."""
    try:
        for child in psutil.Process(process.pid).children():
            if TEMPLATE_MODULE in child.cmdline():
                return child
    except psutil.Error:
        pass
    return None


def kernels(process) -> list[psutil.Process]:
    """Every kernel of the server: its own children (plain kernels) and the template's (forked)."""
    if isinstance(process, subprocess.Popen) and len(servers := servers_of(process)) != 1:
        return [kernel for server in servers for kernel in kernels(server)]
    try:
        children = psutil.Process(process.pid).children()
    except psutil.Error:
        return []
    found = []
    for child in children:
        try:
            found += child.children() if TEMPLATE_MODULE in child.cmdline() else [child]
        except psutil.Error:
            continue
    return found


def wait_for_kernels(process: subprocess.Popen, count: int, timeout: float = 120) -> None:
    """Wait until `count` kernels run and have settled (standby pools filled and rendered)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(kernels(process)) < count:
        time.sleep(0.5)
    time.sleep(3)


def servers_of(process: subprocess.Popen) -> list[psutil.Process]:
    """The `workbook serve` processes of a run: the process itself, or the servers that
    `workbook deploy-local` started behind nginx."""
    try:
        main = psutil.Process(process.pid)
        if "deploy-local" not in main.cmdline():
            return [main]
        return [child for child in main.children() if "serve" in child.cmdline()]
    except psutil.Error:
        return []


def memory(process) -> dict:
    """Resident and unique memory (MiB) of the server (or every server behind nginx), of its
    kernels and of the kernel template. A forked kernel's resident memory counts the template's
    pages it shares; its unique memory (USS) is what it alone adds."""
    if isinstance(process, subprocess.Popen) and len(servers := servers_of(process)) != 1:
        totals: dict = {}
        for server in servers:
            for name, value in memory(server).items():
                totals[name] = totals.get(name, 0) + value
        return totals or memory(None)
    figures = {"server_rss": 0.0, "kernels_rss": 0.0, "kernels_uss": 0.0, "kernels": 0,
               "template_rss": 0.0, "template_uss": 0.0}
    if process is None:
        return figures
    try:
        figures["server_rss"] = psutil.Process(process.pid).memory_info().rss / MIB
        template = kernel_template(process)
        if template is not None:
            info = template.memory_full_info()
            figures["template_rss"], figures["template_uss"] = info.rss / MIB, info.uss / MIB
    except psutil.Error:
        return figures
    for child in kernels(process):
        try:
            info = child.memory_full_info()
        except psutil.Error:
            continue
        figures["kernels_rss"] += info.rss / MIB
        figures["kernels_uss"] += info.uss / MIB
        figures["kernels"] += 1
    return figures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times):6.3f}s  p95 {percentile(times, 0.95):6.3f}s  "
            f"(n={len(times)})")


KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


def message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                       "username": "", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell",
            "buffers": []}


class SimulatedReader:
    """One reader: page load, websocket to the kernel, widget states, then timed answer changes."""

    def __init__(self, base_url: str, path: str = SEED_PATH):
        self.base_url, self.path = base_url, path
        self.session = uuid.uuid4().hex
        self.ws = None
        self.textarea: str | None = None
        self.waiting: dict[str, float] = {}
        self.round_trips: list[tuple[float, float]] = []  # (when, seconds)
        self.states: dict | None = None
        self.busy = False

    async def load(self, client) -> None:
        """Load the page and connect, as a browser would; `busy` is set on the busy page."""
        from tornado.httpclient import HTTPClientError

        try:
            response = await client.fetch(self.base_url + self.path, request_timeout=300,
                                          headers={LIVE_HEADER: "live"})
        except HTTPClientError as error:
            if error.code == 503:
                self.busy = True
                return
            raise
        await self.connect(response.body.decode())

    async def connect(self, page: str) -> None:
        """Open the websocket of the kernel named in `page` (the module page's HTML), fetch states."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        kernel_id = KERNEL_ID.search(page).group(1)
        ws_url = self.base_url.replace("http", "ws", 1)
        # The server answers the websocket's handshake only once the kernel has answered a
        # kernel_info request (up to 60 s). Tornado gives up after 20 s by default, a browser
        # does not: under heavy load that default alone made readers fail to load.
        request = HTTPRequest(f"{ws_url}/api/kernels/{kernel_id}/channels?session_id={self.session}",
                              connect_timeout=CONNECT_SECONDS, request_timeout=CONNECT_SECONDS)
        self.ws = await websocket_connect(request, max_message_size=64 * MIB)
        control = uuid.uuid4().hex
        await self.send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control",
                                      "data": {}}, {"version": "1.0.0"})
        await self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        deadline = time.monotonic() + 120
        while self.states is None:
            self.handle(await asyncio.wait_for(self.ws.read_message(), deadline - time.monotonic()))
        self.textarea = next(model for model, state in self.states.items()
                             if state.get("model_name") == "TextareaModel")

    async def send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg = message(msg_type, content, self.session, metadata)
        await self.ws.write_message(json.dumps(msg))
        return msg["header"]["msg_id"]

    def handle(self, raw) -> None:
        if raw is None:
            raise ConnectionError("the kernel's websocket closed")
        msg = json.loads(raw)
        content = msg.get("content", {})
        if msg.get("msg_type") == "comm_msg" and content.get("data", {}).get("method") == "update_states":
            self.states = content["data"]["states"]
        elif msg.get("msg_type") == "status" and content.get("execution_state") == "idle":
            started = self.waiting.pop(msg.get("parent_header", {}).get("msg_id"), None)
            if started is not None:
                self.round_trips.append((time.monotonic(), time.monotonic() - started))

    async def change_answer(self, text: str) -> None:
        msg_id = await self.send("comm_msg", {"comm_id": self.textarea, "data": {
            "method": "update", "state": {"value": text}, "buffer_paths": []}})
        self.waiting[msg_id] = time.monotonic()

    async def listen(self) -> None:
        while True:
            self.handle(await self.ws.read_message())

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
