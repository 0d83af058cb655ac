"""Every exercise widget, driven headlessly: answers, load(), limits and hostile values."""

from __future__ import annotations

import json

import pytest

from widgets.base import MAX_TEXT, AnswerError
from widgets.registry import WIDGETS, exercise_widget
from workbook.content.schema import EXERCISE_KINDS


def sample_answers(exercise):
    """Answers a reader might give, built from the definition (no copy of any question)."""
    kind = exercise.kind
    if kind == "rating":
        return {s.id: (i % 3) + 1 for i, s in enumerate(exercise.statements)}
    if kind == "checklist":
        return {item.id: exercise.choices[i % 2].id for i, item in enumerate(exercise.items)}
    if kind == "questions":
        return {q.id: f"answer to {q.id} <b>&amp;</b>" for q in exercise.questions}
    if kind == "table":
        return {row.id: {col.id: f"{row.id}/{col.id}" for col in exercise.columns} for row in exercise.rows}
    if kind == "responses":
        return [{"left": f"thought {n}", "right": f"reply {n}"} for n in range(exercise.min_rows + 2)]
    if kind == "cycle":
        return {stage.id: f"notes on {stage.id}" for stage in exercise.stages}
    if kind == "timeline":
        return {lane.id: [{"when": str(10 + n), "what": f"{lane.id} <event> {n}"} for n in range(2)]
                for lane in exercise.lanes}
    raise AssertionError(kind)


def test_every_kind_has_a_widget():
    assert set(WIDGETS) == set(EXERCISE_KINDS)


@pytest.mark.parametrize("kind", EXERCISE_KINDS)
def test_answers_round_trip_through_json(exercises, kind):
    exercise = exercises[kind]
    source = exercise_widget(exercise)
    source.load(sample_answers(exercise))
    saved = json.loads(json.dumps(source.answers))
    assert saved == sample_answers(exercise)
    restored = exercise_widget(exercise)
    restored.load(saved)
    assert restored.answers == source.answers


@pytest.mark.parametrize("kind", EXERCISE_KINDS)
def test_wrong_types_are_rejected_and_change_nothing(exercises, kind):
    exercise = exercises[kind]
    widget = exercise_widget(exercise)
    widget.load(sample_answers(exercise))
    before = widget.answers
    for bad in (42, "text", None, 1.5):
        with pytest.raises(AnswerError, match=exercise.id):
            widget.load(bad)
    assert widget.answers == before


@pytest.mark.parametrize("kind", ["questions", "table", "responses", "cycle", "timeline"])
def test_overlong_text_is_rejected_by_load(exercises, kind):
    exercise = exercises[kind]
    widget = exercise_widget(exercise)
    answers = sample_answers(exercise)
    long = "x" * (MAX_TEXT + 1)
    if kind == "responses":
        answers[0]["left"] = long
    elif kind == "timeline":
        answers[next(iter(answers))][0]["what"] = long
    elif kind == "table":
        first = next(iter(answers))
        answers[first] = {col: long for col in answers[first]}
    else:
        answers[next(iter(answers))] = long
    with pytest.raises(AnswerError, match="limit is 2000"):
        widget.load(answers)
    assert widget.answers == exercise_widget(exercise).answers


def test_unknown_ids_are_ignored(exercises):
    widget = exercise_widget(exercises["questions"])
    widget.load({"no-such-question": "text"})
    assert set(widget.answers) == {q.id for q in exercises["questions"].questions}


def test_typing_past_the_limit_is_cut_and_said(exercises):
    widget = exercise_widget(exercises["questions"])
    box = next(iter(widget.boxes.values()))
    box.value = "y" * (MAX_TEXT + 500)
    assert len(box.value) == MAX_TEXT
    assert "limited" in box.placeholder


def test_every_text_box_has_a_visible_label(seed):
    for exercise in seed.exercises:
        widget = exercise_widget(exercise)
        for box in getattr(widget, "boxes", {}).values():
            assert box.description
        for box in getattr(widget, "cells", {}).values():
            assert box.description


@pytest.mark.parametrize("kind", ["rating", "checklist"])
def test_choice_values_from_a_client_are_filtered(exercises, kind):
    widget = exercise_widget(exercises[kind])
    first = widget.choices.groups[0]["id"]
    option = widget.choices.options[-1]["id"]
    widget.choices.value = {first: option, "injected": option, widget.choices.groups[1]["id"]: "maybe"}
    assert widget.choices.value == {first: option}
    assert widget.answers[first] is not None
    assert sum(answer is not None for answer in widget.answers.values()) == 1


