"""The `workbook` command: content checks for trainers, and notebooks kept in step."""

from __future__ import annotations

from tests.conftest import SEED
from widgets.cli import main


def test_check_reports_ok_on_real_content(capsys):
    assert main(["check"]) == 0
    assert "content OK: 11 modules (11 ready)" in capsys.readouterr().out


def test_check_names_the_problem_without_a_traceback(content_copy, capsys):
    path = content_copy / SEED / "module.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: ready", "status: finished"),
                    encoding="utf-8")
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("content error: ") and "module.yml: field status" in err
    assert "Traceback" not in err


def test_notebooks_are_written_then_in_step(content_copy, tmp_path, capsys):
    folder = tmp_path / "notebooks"
    assert main(["notebooks", "--content", str(content_copy), "--folder", str(folder), "--check"]) == 1
    assert main(["notebooks", "--content", str(content_copy), "--folder", str(folder)]) == 0
    assert len(list(folder.iterdir())) == 12, "the home page and eleven modules"
    assert (folder / f"{SEED}.ipynb").exists()
    assert main(["notebooks", "--content", str(content_copy), "--folder", str(folder), "--check"]) == 0
