"""Applications: saved, changed, deleted with their rounds and put back, and read as the
rows of the Applications view (status worked out from one query per page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from interview_journal.dates import day_from_storage, from_storage, to_storage
from interview_journal.domain.applications import (
    Application,
    ApplicationSummary,
    ProcessFacts,
    derive_status,
)
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import status_at
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.errors import NotFoundError
from interview_journal.store.connection import Connection, update_versioned, utc_now
from interview_journal.store.drafts import takes_words_away
from interview_journal.store.follow_ups import FollowUps
from interview_journal.store.grouping import application_match_key
from interview_journal.store.interviews import Interviews
from interview_journal.store.rows import (
    APPLICATION_COLUMNS,
    ENTRY_COLUMNS,
    Row,
    application_from_row,
    application_to_row,
    entry_from_row,
)

_TEXTS = (
    "company",
    "role",
    "job_ad_url",
    "job_ad_text",
    "source_note",
    "location",
    "salary",
    "notes",
)
"""The words of an application the search index holds."""

_ANSWERS = ", ".join(f"'{kind.value}'" for kind in EntryKind if kind.is_answer)

_FACTS_SQL = {
    # one pass per part over the whole journal (or the rounds of a page of applications),
    # grouped by application: a query per application would cost 20,000 index walks
    "rounds": "SELECT i.application_id AS application, count(*) AS rounds, "
    "sum(i.starts_at <= ?) AS held, max(CASE WHEN i.starts_at <= ? THEN i.starts_at END) "
    "AS last_held FROM interviews i {where} GROUP BY i.application_id",
    # SQLite gives the bare column of the row that holds the one max()/min()
    "latest": "SELECT i.application_id AS application, i.id AS latest_id, i.status AS "
    "latest_status, i.feedback_by AS latest_promised, max(i.starts_at) AS latest_start "
    "FROM interviews i {where} GROUP BY i.application_id",
    # the latest outcome rides on its date ("2026-11-20|offer"): one pass for all three
    "heard": "SELECT i.application_id AS application, max(f.done) AS last_done, "
    f"max(CASE WHEN f.kind IN ({_ANSWERS}) THEN f.done END) AS last_answer, "
    "max(CASE WHEN f.kind = 'outcome' AND f.outcome IS NOT NULL "
    "THEN coalesce(f.done, f.due) || '|' || f.outcome END) AS dated_outcome "
    "FROM {pair} ON f.interview_id = i.id {where} GROUP BY i.application_id",
    "next": "SELECT i.application_id AS application, f.id AS next_entry_id, min(f.due) "
    "FROM interviews i JOIN follow_ups f ON f.interview_id = i.id "
    "{where} {and_} f.done IS NULL GROUP BY i.application_id",
}


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
        """Save changes; refuses (StaleWriteError) if someone saved since it was read. A
        new company or role is its rounds' too, in the same transaction."""
        if application.id is None:
            raise ValueError("update_application needs an application with an id")
        now = utc_now()
        row = application_to_row(application)
        with self.connection.writing() as db:
            removed = takes_words_away(db, "applications", ("id", application.id), row, _TEXTS)
            update_versioned(
                db,
                "applications",
                ("id", application.id),
                row | {"updated_at": now},
                application.version,
                missing=f"Application {application.id} no longer exists.",
                stale=f"{application.title} was changed elsewhere (another window?) since "
                "you opened it. Your version was not saved over it.",
            )
            db.execute(
                "UPDATE interviews SET company = ?, role = ?, updated_at = ?, "
                "version = version + 1 WHERE application_id = ? "
                "AND (company IS NOT ? OR role IS NOT ?)",
                [row["company"], row["role"], now, application.id, row["company"], row["role"]],
            )
        self.connection.forget_removed_text(indexed=removed)
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
            rounds = [interviews.delete(round_id, with_leftovers=False) for round_id in round_ids]
            db.execute("DELETE FROM applications WHERE id = ?", [application_id])
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
        if ids is None:
            rows = self.connection.query(f"SELECT {APPLICATION_COLUMNS} FROM applications")
            facts = self._facts(now, "")
        else:
            rows, facts = [], {}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(str(int(value)) for value in chunk)
                rows += self.connection.query(
                    f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE id IN ({marks})"
                )
                facts |= self._facts(now, f"WHERE i.application_id IN ({marks})")
        next_ids = [f["next_entry_id"] for f in facts.values() if f.get("next_entry_id")]
        next_entries = self._entries_by_id(next_ids)
        extra = {} if ghosted_after_days is None else {"ghosted_after_days": ghosted_after_days}
        found = []
        for row in rows:
            known = facts.get(row["id"], {})
            found.append(
                _summary(
                    row | _NO_FACTS | known,
                    next_entries,
                    now,
                    extra,
                )
            )
        found.sort(key=_view_order)
        return found

    def _entries_by_id(self, entry_ids: list[int]) -> dict[int, Entry]:
        found: dict[int, Entry] = {}
        for start in range(0, len(entry_ids), 500):
            marks = ",".join(str(int(i)) for i in entry_ids[start : start + 500])
            for row in self.connection.query(
                f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE id IN ({marks})"
            ):
                found[row["id"]] = entry_from_row(row)
        return found

    def _facts(self, now: datetime, where: str) -> dict[int, Row]:
        """What each application's status and row are worked out from, by application id."""
        facts: dict[int, Row] = {}
        and_ = "AND" if where else "WHERE"
        # all of them: one scan of the follow-ups; a page: from its rounds, by index
        pair = (
            "interviews i CROSS JOIN follow_ups f"
            if where
            else "follow_ups f NOT INDEXED CROSS JOIN interviews i"
        )
        for sql in _FACTS_SQL.values():
            statement = sql.format(where=where, and_=and_, pair=pair)
            stamp = [to_storage(now)] * statement.count("?")
            for row in self.connection.query(statement, stamp):
                if row["application"] is not None:
                    facts.setdefault(row["application"], {}).update(row)
        return facts


_NO_FACTS: Row = {
    "rounds": 0,
    "held": 0,
    "last_held": None,
    "latest_id": None,
    "latest_status": None,
    "latest_promised": None,
    "latest_start": None,
    "last_done": None,
    "last_answer": None,
    "dated_outcome": None,
    "next_entry_id": None,
}


def _summary(
    row: Row, next_entries: dict[int, Entry], now: datetime, extra: dict[str, int]
) -> ApplicationSummary:
    application = application_from_row(row)
    today = now.date()
    latest_start = from_storage(row["latest_start"]) if row["latest_start"] else None
    facts = ProcessFacts(
        ended=application.ended,
        last_outcome=Outcome(row["dated_outcome"].split("|")[1]) if row["dated_outcome"] else None,
        latest_round=(
            status_at(
                Status(row["latest_status"]) if row["latest_status"] else None, latest_start, now
            )
            if latest_start
            else None
        ),
        latest_round_day=latest_start.astimezone(now.tzinfo).date() if latest_start else None,
        promised=day_from_storage(row["latest_promised"]),
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
        latest_start=latest_start,
    )


def _day(key: str | None) -> date | None:
    return When.from_key(key).day if key else None


def _view_order(summary: ApplicationSummary) -> tuple[bool, int, str, int]:
    """Open ones first; within each part the latest activity (a round, even one ahead, an
    answer, the day applied) first."""
    days = [summary.last_contact, summary.application.applied_on]
    if summary.latest_start is not None:
        days.append(summary.latest_start.date())
    recent = max((d for d in days if d), default=date.min)
    application = summary.application
    return (
        summary.status.is_closed,
        -recent.toordinal(),
        application.company.casefold(),
        application.id or 0,
    )
