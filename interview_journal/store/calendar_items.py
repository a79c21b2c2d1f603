"""What a calendar holds, read lean: the interviews from a day on, the promised feedback
days from that day on, and every planned follow-up, with only the columns a calendar
shows.

A kept-current calendar file asks after every commit whether its content changed
(`calendar_marks`): the kind, id and version of each item, in the calendar's order, read
along the indexes (`interviews_by_start`, `interviews_by_feedback`, `follow_ups_planned`)
with no text. Only the items whose marks it has not seen are read whole
(`calendar_items_by_id`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from interview_journal.domain.model import Interview, Person, Stage
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store.connection import Connection

__all__ = [
    "CalendarInterview",
    "CalendarItems",
    "CalendarTodo",
    "Mark",
    "calendar_changes",
    "calendar_items_by_id",
    "calendar_marks",
    "watch_calendar_changes",
]

_STAGES = {stage.value: stage for stage in Stage}
_INTERVIEWS = "FROM interviews WHERE starts_at >= ? ORDER BY starts_at, id"
_PROMISES = "FROM interviews WHERE feedback_by >= ? ORDER BY feedback_by, id"
_PLANNED = (
    "FROM follow_ups f JOIN interviews i ON i.id = f.interview_id "
    "WHERE f.done IS NULL AND f.due IS NOT NULL ORDER BY f.due, f.id"
)
_MARKS = (
    f"SELECT 'event', id, version, 0 {_INTERVIEWS}",
    f"SELECT 'promise', id, version, 0 {_PROMISES}",
    f"SELECT 'todo', f.id, f.version, i.version {_PLANNED}",
)
_CHUNK = 500
"""Ids per `IN (...)`: well under SQLite's limit on variables."""
_INTERVIEW_COLUMNS = (
    "SELECT id, uuid, company, role, stage, round_label, starts_at, length_minutes, location, "
    "interviewers, notes, job_ad_url, feedback_by, updated_at "
)
_TODO_COLUMNS = (
    "SELECT f.id, f.uuid, f.kind, f.due, f.reason, f.note, i.company, "
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


Mark = tuple[str, int, int, int]
"""An item of the calendar: its kind ("event", "promise" or "todo"), the id of its row,
the row's version, and for a to-do its interview's version (it shows the company)."""


def calendar_marks(connection: Connection, since: str, since_day: str) -> list[Mark]:
    """What the calendar holds, in its order: the interviews starting at `since` (storage
    text, UTC) or later, by start; the promised feedback days from `since_day` (ISO day)
    on, by day; every planned follow-up with a due day, by due. Every save counts its
    row's version up, so equal marks mean an equal calendar."""
    params: tuple[list[str], ...] = ([since], [since_day], [])
    with connection.lock:
        conn = connection.db.conn
        return [
            mark
            for sql, args in zip(_MARKS, params, strict=True)
            for mark in conn.execute(sql, args).fetchall()
        ]


_SHOWN = (
    "uuid, company, role, stage, round_label, starts_at, length_minutes, location, "
    "interviewers, notes, job_ad_url, feedback_by"
)
"""The columns of an interview a calendar shows."""
_WATCHES = [
    f"CREATE TEMP TRIGGER IF NOT EXISTS calendar_watch_{table}_{when.split()[0].lower()} "
    f"AFTER {when} ON main.{table} BEGIN "
    "UPDATE calendar_changes SET count = count + 1; END"
    for table, whens in (
        ("interviews", ("INSERT", "DELETE", f"UPDATE OF {_SHOWN}")),
        (
            "follow_ups",
            ("INSERT", "DELETE", "UPDATE OF interview_id, kind, due, done, reason, note"),
        ),
    )
    for when in whens
]


def watch_calendar_changes(connection: Connection) -> None:
    """Count, from now on, the writes of this connection that may change a calendar (to
    an interview's calendar columns, to a follow-up), in TEMP triggers: they live in this
    connection only, nothing of them is in the journal file."""
    with connection.lock:
        conn = connection.db.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS calendar_changes (count INTEGER)")
        if conn.execute("SELECT count(*) FROM calendar_changes").fetchone()[0] == 0:
            conn.execute("INSERT INTO calendar_changes VALUES (0)")
        for sql in _WATCHES:
            conn.execute(sql)
        if conn.in_transaction:  # the INSERT above began one in Python's sqlite3
            conn.execute("COMMIT")


def calendar_changes(connection: Connection) -> int:
    """How many writes that may change a calendar this connection has made since
    `watch_calendar_changes` (another program's are not counted)."""
    with connection.lock:
        row = connection.db.conn.execute("SELECT count FROM temp.calendar_changes").fetchone()
    return int(row[0]) if row else -1


def calendar_items_by_id(
    connection: Connection, interview_ids: Iterable[int], entry_ids: Iterable[int]
) -> tuple[dict[int, CalendarInterview], dict[int, CalendarTodo]]:
    """The interviews and planned follow-ups with these ids, as a calendar shows them."""
    interviews: dict[int, CalendarInterview] = {}
    todos: dict[int, CalendarTodo] = {}
    with connection.lock:
        conn = connection.db.conn
        for chunk in _chunks(sorted(set(interview_ids))):
            marks = ",".join("?" * len(chunk))
            sql = f"{_INTERVIEW_COLUMNS}FROM interviews WHERE id IN ({marks})"
            for row in conn.execute(sql, chunk).fetchall():
                interviews[row[0]] = _interview(row[1:])
        for chunk in _chunks(sorted(set(entry_ids))):
            marks = ",".join("?" * len(chunk))
            sql = (
                f"{_TODO_COLUMNS}FROM follow_ups f JOIN interviews i ON i.id = f.interview_id "
                f"WHERE f.id IN ({marks})"
            )
            for row in conn.execute(sql, chunk).fetchall():
                todos[row[0]] = _todo(row[1:])
    return interviews, todos


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _interview(row: tuple[Any, ...]) -> CalendarInterview:
    (uuid, company, role, stage, label, starts, minutes, location, people, notes, url, by, at) = row
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
