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
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_journal.errors import StorageError
from interview_journal.safe_files import staged_path
from interview_journal.store import database

Progress = Callable[[int, int], object]
"""Called as the work goes on with (steps done, steps in all): a step is a row read, and
building the indexes and checking the new journal count as many steps as they take
time (about half as much as the copy, together)."""

BATCH = 1000
LOAD_CACHE_KIB = 65536
"""Page cache for the bulk load (SQLite's default is 2 MiB)."""
"""Rows inserted per `executemany`."""
LOWEST_ROWID, HIGHEST_ROWID = -(2**63), 2**63 - 1
NOT_COPIED = {"_sqlite_migrations"}
"""The new journal records its own schema steps."""
SQLITE_IOERR = 10
"""A read the disk itself failed (a bad sector): skipped like a damaged page."""
TABLE_WORDS = {"follow_ups": "timeline entries", "dismissed_suggestions": "dismissed suggestions"}
"""How the report names a table (the JSON uses the tables' own names)."""
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
"""Tried in this order when the header's page size is damaged (4096 is SQLite's default)."""


@dataclass
class TableCount:
    """What became of one table's rows."""

    recovered: int = 0
    unreadable: int | None = 0
    """Rows known to exist (an index lists them) that could not be read. None: some
    could not be read, and no intact index is left to count them."""
    orphaned: int = 0
    """Readable rows of an interview that could not be read (evaluations, entries)."""
    refused: int = 0
    """Readable rows that break a rule of the new journal (a check, a unique key)."""

    @property
    def left_out(self) -> int:
        return self.orphaned + self.refused

    @property
    def complete(self) -> bool:
        return self.unreadable == 0 and self.left_out == 0

    def as_dict(self) -> dict[str, int | None]:
        return {
            "recovered": self.recovered,
            "unreadable": self.unreadable,
            "left_out": self.left_out,
        }


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


def is_unreadable(error: BaseException) -> bool:
    """A read that failed because of the file (damaged, or the disk failed to read it)."""
    if database.is_damage(error):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == SQLITE_IOERR


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
    _check_source(source)
    try:
        database.make_private_dir(target.parent)
    except OSError as error:
        raise StorageError(f"{target}: cannot create its folder ({error.strerror}).") from error
    from interview_journal.store.connection import build_new_journal

    report = RecoveryReport(source, target)
    steps = _Steps(progress)
    try:
        # built in a fresh private file beside the target, given its name only when checked,
        # and never over a file that appeared there meanwhile (safe_files.staged_path)
        with staged_path(target, replace=False) as staging:
            try:
                with _reader(source, target.parent) as (reader, repaired):
                    report.header_repaired = repaired
                    build_new_journal(staging)
                    writer = database.connect(staging, read_only=False)
                    try:
                        report.tables = _copy_tables(reader, writer, steps)
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


# --- the damaged journal ---------------------------------------------------------------


def _check_source(source: Path) -> None:
    """Ours and not from a newer version (a truncated file is fine: its start is read)."""
    from interview_journal.store.migrations import LATEST_VERSION

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
def _reader(source: Path, scratch: Path) -> Iterator[tuple[sqlite3.Connection, bool]]:
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


# --- copying ----------------------------------------------------------------------------


@dataclass
class _Table:
    name: str
    columns: list[str]
    """In both journals, in the new journal's order."""
    parents: list[tuple[str, str, str]]
    """(column, parent table, parent column) for each foreign key."""
    has_rowid: bool


