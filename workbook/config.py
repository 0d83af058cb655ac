"""The workbook's settings in one place: `WorkbookConfig`.

Each setting is looked up, first found wins, in: a value set on the object (a CLI flag, a
traitlets config file, `--WorkbookConfig.content_dir=...`); the server's settings handed to its
kernels in $WORKBOOK_CONFIG; the documented environment variables ($WORKBOOK_CONTENT,
$WORKBOOK_EDITION, $WORKBOOK_SURVEY_DB, $WORKBOOK_CHROMIUM); the built-in default. Nothing else
in the package reads these variables.

An edition (a trainer's adapted copy, see workbook/edition.py) is a folder holding `edition.yml`,
`content/` and `notebooks/`. With no setting, `edition_dir` is the first folder from the working
directory upwards that holds `edition.yml` (so a kernel JupyterLab starts in the edition's
notebooks/ finds it). When an edition is in force, its content/ and notebooks/ take the place of
the built-in defaults only: every earlier source above still wins.

Kernels are separate processes: `share_with_kernels()` writes the whole configuration as JSON
into the one variable $WORKBOOK_CONFIG, which kernels inherit and read back.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib.resources import files
from pathlib import Path

import platformdirs
from traitlets import Unicode, default, validate
from traitlets.config import Configurable

CHANNEL = "WORKBOOK_CONFIG"
ENVIRONMENT = {"content_dir": "WORKBOOK_CONTENT", "edition_dir": "WORKBOOK_EDITION",
               "survey_db_url": "WORKBOOK_SURVEY_DB", "chromium": "WORKBOOK_CHROMIUM"}
SETTINGS = ("content_dir", "notebooks_dir", "edition_dir", "survey_db_url", "chromium")
MARKER = "edition.yml"


def edition_around(folder: Path) -> Path | None:
    """The first folder from `folder` upwards that holds an edition's marker file, if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / MARKER).is_file():
            return candidate
    return None


def bundled_folder(name: str) -> Path:
    """`content` or `notebooks`: inside the installed package (workbook/bundled/), or at the top
    of the checkout the package was imported from (an editable install, or PYTHONPATH)."""
    package = Path(str(files("workbook")))
    installed, checkout = package / "bundled" / name, package.parent / name
    if not installed.is_dir() and (package.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return installed


def content_missing(folder: Path) -> str:
    """One plain sentence on a content folder that does not exist."""
    if Path(folder) == bundled_folder("content"):
        return ("this installation has no content folder; reinstall the package "
                "(pip install .) or name a folder with --content or $WORKBOOK_CONTENT")
    return ("content folder not found; name an existing folder with --content, "
            "--WorkbookConfig.content_dir or $WORKBOOK_CONTENT")


def absolute(folder: str) -> str:
    """`folder` made absolute against the working directory ('' stays '')."""
    return str(Path(folder).expanduser().resolve()) if folder else folder


def from_channel() -> dict:
    """The settings the server handed to this process's kernel ({} outside a kernel)."""
    text = os.environ.get(CHANNEL, "")
    if not text.strip():
        return {}
    try:
        settings = json.loads(text)
    except json.JSONDecodeError:
        settings = None
    if not isinstance(settings, dict):
        raise ValueError(f"${CHANNEL} should hold the workbook's settings as a JSON object")
    return settings


class WorkbookConfig(Configurable):
    """Where the workbook's content, notebooks, survey database and Chromium are."""

    content_dir = Unicode(
        help="Folder of the workbook's content (module text and exercises). Default: "
        "$WORKBOOK_CONTENT, else the edition's content/ (see edition_dir), else the content/ "
        "folder that comes with the package.",
    ).tag(config=True)
    notebooks_dir = Unicode(
        help="Folder of the notebooks the server serves. Default: the edition's notebooks/ (see "
        "edition_dir), else the notebooks/ folder that comes with the package.",
    ).tag(config=True)
    edition_dir = Unicode(
        help="Folder of an adapted edition (edition.yml, content/, notebooks/) that the commands, "
        "the server and the notebooks follow. Default: $WORKBOOK_EDITION, else the first folder "
        "from the working directory upwards that holds edition.yml, else none (the original).",
    ).tag(config=True)
    survey_db_url = Unicode(
        help="SQLAlchemy URL of the anonymous survey's database (a PostgreSQL URL works). Default: "
        "$WORKBOOK_SURVEY_DB, else a SQLite file in this user's data folder, outside every served folder.",
    ).tag(config=True)
    chromium = Unicode(
        help="Chromium executable that prints PDFs. Default: $WORKBOOK_CHROMIUM, else `chromium` "
        "(or `chromium-browser`) on the PATH.",
    ).tag(config=True)

    def _inherited(self, name: str) -> str:
        """The kernel channel's value, else the environment variable's, else ''."""
        value = from_channel().get(name)
        if value:
            return str(value)
        return os.environ.get(ENVIRONMENT.get(name, ""), "")

    def _edition_folder(self, name: str) -> str:
        """`name` (content or notebooks) inside the edition in force, '' without one."""
        return str(Path(self.edition_dir) / name) if self.edition_dir else ""

    @default("edition_dir")
    def _default_edition_dir(self):
        found = self._inherited("edition_dir")
        if found:
            return absolute(found)
        try:
            around = edition_around(Path.cwd().resolve())
        except OSError:  # the working directory was removed
            around = None
        return str(around) if around else ""

    @default("content_dir")
    def _default_content_dir(self):
        return (absolute(self._inherited("content_dir")) or self._edition_folder("content")
                or str(bundled_folder("content")))

    @default("notebooks_dir")
    def _default_notebooks_dir(self):
        return (absolute(self._inherited("notebooks_dir")) or self._edition_folder("notebooks")
                or str(bundled_folder("notebooks")))

    @default("survey_db_url")
    def _default_survey_db_url(self):
        folder = Path(platformdirs.user_data_dir("csa-prevention-workbook", appauthor=False))
        return self._inherited("survey_db_url") or f"sqlite:///{folder / 'survey.sqlite'}"

    @default("chromium")
    def _default_chromium(self):
        return (self._inherited("chromium") or shutil.which("chromium")
                or shutil.which("chromium-browser") or "")

    @validate("content_dir", "notebooks_dir", "edition_dir")
    def _absolute_folder(self, proposal):
        """Folders are kept absolute, so a kernel (started in another folder) finds the same one."""
        return absolute(proposal["value"])

    @property
    def content_path(self) -> Path:
        return Path(self.content_dir or bundled_folder("content"))

    @property
    def notebooks_path(self) -> Path:
        return Path(self.notebooks_dir or bundled_folder("notebooks"))

    @property
    def edition_path(self) -> Path | None:
        """The edition in force, or None when the original is followed."""
        return Path(self.edition_dir) if self.edition_dir else None

    def follows_edition(self) -> bool:
        """True when the content or notebooks in use are the edition's own."""
        edition = self.edition_path
        return edition is not None and (self.content_path == edition / "content"
                                        or self.notebooks_path == edition / "notebooks")

    def as_json(self) -> str:
        return json.dumps({name: getattr(self, name) for name in SETTINGS}, sort_keys=True)

    def share_with_kernels(self) -> None:
        """Hand these settings to every kernel started from now on (kernels inherit the environment)."""
        os.environ[CHANNEL] = self.as_json()
