"""The wall the privacy promise rests on: the server process never loads reader-side code.

Readers' answers exist only in their own kernels (`workbook.reader`, `workbook.answers`, the
exercise widgets). The Voilà server process must not import any of it, directly or through
another module, so that no answer-handling code can run where every reader's requests meet.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]
SERVER = PROJECT / "workbook" / "server"

# Top-level names and package prefixes that hold or handle a reader's answers.
READER_SIDE = ("workbook.reader", "workbook.answers", "workbook.survey.form", "widgets",
               "ipywidgets", "anywidget", "cryptography")


def reader_side(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in READER_SIDE)


def imported_names(path: Path, package: str) -> list[str]:
    """Every module `path` (in `package`) imports, at the top or in a function, as absolute names."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            names += [module] + [f"{module}.{alias.name}" for alias in node.names]
    return names


def test_server_modules_import_nothing_from_the_reader_side():
    found = {}
    for path in SERVER.rglob("*.py"):
        package = ".".join(path.relative_to(PROJECT).parts[:-1])
        found[str(path.relative_to(PROJECT))] = [n for n in imported_names(path, package) if reader_side(n)]
    assert len(found) >= 6, "the server package was not found"
    assert {path: names for path, names in found.items() if names} == {}


STARTS = {
    "workbook serve": ("from workbook.server.app import WorkbookApp\n"
                       "WorkbookApp().initialize(argv=['--port=0', '--no-browser'])\n",
                       "workbook.server.app"),
    "jupyter server with the extension": (
        "from jupyter_server.serverapp import ServerApp\n"
        "ServerApp().initialize(argv=['--ServerApp.jpserver_extensions=workbook=True', '--port=0',\n"
        "                             '--no-browser', '--allow-root'])\n", "workbook.server.extension"),
}


@pytest.mark.slow
@pytest.mark.parametrize("server", list(STARTS))
def test_a_started_server_process_has_loaded_no_reader_side_code(tmp_path, server):
    """Initialise the real server (everything but listening) and list what it loaded."""
    start, module = STARTS[server]
    script = f"import json, sys\n{start}print(json.dumps(sorted(sys.modules)))\n"
    env = {"WORKBOOK_SURVEY_DB": f"sqlite:///{tmp_path / 'survey.db'}", "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert module in loaded and "voila.handler" in loaded
    assert [name for name in loaded if reader_side(name)] == []


def test_the_scan_sees_relative_and_late_imports(tmp_path):
    """The scan itself: relative imports and imports inside functions are all seen."""
    module = tmp_path / "late.py"
    module.write_text("from ..content import load\n"
                      "def later():\n    from ..answers import crypto\n    import widgets.base\n")
    names = imported_names(module, "workbook.server")
    assert [name for name in names if reader_side(name)] == [
        "workbook.answers", "workbook.answers.crypto", "widgets.base"]
    assert "workbook.content.load" in names
