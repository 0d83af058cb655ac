"""After `make run`'s install alone, in a fresh venv, every kind of command works (issue 16, item 1)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PROJECT, SEED

pytestmark = pytest.mark.slow
SOURCES = ("Makefile", "pyproject.toml", "constraints.txt", "README.md", "widgets", "workbook", "content",
           "notebooks", "deploy")


def run(*argv, timeout=300, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([str(arg) for arg in argv], capture_output=True, text=True, timeout=timeout, **kw)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_make_runs_install_is_enough_for_export_and_survey_report(tmp_path):
    source, venv, out = tmp_path / "source", tmp_path / "venv", tmp_path / "out"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in SOURCES:  # a copy, so the editable install leaves nothing in the checkout
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, source / name, ignore=ignore)
        else:
            shutil.copy(PROJECT / name, source / name)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("WORKBOOK_", "PYTHONPATH", "VIRTUAL_ENV"))}
    # Exactly the install `make run` does before it serves: the venv, then pip install -c constraints.txt.
    run("make", "-C", source, f"PYTHON={sys.executable}", f"VENV={venv}", f"{venv}/.installed", env=env,
        timeout=600)
    workbook = venv / "bin" / "workbook"
    kinds = ["--to", "html", "--to", "pdf"] if shutil.which("chromium") else ["--to", "html"]
    run(workbook, "export", SEED, *kinds, "-o", out, "--quiet", cwd=tmp_path, env=env)
    assert (out / f"{SEED}.html").is_file()
    if "pdf" in kinds:
        assert (out / f"{SEED}.pdf").read_bytes().startswith(b"%PDF")
    db = f"sqlite:///{tmp_path / 'survey.sqlite'}"
    report = out / ("report.pdf" if "pdf" in kinds else "report.html")
    run(workbook, "survey-report", "--db", db, "-o", report, cwd=tmp_path, env=env)
    assert report.is_file() and (out / "report.html").read_text(encoding="utf-8").strip()
    run(workbook, "quality", "--module", SEED, cwd=tmp_path, env=env)