def test_rating_answers_are_numbers_and_booleans_are_refused(exercises):
    widget = exercise_widget(exercises["rating"])
    statement = exercises["rating"].statements[0].id
    widget.load({statement: 2})
    assert widget.answers[statement] == 2
    with pytest.raises(AnswerError):
        widget.load({statement: True})
    with pytest.raises(AnswerError):
        widget.load({statement: 4})


def test_checklist_refuses_unknown_choice(exercises):
    widget = exercise_widget(exercises["checklist"])
    with pytest.raises(AnswerError, match="not one of the choices"):
        widget.load({exercises["checklist"].items[0].id: "perhaps"})


def test_response_rows_are_added_and_removed(exercises):
    exercise = exercises["responses"]
    widget = exercise_widget(exercise)
    changes = []
    widget.on_change(lambda source: changes.append(source.id))
    assert len(widget.rows) == exercise.min_rows
    widget.add_button.click()
    assert len(widget.rows) == exercise.min_rows + 1
    assert "added" in widget.status.message.value
    widget.rows[0].left.value = "first"
    widget.rows[1].left.value = "second"
    widget.rows[0].remove.click()
    assert [row["left"] for row in widget.answers][:1] == ["second"]
    assert len(widget.rows) == exercise.min_rows
    widget.rows[0].remove.click()
    assert len(widget.rows) == exercise.min_rows, "never fewer rows than min_rows"
    assert changes, "adding, removing and typing tell listeners"


def test_response_rows_stop_at_the_maximum(exercises):
    exercise = exercises["responses"]
    widget = exercise_widget(exercise)
    for _ in range(exercise.max_rows + 3):
        widget.add_button.click()
    assert len(widget.rows) == exercise.max_rows
    assert widget.add_button.disabled
    with pytest.raises(AnswerError, match="rows; the limit"):
        widget.load([{"left": "a", "right": "b"}] * (exercise.max_rows + 1))


def test_response_examples_are_escaped(exercises):
    widget = exercise_widget(exercises["responses"])
    examples_html = widget.children[1].value
    assert "<table" in examples_html
    for example in exercises["responses"].examples:
        assert example.left.replace("'", "&#39;").replace('"', "&#34;") in examples_html


def test_cycle_stage_opens_and_hostile_notes_are_cleaned(exercises):
    exercise = exercises["cycle"]
    widget = exercise_widget(exercise)
    stage = exercise.stages[1].id
    widget.open_stage(stage)
    assert widget.diagram.open_stage == stage
    widget.diagram.open_stage = "not-a-stage"
    assert widget.diagram.open_stage == ""
    widget.diagram.notes = {stage: "z" * (MAX_TEXT + 10), "evil": "x", exercise.stages[0].id: 5}
    assert widget.diagram.notes == {stage: "z" * MAX_TEXT}
    assert all("<script" not in s["html"] for s in widget.diagram.stages)


def test_table_cells_are_labelled_by_row_and_column(workbook):
    tables = [ex for m in workbook.modules.values() for ex in m.exercises if ex.kind == "table"]
    assert {len(ex.columns) == 1 for ex in tables} == {True, False}, "both layouts are in use"
    for exercise in tables:
        labels = [box.description for box in exercise_widget(exercise).cells.values()]
        if len(exercise.columns) == 1:
            assert labels == [row.label for row in exercise.rows]
        else:
            assert labels == [f"{row.label}: {col.label}"
                              for row in exercise.rows for col in exercise.columns]


def test_table_shows_each_row_hint_once_beside_its_label_not_in_every_box(workbook):
    tables = [ex for m in workbook.modules.values() for ex in m.exercises if ex.kind == "table"]
    hinted = [ex for ex in tables if len(ex.columns) > 1 and any(row.hint for row in ex.rows)]
    assert hinted, "the content has a table with several columns and row hints"
    for exercise in hinted:
        widget = exercise_widget(exercise)
        assert all(box.placeholder == "" for box in widget.cells.values())
        for row in exercise.rows:
            heads = [c for c in widget.children if "wb-table-row" in getattr(c, "_dom_classes", ())]
            head = next(h.children[0].value for h in heads
                        if h.children[1] is widget.cells[(row.id, exercise.columns[0].id)])
            assert row.label in head
            if row.hint:
                assert head.count(row.hint.replace("'", "&#39;").replace('"', "&#34;")) == 1