def _plan(reader: sqlite3.Connection, writer: sqlite3.Connection) -> list[_Table]:
    """The new journal's tables that the old one has too, parents before children."""
    source_tables = {
        row[1]: not row[4] for row in reader.execute("PRAGMA table_list") if row[0] == "main"
    }
    kinds = {row[1]: row[2] for row in writer.execute("PRAGMA table_list") if row[0] == "main"}
    tables = []
    for (name,) in writer.execute(  # in the order they were made: interviews first
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall():
        if kinds.get(name) != "table" or name.startswith("sqlite_"):
            continue  # the search index's own tables are rebuilt, not copied
        if name in NOT_COPIED or name not in source_tables:
            continue
        theirs = {info[1] for info in reader.execute(f"PRAGMA table_info({_quoted(name)})")}
        ours = [info[1] for info in writer.execute(f"PRAGMA table_info({_quoted(name)})")]
        parents = []
        for key in writer.execute(f"PRAGMA foreign_key_list({_quoted(name)})"):
            parent, column, parent_column = key[2], key[3], key[4]
            parents.append((column, parent, parent_column or _primary_key(writer, parent)))
        tables.append(_Table(name, [c for c in ours if c in theirs], parents, source_tables[name]))
    ordered: list[_Table] = []
    while tables:
        ready = [t for t in tables if all(p[1] in {o.name for o in ordered} for p in t.parents)]
        ready = ready or tables[:1]  # a cycle: take them as they come
        for table in ready:
            ordered.append(table)
            tables.remove(table)
    return ordered


def _primary_key(connection: sqlite3.Connection, table: str) -> str:
    for info in connection.execute(f"PRAGMA table_info({_quoted(table)})"):
        if info[5]:
            return str(info[1])
    return "rowid"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_tables(
    reader: sqlite3.Connection, writer: sqlite3.Connection, steps: _Steps
) -> dict[str, TableCount]:
    tables = _plan(reader, writer)
    steps.expect(sum(_estimate(reader, table) for table in tables))

    # A bulk load into a file nobody else sees yet (it is checked before it gets its
    # name): rows land in rowid order; the indexes and the search index are built once
    # at the end, which is many times faster than growing them row by row. Orphans are
    # left out here, so the foreign keys are checked once, at the end, too.
    writer.execute("PRAGMA foreign_keys = OFF")
    writer.execute("PRAGMA journal_mode = MEMORY")
    writer.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    rebuilt = writer.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type"
    ).fetchall()
    for kind, name, _sql in rebuilt:
        writer.execute(f"DROP {kind.upper()} {_quoted(name)}")
    kept: dict[tuple[str, str], set[Any]] = {}
    wanted = {(parent, column) for table in tables for _c, parent, column in table.parents}
    counts = {}
    for table in tables:
        counts[table.name] = _copy_table(reader, writer, table, kept, wanted, steps.rows_read)
    steps.done(steps.rows)
    writer.execute("BEGIN")
    for _kind, _name, sql in rebuilt:
        writer.execute(sql)
    search_indexes = writer.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
    ).fetchall()
    for (name,) in search_indexes:
        writer.execute(f"INSERT INTO {_quoted(name)} ({_quoted(name)}) VALUES ('rebuild')")
    writer.execute("COMMIT")
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA foreign_keys = ON")
    steps.done(steps.rows + (steps.total - steps.rows) // 2)
    return counts


class _Steps:
    """Progress in steps: the rows, then building the indexes, then the check."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.rows = self.total = 1
        self.read = 0

    def expect(self, rows: int) -> None:
        self.rows = max(1, rows)
        self.total = self.rows + self.rows // 2

    def rows_read(self, count: int) -> None:
        self.read += count
        self.done(min(self.read, self.rows))

    def done(self, steps: int) -> None:
        if self.progress is not None:
            self.progress(steps, self.total)


def _estimate(reader: sqlite3.Connection, table: _Table) -> int:
    """Rows to expect (for the progress bar only): SQLite counts through the smallest
    b-tree of the table, which is often an index that the damage spared."""
    for sql in (
        f"SELECT count(*) FROM {_quoted(table.name)}",
        f"SELECT max(rowid) - min(rowid) + 1 FROM {_quoted(table.name)}",
    ):
        try:
            (found,) = reader.execute(sql).fetchone()
            return int(found or 0)
        except sqlite3.DatabaseError as error:
            if not is_unreadable(error):
                raise
    return 0


def _copy_table(
    reader: sqlite3.Connection,
    writer: sqlite3.Connection,
    table: _Table,
    kept: dict[tuple[str, str], set[Any]],
    wanted: set[tuple[str, str]],
    advance: Callable[[int], None],
) -> TableCount:
    count = TableCount()
    columns = ", ".join(_quoted(c) for c in table.columns)
    insert = (
        f"INSERT INTO {_quoted(table.name)} ({columns}) "
        f"VALUES ({', '.join('?' for _ in table.columns)})"
    )
    links = [
        (table.columns.index(c), kept.setdefault((p, pc), set())) for c, p, pc in table.parents
    ]
    remember = [
        (table.columns.index(column), kept.setdefault((table.name, column), set()))
        for name, column in wanted
        if name == table.name and column in table.columns
    ]
    scan = _Scan(reader, table.name, columns, table.has_rowid)
    batch: list[tuple[Any, ...]] = []

    scanned = 0

    def flush() -> None:
        nonlocal scanned
        for row in _insert(writer, insert, batch, count):
            for index, values in remember:
                values.add(row[index])
        advance(scanned)
        scanned = 0
        batch.clear()

    writer.execute("BEGIN")
    for row in scan.rows():
        scanned += 1
        if any(row[index] is not None and row[index] not in values for index, values in links):
            count.orphaned += 1
            continue
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()
    writer.execute("COMMIT")
    count.unreadable = scan.unreadable
    return count


def _insert(
    writer: sqlite3.Connection, insert: str, rows: list[tuple[Any, ...]], count: TableCount
) -> list[tuple[Any, ...]]:
    """Insert the rows (one at a time if the batch is refused); returns those inserted."""
    writer.execute("SAVEPOINT batch")
    try:
        writer.executemany(insert, rows)
    except sqlite3.IntegrityError:
        writer.execute("ROLLBACK TO batch")
        inserted = []
        for row in rows:
            try:
                writer.execute(insert, row)
            except sqlite3.IntegrityError:
                count.refused += 1
            else:
                inserted.append(row)
        writer.execute("RELEASE batch")
        count.recovered += len(inserted)
        return inserted
    writer.execute("RELEASE batch")
    count.recovered += len(rows)
    return rows


class _Scan:
    """The rows of one table in rowid order, stepping over what cannot be read."""

    def __init__(self, reader: sqlite3.Connection, table: str, columns: str, has_rowid: bool):
        self.reader = reader
        self.table = _quoted(table)
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
                        f"SELECT rowid FROM {self.table} INDEXED BY {_quoted(name)}"
                    )
                }
            except sqlite3.DatabaseError as error:
                if not is_unreadable(error):
                    raise
        return None


# --- the new journal ----------------------------------------------------------------------


def _check_copy(staging: Path, target: Path) -> None:
    """The new journal must pass the full integrity check and open like any journal."""
    from interview_journal.store.connection import open_connection

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
