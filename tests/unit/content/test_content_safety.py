"""Exercises ask about patterns and feelings, never offence details; every citation has its reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from workbook.content.load import DEFAULT_CONTENT, load_workbook_uncached

PHRASES = yaml.safe_load((Path(__file__).parent / "offence_detail_phrases.yml").read_text(encoding="utf-8"))
NOT_READER_TEXT = {"id", "kind", "facilitator_notes"}

SURNAME = r"(?:(?:de|van|von|del) )?[A-Z][\w'’-]+"
AUTHORS = rf"{SURNAME}(?:(?:, | & | and ){SURNAME})*(?: et al\.| and colleagues)?"
IN_BRACKETS = re.compile(rf"({AUTHORS}),? ((?:19|20)\d\d)\b")  # "(Name & Name, 2016; Other, 2012)"
NARRATIVE = re.compile(rf"({AUTHORS}) \(((?:19|20)\d\d)\)")  # "Name et al. (2012)"
REFERENCE = re.compile(r"^\*?((?:(?:de|van|von|del) )?[A-Z][^,(]*).*?\(((?:19|20)\d\d)\)")


def reader_strings(value, key=""):
    """Every string a reader sees in an exercise: titles, intros, labels, questions, hints, items."""
    if isinstance(value, str):
        if key not in NOT_READER_TEXT:
            yield value
    elif isinstance(value, dict):
        for field, inner in value.items():
            yield from reader_strings(inner, field)
    elif isinstance(value, list):
        for inner in value:
            yield from reader_strings(inner, key)


def offence_detail_prompts(workbook) -> list[tuple[str, str, str]]:
    """(exercise id, text, reason) for each exercise text that asks for specifics of offending."""
    found = []
    for module in workbook.modules.values():
        for exercise in module.exercises:
            for text in reader_strings(exercise.model_dump()):
                for entry in PHRASES:
                    if re.search(entry["pattern"], text, re.IGNORECASE):
                        found.append((exercise.id, text, entry["reason"]))
    return found


def first_surname(authors: str) -> str:
    return re.split(r", | & | and | et al\.", authors)[0].strip().lower()


def cited(module) -> set[tuple[str, str]]:
    """(first author's surname, year) for each author-year citation in the module's prose and exercises."""
    texts = [block[1] for chapter in module.chapters for block in chapter.blocks if block[0] == "markdown"]
    texts += [text for exercise in module.exercises for text in reader_strings(exercise.model_dump())]
    found = set()
    for text in texts:
        for bracket in re.findall(r"\(([^()]*?(?:19|20)\d\d[^()]*)\)", text):
            for part in bracket.split(";"):
                found |= {(first_surname(a), year) for a, year in IN_BRACKETS.findall(part)}
        found |= {(first_surname(a), year) for a, year in NARRATIVE.findall(text)}
    return found


def listed(module) -> list[tuple[str, str, str]]:
    """(first author as written, year, entry) for each author-year entry in the module's references."""
    found = []
    for entry in module.meta.references:
        match = REFERENCE.match(entry)
        if match:
            found.append((match.group(1).strip().lower(), match.group(2), entry))
    return found


def names(citation: tuple[str, str], reference: tuple[str, str, str]) -> bool:
    surname, year = citation
    return year == reference[1] and re.search(rf"\b{re.escape(surname)}\b", reference[0]) is not None


def citation_gaps(module) -> tuple[set, set]:
    """Citations with no reference, and references that nothing in the module cites."""
    in_text, in_list = cited(module), listed(module)
    missing = {c for c in in_text if not any(names(c, ref) for ref in in_list)}
    uncited = {ref[2] for ref in in_list if not any(names(c, ref) for c in in_text)}
    return missing, uncited


def test_the_phrase_list_is_well_formed():
    assert PHRASES and all(set(entry) == {"pattern", "reason"} and entry["reason"] for entry in PHRASES)
    for entry in PHRASES:
        re.compile(entry["pattern"])


def test_no_exercise_asks_for_specifics_of_offending(workbook):
    assert offence_detail_prompts(workbook) == []


def test_the_phrase_list_catches_a_prompt_that_asks_for_details(content_copy):
    chapter = content_copy / "addiction" / "its-not-my-fault.md"
    text = chapter.read_text(encoding="utf-8")
    question = "      - id: stopped\n"
    assert question in text
    chapter.write_text(text.replace(question, "      - id: hid\n        text: What did you do to keep it "
                                    "hidden?\n" + question, 1), encoding="utf-8")
    hits = offence_detail_prompts(load_workbook_uncached(content_copy))
    assert ("add-first-time", "What did you do to keep it hidden?") in [hit[:2] for hit in hits]


MODULES = sorted(p.parent.name for p in DEFAULT_CONTENT.glob("*/module.yml"))


@pytest.mark.parametrize("module_id", MODULES)
def test_every_citation_has_a_reference_and_every_reference_is_cited(workbook, module_id):
    missing, uncited = citation_gaps(workbook.module(module_id))
    assert missing == set(), "cited in the text but not in module.yml references"
    assert uncited == set(), "listed in module.yml references but never cited in the text"


def test_the_citation_check_finds_a_reference_nothing_cites(content_copy):
    module_file = content_copy / "triggers" / "module.yml"
    data = yaml.safe_load(module_file.read_text(encoding="utf-8"))
    data["references"].append("Nobody, A. (1999). *A book the chapters never mention*.")
    module_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, uncited = citation_gaps(load_workbook_uncached(content_copy).module("triggers"))
    assert "Nobody, A. (1999). *A book the chapters never mention*." in uncited
