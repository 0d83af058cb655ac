"""The warm template that readers' kernels are forked from (run as `python -m` by the server).

It imports, once, what a page's kernel needs (ipykernel, IPython, ipywidgets, anywidget, the
workbook's reader code, its templates and Markdown renderer), reads the content, and waits. For each request
from the server (one JSON line on stdin: the kernel's command, environment and folder) it forks;
the child becomes the reader's kernel: a new session, the request's environment and folder, then
ipykernel starts as `python -m ipykernel_launcher` would. The child's pid goes back on stdout.

The template never runs a page, makes no widget, never opens a socket or a zmq context and
never starts a thread, so a child shares only imported code and content with it (copy-on-write)
and creates its own sockets, threads and event loop. It holds nothing of any reader's. It ends
when the server closes stdin.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import importlib
import json
import os
import re
import signal
import sys
import threading

# What a reader's kernel imports to show a page; anything missing is simply imported later.
WARM_MODULES = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm",
    "ipykernel.inprocess.ipkernel", "IPython.core.interactiveshell", "IPython.core.completer",
    "IPython.display", "jupyter_client.session", "comm", "ipywidgets", "anywidget",
    "workbook.reader.page", "workbook.reader.home", "workbook.reader.plan", "workbook.answers.crypto",
    "cryptography.exceptions", "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.scrypt",
    # what ipykernel and IPython import as a kernel starts: its debugger, history, inspector
    "ipykernel.debugger", "IPython.core.debugger", "IPython.core.history", "IPython.core.oinspect",
    "IPython.core.completerlib", "IPython.core.logger", "IPython.extensions.storemagic",
    "tornado.gen", "tornado.locks", "tornado.queues", "tornado.platform.asyncio", "http.server",
    "xml.parsers.expat", "pdb",
    # what ipykernel imports only once it runs: for its usage report, fault and signal handling
    "psutil", "faulthandler", "runpy", "resource", "pwd",
)
# Every reader's kernel keeps what it runs in memory only: IPython writes no history database.
PRIVATE_ARGS = ("--HistoryManager.enabled=False",)
# What the server's kernels are given: a connection file and `--Class.option=value` settings.
SETTING = re.compile(r"--(\w+)\.(\w+)=(.*)", re.DOTALL)
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt settings
BIG_BLOCK = 64 * 1024
TEMPLATE_PATH0 = sys.path[0] if sys.path else ""  # the server's folder, put there by `python -m`


def warm(log=sys.stderr) -> list[str]:
    """Import what a page needs and build the renderers once; return what could not be imported."""
    failed = []
    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - a kernel imports it itself, or says why
            failed.append(f"{name}: {type(error).__name__}")
    try:
        from workbook import render

        environment = render._environment()
        for name in environment.list_templates(extensions=["j2"]):
            environment.get_template(name)  # compiled once here, not in every kernel
        render._markdown()
    except Exception as error:  # noqa: BLE001
        failed.append(f"workbook.render: {type(error).__name__}")
    if failed:
        print("kernel template: not preloaded:", ", ".join(failed), file=log)
    return failed


def read_content() -> bool:
    """Read the workbook's content once (the same for every reader; no reader's data). A kernel
    uses it as long as no content file has changed since, and reads it again otherwise."""
    try:
        from workbook.content.load import load_readable_workbook

        load_readable_workbook()
        return True
    except Exception:  # noqa: BLE001 - each kernel reads the content itself, and says what is wrong
        return False


def fork_safety_problem() -> str | None:
    """Why forking now would hand a child something it must not share, or None."""
    if threading.active_count() != 1:
        return f"{threading.active_count()} threads are running"
    zmq = sys.modules.get("zmq")
    if zmq is not None and getattr(zmq.Context, "_instance", None) is not None:
        return "a zmq context exists"
    if asyncio.events._get_running_loop() is not None:
        return "an event loop is running"
    return None


def reap_children(*_args) -> None:
    """Collect the exit status of kernels that ended, so none is left as a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def after_kernel_started() -> None:
    """What the preloaded modules do when they are imported inside a running kernel, and so did
    not do in the template: ipywidgets registers its comm targets (the page's widgets are found
    through them)."""
    import ipywidgets

    ipywidgets.register_comm_target()


