"""The `workbook` command: content checks for trainers, and notebooks kept in step."""

from __future__ import annotations

from tests.conftest import SEED, catalogue_module_ids, raw_module
from workbook.cli import main


def test_check_reports_ok_on_real_content(capsys):
    modules = catalogue_module_ids()
    ready = [module_id for module_id in modules if raw_module(module_id)["status"] == "ready"]
    assert main(["check"]) == 0
    assert f"content OK: {len(modules)} modules ({len(ready)} ready)" in capsys.readouterr().out


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
    assert len(list(folder.iterdir())) == 14, "the home page, twelve modules and My plan"
    assert (folder / "my-plan.ipynb").exists()
    assert (folder / f"{SEED}.ipynb").exists()
    assert main(["notebooks", "--content", str(content_copy), "--folder", str(folder), "--check"]) == 0


def test_export_says_what_is_wrong_and_writes_nothing(tmp_path, content_copy, capsys):
    out = tmp_path / "out"
    assert main(["export", "-o", str(out)]) == 2
    assert "name one MODULE, or use --all" in capsys.readouterr().err
    assert main(["export", "no-such-module", "-o", str(out)]) == 2
    assert "no module 'no-such-module'; modules: " in capsys.readouterr().err
    (content_copy / SEED / "module.yml").write_text("id: [", encoding="utf-8")
    assert main(["export", SEED, "--content", str(content_copy), "-o", str(out)]) == 1
    assert "content error: " in capsys.readouterr().err
    assert not out.exists()


def test_export_html_and_slides_need_no_browser(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CHROMIUM", str(tmp_path / "no-chromium-here"))
    assert main(["export", SEED, "--to", "html", "--to", "slides", "-o", str(tmp_path), "--quiet"]) == 0
    assert f"wrote 2 files into {tmp_path}" in capsys.readouterr().out
    assert (tmp_path / f"{SEED}.html").exists() and (tmp_path / "reveal" / "reveal.js").exists()


def test_export_pdf_without_chromium_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CHROMIUM", str(tmp_path / "no-chromium-here"))
    assert main(["export", SEED, "--to", "pdf", "-o", str(tmp_path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("export: PDF export needs Chromium and there is none at ")
    assert "Traceback" not in err
    assert "sudo apt-get install chromium" in err and len(err.strip().splitlines()) == 1
