"""Fixtures every test scope shares: the real content, and adaptable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbook.config import CHANNEL
from workbook.content.load import DEFAULT_CONTENT, load_workbook_uncached

PROJECT = Path(__file__).resolve().parent.parent
SEED = "sexual-communication-with-children-online"


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
