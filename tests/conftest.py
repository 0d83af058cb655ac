"""Fixtures every test scope shares: the real content, and adaptable copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

from workbook.config import CHANNEL
from workbook.content.load import DEFAULT_CONTENT, load_workbook_uncached

PROJECT = Path(__file__).resolve().parent.parent
SEED = "sexual-communication-with-children-online"

# Generated tests run a few hundred examples in the fast loop and the full strength under CI
# and `make test` (which passes --hypothesis-profile=ci).
_GENERATED = dict(deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("dev", max_examples=300, **_GENERATED)
settings.register_profile("ci", max_examples=10_000, **_GENERATED)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def catalogue_module_ids(content: Path = DEFAULT_CONTENT) -> list[str]:
    """The module ids catalogue.yml lists, read as plain YAML (not through the loader)."""
    catalogue = yaml.safe_load((content / "catalogue.yml").read_text(encoding="utf-8"))
    return [module_id for group in catalogue["groups"] for module_id in group["modules"]]


def raw_module(module_id: str, content: Path = DEFAULT_CONTENT) -> dict:
    return yaml.safe_load((content / module_id / "module.yml").read_text(encoding="utf-8"))


def raw_exercises(folder: Path) -> list[dict]:
    """Every exercise as the front matter of the folder's chapter files writes it, in file order."""
    found = []
    for path in sorted(folder.glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
        found += (yaml.safe_load(front) or {}).get("exercises", [])
    return found


@pytest.fixture(autouse=True)
def no_kernel_channel(monkeypatch):
    """Each test starts without the settings a server hands its kernels (a started app sets them)."""
    monkeypatch.setenv(CHANNEL, "")


@pytest.fixture(scope="session")
def workbook():
    return load_workbook_uncached(DEFAULT_CONTENT)


@pytest.fixture(scope="session")
def seed(workbook):
    return workbook.module(SEED)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of content/ that a test may change, as a trainer would."""
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster on 127.0.0.1 (tests/components.py), for the whole run."""
    from tests.components import Postgres

    try:
        cluster = Postgres()
    except RuntimeError as error:
        pytest.fail(str(error))
    yield cluster
    cluster.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright, one for the whole run (tests/browser and
    tests/deploy share it: Playwright's sync API allows one at a time)."""
    from tests.browser.serving import CHROMIUM
    from workbook.export.printer import CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
