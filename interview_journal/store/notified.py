"""What `notify` has already said: one row per item per day (the user's local day), so
a reminder run every few minutes says each thing once a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from interview_journal.store.connection import Connection, utc_now

KEPT_DAYS = 60
"""Rows for days further back than this are removed when new ones are written: nothing
asks about them, and the table stays small."""


class Notified:
    """The `notified` table."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def said_on(self, day: date, items: Iterable[str]) -> set[str]:
        """Which of `items` were notified on `day`."""
        wanted = list(dict.fromkeys(items))
        if not wanted:
            return set()
        found: set[str] = set()
        for start in range(0, len(wanted), 500):  # well under SQLite's bound-parameter limit
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.connection.query(
                f"SELECT item FROM notified WHERE day = ? AND item IN ({marks})",
                [day.isoformat(), *chunk],
            )
            found.update(row["item"] for row in rows)
        return found

    def remember(self, day: date, items: Iterable[str]) -> None:
        """Record that `items` were notified on `day` (again is harmless), and forget the
        days older than `KEPT_DAYS` before it, in the same transaction."""
        at = utc_now()
        rows = [(item, day.isoformat(), at) for item in dict.fromkeys(items)]
        with self.connection.writing() as db:
            db.conn.executemany(
                "INSERT INTO notified (item, day, notified_at) VALUES (?, ?, ?) "
                "ON CONFLICT (item, day) DO NOTHING",
                rows,
            )
            db.execute(
                "DELETE FROM notified WHERE day < ?",
                [(day - timedelta(days=KEPT_DAYS)).isoformat()],
            )
