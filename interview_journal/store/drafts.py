"""Drafts: what is being typed in a form, kept until it is saved or discarded.

A form's draft is named `KIND#WINDOW` (one per form in a window) and holds the texts
typed (`DRAFT_FIELDS`) beside what the form opened with (`DRAFT_BASE`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlite_utils import Database

from interview_journal.store.connection import Connection, utc_now

DRAFT_FIELDS = "fields"
"""In a form's draft, the texts typed (beside `DRAFT_BASE`, what the form opened with)."""
DRAFT_BASE = "base"

_OF_KIND = "SELECT {columns} FROM drafts WHERE key = ? OR substr(key, 1, ?) = ? "


class Drafts:
    """The `drafts` table."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def save(self, key: str, data: dict[str, Any]) -> bool:
        """Write the draft `key`; returns whether that took text away (then the caller
        checkpoints, so the old words leave the -wal)."""
        payload = json.dumps(data, ensure_ascii=False)
        with self.connection.writing() as db:
            before = db.execute("SELECT data FROM drafts WHERE key = ?", [key]).fetchone()
            removed = before is not None and removes_text(json.loads(before[0]), data)
            db.execute(
                "INSERT INTO drafts (key, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at",
                [key, payload, utc_now()],
            )
        return removed

    def load(self, key: str) -> dict[str, Any] | None:
        """The fields of the draft `key`, or of the newest draft of that kind."""
        rows = self.connection.query(
            _OF_KIND.format(columns="data") + "ORDER BY key = ? DESC, updated_at DESC LIMIT 1",
            [key, len(key) + 1, f"{key}#", key],
        )
        if not rows:
            return None
        loaded = json.loads(rows[0]["data"])
        fields = loaded.get(DRAFT_FIELDS) if isinstance(loaded, dict) else None
        if isinstance(fields, dict):
            return fields  # a form's draft: its fields, without their base
        return loaded if isinstance(loaded, dict) else None

    def claim(self, kind: str, key: str, claimable: Callable[[str], bool]) -> dict[str, Any] | None:
        """The newest draft of `kind` that no open form holds, renamed to `key` in the same
        transaction (so two windows opening at once never both take it). `claimable` is
        asked about each draft's window (the part after `#`); a draft named just `kind`
        (written before drafts had windows) is always free. Read-only: read, not taken."""
        query = _OF_KIND.format(columns="key, data") + "ORDER BY key = ? DESC, updated_at DESC"
        params = [kind, len(kind) + 1, f"{kind}#", key]

        def free(found: str) -> bool:
            return found in (kind, key) or claimable(found[len(kind) + 1 :])

        if self.connection.read_only:
            for row in self.connection.query(query, params):
                if free(row["key"]):
                    return _fields(row["data"])
            return None
        with self.connection.writing() as db:
            for found, data in db.execute(query, params).fetchall():
                if not free(found):
                    continue
                if found != key:
                    db.execute("DELETE FROM drafts WHERE key = ?", [key])
                    db.execute("UPDATE drafts SET key = ? WHERE key = ?", [key, found])
                return _fields(data)
        return None

    def delete(self, key: str) -> bool:
        """Remove the draft `key`; returns whether there was one (read-only: nothing)."""
        if self.connection.read_only:
            return False
        with self.connection.writing() as db:
            deleted = db.execute("DELETE FROM drafts WHERE key = ?", [key]).rowcount
        return bool(deleted)


def _fields(data: str) -> dict[str, Any] | None:
    loaded = json.loads(data)
    return loaded if isinstance(loaded, dict) else None


def removes_text(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether saving `after` over `before` takes away any text: some text value of
    `before` is not kept, character by character in order, in the same field of `after`
    (typing that only adds keeps every old character)."""
    for name, old in before.items():
        if not isinstance(old, str) or not old or name not in after:
            continue
        new = after[name]
        if not isinstance(new, str):
            return True
        rest = iter(new)
        if not all(char in rest for char in old):
            return True
    return False


def takes_words_away(
    db: Database, table: str, where: tuple[str, object], after: dict[str, Any], names: Sequence[str]
) -> bool:
    """Whether writing `after` over the row `where` (column, value) takes away text from
    any of the columns `names`: the search index then has words to forget."""
    column, key = where
    found = db.execute(f"SELECT {', '.join(names)} FROM {table} WHERE {column} = ?", [key])
    before = found.fetchone()
    if before is None:
        return False
    return removes_text(dict(zip(names, before, strict=True)), {n: after[n] for n in names})
