"""Exports: the formats a person or another program reads, and where their files go.

Markdown and CSV are written here (the lossless JSON is the format's own module,
`services.exchange`, iCalendar is `services.calendar`). Each writer takes the records of
an export one at a time and hands text to `write`, so a journal of any size is written
without holding it in memory. What an export reads is an `ExportParts`: the journal and
which part of it. Where the text goes is the caller's choice: a file (always through
`safe_files.staged_file`) or standard output. `export_journal` and
`save_interview_markdown` are the whole use case for the front ends: the file's name, its
folder beside the journal, the safe write.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pendulum

from interview_journal.dates import format_exact
from interview_journal.domain.applications import ApplicationSummary
from interview_journal.domain.evaluation import RATINGS, Evaluation
from interview_journal.domain.model import DEFAULT_LENGTH_MINUTES
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import Entry
from interview_journal.present.text import entry_line, evaluation_sections, interview_facts
from interview_journal.safe_files import staged_file
from interview_journal.services.calendar import write_ics
from interview_journal.store.exchange import Record

if TYPE_CHECKING:
    from interview_journal.store.export_reads import RecordRows
    from interview_journal.store.journal import Journal

Write = Callable[[str], object]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- Markdown ---------------------------------------------------------------------------


def record_markdown(record: Record, now: pendulum.DateTime) -> str:
    """One interview as a Markdown section: facts, prep notes, evaluation, timeline."""
    interview = record.interview
    lines = [f"## {interview.title}", ""]
    # the usual length is the config file's, not a fact of the interview: only its own
    for label, value in interview_facts(interview, now, usual=None):
        if value and value != "—":
            lines.append(f"- **{label}:** {value}")
    if interview.notes.strip():
        lines += ["", "### Prep notes", "", interview.notes.strip()]
    sections = evaluation_sections(record.evaluation)
    if sections:
        lines += ["", "### Evaluation", ""]
        for heading, text in sections:
            lines += [f"**{heading}**", "", text.strip(), ""]
        lines.pop()
    if record.entries:
        lines += ["", "### Timeline", ""]
        today = now.date()
        lines += [f"- {entry_line(entry, today)}" for entry in record.entries]
    return "\n".join(lines) + "\n"


def write_markdown(
    records: Iterable[Record],
    now: pendulum.DateTime,
    write: Write,
    progress: Callable[[int], object] | None = None,
) -> int:
    write(f"# Interview journal\n\nExported {format_exact(now, now)}.\n")
    count = 0
    for record in records:
        write("\n" + record_markdown(record, now))
        count += 1
        if progress is not None:
            progress(1)
    if not count:
        write("\nNo interviews yet.\n")
    return count


# --- CSV ---------------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """Text a spreadsheet shows as text: a leading =, +, -, @ would run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


EVALUATION_TEXTS = [
    "went_well", "to_improve", "differently", "lesson", "about_employer", "role_note",
    "accurate_note", "next_steps_answer", "hear_back_answer", "clarity_answer",
]  # fmt: skip
"""Every text the user writes in an evaluation, in the screen's order."""
INTERVIEW_COLUMNS = [
    "id", "uuid", "application_id", "company", "role", "starts_at", "length_minutes", "stage",
    "round_label", "format", "status", "interest", "location", "interviewers", "job_ad_url",
    "feedback_by", "contact_from", "notes", "evaluation", *RATINGS, "key_points", *EVALUATION_TEXTS,
    "lesson_applied", "lesson_from",
]  # fmt: skip
"""`length_minutes` is the interview's own length, blank when it takes the usual one.
`lesson_applied` answers "did you apply it?" about the earlier lesson shown at the
evaluation (yes, partly, no); `lesson_from` is the id of the interview it was written in."""
APPLICATION_COLUMNS = [
    "id", "uuid", "company", "role", "status", "rounds_held", "rounds_ahead", "applied_on",
    "source", "source_note", "location", "salary", "job_ad_url", "last_contact",
    "next_follow_up", "notes", "takeaway", "job_ad_text",
]  # fmt: skip
FOLLOW_UP_COLUMNS = [
    "id", "uuid", "interview_id", "interview_uuid", "company", "kind", "due", "done",
    "channel", "contact", "reason", "note", "outcome",
]  # fmt: skip


def _evaluation_cells(evaluation: Evaluation | None) -> list[object]:
    """The evaluation's state, ratings, key points (one a line, ticked when made), texts,
    and the answer about the lesson from last time (with the interview it came from)."""
    if evaluation is None:
        return [""] * (4 + len(RATINGS) + len(EVALUATION_TEXTS))
    points = "\n".join(f"[{'x' if p.made else ' '}] {p.text}" for p in evaluation.key_points)
    return [
        evaluation.state.value,
        *(getattr(evaluation, name) or "" for name in RATINGS),
        points,
        *(getattr(evaluation, name) for name in EVALUATION_TEXTS),
        evaluation.lesson_applied.value if evaluation.lesson_applied else "",
        evaluation.lesson_from or "",
    ]


