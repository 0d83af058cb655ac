"""Reading one content file: its text, its YAML, its front matter, each checked against a model.

Every problem becomes a ContentError at the file and line, in plain words (errors.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from workbook.content.errors import ContentError, raise_all, schema_problems, yaml_problem

TOP_FILES = ("catalogue.yml", "support.yml", "survey.yml")


def validate(model: type[BaseModel], data, path: Path, text: str | None = None, line_offset: int = 0):
    """Validate `data` against `model`; every problem in the file, at its line, in one ContentError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise_all(schema_problems(exc.errors(), path, text, line_offset))


def read_yaml(text: str, path: Path, line_offset: int = 0):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise ContentError(path, "", problem, line=None if line is None else line + 1 + line_offset) from None
    if not isinstance(data, dict):
        raise ContentError(path, "", "Expected `field: value` lines at the top of this part of the file",
                           line=1 + line_offset)
    return data


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "", "This file is missing" + (
            "; copy the whole content folder (for example `cp -r content my-group`), not one module"
            if path.name in TOP_FILES else "")) from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"byte {exc.start}", "The file is not saved as UTF-8 text; save it "
                           "again as UTF-8 in your editor") from None


def load_yaml_file(model: type[BaseModel], path: Path):
    text = read_text(path)
    return validate(model, read_yaml(text, path), path, text)


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, "line 1", "A chapter starts with its front matter: make the first line "
                           "`---` (see docs/content-format.md)")
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:number]), "".join(lines[number + 1 :]), number + 1
    raise ContentError(path, "line 1", "The front matter that starts here is never closed: add a line "
                       "`---` after its last field, before the chapter's text")


def stat_signature(paths) -> tuple:
    """Each path with its size and time of change, in the order given (a path that has gone is
    left out): it changes whenever any of the files is edited, added or removed."""
    found = []
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError:
            continue
        found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)
