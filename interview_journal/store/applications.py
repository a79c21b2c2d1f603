"""Applications: saved, changed, deleted with their rounds and put back, and read as the
rows of the Applications view (status worked out from one query per page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from interview_journal.dates import from_storage, to_storage
from interview_journal.domain.applications import (
    Application,
    ApplicationSummary,
    ProcessFacts,
    derive_status,
)
from interview_journal.domain.model import Interview
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.errors import NotFoundError
from interview_journal.store.connection import Connection, update_versioned, utc_now
from interview_journal.store.follow_ups import FollowUps
from interview_journal.store.grouping import application_match_key
from interview_journal.store.interviews import Interviews, forget_deleted_words
from interview_journal.store.rows import (
    APPLICATION_COLUMNS,
    Row,
    application_from_row,
    application_to_row,
)

_ANSWERS = ", ".join(f"'{kind.value}'" for kind in EntryKind if kind.is_answer)

_SUMMARY_SQL = f"""
SELECT {", ".join("a." + c.strip() for c in APPLICATION_COLUMNS.split(","))},
    (SELECT count(*) FROM interviews i WHERE i.application_id = a.id) AS rounds,
    (SELECT count(*) FROM interviews i WHERE i.application_id = a.id AND i.starts_at <= :now)
        AS held,
    (SELECT id FROM interviews i WHERE i.application_id = a.id
        ORDER BY starts_at DESC, id DESC LIMIT 1) AS latest_id,
    (SELECT max(starts_at) FROM interviews i WHERE i.application_id = a.id
        AND i.starts_at <= :now) AS last_held,
    (SELECT max(f.done) FROM follow_ups f JOIN interviews i ON f.interview_id = i.id
        WHERE i.application_id = a.id AND f.done IS NOT NULL AND f.kind IN ({_ANSWERS}))
        AS last_answer,
    (SELECT max(f.done) FROM follow_ups f JOIN interviews i ON f.interview_id = i.id
        WHERE i.application_id = a.id AND f.done IS NOT NULL) AS last_done,
    (SELECT f.outcome FROM follow_ups f JOIN interviews i ON f.interview_id = i.id
        WHERE i.application_id = a.id AND f.kind = 'outcome' AND f.outcome IS NOT NULL
        ORDER BY coalesce(f.done, f.due) DESC, f.id DESC LIMIT 1) AS last_outcome,
    (SELECT f.id FROM follow_ups f JOIN interviews i ON f.interview_id = i.id
        WHERE i.application_id = a.id AND f.done IS NULL
        ORDER BY f.due, f.id LIMIT 1) AS next_entry_id
