"""content/plan.yml: the sections of My plan and the exercises that feed them."""

from __future__ import annotations

import re

import pytest
import yaml

from workbook.cli import main
from workbook.content.load import ContentError, load_workbook_uncached


def edit_plan(content, change):
    path = content / "plan.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_the_plan_has_its_sections_and_every_feed_exists(workbook):
    plan = workbook.plan
    ids = [section.id for section in plan.sections]
    assert ids == ["reasons", "warning-signs", "triggers", "excuses", "instead", "contacts",
                   "self-care", "next-steps"]
    assert all(section.feeds for section in plan.sections)
    feed = workbook.plan.sections[0].feeds[0]
    assert feed.exercise in [ex.id for ex in workbook.module(feed.module).exercises]


@pytest.mark.parametrize("change, words", [
    (lambda d: d["sections"][0]["feeds"].append({"module": "triggers", "exercise": "no-such-thing"}),
     "exercise 'no-such-thing', but module 'triggers' has no exercise with that id"),
    (lambda d: d["sections"][0]["feeds"].append({"module": "nowhere", "exercise": "trg-decisions"}),
     "module 'nowhere', but there is no module with that id"),
    (lambda d: d["sections"][1]["feeds"].append(
        {"module": "triggers", "exercise": "trg-trigger-map", "fields": ["moods"]}),
     "exercise 'trg-trigger-map' has no field 'moods' (it has: feelings, thoughts"),
    (lambda d: d["sections"][1]["feeds"].append({"module": "triggers", "exercise": "trg-rating-end"}),
     "is a rating, and a plan can only take written answers"),
    (lambda d: d["sections"].append(dict(d["sections"][0])), "section id 'reasons' is used twice"),
    (lambda d: d["sections"][0].pop("title"), "'title' is missing. Add a line `title: ...`"),
])
def test_a_broken_plan_is_reported_in_plain_words(content_copy, change, words):
    edit_plan(content_copy, change)
    with pytest.raises(ContentError, match="plan.yml") as caught:
        load_workbook_uncached(content_copy)
    assert words in str(caught.value)


def test_workbook_check_names_the_missing_exercise(content_copy, capsys):
    edit_plan(content_copy, lambda d: d["sections"][2]["feeds"].append(
        {"module": "fantasy", "exercise": "fan-gone"}))
    assert main(["check", "--content", str(content_copy)]) == 1
    assert "section 'triggers' takes answers from exercise 'fan-gone'" in capsys.readouterr().err


def test_feeds_from_a_module_in_preparation_wait_until_it_is_ready(content_copy):
    folder = content_copy / "fantasy"
    for chapter in folder.glob("*.md"):
        chapter.unlink()
    path = folder / "module.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["status"] = "in-preparation"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert load_workbook_uncached(content_copy).plan is not None


def test_content_without_a_plan_still_loads(content_copy):
    (content_copy / "plan.yml").unlink()
    assert load_workbook_uncached(content_copy).plan is None


def test_the_plan_is_in_plain_words(workbook, capsys):
    from workbook.content.quality import MINIMUM_EASE, plan_scores

    [score] = plan_scores(workbook.plan)
    assert score.words > 200 and score.ease >= MINIMUM_EASE
    main(["quality", "--content", str(workbook.root)])
    assert re.search(r"my-plan +plan +\d+ +\d", capsys.readouterr().out)
