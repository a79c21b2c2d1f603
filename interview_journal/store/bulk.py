"""Many interviews at once, with their evaluations and entries (demo data)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.people import person_key
from interview_journal.domain.timeline import Entry
from interview_journal.store.connection import Connection, utc_now
from interview_journal.store.grouping import application_for, person_for
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
    interviews: list[list[Any]] = []
    evaluations: list[tuple[int, list[Any]]] = []
    entries: list[tuple[int, list[Any]]] = []
    interview_columns: list[str] = []
    evaluation_columns: list[str] = []
    entry_columns: list[str] = []
    new_ids: list[int] = []
    with connection.writing() as db, _index_afterwards(db, new_ids):
        known: set[tuple[str, str]] = set()
        for number, bundle in enumerate(chunk):
            row = interview_to_row(bundle.interview)
            if row["application_id"] is None:
                row["application_id"] = application_for(db, row["company"], row["role"])
            _people_named(
                db, known, row["company"], row["interviewers"], (e.contact for e in bundle.entries)
            )
            interviews.append([*row.values(), *stamps])
            interview_columns = list(row)
            if bundle.evaluation is not None:
                values = evaluation_to_row(bundle.evaluation) | {"interview_id": 0}
                evaluations.append((number, [*values.values(), *stamps]))
                evaluation_columns = list(values)
            for entry in bundle.entries:
                values = entry_to_row(entry) | {"interview_id": 0}
                entries.append((number, [*values.values(), *stamps]))
                entry_columns = list(values)
        new_ids.extend(_insert_interviews(db, interview_columns, interviews))
        conn = db.conn
        if evaluations:
            at = evaluation_columns.index("interview_id")
            for number, cells in evaluations:
                cells[at] = new_ids[number]
            conn.executemany(
                _insert_sql("evaluations", evaluation_columns), [v for _, v in evaluations]
            )
        if entries:
            at = entry_columns.index("interview_id")
            for number, cells in entries:
                cells[at] = new_ids[number]
            conn.executemany(_insert_sql("follow_ups", entry_columns), [v for _, v in entries])
    if progress is not None:
        progress(len(chunk))
    return len(chunk)


def _people_named(
    db: Database,
    known: set[tuple[str, str]],
    company: str,
    interviewers_json: str,
    contacts: Iterable[str],
) -> None:
    """`people_named`, asking the journal only about the names not already made sure of
    in this transaction (`known`): a batch names the same few people again and again."""
    place = company.strip()
    for met in json.loads(interviewers_json or "[]"):
        name = str(met.get("name", ""))
        if (person_key(name), place) not in known:
            person_for(db, name, company, role=str(met.get("role", "")))
            known.add((person_key(name), place))
    for contact in contacts:
        if (person_key(contact), place) not in known:
            person_for(db, contact, company)
            known.add((person_key(contact), place))


def _insert_interviews(db: Database, columns: list[str], rows: list[list[Any]]) -> list[int]:
    """Insert the rows in order in one statement; returns their ids in the same order.

    Inside the transaction nobody else writes, so SQLite numbers them one past the
    largest id, in order; should it not have (the largest id possible is taken), each
    is looked up by its uuid."""
    if not rows:
        return []
    conn = db.conn
    before = conn.execute("SELECT coalesce(max(id), 0) FROM interviews").fetchone()[0]
    conn.executemany(_insert_sql("interviews", columns), rows)
    last, count = conn.execute(
        "SELECT max(id), count(*) FROM interviews WHERE id > ?", [before]
    ).fetchone()
    if (last, count) == (before + len(rows), len(rows)):
        return list(range(before + 1, before + len(rows) + 1))
    at = columns.index("uuid")
    return [
        int(conn.execute("SELECT id FROM interviews WHERE uuid = ?", [row[at]]).fetchone()[0])
        for row in rows
    ]


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
