"""The retro of an application (read in a few queries), the takeaway written in it (a
save from a window that fell behind is merged, not lost), and the lesson an evaluation
answered "did you apply it?" about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interview_journal.domain.applications import Application, application_status
from interview_journal.domain.evaluation import Evaluation, PastLesson, merge_text
from interview_journal.domain.retro import Retro, build_retro
from interview_journal.errors import StaleWriteError
from interview_journal.store.applications import Applications
from interview_journal.store.connection import Connection
from interview_journal.store.follow_ups import FollowUps
from interview_journal.store.interviews import Interviews
from interview_journal.store.rows import evaluation_from_row


def read_retro(
    connection: Connection, application_id: int, now: datetime, *, ghosted_after_days: int
) -> Retro:
    """The retro of one application as it stands at `now` (aware, in the user's zone).
    Raises NotFoundError when there is no such application."""
    applications = Applications(connection)
    application = applications.get(application_id)
    rounds = applications.rounds(application_id)
    ids = [r.id for r in rounds if r.id is not None]
    entries = list(FollowUps(connection).of(ids))
    evaluations: dict[int, Evaluation] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for row in connection.query(
            f"SELECT * FROM evaluations WHERE interview_id IN ({marks})", ids
        ):
            evaluations[row["interview_id"]] = evaluation_from_row(row)
    status = application_status(
        application, rounds, entries, now, ghosted_after_days=ghosted_after_days
    )
    return build_retro(application, status, rounds, evaluations, entries, now.date())


@dataclass(frozen=True)
class TakeawaySaved:
    """The application as saved; `merged` when another window had changed it meanwhile
    (its takeaway and mine are both kept)."""

    application: Application
    merged: bool = False


def save_takeaway(connection: Connection, base: Application, takeaway: str) -> TakeawaySaved:
    """Write `takeaway` into the application read as `base`. If it was saved elsewhere
    since, only the takeaway is written over what is there now, merged with theirs."""
    applications = Applications(connection)
    try:
        return TakeawaySaved(applications.update(base.with_changes(takeaway=takeaway)))
    except StaleWriteError:
        pass
    assert base.id is not None
    theirs = applications.get(base.id)
    merged = merge_text(base.takeaway, takeaway, theirs.takeaway)
    if merged == theirs.takeaway:
        return TakeawaySaved(theirs, merged=merged != takeaway)
    saved = applications.update(theirs.with_changes(takeaway=merged))
    return TakeawaySaved(saved, merged=merged != takeaway)


def lesson_of(connection: Connection, interview_id: int) -> PastLesson | None:
    """The lesson (else the thing to improve) written in the evaluation of one interview,
    as "Last time's lesson" showed it; None when it has none (or is gone)."""
    rows = connection.query(
        "SELECT lesson, to_improve FROM evaluations WHERE interview_id = ?", [interview_id]
    )
    if not rows:
        return None
    kind = "lesson" if rows[0]["lesson"].strip() else "to_improve"
    text = rows[0][kind].strip()
    if not text:
        return None
    interview = Interviews(connection).by_id([interview_id]).get(interview_id)
    if interview is None:
        return None
    return PastLesson(interview.company, interview.starts_at, text, kind, interview_id)