FROM applications a
"""


@dataclass(frozen=True)
class DeletedApplication:
    """An application and every round of it, as they were: what `u` puts back."""

    application: Application
    row: Row
    rounds: list[Any] = field(default_factory=list)
    """The DeletedInterview of each round, oldest first."""


class Applications:
    """The `applications` table and the read model of the Applications view."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, application: Application) -> Application:
        now = utc_now()
        row = application_to_row(application) | {
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        with self.connection.writing() as db:
            new_id = db.table("applications").insert(row).last_pk
        assert new_id is not None
        return self.get(int(new_id))

    def update(self, application: Application) -> Application:
        """Save changes; refuses (StaleWriteError) if someone saved since it was read."""
        if application.id is None:
            raise ValueError("update_application needs an application with an id")
        with self.connection.writing() as db:
            update_versioned(
                db,
                "applications",
                ("id", application.id),
                application_to_row(application) | {"updated_at": utc_now()},
                application.version,
                missing=f"Application {application.id} no longer exists.",
                stale=f"{application.title} was changed elsewhere (another window?) since "
                "you opened it. Your version was not saved over it.",
            )
        self.connection.forget_removed_text()
        return self.get(application.id)

    def get(self, application_id: int) -> Application:
        rows = self.connection.query(
            f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = ?", [application_id]
        )
        if not rows:
            raise NotFoundError(f"No application with id {application_id}.")
        return application_from_row(rows[0])

    def by_id(self, application_ids: set[int] | list[int]) -> dict[int, Application]:
        ids = sorted(set(application_ids))
        found: dict[int, Application] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.connection.query(
                f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = application_from_row(row)
        return found

    def matching(self, company: str, role: str) -> list[Application]:
        """Applications with this company and role (case- and space-insensitive), newest first."""
        rows = self.connection.query(
            f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE match_key = ? ORDER BY id DESC",
            [application_match_key(company, role)],
        )
        return [application_from_row(row) for row in rows]

    def rounds(self, application_id: int) -> list[Interview]:
        """Its interviews, oldest first."""
        return Interviews(self.connection).where(
            "application_id = ? ORDER BY starts_at, id", [application_id]
        )

    def entries(self, application_id: int) -> list[Entry]:
        """The timeline entries of all its rounds, oldest first per round."""
        ids = [r.id for r in self.rounds(application_id) if r.id is not None]
        return list(FollowUps(self.connection).of(ids))

    def count(self) -> int:
        return int(self.connection.query("SELECT count(*) AS n FROM applications")[0]["n"])

    def delete(self, application_id: int) -> DeletedApplication:
        """Delete an application and every round of it (with their evaluations and timelines)."""
        interviews = Interviews(self.connection)
        application = self.get(application_id)
        with self.connection.writing() as db:
            rows = list(db.query("SELECT * FROM applications WHERE id = ?", [application_id]))
            if not rows:
                raise NotFoundError(f"No application with id {application_id}.")
            round_ids = [
                r["id"]
                for r in db.query(
                    "SELECT id FROM interviews WHERE application_id = ? ORDER BY starts_at, id",
                    [application_id],
                )
            ]
            rounds = [interviews.delete(round_id) for round_id in round_ids]
            db.execute("DELETE FROM applications WHERE id = ?", [application_id])
            forget_deleted_words(db)
        self.connection.forget_removed_text()
        return DeletedApplication(application, rows[0], rounds)

    def restore(self, deleted: DeletedApplication) -> Application:
        """Undo a delete: the application and its rounds with the same ids and contents."""
        interviews = Interviews(self.connection)
        with self.connection.writing() as db:
            db.table("applications").insert(deleted.row)
            for round_ in deleted.rounds:
                interviews.restore(round_)
        assert deleted.application.id is not None
        return self.get(deleted.application.id)

    # --- the Applications view --------------------------------------------------------

    def summaries(
        self,
        now: datetime,
        *,
        ids: list[int] | None = None,
        ghosted_after_days: int | None = None,
    ) -> list[ApplicationSummary]:
        """Every application (or those `ids`) as a row of the view: open ones first, each
        part by the latest thing that happened; `now` is aware, in the user's zone."""
        sql, params = _SUMMARY_SQL, {"now": to_storage(now)}
        if ids is not None:
            if not ids:
                return []
            marks = ",".join(f":id{n}" for n in range(len(ids)))
            sql += f" WHERE a.id IN ({marks})"
            params |= {f"id{n}": value for n, value in enumerate(ids)}
        rows = self.connection.query(sql, params)
        latest = Interviews(self.connection).by_id(
            [row["latest_id"] for row in rows if row["latest_id"] is not None]
        )
        upcoming = FollowUps(self.connection)
        next_entries = {
            entry_id: upcoming.get(entry_id)
            for entry_id in (row["next_entry_id"] for row in rows)
            if entry_id is not None
        }
        extra = {} if ghosted_after_days is None else {"ghosted_after_days": ghosted_after_days}
        found = [
            _summary(row, latest.get(row["latest_id"]), next_entries, now, extra) for row in rows
        ]
        found.sort(key=_view_order)
        return found


def _summary(
    row: Row,
    latest: Interview | None,
    next_entries: dict[int, Entry],
    now: datetime,
    extra: dict[str, int],
) -> ApplicationSummary:
    application = application_from_row(row)
    today = now.date()
    latest_day = latest.starts_at.astimezone(now.tzinfo).date() if latest else None
    facts = ProcessFacts(
        ended=application.ended,
        last_outcome=Outcome(row["last_outcome"]) if row["last_outcome"] else None,
        latest_round=effective_status(latest, now) if latest else None,
        latest_round_day=latest_day,
        promised=latest.feedback_by if latest else None,
        last_answer=_day(row["last_answer"]),
    )
    held = (
        from_storage(row["last_held"]).astimezone(now.tzinfo).date() if row["last_held"] else None
    )
    last_contact = max((d for d in (held, _day(row["last_done"])) if d), default=None)
    return ApplicationSummary(
        application=application,
        status=derive_status(facts, today, **extra),
        rounds_held=row["held"],
        rounds_ahead=row["rounds"] - row["held"],
        last_contact=last_contact,
        next_follow_up=next_entries.get(row["next_entry_id"]),
        latest_round=latest,
    )


def _day(key: str | None) -> date | None:
    return When.from_key(key).day if key else None


def _view_order(summary: ApplicationSummary) -> tuple[bool, int, str, int]:
    """Open ones first; within each part the latest activity (a round, even one ahead, an
    answer, the day applied) first."""
    days = [summary.last_contact, summary.application.applied_on]
    if summary.latest_round is not None:
        days.append(summary.latest_round.starts_at.date())
    recent = max((d for d in days if d), default=date.min)
    application = summary.application
    return (
        summary.status.is_closed,
        -recent.toordinal(),
        application.company.casefold(),
        application.id or 0,
    )
