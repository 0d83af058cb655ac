"""A reader's kernel writes nothing of theirs to the server's disk: no IPython history database.

Real kernels, forked from the template and plain, started by the server's own kernel manager
(`WorkbookKernelManager`) with HOME and IPYTHONDIR in an empty folder.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from jupyter_client.provisioning import KernelProvisionerFactory

from workbook.server import forked_kernels
from workbook.server.kernels import WorkbookKernelManager

PROJECT = Path(__file__).resolve().parents[3]
SECRET = "what-only-this-reader-typed"
# What IPython puts in a new profile folder, the same on every server: no reader's data.
PROFILE_SKELETON = {"README"}

pytestmark = pytest.mark.slow


@pytest.fixture
def empty_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("IPYTHONDIR", str(home / ".ipython"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))  # the server's, not the kernel's
    return home


@pytest.fixture(params=["forked", "plain"])
def provisioner(request):
    forked_kernels.register()
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    forked = request.param == "forked"
    factory.default_provisioner_name = forked_kernels.NAME if forked else "local-provisioner"
    yield request.param
    factory.default_provisioner_name = before


async def run_a_cell_and_shut_down(kind: str) -> None:
    manager = WorkbookKernelManager(root_dir=str(PROJECT / "notebooks"), max_kernels=2)
    kernel_id = await manager.start_kernel(kernel_name="python3")
    kernel = manager.get_kernel(kernel_id)
    if kind == "forked":
        assert isinstance(kernel.provisioner, forked_kernels.ForkProvisioner)
        assert kernel.provisioner.pid != forked_kernels.KernelTemplate.shared().pid
    client = kernel.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=120)
        reply = await client.execute_interactive(f"answer = {SECRET!r}\nprint(answer)", timeout=120,
                                                 output_hook=lambda _msg: None)
        assert reply["content"]["status"] == "ok"
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(kernel_id)


def test_a_readers_kernel_writes_no_history_nor_anything_they_typed(empty_home, provisioner):
    asyncio.run(run_a_cell_and_shut_down(provisioner))
    written = [path for path in empty_home.rglob("*") if path.is_file()]
    assert not [path for path in written if path.name.startswith("history")]
    assert {path.name for path in written} <= PROFILE_SKELETON, written
    assert not [path for path in written if SECRET.encode() in path.read_bytes()]
