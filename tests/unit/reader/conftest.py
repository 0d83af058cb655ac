"""Fixtures the reader-page tests share."""

from __future__ import annotations

import pytest

from workbook.reader import page as page_module


@pytest.fixture
def shown(monkeypatch):
    """Collect what a page displays instead of sending it to a front end."""
    outputs = []
    monkeypatch.setattr(page_module, "display",
                        lambda obj, **_kwargs: outputs.append(getattr(obj, "data", obj)))
    return outputs
