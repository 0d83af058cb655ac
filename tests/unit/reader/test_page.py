"""Module and home pages: what they show, answers across a page, escaping, friendly errors."""

from __future__ import annotations

import pytest

from tests.conftest import SEED, catalogue_module_ids, raw_module
from widgets.base import AnswerError
from workbook.content.load import ContentError, load_support, load_workbook_uncached
from workbook.reader import page as page_module
from workbook.reader.page import ModulePage
from workbook.render import markdown


def html_of(outputs) -> str:
    return "\n".join(item for item in outputs if isinstance(item, str))


def test_module_page_shows_every_chapter_and_exercise(workbook, seed, shown):
    page = ModulePage(SEED, workbook)
    page.show()
    html = html_of(shown)
    for chapter in seed.chapters:
        assert f'id="{chapter.id}"' in html
        assert f'href="#{chapter.id}"' in html, "the contents list links every chapter"
    assert set(page.answers) == {exercise.id for exercise in seed.exercises}
    support = workbook.support
    assert support.channels[0].value in html
    assert html.count('id="support"') == 1
    assert "role=\"note\"" in html, "the pause note opens the module"
    for reference in seed.meta.references[:2]:
        assert reference.split("(")[0].strip()[:15] in html.replace("&#39;", "'").replace("&amp;", "&")


def test_notes_for_the_organisation_never_reach_readers(workbook, shown):
    assert workbook.support.configurable, "the example support.yml keeps its reminder for organisations"
    ModulePage(SEED, workbook).show()
    html = html_of(shown)
    assert "support.yml" not in html and "wb-configurable" not in html


def test_page_load_is_all_or_nothing(workbook, shown):
    page = ModulePage(SEED, workbook)
    page.show()
    good = {"scc-reflection": {q: "kept" for q in page.answers["scc-reflection"]}}
    page.load(good)
    before = page.answers
    with pytest.raises(AnswerError):
        page.load({"scc-childs-perspective": {q: "new" for q in page.answers["scc-childs-perspective"]},
                   "scc-my-stages": "not a table"})
    assert page.answers == before


def test_in_preparation_module_has_no_page(content_copy, shown):
    path = content_copy / "fantasy" / "module.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: ready", "status: in-preparation"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="in preparation") as refused:
        ModulePage("fantasy", load_workbook_uncached(content_copy))
    assert "module.yml" in str(refused.value) and "status" in str(refused.value)


def test_markdown_from_content_never_passes_raw_html():
    html = str(markdown("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>"))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_a_broken_module_shows_a_calm_unavailable_page(content_copy, monkeypatch, shown):
    (content_copy / SEED / "reflection.md").write_text("no front matter", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(content_copy))
    assert page_module.show_module(SEED) is None
    html = html_of(shown)
    title = raw_module(SEED, content_copy)["title"]
    assert f"{title} is not available right now" in html and 'role="alert"' in html
    assert f"{SEED}/reflection.md, line 1" in html, "the details name the file inside the content folder"
    assert str(content_copy) not in html and "/tmp" not in html and "Traceback" not in html
    support = load_support(content_copy)
    assert support.channels[0].value in html, "the support details stay on the page"
    assert 'href="index.ipynb"' in html, "a way back to the other modules"


def test_other_modules_still_open_when_one_is_broken(content_copy, monkeypatch, shown):
    (content_copy / SEED / "reflection.md").write_text("no front matter", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(content_copy))
    page = page_module.show_module("triggers")
    assert page is not None and page.exercises
    assert "not available" not in html_of(shown)


def test_home_marks_a_broken_module_unavailable_and_lists_the_rest(content_copy, monkeypatch, shown):
    from workbook.reader import home

    path = content_copy / SEED / "module.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Reflection", "title: Pause: check in"),
                    encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(content_copy))
    monkeypatch.setattr(home, "show_html", lambda html: shown.append(html))
    assert home.show_home() is not None
    html = html_of(shown)
    modules = catalogue_module_ids(content_copy)
    assert html.count('class="wb-module-card') == len(modules)
    assert html.count("not available right now") >= 1
    card = html[html.index(f'data-module="{SEED}"'):]
    card = card[:card.index("</li>")]
    assert "not available right now" in card and raw_module("triggers")["title"] not in card
    assert f'href="{SEED}.ipynb"' not in html
    assert 'href="triggers.ipynb"' in html
    assert str(content_copy) not in html and "Traceback" not in html


def test_home_lists_every_module_with_status(workbook, monkeypatch, shown):
    from workbook.reader import home

    monkeypatch.setattr(home, "show_html", lambda html: shown.append(html))
    home.show_home()
    html = html_of(shown)
    modules = catalogue_module_ids()
    assert html.count('class="wb-module-card"') == len(modules)
    waiting = [module_id for module_id in modules if raw_module(module_id)["status"] != "ready"]
    assert html.count(">in preparation<") == len(waiting)
    for module_id in modules:
        assert (f'href="{module_id}.ipynb"' in html) == (module_id not in waiting)