def _interview_cells(record: Record, now: pendulum.DateTime) -> list[object]:
    interview = record.interview
    local = pendulum.instance(interview.starts_at).in_tz(now.timezone or "UTC")
    return [
        interview.id,
        interview.uuid,
        interview.application_id or "",
        interview.company,
        interview.role,
        local.strftime("%Y-%m-%d %H:%M"),
        interview.length_minutes or "",
        interview.stage.value,
        interview.round_label,
        interview.format.value if interview.format else "",
        effective_status(interview, now).value,
        interview.interest or "",
        interview.location,
        interview.people_text,
        interview.job_ad_url,
        interview.feedback_by or "",
        interview.contact_from or "",
        interview.notes,
        *_evaluation_cells(record.evaluation),
    ]


def _entry_cells(entry: Entry, record: Record) -> list[object]:
    return [
        entry.id,
        entry.uuid,
        record.interview.id,
        record.interview.uuid,
        record.interview.company,
        entry.kind.value,
        entry.due.key.replace("T", " ") if entry.due else "",
        entry.done.key.replace("T", " ") if entry.done else "",
        entry.channel.value if entry.channel else "",
        entry.contact,
        entry.reason,
        entry.note,
        entry.outcome.value if entry.outcome else "",
    ]


def _write_rows(
    header: list[str],
    groups: Iterable[Iterable[list[object]]],
    write: Write,
    progress: Callable[[int], object] | None,
) -> int:
    """A CSV table: the header, then each group's rows (a group per record, counted and
    told to `progress`), handed to `write` about 64 KB at a time. Returns the groups."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for rows in groups:
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)
        count += 1
        if progress is not None:
            progress(1)
        if buffer.tell() > 65536:
            write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    write(buffer.getvalue())
    return count


def write_csv(
    records: Iterable[Record],
    now: pendulum.DateTime,
    write: Write,
    *,
    table: str = "interviews",
    progress: Callable[[int], object] | None = None,
) -> int:
    """Interviews one row each (or, with table "follow-ups", one row per entry)."""
    if table == "interviews":
        rows = ([_interview_cells(record, now)] for record in records)
        return _write_rows(INTERVIEW_COLUMNS, rows, write, progress)
    entries = ([_entry_cells(entry, record) for entry in record.entries] for record in records)
    return _write_rows(FOLLOW_UP_COLUMNS, entries, write, progress)


def _application_cells(summary: ApplicationSummary) -> list[object]:
    application, upcoming = summary.application, summary.next_follow_up
    return [
        application.id,
        application.uuid,
        application.company,
        application.role,
        summary.status.value,
        summary.rounds_held,
        summary.rounds_ahead,
        application.applied_on or "",
        application.source.value if application.source else "",
        application.source_note,
        application.location,
        application.salary,
        application.job_ad_url,
        summary.last_contact or "",
        upcoming.due.key.replace("T", " ") if upcoming and upcoming.due else "",
        application.notes,
        application.takeaway,
        application.job_ad_text,
    ]


def write_applications_csv(
    summaries: Iterable[ApplicationSummary],
    write: Write,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Applications one row each, with the status worked out as the Applications view does."""
    rows = ([_application_cells(summary)] for summary in summaries)
    return _write_rows(APPLICATION_COLUMNS, rows, write, progress)


# --- one export, to a file or to standard output ---------------------------------------------

SUFFIXES = {"json": "json", "markdown": "md", "csv": "csv", "ics": "ics"}
"""Each format and the file name ending it is saved with."""


@dataclass(frozen=True)
class ExportParts:
    """What one export reads from the journal (the whole of it, one interview, or those
    from `since` on), each part read only when its format asks for it."""

    journal: Journal
    interview_id: int | None = None
    since: datetime | None = None
    ghosted_after_days: int | None = None
    """The configured silence before an application counts as ghosted (None: the default)."""
    interview_minutes: int = DEFAULT_LENGTH_MINUTES
    """How long an interview without its own length lasts (the calendar's events)."""

    def records(self) -> Iterator[Record]:
        return self.journal.records(interview_id=self.interview_id, since=self.since)

    def record_rows(self) -> Iterator[RecordRows]:
        """The records as their stored rows only (what the JSON export writes)."""
        from interview_journal.store.export_reads import read_export_rows

        connection = self.journal.connection
        return read_export_rows(connection, interview_id=self.interview_id, since=self.since)

    def applications(self) -> list[dict[str, Any]]:
        from interview_journal.store.records import application_rows

        connection = self.journal.connection
        return application_rows(connection, interview_id=self.interview_id, since=self.since)

    def people(self) -> list[dict[str, Any]]:
        from interview_journal.store.records import people_rows

        connection = self.journal.connection
        return people_rows(connection, interview_id=self.interview_id, since=self.since)

    def summaries(self, now: pendulum.DateTime) -> list[ApplicationSummary]:
        ids = None
        if self.interview_id is not None or self.since is not None:
            ids = [row["id"] for row in self.applications()]
        days = self.ghosted_after_days
        return self.journal.applications.summaries(now, ids=ids, ghosted_after_days=days)


