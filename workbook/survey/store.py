"""The anonymous survey's store: SQLite by default, any SQLAlchemy URL for a larger service.

What a row holds is all there is: the module, the day, and the answers to the survey's own
questions. No address, no session, kernel or browser identifier, no time of day, and never an
exercise answer.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine

from workbook.config import WorkbookConfig

SCHEMA_VERSION = 1
MIGRATION_LOCK = 0x5755_7276  # PostgreSQL advisory lock id held while tables are made or migrated
metadata = MetaData()
schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))
responses = Table(
    "survey_responses", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("module_id", String(80), nullable=False),
    Column("submitted_on", Date, nullable=False),
)
answers = Table(
    "survey_answers", metadata,
    Column("response_id", Integer, ForeignKey("survey_responses.id"), primary_key=True),
    Column("question_id", String(80), primary_key=True),
    Column("number", Integer, nullable=True),
    Column("text", Text, nullable=True),
)


def default_url() -> str:
    """The survey database WorkbookConfig names (by default a SQLite file in this user's data folder)."""
    return WorkbookConfig().survey_db_url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class SurveyStore:
    """Creates (and migrates) the schema, stores submissions, reads them back for the report."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True, connect_args=(
            {"timeout": 30} if self.url.startswith("sqlite") else
            {"connect_timeout": 5} if self.url.startswith("postgresql") else {}))
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        """Bring the database to SCHEMA_VERSION (version 1 creates the tables)."""
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":  # servers starting together take turns
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            metadata.create_all(connection)
            current = connection.execute(select(schema_version.c.version)).scalar()
            if current is None:
                connection.execute(insert(schema_version).values(version=SCHEMA_VERSION))
            elif current > SCHEMA_VERSION:
                raise RuntimeError(f"the survey database is newer (version {current}) than this workbook")

    def submit(self, module_id: str, values: dict[str, int | str]) -> None:
        """Store one submission, all of it or none of it."""
        with self.engine.begin() as connection:
            response_id = connection.execute(insert(responses).values(
                module_id=module_id, submitted_on=datetime.date.today())).inserted_primary_key[0]
            rows = [{"response_id": response_id, "question_id": question_id,
                     "number": value if isinstance(value, int) else None,
                     "text": value if isinstance(value, str) else None}
                    for question_id, value in values.items()]
            if rows:
                connection.execute(insert(answers), rows)

    def submissions(self) -> list[dict]:
        """Every submission as {module_id, submitted_on, answers: {question: value}}."""
        with self.engine.connect() as connection:
            found = {row.id: {"module_id": row.module_id, "submitted_on": row.submitted_on, "answers": {}}
                     for row in connection.execute(select(responses).order_by(responses.c.id))}
            for row in connection.execute(select(answers)):
                value = row.number if row.number is not None else row.text
                found[row.response_id]["answers"][row.question_id] = value
        return list(found.values())

    def columns(self) -> dict[str, list[str]]:
        """Table name -> column names, for anyone checking what is kept."""
        inspector = inspect(self.engine)
        return {table: [column["name"] for column in inspector.get_columns(table)]
                for table in inspector.get_table_names()}
