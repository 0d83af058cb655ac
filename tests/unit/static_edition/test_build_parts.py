"""The static edition's build, piece by piece: wheels and their lock entries, the workbook's own
wheel, repacked source releases, and what a page does differently in static mode."""

from __future__ import annotations

import hashlib
import io
import shutil
import tarfile
import zipfile

import ipywidgets as w

from tests.conftest import PROJECT, SEED
from widgets.early import early_copy, field_key
from workbook.reader import page as page_module
from workbook.reader.page import ModulePage
from workbook.static_edition.pyodide_folder import WORKBOOK_NEEDS, workbook_wheel
from workbook.static_edition.wheels import describe, repack, write_wheel


def test_a_written_wheel_is_described_with_its_real_hash_and_bundled_depends(tmp_path):
    wheel = write_wheel(tmp_path, "my-pack", "1.2", {"my_pack/__init__.py": b"X = 1\n"},
                        ("other", "missing>=2", "windows-only; sys_platform == 'win32'"))
    (tmp_path / "again").mkdir()
    again = write_wheel(tmp_path / "again", "my-pack", "1.2", {"my_pack/__init__.py": b"X = 1\n"},
                        ("other", "missing>=2", "windows-only; sys_platform == 'win32'"))
    assert wheel.read_bytes() == again.read_bytes(), "the same files make the same wheel"
    entry = describe(wheel, bundled={"my-pack", "other", "windows-only"})
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["my_pack"]
    assert entry["depends"] == ["other"], "not bundled, or not for the browser: left out"
    with zipfile.ZipFile(wheel) as archive:
        record = archive.read("my_pack-1.2.dist-info/RECORD").decode()
    assert "my_pack/__init__.py,sha256=" in record


def test_the_workbook_wheel_holds_the_reader_side_and_the_content_but_no_server(tmp_path):
    wheel = workbook_wheel(tmp_path, "0.1.0")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read("workbook-0.1.0.dist-info/METADATA").decode()
    assert {"widgets/early.py", "workbook/reader/page.py", "workbook/answers/crypto.py",
            "workbook/bundled/content/catalogue.yml", f"workbook/bundled/notebooks/{SEED}.ipynb",
            "workbook/export/print_page.py", "workbook/templates/home.html.j2"} <= names
    assert not [name for name in names if name.startswith(("workbook/server/", "workbook/static_edition/"))]
    assert not [name for name in names if "__pycache__" in name]
    for need in WORKBOOK_NEEDS:
        assert f"Requires-Dist: {need}\n" in metadata


def test_a_source_release_is_repacked_as_a_pure_wheel(tmp_path):
    sdist = tmp_path / "thing-1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name, text in (("thing-1.0/src/thing/__init__.py", b"from ._speedups import x\n"),
                           ("thing-1.0/src/thing/_speedups.c", b"int x;"),
                           ("thing-1.0/setup.py", b"")):
            info = tarfile.TarInfo(name)
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
    wheel = repack(sdist, "src/thing", "thing", "1.0", tmp_path / "out")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "thing/__init__.py" in names
    assert not [name for name in names if name.endswith((".c", "setup.py"))]


def test_early_copies_are_keyed_by_order_in_static_mode_and_by_model_id_when_served(monkeypatch):
    served = w.Textarea()
    assert field_key(served) == served.model_id
    monkeypatch.setenv("WORKBOOK_STATIC", "1")
    first, second = w.Textarea(), w.Text()
    keys = field_key(first), field_key(second)
    assert keys[0].startswith("s") and int(keys[1][1:]) == int(keys[0][1:]) + 1
    assert field_key(first) == keys[0], "a widget keeps its key"
    copy = early_copy(w.VBox([first, second]))
    assert f'data-wb-model="{keys[0]}"' in copy and f"wb-m-{keys[0]}" in first._dom_classes


def test_no_survey_in_the_static_edition(workbook, monkeypatch):
    shown = []
    monkeypatch.setattr(page_module, "display", lambda obj, **_kw: shown.append(obj))
    monkeypatch.setenv("WORKBOOK_STATIC", "1")
    page = ModulePage(SEED, workbook)
    page.show()
    assert not hasattr(page, "survey"), "nothing could keep a survey's answers"
    monkeypatch.delenv("WORKBOOK_STATIC")
    served = ModulePage(SEED, workbook)
    served.show()
    assert served.survey is not None


def test_the_workbook_wheel_carries_the_content_in_force(tmp_path, monkeypatch):
    """An edition's (or any configured) content is what the browser's copy reads."""
    adapted = tmp_path / "adapted"
    shutil.copytree(PROJECT / "content", adapted)
    (adapted / "catalogue.yml").write_text(
        (adapted / "catalogue.yml").read_text(encoding="utf-8") + "\n# adapted for the group\n",
        encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(adapted))
    with zipfile.ZipFile(workbook_wheel(tmp_path, "0.1.0")) as archive:
        catalogue = archive.read("workbook/bundled/content/catalogue.yml").decode()
    assert catalogue.endswith("# adapted for the group\n")


def test_broken_content_is_reported_and_nothing_is_built(tmp_path, monkeypatch, capsys):
    from workbook.cli import main

    broken = tmp_path / "content"
    shutil.copytree(PROJECT / "content", broken)
    module = broken / SEED / "module.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(broken))
    assert main(["build-static", "-o", str(tmp_path / "site"), "--tools-python", "/nowhere"]) == 1
    said = capsys.readouterr().err
    assert "module.yml" in said and "The static edition was not built" in said
    assert not (tmp_path / "site").exists()
