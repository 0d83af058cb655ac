"""First pages made once with no reader (server/shells.py): kept while the notebook and the content
are unchanged, made again when either changes, never kept when cut short, asked-for pages first."""

from __future__ import annotations

import asyncio
import logging
import os

from workbook.render import page_end
from workbook.server import shells
from workbook.server.shells import ShellCache, files_key


class Cache(ShellCache):
    """A ShellCache whose pages are made without a kernel; it records the order they are made in."""

    def __init__(self, folder, html=None):
        (folder / "notebooks").mkdir()
        (folder / "content").mkdir()
        for name in ("index", "a", "b"):
            (folder / "notebooks" / f"{name}.ipynb").write_text("{}")
        (folder / "content" / "module.yml").write_text("title: A")
        super().__init__(manager=None, notebooks=folder / "notebooks", content=folder / "content",
                         log=logging.getLogger("test"))
        self.made: list[str] = []
        self.html = html or (lambda name: f"<p>{name} {len(self.made)}</p>{page_end()}")

    async def render(self, notebook: str) -> str:
        await asyncio.sleep(0)
        self.made.append(notebook)
        return self.html(notebook)


async def settled(cache: Cache) -> None:
    await asyncio.sleep(0)
    while cache._worker is not None and not cache._worker.done():
        await asyncio.sleep(0.01)


def test_a_first_page_is_made_once_and_sent_until_a_file_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(shells.upstream, "notebook_renderer", lambda manager, notebook: object())
    cache = Cache(tmp_path)

    async def scenario():
        assert cache.page("a.ipynb") is None, "the first reader gets their page the old way"
        await settled(cache)
        assert cache.page("a.ipynb").startswith("<p>a.ipynb 1</p>")
        assert cache.page("a.ipynb").startswith("<p>a.ipynb 1</p>") and cache.made == ["a.ipynb"]
        content = tmp_path / "content" / "module.yml"
        content.write_text("title: A changed")
        os.utime(content, ns=(1, 1))
        assert cache.page("a.ipynb") is None, "a page from the old content is never sent"
        await settled(cache)
        assert cache.page("a.ipynb").startswith("<p>a.ipynb 2</p>")

    asyncio.run(scenario())


def test_the_key_follows_the_notebook_and_every_content_file(tmp_path):
    (tmp_path / "content" / "deep").mkdir(parents=True)
    notebook = tmp_path / "a.ipynb"
    notebook.write_text("{}")
    chapter = tmp_path / "content" / "deep" / "chapter.md"
    chapter.write_text("one")
    before = files_key(notebook, tmp_path / "content")
    chapter.write_text("one and more")
    assert files_key(notebook, tmp_path / "content") != before
    notebook.write_text('{"cells": []}')
    assert files_key(notebook, tmp_path / "content") != before


def test_a_page_cut_short_is_not_kept_nor_made_again_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(shells.upstream, "notebook_renderer", lambda manager, notebook: object())
    cache = Cache(tmp_path, html=lambda name: "<p>half a page</p>")

    async def scenario():
        assert cache.page("a.ipynb") is None
        await settled(cache)
        assert cache.page("a.ipynb") is None
        await settled(cache)
        assert cache.made == ["a.ipynb"]

    asyncio.run(scenario())


def test_the_page_a_reader_asks_for_is_made_first(tmp_path, monkeypatch):
    monkeypatch.setattr(shells.upstream, "notebook_renderer", lambda manager, notebook: object())
    cache = Cache(tmp_path)

    async def scenario():
        cache.prepare_all()
        cache.page("b.ipynb")
        await settled(cache)

    asyncio.run(scenario())
    assert cache.made[0] == "b.ipynb" and sorted(cache.made) == ["a.ipynb", "b.ipynb", "index.ipynb"]


def test_without_preheating_no_first_page_is_made(tmp_path, monkeypatch):
    monkeypatch.setattr(shells.upstream, "notebook_renderer", lambda manager, notebook: None)
    cache = Cache(tmp_path)

    async def scenario():
        assert cache.page("a.ipynb") is None
        await settled(cache)

    asyncio.run(scenario())
    assert cache.made == []
