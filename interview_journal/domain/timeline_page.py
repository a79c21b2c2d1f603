"""The timeline as the screens and the CLI see it: items, pages, groups and how to say them.

Pure data and wording; `store.follow_ups` fills the pages from SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from interview_journal.dates import format_day, relative_day
from interview_journal.domain.model import Interview
from interview_journal.domain.suggestions import Rule, Suggestion
from interview_journal.domain.timeline import Entry, EntryKind, EntryState, When


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
class TimelineItem:
    """One line of the timeline."""

    part: Part
    source: Source
    when: When
    interview: Interview
    entry: Entry | None = None
    suggestion: Suggestion | None = None

    @property
    def key(self) -> str:
        """A stable id for the line (for keeping the cursor on it across reloads)."""
        if self.entry is not None:
            return f"entry:{self.entry.id}"
        if self.suggestion is not None:
            return f"suggestion:{self.suggestion.key}"
        return f"{self.source.name.lower()}:{self.interview.id}"


@dataclass(frozen=True)
class TimelineQuery:
    now: datetime
    """Aware, in the user's zone: splits planned from held, and today from the rest."""
    interview_id: int | None = None
    kinds: KindFilter = KindFilter.ALL
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass(frozen=True)
class TimelineCursor:
    part: Part
    positions: dict[Source, tuple[Any, ...]] = field(default_factory=dict)
    """Per source, the sort key of the last item taken from it."""


@dataclass(frozen=True)
class TimelinePage:
    items: list[TimelineItem]
    next_cursor: TimelineCursor | None


class Group(Enum):
    """The headings of the timeline, top to bottom."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"
    LATER = "later"
    DONE = "done"


MARKERS = {
    "done": "●",
    "planned": "○",
    "overdue": "!",
    "suggested": "◇",
    "milestone": "◆",
}
"""Shapes that tell the states apart without colour."""


def group_of(item: TimelineItem, today: date) -> Group:
    if item.part is Part.HISTORY:
        return Group.DONE
    if item.suggestion is not None and not item.suggestion.is_task:
        return Group.TODAY
    day = item.when.day
    if day < today:
        return Group.OVERDUE
    if day == today:
        return Group.TODAY
    if day <= today + timedelta(days=6):
        return Group.THIS_WEEK
    return Group.LATER


@dataclass(frozen=True)
class Line:
    """One timeline item in words: what every view shows, in columns."""

    marker: str
    state: str
    """done, planned, overdue, suggested or milestone."""
    when: str
    company: str
    what: str
    detail: str


def when_text(when: When, today: date) -> str:
    days = (when.day - today).days
    day = relative_day(when.day, today) if -1 <= days <= 1 else format_day(when.day, today)
    return f"{day} {when.at:%H:%M}" if when.at is not None else day


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def describe(item: TimelineItem, now: datetime) -> Line:
    today = now.date()
    company = item.interview.company
    when = when_text(item.when, today)
    if item.suggestion is not None:
        return _describe_suggestion(item.suggestion, when, company)
    if item.entry is not None:
        return _describe_entry(item.entry, when, company, today)
    interview = item.interview
    if item.source is Source.INTERVIEW:
        held = interview.starts_at <= now
        state = "done" if held else "planned"
        what = f"interview {'held' if held else ''} · {interview.stage.label}".replace("  ", " ")
        return Line(MARKERS[state], state, when, company, what, interview.role)
    if item.source is Source.FEEDBACK_BY:
        return Line(
            MARKERS["milestone"],
            "milestone",
            when,
            company,
            "feedback due by",
            "they promised an answer by then",
        )
    return Line(
        MARKERS["milestone"],
        "milestone",
        when,
        company,
        "may contact from",
        "only with something relevant to say",
    )


def _describe_entry(entry: Entry, when: str, company: str, today: date) -> Line:
    state = entry.state(today)
    name = {
        EntryState.DONE: "done",
        EntryState.OVERDUE: "overdue",
        EntryState.TODAY: "planned",
        EntryState.PLANNED: "planned",
    }[state]
    detail = _first_line(entry.reason) or _first_line(entry.note)
    if entry.contact and entry.kind.is_outgoing:
        detail = f"to {entry.contact}: {detail}" if detail else f"to {entry.contact}"
    if entry.is_done and entry.due is not None and entry.kind is EntryKind.FOLLOW_UP:
        detail = detail or "sent"
    return Line(MARKERS[name], name, when, company, entry.title, detail)


def _describe_suggestion(suggestion: Suggestion, when: str, company: str) -> Line:
    if suggestion.rule is Rule.ALLOWED:
        return Line(
            MARKERS["suggested"], "suggested", when, company, "may get in touch", suggestion.why
        )
    detail = f"{suggestion.why} — {suggestion.reason}"
    return Line(
        MARKERS["suggested"],
        "suggested",
        when,
        company,
        f"suggested {suggestion.kind.label}",
        detail,
    )


def line_to_dict(item: TimelineItem, now: datetime) -> dict[str, Any]:
    """A timeline item as JSON-ready data (`timeline --json`)."""
    line = describe(item, now)
    data: dict[str, Any] = {
        "state": line.state,
        "group": group_of(item, now.date()).value,
        "date": item.when.key,
        "source": item.source.name.lower().replace("_", "-"),
        "interview_id": item.interview.id,
        "company": item.interview.company,
        "what": line.what,
        "detail": line.detail,
    }
    if item.entry is not None:
        data["entry_id"] = item.entry.id
        data["reason"] = item.entry.reason
        data["note"] = item.entry.note
    if item.suggestion is not None:
        data["suggested"] = True
        data["suggestion_key"] = item.suggestion.key
        data["reason"] = item.suggestion.reason
        data["why"] = item.suggestion.why
        data["is_task"] = item.suggestion.is_task
    return data
