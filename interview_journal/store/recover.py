"""Copying what can still be read out of a damaged journal into a new one.

SQLite keeps each table in a b-tree ordered by rowid, so one damaged page takes the rows
stored on it and leaves the rows before and after it readable. `recover_journal` reads
each table in rowid order; where a read fails, it looks for the first rowid past the
damage that can be read again (steps forward that double, then halve back), so one bad
page costs only its own rows. An intact index of the table then tells which rowids are
missing: each is tried once more on its own, and the rest are counted as unreadable.

Rows go into a new journal built by the migrations like any other (0600 in a 0700
folder), with their ids and uuids, so a later import of an older export merges by uuid
instead of adding copies. Evaluations and timeline entries whose interview could not be
read are left out (counted), the search index is rebuilt from the copied rows, and the
copy must pass SQLite's `integrity_check` before it is put in place under its name.

A header whose fixed fields are damaged ("file is not a database") is repaired in a
private copy first: the fields every journal has the same (page size from the file's
size, payload fractions, encoding) are written back. A damaged page of the schema (the
list of tables and where each starts) leaves nothing to find by table: refused, saying so.

SQLite's own page-by-page recovery (the sqlite3 shell's `.recover`) is not reachable from
Python's sqlite3 module: it needs the `sqlite_dbpage` table or the recovery extension,
which the SQLite builds Python ships with leave out, and `load_extension` is not
compiled in. The rowid scan is the whole method: a damaged interior page of a table
loses the rows below it.

The damaged journal is only read: through a read-only connection, or not at all when
its header had to be repaired. Nothing here imports the UI; progress goes to a callback.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_journal.errors import StorageError
from interview_journal.safe_files import staged_path
from interview_journal.store import database
from interview_journal.store.connection import build_new_journal, open_connection
from interview_journal.store.rebuild import Progress, Steps, TableCount, copy_tables
from interview_journal.store.salvage import check_source, open_reader

__all__ = ["Progress", "RecoveryReport", "TableCount", "recover_journal"]

TABLE_WORDS = {"follow_ups": "timeline entries", "dismissed_suggestions": "dismissed suggestions"}
"""How the report names a table (the JSON uses the tables' own names)."""


@dataclass
class RecoveryReport:
    source: Path
    target: Path
    tables: dict[str, TableCount] = field(default_factory=dict)
    header_repaired: bool = False

    @property
    def complete(self) -> bool:
        return all(count.complete for count in self.tables.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "journal": str(self.target),
            "complete": self.complete,
            "header_repaired": self.header_repaired,
            "tables": {name: count.as_dict() for name, count in self.tables.items()},
        }

    def lines(self) -> list[str]:
        """The report in words, a line per table."""
        found = []
        for name, count in self.tables.items():
            parts = [f"{count.recovered:,} recovered"]
            if count.unreadable is None:
                parts.append("some could not be read (how many is not known)")
            elif count.unreadable:
                parts.append(f"{count.unreadable:,} could not be read")
            if count.orphaned:
                parts.append(f"{count.orphaned:,} left out (their interview could not be read)")
            if count.refused:
                parts.append(f"{count.refused:,} left out (they break the journal's rules)")
            found.append(f"{TABLE_WORDS.get(name, name)}: " + ", ".join(parts))
        return found


def recover_journal(
    source: Path, target: Path, *, progress: Progress | None = None
) -> RecoveryReport:
    """Copy every row that can be read from the journal at `source` into a new journal at
    `target` (which must not exist). Raises StorageError (one sentence) when it cannot."""
    source, target = Path(source).absolute(), Path(target).absolute()
    if os.path.lexists(target):
        raise StorageError(
            f"{target} already exists; recover writes a new journal and never over a file. "
            "Give the name of a new file."
        )
    if not source.is_file():
        raise StorageError(f"no journal at {source} to recover from.")
    check_source(source)
    try:
        database.make_private_dir(target.parent)
    except OSError as error:
        raise StorageError(f"{target}: cannot create its folder ({error.strerror}).") from error
    report = RecoveryReport(source, target)
    steps = Steps(progress)
    try:
        # built in a fresh private file beside the target, given its name only when checked,
        # and never over a file that appeared there meanwhile (safe_files.staged_path)
        with staged_path(target, replace=False) as staging:
            try:
                with open_reader(source, target.parent) as (reader, repaired):
                    report.header_repaired = repaired
                    build_new_journal(staging)
                    writer = database.connect(staging, read_only=False)
                    try:
                        report.tables = copy_tables(reader, writer, steps)
                        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    finally:
                        writer.close()
                _check_copy(staging, target)
            finally:
                _remove_side_files(staging)
            steps.done(steps.total)
    except FileExistsError:
        raise StorageError(
            f"{target} appeared while the journal was being recovered; it was left alone."
        ) from None
    except sqlite3.Error as error:
        raise StorageError(f"{target}: the new journal could not be written ({error}).") from error
    except OSError as error:
        raise StorageError(
            f"{target}: the new journal could not be written ({error.strerror or error})."
        ) from error
    return report


# --- the new journal ----------------------------------------------------------------------


def _check_copy(staging: Path, target: Path) -> None:
    """The new journal must pass the full integrity check and open like any journal."""
    check = database.connect(staging, read_only=True)
    try:
        found = [row[0] for row in check.execute("PRAGMA integrity_check").fetchall()]
        problems = check.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        check.close()
    if found != ["ok"] or problems:
        detail = found[0] if found != ["ok"] else f"{len(problems)} rows without their interview"
        raise StorageError(f"{target}: the new journal failed its check ({detail}); not written.")
    open_connection(staging).close()


def _remove_side_files(path: Path) -> None:
    for leftover in (Path(f"{path}{suffix}") for suffix in database.SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
