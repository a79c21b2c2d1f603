"""Exports: the formats a person or another program reads, and where their files go.

Markdown, CSV and iCalendar are written here (the lossless JSON is the format's own
module, `services.exchange`). Each writer takes the records of an export one at a time and
hands text to `write`, so a journal of any size is written without holding it in memory. Where the
text goes is the caller's choice: a file (always through `safe_files.staged_file`) or
standard output. `export_journal` and `save_interview_markdown` are the whole use case
for the front ends: the file's name, its folder beside the journal, the safe write.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pendulum

from interview_journal.dates import format_exact
from interview_journal.domain.evaluation import RATINGS
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import Entry
from interview_journal.present.text import entry_line, evaluation_sections, interview_facts
from interview_journal.safe_files import staged_file
from interview_journal.services.calendar import write_ics
from interview_journal.store.exchange import Record

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal

Write = Callable[[str], object]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- Markdown ---------------------------------------------------------------------------


def record_markdown(record: Record, now: pendulum.DateTime) -> str:
    """One interview as a Markdown section: facts, prep notes, evaluation, timeline."""
    interview = record.interview
    lines = [f"## {interview.title}", ""]
    for label, value in interview_facts(interview, now):
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


INTERVIEW_COLUMNS = [
    "id", "uuid", "company", "role", "starts_at", "stage", "format", "status", "interest",
    "location", "interviewers", "job_ad_url", "feedback_by", "contact_from", "notes",
    "evaluation", *RATINGS, "lesson", "to_improve",
]  # fmt: skip
FOLLOW_UP_COLUMNS = [
    "id", "uuid", "interview_id", "interview_uuid", "company", "kind", "due", "done",
    "channel", "contact", "reason", "note", "outcome",
]  # fmt: skip


def _interview_cells(record: Record, now: pendulum.DateTime) -> list[object]:
    interview, evaluation = record.interview, record.evaluation
    local = pendulum.instance(interview.starts_at).in_tz(now.timezone or "UTC")
    return [
        interview.id,
        interview.uuid,
        interview.company,
        interview.role,
        local.strftime("%Y-%m-%d %H:%M"),
        interview.stage.value,
        interview.format.value if interview.format else "",
        effective_status(interview, now).value,
        interview.interest or "",
        interview.location,
        interview.people_text,
        interview.job_ad_url,
        interview.feedback_by or "",
        interview.contact_from or "",
        interview.notes,
        evaluation.state.value if evaluation else "",
        *((getattr(evaluation, name) or "") if evaluation else "" for name in RATINGS),
        evaluation.lesson if evaluation else "",
        evaluation.to_improve if evaluation else "",
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


def write_csv(
    records: Iterable[Record],
    now: pendulum.DateTime,
    write: Write,
    *,
    table: str = "interviews",
    progress: Callable[[int], object] | None = None,
) -> int:
    """Interviews one row each (or, with table "follow-ups", one row per entry)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> None:
        write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()

    writer.writerow(INTERVIEW_COLUMNS if table == "interviews" else FOLLOW_UP_COLUMNS)
    count = 0
    for record in records:
        if table == "interviews":
            writer.writerow([safe_cell(cell) for cell in _interview_cells(record, now)])
        else:
            for entry in record.entries:
                writer.writerow([safe_cell(cell) for cell in _entry_cells(entry, record)])
        count += 1
        if progress is not None:
            progress(1)
        if buffer.tell() > 65536:
            flush()
    flush()
    return count


# --- iCalendar ---------------------------------------------------------------------------


# --- one export, to a file or to standard output ---------------------------------------------

SUFFIXES = {"json": "json", "markdown": "md", "csv": "csv", "ics": "ics"}
"""Each format and the file name ending it is saved with."""


def write_export(
    fmt: str,
    records: Iterator[Record],
    dismissed: list[dict[str, Any]],
    now: pendulum.DateTime,
    target: Path | None,
    *,
    table: str = "interviews",
    progress: Callable[[int], object] | None = None,
) -> int:
    """Write one export in `fmt` to `target` (whole or not at all, through the one
    safe-write routine), or to standard output when `target` is None. Returns the number
    of interviews (or, for ics, of calendar items) written."""
    from interview_journal.services.exchange import write_json

    if fmt == "ics":
        if target is None:
            count = write_ics(records, now, sys.stdout.buffer.write, progress)
            sys.stdout.buffer.flush()
            return count
        with staged_file(target, binary=True) as handle:
            return write_ics(records, now, handle.write, progress)
    with contextlib.ExitStack() as stack:
        out: IO[str] = sys.stdout if target is None else stack.enter_context(staged_file(target))
        if fmt == "json":
            count = write_json(records, dismissed, now, out.write, progress)
        elif fmt == "markdown":
            count = write_markdown(records, now, out.write, progress)
        elif fmt == "csv":
            count = write_csv(records, now, out.write, table=table, progress=progress)
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        out.flush()
    return count


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
) -> int:
    """Export the journal (or one interview, or those from `since` on) with `write_export`."""
    records = journal.records(interview_id=interview_id, since=since)
    dismissed = journal.dismissed_suggestions()
    return write_export(fmt, records, dismissed, now, target, table=table, progress=progress)


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
    write_export(fmt, journal.records(), journal.dismissed_suggestions(), now, target)
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
