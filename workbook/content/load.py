"""Load and validate `content/`: every mistake found, listed in one `ContentError`.

Everything the reader sees is read from here; nothing else keeps a copy of a question. Call
`load_workbook()` (cached, all or nothing) or, for readers' pages, `load_readable_workbook()`
(a module with a mistake is set aside in `Workbook.broken`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from workbook.config import WorkbookConfig, bundled_folder, content_missing
from workbook.content.errors import (  # noqa: F401  (ContentError is imported from here too)
    ContentError,
    ContentErrors,
    line_of_id,
    raise_all,
)
from workbook.content.files import (
    load_yaml_file,
    read_text,
    read_yaml,
    split_front_matter,
    stat_signature,
    validate,
)
from workbook.content.links import BrokenModule, broken_module, check_workbook
from workbook.content.plan import PlanFile, check_feeds
from workbook.content.schema import (
    CatalogueFile,
    ChapterEntry,
    ChapterFrontMatter,
    ModuleFile,
    SupportFile,
    SurveyFile,
)
from workbook.content.structure import follow_notebooks, notebooks_beside

DEFAULT_CONTENT = bundled_folder("content")  # the content that comes with the package
EXERCISE_FENCE = "{exercise}"


@dataclass(frozen=True)
class Chapter:
    """One chapter: its entry in module.yml, its front matter and its prose split around exercises."""

    entry: ChapterEntry
    front: ChapterFrontMatter
    blocks: tuple  # ("markdown", text) or ("exercise", Exercise), in reading order
    trainer: bool = False  # a Markdown cell a trainer put in the module's notebook (content/structure.py)

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
    chapters: tuple[Chapter, ...]  # content's chapters, in the order the module's notebook shows them
    folder: Path
    parts: tuple[Chapter, ...] = ()  # the chapters and the trainer's own text between them, if any
    notebook_stale: bool = False  # its unedited notebook predates module.yml: show it all at once

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def ready(self) -> bool:
        return self.meta.status == "ready"

    @property
    def exercises(self) -> list:
        return [ex for chapter in self.chapters for ex in chapter.exercises]

    @property
    def running_order(self) -> tuple[Chapter, ...]:
        """Everything a printout or a slide deck shows, in order: chapters and trainer's text."""
        return self.parts or self.chapters

    def numbered(self) -> list[tuple[int | None, Chapter]]:
        """The running order with each chapter's number (None for a trainer's text)."""
        numbers = {chapter.id: number for number, chapter in enumerate(self.chapters, start=1)}
        return [(None if part.trainer else numbers[part.id], part) for part in self.running_order]


@dataclass(frozen=True)
class Workbook:
    root: Path
    catalogue: CatalogueFile
    support: SupportFile
    survey: SurveyFile
    modules: dict[str, Module] = field(default_factory=dict)
    broken: dict[str, BrokenModule] = field(default_factory=dict)  # modules with a mistake, set aside
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


def split_body(body: str, body_line: int, front: ChapterFrontMatter, path: Path) -> tuple:
    """Split chapter prose at its `{exercise} id` fences; check every exercise is placed once."""
    exercises = {ex.id: ex for ex in front.exercises}
    placed: set[str] = set()
    problems: list[ContentError] = []
    lines = body.splitlines(keepends=True)
    blocks, cursor = [], 0
    for token in markdown_renderer().parse(body):
        line = body_line + (token.map[0] if token.map else 0) + 1
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            problems.append(ContentError(path, f"line {line}", "A heading inside a chapter starts with "
                                         "### or ####: use ### or #### for headings inside a chapter"))
        if token.type != "fence" or not token.info.strip().startswith(EXERCISE_FENCE):
            continue
        exercise_id = token.info.strip()[len(EXERCISE_FENCE) :].strip()
        if exercise_id not in exercises or exercise_id in placed:
            known = ", ".join(exercises) or "none"
            problems.append(ContentError(path, f"line {line}", (
                f"exercise '{exercise_id}' is placed twice; remove one of the blocks"
                if exercise_id in placed else f"exercise '{exercise_id}' is not defined in the front "
                f"matter (defined: {known}); check the spelling of the id")))
            continue
        placed.add(exercise_id)
        start, end = token.map
        blocks.append(("markdown", "".join(lines[cursor:start])))
        blocks.append(("exercise", exercises[exercise_id]))
        cursor = end
    blocks.append(("markdown", "".join(lines[cursor:])))
    for missing in [ex_id for ex_id in exercises if ex_id not in placed]:
        problems.append(ContentError(path, "", f"exercise '{missing}' is defined but not placed; add a "
                                     f"```{{exercise}} {missing}``` block where it belongs",
                                     line=line_of_id(path, missing)))
    raise_all(problems)
    return tuple(block for block in blocks if block[0] == "exercise" or block[1].strip())


def load_chapter(entry: ChapterEntry, path: Path) -> Chapter:
    front_text, body, body_line = split_front_matter(read_text(path), path)
    front = validate(ChapterFrontMatter, read_yaml(front_text, path, line_offset=1) or {}, path,
                     front_text, line_offset=1)
    return Chapter(entry=entry, front=front, blocks=split_body(body, body_line, front, path))


def load_module(folder: Path) -> Module:
    """One module folder; every mistake in its files raised together (each names its module)."""
    try:
        return _load_module(folder)
    except ContentError as error:
        for problem in error.problems:
            problem.module = folder.name
        raise


