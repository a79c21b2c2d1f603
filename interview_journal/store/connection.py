"""The one connection to a journal file, and opening, creating and migrating that file.

One connection per journal, shared by the UI thread and worker threads behind a lock:
every call is short (a page, one row), and SQLite serialises writers anyway. Every write
goes through `Connection.writing()`, which refuses a damaged or read-only journal and
turns SQLite's failures into sentences.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from interview_journal.dates import to_storage
from interview_journal.errors import (
    DamagedJournalError,
    NotFoundError,
    StaleWriteError,
    StorageError,
)
from interview_journal.safe_files import staged_path
from interview_journal.store import database
from interview_journal.store.database import JournalMissingError, NotAJournalError
from interview_journal.store.migrations import LATEST_VERSION, MIGRATIONS
from interview_journal.store.rows import Row

NO_ROOM_CAUSE = "could not write beside the journal (is the disk full?)"
NO_ROOM = f"{NO_ROOM_CAUSE}, so it is open read-only"
LEFT_AS_IT_WAS = "It cannot be opened, and was left as it was"
NOT_UPGRADED = "It was not upgraded to this version's schema, and was left as it was"


FORGET_INDEXED_WORDS = "INSERT INTO interviews_fts (interviews_fts) VALUES ('optimize')"
"""Merges the search index into one segment: the words taken away are then gone from it."""


def utc_now() -> str:
    return to_storage(datetime.now(UTC))


class Connection:
    """The journal's SQLite connection, its lock, and what is known about the file."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.lock = threading.RLock()
        self.side_files_before: set[Path] | None = None
        """For a read-only journal: the -wal/-shm that were there before it was opened."""
        self.damage: DamagedJournalError | None = None
        """What SQLite found damaged in the file, once it has (then `read_only` is set)."""
        self.read_only_reason: str | None = None
        """Why the journal is read-only when nobody asked for it (a full disk), as a sentence
        starting with the path; the CLI says it once, and a refused write repeats it."""
        self._check_lock = threading.Lock()
        self._checked = False
        self.after_commit: list[Callable[[], object]] = []
        """Called after each write this connection commits (not after a rollback, nor
        inside an enclosing write): what is kept beside the journal, such as the calendar
        file, is brought up to date there. A listener reports its own failures; the write
        has landed whatever it does."""

    def close(self) -> None:
        with self.lock:
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

    def check_soundness(self) -> DamagedJournalError | None:
        """Whether SQLite finds the file damaged anywhere (`PRAGMA quick_check`): asked
        once per journal, and always before its first write, so that nothing is written
        into a damaged file. It reads every page (about half a second at 100,000
        interviews), on a connection of its own: the app asks it in a worker at start,
        while the screens read."""
        with self._check_lock:
            if not self._checked:
                found = quick_check(self.path)
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
    def writing(self) -> Iterator[Database]:
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
        with self.lock:
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
                said = self._said(error)
                if said is error:
                    raise
                raise said from error
            finally:
                database.secure_file(self.path)
            if began:
                for listener in list(self.after_commit):
                    listener()

    def _said(self, error: BaseException) -> BaseException:
        """What a failed write raises: a sentence for SQLite's failures, else the error."""
        if database.is_damage(error):
            return self._found_damage(str(error)).refusing_write()
        if isinstance(error, sqlite3.OperationalError):
            return storage_error(self.path, error)
        if isinstance(error, UnicodeEncodeError):
            return StorageError(
                f"{self.path}: not saved, the text holds a broken character (a lone "
                "surrogate) that cannot be stored; nothing was changed."
            )
        if isinstance(error, sqlite3.IntegrityError):
            return StorageError(
                f"{self.path}: not saved, it would break the journal's rules ({error})."
            )
        return error

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        """The rows as dicts. The cursor is closed even when a row cannot be read (a
        statement left open would keep the connection, and the -wal beside a damaged
        journal, alive after close)."""
        with self.lock:
            cursor = self.db.conn.cursor()
            try:
                cursor.execute(sql, list(params))
                names = [column[0] for column in cursor.description or ()]
                return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            except sqlite3.DatabaseError as error:
                if database.is_damage(error):  # what the file allows is read; then this
                    raise self._found_damage(str(error)) from error
                raise
            finally:
                cursor.close()

    def forget_removed_text(self, *, indexed: bool = True) -> None:
        """After a commit that deleted or edited text away: rewrite the search index (the
        words taken away stay in its old segments until they are merged: `secure_delete`
        does not reach inside them), then fold the WAL back into the file and empty it, so
        the old words are in no file beside the journal (`secure_delete` has zeroed them
        in the pages; the checkpoint takes the old copies of those pages out of the -wal).
        Runs in the thread that saved, right after the save. The checkpoint costs about
        1 ms; the index rewrite grows with the journal (about 0.1 s at 10,000 demo
        interviews, 1 s at 100,000), so it runs only for text the index holds (`indexed`;
        a draft is not indexed). A checkpoint another program's old read keeps from
        finishing is left to the next one, or to close."""
        with self.lock:
            if self.db.conn.in_transaction:
                return  # inside a caller's transaction: nothing is committed yet
            if indexed:
                with self.writing() as db:
                    db.execute(FORGET_INDEXED_WORDS)
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def update_versioned(
    db: Database,
    table: str,
    where: tuple[str, Any],
    changes: Row,
    version: int | None,
    *,
    missing: str | None = None,
    stale: str = "",
) -> None:
    """Write `changes` to the row `where` (column, value) and count its version up, only if
    it is still at `version` (None: whatever it is at): the optimistic lock of every save.

    A row that is gone raises NotFoundError(`missing`) (with `missing` None, a versioned
    save of a gone row is stale too); one another save moved on raises StaleWriteError.
    """
    column, key = where
    assignments = "".join(f"{name} = ?, " for name in changes)
    sql = f"UPDATE {table} SET {assignments}version = version + 1 WHERE {column} = ?"
    params = [*changes.values(), key]
    if version is not None:
        sql += " AND version = ?"
        params.append(version)
    if db.execute(sql, params).rowcount:
        return
    if version is None:
        raise NotFoundError(missing or "")
    if missing is not None:
        gone = db.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [key]).fetchone() is None
        if gone:
            raise NotFoundError(missing)
    raise StaleWriteError(stale)


