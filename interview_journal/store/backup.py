"""A checked copy of the journal, written while it is open."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from interview_journal.errors import StorageError
from interview_journal.safe_files import staged_path
from interview_journal.store import database
from interview_journal.store.connection import Connection


@dataclass(frozen=True)
class BackupCopy:
    """A backup that was written and checked."""

    path: Path
    size: int
    """Bytes."""
    interviews: int
    """How many interviews the check found in the copy."""


def write_backup(connection: Connection, target: Path) -> BackupCopy:
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
            with connection.lock, database.private_umask():
                before = _count(connection)
                connection.db.execute("VACUUM INTO ?", [str(staging)])
                after = _count(connection)
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


def _count(connection: Connection) -> int:
    return int(connection.query("SELECT count(*) AS n FROM interviews WHERE 1")[0]["n"])


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
