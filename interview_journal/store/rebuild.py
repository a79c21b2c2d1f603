"""Copying the rows read from a damaged journal into a new one, as one bulk load."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from interview_journal.store.salvage import Scan, is_unreadable, quoted

Progress = Callable[[int, int], object]
"""Called as the work goes on with (steps done, steps in all): a step is a row read, and
building the indexes and checking the new journal count as many steps as they take
time (about half as much as the copy, together)."""

BATCH = 1000
"""Rows inserted per `executemany`."""
LOAD_CACHE_KIB = 65536
"""Page cache for the bulk load (SQLite's default is 2 MiB)."""
NOT_COPIED = {"_sqlite_migrations"}
"""The new journal records its own schema steps."""


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
        theirs = {info[1] for info in reader.execute(f"PRAGMA table_info({quoted(name)})")}
        ours = [info[1] for info in writer.execute(f"PRAGMA table_info({quoted(name)})")]
        parents = []
        for key in writer.execute(f"PRAGMA foreign_key_list({quoted(name)})"):
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
    for info in connection.execute(f"PRAGMA table_info({quoted(table)})"):
        if info[5]:
            return str(info[1])
    return "rowid"


def copy_tables(
    reader: sqlite3.Connection, writer: sqlite3.Connection, steps: Steps
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
        writer.execute(f"DROP {kind.upper()} {quoted(name)}")
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
        writer.execute(f"INSERT INTO {quoted(name)} ({quoted(name)}) VALUES ('rebuild')")
    writer.execute("COMMIT")
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA foreign_keys = ON")
    steps.done(steps.rows + (steps.total - steps.rows) // 2)
    return counts


class Steps:
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
        f"SELECT count(*) FROM {quoted(table.name)}",
        f"SELECT max(rowid) - min(rowid) + 1 FROM {quoted(table.name)}",
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
    columns = ", ".join(quoted(c) for c in table.columns)
    insert = (
        f"INSERT INTO {quoted(table.name)} ({columns}) "
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
    scan = Scan(reader, table.name, columns, table.has_rowid)
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
