"""What a calendar holds, read lean: the interviews from a day on, the promised feedback
days from that day on, and every planned follow-up, with only the columns a calendar
shows.

A kept-current calendar file asks after every commit whether its content changed
(`calendar_marks`): one row of three short lists of ids and versions, read along the
indexes (`interviews_by_start`, `interviews_by_feedback`, `follow_ups_planned`), with no
text. Only when those changed is the content read (`calendar_items`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from interview_journal.domain.model import Interview, Person, Stage
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store.connection import Connection

__all__ = ["CalendarInterview", "CalendarItems", "CalendarTodo", "calendar_items", "calendar_marks"]

_STAGES = {stage.value: stage for stage in Stage}
_INTERVIEWS = "FROM interviews WHERE starts_at >= ? ORDER BY starts_at, id"
_PROMISES = "FROM interviews WHERE feedback_by >= ? ORDER BY feedback_by, id"
_PLANNED = (
    "FROM follow_ups f JOIN interviews i ON i.id = f.interview_id "
    "WHERE f.done IS NULL AND f.due IS NOT NULL ORDER BY f.due, f.id"
)
_MARKS = (
    "SELECT (SELECT group_concat(id || '.' || version, ',') FROM (SELECT id, version "
    f"{_INTERVIEWS})), (SELECT group_concat(id || '.' || version, ',') FROM (SELECT id, "
    f"version {_PROMISES})), (SELECT group_concat(f.id || '.' || f.version || '.' || "
    f"i.version, ',') {_PLANNED})"
)
_INTERVIEW_COLUMNS = (
    "SELECT uuid, company, role, stage, round_label, starts_at, length_minutes, location, "
    "interviewers, notes, job_ad_url, feedback_by, updated_at "
)
_TODO_COLUMNS = (
    "SELECT f.uuid, f.kind, f.due, f.reason, f.note, i.company, "
    "max(f.updated_at, i.updated_at) AS updated_at "
)


@dataclass(slots=True)
class CalendarInterview:
    """An interview as a calendar shows it: its event, and its promised feedback day."""

    uuid: str
    company: str
    role: str
    stage: Stage
    round_label: str
    starts_at: datetime
    length_minutes: int | None
    location: str
    people_text: str
    notes: str
    job_ad_url: str
    feedback_by: date | None
    updated_at: datetime
    """When it last changed: the stamp of its calendar items, so the same journal gives
    the same bytes."""

    @property
    def title(self) -> str:
        return f"{self.company} — {self.role}" if self.role else self.company

    @property
    def round_name(self) -> str:
        return self.round_label or self.stage.label

    @classmethod
    def of(cls, interview: Interview) -> CalendarInterview:
        """The calendar's view of a whole interview (the one-off export reads records)."""
        return cls(
            uuid=interview.uuid,
            company=interview.company,
            role=interview.role,
            stage=interview.stage,
            round_label=interview.round_label,
            starts_at=interview.starts_at,
            length_minutes=interview.length_minutes,
            location=interview.location,
            people_text=interview.people_text,
            notes=interview.notes,
            job_ad_url=interview.job_ad_url,
            feedback_by=interview.feedback_by,
            updated_at=interview.updated_at or interview.created_at or interview.starts_at,
        )


@dataclass(slots=True)
class CalendarTodo:
    """A planned follow-up as a calendar's to-do."""

    uuid: str
    kind: EntryKind
    due: When
    reason: str
    note: str
    company: str
    """The company of its interview (the to-do's title)."""
    updated_at: datetime
    """The later of when it and its interview last changed."""

    @classmethod
    def of(cls, entry: Entry, interview: Interview) -> CalendarTodo:
        assert entry.due is not None
        stamps = [s for s in (entry.updated_at, interview.updated_at) if s is not None]
        return cls(
            uuid=entry.uuid,
            kind=entry.kind,
            due=entry.due,
            reason=entry.reason,
            note=entry.note,
            company=interview.company,
            updated_at=max(stamps) if stamps else interview.starts_at,
        )


@dataclass(slots=True)
class CalendarItems:
    """Everything a kept-current calendar holds, in the order it is written."""

    interviews: list[CalendarInterview]
    """Those starting from the day asked for on, by start."""
    promises: list[CalendarInterview]
    """Those whose promised feedback day is that day or later, by that day."""
    todos: list[CalendarTodo]
    """Every planned follow-up with a due day, by due."""


def calendar_marks(connection: Connection, since: str, since_day: str) -> tuple[str, ...]:
    """The ids and versions of what `calendar_items(since, since_day)` would read: equal
    marks, equal calendar (every save counts its row's version up; a to-do's mark has
    its interview's version too, since it shows the company)."""
    with connection.lock:
        row = connection.db.conn.execute(_MARKS, [since, since_day]).fetchone()
    return tuple(part or "" for part in row)


def calendar_items(connection: Connection, since: str, since_day: str) -> CalendarItems:
    """What the calendar holds: interviews starting at `since` (storage text, UTC) or
    later, promised feedback days from `since_day` (ISO day) on, every planned follow-up."""
    with connection.lock:
        conn = connection.db.conn
        interviews = conn.execute(_INTERVIEW_COLUMNS + _INTERVIEWS, [since]).fetchall()
        promises = conn.execute(_INTERVIEW_COLUMNS + _PROMISES, [since_day]).fetchall()
        todos = conn.execute(_TODO_COLUMNS + _PLANNED).fetchall()
    return CalendarItems(
        interviews=[_interview(row) for row in interviews],
        promises=[_interview(row) for row in promises],
        todos=[_todo(row) for row in todos],
    )


def _interview(row: tuple[Any, ...]) -> CalendarInterview:
    (uuid, company, role, stage, label, starts, minutes, location, people, notes, url, by, at) = (
        row
    )
    return CalendarInterview(
        uuid,
        company,
        role,
        _STAGES[stage],
        label,
        datetime.fromisoformat(starts),
        minutes,
        location,
        _people_text(people) if people != "[]" else "",
        notes,
        url,
        date.fromisoformat(by) if by else None,
        datetime.fromisoformat(at),
    )


def _people_text(interviewers: str) -> str:
    """As `Interview.people_text` says them: "Ada (CTO), Linus"."""
    return ", ".join(str(Person(p["name"], p.get("role", ""))) for p in json.loads(interviewers))


def _todo(row: tuple[Any, ...]) -> CalendarTodo:
    uuid, kind, due, reason, note, company, at = row
    return CalendarTodo(
        uuid, EntryKind(kind), When.from_key(due), reason, note, company, datetime.fromisoformat(at)
    )
