"""nginx's configuration for several workbook servers, from the files in deploy/nginx/.

`render_site` fills workbook.conf's markers for N servers; `render_main` wraps it in the
top-level file `workbook deploy-local` starts nginx with: every path inside one folder.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

MARKER = re.compile(r"@[A-Z_]+@")


def templates() -> Path:
    """deploy/nginx/: inside the installed package (workbook/bundled/nginx), or in the checkout."""
    package = Path(str(files("workbook")))
    installed, checkout = package / "bundled" / "nginx", package.parent / "deploy" / "nginx"
    return installed if installed.is_dir() else checkout


def prefix(number: int) -> str:
    """The path of server `number` (from 1): /w1/, /w2/, ..."""
    return f"/w{number}/"


def split_lines(count: int) -> list[str]:
    """split_clients lines that give each of `count` servers an equal share (the last takes the rest)."""
    share = f"{100 / count:.2f}".rstrip("0").rstrip(".")
    lines = [f"    {share}% w{number};" for number in range(1, count)]
    return [*lines, f"    * w{count};"]


def render_site(ports: list[int], listen: str, access_log: Path | str, error_log: Path | str,
                proxy_conf: Path | str) -> str:
    """workbook.conf for one server per port (server N at /wN/ on 127.0.0.1:port)."""
    if not ports:
        raise ValueError("at least one server is needed")
    locations = [f"    location {prefix(number)} {{ proxy_pass http://127.0.0.1:{port}; "
                 f"include {proxy_conf}; }}" for number, port in enumerate(ports, start=1)]
    values = {"@ACCESS_LOG@": str(access_log), "@ERROR_LOG@": str(error_log), "@LISTEN@": listen,
              "@SPLIT@": "\n".join(split_lines(len(ports))), "@LOCATIONS@": "\n".join(locations)}
    text = (templates() / "workbook.conf").read_text(encoding="utf-8")
    text = MARKER.sub(lambda found: values[found.group(0)], text)
    return text


def render_main(folder: Path, site: Path, run_as_root: bool | None = None) -> str:
    """nginx.conf for a private nginx: logs, temporary files and pid all in `folder`.

    Run by root, the workers become nobody (nginx's own rule); run by anyone else, nginx stays
    that user. `daemon off` and `pid` are given on the command line (see cli_deploy.py).
    """
    if run_as_root is None:
        run_as_root = os.geteuid() == 0
    temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    lines = ["user nobody nogroup;"] if run_as_root else []
    lines += [f"error_log {folder / 'error.log'} crit;", "worker_processes 1;",
              "events { worker_connections 1024; }", "http {"]
    lines += [f"    {name}_temp_path {folder / 'temp' / name};" for name in temp]
    lines += [f"    include {site};", "}"]
    return "\n".join(lines) + "\n"
