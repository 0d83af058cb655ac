"""The content schema accepts the real content and rejects broken files with a clear message."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import SEED, catalogue_module_ids, raw_exercises, raw_module
from tests.content_jargon import JARGON
from workbook.content.load import DEFAULT_CONTENT, ContentError, load_workbook_uncached
from workbook.content.schema import EXERCISE_KINDS


def test_the_workbook_holds_the_catalogue_modules_in_its_order(workbook):
    assert list(workbook.modules) == catalogue_module_ids()
    for module in workbook.modules.values():
        assert module.meta.title and module.meta.summary and module.chapters


def test_seed_module_is_complete(seed):
    assert seed.ready
    assert [c.id for c in seed.chapters] == [chapter["id"] for chapter in raw_module(SEED)["chapters"]]
    kinds = {exercise.kind for exercise in seed.exercises}
    assert kinds == set(EXERCISE_KINDS) - {"timeline"}
    assert seed.meta.references


def test_every_exercise_kind_is_used(workbook):
    used = {exercise.kind for module in workbook.modules.values() for exercise in module.exercises}
    assert used == set(EXERCISE_KINDS)


# The seed exercises the issue asks for, and the list each one is built from.
ISSUE_EXERCISES = {"scc-different-approaches": "items", "scc-approaches-reflection": "questions",
                   "scc-my-stages": "rows", "scc-justifications": "examples",
                   "scc-childs-perspective": "questions", "scc-reflection": "questions",
                   "scc-grooming-cycle": "stages"}


def test_seed_exercises_match_the_issue_and_their_front_matter(seed):
    """Counts and labels come from the chapter files, so a trainer's edit there changes nothing here."""
    written = {exercise["id"]: exercise for exercise in raw_exercises(DEFAULT_CONTENT / SEED)}
    loaded = {exercise.id: exercise for exercise in seed.exercises}
    assert set(loaded) == set(written)
    for exercise_id, field in ISSUE_EXERCISES.items():
        assert written[exercise_id][field], (exercise_id, field)
    for exercise_id, exercise in written.items():
        for field, entries in exercise.items():
            if isinstance(entries, list):
                read = getattr(loaded[exercise_id], field)
                assert len(read) == len(entries), (exercise_id, field)
                for entry, model in zip(entries, read, strict=True):
                    for key, value in (entry.items() if isinstance(entry, dict) else ()):
                        if isinstance(value, str):
                            assert getattr(model, key) == value, (exercise_id, field, key)


def test_attributions_are_right(seed):
    text = " ".join(block[1] if block[0] == "markdown" else block[1].model_dump_json()
                    for chapter in seed.chapters for block in chapter.blocks)
    text += " ".join(seed.meta.references)
    assert re.search(r"Triple A[^.]*Cooper[^.]*1998|Cooper[^.]*1998[^.]*Triple A", text)
    assert re.search(r"[Dd]eceptive trust development[^.]*Lorenzo-Dus|Lorenzo-Dus[^.]*deceptive trust", text)
    assert "15A" in text and "2017" in text


