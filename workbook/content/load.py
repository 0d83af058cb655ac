"""Load and validate `content/`: one clear `ContentError` for anything malformed.

Everything the reader sees is read from here; nothing else keeps a copy of a
question. Call `load_workbook()` (cached) to get typed objects.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from pydantic import BaseModel, ValidationError

from workbook.config import WorkbookConfig, bundled_folder, content_missing
from workbook.content.plan import PlanFile, check_feeds
from workbook.content.schema import (
    EXERCISE_KINDS,
    ID_PATTERN,
    CatalogueFile,
    ChapterEntry,
    ChapterFrontMatter,
    ModuleFile,
    SupportFile,
    SurveyFile,
)

DEFAULT_CONTENT = bundled_folder("content")  # the content that comes with the package
EXERCISE_FENCE = "{exercise}"


class ContentError(Exception):
    """A content file is missing or malformed; the message names file, place and expectation."""

    def __init__(self, path: Path | str, where: str, expected: str):
        self.path, self.where, self.expected = Path(path), where, expected
        super().__init__(f"{self.path}: {where}: {expected}")


@dataclass(frozen=True)
class Chapter:
    """One chapter: its entry in module.yml, its front matter and its prose split around exercises."""

    entry: ChapterEntry
    front: ChapterFrontMatter
    blocks: tuple  # ("markdown", text) or ("exercise", Exercise), in reading order

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def exercises(self) -> list:
        return list(self.front.exercises)


@dataclass(frozen=True)
class Module:
    meta: ModuleFile
    chapters: tuple[Chapter, ...]
    folder: Path

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def ready(self) -> bool:
        return self.meta.status == "ready"

    @property
    def exercises(self) -> list:
        return [ex for chapter in self.chapters for ex in chapter.exercises]


@dataclass(frozen=True)
class Workbook:
    root: Path
    catalogue: CatalogueFile
    support: SupportFile
    survey: SurveyFile
    modules: dict[str, Module] = field(default_factory=dict)
    plan: PlanFile | None = None  # content/plan.yml, when the content has one

    def module(self, module_id: str) -> Module:
        if module_id not in self.modules:
            raise ContentError(self.root, "module", f"no module with id '{module_id}'")
        return self.modules[module_id]


def content_root() -> Path:
    """The content folder WorkbookConfig names (an adapted copy, or the package's own)."""
    return WorkbookConfig().content_path


def markdown_renderer() -> MarkdownIt:
    """CommonMark with tables; raw HTML in content is shown as text, never interpreted."""
    return MarkdownIt("commonmark", {"html": False, "typographer": True}).enable("table")


def _describe(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "this field is required"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against docs/content-format.md)"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return f"expected an id of lower-case letters, digits and single hyphens, got {error['input']!r}"
    if kind == "union_tag_invalid":
        return f"unknown exercise kind {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags')}"
    shown = repr(error.get("input"))
    shown = shown if len(shown) < 60 else shown[:57] + "..."
    return f"{error['msg']} (got {shown})"


def _where(loc: tuple) -> str:
    parts, after_index = [], False
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]" if parts else f"[{item}]"]
        elif not (after_index and item in EXERCISE_KINDS):  # skip the union's tag, keep fields
            parts.append(str(item))
        after_index = isinstance(item, int)
    return "field " + ".".join(parts) if parts else "top level"


