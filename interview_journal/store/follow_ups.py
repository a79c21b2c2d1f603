"""Timeline entries (the `follow_ups` table) and the suggestions the user dismissed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from interview_journal.domain.timeline import Entry, When
from interview_journal.errors import NotFoundError
from interview_journal.store.connection import Connection, update_versioned, utc_now
from interview_journal.store.drafts import takes_words_away
from interview_journal.store.grouping import person_for
from interview_journal.store.rows import (
    ENTRY_COLUMNS,
    Row,
    entry_from_row,
    entry_to_row,
)

__all__ = ["RULE_ENTRIES_PER_KIND", "DeletedEntry", "FollowUps"]

_TEXTS = ("contact", "reason", "note")
"""The words of an entry the search index holds."""

RULE_ENTRIES_PER_KIND = 20
"""The suggestion rules ask, per interview and kind of entry, whether there is one and
when the latest ones were: the most recent this many of each kind answer that (with
every entry that accepted a suggestion), so one interview with 100,000 follow-ups costs
what one with twenty does."""


@dataclass(frozen=True)
class DeletedEntry:
    """A deleted timeline entry, kept in memory so `u` can put it back exactly."""

    entry: Entry
    row: dict[str, Any]


class FollowUps:
    """Timeline entries: notes, follow-ups and answers, planned or done."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, entry: Entry) -> Entry:
        now = utc_now()
        row = entry_to_row(entry) | {"created_at": now, "updated_at": now, "version": 1}
        with self.connection.writing() as db:
            if not db.execute(
                "SELECT 1 FROM interviews WHERE id = ?", [entry.interview_id]
            ).fetchone():
                raise NotFoundError(f"No interview with id {entry.interview_id}.")
            new_id = db.table("follow_ups").insert(row).last_pk
            _contact_is_a_person(db, entry)
        assert new_id is not None
        return self.get(int(new_id))

    def get(self, entry_id: int) -> Entry:
        rows = self.connection.query(
            f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE id = ?", [entry_id]
        )
        if not rows:
            raise NotFoundError(f"No timeline entry with id {entry_id}.")
        return entry_from_row(rows[0])

    def update(self, entry: Entry) -> Entry:
        """Save changes to an entry; refuses (StaleWriteError) if it changed since it was read."""
        if entry.id is None:
            raise ValueError("update_entry needs an entry with an id")
        row = entry_to_row(entry)
        with self.connection.writing() as db:
            removed = takes_words_away(db, "follow_ups", ("id", entry.id), row, _TEXTS)
            _contact_is_a_person(db, entry)
            update_versioned(
                db,
                "follow_ups",
                ("id", entry.id),
                row | {"updated_at": utc_now()},
                entry.version,
                missing=f"Timeline entry {entry.id} no longer exists.",
                stale="This entry was changed in another window since you opened it; "
                "your version was not saved over it.",
            )
        self.connection.forget_removed_text(indexed=removed)
        return self.get(entry.id)

    def mark_done(self, entry_id: int, done: When) -> Entry:
        return self.update(self.get(entry_id).with_changes(done=done))

    def snooze(self, entry_id: int, due: When) -> Entry:
        """Plan an entry for a later date (it becomes planned again if it was done)."""
        return self.update(self.get(entry_id).with_changes(due=due, done=None))

    def delete(self, entry_id: int) -> DeletedEntry:
        with self.connection.writing() as db:
            rows = list(db.query("SELECT * FROM follow_ups WHERE id = ?", [entry_id]))
            if not rows:
                raise NotFoundError(f"No timeline entry with id {entry_id}.")
            db.execute("DELETE FROM follow_ups WHERE id = ?", [entry_id])
        self.connection.forget_removed_text(indexed=any(rows[0][name] for name in _TEXTS))
        return DeletedEntry(entry_from_row(rows[0]), rows[0])

    def restore(self, deleted: DeletedEntry) -> Entry:
        with self.connection.writing() as db:
            if not db.execute(
                "SELECT 1 FROM interviews WHERE id = ?", [deleted.entry.interview_id]
            ).fetchone():
                raise NotFoundError("Its interview was deleted too; restore that first.")
            db.table("follow_ups").insert(deleted.row)
        assert deleted.entry.id is not None
        return self.get(deleted.entry.id)

    def of(self, interview_ids: Sequence[int]) -> Iterator[Entry]:
        """Every entry of these interviews, oldest first per interview (in chunks, to stay
        under SQLite's variable limit)."""
        for chunk in _chunks(interview_ids):
            marks = ",".join("?" for _ in chunk)
            for row in self.connection.query(
                f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE interview_id IN ({marks}) "
                "ORDER BY interview_id, coalesce(done, due), id",
                chunk,
            ):
                yield entry_from_row(row)

    def by_interview(self, interview_ids: Sequence[int]) -> dict[int, list[Entry]]:
        found: dict[int, list[Entry]] = {}
        for entry in self.of(interview_ids):
            found.setdefault(entry.interview_id, []).append(entry)
        return found

    def for_rules(self, interview_ids: Sequence[int]) -> dict[int, list[Entry]]:
        """The entries the suggestion rules read, by interview: per interview and kind the
        latest `RULE_ENTRIES_PER_KIND`, plus every one made from a suggestion; oldest first."""
        found: dict[int, list[Entry]] = {}
        for chunk in _chunks(interview_ids):
            marks = ",".join("?" for _ in chunk)
            for row in self.connection.query(
                f"SELECT {ENTRY_COLUMNS} FROM ("
                f"SELECT {ENTRY_COLUMNS}, row_number() OVER ("
                "PARTITION BY interview_id, kind ORDER BY coalesce(done, due) DESC, id DESC"
                f") AS recent FROM follow_ups WHERE interview_id IN ({marks})"
                ") WHERE recent <= ? OR suggestion != '' "
                "ORDER BY interview_id, coalesce(done, due), id",
                [*chunk, RULE_ENTRIES_PER_KIND],
            ):
                entry = entry_from_row(row)
                found.setdefault(entry.interview_id, []).append(entry)
        return found

    # --- dismissed suggestions ----------------------------------------------------------

    def dismiss(self, key: str) -> None:
        with self.connection.writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO dismissed_suggestions (key, dismissed_at) VALUES (?, ?)",
                [key, utc_now()],
            )

    def undismiss(self, key: str) -> None:
        with self.connection.writing() as db:
            db.execute("DELETE FROM dismissed_suggestions WHERE key = ?", [key])

    def dismissed_keys(self) -> list[str]:
        return [
            row["key"] for row in self.connection.query("SELECT key FROM dismissed_suggestions")
        ]

    def dismissed(self) -> list[Row]:
        return self.connection.query(
            "SELECT key, dismissed_at FROM dismissed_suggestions ORDER BY key"
        )


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _contact_is_a_person(db: Database, entry: Entry) -> None:
    """The contact a follow-up names becomes a person at its interview's company."""
    if not entry.contact.strip():
        return
    found = db.execute("SELECT company FROM interviews WHERE id = ?", [entry.interview_id])
    row = found.fetchone()
    if row is not None:
        person_for(db, entry.contact, row[0])
