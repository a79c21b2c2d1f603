"""What an export reads: every interview with its evaluation and entries, a batch at a
time, and the applications and people they belong with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from interview_journal.dates import to_storage
from interview_journal.store.connection import Connection
from interview_journal.store.exchange import Record
from interview_journal.store.rows import (
    APPLICATION_COLUMNS,
    ENTRY_COLUMNS,
    INTERVIEW_COLUMNS,
    PERSON_COLUMNS,
    Row,
    entry_from_row,
    evaluation_from_row,
    interview_from_row,
)


def _part(interview_id: int | None, since: datetime | None) -> tuple[list[str], list[Any]]:
    """The conditions on `interviews` that pick one interview, or those from `since` on."""
    conditions: list[str] = ["1"]
    params: list[Any] = []
    if interview_id is not None:
        conditions.append("id = ?")
        params.append(interview_id)
    if since is not None:
        conditions.append("starts_at >= ?")
        params.append(to_storage(since))
    return conditions, params


def read_records(
    connection: Connection,
    *,
    interview_id: int | None = None,
    since: datetime | None = None,
    batch: int = 500,
) -> Iterator[Record]:
    """Every interview (oldest first) with its evaluation and entries, a batch at a time."""
    query = connection.query
    conditions, params = _part(interview_id, since)
    after: tuple[str, int] | None = None
    while True:
        keyset, keys = ("", []) if after is None else (" AND (starts_at, id) > (?, ?)", list(after))
        rows = query(
            f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE {' AND '.join(conditions)}"
            f"{keyset} ORDER BY starts_at, id LIMIT ?",
            [*params, *keys, batch],
        )
        if not rows:
            return
        ids = [row["id"] for row in rows]
        marks = ",".join("?" for _ in ids)
        evaluations = {
            row["interview_id"]: row
            for row in query(
                "SELECT e.*, (SELECT uuid FROM interviews WHERE id = e.lesson_from) "
                f"AS lesson_from_uuid FROM evaluations e WHERE e.interview_id IN ({marks})",
                ids,
            )
        }
        entries: dict[int, list[Row]] = {}
        for row in query(
            f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE interview_id IN ({marks}) "
            "ORDER BY interview_id, coalesce(done, due), id",
            ids,
        ):
            entries.setdefault(row["interview_id"], []).append(row)
        for row in rows:
            evaluation_row = evaluations.get(row["id"])
            entry_rows = entries.get(row["id"], [])
            yield Record(
                interview=interview_from_row(row),
                row=row,
                evaluation=evaluation_from_row(evaluation_row) if evaluation_row else None,
                evaluation_row=evaluation_row,
                entries=[entry_from_row(entry) for entry in entry_rows],
                entry_rows=entry_rows,
            )
        after = (rows[-1]["starts_at"], rows[-1]["id"])


def application_rows(
    connection: Connection, *, interview_id: int | None = None, since: datetime | None = None
) -> list[Row]:
    """Every application in the order they were made; for part of the journal (one
    interview, or those from `since` on), the applications its rounds belong to."""
    where = ""
    conditions, params = _part(interview_id, since)
    if len(conditions) > 1:
        where = (
            f" WHERE id IN (SELECT application_id FROM interviews WHERE {' AND '.join(conditions)})"
        )
    return connection.query(
        f"SELECT {APPLICATION_COLUMNS} FROM applications{where} ORDER BY id", params
    )


def people_rows(
    connection: Connection, *, interview_id: int | None = None, since: datetime | None = None
) -> list[Row]:
    """Every person in the order they were recorded; for part of the journal, the people
    at the companies of its rounds."""
    where = ""
    conditions, params = _part(interview_id, since)
    if len(conditions) > 1:
        where = (
            f" WHERE company IN (SELECT company FROM interviews WHERE {' AND '.join(conditions)})"
        )
    return connection.query(f"SELECT {PERSON_COLUMNS} FROM people{where} ORDER BY id", params)
