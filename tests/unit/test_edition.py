"""Editions: `workbook edition new|show|zip|open`, and every command following the edition in force."""

from __future__ import annotations

import datetime
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PROJECT, SEED
from workbook.cli import main
from workbook.config import CHANNEL, WorkbookConfig
from workbook.content.load import DEFAULT_CONTENT, load_workbook_uncached

ADDED = "Our Tuesday group talks this through before the break."


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def clean(monkeypatch, tmp_path):
    """No WORKBOOK_* variable, and a working directory outside every edition."""
    for name in ("WORKBOOK_CONTENT", "WORKBOOK_EDITION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.fixture
def edition(clean, tmp_path, capsys) -> Path:
    """A new edition made the documented way, in tmp_path/my-group."""
    assert main(["edition", "new", "my-group", "--adapted-by", "Leeds: Tuesday group"]) == 0
    capsys.readouterr()
    return tmp_path / "my-group"


def test_new_copies_content_and_notebooks_and_names_the_copy(edition, capsys):
    original = files_in(DEFAULT_CONTENT)
    copied = files_in(edition / "content")
    assert set(copied) == set(original)
    assert all(copied[name] == original[name] for name in original if name != "catalogue.yml")
    assert set(files_in(edition / "notebooks")) == set(files_in(PROJECT / "notebooks"))
    named = load_workbook_uncached(edition / "content").catalogue.edition
    assert (named.name, named.adapted_by, named.version) == ("my-group", "Leeds: Tuesday group", "1")
    assert named.date == datetime.date.today()
    assert load_workbook_uncached(DEFAULT_CONTENT).catalogue.edition.name == "Original edition"
    marker = (edition / "edition.yml").read_text(encoding="utf-8")
    assert "format: 1" in marker and "Original edition" in marker and "Tuesday" not in marker
    catalogue = (edition / "content" / "catalogue.yml").read_text(encoding="utf-8")
    assert catalogue.count("edition:") == 1 and catalogue.startswith("title:"), "only the block changed"


def test_an_edition_block_is_appended_and_comments_survive(clean, tmp_path, content_copy, capsys):
    catalogue = content_copy / "catalogue.yml"
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("edition:")
    end = text.index("where_to_start:")
    catalogue.write_text("# our own comment\n" + text[:start] + text[end:], encoding="utf-8")
    assert main(["edition", "new", "copy_2", "--from", str(content_copy)]) == 0
    made = (tmp_path / "copy_2" / "content" / "catalogue.yml").read_text(encoding="utf-8")
    assert made.startswith("# our own comment\n")
    assert load_workbook_uncached(tmp_path / "copy_2" / "content").catalogue.edition.name == "copy_2"


def test_refusals_touch_nothing(edition, tmp_path, capsys):
    before = files_in(edition)
    assert main(["edition", "new", "my-group"]) == 1
    assert "already there" in capsys.readouterr().err
    assert files_in(edition) == before
    assert main(["edition", "new", "my group!"]) == 1
    err = capsys.readouterr().err
    assert "letters, digits, - and _" in err and "Traceback" not in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["my-group"]


def test_config_follows_the_edition_by_folder_and_by_setting(edition, clean, tmp_path):
    clean.chdir(edition / "notebooks")
    config = WorkbookConfig()
    assert config.content_path == edition / "content" and config.notebooks_path == edition / "notebooks"
    clean.chdir(tmp_path)
    assert WorkbookConfig().content_path == DEFAULT_CONTENT
    clean.setenv("WORKBOOK_EDITION", "my-group")
    assert WorkbookConfig().content_path == edition / "content"
    clean.setenv("WORKBOOK_CONTENT", str(DEFAULT_CONTENT))
    assert WorkbookConfig().content_path == DEFAULT_CONTENT, "$WORKBOOK_CONTENT still wins"
    clean.delenv("WORKBOOK_CONTENT")
    assert WorkbookConfig(content_dir=str(DEFAULT_CONTENT)).content_path == DEFAULT_CONTENT


def test_commands_run_inside_the_edition_use_its_text(edition, clean, tmp_path, capsys):
    chapter = edition / "content" / SEED
    first = sorted(chapter.glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.rstrip("\n") + f"\n\n{ADDED}\n", encoding="utf-8")
    clean.chdir(edition / "content")
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert f'Following the edition "my-group" in {edition} (edition.yml)' in captured.err
    out = tmp_path / "out"
    assert main(["export", SEED, "--to", "html", "-o", str(out), "--quiet"]) == 0
    assert ADDED in (out / f"{SEED}.html").read_text(encoding="utf-8")
    assert "my-group" in (out / f"{SEED}.html").read_text(encoding="utf-8"), "the colophon names it"
    assert main(["export", SEED, "--to", "html", "--content", str(DEFAULT_CONTENT), "-o", str(out / "o"),
                 "--quiet"]) == 0
    assert ADDED not in (out / "o" / f"{SEED}.html").read_text(encoding="utf-8"), "--content wins"
    (edition / "content" / SEED / "module.yml").write_text("id: [", encoding="utf-8")
    assert main(["check"]) == 1, "check reads the edition's (now broken) content"
    clean.chdir(tmp_path)
    capsys.readouterr()
    assert main(["check"]) == 0
    assert "Following" not in capsys.readouterr().err


def test_edition_show_and_a_setting_that_names_no_edition(edition, clean, tmp_path, capsys):
    clean.chdir(edition / "notebooks")
    assert main(["edition", "show"]) == 0
    out = capsys.readouterr().out
    assert f"Following the edition in {edition}" in out and "Leeds: Tuesday group" in out
    clean.chdir(tmp_path)
    assert main(["edition", "show"]) == 0
    assert "original" in capsys.readouterr().out
    clean.setenv("WORKBOOK_EDITION", str(tmp_path))
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "is not an edition (it has no edition.yml)" in err and "Traceback" not in err


def test_the_server_serves_the_edition(edition, clean, tmp_path, capsys):
    from voila.app import Voila

    from workbook.server.app import WorkbookApp

    clean.setenv("WORKBOOK_SURVEY_DB", f"sqlite:///{tmp_path / 'survey.sqlite'}")
    clean.chdir(edition)
    app = WorkbookApp()
    app.initialize(["--no-browser"])
    assert app.root_dir == str(edition / "notebooks")
    assert json.loads(os.environ[CHANNEL])["content_dir"] == str(edition / "content")
    served = []
    clean.setattr(Voila, "start", lambda self: served.append(self.root_dir))
    app.start()
    assert served == [str(edition / "notebooks")]
    assert f'Following the edition "my-group" in {edition}' in capsys.readouterr().err


def test_a_kernel_started_in_the_editions_notebooks_reads_its_content(edition):
    env = {name: value for name, value in os.environ.items() if not name.startswith("WORKBOOK_")}
    code = "from workbook.config import WorkbookConfig; print(WorkbookConfig().content_path)"
    kernel = subprocess.run(
        [sys.executable, "-c", code],
        cwd=edition / "notebooks", env={**env, "PYTHONPATH": str(PROJECT)},
        capture_output=True, text=True, check=True)
    assert kernel.stdout.strip() == str(edition / "content")


def test_zip_and_open_give_the_same_files(edition, clean, tmp_path, capsys):
    (edition / "notebooks" / ".ipynb_checkpoints").mkdir()
    (edition / "notebooks" / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    (edition / "build").mkdir()
    (edition / "build" / "triggers.pdf").write_bytes(b"%PDF")
    clean.chdir(edition)
    assert main(["edition", "zip"]) == 0
    archive = tmp_path / "my-group.zip"
    assert archive.is_file(), "made beside the edition, not inside it"
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    clean.chdir(tmp_path)
    assert main(["edition", "open", str(archive), "--into", str(colleague)]) == 0
    assert "content OK" in capsys.readouterr().out
    opened = files_in(colleague / "my-group")
    kept = {name: data for name, data in files_in(edition).items()
            if not name.startswith(("build", "notebooks/.ipynb"))}
    assert opened == kept


def hostile(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


MARKER = ("ed/edition.yml", b"format: 1\n")
HOSTILE = {
    "zip-slip": ([MARKER, ("ed/../../x.md", b"x")], "leaves its folder"),
    "absolute": ([MARKER, ("/tmp/x.md", b"x")], "absolute path"),
    "symlink": ([MARKER, (symlink("ed/content/link.md"), b"/etc/passwd")], "a link"),
    "too many": ([MARKER, *[(f"ed/content/{n}.md", b"") for n in range(2001)]], "more than 2000"),
    "too big": ([MARKER, ("ed/content/big.md", b"\0" * (51 * 2**20))], "more than 50 MB"),
    "python": ([MARKER, ("ed/content/run.py", b"import os")], "run.py"),
    "no marker": ([("ed/content/catalogue.yml", b"title: x")], "no edition.yml"),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_zips_are_refused_in_plain_words(kind, clean, tmp_path, capsys):
    entries, words = HOSTILE[kind]
    into = tmp_path / "a" / "b"
    into.mkdir(parents=True)
    archive = hostile(tmp_path / "ed.zip", entries)
    assert main(["edition", "open", str(archive), "--into", str(into)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert list(into.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["a", "ed.zip"]
    assert list((tmp_path / "a").iterdir()) == [into]


def test_opening_never_overwrites_a_folder(clean, tmp_path, capsys):
    archive = hostile(tmp_path / "ed.zip", [MARKER, ("ed/content/new.md", b"new")])
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "mine.md").write_text("mine", encoding="utf-8")
    assert main(["edition", "open", str(archive)]) == 1
    assert "already there" in capsys.readouterr().err
    assert files_in(tmp_path / "ed") == {"mine.md": b"mine"}
    (tmp_path / "not-a-zip.zip").write_text("hello", encoding="utf-8")
    assert main(["edition", "open", str(tmp_path / "not-a-zip.zip")]) == 1
    assert "is not a zip file" in capsys.readouterr().err
