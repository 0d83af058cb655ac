"""Readers' kernels forked from the warm template (workbook/server/forked_kernels.py).

Each kernel is its own process, a child of the template; it runs a module's notebook as a plain
kernel does; it holds nothing of another kernel's; killing one leaves the others and the template
running; and the template itself holds no widget nor answers and has opened no socket.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerFactory
from nbclient import NotebookClient

from workbook.server import forked_kernels
from workbook.server.forked_kernels import ForkProvisioner, KernelTemplate

PROJECT = Path(__file__).resolve().parents[3]
NOTEBOOKS = PROJECT / "notebooks"
SEED = "sexual-communication-with-children-online"
IDS = re.compile(r"[0-9a-f]{32}")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def template():
    forked_kernels.register()
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = forked_kernels.NAME
    shared = KernelTemplate.shared()
    shared.start()
    assert shared.pid is not None and shared.problem is None
    yield shared
    factory.default_provisioner_name = before
    shared.stop()


def use(forked: bool) -> None:
    KernelProvisionerFactory.instance().default_provisioner_name = (
        forked_kernels.NAME if forked else "local-provisioner")


async def started(forked: bool = True) -> tuple[AsyncKernelManager, object]:
    use(forked)
    manager = AsyncKernelManager(kernel_name="python3")
    await manager.start_kernel(cwd=str(NOTEBOOKS))
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=120)
    use(True)
    return manager, client


async def run(client, code: str) -> str:
    """What `code` prints in the kernel."""
    printed = []

    def output(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append("ERROR " + msg["content"]["ename"])

    await client.execute_interactive(code, timeout=120, output_hook=output)
    return "".join(printed).strip()


def test_each_kernel_is_its_own_process_forked_from_the_template_and_shares_no_state(template):
    async def scenario():
        (first, a), (second, b) = await started(), await started()
        try:
            assert isinstance(first.provisioner, ForkProvisioner)
            pids = {first.provisioner.pid, second.provisioner.pid}
            assert len(pids) == 2 and template.pid not in pids
            for pid in pids:
                assert psutil.Process(pid).ppid() == template.pid  # forked, not started afresh
                assert os.getpgid(pid) == pid  # its own session: signals to it never reach the template
            assert await run(a, "import os; print(os.getpid())") == str(first.provisioner.pid)
            targets = await run(b, "import comm; print(sorted(comm.get_comm_manager().targets))")
            assert "'jupyter.widget.control'" in targets and "'jupyter.widget'" in targets
            await run(a, "secret = 'only in kernel A'")
            assert await run(a, "print(secret)") == "only in kernel A"
            assert await run(b, "print('secret' in globals())") == "False"
            assert await run(b, "print(sum(('sec' + 'ret =') in cell for cell in In))") == "0"  # A's history

            killed = first.provisioner.pid
            os.kill(killed, signal.SIGKILL)  # as tests/browser/test_reconnecting.py does
            deadline = time.monotonic() + 20
            while await first.is_alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert not await first.is_alive()
            assert await run(b, "print(6 * 7)") == "42"
            assert psutil.Process(template.pid).status() != psutil.STATUS_ZOMBIE
            while psutil.pid_exists(killed) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert not psutil.pid_exists(killed), "the template left the killed kernel as a zombie"

            await second.interrupt_kernel()
            await second.restart_kernel(now=True)
            assert second.provisioner.pid != template.pid
            assert psutil.Process(second.provisioner.pid).ppid() == template.pid
        finally:
            a.stop_channels()
            b.stop_channels()
            await first.shutdown_kernel(now=True)
            await second.shutdown_kernel(now=True)

    asyncio.run(scenario())


def outputs(forked: bool) -> list:
    """The seed module's notebook run by nbclient; outputs with widget ids blanked."""
    async def execute():
        manager, client = await started(forked)
        client.stop_channels()
        nb = nbformat.read(NOTEBOOKS / f"{SEED}.ipynb", as_version=4)
        try:
            await NotebookClient(nb, km=manager, timeout=300,
                                 resources={"metadata": {"path": str(NOTEBOOKS)}}).async_execute()
        finally:
            if await manager.is_alive():
                await manager.shutdown_kernel(now=True)
        return [[IDS.sub("ID", json.dumps(out.get("data", out.get("text")), sort_keys=True))
                 for out in cell.outputs] for cell in nb.cells]

    return asyncio.run(execute())


def test_a_forked_kernel_shows_a_module_page_exactly_as_a_plain_kernel_does(template):
    forked, plain = outputs(forked=True), outputs(forked=False)
    assert forked == plain
    assert sum(len(cell) for cell in forked) > 10 and "wb-page-end" in json.dumps(forked)


def test_the_template_has_no_socket_thread_or_content_file_open(template):
    process = psutil.Process(template.pid)
    assert process.num_threads() == 1
    assert process.net_connections(kind="all") == []
    assert [f.path for f in process.open_files()] == []


WARM = (
    "import gc, json, sys\n"
    "from workbook.reader import kernel_template as t\n"
    "failed = t.warm()\n"
    "read = t.read_content()\n"
    "from ipywidgets.widgets.widget import _instances\n"
    "from workbook.answers.document import AnswerBook\n"
    "books = [o for o in gc.get_objects() if isinstance(o, AnswerBook)]\n"
    "print(json.dumps({'failed': failed, 'read': read, 'problem': t.fork_safety_problem(),\n"
    "                  'widgets': len(_instances), 'answer books': len(books)}))\n")


@pytest.mark.parametrize("content", ["the workbook's", "none"])
def test_the_template_holds_no_widget_nor_answers_and_is_safe_to_fork(tmp_path, content):
    """It reads the content if it can (the same for every reader) and warms even if it cannot."""
    folder = PROJECT / "content" if content != "none" else tmp_path / "no-content"
    env = dict(os.environ, PYTHONPATH=str(PROJECT), WORKBOOK_CONTENT=str(folder))
    done = subprocess.run([sys.executable, "-c", WARM], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "failed": [], "read": content != "none", "problem": None, "widgets": 0, "answer books": 0}


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="no pidfd on this system")
def test_a_kernel_is_watched_even_when_the_server_holds_over_a_thousand_files():
    """A server with hundreds of kernels has file descriptors past select()'s limit of 1024."""
    import resource

    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 1300:
        pytest.skip("too few file descriptors allowed")
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        watched = forked_kernels.ForkedProcess(child.pid)
        assert watched._pidfd is not None and watched._pidfd > 1024
        assert watched.poll() is None
        watched.kill()
        child.wait(timeout=10)
        assert watched.wait() == 0 and watched.poll() == 0
    finally:
        child.kill()
        for fd in held:
            os.close(fd)
