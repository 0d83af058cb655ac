"""The help-now pages are plain English, like every chapter."""

from __future__ import annotations

from workbook.cli import main
from workbook.content.quality import MINIMUM_EASE, help_page_scores


def test_every_help_now_page_reads_easily(workbook):
    scores = help_page_scores(workbook.support)
    assert [score.chapter_id for score in scores] == [page.id for page in workbook.support.help_now.pages]
    assert [(score.chapter_id, score.ease) for score in scores if score.ease < MINIMUM_EASE] == []


def test_workbook_quality_lists_the_help_now_pages(capsys, workbook):
    main(["quality"])
    out = capsys.readouterr().out
    for page in workbook.support.help_now.pages:
        assert page.id in out
