"""`workbook deploy-local`: N workbook servers on this machine behind Debian's nginx.

Each server listens on 127.0.0.1 at a port of its own, under its own path (/w1/, /w2/, ...);
nginx, run as this user with every file in one temporary folder, sends each new reader to one of
them at random (deploy/nginx/workbook.conf). Ctrl-C or SIGTERM stops nginx, then the servers,
and removes the folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from workbook.nginx_conf import prefix, render_main, render_site, templates

NGINX = os.environ.get("WORKBOOK_NGINX", "/usr/sbin/nginx")
MISSING = "nginx is not installed: `make deploy-local` (or `make test`) installs Debian's nginx-light"
START_SECONDS = 120


class Stop(Exception):
    """SIGTERM arrived: stop as Ctrl-C does."""


def raise_stop(*_) -> None:
    raise Stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kernel_share(servers: int, server_options: list[str] = ()) -> int:
    """Each server's kernel cap: the memory free now, shared equally (as one server sets its own,
    with the memory a forked kernel takes, or a plain one's when the servers are told so)."""
    from workbook.server.kernels import (
        FORKED_KERNEL_MIB,
        MIB,
        PLAIN_KERNEL_MIB,
        WorkbookKernelManager,
        available_memory,
    )

    reserve = WorkbookKernelManager.class_traits()["memory_reserve_mib"].default_value * MIB
    plain = any(option.endswith("fork_kernels=False") for option in server_options)
    per_kernel = (PLAIN_KERNEL_MIB if plain else FORKED_KERNEL_MIB) * MIB
    return max(2, (available_memory() - reserve) // per_kernel // servers)


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)
        return True
    except OSError:
        return False


def wait_until_up(processes: list[subprocess.Popen], urls: list[str]) -> None:
    """Wait until every url answers; fail if a process exits or time runs out."""
    deadline = time.monotonic() + START_SECONDS
    waiting = list(urls)
    while waiting:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited early (code {process.returncode})")
        if time.monotonic() > deadline:
            raise RuntimeError(f"no answer within {START_SECONDS}s from {waiting[0]}")
        waiting = [url for url in waiting if not answers(url)]
        time.sleep(0.3)


def output_for(log_dir: Path | None, name: str):
    """Where a server writes its log: a file in --log-dir, or this terminal."""
    return (log_dir / f"{name}.log").open("w") if log_dir else None


def start_servers(args, folder: Path, ports: list[int]) -> list[subprocess.Popen]:
    cap = args.max_kernels or kernel_share(len(ports), args.server_options)
    servers = []
    for number, port in enumerate(ports, start=1):
        command = [sys.executable, "-m", "workbook.cli", "serve", f"--port={port}",
                   f"--Voila.base_url={prefix(number)}", f"--WorkbookKernelManager.max_kernels={cap}",
                   *args.server_options]
        log = output_for(args.log_dir, f"w{number}")
        servers.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT if log else None,
                                        start_new_session=True))  # Ctrl-C reaches this process only
    return servers


def start_nginx(args, folder: Path, ports: list[int]) -> subprocess.Popen:
    logs = args.log_dir or folder
    (folder / "temp").mkdir()
    proxy = folder / "workbook_proxy.conf"
    shutil.copy(templates() / "workbook_proxy.conf", proxy)
    site = folder / "workbook.conf"
    site.write_text(render_site(ports, f"127.0.0.1:{args.port}", logs / "access.log",
                                logs / "error.log", proxy), encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(render_main(folder, site), encoding="utf-8")
    return subprocess.Popen([NGINX, "-p", str(folder), "-c", str(main),
                             "-g", f"daemon off; pid {folder / 'nginx.pid'};"], start_new_session=True)


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each (nginx first), then wait; SIGKILL whatever is still running after 20 s."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cmd_deploy_local(args) -> int:
    if not Path(NGINX).is_file():
        print(f"deploy-local: {MISSING}", file=sys.stderr)
        return 1
    if args.servers < 1:
        print("deploy-local: --servers must be 1 or more", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, raise_stop)
    folder = Path(tempfile.mkdtemp(prefix="workbook-nginx-"))
    if os.geteuid() == 0:
        os.chmod(folder, 0o711)  # nginx's workers run as nobody and keep request bodies in temp/
    if args.log_dir:
        args.log_dir = args.log_dir.resolve()
        args.log_dir.mkdir(parents=True, exist_ok=True)
    running: list[subprocess.Popen] = []
    try:
        ports = [free_port() for _ in range(args.servers)]
        servers = start_servers(args, folder, ports)
        running = servers
        wait_until_up(servers, [f"http://127.0.0.1:{port}{prefix(n)}voila/static/voila.js"
                                for n, port in enumerate(ports, start=1)])
        nginx = start_nginx(args, folder, ports)
        running = [nginx, *servers]
        address = f"http://127.0.0.1:{args.port}/"
        wait_until_up(running, [address + "w1/voila/static/voila.js"])
        print(f"The workbook is at {address} ({args.servers} servers behind nginx). "
              "Ctrl-C stops it.", flush=True)
        while all(process.poll() is None for process in running):
            time.sleep(0.5)
        print("deploy-local: a server or nginx stopped on its own; stopping the rest", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Stop):
        return 0
    except RuntimeError as error:
        print(f"deploy-local: {error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        stop(running)
        shutil.rmtree(folder, ignore_errors=True)


def add_deploy_command(sub) -> None:
    deploy = sub.add_parser("deploy-local", help="several servers behind nginx on this machine",
                            description="Start N workbook servers behind Debian's nginx; Ctrl-C "
                            "stops them all. Options after -- go to every server (workbook serve).")
    deploy.add_argument("--servers", type=int, default=2, help="how many servers (default 2)")
    deploy.add_argument("--port", type=int, default=8866, help="nginx's port on 127.0.0.1 (default 8866)")
    deploy.add_argument("--max-kernels", type=int, default=0, help="each server's kernel cap "
                        "(default: the memory free now, shared among the servers)")
    deploy.add_argument("--log-dir", type=Path, default=None, help="keep the servers' and nginx's logs "
                        "here (default: servers write to this terminal, nginx's logs go with its folder)")
    deploy.add_argument("server_options", nargs="*", metavar="-- SERVER_OPTION",
                        help="passed to every `workbook serve`")
    deploy.set_defaults(func=cmd_deploy_local)
