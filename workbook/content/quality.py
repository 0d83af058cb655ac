"""Readability of the prose: Flesch reading ease per chapter (textstat), for docs and tests."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.content.load import Module, markdown_renderer

MINIMUM_EASE = 60


@dataclass(frozen=True)
class ChapterScore:
    module_id: str
    chapter_id: str
    words: int
    ease: float


def prose_text(markdown: str) -> str:
    """The words a reader reads in a Markdown block, without markup, one sentence per item."""
    parts = []
    for token in markdown_renderer().parse(markdown):
        if token.type == "inline":
            text = "".join(child.content for child in token.children or []
                           if child.type in ("text", "code_inline"))
            text = text.strip()
            if text and text[-1] not in ".!?:;":
                text += "."  # headings and list items end a sentence, as a reader hears them
            parts.append(text)
    return " ".join(parts)


def chapter_prose(chapter) -> str:
    return " ".join(prose_text(block) for kind, block in chapter.blocks if kind == "markdown")


def module_scores(module: Module) -> list[ChapterScore]:
    import textstat

    scores = []
    for chapter in module.chapters:
        text = chapter_prose(chapter)
        if text:
            scores.append(ChapterScore(module.id, chapter.id, len(text.split()),
                                       round(textstat.flesch_reading_ease(text), 1)))
    return scores


def quality_markdown(scores: list[ChapterScore]) -> str:
    """docs/content-quality.md: reading ease per module (lowest chapter, mean) and words."""
    lines = [
        "# Content quality",
        "",
        "Reading ease of every chapter's prose (Flesch reading ease, from `textstat`; higher is",
        f"easier, and {MINIMUM_EASE} or more is plain English). Exercise text is not counted.",
        "Written by `workbook quality --markdown`; `tests/unit/content/test_content_quality.py` checks that",
        f"every chapter scores at least {MINIMUM_EASE} and that this file is up to date.",
        "",
        "| module | chapters | words | lowest ease | mean ease |",
        "|---|---:|---:|---:|---:|",
    ]
    modules: dict[str, list[ChapterScore]] = {}
    for score in scores:
        modules.setdefault(score.module_id, []).append(score)
    for module_id, chapter_scores in sorted(modules.items()):
        eases = [score.ease for score in chapter_scores]
        words = sum(score.words for score in chapter_scores)
        lines.append(f"| {module_id} | {len(chapter_scores)} | {words} | {min(eases):.1f} | "
                     f"{sum(eases) / len(eases):.1f} |")
    return "\n".join(lines) + "\n"


def help_page_scores(support) -> list[ChapterScore]:
    """Reading ease of each "If you need help now" page (support.yml's help_now), as module "help-now"."""
    import textstat

    scores = []
    for page in support.help_now.pages if support.help_now else []:
        text = prose_text(page.text)
        scores.append(ChapterScore("help-now", page.id, len(text.split()),
                                   round(textstat.flesch_reading_ease(text), 1)))
    return scores


def plan_scores(plan) -> list[ChapterScore]:
    """Reading ease of My plan's own words (content/plan.yml), as module "my-plan", chapter "plan"."""
    import textstat

    if plan is None:
        return []
    parts = [plan.intro, plan.empty_note, *plan.card_steps,
             *(f"{section.title}. {section.intro}" for section in plan.sections)]
    text = prose_text("\n\n".join(parts))
    return [ChapterScore("my-plan", "plan", len(text.split()), round(textstat.flesch_reading_ease(text), 1))]
