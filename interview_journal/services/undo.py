"""`u`: what was deleted or dismissed in this session, newest last, and bringing it back.

The stack lives as long as the app; nothing of it is written anywhere. Each record holds
what its restore needs (the rows a delete removed, a dismissed suggestion's key), and a
restore says what came back as a `Restored` value, never as text to parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from interview_journal.errors import JournalError
from interview_journal.store.journal import DeletedApplication, DeletedEntry, DeletedInterview

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal


@dataclass(frozen=True)
class DismissedSuggestion:
    """What `u` needs to bring a dismissed suggestion back."""

    key: str
    title: str
    """Whose suggestion it was (the company), for the words that say it is back."""


UndoRecord = DeletedInterview | DeletedEntry | DismissedSuggestion | DeletedApplication
"""One thing `u` can bring back."""


class Undone(StrEnum):
    """What kind of thing a restore brought back (the value starts its timeline key)."""

    INTERVIEW = "interview"
    ENTRY = "entry"
    APPLICATION = "application"
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Restored:
    """What a restore brought back: its kind, its id (a suggestion's key) and its title."""

    kind: Undone
    id: int | str
    title: str

    @property
    def key(self) -> str:
        """The line of the timeline it is, e.g. "entry:12"."""
        return f"{self.kind.value}:{self.id}"

    @property
    def interview_id(self) -> int | None:
        """The interview's id when an interview came back, else None."""
        return self.id if self.kind is Undone.INTERVIEW and isinstance(self.id, int) else None


class UndoStack:
    """What was deleted or dismissed, newest last: `undo_last` brings back the newest."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self.records: list[UndoRecord] = []

    def remember(self, record: UndoRecord) -> None:
        """Keep a delete or a dismissal so that `u` can take it back."""
        self.records.append(record)

    def __len__(self) -> int:
        return len(self.records)

    def undo_last(self) -> Restored | None:
        """Bring back the newest record; None when there is none. A failed restore keeps
        the record (a second `u` tries again) and raises the journal's error."""
        if not self.records:
            return None
        last = self.records.pop()
        try:
            return self._restore(last)
        except JournalError:
            self.records.append(last)
            raise

    def _restore(self, record: UndoRecord) -> Restored:
        if isinstance(record, DeletedInterview):
            interview = self._journal.restore_interview(record)
            return Restored(Undone.INTERVIEW, _id(interview.id), interview.title)
        if isinstance(record, DeletedEntry):
            entry = self._journal.restore_entry(record)
            return Restored(Undone.ENTRY, _id(entry.id), entry.title)
        if isinstance(record, DeletedApplication):
            application = self._journal.applications.restore(record)
            rounds = len(record.rounds)
            with_rounds = f" with its {rounds} round{'s' if rounds != 1 else ''}" if rounds else ""
            return Restored(
                Undone.APPLICATION, _id(application.id), application.title + with_rounds
            )
        self._journal.undismiss_suggestion(record.key)
        return Restored(Undone.SUGGESTION, record.key, record.title)


def _id(number: int | None) -> int:
    if number is None:  # a restored row always has its old id back
        raise ValueError("a restored record has no id")
    return number
