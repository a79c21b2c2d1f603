"""Merging a checked export into the journal: all or nothing, newer copies winning."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from interview_journal.store.connection import Connection, update_versioned
from interview_journal.store.grouping import file_unfiled_rounds
from interview_journal.store.rows import Row

if TYPE_CHECKING:
    from interview_journal.store.exchange import ImportPlan, ImportReport

_ATTACHED = ("application", "evaluation", "follow_ups")
"""What a plan's interview row carries besides its own columns."""


class _DryRun(Exception):
    """Raised inside an import's transaction to roll it back."""


def merge_plan(
    connection: Connection,
    plan: ImportPlan,
    *,
    dry_run: bool = False,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Merge a checked export into the journal, all or nothing; `dry_run` rolls back."""
    from interview_journal.store.exchange import ImportReport

    report = ImportReport()
    try:
        with connection.writing() as db, _words_afterwards(db, plan) as added:
            merger = _Merger(db, report)
            applications = {
                row["uuid"]: merger.merge("applications", "uuid", row, "applications")
                for row in plan.applications
            }
            for row in plan.people:
                merger.merge("people", "uuid", row, "people")
            lessons_from: list[tuple[str, int]] = []
            for source in plan.interviews:
                _merge_interview(merger, source, applications, lessons_from, added)
                if progress is not None:
                    progress(1)
            merger.flush()
            _link_lessons(db, lessons_from)
            _file_unfiled_rounds(db, report, people=plan.people_from_rounds)
            db.conn.executemany(
                "INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_at) "
                "VALUES (:key, :dismissed_at)",
                plan.dismissed,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        return report
    if any(report.updated.values()):
        connection.forget_removed_text()
    return report


def _merge_interview(
    merger: _Merger,
    source: dict[str, Any],
    applications: dict[str, int],
    lessons_from: list[tuple[str, int]],
    added: list[int],
) -> None:
    """One interview with its evaluation and entries, filed under its application when the
    file names one (else `_file_unfiled_rounds` files it)."""
    row = {k: v for k, v in source.items() if k not in _ATTACHED}
    if source["application"] is not None:
        row["application_id"] = applications[source["application"]]
    report = merger.report
    before = report.added["interviews"]
    interview_id = merger.merge("interviews", "uuid", row, "interviews")
    if report.added["interviews"] > before:
        added.append(interview_id)
    evaluation = source["evaluation"]
    if evaluation is not None:
        evaluation = {k: v for k, v in evaluation.items() if k != "lesson_from_uuid"}
        evaluation["interview_id"] = interview_id
        written = report.added["evaluations"] + report.updated["evaluations"]
        merger.merge("evaluations", "interview_id", evaluation, "evaluations")
        taken = report.added["evaluations"] + report.updated["evaluations"] > written
        lesson_from = source["evaluation"].get("lesson_from_uuid")
        if lesson_from and taken:  # a copy skipped (same or older) keeps the journal's link
            lessons_from.append((lesson_from, interview_id))
    for entry in source["follow_ups"]:
        entry_row = entry | {"interview_id": interview_id}
        merger.merge("follow_ups", "uuid", entry_row, "follow-ups")


_WORDS_TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
    "AND name LIKE '%\\_words\\_%' ESCAPE '\\'"
)


@contextmanager
def _words_afterwards(db: Database, plan: ImportPlan) -> Iterator[list[int]]:
    """Inside the import's transaction: the search index's triggers are set aside while
    the file is merged, and each interview whose words it may change is indexed once at
    the end, instead of again for every row that touches it. Yields the list the merge
    fills with the ids of the interviews it adds.

    The index keeps each document's words, so a journal's interview the import may change
    is taken out of it first, with the words it has now: the ones the file names, those
    of its applications, those owning its entries, and those at a company whose people
    it may add or change (as the people's triggers match them)."""
    triggers = [(row["name"], row["sql"]) for row in db.query(_WORDS_TRIGGERS)]
    touched = _words_touched(db, plan)
    columns = ", ".join(
        row["name"] for row in db.query("SELECT name FROM pragma_table_info('interviews_fts')")
    )
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
    for ids in _slices(touched):
        db.execute(
            f"INSERT INTO interviews_fts (interviews_fts, rowid, {columns}) "
            f"SELECT 'delete', id, {columns} FROM interview_words WHERE id IN ({ids}) "
            "AND id IN (SELECT id FROM interviews_fts_docsize)"
        )
    added: list[int] = []
    yield added
    for ids in _slices(sorted({*touched, *added})):
        db.execute(
            f"INSERT INTO interviews_fts (rowid, {columns}) SELECT id, {columns} "
            f"FROM interview_words WHERE id IN ({ids}) "
            "AND id NOT IN (SELECT id FROM interviews_fts_docsize)"
        )
    for _, sql in triggers:
        db.execute(sql)


def _slices(ids: list[int]) -> Iterator[str]:
    for start in range(0, len(ids), 500):
        yield ",".join(str(int(i)) for i in ids[start : start + 500])


def _words_touched(db: Database, plan: ImportPlan) -> list[int]:
    """The journal's interviews whose words the import may change (a superset)."""
    conn = db.conn
    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM interviews)").fetchone()[0]:
        return []
    companies = {row["company"] for row in plan.interviews} | {
        row["company"] for row in plan.people if row.get("company") is not None
    }
    conn.execute("CREATE TEMP TABLE import_words (kind TEXT, value)")
    try:
        conn.executemany(
            "INSERT INTO import_words VALUES (?, ?)",
            [
                *(("interview", row["uuid"]) for row in plan.interviews),
                *(("application", row["uuid"]) for row in plan.applications),
                *(("person", row["uuid"]) for row in plan.people),
                *(
                    ("entry", entry["uuid"])
                    for row in plan.interviews
                    for entry in row["follow_ups"]
                ),
                *(
                    ("company", name)
                    for company in companies
                    for name in {company, company.strip()}
                ),
            ],
        )
        found = conn.execute(
            "SELECT id FROM interviews WHERE application_id IS NULL "
            "OR uuid IN (SELECT value FROM import_words WHERE kind = 'interview') "
            "OR application_id IN (SELECT a.id FROM applications a WHERE a.uuid IN "
            "  (SELECT value FROM import_words WHERE kind = 'application')) "
            "OR id IN (SELECT f.interview_id FROM follow_ups f WHERE f.uuid IN "
            "  (SELECT value FROM import_words WHERE kind = 'entry')) "
            "OR company IN (SELECT value FROM import_words WHERE kind = 'company') "
            "OR company IN (SELECT p.company FROM people p WHERE p.uuid IN "
            "  (SELECT value FROM import_words WHERE kind = 'person')) "
            "ORDER BY id"
        ).fetchall()
    finally:
        conn.execute("DROP TABLE temp.import_words")
    return [int(row[0]) for row in found]


def _link_lessons(db: Database, lessons_from: list[tuple[str, int]]) -> None:
    """Each imported evaluation that answered "did you apply it?" points at the interview
    whose lesson it was asked about (named by uuid in the file, so it is found once every
    interview is in). Only evaluations the import wrote are linked: one the journal held
    a newer (or the same) copy of keeps its own link."""
    db.conn.executemany(
        "UPDATE evaluations SET lesson_from = (SELECT id FROM interviews WHERE uuid = ?) "
        "WHERE interview_id = ?",
        lessons_from,
    )


def _count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _file_unfiled_rounds(db: Database, report: ImportReport, *, people: bool) -> None:
    """Rounds that came without an application join one by company and role, oldest round
    first, as the schema step that introduced applications grouped them (a new one takes
    the first round's job ad link); with `people`, everyone they name becomes a person.
    Only rounds just imported are without an application: every save files its round."""
    before = {table: _count(db, table) for table in ("applications", "people")}
    file_unfiled_rounds(db, people=people)
    for table, kind in (("applications", "applications"), ("people", "people")):
        report.added[kind] += _count(db, table) - before[table]


class _Merger:
    """Inserts `row`s or updates the existing ones when the file's copy is newer, asking
    the journal once per table what it holds (a key appears once in a checked file), and
    holding back the rows no other row needs the id of (evaluations and entries) to
    insert them together at `flush`."""

    _LATER = ("evaluations", "follow_ups")

    def __init__(self, db: Database, report: ImportReport) -> None:
        self.db = db
        self.report = report
        self.known: dict[str, dict[Any, tuple[int, str]]] = {}
        self.pending: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}

    def _held(self, table: str, key: str) -> dict[Any, tuple[int, str]]:
        if table not in self.known:
            id_column = "interview_id" if table == "evaluations" else "id"
            self.known[table] = {
                found: (int(row_id), updated_at)
                for found, row_id, updated_at in self.db.conn.execute(
                    f"SELECT {key}, {id_column}, updated_at FROM {table}"
                )
            }
        return self.known[table]

    def merge(self, table: str, key: str, row: Row, kind: str) -> int:
        """Returns the row's id (the interview id for evaluations)."""
        found = self._held(table, key).get(row[key])
        if found is None:
            self.report.added[kind] += 1
            columns = (*row, "version")
            if table in self._LATER:
                self.pending.setdefault((table, columns), []).append([*row.values(), 1])
                return int(row["interview_id"]) if table == "evaluations" else 0
            cursor = self.db.conn.execute(_insert_sql(table, columns), [*row.values(), 1])
            return int(cursor.lastrowid or 0)
        existing_id, updated_at = found
        if row["updated_at"] > updated_at:
            changes = {column: value for column, value in row.items() if column != key}
            update_versioned(self.db, table, (key, row[key]), changes, None)
            self.report.updated[kind] += 1
        else:
            self.report.skipped[kind] += 1
        return existing_id

    def flush(self) -> None:
        for (table, columns), rows in self.pending.items():
            self.db.conn.executemany(_insert_sql(table, columns), rows)
        self.pending.clear()


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
