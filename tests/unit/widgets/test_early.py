"""Early copies (widgets/early.py): plain HTML forms sent with the page, built from the widgets."""

from __future__ import annotations

import ipywidgets as w
import pytest
from bs4 import BeautifulSoup

from tests.conftest import SEED
from tests.payloads import PAYLOADS
from widgets.base import text_box
from widgets.early import EARLY_MIME, early_bundle, early_copy
from widgets.widget_choices import ChoiceGroups
from widgets.widget_cycle import CycleDiagram
from workbook.answers.device import DeviceStorage
from workbook.reader import page as page_module
from workbook.reader.page import ModulePage
from workbook.server.app import inline_assets


def parsed(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


@pytest.fixture
def bundles(monkeypatch):
    """What a module page displays, as display data."""
    shown = []
    monkeypatch.setattr(page_module, "display",
                        lambda obj, raw=False: shown.append(obj) if raw else None)
    return shown


def test_every_exercise_comes_with_a_copy_that_takes_input(workbook, seed, bundles):
    page = ModulePage(SEED, workbook)
    page.show()
    copies = [parsed(bundle[EARLY_MIME]) for bundle in bundles if EARLY_MIME in bundle]
    exercises = [tag for copy in copies for tag in copy.select(".wb-exercise")]
    assert len(exercises) == len(seed.exercises)
    for exercise in exercises:
        assert exercise.select("textarea, input, summary"), exercise.get("class")
    for widget in page.exercises.values():
        for part in walk(widget):
            if isinstance(part, w.Textarea):
                assert f"wb-m-{part.model_id}" in part._dom_classes, "early.js finds the real box"
                copy = next(c for c in copies if c.select_one(f'[data-wb-model="{part.model_id}"]'))
                box = copy.select_one(f'[data-wb-model="{part.model_id}"]')
                assert box.name == "textarea"
                assert f"m:{part.model_id}" in copy.select_one(".wb-early")["data-wb-wait"].split()
                label = copy.select_one(f'label[for="{box["id"]}"]')
                assert label.get_text() == part.description
    assert all(button.has_attr("disabled") for copy in copies for button in copy.select("button"))


def test_copies_wait_for_our_anywidgets_by_name(workbook, bundles):
    page = ModulePage(SEED, workbook)
    page.show()
    waits = " ".join(parsed(b[EARLY_MIME]).select_one(".wb-early")["data-wb-wait"]
                     for b in bundles if EARLY_MIME in b)
    names = [part.name for widget in page.exercises.values() for part in walk(widget)
             if isinstance(part, (ChoiceGroups, CycleDiagram))]
    assert names
    for name in names:
        assert f"a:{name}" in waits.split()


def test_hidden_sections_stay_hidden_and_passphrases_stay_empty(workbook, bundles):
    page = ModulePage(SEED, workbook)
    page.show()
    panel = parsed(early_copy(page.answers_panel))
    hidden = [tag for tag in panel.select(".wb-answers-section") if tag.has_attr("hidden")]
    shown = [part for part in walk(page.answers_panel)
             if "wb-answers-section" in getattr(part, "_dom_classes", ()) and part.layout.display == "none"]
    assert len(hidden) == len(shown) > 0
    for box in panel.select("input[type=password]"):
        assert box["value"] == ""


def test_invisible_widgets_have_no_copy():
    assert early_copy(DeviceStorage()) == ""
    assert EARLY_MIME not in early_bundle(DeviceStorage())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_any_widget_stays_text(payload):
    box = text_box(payload, payload)
    box.value = payload
    button = w.Button(description=payload)
    choices = ChoiceGroups(name="wb-x", groups=[{"id": "g", "legend": payload}],
                           options=[{"id": "o", "label": payload}])
    cycle = CycleDiagram(name="wb-y", label=payload, notes_label=payload,
                         stages=[{"id": "s", "title": payload, "html": "<p>ours</p>"}])
    cycle.notes = {"s": payload}
    copy = parsed(early_copy(w.VBox([box, button, choices, cycle])))
    assert copy.find_all(["script", "iframe", "img", "svg", "math", "video", "marquee", "body"]) == []
    for tag in copy.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
    assert [t.get_text() for t in copy.select("textarea")] == [box.value, cycle.notes["s"]]
    assert copy.select_one("label").get_text() == payload
    assert copy.select_one("button").get_text() == payload
    assert copy.select_one("legend").get_text() == payload
    assert copy.select_one("summary").get_text() == f"1. {payload}"


def test_inline_assets_cannot_end_their_element(monkeypatch, tmp_path):
    assert set(inline_assets()) == {"workbook.css", "workbook.js", "early.js", "attach.js", "reconnect.js"}
    (tmp_path / "workbook.css").write_text("a::after { content: '</style>'; }", encoding="utf-8")
    (tmp_path / "workbook.js").write_text("", encoding="utf-8")
    (tmp_path / "early.js").write_text("", encoding="utf-8")
    (tmp_path / "reconnect.js").write_text("", encoding="utf-8")
    (tmp_path / "attach.js").write_text("", encoding="utf-8")
    monkeypatch.setattr("workbook.server.additions.TEMPLATE_STATIC", tmp_path)
    with pytest.raises(ValueError, match="workbook.css"):
        inline_assets()
