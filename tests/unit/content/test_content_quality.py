"""Every module is written in full: plain English, a rating at both ends, references."""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT, catalogue_module_ids, raw_exercises
from workbook.cli import main
from workbook.content.load import DEFAULT_CONTENT
from workbook.content.quality import MINIMUM_EASE, module_scores

MODULES = sorted(p.parent.name for p in DEFAULT_CONTENT.glob("*/module.yml"))


def test_every_module_folder_is_in_the_catalogue_and_ready(workbook):
    assert sorted(catalogue_module_ids()) == MODULES
    assert sorted(workbook.modules) == MODULES
    assert [m.id for m in workbook.modules.values() if not m.ready] == []


@pytest.mark.parametrize("module_id", MODULES)
def test_every_chapter_reads_easily(workbook, module_id):
    low = [(s.chapter_id, s.ease) for s in module_scores(workbook.module(module_id)) if s.ease < MINIMUM_EASE]
    assert low == []


@pytest.mark.parametrize("module_id", MODULES)
def test_module_opens_and_closes_with_the_same_self_rating(workbook, module_id):
    module = workbook.module(module_id)
    first = [ex for ex in module.chapters[0].exercises if ex.kind == "rating"]
    last = [ex for ex in module.chapters[-1].exercises if ex.kind == "rating"]
    assert first and last, "a 1-3 starting point at the start, repeated in the reflection"
    assert first[0].id != last[-1].id
    assert [s.text for s in first[0].statements] == [s.text for s in last[-1].statements]
    assert first[0].scale == last[-1].scale


@pytest.mark.parametrize("module_id", MODULES)
def test_module_ends_with_references_and_related_modules(workbook, module_id):
    module = workbook.module(module_id)
    assert module.meta.references
    assert module.meta.related and module_id not in module.meta.related


def test_every_chapter_has_prose_exercises_and_notes(workbook):
    for module in workbook.modules.values():
        assert module.exercises, module.id
        for chapter in module.chapters:
            assert any(kind == "markdown" for kind, _ in chapter.blocks), (module.id, chapter.id)
            assert chapter.front.facilitator_notes and chapter.front.minutes, (module.id, chapter.id)


def test_content_quality_doc_is_up_to_date(capsys):
    assert main(["quality", "--markdown"]) == 0
    assert capsys.readouterr().out == (PROJECT / "docs" / "content-quality.md").read_text(encoding="utf-8")


def test_exercise_ids_are_unique_across_the_content_files():
    """Read from every chapter's front matter directly; the loader's own refusal is tested elsewhere."""
    ids = [exercise["id"] for module_id in MODULES for exercise in raw_exercises(DEFAULT_CONTENT / module_id)]
    assert ids and sorted({name for name in ids if ids.count(name) > 1}) == []
