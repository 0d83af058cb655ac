"""Readers' kernels forked from a warm template process, instead of started from nothing.

`ForkProvisioner` is a jupyter_client kernel provisioner (entry point `workbook-fork`). Where
the local provisioner runs `python -m ipykernel_launcher -f <connection file>` as a new process,
it asks the template (workbook/reader/kernel_template.py, started once by this process) to fork
a child that runs the same command. The child is a kernel like any other: its own process and
session, its own connection file, ports or IPC sockets, threads and zmq context; signals, kill,
interrupt and restart work as for a local kernel. It starts in milliseconds and shares the
template's imported code copy-on-write. Any other command, or a template that cannot fork,
gets a plain local kernel.

This module runs in the server: it starts the template by its module name and imports nothing
of the reader side.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import KernelProvisionerFactory, LocalProvisioner

NAME = "workbook-fork"
TEMPLATE_MODULE = "workbook.reader.kernel_template"
LAUNCHERS = ("ipykernel_launcher", "ipykernel")
READY_SECONDS = 120


def readable(fd: int, seconds: float) -> bool:
    """Whether `fd` becomes readable within `seconds` (poll, not select: a server with hundreds of
    kernels has file descriptors past select's limit of 1024)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(seconds * 1000))


class ForkedProcess:
    """What the provisioner needs of a `Popen` (poll, wait, signals) for a kernel forked by the
    template: a child of the template, not of this process, so it is watched through a pidfd."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self._pidfd = None

    def poll(self) -> int | None:
        if self.returncode is None and not self._alive():
            self.returncode = 0  # the template collects the status; the server needs only "ended"
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
        return self.returncode

    def _alive(self) -> bool:
        if self._pidfd is not None:
            return not readable(self._pidfd, 0)
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def wait(self, timeout: float | None = None) -> int:
        while self.poll() is None:
            if self._pidfd is None or not readable(self._pidfd, 0.05):
                time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is not None:
            return
        if self._pidfd is not None:
            signal.pidfd_send_signal(self._pidfd, signum)
        else:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class KernelTemplate:
    """The warm template process: started on first use, asked to fork one kernel at a time."""

    _shared: KernelTemplate | None = None

    def __init__(self):
        self._lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.problem: str | None = None

    @classmethod
    def shared(cls) -> KernelTemplate:
        if cls._shared is None:
            cls._shared = cls()
            atexit.register(cls._shared.stop)
        return cls._shared

    def start(self) -> None:
        """Start the template if it is not running (it imports for a second or two)."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        self.process = subprocess.Popen(
            [sys.executable, "-m", TEMPLATE_MODULE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            start_new_session=True, text=True, bufsize=1)
        ready = self._reply()
        self.problem = ready.get("problem") or ready.get("error")

    def _reply(self) -> dict:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline() if readable(self.process.stdout.fileno(), READY_SECONDS) else ""
        if not line:
            self._stop()
            return {"error": "the kernel template did not answer"}
        return json.loads(line)

    def fork(self, args: list[str], env: dict[str, str], cwd: str | None) -> int:
        """Fork a kernel running ipykernel with `args`; its pid. Raises RuntimeError if it cannot."""
        with self._lock:
            self._start()
            if self.problem:
                raise RuntimeError(self.problem)
            request = {"args": args, "env": env, "cwd": cwd}
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except OSError as error:
                self._stop()
                raise RuntimeError(f"the kernel template is gone: {error}") from error
            reply = self._reply()
        if "pid" not in reply:
            raise RuntimeError(reply.get("error", "no pid"))
        return int(reply["pid"])

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self.process is None:
            return
        if self.process.stdin:
            self.process.stdin.close()  # the template ends at the end of its input
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process = None


def kernel_args(cmd: list[str]) -> list[str] | None:
    """The arguments for ipykernel if `cmd` runs this Python's ipykernel launcher, else None."""
    if len(cmd) < 3 or cmd[1] != "-m" or cmd[2] not in LAUNCHERS:
        return None
    try:
        same_python = Path(cmd[0]).resolve() == Path(sys.executable).resolve()
    except OSError:
        return None
    return list(cmd[3:]) if same_python else None


class ForkProvisioner(LocalProvisioner):
    """The local provisioner, with the kernel forked from the warm template when it can be."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        args = kernel_args(cmd)
        if args is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = await asyncio.to_thread(KernelTemplate.shared().fork, args, env, cwd)
        except (RuntimeError, OSError) as error:
            self.log.warning("Kernel started without the template (%s).", error)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


def register() -> None:
    """Make `workbook-fork` known to jupyter_client even where the package's entry points are not
    installed (a checkout on PYTHONPATH)."""
    KernelProvisionerFactory.provisioners.setdefault(
        NAME, EntryPoint(NAME, f"{__name__}:ForkProvisioner", KernelProvisionerFactory.GROUP_NAME))