def test_in_preparation_modules_list_chapters_without_files(content_copy):
    folder = content_copy / "fantasy"
    for chapter in folder.glob("*.md"):
        chapter.unlink()
    edit_yaml(folder / "module.yml", lambda d: d.update(status="in-preparation"))
    module = load_workbook_uncached(content_copy).module("fantasy")
    assert not module.ready and module.chapters
    assert all(chapter.blocks == () for chapter in module.chapters)


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def edit_front_matter(path, change):
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    change(data)
    path.write_text("---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body, encoding="utf-8")


def break_exercise(field, value, index=0):
    def change(data):
        data["exercises"][index][field] = value
    return change


CASES = [
    ("missing title", "module.yml", lambda d: d.pop("title"), "'title' is missing", "Add a line"),
    ("misspelt field", "module.yml", lambda d: d.update(titel="x"), "'titel'", "Check its spelling"),
    ("bad status", "module.yml", lambda d: d.update(status="done"), "'status' cannot be 'done'", "'ready'"),
    ("bad chapter id", "module.yml", lambda d: d["chapters"][0].update(id="Bad Id"),
     "'Bad Id' cannot be used as an id", "lower-case letters"),
    ("wrong module id", "module.yml", lambda d: d.update(id="other"), f"should be '{SEED}'", "folder's name"),
    ("unknown related", "module.yml", lambda d: d.update(related=["nowhere"]), "related: 'nowhere'",
     "not a module id"),
    ("unknown kind", "different-stages.md", break_exercise("kind", "quiz"), ", line ",
     "'quiz' is not a kind of exercise"),
    ("scale of two", "what-it-means.md", break_exercise("scale", ["a", "b"]),
     "'scale'", "at least 3"),
    ("text not a list", "reflection.md", break_exercise("questions", "why?"),
     "'questions'", "should be a list"),
]


@pytest.mark.parametrize(("name", "filename", "change", "where", "expected"), CASES,
                         ids=[case[0] for case in CASES])
def test_broken_files_name_file_field_and_expectation(content_copy, name, filename, change, where,
                                                     expected):
    path = content_copy / SEED / filename
    (edit_yaml if filename.endswith(".yml") else edit_front_matter)(path, change)
    with pytest.raises(ContentError) as caught:
        load_workbook_uncached(content_copy)
    message = str(caught.value)
    assert str(path) in message or str(path.parent) in message
    assert where in message
    assert expected in message
    assert re.search(r"\.(yml|md), line \d+: ", message), "every schema mistake names its line"
    assert not [word for word in JARGON if word in message], message


def test_yaml_syntax_error_names_the_line(content_copy):
    path = content_copy / SEED / "module.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "summary: [unclosed")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError, match=r"module\.yml, line 3: A bracket \(\[ or \{\) opened here is"):
        load_workbook_uncached(content_copy)


def test_exercise_placed_nowhere_or_unknown(content_copy):
    path = content_copy / SEED / "different-stages.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("```{exercise} scc-my-stages", "```{exercise} scc-nowhere"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="exercise 'scc-nowhere' is not defined"):
        load_workbook_uncached(content_copy)
    path.write_text(text.replace("```{exercise} scc-my-stages\n```", ""), encoding="utf-8")
    with pytest.raises(ContentError, match="'scc-my-stages' is defined but not placed"):
        load_workbook_uncached(content_copy)


def test_chapter_headings_must_sit_below_the_chapter_title(content_copy):
    path = content_copy / SEED / "reflection.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Too big\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"reflection\.md, line \d+: .*use ### or ####"):
        load_workbook_uncached(content_copy)


def test_missing_chapter_file_and_duplicate_exercise_ids(content_copy):
    (content_copy / SEED / "reflection.md").rename(content_copy / "stray.md")
    with pytest.raises(ContentError, match="chapter 'reflection' is listed in module.yml but its file"):
        load_workbook_uncached(content_copy)


def test_exercise_ids_unique_across_modules(content_copy):
    path = content_copy / SEED / "reflection.md"
    edit_front_matter(path, break_exercise("id", "scc-my-stages"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{exercise} scc-reflection", "{exercise} scc-my-stages"), encoding="utf-8")
    with pytest.raises(ContentError, match="exercise id 'scc-my-stages' is already used in"):
        load_workbook_uncached(content_copy)


def test_catalogue_must_list_every_module_once(content_copy):
    def drop_one(catalogue):  # from a group that keeps others, so only the missing module is wrong
        next(group for group in catalogue["groups"] if len(group["modules"]) > 1)["modules"].pop(0)

    edit_yaml(content_copy / "catalogue.yml", drop_one)
    with pytest.raises(ContentError, match="is not listed in any group"):
        load_workbook_uncached(content_copy)


def test_support_links_are_checked(content_copy):
    edit_yaml(content_copy / "support.yml", lambda d: d["channels"][0].update(href="javascript:x"))
    with pytest.raises(ContentError, match=r"support\.yml, line \d+: 'href' is not written in the expected"):
        load_workbook_uncached(content_copy)


def test_not_utf8_and_not_a_mapping(content_copy):
    (content_copy / SEED / "module.yml").write_bytes(b"title: \xff\xfe")
    with pytest.raises(ContentError, match="not saved as UTF-8 text"):
        load_workbook_uncached(content_copy)
    (content_copy / SEED / "module.yml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ContentError, match="Expected `field: value` lines"):
        load_workbook_uncached(content_copy)


def test_the_readable_workbook_is_read_again_when_a_content_file_changes(tmp_path):
    """Kept between pages (and shared by forked kernels) only while no file has changed."""
    import os
    import shutil

    from tests.conftest import PROJECT
    from workbook.content.load import load_readable_workbook

    root = tmp_path / "content"
    shutil.copytree(PROJECT / "content", root)
    first = load_readable_workbook(root)
    assert load_readable_workbook(root) is first
    catalogue = root / "catalogue.yml"
    os.utime(catalogue, ns=(catalogue.stat().st_atime_ns, catalogue.stat().st_mtime_ns + 10**9))
    again = load_readable_workbook(root)
    assert again is not first and again.modules.keys() == first.modules.keys()
