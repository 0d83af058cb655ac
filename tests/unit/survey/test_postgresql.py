"""The survey on a real PostgreSQL (Debian's, started by tests/components.py): two servers at
once, tables made once, and a database that goes away costs the reader nothing but a calm line."""

from __future__ import annotations

import multiprocessing
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from tests.conftest import SEED
from workbook.survey.form import SurveyForm
from workbook.survey.store import SurveyStore, responses, schema_version


def one_server(args) -> int:
    """What one workbook server and its readers' kernels do: make the tables at start, then
    store submissions from several readers at once."""
    url, server = args
    SurveyStore(url).engine.dispose()
    with ThreadPoolExecutor(max_workers=5) as readers:
        list(readers.map(lambda n: SurveyStore(url).submit(
            SEED, {"helpful": 1 + n % 5, "what-helped": f"server {server} reader {n}"}), range(25)))
    return server


@pytest.mark.slow
def test_two_servers_at_once_store_every_submission_once(postgres):
    url = postgres.new_database()
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert sorted(pool.map(one_server, [(url, 1), (url, 2)])) == [1, 2]
    store = SurveyStore(url)
    texts = sorted(row["answers"]["what-helped"] for row in store.submissions())
    assert texts == sorted(f"server {s} reader {n}" for s in (1, 2) for n in range(25))
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(schema_version)).scalar() == 1
        assert connection.execute(select(func.count()).select_from(responses)).scalar() == 50


def test_a_database_that_goes_away_gives_the_reader_a_calm_message(postgres, workbook):
    url = postgres.new_database()
    SurveyStore(url).engine.dispose()
    form = SurveyForm(workbook.survey, SEED, store_factory=lambda: SurveyStore(url))
    form.inputs["helpful"].value = {"helpful": "4"}
    postgres.stop()
    try:
        assert form.send() is False
        assert "could not be sent just now, and nothing was stored" in form.status.value
        assert "Traceback" not in form.status.value and "psycopg" not in form.status.value
        assert "127.0.0.1" not in form.status.value
    finally:
        postgres.start()
    assert form.send() is True, "once the database is back, the same answers go"
    assert [row["answers"] for row in SurveyStore(url).submissions()] == [{"helpful": 4}]


@pytest.mark.slow
def test_the_server_keeps_serving_when_the_database_is_down(postgres, tmp_path):
    from tests.browser.serving import Server

    url = postgres.new_database()
    postgres.stop()
    try:
        server = Server(tmp_path, flags=(f"--WorkbookConfig.survey_db_url={url}",))
        try:
            with urllib.request.urlopen(server.url + "/help-now", timeout=30) as response:
                assert response.status == 200
            log = server.log.read_text(encoding="utf-8")
            assert "The survey database is not available" in log
            assert url not in log and "workbook@" not in log, "no database address in the log"
        finally:
            server.stop()
    finally:
        postgres.start()
