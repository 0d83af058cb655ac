"""WorkbookConfig: defaults, the environment, the kernel channel, and plain messages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from traitlets.config import Config

from tests.conftest import PROJECT, SEED
from workbook.cli import main
from workbook.config import CHANNEL, WorkbookConfig, bundled_folder, content_missing
from workbook.content.load import ContentError, content_root, load_workbook_uncached
from workbook.export.exporters import ModuleHTMLExporter
from workbook.export.printer import PrintError, chromium_path

VARIABLES = ("WORKBOOK_CONTENT", "WORKBOOK_EDITION", "WORKBOOK_SURVEY_DB", "WORKBOOK_CHROMIUM")


@pytest.fixture
def clean_environment(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_come_with_the_package(clean_environment):
    config = WorkbookConfig()
    assert config.content_path == PROJECT / "content" == bundled_folder("content")
    assert config.notebooks_path == PROJECT / "notebooks"
    data = Path(platformdirs.user_data_dir("csa-prevention-workbook", appauthor=False))
    assert config.survey_db_url == f"sqlite:///{data / 'survey.sqlite'}"
    assert config.chromium == (shutil.which("chromium") or shutil.which("chromium-browser") or "")


def test_documented_environment_variables(clean_environment, tmp_path):
    clean_environment.chdir(tmp_path)
    clean_environment.setenv("WORKBOOK_CONTENT", "my-group")
    clean_environment.setenv("WORKBOOK_SURVEY_DB", "sqlite:////srv/survey.sqlite")
    clean_environment.setenv("WORKBOOK_CHROMIUM", "/opt/chromium/chrome")
    config = WorkbookConfig()
    assert config.content_path == tmp_path / "my-group", "a relative folder is made absolute"
    assert config.survey_db_url == "sqlite:////srv/survey.sqlite"
    assert config.chromium == "/opt/chromium/chrome"
    assert content_root() == tmp_path / "my-group"


def test_a_value_set_on_it_beats_the_environment(clean_environment, tmp_path):
    clean_environment.setenv("WORKBOOK_CONTENT", str(tmp_path / "from-env"))
    config = WorkbookConfig(config=Config({"WorkbookConfig": {"content_dir": str(tmp_path / "from-config")}}))
    assert config.content_path == tmp_path / "from-config"


def test_kernel_channel_round_trip(clean_environment, tmp_path, content_copy):
    """The server's settings reach a separate process started elsewhere, through one variable."""
    clean_environment.setenv("WORKBOOK_CONTENT", str(tmp_path / "not-this-one"))
    server = WorkbookConfig(content_dir=str(content_copy), survey_db_url="sqlite:////srv/s.sqlite",
                            chromium="/opt/chromium")
    server.share_with_kernels()
    assert json.loads(os.environ[CHANNEL])["content_dir"] == str(content_copy)
    kernel = subprocess.run(
        [sys.executable, "-c", "from workbook.config import WorkbookConfig; "
         "from workbook.content.load import content_root; "
         "print(WorkbookConfig().as_json()); print(content_root())"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(PROJECT)},
        capture_output=True, text=True, check=True)
    settings, root = kernel.stdout.splitlines()
    assert json.loads(settings) == json.loads(server.as_json())
    assert root == str(content_copy)


def test_a_broken_channel_is_named(clean_environment):
    clean_environment.setenv(CHANNEL, "not json")
    with pytest.raises(ValueError, match=r"\$WORKBOOK_CONFIG should hold"):
        WorkbookConfig().content_dir  # noqa: B018


def test_a_missing_content_folder_is_one_plain_line(clean_environment, tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    assert main(["check", "--content", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == (f"content error: {missing}: content folder not found; name an existing "
                   "folder with --content, --WorkbookConfig.content_dir or $WORKBOOK_CONTENT\n")
    clean_environment.setenv("WORKBOOK_CONTENT", str(missing))
    with pytest.raises(ContentError, match="content folder not found"):
        load_workbook_uncached()
    assert "reinstall the package" in content_missing(bundled_folder("content"))


def test_missing_chromium_says_how_to_install_it(clean_environment, tmp_path):
    clean_environment.setenv("PATH", str(tmp_path))
    with pytest.raises(PrintError) as error:
        chromium_path()
    message = str(error.value)
    assert message.startswith("PDF export needs the Chromium browser and none was found on this computer")
    assert "sudo apt install chromium" in message and "\n" not in message


def test_exporters_read_the_content_folder_from_traitlets_config(clean_environment, content_copy):
    module_file = content_copy / SEED / "module.yml"
    module_file.write_text(module_file.read_text(encoding="utf-8").replace(
        "title: Reflection", "title: Looking back together"), encoding="utf-8")
    import nbformat

    notebook = nbformat.read(PROJECT / "notebooks" / f"{SEED}.ipynb", 4)
    config = Config({"WorkbookConfig": {"content_dir": str(content_copy)}})
    html, _ = ModuleHTMLExporter(config=config).from_notebook_node(notebook, {})
    assert "Looking back together" in html
    html, _ = ModuleHTMLExporter().from_notebook_node(notebook, {})
    assert "Looking back together" not in html
