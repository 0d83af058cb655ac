"""What a reader's kernel imports to show a module page: nothing it does not need yet.

Each module left out here costs every reader's kernel memory (and a plain kernel its start-up
time): nbformat and its validator (a second and megabytes, for the order of a notebook's cells),
cryptography until a reader keeps answers, export and survey-storage code until asked for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
SEED = "sexual-communication-with-children-online"
NOT_YET = ("nbformat", "jsonschema", "cryptography", "nbconvert", "nbclient", "matplotlib", "docx",
           "playwright", "sqlalchemy", "workbook.export", "workbook.survey.store")

SCRIPT = f"""
import json, sys
from workbook import open_module
page = open_module({SEED!r})
for chapter in page.module.chapters:
    page.chapter(chapter.id)
page.end()
assert "Your answers" in str(page.answers_panel.children[0].value)
print(json.dumps(sorted(sys.modules)))
"""


def test_showing_a_module_page_imports_none_of_what_can_wait(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(PROJECT), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=PROJECT / "notebooks", env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "workbook.reader.page" in loaded and "ipywidgets" in loaded
    assert sorted({name for name in loaded for lazy in NOT_YET
                   if name == lazy or name.startswith(lazy + ".")}) == []


def test_a_kept_answer_still_seals_and_opens_once_cryptography_is_imported_late():
    from workbook.answers import crypto

    sealed = crypto.seal(b"an answer", "a long passphrase")
    assert crypto.open_sealed(sealed, "a long passphrase") == b"an answer"
