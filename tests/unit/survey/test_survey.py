"""The anonymous survey: what is stored (and what never is), concurrency, the report, the form."""

from __future__ import annotations

import datetime
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlalchemy import text

from tests.conftest import SEED
from workbook.cli import main
from workbook.survey.form import SurveyForm
from workbook.survey.report import report_html
from workbook.survey.store import SurveyStore

HOSTILE = "<script>alert('x')</script> & \"quotes\" ' ; DROP TABLE survey_answers; --"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """Every survey test runs on SQLite (the default) and on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'survey.sqlite'}"
    return request.getfixturevalue("postgres").new_database()


def test_the_schema_holds_nothing_identifying(db_url):
    columns = SurveyStore(db_url).columns()
    assert columns == {
        "schema_version": ["version"],
        "survey_responses": ["id", "module_id", "submitted_on"],
        "survey_answers": ["response_id", "question_id", "number", "text"],
    }


def test_a_submission_is_stored_verbatim_with_the_day_only(db_url, tmp_path):
    store = SurveyStore(db_url)
    store.submit(SEED, {"helpful": 4, "what-helped": HOSTILE, "another": "yes"})
    [row] = store.submissions()
    assert row["module_id"] == SEED
    assert row["submitted_on"] == datetime.date.today()
    assert row["answers"] == {"helpful": 4, "what-helped": HOSTILE, "another": "yes"}
    with store.engine.connect() as connection:
        raw = connection.execute(text("select submitted_on from survey_responses")).scalar()
    assert str(raw) == datetime.date.today().isoformat(), "a day, never a time"


def submit_one(args):
    url, number = args
    SurveyStore(url).submit(SEED, {"helpful": 1 + number % 5, "what-helped": f"submission {number}"})
    return number


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'survey.sqlite'}"


@pytest.mark.slow
def test_fifty_concurrent_submissions_are_all_kept_once(sqlite_url):
    db_url = sqlite_url
    SurveyStore(db_url).engine.dispose()  # the app creates the schema once; no connection is shared
    with ProcessPoolExecutor(max_workers=8, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = list(pool.map(submit_one, [(db_url, n) for n in range(50)]))
    assert sorted(done) == list(range(50))
    texts = [row["answers"]["what-helped"] for row in SurveyStore(db_url).submissions()]
    assert sorted(texts) == sorted(f"submission {n}" for n in range(50))


def test_report_counts_rates_and_escapes(db_url, workbook):
    store = SurveyStore(db_url)
    store.submit(SEED, {"helpful": 5, "hard": 2, "anything-else": HOSTILE, "another": "maybe"})
    store.submit(SEED, {"helpful": 3})
    store.submit("fantasy", {"helpful": 4})
    html = report_html(store, workbook.survey, workbook)
    assert "3 anonymous submissions" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<td>4.0</td>" in html, "mean helpfulness of the seed module"
    assert "Maybe: 1" in html
    assert html.count("data:image/png;base64,") == 3
    assert "http://" not in html and "https://" not in html


def test_report_command_writes_a_file(db_url, tmp_path, capsys):
    SurveyStore(db_url).submit(SEED, {"helpful": 2})
    out = tmp_path / "report.html"
    assert main(["survey-report", "--db", db_url, "-o", str(out)]) == 0
    assert "1 submissions" in capsys.readouterr().out and "Survey report" in out.read_text()


@pytest.mark.slow
def test_report_as_pdf(sqlite_url, tmp_path):
    """The command as staff run it, in its own process (the browser tests hold this one's loop)."""
    import subprocess
    db_url = sqlite_url
    import sys

    SurveyStore(db_url).submit(SEED, {"helpful": 2, "what-helped": "the worked examples"})
    out = tmp_path / "report.pdf"
    subprocess.run([sys.executable, "-m", "workbook.cli", "survey-report", "--db", db_url, "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Survey report" in text and "the worked examples" in text


def test_form_checks_values_and_sends_once(db_url, workbook):
    form = SurveyForm(workbook.survey, SEED, store_factory=lambda: SurveyStore(db_url))
    assert not form.send()
    assert "at least one question" in form.status.value
    form.inputs["helpful"].value = {"helpful": "9"}          # a hostile client: out of range
    assert form.inputs["helpful"].value == {}
    form.inputs["helpful"].value = {"helpful": "4"}
    form.inputs["another"].value = {"another": "no"}
    form.inputs["missing"].value = "x" * 1500                # cut to the question's limit
    assert form.send()
    assert not form.send(), "one submission per page view"
    assert form.send_button.disabled
    [row] = SurveyStore(db_url).submissions()
    assert row["answers"]["helpful"] == 4 and row["answers"]["another"] == "no"
    assert len(row["answers"]["missing"]) == 1000


def test_a_database_problem_is_told_plainly_and_stores_nothing(workbook):
    def broken():
        raise OSError("disk full")

    form = SurveyForm(workbook.survey, SEED, store_factory=broken)
    form.inputs["helpful"].value = {"helpful": "3"}
    assert not form.send()
    assert "could not be sent" in form.status.value and not form.sent


def intro_of(form: SurveyForm) -> str:
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", child.value).split())
                    for child in form.children if isinstance(getattr(child, "value", None), str))


def test_the_form_says_what_not_to_write_what_is_stored_and_what_cannot_be_done(workbook):
    intro = intro_of(SurveyForm(workbook.survey, SEED))
    assert "do not write anything that could identify you, a child or an offence" in intro
    assert "use the helpline" in intro and "999" in intro
    assert "cannot reply" in intro and "cannot act to protect a child" in intro
    stored = intro[intro.index("What is stored:"):]
    for kept in ("your answers to these questions", "exactly as you typed it", "the module", "the date"):
        assert kept in stored, kept
    limits = {f"{q.max_length:,} characters" for q in workbook.survey.questions if q.kind == "text"}
    assert len(limits) == 1 and limits.pop() in stored, "the limit it states is the one the form applies"
    for never in ("address", "account", "time of day", "exercise answers", "device"):
        assert never in stored.split("We do not store", 1)[1], never


def test_the_form_has_no_open_anything_else_box(workbook):
    ids = [question.id for question in workbook.survey.questions]
    assert "anything-else" not in ids
    texts = [q.text for q in workbook.survey.questions if q.kind == "text"]
    assert not any("anything else" in text.lower() for text in texts)


def test_written_answers_to_a_question_no_longer_asked_stay_in_the_report(db_url, workbook):
    store = SurveyStore(db_url)
    store.submit(SEED, {"helpful": 4, "anything-else": "sent before the box was taken out"})
    html = report_html(store, workbook.survey, workbook, charts=False)
    assert "A question no longer asked (anything-else)" in html
    assert "sent before the box was taken out" in html
