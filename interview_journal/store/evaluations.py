"""Evaluations: one per interview, saved as it is typed, and what earlier ones taught."""

from __future__ import annotations

from datetime import date, datetime

from interview_journal.dates import day_to_storage, from_storage, to_storage
from interview_journal.domain.evaluation import Evaluation, EvaluationSummary, PastLesson
from interview_journal.errors import NotFoundError, StaleWriteError
from interview_journal.store.connection import Connection, update_versioned, utc_now
from interview_journal.store.drafts import removes_text
from interview_journal.store.rows import (
    evaluation_from_row,
    evaluation_to_row,
    summary_from_row,
)

Dates = tuple[date | None, date | None]

__all__ = ["Dates", "Evaluations"]


class Evaluations:
    """The `evaluations` table, and the dates agreed at an interview."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, interview_id: int) -> Evaluation | None:
        rows = self.connection.query(
            "SELECT * FROM evaluations WHERE interview_id = ?", [interview_id]
        )
        return evaluation_from_row(rows[0]) if rows else None

    def save(self, evaluation: Evaluation) -> Evaluation:
        """Write an evaluation (the first save creates it). Refuses a stale write.

        `evaluation.version` must be the version it was read at (0 for a new one); if the
        row has moved on since (another window saved), StaleWriteError is raised and
        nothing is written, so the caller can merge instead of overwriting.
        """
        row = evaluation_to_row(evaluation)
        now = utc_now()
        removed = False
        with self.connection.writing() as db:
            if evaluation.version == 0:
                if not db.execute(
                    "SELECT 1 FROM interviews WHERE id = ?", [evaluation.interview_id]
                ).fetchone():
                    raise NotFoundError(f"No interview with id {evaluation.interview_id}.")
                exists = db.execute(
                    "SELECT 1 FROM evaluations WHERE interview_id = ?", [evaluation.interview_id]
                ).fetchone()
                if exists:
                    raise StaleWriteError(
                        "This evaluation was started in another window at the same time."
                    )
                db.table("evaluations").insert(
                    row
                    | {
                        "interview_id": evaluation.interview_id,
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
            else:
                before = db.execute(
                    "SELECT * FROM evaluations WHERE interview_id = ?", [evaluation.interview_id]
                )
                found = before.fetchone()
                if found is not None:
                    names = [column[0] for column in before.description]
                    removed = removes_text(dict(zip(names, found, strict=True)), row)
                update_versioned(
                    db,
                    "evaluations",
                    ("interview_id", evaluation.interview_id),
                    row | {"updated_at": now},
                    evaluation.version,
                    stale="This evaluation was changed in another window since you opened it.",
                )
        if removed:  # an autosave that only adds text needs no checkpoint
            self.connection.forget_removed_text()
        saved = self.get(evaluation.interview_id)
        assert saved is not None
        return saved

    def set_agreed_dates(self, interview_id: int, agreed: Dates, was: Dates | None) -> None:
        """Record what was agreed at the interview (from the evaluation's closing questions):
        `agreed` is (feedback promised by, may get in touch from).

        With `was` (the two dates as the caller read them), a date still equal to what was
        read is left as the journal holds it now, so a date set elsewhere meanwhile (the
        CLI, another window) is not undone by saving the other one."""
        values = dict(zip(("feedback_by", "contact_from"), agreed, strict=True))
        if was is not None:
            values = {
                name: value
                for (name, value), before in zip(values.items(), was, strict=True)
                if value != before
            }
        changes = {name: day_to_storage(value) if value else None for name, value in values.items()}
        with self.connection.writing() as db:
            update_versioned(
                db,
                "interviews",
                ("id", interview_id),
                changes | {"updated_at": utc_now()},
                None,
                missing=f"No interview with id {interview_id}.",
            )

    def past_lessons(self, before: datetime, limit: int = 5) -> list[PastLesson]:
        """Lessons and things to improve from evaluations of interviews before `before`,
        newest first."""
        rows = self.connection.query(
            "SELECT i.id, i.company, i.starts_at, e.lesson, e.to_improve FROM evaluations e "
            "JOIN interviews i ON i.id = e.interview_id "
            "WHERE i.starts_at < ? AND (e.lesson != '' OR e.to_improve != '') "
            "ORDER BY i.starts_at DESC LIMIT ?",
            [to_storage(before), limit],
        )
        lessons = []
        for row in rows:
            for kind in ("lesson", "to_improve"):
                if row[kind].strip():
                    lessons.append(
                        PastLesson(
                            row["company"],
                            from_storage(row["starts_at"]),
                            row[kind].strip(),
                            kind,
                            row["id"],
                        )
                    )
        return lessons[:limit]

    def summaries(self, ids: list[int]) -> dict[int, EvaluationSummary]:
        """What the list's Eval column shows for these interviews (absent: not started)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.connection.query(
            "SELECT interview_id, state, key_points_rating, dynamic_rating, "
            f"expectations_rating FROM evaluations WHERE interview_id IN ({marks})",
            ids,
        )
        return {row["interview_id"]: summary_from_row(row) for row in rows}
