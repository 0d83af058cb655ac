"""Fixtures every test scope shares: the real content, and adaptable copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from workbook.content.load import DEFAULT_CONTENT, load_workbook_uncached

PROJECT = Path(__file__).resolve().parent.parent
SEED = "sexual-communication-with-children-online"

# Generated tests run a few hundred examples in the fast loop and the full strength under CI
# and `make test` (which passes --hypothesis-profile=ci).
_GENERATED = dict(deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("dev", max_examples=300, **_GENERATED)
settings.register_profile("ci", max_examples=10_000, **_GENERATED)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
