"""A wheel of the project, installed outside the checkout, finds its own content and notebooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PROJECT, SEED

pytestmark = pytest.mark.slow
SOURCES = ("pyproject.toml", "README.md", "widgets", "workbook", "content", "notebooks", "deploy")


def run(*argv, **kw) -> str:
    done = subprocess.run([str(arg) for arg in argv], capture_output=True, text=True, timeout=600, **kw)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_wheel_installed_elsewhere_checks_and_exports(tmp_path):
    source, wheels, site, elsewhere = (tmp_path / name for name in ("source", "wheels", "site", "elsewhere"))
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    source.mkdir()
    for name in SOURCES:  # build from a copy, so that nothing is left behind in the checkout
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, source / name, ignore=ignore)
        else:
            shutil.copy(PROJECT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source)
    (wheel,) = wheels.glob("*.whl")
    run(sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, wheel)
    shutil.rmtree(source)  # nothing may still point at the copy it was built from
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("WORKBOOK_")}
    env["PYTHONPATH"] = str(site)
    where = run(sys.executable, "-c", "import workbook; from workbook.config import WorkbookConfig; "
                "c = WorkbookConfig(); print(workbook.__file__, c.content_path, c.notebooks_path, sep='\\n')",
                cwd=elsewhere, env=env).splitlines()
    assert all(line.startswith(str(site)) for line in where), where
    assert (site / "workbook" / "bundled" / "notebooks" / "index.ipynb").is_file()
    nginx = run(sys.executable, "-c", "from workbook.nginx_conf import templates; print(templates())",
                cwd=elsewhere, env=env).strip()
    assert nginx == str(site / "workbook" / "bundled" / "nginx"), "deploy/nginx/ travels in the wheel"
    assert (site / "workbook" / "bundled" / "nginx" / "workbook_proxy.conf").is_file()
    assert run(sys.executable, "-m", "workbook.cli", "check", cwd=elsewhere, env=env).startswith("content OK")
    out = elsewhere / "out"
    command = site / "bin" / "workbook"  # the console script pip wrote
    run(command, "export", SEED, "--to", "html", "-o", out, "--quiet", cwd=elsewhere, env=env)
    assert "Contents" in (out / f"{SEED}.html").read_text(encoding="utf-8")
