"""The `workbook` command: content checks for trainers, and notebooks kept in step."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import PROJECT, SEED, catalogue_module_ids, raw_module
from workbook.cli import main

NO_CHROMIUM = ("PDF export needs the Chromium browser and there is none at {path}: on Debian or Ubuntu run "
               "`sudo apt install chromium`, or set WORKBOOK_CHROMIUM (or --WorkbookConfig.chromium) to the "
               "path of its program.")


def workbook_command(*argv, cwd, timeout=120, **env) -> subprocess.CompletedProcess:
    """`workbook ARGV` in a process of its own, as a trainer types it."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("WORKBOOK_")}
    environment.update(PYTHONPATH=str(PROJECT), **env)
    return subprocess.run([sys.executable, "-m", "workbook.cli", *map(str, argv)], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout)


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
    assert err.startswith("content error: ") and "module.yml, line 7: 'status' cannot be 'finished'" in err
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
    assert (tmp_path / f"{SEED}.html").exists() and (tmp_path / f"{SEED}.slides.html").exists()
    assert not (tmp_path / "reveal").exists(), "the slides are one self-contained file"


def test_export_pdf_without_chromium_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CHROMIUM", str(tmp_path / "no-chromium-here"))
    assert main(["export", SEED, "--to", "pdf", "-o", str(tmp_path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("export: PDF export needs the Chromium browser and there is none at ")
    assert "Traceback" not in err
    assert "sudo apt install chromium" in err and len(err.strip().splitlines()) == 1


def test_a_missing_chromium_is_one_sentence_and_exit_code_1(tmp_path):
    missing = tmp_path / "no-chromium-here"
    done = workbook_command("export", SEED, "--to", "pdf", "-o", tmp_path / "out", "--quiet", cwd=tmp_path,
                            WORKBOOK_CHROMIUM=str(missing))
    assert done.returncode == 1
    assert done.stderr == "export: " + NO_CHROMIUM.format(path=missing) + "\n"
    db = f"sqlite:///{tmp_path / 'survey.sqlite'}"
    done = workbook_command("survey-report", "--db", db, "-o", tmp_path / "report.pdf", cwd=tmp_path,
                            WORKBOOK_CHROMIUM=str(missing))
    assert done.returncode == 1
    assert done.stderr.startswith("survey-report: " + NO_CHROMIUM.format(path=missing))
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert (tmp_path / "report.html").exists(), "the HTML report is still written"


def test_serve_refuses_broken_content_and_lists_every_problem(content_copy, tmp_path):
    module = content_copy / SEED / "module.yml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("title: Reflection", "title: Pause: check in"), encoding="utf-8")
    chapter = content_copy / "triggers" / "triggers-reflection.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("minutes:", "minuts:", 1), encoding="utf-8")
    done = workbook_command("serve", "--content", content_copy, "--port=0", cwd=tmp_path, timeout=90,
                            WORKBOOK_SURVEY_DB=f"sqlite:///{tmp_path / 'survey.sqlite'}")
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    start = lines.index("content error: 2 problems to fix (each names the file and line):")
    assert lines[start + 1].startswith("1. ") and "module.yml, line " in lines[start + 1]
    assert "double quotes" in lines[start + 1]
    assert lines[start + 2].startswith("2. ")
    assert "triggers-reflection.md, line 2: 'minuts'" in lines[start + 2]
    assert "not started" in done.stderr and "Traceback" not in done.stderr
