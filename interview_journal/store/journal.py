"""The journal: one SQLite file, read and written through domain objects.

One connection per `Journal`, shared by the UI thread and worker threads behind a lock:
every call is short (a page, one row), and SQLite serialises writers anyway.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import pendulum
from sqlite_utils import Database

from interview_journal.dates import day_from_storage, day_to_storage, from_storage, to_storage
from interview_journal.domain.evaluation import (
    Evaluation,
    EvaluationState,
    EvaluationSummary,
    PastLesson,
)
from interview_journal.domain.listing import (
    InterviewPage,
    InterviewQuery,
    InterviewSort,
    PageCursor,
    search_terms,
)
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.domain.suggestions import Suggestion, SuggestionSettings, suggest
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.errors import (
    DamagedJournalError,
    NotFoundError,
    StaleWriteError,
    StorageError,
)
from interview_journal.safe_files import staged_path
from interview_journal.store import database
from interview_journal.store.database import (
    JournalMissingError,
    NewerSchemaError,
    NotAJournalError,
)
from interview_journal.store.evaluations import (
    evaluation_from_row,
    evaluation_to_row,
    summary_from_row,
)
from interview_journal.store.follow_ups import (
    ENTRY_COLUMNS,
    TimelineCursor,
    TimelinePage,
    TimelineQuery,
    entry_from_row,
    entry_to_row,
    iter_entries,
    iter_rule_entries,
    page_timeline,
)
from interview_journal.store.migrations import LATEST_VERSION, MIGRATIONS

__all__ = [
    "DeletedEntry",
    "DeletedInterview",
    "Journal",
    "JournalMissingError",
    "NewerSchemaError",
    "NotAJournalError",
    "open_journal",
]

DENSE_MATCHES = 2000
"""Above this many search matches, a page walks the sort index instead of sorting them."""

REVIEW_LIMIT = 200
"""At most this many lines per review section (a backlog beyond it is for the timeline)."""

DRAFT_FIELDS = "fields"
"""In a form's draft, the texts typed (beside `DRAFT_BASE`, what the form opened with)."""
DRAFT_BASE = "base"

if TYPE_CHECKING:  # imported where used: `list` and `show` start faster without them
    from interview_journal.domain.review import PrepSheet, Review
    from interview_journal.services.demo import Bundle
    from interview_journal.store.exchange import ImportPlan, ImportReport, Record

P = ParamSpec("P")
T = TypeVar("T")

INTERVIEW_COLUMNS = (
    "id, uuid, company, role, starts_at, time_zone, stage, format, location, interviewers, "
    "job_ad_url, status, interest, notes, feedback_by, contact_from, created_at, updated_at, "
    "version"
)


def _utc_now() -> str:
    return to_storage(datetime.now(UTC))


def interview_from_row(row: dict[str, Any]) -> Interview:
    people = tuple(Person(p["name"], p.get("role", "")) for p in json.loads(row["interviewers"]))
    return Interview(
        id=row["id"],
        uuid=row["uuid"],
        company=row["company"],
        role=row["role"],
        starts_at=from_storage(row["starts_at"]),
        time_zone=row["time_zone"],
        stage=Stage(row["stage"]),
        format=Format(row["format"]) if row["format"] else None,
        location=row["location"],
        interviewers=people,
        job_ad_url=row["job_ad_url"],
        status=Status(row["status"]) if row["status"] else None,
        interest=row["interest"],
        notes=row["notes"],
        feedback_by=day_from_storage(row["feedback_by"]),
        contact_from=day_from_storage(row["contact_from"]),
        created_at=from_storage(row["created_at"]),
        updated_at=from_storage(row["updated_at"]),
        version=row["version"],
    )


def interview_to_row(interview: Interview) -> dict[str, Any]:
    """The columns a save writes (not id, created_at or version: the store owns those)."""
    return {
        "uuid": interview.uuid,
        "company": interview.company,
        "role": interview.role,
        "starts_at": to_storage(interview.starts_at),
        "time_zone": interview.time_zone,
        "stage": interview.stage.value,
        "format": interview.format.value if interview.format else None,
        "location": interview.location,
        "interviewers": json.dumps(
            [{"name": p.name, "role": p.role} for p in interview.interviewers],
            ensure_ascii=False,
        ),
        "people": interview.people_text,
        "job_ad_url": interview.job_ad_url,
        "status": interview.status.value if interview.status else None,
        "interest": interview.interest,
        "notes": interview.notes,
        "feedback_by": day_to_storage(interview.feedback_by) if interview.feedback_by else None,
        "contact_from": day_to_storage(interview.contact_from) if interview.contact_from else None,
    }


@dataclass(frozen=True)
class DeletedInterview:
    """Everything a delete removed, kept in memory so `u` can put it back exactly."""

    interview: Interview
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Every row of every table, keyed by table name, in the order to re-insert them."""


@dataclass(frozen=True)
class BackupCopy:
    """A backup that was written and checked."""

    path: Path
    size: int
    """Bytes."""
    interviews: int
    """How many interviews the check found in the copy."""


@dataclass(frozen=True)
class DeletedEntry:
    """A deleted timeline entry, kept in memory so `u` can put it back exactly."""

    entry: Entry
    row: dict[str, Any]


def _status_condition(status: Status, now: str) -> tuple[str, list[Any]]:
    """SQL for "shows as this status", mirroring `domain.status.effective_status`."""
    if status is Status.UPCOMING:
        return "(status = ? OR (status IS NULL AND starts_at > ?))", [status.value, now]
    if status is Status.AWAITING_REPLY:
        return "(status = ? OR (status IS NULL AND starts_at <= ?))", [status.value, now]
    return "status = ?", [status.value]


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every typed word as a quoted prefix. None when nothing to search."""
    terms = search_terms(text)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


