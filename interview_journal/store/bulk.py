"""Many interviews at once, with their evaluations and entries (demo data)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry
from interview_journal.store.connection import Connection, utc_now
from interview_journal.store.grouping import application_for, people_named
from interview_journal.store.rows import entry_to_row, evaluation_to_row, interview_to_row


@dataclass(frozen=True)
class Bundle:
    """An interview with what belongs to it, before it has an id.

    The evaluation's and entries' `interview_id` are ignored: the store fills them in.
    """

    interview: Interview
    evaluation: Evaluation | None = None
    entries: tuple[Entry, ...] = ()


def _insert_sql(table: str, columns: Iterable[str]) -> str:
    names = [*columns, "created_at", "updated_at", "version"]
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"


def add_many(
    connection: Connection,
    records: Iterable[Interview | Bundle],
    *,
    batch: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert many interviews quickly: one transaction per batch; returns how many
    interviews were written."""
    total = 0
    chunk: list[Bundle] = []
    for record in records:
        chunk.append(record if isinstance(record, Bundle) else Bundle(record))
        if len(chunk) >= batch:
            total += _write(connection, chunk, progress)
            chunk = []
    if chunk:
        total += _write(connection, chunk, progress)
    return total


def _write(
    connection: Connection, chunk: list[Bundle], progress: Callable[[int], None] | None
) -> int:
    now = utc_now()
    stamps = [now, now, 1]
    evaluations: list[list[Any]] = []
    entries: list[list[Any]] = []
    evaluation_columns: list[str] = []
    entry_columns: list[str] = []
    new_ids: list[int] = []
    with connection.writing() as db, _index_afterwards(db, new_ids):
        conn = db.conn
        for bundle in chunk:
            row = interview_to_row(bundle.interview)
            if row["application_id"] is None:
                row["application_id"] = application_for(db, row["company"], row["role"])
            people_named(
                db, row["company"], row["interviewers"], (e.contact for e in bundle.entries)
            )
            new_id = conn.execute(
                _insert_sql("interviews", row), [*row.values(), *stamps]
            ).lastrowid
            assert new_id is not None
            new_ids.append(new_id)
            if bundle.evaluation is not None:
                values = evaluation_to_row(bundle.evaluation) | {"interview_id": new_id}
                evaluations.append([*values.values(), *stamps])
                evaluation_columns = list(values)
            for entry in bundle.entries:
                values = entry_to_row(entry) | {"interview_id": new_id}
                entries.append([*values.values(), *stamps])
                entry_columns = list(values)
        if evaluations:
            conn.executemany(_insert_sql("evaluations", evaluation_columns), evaluations)
        if entries:
            conn.executemany(_insert_sql("follow_ups", entry_columns), entries)
    if progress is not None:
        progress(len(chunk))
    return len(chunk)


@contextmanager
def _index_afterwards(db: Database, new_ids: list[int]) -> Iterator[None]:
    """Inside one transaction: the search index's triggers are set aside while a batch is
    written and the new interviews are indexed once at the end, instead of each of them
    again for every evaluation and follow-up it gets (4 times faster for demo data)."""
    triggers = [
        row["sql"]
        for row in db.query(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_words\\_%' "
            "ESCAPE '\\'"
        )
    ]
    for sql in triggers:
        db.execute("DROP TRIGGER " + sql.split()[2])
    yield
    columns = ", ".join(
        row["name"] for row in db.query("SELECT name FROM pragma_table_info('interviews_fts')")
    )
    for start in range(0, len(new_ids), 500):
        marks = ",".join(str(int(i)) for i in new_ids[start : start + 500])
        db.execute(
            f"INSERT INTO interviews_fts (rowid, {columns}) SELECT id, {columns} "
            f"FROM interview_words WHERE id IN ({marks})"
        )
    for sql in triggers:
        db.execute(sql)
