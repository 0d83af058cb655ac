"""scripts/screenshots.py against a real server, for one kind, into a temporary folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import PROJECT
from tests.unit.test_screenshots import png_size

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_script_shoots_one_kind_at_both_widths_and_writes_its_row(tmp_path):
    subprocess.run([sys.executable, str(PROJECT / "scripts" / "screenshots.py"), "--kinds", "questions",
                    "--output", str(tmp_path)], check=True, timeout=240)
    shots = tmp_path / "screenshots"
    assert sorted(path.name for path in shots.iterdir()) == ["questions-1280.png", "questions-375.png"]
    assert 375 < png_size(shots / "questions-1280.png")[0] <= 1280
    assert 0 < png_size(shots / "questions-375.png")[0] <= 375
    page = (tmp_path / "screenshots.md").read_text(encoding="utf-8")
    assert "![questions exercise at 375 px wide](screenshots/questions-375.png)" in page
    assert "| rating |" not in page