class Journal:
    """The interviews (and later evaluations and follow-ups) in one SQLite file."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self.side_files_before: set[Path] | None = None
        """For a read-only journal: the -wal/-shm that were there before it was opened."""
        self.damage: DamagedJournalError | None = None
        """What SQLite found damaged in the file, once it has (then `read_only` is set)."""
        self.read_only_reason: str | None = None
        """Why the journal is read-only when nobody asked for it (a full disk), as a sentence
        starting with the path; the CLI says it once, and a refused write repeats it."""
        self._check_lock = threading.Lock()
        self._checked = False

    # --- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            with contextlib.suppress(sqlite3.Error):
                if not self.read_only:
                    # Fold the WAL back so the file alone holds everything when we are gone.
                    self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.conn.close()
            if self.read_only and self.side_files_before is not None:
                self._tidy_side_files(self.side_files_before)

    def _tidy_side_files(self, existed_before: set[Path]) -> None:
        """A reader leaves the folder as it found it.

        A read-only connection to a WAL journal makes -wal/-shm files it cannot remove. A
        brief ordinary connection, closed at once, lets SQLite remove them the usual way —
        only if no other program has the journal open, and without writing to the journal
        (its WAL is empty). Where the file cannot be opened for writing, they stay.
        """
        if not (database.side_files(self.path) - existed_before):
            return
        with contextlib.suppress(sqlite3.Error, OSError):
            tidy = sqlite3.connect(database.file_uri(self.path, mode="rw"), uri=True, timeout=0.1)
            try:
                tidy.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                tidy.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- a damaged file ----------------------------------------------------------------

    def check_soundness(self) -> DamagedJournalError | None:
        """Whether SQLite finds the file damaged anywhere (`PRAGMA quick_check`): asked
        once per journal, and always before its first write, so that nothing is written
        into a damaged file. It reads every page (about half a second at 100,000
        interviews), on a connection of its own: the app asks it in a worker at start,
        while the screens read."""
        with self._check_lock:
            if not self._checked:
                found = _quick_check(self.path)
                self._checked = True
                if found is not None:
                    self._found_damage(found)
            return self.damage

    def _found_damage(self, detail: str) -> DamagedJournalError:
        """From now on this journal is only read; returns what to tell the user."""
        if self.damage is None:
            self.damage = DamagedJournalError(self.path, detail)
        self.read_only = True
        return self.damage

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Database]:
        """One transaction, with SQLite's failures turned into sentences."""
        if self.damage is not None:
            raise self.damage.refusing_write()
        if self.read_only:
            if self.read_only_reason:
                raise StorageError(f"{self.read_only_reason}; nothing was changed.")
            raise StorageError(f"{self.path}: the journal is open read-only; nothing was changed.")
        damage = self.check_soundness()
        if damage is not None:
            raise damage.refusing_write()
        with self._lock:
            conn = self.db.conn
            began = False
            try:
                if not conn.in_transaction:
                    # IMMEDIATE takes the write lock up front, waiting (busy timeout) for
                    # another window's save; a plain BEGIN would fail at once on the first
                    # write after a read.
                    conn.execute("BEGIN IMMEDIATE")
                    began = True
                with self.db.atomic():
                    yield self.db
                if began:
                    conn.execute("COMMIT")
            except BaseException as error:
                if began and conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if database.is_damage(error):
                    raise self._found_damage(str(error)).refusing_write() from error
                if isinstance(error, sqlite3.OperationalError):
                    raise _storage_error(self.path, error) from error
                if isinstance(error, UnicodeEncodeError):
                    raise StorageError(
                        f"{self.path}: not saved, the text holds a broken character (a lone "
                        "surrogate) that cannot be stored; nothing was changed."
                    ) from error
                if isinstance(error, sqlite3.IntegrityError):
                    raise StorageError(
                        f"{self.path}: not saved, it would break the journal's rules ({error})."
                    ) from error
                raise
            finally:
                database.secure_file(self.path)

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            try:
                return list(self.db.query(sql, list(params)))
            except sqlite3.DatabaseError as error:
                if database.is_damage(error):  # what the file allows is read; then this
                    raise self._found_damage(str(error)) from error
                raise

    # --- drafts: what is being typed in a form, kept until it is saved or discarded ------

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False)
        with self._writing() as db:
            before = db.execute("SELECT data FROM drafts WHERE key = ?", [key]).fetchone()
            removed = before is not None and _removes_text(json.loads(before[0]), data)
            db.execute(
                "INSERT INTO drafts (key, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at",
                [key, payload, _utc_now()],
            )
        if removed:  # typing that only adds text needs no checkpoint
            self._forget_removed_text()

    def _forget_removed_text(self) -> None:
        """After a commit that deleted or edited text away: fold the WAL back into the file
        and empty it, so the old words are in no file beside the journal (`secure_delete`
        has zeroed them in the pages; this takes the old copies of those pages out of the
        -wal). Runs in the thread that saved, right after the save: about 1 ms at 10,000
        interviews, 5 ms after the search index was rewritten. A checkpoint another
        program's old read keeps from finishing is left to the next one, or to close."""
        with self._lock:
            if self.db.conn.in_transaction:
                return  # inside a caller's transaction: nothing is committed yet
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def load_draft(self, key: str) -> dict[str, Any] | None:
        """The fields of the draft `key`, or of the newest draft of that kind (a form's
        draft is named `KIND#WINDOW`, one per form in a window)."""
        rows = self._query(
            "SELECT data FROM drafts WHERE key = ? OR substr(key, 1, ?) = ? "
            "ORDER BY key = ? DESC, updated_at DESC LIMIT 1",
            [key, len(key) + 1, f"{key}#", key],
        )
        if not rows:
            return None
        loaded = json.loads(rows[0]["data"])
        fields = loaded.get(DRAFT_FIELDS) if isinstance(loaded, dict) else None
        if isinstance(fields, dict):
            return fields  # a form's draft: its fields, without their base
        return loaded if isinstance(loaded, dict) else None

    def claim_draft(
        self, kind: str, key: str, claimable: Callable[[str], bool]
    ) -> dict[str, Any] | None:
        """The newest draft of `kind` that no open form holds, renamed to `key` in the same
        transaction (so two windows opening at once never both take it). `claimable` is
        asked about each draft's window (the part after `#`); a draft named just `kind`
        (written before drafts had windows) is always free. Read-only: read, not taken."""
        query = (
            "SELECT key, data FROM drafts WHERE key = ? OR substr(key, 1, ?) = ? "
            "ORDER BY key = ? DESC, updated_at DESC"
        )
        params = [kind, len(kind) + 1, f"{kind}#", key]

        def free(found: str) -> bool:
            return found in (kind, key) or claimable(found[len(kind) + 1 :])

        if self.read_only:
            for row in self._query(query, params):
                if free(row["key"]):
                    loaded = json.loads(row["data"])
                    return loaded if isinstance(loaded, dict) else None
            return None
        with self._writing() as db:
            for found, data in db.execute(query, params).fetchall():
                if not free(found):
                    continue
                if found != key:
                    db.execute("DELETE FROM drafts WHERE key = ?", [key])
                    db.execute("UPDATE drafts SET key = ? WHERE key = ?", [key, found])
                loaded = json.loads(data)
                return loaded if isinstance(loaded, dict) else None
        return None

    def delete_draft(self, key: str) -> None:
        if self.read_only:
            return
        with self._writing() as db:
            deleted = db.execute("DELETE FROM drafts WHERE key = ?", [key]).rowcount
        if deleted:
            self._forget_removed_text()

    # --- interviews ------------------------------------------------------------------

    def add_interview(self, interview: Interview) -> Interview:
        """Save a new interview; returns it with its id and version."""
        now = _utc_now()
        row = interview_to_row(interview) | {"created_at": now, "updated_at": now, "version": 1}
        with self._writing() as db:
            new_id = db.table("interviews").insert(row).last_pk
        assert new_id is not None
        return self.get_interview(int(new_id))

    def update_interview(self, interview: Interview) -> Interview:
        """Save changes. Refuses (StaleWriteError) if someone saved since `interview` was read."""
        if interview.id is None:
            raise ValueError("update_interview needs an interview with an id")
        row = interview_to_row(interview) | {"updated_at": _utc_now()}
        assignments = ", ".join(f"{column} = :{column}" for column in row)
        with self._writing() as db:
            cursor = db.execute(
                f"UPDATE interviews SET {assignments}, version = version + 1 "
                "WHERE id = :id AND version = :version",
                row | {"id": interview.id, "version": interview.version},
            )
            if cursor.rowcount == 0:
                current = db.execute(
                    "SELECT version FROM interviews WHERE id = ?", [interview.id]
                ).fetchone()
                if current is None:
                    raise NotFoundError(f"Interview {interview.id} no longer exists.")
                raise StaleWriteError(
                    f"{interview.title} was changed elsewhere (another window?) since you opened "
                    "it. Your version was not saved over it."
                )
            _forget_deleted_words(db)
        self._forget_removed_text()
        return self.get_interview(interview.id)

    def get_interview(self, interview_id: int) -> Interview:
        rows = self._query(
            f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id = ?", [interview_id]
        )
        if not rows:
            raise NotFoundError(f"No interview with id {interview_id}.")
        return interview_from_row(rows[0])

    def delete_interview(self, interview_id: int) -> DeletedInterview:
        """Delete an interview and everything that belongs to it; returns what `restore` needs."""
        with self._writing() as db:
            rows = list(db.query("SELECT * FROM interviews WHERE id = ?", [interview_id]))
            if not rows:
                raise NotFoundError(f"No interview with id {interview_id}.")
            interview = interview_from_row(rows[0])
            saved: dict[str, list[dict[str, Any]]] = {"interviews": rows}
            for table in self._dependent_tables(db):
                saved[table] = list(
                    db.query(f"SELECT * FROM [{table}] WHERE interview_id = ?", [interview_id])
                )
            db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])
            _forget_deleted_words(db)
        self._forget_removed_text()
        return DeletedInterview(interview=interview, rows=saved)

    def restore_interview(self, deleted: DeletedInterview) -> Interview:
        """Undo a delete: the same id, uuid and contents as before."""
        with self._writing() as db:
            for table, rows in deleted.rows.items():
                if rows:
                    db.table(table).insert_all(rows)
        assert deleted.interview.id is not None
        return self.get_interview(deleted.interview.id)

    @staticmethod
    def _dependent_tables(db: Database) -> list[str]:
        """Tables whose rows belong to an interview (found by their foreign key)."""
        names = []
        for table in db.tables:
            if any(fk.other_table == "interviews" for fk in table.foreign_keys):
                names.append(table.name)
        return names

    # --- evaluations -----------------------------------------------------------------

    def get_evaluation(self, interview_id: int) -> Evaluation | None:
        rows = self._query("SELECT * FROM evaluations WHERE interview_id = ?", [interview_id])
        return evaluation_from_row(rows[0]) if rows else None

    def save_evaluation(self, evaluation: Evaluation) -> Evaluation:
        """Write an evaluation (the first save creates it). Refuses a stale write.

        `evaluation.version` must be the version it was read at (0 for a new one); if the
        row has moved on since (another window saved), StaleWriteError is raised and
        nothing is written, so the caller can merge instead of overwriting.
        """
        row = evaluation_to_row(evaluation)
        now = _utc_now()
        removed = False
        with self._writing() as db:
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
                ).fetchone()
                if before is not None:
                    names = [
                        column[0]
                        for column in db.execute("SELECT * FROM evaluations LIMIT 0").description
                    ]
                    removed = _removes_text(dict(zip(names, before, strict=True)), row)
                assignments = ", ".join(f"{column} = :{column}" for column in row)
                cursor = db.execute(
                    f"UPDATE evaluations SET {assignments}, updated_at = :updated_at, "
                    "version = version + 1 WHERE interview_id = :interview_id "
                    "AND version = :version",
                    row
                    | {
                        "updated_at": now,
                        "interview_id": evaluation.interview_id,
                        "version": evaluation.version,
                    },
                )
                if cursor.rowcount == 0:
                    raise StaleWriteError(
                        "This evaluation was changed in another window since you opened it."
                    )
        if removed:  # an autosave that only adds text needs no checkpoint
            self._forget_removed_text()
        saved = self.get_evaluation(evaluation.interview_id)
        assert saved is not None
        return saved

    def set_agreed_dates(
        self,
        interview_id: int,
        feedback_by: date | None,
        contact_from: date | None,
        *,
        was: tuple[date | None, date | None] | None = None,
    ) -> Interview:
        """Record what was agreed at the interview (from the evaluation's closing questions).

        With `was` (the two dates as the caller read them), a date still equal to what was
        read is left as the journal holds it now, so a date set elsewhere meanwhile (the
        CLI, another window) is not undone by saving the other one."""
        values = {"feedback_by": feedback_by, "contact_from": contact_from}
        if was is not None:
            values = {
                name: value
                for (name, value), before in zip(values.items(), was, strict=True)
                if value != before
            }
        with self._writing() as db:
            assignments = "".join(f"{name} = ?, " for name in values)
            cursor = db.execute(
                f"UPDATE interviews SET {assignments}updated_at = ?, "
                "version = version + 1 WHERE id = ?",
                [
                    *(day_to_storage(value) if value else None for value in values.values()),
                    _utc_now(),
                    interview_id,
                ],
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"No interview with id {interview_id}.")
        return self.get_interview(interview_id)

    def past_lessons(self, before: datetime, limit: int = 5) -> list[PastLesson]:
        """Lessons and things to improve from evaluations of interviews before `before`,
        newest first."""
        rows = self._query(
            "SELECT i.company, i.starts_at, e.lesson, e.to_improve FROM evaluations e "
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
                            row["company"], from_storage(row["starts_at"]), row[kind].strip(), kind
                        )
                    )
        return lessons[:limit]

    # --- follow-up entries and the timeline ------------------------------------------

    def add_entry(self, entry: Entry) -> Entry:
        now = _utc_now()
        row = entry_to_row(entry) | {"created_at": now, "updated_at": now, "version": 1}
        with self._writing() as db:
            if not db.execute(
                "SELECT 1 FROM interviews WHERE id = ?", [entry.interview_id]
            ).fetchone():
                raise NotFoundError(f"No interview with id {entry.interview_id}.")
            new_id = db.table("follow_ups").insert(row).last_pk
        assert new_id is not None
        return self.get_entry(int(new_id))

    def get_entry(self, entry_id: int) -> Entry:
        rows = self._query(f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE id = ?", [entry_id])
        if not rows:
            raise NotFoundError(f"No timeline entry with id {entry_id}.")
        return entry_from_row(rows[0])

    def update_entry(self, entry: Entry) -> Entry:
        """Save changes to an entry; refuses (StaleWriteError) if it changed since it was read."""
        if entry.id is None:
            raise ValueError("update_entry needs an entry with an id")
        row = entry_to_row(entry) | {"updated_at": _utc_now()}
        assignments = ", ".join(f"{column} = :{column}" for column in row)
        with self._writing() as db:
            cursor = db.execute(
                f"UPDATE follow_ups SET {assignments}, version = version + 1 "
                "WHERE id = :id AND version = :version",
                row | {"id": entry.id, "version": entry.version},
            )
            if cursor.rowcount == 0:
                if not db.execute("SELECT 1 FROM follow_ups WHERE id = ?", [entry.id]).fetchone():
                    raise NotFoundError(f"Timeline entry {entry.id} no longer exists.")
                raise StaleWriteError(
                    "This entry was changed in another window since you opened it; "
                    "your version was not saved over it."
                )
        self._forget_removed_text()
        return self.get_entry(entry.id)

    def mark_done(self, entry_id: int, done: When) -> Entry:
        entry = self.get_entry(entry_id)
        return self.update_entry(entry.with_changes(done=done))

    def snooze(self, entry_id: int, due: When) -> Entry:
        """Plan an entry for a later date (it becomes planned again if it was done)."""
        entry = self.get_entry(entry_id)
        return self.update_entry(entry.with_changes(due=due, done=None))

    def delete_entry(self, entry_id: int) -> DeletedEntry:
        with self._writing() as db:
            rows = list(db.query("SELECT * FROM follow_ups WHERE id = ?", [entry_id]))
            if not rows:
                raise NotFoundError(f"No timeline entry with id {entry_id}.")
            db.execute("DELETE FROM follow_ups WHERE id = ?", [entry_id])
        self._forget_removed_text()
        return DeletedEntry(entry_from_row(rows[0]), rows[0])

    def restore_entry(self, deleted: DeletedEntry) -> Entry:
        with self._writing() as db:
            if not db.execute(
                "SELECT 1 FROM interviews WHERE id = ?", [deleted.entry.interview_id]
            ).fetchone():
                raise NotFoundError("Its interview was deleted too; restore that first.")
            db.table("follow_ups").insert(deleted.row)
        assert deleted.entry.id is not None
        return self.get_entry(deleted.entry.id)

    def entries_for(self, interview_id: int) -> list[Entry]:
        """An interview's entries, oldest first."""
        return list(iter_entries(self._query, [interview_id]))

    def entries_by_interview(self, interview_ids: list[int]) -> dict[int, list[Entry]]:
        found: dict[int, list[Entry]] = {}
        for entry in iter_entries(self._query, interview_ids):
            found.setdefault(entry.interview_id, []).append(entry)
        return found

    def interviews_by_id(self, interview_ids: Iterable[int]) -> dict[int, Interview]:
        ids = list(interview_ids)
        found: dict[int, Interview] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            for row in self._query(
                f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = interview_from_row(row)
        return found

    def dismiss_suggestion(self, key: str) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO dismissed_suggestions (key, dismissed_at) VALUES (?, ?)",
                [key, _utc_now()],
            )

    def undismiss_suggestion(self, key: str) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM dismissed_suggestions WHERE key = ?", [key])

    def suggestions(
        self, now: datetime, settings: SuggestionSettings | None = None
    ) -> list[Suggestion]:
        """What the rules suggest at `now` (aware, in the user's zone), minus dismissed ones."""
        settings = settings or SuggestionSettings()
        since = now - timedelta(days=settings.horizon_days + 1)
        rows = self._query(
            f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE starts_at >= ?",
            [to_storage(since)],
        )
        interviews = [interview_from_row(row) for row in rows]
        entries: dict[int, list[Entry]] = {}
        for entry in iter_rule_entries(self._query, [i.id for i in interviews if i.id]):
            entries.setdefault(entry.interview_id, []).append(entry)
        dismissed = [row["key"] for row in self._query("SELECT key FROM dismissed_suggestions")]
        return suggest(interviews, entries, now, settings=settings, dismissed=dismissed)

    def page_timeline(
        self, query: TimelineQuery, after: TimelineCursor | None = None, limit: int = 100
    ) -> TimelinePage:
        """One page of the timeline (see `store.follow_ups`)."""
        with self._lock:
            return page_timeline(self._query, self.interviews_by_id, query, after, limit)

    def count_planned(self, today: date) -> tuple[int, int]:
        """(overdue, due today) planned entries: served by the planned-entries index."""
        start, end = today.isoformat(), (today + timedelta(days=1)).isoformat()
        rows = self._query(
            "SELECT sum(due < ?) AS overdue, sum(due >= ? AND due < ?) AS today "
            "FROM follow_ups WHERE done IS NULL AND due < ?",
            [start, start, end, end],
        )
        return int(rows[0]["overdue"] or 0), int(rows[0]["today"] or 0)

    # --- the daily review and the prep sheet ------------------------------------------

    def review(self, now: pendulum.DateTime, settings: SuggestionSettings | None = None) -> Review:
        """Everything the morning review shows, each part read through an index."""
        from interview_journal.domain.review import build_review, coming_up_until

        settings = settings or SuggestionSettings()
        today = now.date()
        tomorrow = (today + timedelta(days=1)).isoformat()
        now_utc = to_storage(now)
        entries = [
            entry_from_row(row)
            for row in self._query(
                f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE done IS NULL AND due < ? "
                "ORDER BY due, id LIMIT ?",
                [tomorrow, REVIEW_LIMIT],
            )
        ]
        owners = self.interviews_by_id({entry.interview_id for entry in entries})
        since = to_storage(now - timedelta(days=settings.horizon_days))
        prefixed = ", ".join(f"i.{name.strip()}" for name in INTERVIEW_COLUMNS.split(","))
        unevaluated = [
            (
                interview_from_row(row),
                EvaluationState(row["evaluation_state"]) if row["evaluation_state"] else None,
            )
            for row in self._query(
                f"SELECT {prefixed}, e.state AS evaluation_state FROM interviews i "
                "LEFT JOIN evaluations e ON e.interview_id = i.id "
                "WHERE i.starts_at <= ? AND i.starts_at >= ? "
                "AND (e.state IS NULL OR e.state != 'finished') "
                "ORDER BY i.starts_at LIMIT ?",
                [now_utc, since, REVIEW_LIMIT],
            )
        ]
        week = to_storage(coming_up_until(now))
        upcoming = self._interviews(
            "starts_at > ? AND starts_at < ? ORDER BY starts_at, id LIMIT ?",
            [now_utc, week, REVIEW_LIMIT],
        )
        closed = ", ".join(f"'{status.value}'" for status in Status if status.is_closed)
        answers = ", ".join(f"'{kind.value}'" for kind in EntryKind if kind.is_answer)
        waiting = self._interviews(
            f"feedback_by IS NOT NULL AND feedback_by >= ? AND starts_at <= ? "
            f"AND (status IS NULL OR status NOT IN ({closed}, 'next-round')) "
            "AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.interview_id = interviews.id "
            f"AND f.done IS NOT NULL AND f.kind IN ({answers})) "
            "ORDER BY feedback_by, id LIMIT ?",
            [today.isoformat(), now_utc, REVIEW_LIMIT],
        )
        later = self._interviews("starts_at >= ? ORDER BY starts_at, id LIMIT 1", [week])
        return build_review(
            now=now,
            due_entries=[(entry, owners[entry.interview_id]) for entry in entries],
            suggestions=self.suggestions(now, settings),
            unevaluated=unevaluated,
            upcoming=upcoming,
            waiting=waiting,
            next_up=later[0] if later else None,
        )

    def needs_attention(
        self,
        now: pendulum.DateTime,
        horizon_days: int | None = None,
        settings: SuggestionSettings | None = None,
    ) -> bool:
        """A follow-up (planned or suggested) is due, or a recent interview waits for its
        evaluation: what decides at start-up whether the app opens on the review. The two
        index lookups come first; the rules run only when they find nothing."""
        settings = settings or SuggestionSettings()
        if horizon_days is not None:
            settings = replace(settings, horizon_days=horizon_days)
        horizon_days = settings.horizon_days
        tomorrow = (now.date() + timedelta(days=1)).isoformat()
        due = self._query(
            "SELECT 1 FROM follow_ups WHERE done IS NULL AND due < ? LIMIT 1", [tomorrow]
        )
        if due:
            return True
        since = to_storage(now - timedelta(days=horizon_days))
        waiting = self._query(
            "SELECT 1 FROM interviews i LEFT JOIN evaluations e ON e.interview_id = i.id "
            "WHERE i.starts_at <= ? AND i.starts_at >= ? "
            "AND (e.state IS NULL OR e.state != 'finished') LIMIT 1",
            [to_storage(now), since],
        )
        if waiting:
            return True
        return any(
            suggestion.is_task and suggestion.due <= now.date()
            for suggestion in self.suggestions(now, SuggestionSettings(horizon_days=horizon_days))
        )

    def _interviews(self, condition: str, params: list[Any]) -> list[Interview]:
        rows = self._query(f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE {condition}", params)
        return [interview_from_row(row) for row in rows]

    def prep(self, interview_id: int, *, lessons: int = 5) -> PrepSheet:
        """The prep sheet of an interview: earlier rounds with the company, recent lessons."""
        from interview_journal.domain.review import EarlierRound, prep_sheet

        interview = self.get_interview(interview_id)
        earlier = self._interviews(
            "company = ? AND starts_at < ? AND id != ? ORDER BY starts_at DESC, id DESC LIMIT 6",
            [interview.company, to_storage(interview.starts_at), interview_id],
        )
        rounds = [
            EarlierRound(round_, self.get_evaluation(round_.id))
            for round_ in earlier
            if round_.id is not None
        ]
        return prep_sheet(
            interview, rounds, self.past_lessons(interview.starts_at, limit=lessons * 2)
        )

    # --- export, import and backup ---------------------------------------------------

    def records(
        self, *, interview_id: int | None = None, since: datetime | None = None
    ) -> Iterator[Record]:
        """Every interview (oldest first) with its evaluation and entries, for exports."""
        from interview_journal.store.exchange import read_records

        return read_records(
            self._query,
            interview_from_row,
            INTERVIEW_COLUMNS,
            interview_id=interview_id,
            since=to_storage(since) if since is not None else None,
        )

    def dismissed_suggestions(self) -> list[dict[str, Any]]:
        return self._query("SELECT key, dismissed_at FROM dismissed_suggestions ORDER BY key")

    def import_plan(
        self,
        plan: ImportPlan,
        *,
        dry_run: bool = False,
        progress: Callable[[int], object] | None = None,
    ) -> ImportReport:
        """Merge a checked export into the journal, all or nothing; `dry_run` rolls back."""
        from interview_journal.store.exchange import ImportReport

        report = ImportReport()
        try:
            with self._writing() as db:
                conn = db.conn
                for source in plan.interviews:
                    row = {k: v for k, v in source.items() if k not in ("evaluation", "follow_ups")}
                    interview_id = _merge_row(conn, "interviews", "uuid", row, report, "interviews")
                    evaluation = source["evaluation"]
                    if evaluation is not None:
                        _merge_row(
                            conn,
                            "evaluations",
                            "interview_id",
                            evaluation | {"interview_id": interview_id},
                            report,
                            "evaluations",
                        )
                    for entry in source["follow_ups"]:
                        _merge_row(
                            conn,
                            "follow_ups",
                            "uuid",
                            entry | {"interview_id": interview_id},
                            report,
                            "follow-ups",
                        )
                    if progress is not None:
                        progress(1)
                conn.executemany(
                    "INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_at) "
                    "VALUES (:key, :dismissed_at)",
                    plan.dismissed,
                )
                if dry_run:
                    raise _DryRun
                if any(report.updated.values()):
                    # the updated rows' old words stay in the index's segments until merged
                    _forget_deleted_words(db)
        except _DryRun:
            return report
        if any(report.updated.values()):
            self._forget_removed_text()
        return report

    def backup(self, target: Path) -> BackupCopy:
        """A consistent copy of the journal at `target`, safe while the app has it open.

        SQLite's `VACUUM INTO` writes the copy into a fresh private file beside the target
        (never a file copy: the journal may be changing); the copy is then opened by
        itself, read-only, and checked: the integrity check passes, it is an Interview
        Journal, and it holds the interviews that were copied. Only then is it renamed
        into place.
        """
        target = Path(target).expanduser().absolute()
        try:
            database.make_private_dir(target.parent)
            with staged_path(target) as staging:
                with self._lock, database.private_umask():
                    before = self.count_interviews()
                    self.db.execute("VACUUM INTO ?", [str(staging)])
                    after = self.count_interviews()
                interviews = _check_copy(staging, target)
                if before == after != interviews:
                    raise StorageError(
                        f"{target}: the copy holds {interviews} interviews, the journal "
                        f"{before}; the backup was not written."
                    )
        except sqlite3.Error as error:
            raise StorageError(f"{target}: could not write the backup ({error}).") from error
        except OSError as error:
            raise StorageError(
                f"{target}: could not write the backup ({error.strerror or error})."
            ) from error
        return BackupCopy(target, target.stat().st_size, interviews)

    def _match_count(self, match: str) -> int:
        rows = self._query(
            "SELECT count(*) AS n FROM interviews_fts WHERE interviews_fts MATCH ?", [match]
        )
        return int(rows[0]["n"])

    def count_interviews(self, query: InterviewQuery | None = None) -> int:
        if query is not None and query.status is None:
            match = fts_query(query.search)
            if match is not None:
                return self._match_count(match)  # the index alone knows (4 ms, not 37)
        where, params = self._where(query)
        rows = self._query(f"SELECT count(*) AS n FROM interviews WHERE {where}", params)
        return int(rows[0]["n"])

    def _where(self, query: InterviewQuery | None) -> tuple[str, list[Any]]:
        conditions, params = ["1"], []
        if query is not None:
            if query.status is not None:
                sql, values = _status_condition(query.status, to_storage(query.now))
                conditions.append(sql)
                params.extend(values)
            match = fts_query(query.search)
            if match is not None:
                conditions.append(
                    "id IN (SELECT rowid FROM interviews_fts WHERE interviews_fts MATCH ?)"
                )
                params.append(match)
        return " AND ".join(conditions), params

    def page_interviews(
        self, query: InterviewQuery, after: PageCursor | None = None, limit: int = 100
    ) -> InterviewPage:
        """One page of the list, continuing after `after`. Cost does not grow with the journal."""
        where, params = self._where(query)
        now = to_storage(query.now)
        found: list[dict[str, Any]] = []
        segment = after.segment if after else 0
        # With many matches, walking the order's index and keeping the matching rows beats
        # sorting all of them (8 ms instead of 70 ms for "h" in 100,000); with few matches
        # SQLite's own plan (sort the matches) is the faster one.
        by_start = by_company = ""
        match = fts_query(query.search)
        if match is not None and self._match_count(match) > DENSE_MATCHES:
            by_start, by_company = (
                " INDEXED BY interviews_by_start",
                " INDEXED BY interviews_by_company",
            )
        if query.sort is InterviewSort.UPCOMING_FIRST:
            if segment == 0:
                keyset = "AND (starts_at, id) > (?, ?)" if after else ""
                keys = [after.starts_at, after.id] if after else []
                found = self._query(
                    f"SELECT {INTERVIEW_COLUMNS} FROM interviews{by_start} "
                    f"WHERE {where} AND starts_at > ? "
                    f"{keyset} ORDER BY starts_at, id LIMIT ?",
                    [*params, now, *keys, limit + 1],
                )
                if len(found) <= limit:
                    segment, after = 1, None
            if segment == 1:
                keyset = "AND (starts_at, id) < (?, ?)" if after else ""
                keys = [after.starts_at, after.id] if after else []
                found += self._query(
                    f"SELECT {INTERVIEW_COLUMNS} FROM interviews{by_start} "
                    f"WHERE {where} AND starts_at <= ? "
                    f"{keyset} ORDER BY starts_at DESC, id DESC LIMIT ?",
                    [*params, now, *keys, limit + 1 - len(found)],
                )
        elif query.sort is InterviewSort.NEWEST_FIRST:
            keyset = "AND (starts_at, id) < (?, ?)" if after else ""
            keys = [after.starts_at, after.id] if after else []
            found = self._query(
                f"SELECT {INTERVIEW_COLUMNS} FROM interviews{by_start} WHERE {where} {keyset} "
                "ORDER BY starts_at DESC, id DESC LIMIT ?",
                [*params, *keys, limit + 1],
            )
        else:
            keyset = "AND (company, starts_at, id) > (?, ?, ?)" if after else ""
            keys = [after.company, after.starts_at, after.id] if after else []
            found = self._query(
                f"SELECT {INTERVIEW_COLUMNS} FROM interviews{by_company} WHERE {where} {keyset} "
                "ORDER BY company, starts_at, id LIMIT ?",
                [*params, *keys, limit + 1],
            )
        interviews = [interview_from_row(row) for row in found[:limit]]
        summaries = self._summaries([i.id for i in interviews if i.id is not None])
        cursor = None
        if len(found) > limit:
            last = found[limit - 1]
            last_segment = 0
            if query.sort is InterviewSort.UPCOMING_FIRST and last["starts_at"] <= now:
                last_segment = 1
            cursor = PageCursor(last_segment, last["company"], last["starts_at"], last["id"])
        return InterviewPage(interviews, cursor, summaries)

    def evaluation_summary(self, interview_id: int) -> EvaluationSummary | None:
        """What the list's Eval column shows for one interview (None: not started)."""
        return self._summaries([interview_id]).get(interview_id)

    def _summaries(self, ids: list[int]) -> dict[int, EvaluationSummary]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._query(
            "SELECT interview_id, state, key_points_rating, dynamic_rating, "
            f"expectations_rating FROM evaluations WHERE interview_id IN ({marks})",
            ids,
        )
        return {row["interview_id"]: summary_from_row(row) for row in rows}

    def add_many(
        self,
        records: Iterable[Interview | Bundle],
        *,
        batch: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Insert many interviews (with their evaluations and entries) quickly: demo data.

        One transaction per batch; returns how many interviews were written.
        """
        from interview_journal.services.demo import Bundle

        now = _utc_now()
        stamps = [now, now, 1]
        total = 0
        chunk: list[Bundle] = []

        def insert_sql(table: str, columns: Iterable[str]) -> str:
            names = [*columns, "created_at", "updated_at", "version"]
            return (
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
            )

        def flush() -> None:
            nonlocal total
            with self._writing() as db:
                conn = db.conn
                evaluations: list[list[Any]] = []
                entries: list[list[Any]] = []
                for bundle in chunk:
                    row = interview_to_row(bundle.interview)
                    new_id = conn.execute(
                        insert_sql("interviews", row), [*row.values(), *stamps]
                    ).lastrowid
                    if bundle.evaluation is not None:
                        values = evaluation_to_row(bundle.evaluation) | {"interview_id": new_id}
                        evaluations.append([*values.values(), *stamps])
                        evaluation_columns = list(values)
                    for entry in bundle.entries:
                        values = entry_to_row(entry) | {"interview_id": new_id}
                        entries.append([*values.values(), *stamps])
                        entry_columns = list(values)
                if evaluations:
                    conn.executemany(insert_sql("evaluations", evaluation_columns), evaluations)
                if entries:
                    conn.executemany(insert_sql("follow_ups", entry_columns), entries)
            total += len(chunk)
            if progress is not None:
                progress(len(chunk))
            chunk.clear()

        for record in records:
            chunk.append(record if isinstance(record, Bundle) else Bundle(record))
            if len(chunk) >= batch:
                flush()
        if chunk:
            flush()
        return total


def _removes_text(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether saving `after` over `before` takes away any text: some text value of
    `before` is not kept, character by character in order, in the same field of `after`
    (typing that only adds keeps every old character)."""
    for name, old in before.items():
        if not isinstance(old, str) or not old or name not in after:
            continue
        new = after[name]
        if not isinstance(new, str):
            return True
        rest = iter(new)
        if not all(char in rest for char in old):
            return True
    return False


def _forget_deleted_words(db: Database) -> None:
    """Rewrite the search index so words that were deleted or edited away are gone from
    the file's bytes, not just hidden (secure_delete does not reach inside the index).
    10 ms at 10,000 interviews, 0.2 s at 100,000: only on edits and deletes."""
    db.execute("INSERT INTO interviews_fts (interviews_fts) VALUES ('optimize')")


class _DryRun(Exception):
    """Raised inside an import's transaction to roll it back."""


def _check_copy(copy: Path, target: Path) -> int:
    """Open the copy itself (read-only, by a properly escaped URI: a `#`, `?` or `%` in
    the path must not open another file) and check it; returns its number of interviews."""
    try:
        check = sqlite3.connect(database.file_uri(copy, mode="ro"), uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"{target}: the copy cannot be opened to check it ({error}).") from error
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise StorageError(f"{target}: the copy failed its integrity check ({result}).")
        (application_id,) = check.execute("PRAGMA application_id").fetchone()
        if application_id != database.APPLICATION_ID:
            raise StorageError(f"{target}: the copy is not an Interview Journal; not written.")
        (interviews,) = check.execute("SELECT count(*) FROM interviews").fetchone()
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{target}: the copy failed its integrity check ({error}).") from error
    finally:
        check.close()
    return int(interviews)


def _merge_row(
    conn: sqlite3.Connection,
    table: str,
    key: str,
    row: dict[str, Any],
    report: ImportReport,
    kind: str,
) -> int:
    """Insert `row`, or update the existing one when the file's copy is newer. Returns the
    row's id (the interview id for evaluations)."""
    found = conn.execute(
        f"SELECT {'interview_id' if table == 'evaluations' else 'id'}, updated_at "
        f"FROM {table} WHERE {key} = ?",
        [row[key]],
    ).fetchone()
    if found is None:
        columns = [*row, "version"]
        cursor = conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [*row.values(), 1],
        )
        report.added[kind] += 1
        return int(row["interview_id"]) if table == "evaluations" else int(cursor.lastrowid or 0)
    existing_id, updated_at = found
    if row["updated_at"] > updated_at:
        assignments = ", ".join(f"{column} = ?" for column in row if column != key)
        conn.execute(
            f"UPDATE {table} SET {assignments}, version = version + 1 WHERE {key} = ?",
            [*(value for column, value in row.items() if column != key), row[key]],
        )
        report.updated[kind] += 1
    else:
        report.skipped[kind] += 1
    return int(existing_id)


def _storage_error(path: Path, error: sqlite3.OperationalError) -> StorageError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            f"{path}: the journal is busy (another window is saving); try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(f"{path}: the journal is read-only here; nothing was changed.")
    if "disk" in text or "full" in text:
        return StorageError(
            f"{path}: could not save ({error}). Is the disk full? Your text is still here."
        )
    return StorageError(f"{path}: could not save ({error}).")


def open_journal(path: Path, *, create: bool = False, read_only: bool = False) -> Journal:
    """Open (or with `create`, make) the journal at `path`, migrated to the latest schema.

    Raises `JournalMissingError` when there is no file and `create` is false, and
    `NotAJournalError`/`NewerSchemaError` (leaving the file untouched) when it is not ours.
    """
    path = Path(path)
    database.check_regular_file(path)  # a folder, pipe, device or socket: said at once
    if not path.exists():
        if not create or read_only:
            raise JournalMissingError(path)
        return _create(path)
    header = database.read_header(path)
    database.check_header(path, header, LATEST_VERSION)
    before = database.side_files(path)
    try:
        connection = database.connect(path, read_only=read_only)
        db = Database(connection, execute_plugins=False)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read
        if not read_only:
            _migrate(db, path, header.user_version)
            database.secure_file(path)
        elif header.user_version < LATEST_VERSION:
            connection.close()
            database.remove_new_side_files(path, before)
            raise NotAJournalError(
                f"{path}: written by an older version of Interview Journal; open it once "
                "without --read-only to upgrade it (a backup is made first)."
            )
    except OSError as error:
        with contextlib.suppress(Exception):
            connection.close()
        if database.is_no_room(error) and not read_only:
            database.remove_new_side_files(path, before)
            return _open_without_room(path, header, before, error)
        raise StorageError(
            f"{path}: could not prepare the journal ({error.strerror or error}); it was left "
            "as it was."
        ) from error
    except DamagedJournalError:
        connection.close()
        database.remove_new_side_files(path, before)
        raise
    except sqlite3.DatabaseError as error:
        with contextlib.suppress(Exception):
            connection.close()
        database.remove_new_side_files(path, before)
        if database.is_damage(error):
            raise DamagedJournalError(path, str(error), outcome=LEFT_AS_IT_WAS) from error
        if database.is_no_room(error):
            return _open_without_room(path, header, before, error, asked=read_only)
        raise NotAJournalError(f"{path}: the journal cannot be read ({error}).") from error
    journal = Journal(db, path, read_only=read_only)
    journal.side_files_before = before
    return journal


NO_ROOM_CAUSE = "could not write beside the journal (is the disk full?)"
NO_ROOM = f"{NO_ROOM_CAUSE}, so it is open read-only"


def _open_without_room(
    path: Path,
    header: database.Header,
    before: set[Path],
    error: BaseException,
    *,
    asked: bool = False,
) -> Journal:
    """The journal read-only, when opening it normally failed for lack of room.

    Even reading a WAL journal makes SQLite write beside it (the -shm index, 32 KiB at
    once); on a full disk that fails, and the user could not even get their data out.
    Opened as for a folder that cannot be written (`database.connect(no_room=True)`), it
    reads the file as it is. `asked`: the user asked for read-only, so nothing new to say.
    """
    if header.user_version < LATEST_VERSION:
        raise StorageError(
            f"{path}: {NO_ROOM_CAUSE}; this version must upgrade the journal (and "
            "write a backup beside it) before it can be read: free some space and try "
            "again. It was left as it was."
        ) from error
    try:
        connection = database.connect(path, read_only=True, no_room=True)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.Error, OSError) as again:
        with contextlib.suppress(Exception):
            connection.close()
        database.remove_new_side_files(path, before)
        raise StorageError(
            f"{path}: cannot be read now: {NO_ROOM_CAUSE} ({again}); free some "
            "space and try again. It was left as it was."
        ) from again
    journal = Journal(Database(connection, execute_plugins=False), path, read_only=True)
    journal.side_files_before = before
    if not asked:
        journal.read_only_reason = f"{path}: {NO_ROOM}"
    return journal


LEFT_AS_IT_WAS = "It cannot be opened, and was left as it was"
NOT_UPGRADED = "It was not upgraded to this version's schema, and was left as it was"


def _quick_check(path: Path) -> str | None:
    """What SQLite's `quick_check` finds damaged, in a few words (None: nothing). Busy,
    locked or unreadable for another reason counts as nothing found: those are said
    where they happen."""
    try:
        connection = database.connect(path, read_only=True)
    except sqlite3.Error as error:
        return str(error) if database.is_damage(error) else None
    try:
        rows = connection.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.Error as error:
        return str(error) if database.is_damage(error) else None
    finally:
        connection.close()
    found = str(rows[0][0]).strip() if rows else "ok"
    if found == "ok":
        return None
    return f"quick check: {found.splitlines()[-1][:120]}"


def _create(path: Path) -> Journal:
    """Make a new journal: built in a private file beside the target, then put in place in
    one step (never over a journal that appeared there meanwhile)."""
    database.make_private_dir(path.parent)
    with staged_path(path, replace=False) as staging:
        build_new_journal(staging)
    return open_journal(path)


def build_new_journal(staging: Path) -> None:
    """The schema of a new journal in `staging`, an empty private file from
    `safe_files.staged_path`, with nothing left beside it."""
    try:
        connection = database.connect(staging, read_only=False)
        try:
            db = Database(connection, execute_plugins=False)
            MIGRATIONS.apply(db)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    finally:
        for suffix in database.SIDE_FILES:
            Path(f"{staging}{suffix}").unlink(missing_ok=True)


def _migrate(db: Database, path: Path, version: int) -> None:
    pending = MIGRATIONS.pending(db)
    if not pending:
        return
    if version > 0:
        damage = _quick_check(path)
        if damage is not None:  # a new schema is not built on a damaged file
            raise DamagedJournalError(path, damage, outcome=NOT_UPGRADED)
        backup = path.with_name(f"{path.name}.before-schema-{version + 1}.bak")
        with staged_path(backup) as staging, database.private_umask():
            db.execute("VACUUM INTO ?", [str(staging)])
    MIGRATIONS.apply(db)