def _load_module(folder: Path) -> Module:
    path = folder / "module.yml"
    try:
        meta = load_yaml_file(ModuleFile, path)
    except ContentError as error:  # still check the chapter files, so every mistake is listed
        raise_all([error, *chapter_problems(folder)])
        raise
    problems: list[ContentError] = []
    if meta.id != folder.name:
        problems.append(ContentError(path, "", f"The id should be '{folder.name}' (the folder's name), "
                                     f"not '{meta.id}'", line=line_of_id(path, meta.id)))
    chapters = []
    for entry in meta.chapters:
        chapter_path = folder / f"{entry.id}.md"
        if chapter_path.exists():
            try:
                chapters.append(load_chapter(entry, chapter_path))
            except ContentError as error:
                problems.append(error)
        elif meta.status == "ready":
            problems.append(ContentError(path, "", f"chapter '{entry.id}' is listed in module.yml but its "
                                         f"file {entry.id}.md is missing; check the spelling, or add "
                                         "the file",
                                         line=line_of_id(path, entry.id)))
        else:
            chapters.append(Chapter(entry=entry, front=ChapterFrontMatter(), blocks=()))
    raise_all(problems)
    return Module(meta=meta, chapters=tuple(chapters), folder=folder)


def chapter_problems(folder: Path) -> list[ContentError]:
    """The mistakes in every chapter file of a folder whose module.yml cannot be read."""
    problems = []
    for chapter_path in sorted(folder.glob("*.md")):
        try:
            load_chapter(ChapterEntry.model_construct(id=chapter_path.stem, title=chapter_path.stem),
                         chapter_path)
        except ContentError as error:
            problems.append(error)
    return problems


def read_workbook(root: Path, notebooks: Path | bool | None = None) -> tuple[Workbook, list[ContentError]]:
    """The workbook with every module that loads, and every problem found (none if all is well).
    Raises only when the catalogue, support or survey file, or the folder itself, is unusable."""
    if not root.is_dir():
        raise ContentError(root, "", content_missing(root))
    top, problems = [], []
    for model, name in ((CatalogueFile, "catalogue.yml"), (SupportFile, "support.yml"),
                        (SurveyFile, "survey.yml")):
        try:
            top.append(load_yaml_file(model, root / name))
        except ContentError as error:
            problems.append(error)
    found, broken = {}, {}
    for folder in sorted(root.iterdir()):
        if (folder / "module.yml").is_file():
            try:
                found[folder.name] = load_module(folder)
            except ContentError as error:
                problems.append(error)
                broken[folder.name] = error
    raise_all(problems if len(top) < 3 else [])
    catalogue, support, survey = top
    if notebooks is not False:  # False: content's own order, whatever the notebooks say
        problems += follow_notebooks(found, notebooks or notebooks_beside(root))
    problems += check_workbook(root, catalogue, found, broken)
    order = [module_id for group in catalogue.groups for module_id in group.modules]
    unavailable = {p.module for p in problems if p.module} | set(broken)
    plan, plan_problems = read_plan(root, found, set(broken))
    problems += plan_problems
    return Workbook(root=root, catalogue=catalogue, support=support, survey=survey,
                    modules={m: found[m] for m in order if m in found and m not in unavailable},
                    broken={m: broken_module(root, m, problems) for m in unavailable},
                    plan=plan), problems


def load_workbook_uncached(root: Path | None = None, notebooks: Path | bool | None = None) -> Workbook:
    """The whole workbook, checked; every problem at once in one ContentError. `notebooks`: the
    folder whose notebooks set the modules' running order (default: `notebooks_beside(root)`)."""
    workbook, problems = read_workbook(Path(root) if root else content_root(), notebooks)
    raise_all(problems)
    return workbook


def read_plan(root: Path, modules: dict[str, Module],
              set_aside=frozenset()) -> tuple[PlanFile | None, list[ContentError]]:
    """content/plan.yml checked, feeds included: (the plan or None, its problems)."""
    path = root / "plan.yml"
    if not path.is_file():
        return None, []
    try:
        plan = load_yaml_file(PlanFile, path)
    except ContentError as error:
        return None, [error]
    problems = [ContentError(path, "feeds", problem)
                for problem in check_feeds(plan, modules, set_aside)]
    return (None if problems else plan), problems


@functools.lru_cache(maxsize=4)
def _cached(root: Path) -> Workbook:
    return load_workbook_uncached(root)


def load_workbook(root: Path | str | None = None) -> Workbook:
    """The whole workbook, validated; loaded once per process for each content folder."""
    return _cached(Path(root).resolve() if root else content_root())


_readable: dict[Path, tuple[tuple, Workbook]] = {}


def files_signature(root: Path) -> tuple:
    """Every file of a content folder and of the notebooks that order it, with its size and time
    of change: when any is edited, added or removed, the signature changes."""
    folders = filter(None, [root, notebooks_beside(root)])
    return stat_signature(path for folder in folders for path in sorted(Path(folder).rglob("*")))


def load_readable_workbook(root: Path | str | None = None) -> Workbook:
    """What readers are shown: every module that loads; a module with a mistake is kept aside in
    `broken` (shown as unavailable). Raises only if the workbook as a whole cannot be read.

    Read again whenever a file of the content or its notebooks changed, else kept: the kernel
    template reads it once, so the kernels forked from it share it instead of each reading it."""
    root = Path(root).resolve() if root else content_root()
    signature = files_signature(root) if root.is_dir() else ()
    kept = _readable.get(root)
    if kept is not None and kept[0] == signature:
        return kept[1]
    workbook = read_workbook(root)[0]
    _readable[root] = (signature, workbook)
    return workbook


def load_support(root: Path | str | None = None) -> SupportFile:
    """support.yml on its own: the pages that must open even when a module's content has a
    mistake (help now, staying safe, busy, content error) need only this file."""
    return load_yaml_file(SupportFile, (Path(root) if root else content_root()) / "support.yml")


def support_details() -> SupportFile | None:
    """The support details, or None when support.yml itself cannot be loaded (for pages that say so)."""
    try:
        return load_support()
    except (ContentError, OSError):
        return None
