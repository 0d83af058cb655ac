"""Fixtures the unit tests share."""

from __future__ import annotations

import pytest


@pytest.fixture
def exercises(workbook):
    """One exercise definition of each kind, from the real content."""
    found = {}
    for module in workbook.modules.values():
        for exercise in module.exercises:
            found.setdefault(exercise.kind, exercise)
    return found
