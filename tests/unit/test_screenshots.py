"""docs/screenshots.md shows every exercise kind at 1280 and 375 px (made by `make screenshots`)."""

from __future__ import annotations

import functools
import importlib.util
import re
import struct
import sys

import pytest

from tests.conftest import PROJECT
from widgets.registry import WIDGETS
from workbook.content.load import load_workbook

DOCS = PROJECT / "docs"
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which must come first."""
    head = path.read_bytes()[:24]
    assert head[:8] == SIGNATURE, f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR", f"{path.name} has no IHDR chunk first"
    return struct.unpack(">II", head[16:24])


def row(kind: str) -> str:
    text = (DOCS / "screenshots.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith(f"| {kind} |")]
    assert len(rows) == 1, f"docs/screenshots.md should have one row for {kind}"
    return rows[0]


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_each_kind_has_a_shot_at_both_widths_of_the_right_size(kind):
    wide = DOCS / "screenshots" / f"{kind}-1280.png"
    narrow = DOCS / "screenshots" / f"{kind}-375.png"
    assert wide.is_file() and narrow.is_file(), "run `make screenshots` and commit what it writes"
    wide_width, wide_height = png_size(wide)
    narrow_width, narrow_height = png_size(narrow)
    assert 375 < wide_width <= 1280 and wide_height > 0
    assert 0 < narrow_width <= 375 and narrow_height > 0


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_each_kind_has_a_row_with_both_images_from_an_exercise_of_that_kind(kind):
    line = row(kind)
    for width in (1280, 375):
        assert f"![{kind} exercise at {width} px wide](screenshots/{kind}-{width}.png)" in line
    module_id, exercise_id = re.findall(r"`([a-z0-9-]+)`", line)[-2:]
    exercise = {ex.id: ex for ex in load_workbook().module(module_id).exercises}.get(exercise_id)
    assert exercise is not None and exercise.kind == kind, "the shot's exercise has gone: run it again"


def test_the_page_says_how_and_when_the_shots_were_made():
    text = (DOCS / "screenshots.md").read_text(encoding="utf-8")
    assert re.search(r"Made by `make screenshots` .* on \d{4}-\d\d-\d\d \d\d:\d\d UTC", text)


@functools.cache
def script():
    """scripts/screenshots.py as a module (it is a developer tool, not part of the package)."""
    spec = importlib.util.spec_from_file_location("screenshots", PROJECT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_the_script_shoots_the_first_exercise_of_each_kind_in_catalogue_order():
    workbook = load_workbook()
    targets = script().first_of_each_kind(workbook, ["table", "rating"])
    assert [target.kind for target in targets] == ["table", "rating"]
    for target in targets:
        earlier = [ex for module in workbook.modules.values() for ex in module.exercises]
        first = next(ex for ex in earlier if ex.kind == target.kind)
        assert target.exercise_id == first.id


def test_the_script_refuses_an_unknown_kind_before_starting_anything(capsys):
    with pytest.raises(SystemExit):
        script().main(["--kinds", "rating,no-such-kind"])
    assert "no-such-kind" in capsys.readouterr().err
