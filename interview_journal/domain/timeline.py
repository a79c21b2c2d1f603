"""The follow-up timeline: dated entries around an interview, and working days.

Planned and done dates are *wall-clock* dates ("Fri 27 Nov", optionally "16:00") in the
user's own calendar, not instants: a follow-up planned for Friday stays on Friday when
the user travels or the clocks change. The interview itself is an instant (it happens at
one moment for both sides) and is converted to the user's zone for the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Self

from interview_journal.domain.model import Interview, Status, _Labelled, new_uuid


class EntryKind(_Labelled):
    """What an entry records. The values are the words used on the command line."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    REPLY = "reply"
    NEXT_ROUND = "next-round"
    OFFER_ELSEWHERE = "offer-elsewhere"
    OUTCOME = "outcome"
    NOTE = "note"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def is_outgoing(self) -> bool:
        """The user gets in touch with the employer: it should have something to say."""
        return self in (EntryKind.THANK_YOU, EntryKind.FOLLOW_UP)

    @property
    def is_answer(self) -> bool:
        """The employer answered: no need to chase any more."""
        return self in (EntryKind.REPLY, EntryKind.NEXT_ROUND, EntryKind.OUTCOME)


KIND_LABELS = {
    EntryKind.THANK_YOU: "thank-you note",
    EntryKind.FOLLOW_UP: "follow-up",
    EntryKind.REPLY: "reply received",
    EntryKind.NEXT_ROUND: "next round",
    EntryKind.OFFER_ELSEWHERE: "offer elsewhere",
    EntryKind.OUTCOME: "outcome",
    EntryKind.NOTE: "note",
}


class Channel(_Labelled):
    EMAIL = "e-mail"
    CALL = "call"
    MESSAGE = "message"
    IN_PERSON = "in-person"

    @property
    def label(self) -> str:
        return "e-mail" if self is Channel.EMAIL else self.value.replace("-", " ")


class Outcome(_Labelled):
    """How a process ended (for an `outcome` entry)."""

    OFFER = "offer"
    REJECTION = "rejection"
    WITHDRAWN = "withdrawn"

    @property
    def status(self) -> Status:
        """The interview status this outcome implies."""
        return {
            Outcome.OFFER: Status.OFFER,
            Outcome.REJECTION: Status.REJECTED,
            Outcome.WITHDRAWN: Status.WITHDRAWN,
        }[self]


@dataclass(frozen=True, slots=True)
class When:
    """A day in the user's calendar, with a time of day when one was given."""

    day: date
    at: time | None = None

    @property
    def key(self) -> str:
        """Sortable text, also the stored form: "2026-11-27" or "2026-11-27T16:00".

        A day without a time sorts before the timed entries of the same day.
        """
        return self.day.isoformat() + (f"T{self.at:%H:%M}" if self.at is not None else "")

    def __lt__(self, other: When) -> bool:
        return self.key < other.key

    def __le__(self, other: When) -> bool:
        return self.key <= other.key

    def __gt__(self, other: When) -> bool:
        return self.key > other.key

    def __ge__(self, other: When) -> bool:
        return self.key >= other.key

    @classmethod
    def from_key(cls, text: str) -> When:
        day = date.fromisoformat(text[:10])
        at = time.fromisoformat(text[11:16]) if len(text) > 10 else None
        return cls(day, at)

    @classmethod
    def of(cls, moment: datetime) -> When:
        """The wall-clock reading of an aware moment (already in the user's zone)."""
        return cls(moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None))


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated thing on the timeline of an interview: planned (due), done, or both."""

    interview_id: int
    kind: EntryKind
    due: When | None = None
    """When it is planned for; None for something recorded after the fact."""
    done: When | None = None
    """When it happened; None while it is still planned."""
    channel: Channel | None = None
    contact: str = ""
    """The person at the employer."""
    reason: str = ""
    """For outgoing contact: the relevant thing the user will say."""
    note: str = ""
    outcome: Outcome | None = None
    suggestion: str = ""
    """The key of the suggestion this entry was accepted from (so it is not suggested again)."""
    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0

    def with_changes(self, **changes: object) -> Self:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def is_done(self) -> bool:
        return self.done is not None

    @property
    def when(self) -> When:
        """The date that places it on the timeline: done if it happened, else planned."""
        placed = self.done or self.due
        assert placed is not None, "an entry has a planned or a done date"
        return placed

    def state(self, today: date) -> EntryState:
        if self.done is not None:
            return EntryState.DONE
        assert self.due is not None
        if self.due.day < today:
            return EntryState.OVERDUE
        if self.due.day == today:
            return EntryState.TODAY
        return EntryState.PLANNED

    @property
    def title(self) -> str:
        """ "follow-up · e-mail", "outcome: rejection"."""
        text = self.kind.label
        if self.outcome is not None:
            text += f": {self.outcome.value}"
        if self.channel is not None:
            text += f" · {self.channel.label}"
        return text


class EntryState(Enum):
    DONE = "done"
    OVERDUE = "overdue"
    TODAY = "today"
    PLANNED = "planned"


# --- working days ------------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(day: date, count: int) -> date:
    """The `count`-th working day after `day` (weekends skipped; `count` >= 0)."""
    current = day
    while count > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            count -= 1
    return current


def next_working_day(day: date) -> date:
    return add_working_days(day, 1)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if is_working_day(start + timedelta(days=weeks * 7 + offset)):
            count += 1
    return count


def status_after(entry: Entry) -> Status | None:
    """The interview status an entry suggests, if any (offered to the user, never forced)."""
    if entry.kind is EntryKind.OUTCOME and entry.outcome is not None:
        return entry.outcome.status
    if entry.kind is EntryKind.NEXT_ROUND:
        return Status.NEXT_ROUND
    return None


def interview_place(interview: Interview, tz: object) -> When:
    """Where the interview itself sits on a timeline, in the user's zone."""
    local = interview.starts_at.astimezone(tz)  # type: ignore[arg-type]
    return When.of(local)