def write_export(
    fmt: str,
    parts: ExportParts,
    now: pendulum.DateTime,
    target: Path | None,
    table: str = "interviews",
    progress: Callable[[int], object] | None = None,
) -> int:
    """Write one export in `fmt` to `target` (whole or not at all, through the one
    safe-write routine), or to standard output when `target` is None. Returns the number
    of interviews (of applications for their table; for ics, of calendar items) written."""
    if fmt == "ics":
        span = parts.interview_minutes
        if target is None:
            send = sys.stdout.buffer.write
            count = write_ics(parts.records(), now, send, progress, interview_minutes=span)
            sys.stdout.buffer.flush()
            return count
        with staged_file(target, binary=True) as handle:
            return write_ics(parts.records(), now, handle.write, progress, interview_minutes=span)
    with contextlib.ExitStack() as stack:
        out: IO[str] = sys.stdout if target is None else stack.enter_context(staged_file(target))
        count = _write_text(fmt, parts, now, out.write, table, progress)
        out.flush()
    return count


def _write_text(
    fmt: str,
    parts: ExportParts,
    now: pendulum.DateTime,
    write: Write,
    table: str,
    progress: Callable[[int], object] | None,
) -> int:
    if fmt == "json":
        return write_json_export(parts, now, write, progress)
    if fmt == "markdown":
        return write_markdown(parts.records(), now, write, progress)
    if fmt == "csv" and table == "applications":
        return write_applications_csv(parts.summaries(now), write, progress)
    if fmt == "csv":
        return write_csv(parts.records(), now, write, table=table, progress=progress)
    raise ValueError(f"unknown export format {fmt!r}")


def write_json_export(
    parts: ExportParts,
    now: datetime,
    write: Write,
    progress: Callable[[int], object] | None = None,
) -> int:
    """The lossless JSON of `parts`: its applications, people, interviews and the
    dismissed suggestions (`services.exchange.write_json`)."""
    from interview_journal.services.exchange import write_json

    records, dismissed = parts.record_rows(), parts.journal.dismissed_suggestions()
    extras = {"applications": parts.applications(), "people": parts.people()}
    return write_json(records, dismissed, now, write, progress, **extras)


def export_records(
    journal: Journal,
    fmt: str,
    now: pendulum.DateTime,
    target: Path | None,
    *,
    interview_id: int | None = None,
    since: pendulum.DateTime | None = None,
    table: str = "interviews",
    progress: Callable[[int], object] | None = None,
    ghosted_after_days: int | None = None,
    interview_minutes: int = DEFAULT_LENGTH_MINUTES,
) -> int:
    """Export the journal (or one interview, or those from `since` on) with `write_export`."""
    parts = ExportParts(journal, interview_id, since, ghosted_after_days, interview_minutes)
    return write_export(fmt, parts, now, target, table, progress)


# --- files beside the journal ----------------------------------------------------------------


def exports_folder(journal_path: Path) -> Path:
    """Where exports made from the TUI go: `exports/` beside the journal file."""
    return journal_path.parent / "exports"


def export_file_name(fmt: str, now: pendulum.DateTime) -> str:
    """A whole-journal export's file name: the time it was made, and the format's suffix."""
    return f"interview-journal-{now:%Y-%m-%d-%H%M%S}.{SUFFIXES[fmt]}"


def export_journal(journal: Journal, fmt: str, now: pendulum.DateTime) -> Path:
    """Export the whole journal in `fmt` to a new file in `exports_folder`; returns its
    path. Raises OSError or the journal's error; a file is there whole or not at all."""
    target = exports_folder(journal.path) / export_file_name(fmt, now)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_export(fmt, ExportParts(journal), now, target)
    return target


def interview_markdown(journal: Journal, interview_id: int, now: pendulum.DateTime) -> str | None:
    """One interview as Markdown, with its prep sheet while it is still ahead; None when
    the interview no longer exists."""
    from interview_journal.present.review import prep_markdown

    record = next(journal.records(interview_id=interview_id), None)
    if record is None:
        return None
    text = record_markdown(record, now)
    if record.interview.starts_at > now:
        prep = prep_markdown(journal.prep(interview_id), now)
        text += "\n" + prep.replace("# Prep:", "### Prep:", 1).replace("\n## ", "\n#### ")
    return text


def interview_file_name(title: str, interview_id: int) -> str:
    """A file name for one interview: its title as letters, digits and dashes, and its id."""
    slug = "".join(c if c.isalnum() else "-" for c in title).strip("-").lower()
    return f"{slug[:60]}-{interview_id}.md"


def save_interview_markdown(
    journal: Journal, interview_id: int, title: str, now: pendulum.DateTime
) -> Path | None:
    """Write `interview_markdown` to a file in `exports_folder`; returns its path, or None
    when the interview no longer exists. Raises OSError or the journal's error."""
    text = interview_markdown(journal, interview_id, now)
    if text is None:
        return None
    folder = exports_folder(journal.path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / interview_file_name(title, interview_id)
    with staged_file(target) as handle:
        handle.write(text)
    return target
