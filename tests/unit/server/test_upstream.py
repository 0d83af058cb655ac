"""The adapters to Voilà's, jupyter_server's, tornado's and nbconvert's unpublished names, checked
against the installed releases: an upgrade that renames one fails here, not in front of readers."""

from __future__ import annotations

import asyncio
import json

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from nbconvert.exporters import WebPDFExporter
from nbformat.v4 import new_markdown_cell, new_notebook
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import GZipContentEncoding
from traitlets.utils.importstring import import_item
from voila.voila_kernel_manager import voila_kernel_manager_factory

from tests.unit.server.kernel_fakes import FakeVoilaApp, finished, pending, preheating_manager, run
from workbook.export import upstream as export_upstream
from workbook.export.documents import module_document
from workbook.export.exporters import TEMPLATES, ModulePDFExporter
from workbook.export.printer import PdfPrinter
from workbook.export.slide_sections import SlideSections
from workbook.server import upstream
from workbook.server.assets import static_assets


# ---- Voilà ------------------------------------------------------------------------------------
def test_voilas_preheating_class_has_the_pools_and_settings_the_adapter_reads(tmp_path):
    manager = preheating_manager(tmp_path, max_kernels=4, pool_size=3)
    assert isinstance(getattr(manager, upstream.POOLS), dict)
    assert upstream.standby_pools(manager) is getattr(manager, upstream.POOLS)
    assert callable(manager.fill_if_needed)
    assert upstream.pool_size(manager, "any.ipynb") == 3
    manager.kernel_pools_config = {"default": {"pool_size": 3}, "one.ipynb": {"pool_size": 1}}
    assert upstream.pool_size(manager, "one.ipynb") == 1


def test_a_refill_through_voila_gives_ready_standby_tasks_holding_their_kernel_id(tmp_path):
    manager = preheating_manager(tmp_path, max_kernels=4, pool_size=2)

    async def prepare(notebook, kernel_id=None, **kwargs):  # Voilà's own starts and renders the page
        return {"kernel_id": await manager.start_kernel(**kwargs)}

    manager._initialize = prepare

    async def scenario():
        upstream.refill_pool(manager, "a.ipynb")
        tasks = list(upstream.standby_tasks(manager, "a.ipynb"))
        assert len(tasks) == 2 and not any(upstream.task_ready(t) for t in tasks)
        await asyncio.gather(*tasks)
        return tasks

    tasks = run(scenario())
    assert all(upstream.task_ready(t) for t in tasks)
    ids = [upstream.kernel_id_of(t) for t in tasks]
    assert sorted(ids) == sorted(manager.fake_kernels)
    assert [pool_task for _, pool_task in upstream.ready_tasks(manager)] == tasks
    assert all(upstream.is_standby_start(kwargs) for kwargs in manager.started_with)
    assert not upstream.is_standby_start({"env": {"PATH": "/bin"}}) and not upstream.is_standby_start({})


def test_without_preheating_there_are_no_standby_kernels():
    manager = AsyncMappingKernelManager()
    assert upstream.standby_pools(manager) == {} and upstream.standby_tasks(manager, "a.ipynb") == []
    assert upstream.pool_size(manager, "a.ipynb") == 0


def test_a_standby_task_is_ready_only_once_it_ended_with_a_kernel():
    async def scenario():
        ready, starting = finished({"kernel_id": "k1"}), pending()
        failed, cancelled = finished(error=RuntimeError("no room")), finished(cancelled=True)
        assert [upstream.task_ready(t) for t in (ready, starting, failed, cancelled)] == [
            True, False, False, False]
        assert [upstream.task_failed(t) for t in (ready, starting, failed, cancelled)] == [
            False, False, True, True]

    run(scenario())


# ---- jupyter_server ---------------------------------------------------------------------------
def test_running_kernels_come_from_jupyter_servers_public_methods():
    manager = AsyncMappingKernelManager()
    assert upstream.running_kernel_ids(manager) == []
    assert upstream.running_kernel(manager, "not-a-kernel") is None


