"""The review's twenty deliberate mistakes: each message names the file and line, in plain words.

Each case makes one mistake a trainer made in a copy of content/ (shared/reviews/trainer.md) and
returns the file and the line (found by a marker in the changed file) the message must name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.content_jargon import JARGON
from workbook.cli import main
from workbook.content.load import ContentError, load_workbook_uncached


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, marker: str, nth: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if marker in line][nth - 1]


def indent_text_too_little(root):
    path = root / SEED / "reflection.md"
    edit(path, "        text: What do you now", "       text: What do you now")
    return path, line_of(path, "       text: What do you now"), "lined up"


def dash_too_little(root):
    path = root / SEED / "reflection.md"
    edit(path, "      - id: development", "    - id: development")
    return path, line_of(path, "    - id: development"), "lined up"


def title_indented_three(root):
    path = root / SEED / "module.yml"
    edit(path, "    title: The different groups", "   title: The different groups")
    return path, line_of(path, "   title: The different groups"), "lined up"


def tab_in_module(root):
    path = root / SEED / "module.yml"
    edit(path, "    title: The different groups", "\ttitle: The different groups")
    return path, line_of(path, "\ttitle: The different groups"), "tab character"


def colon_in_title(root):
    path = root / SEED / "module.yml"
    edit(path, "    title: Reflection", "    title: Pause: check in")
    return path, line_of(path, "Pause: check in"), "double quotes"


def colon_in_flow_title(root):
    path = root / SEED / "module.yml"
    edit(path, "  - id: reflection\n    title: Reflection\n", "  - {id: reflection, title: Pause: check in,\n"
         "     summary: x}\n")
    edit(path, "    summary: Bring together what you have learned and rate yourself again.\n", "")
    return path, line_of(path, "Pause: check in"), "double quotes"


def duplicate_question_id(root):
    path = root / SEED / "reflection.md"
    edit(path, "      - id: development", "      - id: motives")
    return path, line_of(path, "  - id: motives", nth=2), "question id 'motives' is used twice"


def exercise_id_of_another_module(root):
    path = root / SEED / "reflection.md"
    edit(path, "scc-reflection", "trg-reflection", count=2)
    return path, line_of(path, "id: trg-reflection"), "triggers/triggers-reflection.md, line 8:"


def exercise_id_twice_in_module(root):
    path = root / SEED / "reflection.md"
    edit(path, "scc-reflection", "scc-my-stages", count=2)
    return path, line_of(path, "id: scc-my-stages"), "different-stages.md, line 8"


def chapter_listed_twice(root):
    path = root / SEED / "module.yml"
    edit(path, "  - id: reflection\n", "  - id: reflection\n    title: Again\n  - id: reflection\n")
    return path, line_of(path, "  - id: reflection", nth=2), "chapter id 'reflection' is used twice"


def chapter_without_file(root):
    path = root / SEED / "module.yml"
    edit(path, "  - id: reflection\n", "  - id: reflectio\n")
    return path, line_of(path, "id: reflectio"), "reflectio.md is missing"


def id_with_capital(root):
    path = root / SEED / "module.yml"
    edit(path, "  - id: reflection\n", "  - id: Our_Reflection\n")
    return path, line_of(path, "Our_Reflection"), "lower-case letters"


def exercise_not_placed(root):
    path = root / SEED / "reflection.md"
    edit(path, "```{exercise} scc-reflection\n```\n", "")
    return path, line_of(path, "id: scc-reflection"), "defined but not placed"


def typo_in_exercise_block(root):
    path = root / SEED / "reflection.md"
    edit(path, "```{exercise} scc-reflection", "```{exercise} scc-reflectio")
    return path, line_of(path, "{exercise} scc-reflectio"), "check the spelling"


def no_front_matter(root):
    path = root / SEED / "reflection.md"
    path.write_text("Welcome to the group.\n", encoding="utf-8")
    return path, 1, "front matter"


def front_matter_not_closed(root):
    path = root / SEED / "reflection.md"
    text = path.read_text(encoding="utf-8").split("\n")
    closing = text.index("---", 1)
    path.write_text("\n".join(text[:closing] + text[closing + 1:]), encoding="utf-8")
    return path, 1, "never closed"


def minutes_in_words(root):
    path = root / SEED / "reflection.md"
    edit(path, "minutes: 20", "minutes: ten")
    return path, line_of(path, "minutes: ten"), "whole number"


def minutes_with_unit(root):
    path = root / SEED / "reflection.md"
    edit(path, "minutes: 20", "minutes: 10 mins")
    return path, line_of(path, "minutes: 10 mins"), "whole number"


def big_heading(root):
    path = root / SEED / "reflection.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Our notes\n", encoding="utf-8")
    return path, line_of(path, "## Our notes"), "use ### or ####"


def only_one_module_copied(root):
    shutil.rmtree(root)
    root.mkdir()
    shutil.copytree(Path(__file__).resolve().parents[3] / "content" / SEED, root / SEED)
    return root / "catalogue.yml", None, "copy the whole content folder"


MISTAKES = [indent_text_too_little, dash_too_little, title_indented_three, tab_in_module, colon_in_title,
            colon_in_flow_title, duplicate_question_id, exercise_id_of_another_module,
            exercise_id_twice_in_module, chapter_listed_twice, chapter_without_file, id_with_capital,
            exercise_not_placed, typo_in_exercise_block, no_front_matter, front_matter_not_closed,
            minutes_in_words, minutes_with_unit, big_heading, only_one_module_copied]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.__name__ for m in MISTAKES])
def test_each_mistake_names_file_and_line_in_plain_words(content_copy, mistake, capsys):
    path, line, words = mistake(content_copy)
    with pytest.raises(ContentError) as caught:
        load_workbook_uncached(content_copy)
    message = str(caught.value)
    where = f"{path}, line {line}:" if line else f"{path}:"
    inside = f"{path.parent.name}/{path.name}, line {line}"  # a second file named inside the content
    assert (where in message or inside in message) and words in message, message
    assert not [word for word in JARGON if word in message], message
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert f"{path.name}, line {line}" in err if line else path.name in err
    assert err.startswith("content error: ") and not [word for word in JARGON if word in err], err


def test_a_misspelled_content_folder(tmp_path, capsys):
    assert main(["check", "--content", str(tmp_path / "my-grup")]) == 1
    err = capsys.readouterr().err
    assert "my-grup" in err and "content folder not found" in err and "Traceback" not in err


def test_three_mistakes_in_three_files_are_listed_at_once(content_copy, capsys):
    minutes_in_words(content_copy)
    colon_in_title(content_copy)
    edit(content_copy / "triggers" / "triggers-reflection.md", "minutes:", "minuts:")
    with pytest.raises(ContentError) as caught:
        load_workbook_uncached(content_copy)
    problems = caught.value.problems
    assert len(problems) == 3
    assert {p.path.name for p in problems} == {"reflection.md", "module.yml", "triggers-reflection.md"}
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "content error: 3 problems to fix (each names the file and line):"
    assert [line[:3] for line in err[1:]] == ["1. ", "2. ", "3. "]


def test_a_duplicate_exercise_id_names_both_files(content_copy):
    exercise_id_of_another_module(content_copy)
    with pytest.raises(ContentError) as caught:
        load_workbook_uncached(content_copy)
    (problem,) = caught.value.problems
    named = f"{problem.path.parent.name}/{problem.path.name}, line {problem.line}: " + problem.expected
    assert f"{SEED}/reflection.md, line 8" in named and "triggers/triggers-reflection.md, line 8" in named
    assert str(content_copy) not in problem.expected, "the other file is named inside the content folder"
