"""Merging a checked export into the journal: all or nothing, newer copies winning."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from interview_journal.store.connection import Connection, update_versioned
from interview_journal.store.grouping import file_unfiled_rounds
from interview_journal.store.rows import Row

if TYPE_CHECKING:
    from interview_journal.store.exchange import ImportPlan, ImportReport

_ATTACHED = ("application", "evaluation", "follow_ups")
"""What a plan's interview row carries besides its own columns."""


class _DryRun(Exception):
    """Raised inside an import's transaction to roll it back."""


def merge_plan(
    connection: Connection,
    plan: ImportPlan,
    *,
    dry_run: bool = False,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Merge a checked export into the journal, all or nothing; `dry_run` rolls back."""
    from interview_journal.store.exchange import ImportReport

    report = ImportReport()
    try:
        with connection.writing() as db:
            applications = {
                row["uuid"]: _merge_row(db, "applications", "uuid", row, report, "applications")
                for row in plan.applications
            }
            for row in plan.people:
                _merge_row(db, "people", "uuid", row, report, "people")
            lessons_from: list[tuple[str, int]] = []
            for source in plan.interviews:
                _merge_interview(db, source, applications, report, lessons_from)
                if progress is not None:
                    progress(1)
            _link_lessons(db, lessons_from)
            _file_unfiled_rounds(db, report, people=plan.people_from_rounds)
            db.conn.executemany(
                "INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_at) "
                "VALUES (:key, :dismissed_at)",
                plan.dismissed,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        return report
    if any(report.updated.values()):
        connection.forget_removed_text()
    return report


def _merge_interview(
    db: Database,
    source: dict[str, Any],
    applications: dict[str, int],
    report: ImportReport,
    lessons_from: list[tuple[str, int]],
) -> None:
    """One interview with its evaluation and entries, filed under its application when the
    file names one (else `_file_unfiled_rounds` files it)."""
    row = {k: v for k, v in source.items() if k not in _ATTACHED}
    if source["application"] is not None:
        row["application_id"] = applications[source["application"]]
    interview_id = _merge_row(db, "interviews", "uuid", row, report, "interviews")
    evaluation = source["evaluation"]
    if evaluation is not None:
        evaluation = {k: v for k, v in evaluation.items() if k != "lesson_from_uuid"}
        evaluation["interview_id"] = interview_id
        written = report.added["evaluations"] + report.updated["evaluations"]
        _merge_row(db, "evaluations", "interview_id", evaluation, report, "evaluations")
        taken = report.added["evaluations"] + report.updated["evaluations"] > written
        lesson_from = source["evaluation"].get("lesson_from_uuid")
        if lesson_from and taken:  # a copy skipped (same or older) keeps the journal's link
            lessons_from.append((lesson_from, interview_id))
    for entry in source["follow_ups"]:
        entry_row = entry | {"interview_id": interview_id}
        _merge_row(db, "follow_ups", "uuid", entry_row, report, "follow-ups")


def _link_lessons(db: Database, lessons_from: list[tuple[str, int]]) -> None:
    """Each imported evaluation that answered "did you apply it?" points at the interview
    whose lesson it was asked about (named by uuid in the file, so it is found once every
    interview is in). Only evaluations the import wrote are linked: one the journal held
    a newer (or the same) copy of keeps its own link."""
    db.conn.executemany(
        "UPDATE evaluations SET lesson_from = (SELECT id FROM interviews WHERE uuid = ?) "
        "WHERE interview_id = ?",
        lessons_from,
    )


def _count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _file_unfiled_rounds(db: Database, report: ImportReport, *, people: bool) -> None:
    """Rounds that came without an application join one by company and role, oldest round
    first, as the schema step that introduced applications grouped them (a new one takes
    the first round's job ad link); with `people`, everyone they name becomes a person.
    Only rounds just imported are without an application: every save files its round."""
    before = {table: _count(db, table) for table in ("applications", "people")}
    file_unfiled_rounds(db, people=people)
    for table, kind in (("applications", "applications"), ("people", "people")):
        report.added[kind] += _count(db, table) - before[table]


def _merge_row(
    db: Database,
    table: str,
    key: str,
    row: Row,
    report: ImportReport,
    kind: str,
) -> int:
    """Insert `row`, or update the existing one when the file's copy is newer. Returns the
    row's id (the interview id for evaluations)."""
    found = db.execute(
        f"SELECT {'interview_id' if table == 'evaluations' else 'id'}, updated_at "
        f"FROM {table} WHERE {key} = ?",
        [row[key]],
    ).fetchone()
    if found is None:
        columns = [*row, "version"]
        cursor = db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [*row.values(), 1],
        )
        report.added[kind] += 1
        return int(row["interview_id"]) if table == "evaluations" else int(cursor.lastrowid or 0)
    existing_id, updated_at = found
    if row["updated_at"] > updated_at:
        changes = {column: value for column, value in row.items() if column != key}
        update_versioned(db, table, (key, row[key]), changes, None)
        report.updated[kind] += 1
    else:
        report.skipped[kind] += 1
    return int(existing_id)
