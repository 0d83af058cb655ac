"""A chapter's prose as slides: one slide per heading's section, long sections split by paragraphs.

A trainer's own text (a chapter they add, or paragraphs they write into one) reaches the slides
this way. A slide holds at most WORDS_PER_SLIDE words of whole paragraphs; a longer paragraph gets a
slide of its own, in smaller type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS_PER_SLIDE = 80
HEADING = re.compile(r"^(#{3,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class ProseSlide:
    heading: str | None
    paragraphs: tuple[str, ...]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def long(self) -> bool:
        return self.words > WORDS_PER_SLIDE


def sections(markdown: str) -> list[tuple[str | None, list[str]]]:
    """(heading or None, its paragraphs), in order; paragraphs are blocks between blank lines."""
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    for block in re.split(r"\n\s*\n", markdown.strip()):
        block = block.strip()
        if not block:
            continue
        first, _, rest = block.partition("\n")
        heading = HEADING.match(first)
        if heading:
            found.append((heading.group(2), []))
            block = rest.strip()
        if block:
            found[-1][1].append(block)
    return [(heading, paragraphs) for heading, paragraphs in found if heading or paragraphs]


def prose_slides(markdown: str) -> list[ProseSlide]:
    """The slides for one block of chapter prose."""
    slides = []
    for heading, paragraphs in sections(markdown):
        group: list[str] = []
        for paragraph in paragraphs:
            if group and sum(len(p.split()) for p in group) + len(paragraph.split()) > WORDS_PER_SLIDE:
                slides.append(ProseSlide(heading, tuple(group)))
                group = []
            group.append(paragraph)
        slides.append(ProseSlide(heading, tuple(group)))
    return slides
