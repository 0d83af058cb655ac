"""The kernel cap, taking a standby kernel's room, tidying pools and the culling grace period,
on Voilà's real preheating class over a jupyter_server that starts no process (kernel_fakes.py).
tests/browser/test_capacity.py checks the same with real kernels and a browser."""

from __future__ import annotations

import asyncio
import datetime

import pytest

from tests.unit.server.kernel_fakes import LONG_AGO, finished, pending, preheating_manager, run
from workbook.server import upstream
from workbook.server.kernels import ServerBusy

STANDBY_ENV = {"env": {upstream.PREHEAT_VARIABLE: "True"}}


@pytest.fixture
def make(tmp_path):
    return lambda max_kernels, pool_size=1: preheating_manager(tmp_path, max_kernels, pool_size)


def test_readers_past_the_cap_are_refused(make):
    manager = make(max_kernels=2)

    async def scenario():
        await manager.start_kernel()
        await manager.start_kernel()
        with pytest.raises(ServerBusy):
            await manager.start_kernel()

    run(scenario())
    assert manager.kernels_in_use() == 2 and len(manager.fake_kernels) == 2


def test_a_burst_of_starts_cannot_slip_past_the_cap(make):
    manager = make(max_kernels=2)

    async def scenario():
        return await asyncio.gather(*(manager.start_kernel() for _ in range(5)), return_exceptions=True)

    results = run(scenario())
    assert sum(isinstance(r, ServerBusy) for r in results) == 3
    assert len(manager.fake_kernels) == 2 and manager.kernels_in_use() == 2


def test_a_reader_at_the_cap_takes_the_room_of_a_ready_standby_kernel(make):
    manager = make(max_kernels=2)

    async def scenario():
        standby = await manager.start_kernel(**STANDBY_ENV)
        await manager.start_kernel()
        upstream.standby_pools(manager)["other.ipynb"] = [finished({"kernel_id": standby})]
        assert manager.can_start_for_reader()
        reader = await manager.start_kernel()
        return standby, reader

    standby, reader = run(scenario())
    assert manager.shut_down == [standby]
    assert upstream.standby_pools(manager)["other.ipynb"] == []
    assert reader in manager.fake_kernels and len(manager.fake_kernels) == 2


def test_filling_a_pool_at_the_cap_never_takes_another_standby_kernel(make):
    manager = make(max_kernels=1)

    async def scenario():
        standby = await manager.start_kernel(**STANDBY_ENV)
        upstream.standby_pools(manager)["a.ipynb"] = [finished({"kernel_id": standby})]
        with pytest.raises(ServerBusy):
            await manager.start_kernel(**STANDBY_ENV)

    run(scenario())
    assert manager.shut_down == [] and len(manager.fake_kernels) == 1


def test_standby_kernels_still_starting_or_failed_give_no_room(make):
    manager = make(max_kernels=1)

    async def scenario():
        await manager.start_kernel()
        pools = upstream.standby_pools(manager)
        pools["a.ipynb"] = [pending(), finished(error=RuntimeError("at the cap")), finished(cancelled=True)]
        assert not manager.can_start_for_reader()
        with pytest.raises(ServerBusy):
            await manager.start_kernel()
        pools["b.ipynb"] = [finished({"kernel_id": "k1"})]
        assert manager.can_start_for_reader()

    run(scenario())


def test_tidying_drops_failed_starts_and_refills_only_while_there_is_room(make, monkeypatch):
    manager = make(max_kernels=2, pool_size=2)
    refills = []
    monkeypatch.setattr(manager, "fill_if_needed", lambda **kwargs: refills.append(kwargs))

    async def scenario():
        still_starting = pending()
        upstream.standby_pools(manager)["a.ipynb"] = [
            finished(error=RuntimeError("at the cap")), finished(cancelled=True), still_starting]
        manager.tidy_pools()
        assert upstream.standby_pools(manager)["a.ipynb"] == [still_starting]
        assert refills == [{"delay": 0, "notebook_name": "a.ipynb"}]
        await manager.start_kernel()
        await manager.start_kernel()
        manager.tidy_pools()  # at the cap now: no refill
        assert len(refills) == 1

    run(scenario())