def test_timeline_events_are_added_removed_and_drawn_escaped(exercises):
    exercise = exercises["timeline"]
    widget = exercise_widget(exercise)
    lane = exercise.lanes[0].id
    widget.add_buttons[lane].click()
    widget.add_buttons[lane].click()
    first, second = widget.events(lane)
    first.when.value, first.what.value = "12", "moved <school>"
    second.when.value, second.what.value = "9", "a new sister"
    picture = widget.picture.value
    assert "moved &lt;school&gt;" in picture and "<school>" not in picture
    assert picture.index("a new sister") < picture.index("moved"), "listed in time order"
    assert 'cx="120.0"' in picture, "the earliest event sits at the start of the line"
    first.remove.click()
    assert widget.answers[lane] == [{"when": "9", "what": "a new sister"}]
    for _ in range(exercise.max_events + 2):
        widget.add_buttons[lane].click()
    assert len(widget.events(lane)) == exercise.max_events
    assert widget.add_buttons[lane].disabled


def focus_requests(widget) -> list:
    """Record the focus requests sent to `widget`'s view."""
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    return sent


def test_a_removed_row_can_be_put_back_in_its_place(exercises):
    exercise = exercises["responses"]
    widget = exercise_widget(exercise)
    while len(widget.rows) < 3:
        widget.add_button.click()
    for n, row in enumerate(widget.rows[:3]):
        row.left.value, row.right.value = f"thought {n}", f"reply {n}"
    undo = widget.status.button
    focused = focus_requests(undo)
    widget.rows[1].remove.click()
    assert [row["left"] for row in widget.answers][:2] == ["thought 0", "thought 2"]
    assert "Row 2 removed (thought 1 / reply 1)" in widget.status.message.value
    assert undo.layout.display != "none" and focused == [{"do": "focus"}], "focus goes to Undo"
    undo.click()
    assert widget.answers[:3] == [{"left": f"thought {n}", "right": f"reply {n}"} for n in range(3)]
    assert "Row 2 is back" in widget.status.message.value and undo.layout.display == "none"


def test_a_removed_event_can_be_put_back(exercises):
    exercise = exercises["timeline"]
    widget = exercise_widget(exercise)
    lane = exercise.lanes[0].id
    for when in ("9", "12"):
        widget.add_buttons[lane].click()
        widget.events(lane)[-1].when.value, widget.events(lane)[-1].what.value = when, f"at {when}"
    focused = focus_requests(widget.undo[lane].button)
    widget.events(lane)[0].remove.click()
    assert widget.answers[lane] == [{"when": "12", "what": "at 12"}]
    assert "Event 1 removed (9 / at 9)" in widget.undo[lane].message.value and focused
    widget.undo[lane].button.click()
    assert widget.answers[lane] == [{"when": "9", "what": "at 9"}, {"when": "12", "what": "at 12"}]


def test_end_rating_shows_what_was_chosen_at_the_start(seed):
    ratings = [exercise_widget(ex) for ex in seed.exercises if ex.kind == "rating"]
    start, end = ratings[0], ratings[-1]
    assert start is not end and end.same_statements(start), "the content repeats its start rating"
    end.compare_with(start)
    assert end.choices.notes == {}
    first = seed.exercises[0].statements[0].id if seed.exercises[0].kind == "rating" else None
    statement = first or start.exercise.statements[0].id
    start.load({statement: 2})
    assert end.choices.notes == {statement: f"At the start you chose 2: {start.exercise.scale[1]}."}
    assert end.answers[statement] is None, "the end rating itself is left to the reader"


def test_timeline_labels_of_close_events_never_overlap(exercises):
    from widgets.widget_timeline import label_width, layout_events

    lanes = exercises["timeline"].lanes
    long = "started spending whole nights in chat rooms"
    events = {lanes[0].id: [{"when": f"{age}", "what": f"{long} {age}"} for age in (32, 33, 8, 34)]}
    placed = layout_events(lanes, events)
    for n, one in enumerate(placed):
        assert 10 <= one["left"] and one["left"] + label_width(one) <= 990
        for other in placed[n + 1:]:
            apart = (one["left"] + label_width(one) <= other["left"]
                     or other["left"] + label_width(other) <= one["left"])
            assert apart or one["level"] != other["level"], (one, other)
