"""Real components the tests start and stop themselves: PostgreSQL from Debian's package.

A throwaway cluster in a temporary folder, listening on 127.0.0.1 only, run by an unprivileged
user (`nobody` when the tests run as root, since PostgreSQL refuses root), stopped and deleted
afterwards. No pytest here; the fixtures that use it are in tests/conftest.py.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
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
