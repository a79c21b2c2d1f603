"""The timeline as the screens and the CLI see it: items, pages and groups.

Pure data; `store.timeline` fills the pages from SQLite and `present.timeline` says them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from interview_journal.domain.model import Interview
from interview_journal.domain.promises import Promise
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry, EntryKind, When


class Source(Enum):
    """Where a timeline item comes from. The value orders items at the same moment."""

    INTERVIEW = 0
    FEEDBACK_BY = 1
    CONTACT_FROM = 2
    ENTRY = 3
    SUGGESTION = 4


class Part(Enum):
    ACTIVE = "active"
    """What is planned, from the oldest overdue to the furthest ahead (ascending)."""
    HISTORY = "history"
    """What has happened, newest first."""


class KindFilter(Enum):
    """What `f` can narrow the timeline to."""

    ALL = "all kinds"
    INTERVIEWS = "interviews"
    AGREED = "agreed dates"
    SUGGESTED = "suggestions"
    THANK_YOU = EntryKind.THANK_YOU.value
    FOLLOW_UP = EntryKind.FOLLOW_UP.value
    REPLY = EntryKind.REPLY.value
    NEXT_ROUND = EntryKind.NEXT_ROUND.value
    OFFER_ELSEWHERE = EntryKind.OFFER_ELSEWHERE.value
    OUTCOME = EntryKind.OUTCOME.value
    NOTE = EntryKind.NOTE.value

    @property
    def label(self) -> str:
        try:
            return EntryKind(self.value).label
        except ValueError:
            return self.value

    @property
    def entry_kind(self) -> EntryKind | None:
        try:
            return EntryKind(self.value)
        except ValueError:
            return None

    def includes(self, source: Source) -> bool:
        if self is KindFilter.ALL:
            return True
        if self is KindFilter.INTERVIEWS:
            return source is Source.INTERVIEW
        if self is KindFilter.AGREED:
            return source in (Source.FEEDBACK_BY, Source.CONTACT_FROM)
        if self is KindFilter.SUGGESTED:
            return source is Source.SUGGESTION
        return source is Source.ENTRY


@dataclass(frozen=True)
class LineKey:
    """Which line of a list is which, kept across reloads: an entry by its id, a
    suggestion by its key, or a line about the interview itself by what it shows
    (`interview`, `feedback_by`, `to_evaluate`, ...) and the interview's id.

    Its text ("entry:12") is the line's id in a list widget."""

    kind: str
    ref: int | str | None

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref}"

    @classmethod
    def of_entry(cls, entry_id: int | None) -> LineKey:
        return cls("entry", entry_id)


class DatedItem:
    """What a line of the timeline and a line of the review are: something dated about
    an interview, maybe a planned or done entry, maybe a suggestion."""

    interview: Interview
    when: When
    entry: Entry | None
    suggestion: Suggestion | None

    @property
    def shows(self) -> str:
        """What a line that is neither an entry nor a suggestion shows, for its key."""
        raise NotImplementedError

    @property
    def key(self) -> LineKey:
        """A stable id for the line (for keeping the cursor on it across reloads)."""
        if self.entry is not None:
            return LineKey.of_entry(self.entry.id)
        if self.suggestion is not None:
            return LineKey("suggestion", self.suggestion.key)
        return LineKey(self.shows, self.interview.id)


@dataclass(frozen=True)
class TimelineItem(DatedItem):
    """One line of the timeline."""

    part: Part
    source: Source
    when: When
    interview: Interview
    entry: Entry | None = None
    suggestion: Suggestion | None = None
    promise: Promise | None = None
    """On a "feedback promised by" line: how the promise ended (kept, late, never)."""

    @property
    def shows(self) -> str:
        return self.source.name.lower()


@dataclass(frozen=True)
class TimelineQuery:
    now: datetime
    """Aware, in the user's zone: splits planned from held, and today from the rest."""
    interview_id: int | None = None
    """Only this interview's lines."""
    application_id: int | None = None
    """Only the lines of this application's rounds."""
    kinds: KindFilter = KindFilter.ALL
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def today(self) -> date:
        return self.now.date()

    def covers(self, interview: Interview) -> bool:
        """Whether a line about `interview` belongs on this timeline."""
        if self.interview_id is not None and interview.id != self.interview_id:
            return False
        return self.application_id is None or interview.application_id == self.application_id


@dataclass(frozen=True)
class TimelineCursor:
    part: Part
    positions: dict[Source, tuple[Any, ...]] = field(default_factory=dict)
    """Per source, the sort key of the last item taken from it."""


@dataclass(frozen=True)
class TimelinePage:
    items: list[TimelineItem]
    next_cursor: TimelineCursor | None


def week_end(today: date, week_starts: int = 0) -> date:
    """The last day of the calendar week holding `today` (`week_starts`: 0 Monday … 6 Sunday)."""
    return today + timedelta(days=(week_starts - today.weekday() - 1) % 7)


class Group(Enum):
    """The headings of the timeline, top to bottom."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"
    LATER = "later"
    DONE = "done"


def group_of(item: TimelineItem, today: date, week_starts: int = 0) -> Group:
    """The heading an item falls under. "This week" is the calendar week: up to the day
    before the next `week_starts` (0 Monday … 6 Sunday), so on a Tuesday next Monday is
    already "later"."""
    if item.part is Part.HISTORY:
        return Group.DONE
    if item.suggestion is not None and not item.suggestion.is_task:
        return Group.TODAY
    day = item.when.day
    if day < today:
        return Group.OVERDUE
    if day == today:
        return Group.TODAY
    if day <= week_end(today, week_starts):
        return Group.THIS_WEEK
    return Group.LATER