def test_nothing_refills_or_makes_room_once_the_server_is_stopping(make, monkeypatch):
    manager = make(max_kernels=1)
    refills = []
    monkeypatch.setattr(manager, "fill_if_needed", lambda **kwargs: refills.append(kwargs))

    async def scenario():
        await manager.shutdown_all()
        standby = await manager.start_kernel(**STANDBY_ENV)
        upstream.standby_pools(manager)["a.ipynb"] = [finished({"kernel_id": standby})]
        with pytest.raises(ServerBusy):
            await manager.start_kernel()
        upstream.standby_pools(manager)["b.ipynb"] = []
        manager.tidy_pools()

    run(scenario())
    assert refills == [] and manager.shut_down == []


def test_a_kernel_first_seen_by_the_culler_gets_a_full_idle_period(make):
    manager = make(max_kernels=2)

    async def scenario():
        kernel_id = await manager.start_kernel()
        before = datetime.datetime.now(datetime.timezone.utc)
        await manager.cull_kernel_if_idle(kernel_id)
        assert manager.culled == []
        assert manager.fake_kernels[kernel_id].last_activity >= before
        await manager.cull_kernel_if_idle(kernel_id)
        assert manager.culled == [kernel_id]
        await manager.shutdown_kernel(kernel_id)
        await manager.cull_kernel_if_idle(kernel_id)  # gone: nothing to touch, no error

    run(scenario())


def test_the_culler_leaves_waiting_standby_kernels_alone(make):
    manager = make(max_kernels=2)

    async def scenario():
        standby = await manager.start_kernel(**STANDBY_ENV)
        upstream.standby_pools(manager)["a.ipynb"] = [finished({"kernel_id": standby})]
        await manager.cull_kernel_if_idle(standby)
        return standby

    standby = run(scenario())
    assert manager.culled == [] and manager.fake_kernels[standby].last_activity == LONG_AGO


def test_a_kernel_outside_the_manager_waits_for_room_and_counts_while_it_runs(tmp_path):
    """The kernel a first page is made in (shells.py) stays within the cap."""
    manager = preheating_manager(tmp_path, max_kernels=2, pool_size=0)

    async def scenario():
        await manager.start_kernel()
        await manager.start_kernel()
        entered = asyncio.Event()

        async def outside():
            async with manager.room_outside(every=0.01):
                entered.set()
                assert manager.kernels_in_use() == 2
                await asyncio.sleep(0.05)

        task = asyncio.ensure_future(outside())
        await asyncio.sleep(0.05)
        assert not entered.is_set(), "no room at the cap"
        await manager.shutdown_kernel(upstream.running_kernel_ids(manager)[0])
        await asyncio.wait_for(entered.wait(), 5)
        await task
        assert manager.kernels_in_use() == 1

    run(scenario())


def test_the_servers_zeromq_context_holds_the_sockets_of_hundreds_of_kernels():
    """ZeroMQ's default of 1023 sockets per context ran out at about 200 kernels: new websocket
    connections failed with "Too many open files" (the load errors at 200 readers)."""
    import resource

    import zmq

    from workbook.server.kernels import WorkbookKernelManager

    if resource.getrlimit(resource.RLIMIT_NOFILE)[1] < 4000:
        pytest.skip("the system allows too few open files")
    manager = WorkbookKernelManager(max_kernels=2)
    sockets = []
    try:
        for _ in range(1500):  # about 300 kernels' worth
            sockets.append(manager.context.socket(zmq.DEALER))
    finally:
        for socket in sockets:
            socket.close(linger=0)
    assert manager.context.get(zmq.MAX_SOCKETS) >= 1500
