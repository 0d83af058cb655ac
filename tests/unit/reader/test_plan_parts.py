"""Parts of the My plan page: the progress picture, the early copy, carrying lines over to a new
kernel, and the lines taken from each kind of exercise."""

from __future__ import annotations

import json
import re

from tests.payloads import PAYLOADS
from widgets.early import early_copy
from workbook.answers.carry import field_map, put_back
from workbook.answers.document import AnswerBook
from workbook.reader.plan import PlanPage
from workbook.reader.plan_chart import module_ratings, progress_svg
from workbook.reader.plan_feeds import exercise_lines


def rated_book() -> AnswerBook:
    book = AnswerBook()
    book.set_module("triggers", {"trg-starting-point": {"what-triggers-are": 1, "my-triggers": 2},
                                 "trg-rating-end": {"what-triggers-are": 3, "my-triggers": 3}})
    book.set_module("addiction", {"add-starting-point": {"meaning": 2}})
    return book


def test_the_progress_picture_lists_the_numbers_for_screen_readers(workbook):
    rows = {r.title: (r.start, r.end) for r in module_ratings(workbook, rated_book())}
    assert rows == {"Triggers": (1.5, 3.0), "Addiction": (2.0, None)}
    svg = progress_svg(workbook, rated_book())
    label = re.search(r'<svg role="img" aria-label="([^"]+)"', svg).group(1)
    assert "Triggers: start 1.5 of 3, end 3.0 of 3." in label
    assert "Addiction: start 2.0 of 3, end not rated." in label
    assert svg.count("<rect") == 4 and "<script" not in svg
    assert progress_svg(workbook, AnswerBook()) == "", "no picture without ratings"


def test_module_titles_in_the_picture_are_escaped(workbook):
    hostile = workbook.module("triggers").meta.model_copy(update={"title": PAYLOADS[0]})
    module = workbook.modules["triggers"]
    changed = type(module)(meta=hostile, chapters=module.chapters, folder=module.folder)
    patched = type(workbook)(root=workbook.root, catalogue=workbook.catalogue, support=workbook.support,
                             survey=workbook.survey, modules={"triggers": changed}, plan=workbook.plan)
    svg = progress_svg(patched, rated_book())
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_each_section_has_an_early_copy_with_its_line_boxes(workbook):
    page = PlanPage(workbook)
    copy = early_copy(page.exercises["reasons"])
    assert "My reasons to stop: line 1" in copy and "<textarea" in copy
    assert "Add a line" in copy


def test_lines_typed_before_a_lost_connection_are_carried_over(workbook):
    page = PlanPage(workbook)
    page.exercises["instead"].add_line()
    fields = field_map(page.exercises)
    carried = [[exercise, path, f"typed {exercise} {path}"]
               for exercise, _trait, *path in fields.values() if exercise == "instead"]
    fresh = PlanPage(workbook)
    assert put_back(fresh.exercises, json.dumps(carried))
    assert fresh.answers["instead"] == ["typed instead [0]", "typed instead [1]"]
    assert not put_back(fresh.exercises, json.dumps([["instead", [0], {"not": "text"}]]))
    assert fresh.answers["instead"] == ["typed instead [0]", "typed instead [1]"]


def test_each_kind_gives_readable_lines(workbook):
    triggers, addiction = workbook.module("triggers"), workbook.module("addiction")
    table = next(ex for ex in triggers.exercises if ex.id == "trg-trigger-map")
    assert exercise_lines(table, {"feelings": {"triggers": "Lonely", "instead": "Walk"}, "body": {}}, []) == [
        "Feelings: My triggers: Lonely; What I can do instead: Walk"]
    checklist = next(ex for ex in triggers.exercises if ex.id == "trg-warning-signs")
    lines = exercise_lines(checklist, {"sleep": "yes", "mood": "no"}, [])
    assert lines == [checklist.items[0].text]
    responses = next(ex for ex in addiction.exercises if ex.id == "add-excuses")
    assert exercise_lines(responses, [{"left": "a", "right": ""}, {"left": "", "right": ""}], []) == [
        "What I told myself: a"]
    assert exercise_lines(responses, {"not": "a list"}, []) == []
    questions = next(ex for ex in addiction.exercises if ex.id == "add-my-stage")
    assert exercise_lines(questions, {"stage": "x", "one-step": "Call on Monday"}, ["one-step"]) == [
        "Call on Monday"]
    assert exercise_lines(questions, ["a list"], []) == []
