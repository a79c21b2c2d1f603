"""The stored rows of every interview, its evaluation and its entries, for the JSON export.

The JSON export writes values in their stored form, so it needs the rows and nothing
made from them: `read_export_rows` reads what `store.records.read_records` reads, in the
same order and batches, without building the domain objects (about a third of an
export's time at 100,000 interviews went into making them and dropping them again).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from interview_journal.store.connection import Connection
from interview_journal.store.records import _part
from interview_journal.store.rows import ENTRY_COLUMNS, INTERVIEW_COLUMNS, Row


@dataclass(frozen=True, slots=True)
class RecordRows:
    """One interview's stored row, its evaluation's (with "lesson_from_uuid") and its
    entries' rows: what `services.exchange.record_to_json` reads of a `Record`."""

    row: Row
    evaluation_row: Row | None
    entry_rows: list[Row]


def read_export_rows(
    connection: Connection,
    *,
    interview_id: int | None = None,
    since: datetime | None = None,
    batch: int = 500,
) -> Iterator[RecordRows]:
    """Every interview (oldest first, as `read_records`) with its evaluation and entries
    as stored rows, a batch at a time."""
    query = connection.query
    conditions, params = _part(interview_id, since)
    where = " AND ".join(conditions)
    after: tuple[str, int] | None = None
    while True:
        keyset, keys = ("", []) if after is None else (" AND (starts_at, id) > (?, ?)", list(after))
        rows = query(
            f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE {where}{keyset} "
            "ORDER BY starts_at, id LIMIT ?",
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
            yield RecordRows(row, evaluations.get(row["id"]), entries.get(row["id"], []))
        after = (rows[-1]["starts_at"], rows[-1]["id"])
