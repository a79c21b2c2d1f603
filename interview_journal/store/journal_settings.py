"""The journal's own settings (the `journal_settings` table): what belongs to one journal
file rather than to every journal the config file is read for, such as the calendar file
it keeps current."""

from __future__ import annotations

from interview_journal.store.connection import Connection

__all__ = ["JournalSettings"]


class JournalSettings:
    """Named text values kept in the journal: read, set, removed."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, name: str) -> str | None:
        """The value of `name`, or None when the journal has none."""
        rows = self.connection.query("SELECT value FROM journal_settings WHERE name = ?", [name])
        return str(rows[0]["value"]) if rows else None

    def set(self, name: str, value: str) -> None:
        """Keep `value` under `name`, in place of what was there."""
        with self.connection.writing() as db:
            db.execute(
                "INSERT INTO journal_settings (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [name, value],
            )

    def delete(self, name: str) -> bool:
        """Forget `name`; whether there was such a setting."""
        with self.connection.writing() as db:
            removed = db.execute("DELETE FROM journal_settings WHERE name = ?", [name]).rowcount
        return bool(removed)
