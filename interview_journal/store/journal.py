"""The journal: one SQLite file, read and written through domain objects.

`Journal` is the one object the front ends hold. It owns the connection
(`store.connection`) and hands each call to the part of the store that knows it: a
repository per aggregate (`interviews`, `evaluations`, `follow_ups`, `drafts`; the newer
`applications` and `people` are used as attributes, `journal.applications.get(…)`), the read
models (`timeline`, `review_queries`, `records`), and the bulk work (`bulk`, `importing`,
`backup`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from interview_journal.domain.evaluation import Evaluation, EvaluationSummary, PastLesson
from interview_journal.domain.listing import InterviewPage, InterviewQuery, PageCursor
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, When
from interview_journal.errors import DamagedJournalError
from interview_journal.store.applications import Applications, DeletedApplication
from interview_journal.store.backup import BackupCopy, write_backup
from interview_journal.store.connection import Connection, open_connection
from interview_journal.store.database import (
    JournalMissingError,
    NewerSchemaError,
    NotAJournalError,
)
from interview_journal.store.drafts import DRAFT_BASE, DRAFT_FIELDS, Drafts
from interview_journal.store.evaluations import Evaluations
from interview_journal.store.follow_ups import DeletedEntry, FollowUps
from interview_journal.store.interviews import DeletedInterview, Interviews
from interview_journal.store.notified import Notified
from interview_journal.store.people import People

if TYPE_CHECKING:  # imported where used: `list` and `show` start faster without them
    import pendulum

    from interview_journal.domain.applications import Application
    from interview_journal.domain.insights import Insights
    from interview_journal.domain.retro import Retro
    from interview_journal.domain.review import PrepSheet, Review
    from interview_journal.domain.suggestions import Suggestion, SuggestionSettings
    from interview_journal.domain.timeline_page import TimelineCursor, TimelinePage, TimelineQuery
    from interview_journal.store.bulk import Bundle
    from interview_journal.store.exchange import ImportPlan, ImportReport, Record
    from interview_journal.store.retro import TakeawaySaved
    from interview_journal.store.review_queries import ReviewQueries

__all__ = [  # with the names callers import from here
    "DRAFT_BASE",
    "DRAFT_FIELDS",
    "BackupCopy",
    "DeletedApplication",
    "DeletedEntry",
    "DeletedInterview",
    "Journal",
    "JournalMissingError",
    "NewerSchemaError",
    "NotAJournalError",
    "open_journal",
]


def open_journal(path: Path, *, create: bool = False, read_only: bool = False) -> Journal:
    """Open (or with `create`, make) the journal at `path` (see `open_connection`)."""
    return Journal(open_connection(path, create=create, read_only=read_only))


class Journal:
    """The interviews, their evaluations and their timelines in one SQLite file."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.interviews = Interviews(connection)
        self.evaluations = Evaluations(connection)
        self.follow_ups = FollowUps(connection)
        self.drafts = Drafts(connection)
        self.applications = Applications(connection)
        """Applications: add, update, get, delete (with their rounds), restore, rounds,
        entries, matching, summaries (the Applications view's rows)."""
        self.people = People(connection)
        """People: add, update, get, delete, listed, names_for (completion), met_in."""
        self.notified = Notified(connection)
        """What `notify` has said on which day: said_on, remember."""

    # --- the file ----------------------------------------------------------------------

    @property
    def db(self) -> Database:
        return self.connection.db

    @property
    def path(self) -> Path:
        return self.connection.path

    @property
    def read_only(self) -> bool:
        return self.connection.read_only

    @property
    def damage(self) -> DamagedJournalError | None:
        return self.connection.damage

    @property
    def read_only_reason(self) -> str | None:
        return self.connection.read_only_reason

    @property
    def side_files_before(self) -> set[Path] | None:
        return self.connection.side_files_before

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_soundness(self) -> DamagedJournalError | None:
        return self.connection.check_soundness()

    def _forget_removed_text(self) -> None:
        self.connection.forget_removed_text(indexed=False)  # drafts are not searched

    # --- drafts ------------------------------------------------------------------------

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        if self.drafts.save(key, data):  # typing that only adds text needs no checkpoint
            self._forget_removed_text()

    def load_draft(self, key: str) -> dict[str, Any] | None:
        return self.drafts.load(key)

    def claim_draft(
        self, kind: str, key: str, claimable: Callable[[str], bool]
    ) -> dict[str, Any] | None:
        return self.drafts.claim(kind, key, claimable)

    def delete_draft(self, key: str) -> None:
        if self.drafts.delete(key):
            self._forget_removed_text()

    # --- interviews --------------------------------------------------------------------

    def add_interview(self, interview: Interview) -> Interview:
        return self.interviews.add(interview)

    def update_interview(self, interview: Interview) -> Interview:
        return self.interviews.update(interview)

    def get_interview(self, interview_id: int) -> Interview:
        return self.interviews.get(interview_id)

    def delete_interview(self, interview_id: int) -> DeletedInterview:
        return self.interviews.delete(interview_id)

    def restore_interview(self, deleted: DeletedInterview) -> Interview:
        return self.interviews.restore(deleted)

    def interviews_by_id(self, interview_ids: Iterable[int]) -> dict[int, Interview]:
        return self.interviews.by_id(interview_ids)

    def count_interviews(self, query: InterviewQuery | None = None) -> int:
        return self.interviews.count(query)

    def page_interviews(
        self, query: InterviewQuery, after: PageCursor | None = None, limit: int = 100
    ) -> InterviewPage:
        return self.interviews.page(query, after, limit)

    def add_many(
        self,
        records: Iterable[Interview | Bundle],
        *,
        batch: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        from interview_journal.store.bulk import add_many

        return add_many(self.connection, records, batch=batch, progress=progress)

    # --- evaluations -------------------------------------------------------------------

    def get_evaluation(self, interview_id: int) -> Evaluation | None:
        return self.evaluations.get(interview_id)

    def save_evaluation(self, evaluation: Evaluation) -> Evaluation:
        return self.evaluations.save(evaluation)

    def set_agreed_dates(
        self,
        interview_id: int,
        feedback_by: date | None,
        contact_from: date | None,
        *,
        was: tuple[date | None, date | None] | None = None,
    ) -> Interview:
        self.evaluations.set_agreed_dates(interview_id, (feedback_by, contact_from), was)
        return self.interviews.get(interview_id)

    def past_lessons(self, before: datetime, limit: int = 5) -> list[PastLesson]:
        return self.evaluations.past_lessons(before, limit)

    def evaluation_summary(self, interview_id: int) -> EvaluationSummary | None:
        """What the list's Eval column shows for one interview (None: not started)."""
        return self.evaluations.summaries([interview_id]).get(interview_id)

    # --- insights ----------------------------------------------------------------------

    def insights(self, now: datetime, since: date | None = None) -> Insights:
        """Every section of Insights over the interviews held from `since` up to `now`."""
        from interview_journal.store.insights import read_insights

        return read_insights(self.connection, now, since)

    def insight_counts(self, now: datetime, since: date | None = None) -> tuple[int, int]:
        """Interviews held from `since` up to `now`, and how many of them were evaluated."""
        from interview_journal.store.insights import read_counts

        return read_counts(self.connection, now, since)

    def insight_section(self, name: str, now: datetime, since: date | None = None) -> object:
        """One section of Insights (a name of `domain.insights.SECTIONS`), for a view that
        shows each as soon as it is read."""
        from interview_journal.store.insights import read_section

        return read_section(self.connection, name, now, since)

    # --- timeline entries and suggestions ----------------------------------------------

    def add_entry(self, entry: Entry) -> Entry:
        return self.follow_ups.add(entry)

    def get_entry(self, entry_id: int) -> Entry:
        return self.follow_ups.get(entry_id)

    def update_entry(self, entry: Entry) -> Entry:
        return self.follow_ups.update(entry)

    def mark_done(self, entry_id: int, done: When) -> Entry:
        return self.follow_ups.mark_done(entry_id, done)

    def snooze(self, entry_id: int, due: When) -> Entry:
        return self.follow_ups.snooze(entry_id, due)

    def delete_entry(self, entry_id: int) -> DeletedEntry:
        return self.follow_ups.delete(entry_id)

    def restore_entry(self, deleted: DeletedEntry) -> Entry:
        return self.follow_ups.restore(deleted)

    def entries_for(self, interview_id: int) -> list[Entry]:
        """An interview's entries, oldest first."""
        return list(self.follow_ups.of([interview_id]))

    def entries_by_interview(self, interview_ids: list[int]) -> dict[int, list[Entry]]:
        return self.follow_ups.by_interview(interview_ids)

    def dismiss_suggestion(self, key: str) -> None:
        self.follow_ups.dismiss(key)

    def undismiss_suggestion(self, key: str) -> None:
        self.follow_ups.undismiss(key)

    def dismissed_suggestions(self) -> list[dict[str, Any]]:
        return self.follow_ups.dismissed()

    # --- read models -------------------------------------------------------------------

    def _review_queries(self) -> ReviewQueries:
        from interview_journal.store.review_queries import ReviewQueries

        return ReviewQueries(self.connection)

    def suggestions(
        self, now: datetime, settings: SuggestionSettings | None = None
    ) -> list[Suggestion]:
        return self._review_queries().suggestions(now, settings)

    def page_timeline(
        self, query: TimelineQuery, after: TimelineCursor | None = None, limit: int = 100
    ) -> TimelinePage:
        from interview_journal.store.timeline import Timeline

        return Timeline(self.connection).page(query, after, limit)

    def count_planned(self, today: date) -> tuple[int, int]:
        return self._review_queries().count_planned(today)

    def review(self, now: pendulum.DateTime, settings: SuggestionSettings | None = None) -> Review:
        return self._review_queries().review(now, settings)

    def needs_attention(
        self,
        now: pendulum.DateTime,
        horizon_days: int | None = None,
        settings: SuggestionSettings | None = None,
    ) -> bool:
        return self._review_queries().needs_attention(now, horizon_days, settings)

    def prep(self, interview_id: int, *, lessons: int = 5) -> PrepSheet:
        return self._review_queries().prep(interview_id, lessons=lessons)

    # --- export, import and backup -----------------------------------------------------

    def records(
        self, *, interview_id: int | None = None, since: datetime | None = None
    ) -> Iterator[Record]:
        """Every interview (oldest first) with its evaluation and entries, for exports."""
        from interview_journal.store.records import read_records

        return read_records(self.connection, interview_id=interview_id, since=since)

    def import_plan(
        self,
        plan: ImportPlan,
        *,
        dry_run: bool = False,
        progress: Callable[[int], object] | None = None,
    ) -> ImportReport:
        from interview_journal.store.importing import merge_plan

        return merge_plan(self.connection, plan, dry_run=dry_run, progress=progress)

    def backup(self, target: Path) -> BackupCopy:
        return write_backup(self.connection, target)

    # --- the retro of an application, and the lesson an evaluation answered about -------

    def retro(self, application_id: int, now: datetime, *, ghosted_after_days: int) -> Retro:
        """What the retro of one application shows, as it stands at `now`."""
        from interview_journal.store.retro import read_retro

        return read_retro(
            self.connection, application_id, now, ghosted_after_days=ghosted_after_days
        )

    def save_takeaway(self, base: Application, takeaway: str) -> TakeawaySaved:
        """Write what the user takes from an application (read as `base`); a save made
        elsewhere meanwhile is merged with it."""
        from interview_journal.store.retro import save_takeaway

        return save_takeaway(self.connection, base, takeaway)

    def lesson_of(self, interview_id: int) -> PastLesson | None:
        """The lesson (or thing to improve) of one interview's evaluation, as "Last time's
        lesson" shows it."""
        from interview_journal.store.retro import lesson_of

        return lesson_of(self.connection, interview_id)
