"""Follow-up decisions both front ends share: done, snooze, accept, and the status a
recorded entry implies. No UI: each returns what was saved, and the question to ask
next as data; the screen (or a command) says it and asks it.

Errors are the journal's own (`NotFoundError`, `JournalError`): the caller says them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from interview_journal.domain.model import Interview, Status
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry, EntryKind, When, status_after
from interview_journal.errors import JournalError

if TYPE_CHECKING:
    from interview_journal.store import Journal

SNOOZE_DAYS = (1, 3, 7)
"""The snoozes offered without typing a date: a day, three days, a week."""

REPLY_STATUSES = (Status.NEXT_ROUND, Status.OFFER, Status.REJECTED)
"""Where a process may stand after a reply that implies no status of its own."""


@dataclass(frozen=True)
class StatusQuestion:
    """What to ask once an entry is recorded: a reply or an outcome usually changes
    where the process stands."""

    interview: Interview
    entry: Entry
    implied: Status | None
    """The status the entry implies (ask: set it?); None for a reply that implies none
    (ask: which of `REPLY_STATUSES`, if any?)."""


def status_question(journal: Journal, entry: Entry) -> StatusQuestion | None:
    """The status question `entry` raises, or None when there is nothing to ask (or its
    interview cannot be read: then there is nothing to set either)."""
    try:
        interview = journal.get_interview(entry.interview_id)
    except JournalError:
        return None
    implied = status_after(entry)
    if implied is not None and interview.status is not implied:
        return StatusQuestion(interview, entry, implied)
    if entry.kind is EntryKind.REPLY and entry.is_done:
        return StatusQuestion(interview, entry, None)
    return None


def set_status(journal: Journal, interview: Interview, status: Status) -> Interview:
    """Record where the process stands now."""
    return journal.update_interview(interview.with_changes(status=status))


def mark_done(journal: Journal, entry_id: int, now: datetime) -> Entry:
    """Mark a planned entry done at `now` (the plan is kept)."""
    return journal.mark_done(entry_id, When.of(now))


def done_suggestion(journal: Journal, suggestion: Suggestion, now: datetime) -> Entry:
    """Record a suggestion as an entry done at `now`."""
    return journal.add_entry(suggestion.to_entry().with_changes(done=When.of(now)))


def accept(journal: Journal, suggestion: Suggestion) -> Entry:
    """Plan the suggested entry for the suggested day."""
    return journal.add_entry(suggestion.to_entry())


def snoozed_by(due: When | None, today: date, days: int) -> When:
    """`days` after the planned day (after today, when that has passed), at the planned
    time."""
    base = max(due.day, today) if due is not None else today
    return When(base + timedelta(days=days), due.at if due is not None else None)


def snoozed_to(due: When | None, typed: When) -> When:
    """A typed day keeps the planned time."""
    if typed.at is None and due is not None and due.at is not None:
        return When(typed.day, due.at)
    return typed


def snooze(
    journal: Journal, when: When, *, entry: Entry | None, suggestion: Suggestion | None
) -> Entry | None:
    """Move a planned entry to `when`, or plan a suggestion for it. None when there is
    neither (or the entry was never saved)."""
    if suggestion is not None:
        return journal.add_entry(suggestion.to_entry().with_changes(due=when))
    if entry is None or entry.id is None:
        return None
    return journal.snooze(entry.id, when)
