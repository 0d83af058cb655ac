"""Real components the tests start and stop themselves: PostgreSQL and nginx from Debian's packages.

A throwaway cluster in a temporary folder, listening on 127.0.0.1 only, run by an unprivileged
user (`nobody` when the tests run as root, since PostgreSQL refuses root), stopped and deleted
afterwards. nginx runs in front of two workbook servers through `workbook deploy-local`.
No pytest here; the fixtures that use them are in tests/conftest.py and tests/deploy/.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from tests.browser.serving import free_port

INSTALL = "`make test` installs it (Debian's postgresql package)"


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server binaries Debian installed, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


class Postgres:
    """A PostgreSQL cluster of our own on 127.0.0.1:`port`, trust login for user `workbook`."""

    def __init__(self):
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError(f"PostgreSQL is not installed: {INSTALL}")
        self.folder = Path(tempfile.mkdtemp(prefix="workbook-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            os.chmod(self.folder, 0o777)
        self._run("initdb", "-D", str(self.data), "-U", "workbook", "-A", "trust", "--no-sync",
                  "-E", "UTF8", "--locale=C")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(self.bin / tool), *args], check=True, capture_output=True,
                       cwd=self.folder, timeout=120)

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        log = str(self.folder / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://workbook@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        from sqlalchemy import create_engine, text

        name = f"t_{uuid.uuid4().hex[:12]}"
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def close(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped by a test
        shutil.rmtree(self.folder, ignore_errors=True)


NGINX_INSTALL = "nginx is not installed: `make test` installs it (Debian's nginx-light package)"


class NginxDeployment:
    """`workbook deploy-local`: two workbook servers behind Debian's nginx, started as a reader's
    host would, with every log kept in `logs` so that the tests can read them."""

    def __init__(self, tmp: Path, servers: int = 2, flags: tuple[str, ...] = ("--preheat_kernel=False",)):
        from workbook.cli_deploy import NGINX

        if not Path(NGINX).is_file():
            raise RuntimeError(NGINX_INSTALL)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.logs = tmp / "logs"
        self.output = tmp / "deploy-local.out"
        env = {**os.environ, "WORKBOOK_SURVEY_DB": f"sqlite:///{tmp / 'survey.sqlite'}"}
        command = [sys.executable, "-m", "workbook.cli", "deploy-local", f"--servers={servers}",
                   f"--port={self.port}", f"--log-dir={self.logs}", "--max-kernels=6", "--", *flags]
        self.process = subprocess.Popen(command, cwd=tmp, env=env, stdout=self.output.open("w"),
                                        stderr=subprocess.STDOUT)
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while "The workbook is at" not in self.output.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"deploy-local did not start:\n{self.output.read_text()}")
            time.sleep(0.3)

    def children(self) -> list:
        import psutil

        return psutil.Process(self.process.pid).children()

    def server(self, name: str):
        """The process of server `name` (w1, w2, ...)."""
        (found,) = [child for child in self.children()
                    if f"--Voila.base_url=/{name}/" in child.cmdline()]
        return found

    def kernel_count(self, name: str) -> int:
        return len(self.server(name).children())

    def nginx_folder(self) -> Path:
        (nginx,) = [child for child in self.children() if child.name() == "nginx"]
        command = nginx.cmdline()
        return Path(command[command.index("-p") + 1])

    def every_process(self) -> list:
        """The launcher and every process under it (servers, kernels, nginx and its workers)."""
        import psutil

        launcher = psutil.Process(self.process.pid)
        return [launcher, *launcher.children(recursive=True)]

    def stop(self) -> int:
        """SIGTERM, as a service manager (or Ctrl-C) stops it; its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            for process in self.every_process()[::-1]:
                process.kill()
            raise
