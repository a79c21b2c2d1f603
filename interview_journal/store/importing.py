"""Merging a checked export into the journal: all or nothing, newer copies winning."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlite_utils import Database

from interview_journal.store.connection import Connection, update_versioned
from interview_journal.store.interviews import forget_deleted_words
from interview_journal.store.rows import Row

if TYPE_CHECKING:
    from interview_journal.store.exchange import ImportPlan, ImportReport


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
            for source in plan.interviews:
                row = {k: v for k, v in source.items() if k not in ("evaluation", "follow_ups")}
                interview_id = _merge_row(db, "interviews", "uuid", row, report, "interviews")
                evaluation = source["evaluation"]
                if evaluation is not None:
                    _merge_row(
                        db,
                        "evaluations",
                        "interview_id",
                        evaluation | {"interview_id": interview_id},
                        report,
                        "evaluations",
                    )
                for entry in source["follow_ups"]:
                    _merge_row(
                        db,
                        "follow_ups",
                        "uuid",
                        entry | {"interview_id": interview_id},
                        report,
                        "follow-ups",
                    )
                if progress is not None:
                    progress(1)
            db.conn.executemany(
                "INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_at) "
                "VALUES (:key, :dismissed_at)",
                plan.dismissed,
            )
            if dry_run:
                raise _DryRun
            if any(report.updated.values()):
                # the updated rows' old words stay in the index's segments until merged
                forget_deleted_words(db)
    except _DryRun:
        return report
    if any(report.updated.values()):
        connection.forget_removed_text()
    return report


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