def storage_error(path: Path, error: sqlite3.OperationalError) -> StorageError:
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


# --- opening, creating and migrating the file ----------------------------------------------


def open_connection(path: Path, *, create: bool = False, read_only: bool = False) -> Connection:
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
        first_read = "SELECT count(*) FROM sqlite_master"
        database.through_wal_races(lambda: connection.execute(first_read).fetchone())
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
    opened = Connection(db, path, read_only=read_only)
    opened.side_files_before = before
    return opened


def _open_without_room(
    path: Path,
    header: database.Header,
    before: set[Path],
    error: BaseException,
    *,
    asked: bool = False,
) -> Connection:
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
    opened = Connection(Database(connection, execute_plugins=False), path, read_only=True)
    opened.side_files_before = before
    if not asked:
        opened.read_only_reason = f"{path}: {NO_ROOM}"
    return opened


def quick_check(path: Path) -> str | None:
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


def _create(path: Path) -> Connection:
    """Make a new journal: built in a private file beside the target, then put in place in
    one step (never over a journal that appeared there meanwhile)."""
    database.make_private_dir(path.parent)
    with staged_path(path, replace=False) as staging:
        build_new_journal(staging)
    return open_connection(path)


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
        damage = quick_check(path)
        if damage is not None:  # a new schema is not built on a damaged file
            raise DamagedJournalError(path, damage, outcome=NOT_UPGRADED)
        backup = path.with_name(f"{path.name}.before-schema-{version + 1}.bak")
        with staged_path(backup) as staging, database.private_umask():
            db.execute("VACUUM INTO ?", [str(staging)])
    MIGRATIONS.apply(db)