def test_the_workbook_managers_own_attributes_clash_with_nothing_upstream(tmp_path):
    plain = voila_kernel_manager_factory(AsyncMappingKernelManager, preheat_kernel=True, default_pool_size=0)
    upstream_manager = plain(parent=FakeVoilaApp(root_dir=str(tmp_path)))
    ours = set(vars(preheating_manager(tmp_path, max_kernels=2))) - set(vars(upstream_manager))
    assert {"_starting", "_stopping", "_seen_by_culler"} <= ours
    for name in ("_starting", "_stopping", "_seen_by_culler", "tidy_pools", "can_start_for_reader"):
        assert not hasattr(upstream_manager, name), name


# ---- tornado ----------------------------------------------------------------------------------
def request(path: str) -> HTTPServerRequest:
    return HTTPServerRequest(start_line=RequestStartLine("GET", path, "HTTP/1.1"),
                             headers=HTTPHeaders({"Host": "localhost", "Accept-Encoding": "gzip"}))


def test_tornados_gzip_transform_still_keeps_its_switch_where_the_adapter_sets_it():
    assert getattr(GZipContentEncoding(request("/x.js")), upstream.GZIPPING) is True
    assets = static_assets("/app/")
    assert getattr(assets(request("/app/voila/static/voila.js")), upstream.GZIPPING) is True
    assert getattr(assets(request("/app/voila/render/seed.ipynb")), upstream.GZIPPING) is False


# ---- nbconvert --------------------------------------------------------------------------------
class NotePrinter(PdfPrinter):
    """Keeps the HTML it is given instead of starting Chromium."""

    def __init__(self):
        self.pages: list[str] = []

    def pdf(self, html: str) -> bytes:
        self.pages.append(html)
        return b"%PDF-pretend"


def test_nbconvert_still_prints_through_the_step_the_pdf_exporter_takes_over(workbook, seed):
    assert callable(getattr(WebPDFExporter, export_upstream.PRINT_STEP))
    printer = NotePrinter()
    pdf, _ = ModulePDFExporter(printer=printer).from_notebook_node(module_document(workbook, seed), {})
    assert pdf == b"%PDF-pretend"
    assert len(printer.pages) == 1 and seed.meta.title in printer.pages[0]


def test_the_slides_template_names_no_private_nbconvert_class():
    conf = json.loads((TEMPLATES / "workbook_slides" / "conf.json").read_text())
    for step in conf["preprocessors"].values():
        assert not any(part.startswith("_") for part in step["type"].split(".")), step["type"]
        assert import_item(step["type"])


def cell(slide_type: str | None):
    made = new_markdown_cell(slide_type or "plain")
    if slide_type:
        made.metadata["slideshow"] = {"slide_type": slide_type}
    return made


def marks(nb) -> list[tuple]:
    keys = ("slide_start", "subslide_start", "subslide_end", "slide_end")
    return [(c.metadata.slide_type, *(k for k in keys if c.metadata.get(k))) for c in nb.cells]


def test_slide_sections_open_and_close_around_slides_and_subslides():
    nb = new_notebook(cells=[cell("notes"), cell(None), cell("notes"), cell("subslide"), cell("-"),
                             cell("slide"), cell("skip")])
    done, _ = SlideSections().preprocess(nb, {})
    assert marks(done) == [
        ("notes",),
        ("slide", "slide_start", "subslide_start"),
        ("notes", "subslide_end"),
        ("subslide", "subslide_start"),
        ("-", "subslide_end", "slide_end"),
        ("slide", "slide_start", "subslide_start"),
        ("skip", "subslide_end", "slide_end"),
    ]
    assert "slide_type" not in nb.cells[1].metadata, "the notebook given is left as it was"


def test_slides_need_one_cell_that_shows():
    with pytest.raises(ValueError):
        SlideSections().preprocess(new_notebook(cells=[cell("notes"), cell("skip")]), {})


def test_voilas_preheating_class_makes_the_renderer_first_pages_are_made_with(tmp_path):
    manager = preheating_manager(tmp_path, max_kernels=4, pool_size=1)
    assert callable(getattr(manager, upstream.RENDERER_FACTORY))
    assert upstream.notebook_renderer(object(), "a.ipynb") is None, "no factory: preheating is off"
