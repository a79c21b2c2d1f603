"""Reading what can still be read out of a damaged journal.

The damaged journal is only read: through a read-only connection, or, when its header's
fixed fields are damaged, through a private copy with those fields written back. A
table is read in rowid order, stepping over the pages that cannot be read (`Scan`).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interview_journal.errors import StorageError
from interview_journal.store import database
from interview_journal.store.migrations import LATEST_VERSION

LOWEST_ROWID, HIGHEST_ROWID = -(2**63), 2**63 - 1
SQLITE_IOERR = 10
"""A read the disk itself failed (a bad sector): skipped like a damaged page."""
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
"""Tried in this order when the header's page size is damaged (4096 is SQLite's default)."""


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def is_unreadable(error: BaseException) -> bool:
    """A read that failed because of the file (damaged, or the disk failed to read it)."""
    if database.is_damage(error):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == SQLITE_IOERR


def check_source(source: Path) -> None:
    """Ours and not from a newer version (a truncated file is fine: its start is read)."""
    header = database.read_header(source)  # not SQLite at all: NotAJournalError
    if header.application_id != database.APPLICATION_ID:
        raise StorageError(
            f"{source}: a SQLite database from another program, not an Interview Journal; "
            "nothing to recover."
        )
    if header.user_version > LATEST_VERSION:
        raise StorageError(
            f"{source}: made by a newer version of Interview Journal (schema "
            f"{header.user_version}); recover it with that version."
        )


@contextlib.contextmanager
def open_reader(source: Path, scratch: Path) -> Iterator[tuple[sqlite3.Connection, bool]]:
    """A read-only connection whose schema can be read, and whether the header had to be
    repaired (then it is a connection to a private copy in `scratch`)."""
    before = database.side_files(source)
    connection: sqlite3.Connection | None = None
    copy_folder: Path | None = None
    try:
        try:
            connection = database.connect(source, read_only=True)
            _read_schema(connection)
            repaired = False
        except sqlite3.DatabaseError as error:
            if not is_unreadable(error):
                raise
            if connection is not None:
                connection.close()
            copy_folder = Path(tempfile.mkdtemp(prefix=".recover-", dir=scratch))
            connection = _repaired_copy(source, copy_folder, error)
            repaired = True
        # a cell whose sizes do not add up fails the read instead of being read as data
        connection.execute("PRAGMA cell_size_check = ON")
        yield connection, repaired
    finally:
        if connection is not None:
            connection.close()
        database.remove_new_side_files(source, before)
        if copy_folder is not None:
            shutil.rmtree(copy_folder, ignore_errors=True)


def _read_schema(connection: sqlite3.Connection) -> None:
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()


def _repaired_copy(source: Path, folder: Path, error: sqlite3.Error) -> sqlite3.Connection:
    """A copy of the journal with the header fields every journal shares written back,
    trying each page size that fits the file. Raises StorageError if none gives a
    readable schema."""
    copy = folder / "journal.db"
    shutil.copyfile(source, copy)
    wal = Path(f"{source}-wal")
    if wal.is_file() and wal.stat().st_size:
        shutil.copyfile(wal, Path(f"{copy}-wal"))
    copy.chmod(database.FILE_MODE)
    size = copy.stat().st_size
    original = copy.read_bytes()[:100]
    fallback: sqlite3.Connection | None = None
    for page_size in (p for p in PAGE_SIZES if size % p == 0):
        for version in (2, 1):  # WAL, then the rollback journal (network file systems)
            header = bytearray(original)
            header[16:18] = struct.pack(">H", 1 if page_size == 65536 else page_size)
            header[18:24] = bytes([version, version, 0, 64, 32, 32])
            if struct.unpack(">I", header[44:48])[0] not in (1, 2, 3, 4):
                header[44:48] = struct.pack(">I", 4)
            if struct.unpack(">I", header[56:60])[0] not in (1, 2, 3):
                header[56:60] = struct.pack(">I", 1)
            header[72:92] = bytes(20)
            with copy.open("r+b") as handle:
                handle.write(header)
            connection = sqlite3.connect(copy, check_same_thread=False)
            try:
                _read_schema(connection)
                (found,) = connection.execute("PRAGMA quick_check(1)").fetchone()
            except sqlite3.DatabaseError:
                connection.close()
                continue
            if found == "ok":
                if fallback is not None:
                    fallback.close()
                return connection
            if fallback is None:
                fallback = connection  # readable, with damage of its own: the scan copes
            else:
                connection.close()
            break
    if fallback is not None:
        return fallback
    raise StorageError(
        f"{source}: its schema (the list of its tables and where each starts) cannot be "
        f"read ({error}), so nothing can be found in it by table. Restore the journal from "
        "a backup, or import an export into a new one."
    )


class Scan:
    """The rows of one table in rowid order, stepping over what cannot be read."""

    def __init__(self, reader: sqlite3.Connection, table: str, columns: str, has_rowid: bool):
        self.reader = reader
        self.table = quoted(table)
        self.columns = columns
        self.has_rowid = has_rowid
        self.seen: set[int] = set()
        self.skipped = False
        """A range of rowids was stepped over (how many rows it held is not known)."""
        self.failed: set[int] = set()
        """Rowids whose row could not be read."""
        self.unreadable: int | None = 0

    def rows(self) -> Iterator[tuple[Any, ...]]:
        if not self.has_rowid:
            yield from self._whole_table()
            return
        select = f"SELECT rowid, {self.columns} FROM {self.table} WHERE rowid >= ? ORDER BY rowid"
        start: int | None = LOWEST_ROWID
        while start is not None:
            try:
                for row in self.reader.execute(select, [start]):
                    self.seen.add(row[0])
                    start = row[0] + 1 if row[0] < HIGHEST_ROWID else None
                    yield row[1:]
                    if start is None:
                        break
                else:
                    start = None
            except sqlite3.DatabaseError as error:
                if not is_unreadable(error):
                    raise
                assert start is not None
                start = self._past_the_damage(start)
        yield from self._missing_rows()

    def _whole_table(self) -> Iterator[tuple[Any, ...]]:
        try:
            yield from self.reader.execute(f"SELECT {self.columns} FROM {self.table}")
        except sqlite3.DatabaseError as error:
            if not is_unreadable(error):
                raise
            self.unreadable = None

    def _probe(self, rowid: int) -> tuple[bool, int | None]:
        """Whether the table can be read from `rowid` on, and its first rowid there (None:
        there is none)."""
        try:
            found = self.reader.execute(
                f"SELECT rowid FROM {self.table} WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                [rowid],
            ).fetchone()
        except sqlite3.DatabaseError as error:
            if not is_unreadable(error):
                raise
            return False, None
        return True, None if found is None else int(found[0])

    def _past_the_damage(self, start: int) -> int | None:
        """Where to read on after a read from `start` failed (None: nowhere)."""
        readable, first = self._probe(start)
        if readable:
            if first is None:
                return None
            # the b-tree page is sound, the row is not (its overflow pages): skip the row
            self.failed.add(first)
            return first + 1 if first < HIGHEST_ROWID else None
        self.skipped = True
        bad, step = start, 1
        while True:  # forward in doubling steps until a read works again
            ahead = min(bad + step, HIGHEST_ROWID)
            if self._probe(ahead)[0]:
                good = ahead
                break
            if ahead == HIGHEST_ROWID:
                return None
            bad, step = ahead, step * 2
        while good - bad > 1:  # then back to the first rowid where it works
            middle = (bad + good) // 2
            if self._probe(middle)[0]:
                good = middle
            else:
                bad = middle
        return good

    def _missing_rows(self) -> Iterator[tuple[Any, ...]]:
        """Rows an intact index lists that the scan did not reach, each tried on its own;
        then how many could not be read."""
        if not self.skipped and not self.failed:
            return
        listed = self._rowids_from_an_index()
        if listed is None:
            self.unreadable = None if self.skipped else len(self.failed)
            return
        select = f"SELECT {self.columns} FROM {self.table} WHERE rowid = ?"
        unreadable = 0
        for rowid in sorted(listed - self.seen):
            try:
                row = self.reader.execute(select, [rowid]).fetchone()
            except sqlite3.DatabaseError as error:
                if not is_unreadable(error):
                    raise
                unreadable += 1
                continue
            if row is not None:
                self.seen.add(rowid)
                yield tuple(row)
        self.unreadable = unreadable

    def _rowids_from_an_index(self) -> set[int] | None:
        """Every rowid of the table, read from the first index (not a partial one) that
        can be read whole; None if there is none."""
        for index in self.reader.execute(f"PRAGMA index_list({self.table})").fetchall():
            name, partial = index[1], index[4]
            if partial:
                continue
            try:
                return {
                    int(row[0])
                    for row in self.reader.execute(
                        f"SELECT rowid FROM {self.table} INDEXED BY {quoted(name)}"
                    )
                }
            except sqlite3.DatabaseError as error:
                if not is_unreadable(error):
                    raise
        return None