def validate(model: type[BaseModel], data, path: Path):
    """Validate `data` against `model`, turning the first problem into a ContentError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s) in this file)" if len(errors) > 1 else ""
        raise ContentError(path, _where(first["loc"]), _describe(first) + more) from None


def read_yaml(text: str, path: Path, line_offset: int = 0):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1 + line_offset}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(path, where, f"not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ContentError(path, "top level", "expected a mapping of field: value")
    return data


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "file", "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"byte {exc.start}", "expected UTF-8 text") from None


def load_yaml_file(model: type[BaseModel], path: Path):
    return validate(model, read_yaml(read_text(path), path), path)


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, "line 1", "expected front matter starting with a '---' line")
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:number]), "".join(lines[number + 1 :]), number + 1
    raise ContentError(path, "front matter", "no closing '---' line after the front matter")


def split_body(body: str, body_line: int, front: ChapterFrontMatter, path: Path) -> tuple:
    """Split chapter prose at its `{exercise} id` fences; check every exercise is placed once."""
    exercises = {ex.id: ex for ex in front.exercises}
    placed: set[str] = set()
    lines = body.splitlines(keepends=True)
    blocks, cursor = [], 0
    for token in markdown_renderer().parse(body):
        line = body_line + (token.map[0] if token.map else 0) + 1
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            raise ContentError(path, f"line {line}", "use ### or #### for headings inside a chapter")
        if token.type != "fence" or not token.info.strip().startswith(EXERCISE_FENCE):
            continue
        exercise_id = token.info.strip()[len(EXERCISE_FENCE) :].strip()
        if exercise_id not in exercises:
            known = ", ".join(exercises) or "none"
            raise ContentError(path, f"line {line}",
                               f"exercise '{exercise_id}' is not defined in the front matter "
                               f"(defined: {known})")
        if exercise_id in placed:
            raise ContentError(path, f"line {line}", f"exercise '{exercise_id}' is placed twice")
        placed.add(exercise_id)
        start, end = token.map
        blocks.append(("markdown", "".join(lines[cursor:start])))
        blocks.append(("exercise", exercises[exercise_id]))
        cursor = end
    blocks.append(("markdown", "".join(lines[cursor:])))
    missing = [ex_id for ex_id in exercises if ex_id not in placed]
    if missing:
        raise ContentError(path, "body",
                           f"exercise '{missing[0]}' is defined but not placed; add a "
                           f"```{{exercise}} {missing[0]}``` block where it belongs")
    return tuple(block for block in blocks if block[0] == "exercise" or block[1].strip())


def load_chapter(entry: ChapterEntry, path: Path) -> Chapter:
    front_text, body, body_line = split_front_matter(read_text(path), path)
    front = validate(ChapterFrontMatter, read_yaml(front_text, path, line_offset=1) or {}, path)
    return Chapter(entry=entry, front=front, blocks=split_body(body, body_line, front, path))


def load_module(folder: Path) -> Module:
    path = folder / "module.yml"
    meta = load_yaml_file(ModuleFile, path)
    if meta.id != folder.name:
        raise ContentError(path, "field id", f"expected '{folder.name}' (the folder's name), got '{meta.id}'")
    chapters = []
    for entry in meta.chapters:
        chapter_path = folder / f"{entry.id}.md"
        if chapter_path.exists():
            chapters.append(load_chapter(entry, chapter_path))
        elif meta.status == "ready":
            raise ContentError(chapter_path, "file",
                               f"chapter '{entry.id}' is listed in module.yml but its file is missing")
        else:
            chapters.append(Chapter(entry=entry, front=ChapterFrontMatter(), blocks=()))
    return Module(meta=meta, chapters=tuple(chapters), folder=folder)


def check_workbook(root: Path, catalogue: CatalogueFile, modules: dict[str, Module]) -> None:
    """Checks that span files: catalogue covers every module once, ids unique, links resolve."""
    listed: dict[str, str] = {}
    for group in catalogue.groups:
        for module_id in group.modules:
            if module_id not in modules:
                raise ContentError(root / "catalogue.yml", f"group '{group.title}'",
                                   f"lists module '{module_id}', but content/{module_id}/ does not exist")
            if module_id in listed:
                raise ContentError(root / "catalogue.yml", f"group '{group.title}'",
                                   f"module '{module_id}' is already listed in '{listed[module_id]}'")
            listed[module_id] = group.title
    starts = catalogue.where_to_start.questions if catalogue.where_to_start else []
    for number, point in enumerate(starts):
        for module_id in [m for m in point.modules or [] if m not in modules]:
            raise ContentError(root / "catalogue.yml", f"field where_to_start.questions[{number}].modules",
                               f"'{module_id}' is not a module id (there is no content/{module_id}/ folder)")
    for module_id, module in modules.items():
        if module_id not in listed:
            raise ContentError(root / "catalogue.yml", "groups",
                               f"module '{module_id}' is not listed in any group")
        for related in module.meta.related:
            if related not in modules:
                raise ContentError(module.folder / "module.yml", "field related",
                                   f"'{related}' is not a module id")
    owners: dict[str, str] = {}
    for module in modules.values():
        for exercise in module.exercises:
            if exercise.id in owners:
                raise ContentError(module.folder, f"exercise '{exercise.id}'",
                                   f"exercise ids must be unique; also used in '{owners[exercise.id]}'")
            owners[exercise.id] = module.id


def load_workbook_uncached(root: Path | None = None) -> Workbook:
    root = Path(root) if root else content_root()
    if not root.is_dir():
        raise ContentError(root, "folder", content_missing(root))
    catalogue = load_yaml_file(CatalogueFile, root / "catalogue.yml")
    support = load_yaml_file(SupportFile, root / "support.yml")
    survey = load_yaml_file(SurveyFile, root / "survey.yml")
    found = {folder.name: load_module(folder)
             for folder in sorted(root.iterdir()) if (folder / "module.yml").is_file()}
    check_workbook(root, catalogue, found)
    order = [module_id for group in catalogue.groups for module_id in group.modules]
    return Workbook(root=root, catalogue=catalogue, support=support, survey=survey,
                    modules={module_id: found[module_id] for module_id in order},
                    plan=load_plan(root, found))


def load_plan(root: Path, modules: dict[str, Module]) -> PlanFile | None:
    """content/plan.yml checked, feeds included; None when the content has no plan."""
    path = root / "plan.yml"
    if not path.is_file():
        return None
    plan = load_yaml_file(PlanFile, path)
    problems = check_feeds(plan, modules)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s) in this file)" if len(problems) > 1 else ""
        raise ContentError(path, "feeds", problems[0] + more)
    return plan


@functools.lru_cache(maxsize=4)
def _cached(root: Path) -> Workbook:
    return load_workbook_uncached(root)


def load_workbook(root: Path | str | None = None) -> Workbook:
    """The whole workbook, validated; loaded once per process for each content folder."""
    return _cached(Path(root).resolve() if root else content_root())


def load_support(root: Path | str | None = None) -> SupportFile:
    """support.yml on its own: the pages that must open even when a module's content has a
    mistake (help now, staying safe, busy, content error) need only this file."""
    return load_yaml_file(SupportFile, (Path(root) if root else content_root()) / "support.yml")


def support_details() -> SupportFile | None:
    """The support details, or None when support.yml itself cannot be loaded (for pages that say so)."""
    try:
        return load_workbook().support
    except ContentError:
        pass
    try:
        return load_support()
    except (ContentError, OSError):
        return None
