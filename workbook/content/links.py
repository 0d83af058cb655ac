"""Checks that span files (catalogue, related modules, exercise ids), and modules kept aside.

Each problem names the module it belongs to, so that a served workbook can set that module
aside as unavailable and keep every other page working.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from workbook.content.errors import ContentError, line_mentioning, line_of_id


@dataclass(frozen=True)
class BrokenModule:
    """A module with a mistake: its id, the title to show, and what is wrong with it."""

    id: str
    title: str
    problems: tuple[ContentError, ...]


def broken_module(root: Path, module_id: str, problems: list[ContentError]) -> BrokenModule:
    """The module's title as its module.yml gives it, if that can still be read."""
    title = module_id.replace("-", " ").capitalize()
    try:
        data = yaml.safe_load((root / module_id / "module.yml").read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("title"), str) and data["title"].strip():
            title = data["title"].strip()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass
    mine = tuple(p for error in problems for p in error.problems if p.module == module_id)
    return BrokenModule(id=module_id, title=title, problems=mine)


def check_workbook(root: Path, catalogue, modules: dict, broken: dict) -> list[ContentError]:
    """Every problem between files: catalogue covers every module once, links resolve, ids unique."""
    problems: list[ContentError] = []
    here = root / "catalogue.yml"
    listed: dict[str, str] = {}
    for group in catalogue.groups:
        for module_id in group.modules:
            if module_id not in modules and module_id not in broken:
                problems.append(ContentError(here, "", f"group '{group.title}' lists module '{module_id}', "
                                             f"but there is no folder {module_id}/; check the spelling",
                                             line=line_mentioning(here, module_id, "groups:"),
                                             module=module_id))
            if module_id in listed:
                problems.append(ContentError(here, "", f"module '{module_id}' is listed twice (also in "
                                             f"group '{listed[module_id]}'); remove one",
                                             line=line_mentioning(here, module_id, group.title)))
            listed[module_id] = group.title
    starts = catalogue.where_to_start.questions if catalogue.where_to_start else []
    for point in starts:
        for module_id in [m for m in point.modules or [] if m not in modules and m not in broken]:
            problems.append(ContentError(here, "", f"where_to_start names '{module_id}', which is not a "
                                         f"module (there is no folder {module_id}/)",
                                         line=line_mentioning(here, module_id, "where_to_start:"),
                                         module=module_id))
    for module_id, module in modules.items():
        path = module.folder / "module.yml"
        if module_id not in listed:
            problems.append(ContentError(here, "", f"module '{module_id}' is not listed in any group; "
                                         "add it to a group's modules", module=module_id))
        for related in module.meta.related:
            if related not in modules and related not in broken:
                problems.append(ContentError(path, "", f"related: '{related}' is not a module id; check "
                                             "the spelling", line=line_mentioning(path, related, "related:"),
                                             module=module_id))
    problems += duplicate_exercises(modules)
    return problems


def duplicate_exercises(modules: dict) -> list[ContentError]:
    """Exercise ids must be unique in the whole workbook; a clash names both files and lines."""
    problems: list[ContentError] = []
    owners: dict[str, Path] = {}
    for module in modules.values():
        for chapter in module.chapters:
            path = module.folder / f"{chapter.id}.md"
            for exercise in chapter.exercises:
                first = owners.setdefault(exercise.id, path)
                if first is path:
                    continue
                first_line = line_of_id(first, exercise.id)
                named = f"{first.parent.name}/{first.name}"  # inside the content folder
                at = f"{named}, line {first_line}" if first_line else named
                problems.append(ContentError(path, "", f"exercise id '{exercise.id}' is already used in "
                                             f"{at}. Each exercise needs an id used nowhere else in the "
                                             "workbook; give this one a new id (and change its "
                                             "```{exercise}``` block to match)",
                                             line=line_of_id(path, exercise.id), module=module.id))
    return problems
