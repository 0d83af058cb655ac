"""Where to start, on the home page: plain questions that lead to a module or a help page, with
nothing stored or sent, and content checks that name a question leading nowhere."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest
import yaml

from workbook.cli import main
from workbook.content.load import ContentError, load_workbook_uncached
from workbook.reader import home
from workbook.reader import page as page_module

# The help pages the server shows (issue 14): the only pages a question may lead to.
HELP_NOW = {"/help-now/contact-with-a-child", "/help-now/police", "/help-now/desperate", "/help-now"}


@pytest.fixture
def home_html(monkeypatch):
    shown = []
    monkeypatch.setattr(home, "show_html", shown.append)
    monkeypatch.setattr(home, "display", lambda *_args, **_kwargs: None)
    monkeypatch.setattr(page_module, "display", lambda *_args, **_kwargs: None)
    home.show_home()
    return "\n".join(shown)


def section_of(html: str) -> str:
    found = re.search(r'<section class="wb-where-to-start".*?</section>', html, re.S)
    assert found, "the home page has a where-to-start section"
    return found.group(0)


def test_home_asks_where_to_start_with_working_links(workbook, home_html):
    section = section_of(home_html)
    start = workbook.catalogue.where_to_start
    assert section.count("<details>") == len(start.questions) >= 5
    for point in start.questions:
        assert f"<summary>{point.question}</summary>" in section.replace("&#39;", "'")
    hrefs = re.findall(r'href="([^"]+)"', section)
    assert len(hrefs) >= len(start.questions)
    for href in hrefs:
        if href.endswith(".ipynb"):
            module_id = href.removesuffix(".ipynb")
            assert module_id in workbook.modules and workbook.modules[module_id].ready, href
        else:
            # Relative to <base>/voila/render/<page>.ipynb, the links reach <base>/help-now/...
            resolved = PurePosixPath("/base/voila/render", href)
            parts = []
            for part in resolved.parts[1:]:
                parts = parts[:-1] if part == ".." else [*parts, part]
            assert "/" + "/".join(parts[1:]) in HELP_NOW and parts[0] == "base", href
    for needed in ("/help-now/contact-with-a-child", "/help-now/police"):
        assert f'href="{home.SITE_ROOT}{needed}"' in section


def test_where_to_start_stores_and_sends_nothing(home_html):
    section = section_of(home_html)
    for tag in ("<form", "<input", "<button", "<script", "<select", "<textarea"):
        assert tag not in section.lower(), tag
    assert not re.search(r"<[^>]*\son\w+=", section), "no event handlers"


def catalogue_with(content, change) -> None:
    path = content / "catalogue.yml"
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(catalogue["where_to_start"]["questions"])
    path.write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")


def test_check_names_a_question_that_leads_to_no_module(content_copy, capsys):
    catalogue_with(content_copy, lambda questions: questions[-1].update(modules=["living-with-nothing"]))
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "catalogue.yml, line " in err and "where_to_start names 'living-with-nothing'" in err
    assert "which is not a module" in err and "Traceback" not in err


@pytest.mark.parametrize("change, expected", [
    (lambda q: q[0].update(modules=["triggers"]), "either modules"),
    (lambda q: q[0].pop("link"), "give link"),
    (lambda q: q[0].update(page="javascript:alert(1)"), "one of this workbook's own pages"),
    (lambda q: q[0].update(page="https://example.org/x"), "one of this workbook's own pages"),
])
def test_each_question_leads_to_modules_or_one_page_of_this_site(content_copy, change, expected):
    catalogue_with(content_copy, change)
    with pytest.raises(ContentError, match=expected) as error:
        load_workbook_uncached(content_copy)
    assert re.search(r"catalogue\.yml, line \d+: ", str(error.value))


def test_the_section_is_optional(content_copy):
    path = content_copy / "catalogue.yml"
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    del catalogue["where_to_start"]
    path.write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    assert load_workbook_uncached(content_copy).catalogue.where_to_start is None