def give_back_big_blocks() -> None:
    """Have blocks of 64 KiB or more (a page's widget states go as one message of hundreds) mapped
    on their own and handed back to the system once freed, instead of staying in the kernel's
    heap for good (glibc's malloc; where there is none, nothing changes)."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, BIG_BLOCK)
        libc.mallopt(M_TRIM_THRESHOLD, BIG_BLOCK)
    except (OSError, AttributeError):
        pass


def light_command_line(app, args: list[str]) -> bool:
    """Give `app` the settings in `args` as traitlets' parser would, without building that parser:
    it has an option for every setting of every class, and building it cost every kernel about
    0.4 MiB of its own memory. False (nothing done) if `args` hold anything but `-f` and settings."""
    from copy import deepcopy

    from traitlets.config import Config
    from traitlets.config.loader import DeferredConfigString

    config, rest = Config(), list(args)
    while rest:
        arg = rest.pop(0)
        setting = SETTING.fullmatch(arg)
        if arg == "-f" and rest:
            config.IPKernelApp.connection_file = DeferredConfigString(rest.pop(0))
        elif setting:
            config[setting[1]][setting[2]] = DeferredConfigString(setting[3])
        else:
            return False
    app.argv, app.extra_args, app.cli_config = list(args), [], deepcopy(config)
    app.update_config(config)
    return True


def become_kernel(request: dict, ready_fd: int, channels: tuple[int, ...]) -> None:
    """In the forked child: take the request's session, folder and environment, run ipykernel."""
    code = 1
    try:
        os.setsid()  # its own process group: signals to the kernel never reach the template
        give_back_big_blocks()
        os.write(ready_fd, b"1")
        os.close(ready_fd)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)  # the template's requests are not the kernel's to read
        for fd in (devnull, *channels):
            if fd != 0:
                os.close(fd)
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # The kernel ends when its parent, the template, does (read from its environment at import).
        private = [arg for arg in PRIVATE_ARGS if arg not in request["args"]]  # twice is an error
        args = [*request["args"], *private, f"--IPKernelApp.parent_handle={os.getppid()}"]
        env = dict(request["env"], JPY_PARENT_PID=str(os.getppid()))
        os.environ.clear()
        os.environ.update(env)
        os.chdir(request.get("cwd") or os.getcwd())
        if sys.path and sys.path[0] == TEMPLATE_PATH0:
            del sys.path[0]  # as ipykernel_launcher does; IPython adds '' back
        sys.argv = ["ipykernel_launcher", *args]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        parse = app.parse_command_line
        app.parse_command_line = lambda argv=None: light_command_line(app, argv) or parse(argv)
        app.initialize(args)
        after_kernel_started()
        app.start()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    except BaseException:  # noqa: BLE001 - a child must never return into the template's loop
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def fork_kernel(request: dict, channels: tuple[int, ...]) -> dict:
    problem = fork_safety_problem()
    if problem:
        return {"error": f"cannot fork safely: {problem}"}
    ready_read, ready_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(ready_read)
        become_kernel(request, ready_write, channels)
    os.close(ready_write)
    os.read(ready_read, 1)  # the child has its own session before the server may signal it
    os.close(ready_read)
    return {"pid": pid}


def main() -> None:
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything imported code prints goes to the log, not into the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C at the server's terminal is the server's
    warm()
    read_content()
    signal.signal(signal.SIGCHLD, reap_children)
    gc.collect()
    gc.freeze()  # imported objects are never touched by a child's collector: their pages stay shared
    channels = (replies.fileno(),)
    replies.write(json.dumps({"ready": os.getpid(), "problem": fork_safety_problem()}) + "\n")
    while line := sys.stdin.readline():
        try:
            request = json.loads(line)
            reply = fork_kernel(request, channels)
        except Exception as error:  # noqa: BLE001 - the server falls back to a plain kernel
            reply = {"error": f"{type(error).__name__}: {error}"}
        replies.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    main()
