"""Where each slide and sub-slide opens and closes, for the workbook_slides template.

Cells say what they are in `metadata.slideshow.slide_type` ("slide", "subslide", "notes", "skip",
or "-" to go on the current slide). This preprocessor copies that to `metadata.slide_type` and
marks the cells that open (`slide_start`, `subslide_start`) and close (`subslide_end`,
`slide_end`) a `<section>`. The first cell that shows opens the first slide.
"""

from __future__ import annotations

from copy import deepcopy

from nbconvert.preprocessors import Preprocessor

NOT_SHOWN = {"notes", "skip"}
OPENS_SUBSLIDE = {"slide", "subslide"}


def slide_type_of(cell) -> str:
    slideshow = cell.metadata.get("slideshow")
    return slideshow.get("slide_type", "-") if isinstance(slideshow, dict) else "-"


class SlideSections(Preprocessor):
    """Mark the cells that open and close slides and sub-slides (on a copy of the notebook)."""

    def preprocess(self, nb, resources=None):
        nb = deepcopy(nb)
        cells = nb.cells
        for cell in cells:
            cell.metadata.slide_type = slide_type_of(cell)
        first = next((n for n, cell in enumerate(cells) if cell.metadata.slide_type not in NOT_SHOWN),
                     None)
        if first is None:
            raise ValueError("no cell would show on a slide")
        cells[first].metadata.slide_type = "slide"
        for number in range(first, len(cells)):
            here = cells[number].metadata
            if here.slide_type not in OPENS_SUBSLIDE:
                continue
            here.subslide_start = True
            if here.slide_type == "slide":
                here.slide_start = True
            if number > first:
                before = cells[number - 1].metadata
                before.subslide_end = True
                if here.slide_type == "slide":
                    before.slide_end = True
        cells[-1].metadata.subslide_end = True
        cells[-1].metadata.slide_end = True
        return nb, resources
