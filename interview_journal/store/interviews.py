"""Interviews: saved, changed, deleted and put back, found by id, counted, and listed a
page at a time (the search through the full-text index `interviews_fts`, which holds
every word written about an interview: see `store.search`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from interview_journal.dates import to_storage
from interview_journal.domain.listing import (
    InterviewPage,
    InterviewQuery,
    InterviewSort,
    NextStep,
    PageCursor,
    search_terms,
)
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.timeline import EntryKind, When
from interview_journal.errors import NotFoundError
from interview_journal.store.connection import Connection, update_versioned, utc_now
from interview_journal.store.drafts import takes_words_away
from interview_journal.store.evaluations import Evaluations
from interview_journal.store.grouping import (
    application_for,
    application_match_key,
    leftovers,
    people_named,
)
from interview_journal.store.rows import (
    INTERVIEW_COLUMNS,
    Row,
    interview_from_row,
    interview_to_row,
)
from interview_journal.store.search import search_hits

_TEXTS = ("company", "role", "location", "interviewers", "people", "notes", "round_label")
"""The words of an interview's own the search index holds."""

DENSE_MATCHES = 2000
"""Above this many search matches, a page walks the sort index instead of sorting them."""
REMEMBERED_COUNTS = 64
"""Counts kept between changes to the journal (each a few bytes)."""
PREFIX_INDEXED = 2
"""The longest prefix the search index keeps a list of its own for (schema 5)."""


@dataclass(frozen=True)
class DeletedInterview:
    """Everything a delete removed, kept in memory so `u` can put it back exactly."""

    interview: Interview
    rows: dict[str, list[Row]] = field(default_factory=dict)
    """Every row of every table, keyed by table name, in the order to re-insert them."""


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every typed word as a quoted prefix. None when nothing to search."""
    terms = search_terms(text)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def _status_condition(status: Status, now: str) -> tuple[str, list[Any]]:
    """SQL for "shows as this status", mirroring `domain.status.effective_status`."""
    if status is Status.UPCOMING:
        return "(status = ? OR (status IS NULL AND starts_at > ?))", [status.value, now]
    if status is Status.AWAITING_REPLY:
        return "(status = ? OR (status IS NULL AND starts_at <= ?))", [status.value, now]
    return "status = ?", [status.value]


class Interviews:
    """The `interviews` table (and, for a delete, every row that belongs to one)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._counted: dict[tuple[str, tuple[Any, ...]], int] = {}
        """Counts taken since the journal last changed, by what was counted."""
        self._counted_at: tuple[int, int] | None = None
        """The journal state `_counted` holds for."""

    def add(self, interview: Interview) -> Interview:
        """Save a new interview; returns it with its id and version."""
        now = utc_now()
        row = interview_to_row(interview) | {"created_at": now, "updated_at": now, "version": 1}
        with self.connection.writing() as db:
            row["application_id"] = _application_of(db, interview)
            new_id = db.table("interviews").insert(row).last_pk
            people_named(db, interview.company, row["interviewers"], ())
        assert new_id is not None
        return self.get(int(new_id))

    def update(self, interview: Interview) -> Interview:
        """Save changes. Refuses (StaleWriteError) if someone saved since `interview` was read."""
        if interview.id is None:
            raise ValueError("update_interview needs an interview with an id")
        row = interview_to_row(interview) | {"updated_at": utc_now()}
        with self.connection.writing() as db:
            row["application_id"] = _application_of(db, interview)
            people_named(db, interview.company, row["interviewers"], ())
            removed = takes_words_away(db, "interviews", ("id", interview.id), row, _TEXTS)
            update_versioned(
                db,
                "interviews",
                ("id", interview.id),
                row,
                interview.version,
                missing=f"Interview {interview.id} no longer exists.",
                stale=f"{interview.title} was changed elsewhere (another window?) since you "
                "opened it. Your version was not saved over it.",
            )
        self.connection.forget_removed_text(indexed=removed)
        return self.get(interview.id)

    def get(self, interview_id: int) -> Interview:
        rows = self.connection.query(
            f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id = ?", [interview_id]
        )
        if not rows:
            raise NotFoundError(f"No interview with id {interview_id}.")
        return interview_from_row(rows[0])

    def by_id(self, interview_ids: Iterable[int]) -> dict[int, Interview]:
        ids = list(interview_ids)
        found: dict[int, Interview] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            for row in self.connection.query(
                f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = interview_from_row(row)
        return found

    def where(self, condition: str, params: list[Any]) -> list[Interview]:
        """The interviews an SQL condition (with its ORDER BY and LIMIT) selects."""
        rows = self.connection.query(
            f"SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE {condition}", params
        )
        return [interview_from_row(row) for row in rows]

    def delete(self, interview_id: int, *, with_leftovers: bool = True) -> DeletedInterview:
        """Delete an interview and everything that belongs to it (and, `with_leftovers`,
        what it leaves empty: store.grouping.leftovers); returns what `restore` needs."""
        with self.connection.writing() as db:
            rows = list(db.query("SELECT * FROM interviews WHERE id = ?", [interview_id]))
            if not rows:
                raise NotFoundError(f"No interview with id {interview_id}.")
            interview = interview_from_row(rows[0])
            saved: dict[str, list[Row]] = {"interviews": rows}
            for table in _dependent_tables(db):
                saved[table] = list(
                    db.query(f"SELECT * FROM [{table}] WHERE interview_id = ?", [interview_id])
                )
            db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])
            if with_leftovers:
                contacts = [str(r["contact"]) for r in saved.get("follow_ups", ()) if r["contact"]]
                names = [p.name for p in interview.interviewers] + contacts
                left = leftovers(db, interview.application_id, interview.company, names)
                # put back parents first: the application before its round, people last
                saved = {"applications": left["applications"], **saved, "people": left["people"]}
        self.connection.forget_removed_text()
        return DeletedInterview(interview=interview, rows=saved)

    def restore(self, deleted: DeletedInterview) -> Interview:
        """Undo a delete: the same id, uuid and contents as before."""
        with self.connection.writing() as db:
            for table, rows in deleted.rows.items():
                if rows:
                    db.table(table).insert_all(rows)
        assert deleted.interview.id is not None
        return self.get(deleted.interview.id)

    # --- counting and paging ------------------------------------------------------------

    def _journal_state(self) -> tuple[int, int]:
        """Changes whenever anyone commits: another connection (`data_version`) or this
        one (`total_changes`)."""
        rows = self.connection.query("PRAGMA data_version")
        return int(next(iter(rows[0].values()))), self.connection.db.conn.total_changes

    def forget_counts(self) -> None:
        """Count again at the next ask (the journal state tells a change by anyone else)."""
        self._counted.clear()
        self._counted_at = None

    def _count_of(self, sql: str, params: list[Any]) -> int:
        """`sql`'s count, remembered until the journal changes: a key in the search box
        asks for the matches twice and for the whole journal once, and the next key of a
        word is often a text already counted (typed back with backspace)."""
        state = self._journal_state()
        if state != self._counted_at:
            self._counted.clear()
            self._counted_at = state
        key = (sql, tuple(params))
        found = self._counted.get(key)
        if found is None:
            if len(self._counted) >= REMEMBERED_COUNTS:
                self._counted.pop(next(iter(self._counted)))
            found = int(self.connection.query(sql, params)[0]["n"])
        else:
            del self._counted[key]  # to the end: the last used is dropped last
        self._counted[key] = found
        return found

    def _match_count(self, match: str) -> int:
        """How many interviews the index finds (4 ms, not the 37 of the joined count)."""
        return self._count_of(
            "SELECT count(*) AS n FROM interviews_fts WHERE interviews_fts MATCH ?", [match]
        )

    def count(self, query: InterviewQuery | None = None) -> int:
        if query is not None and query.status is None:
            match = fts_query(query.search)
            if match is not None:
                return self._match_count(match)
        where, params = _where(query)
        return self._count_of(f"SELECT count(*) AS n FROM interviews WHERE {where}", params)

    def page(
        self, query: InterviewQuery, after: PageCursor | None = None, limit: int = 100
    ) -> InterviewPage:
        """One page of the list, continuing after `after`. Cost does not grow with the journal."""
        found = self._page_rows(query, after, limit)
        interviews = [interview_from_row(row) for row in found[:limit]]
        ids = [i.id for i in interviews if i.id is not None]
        summaries = Evaluations(self.connection).summaries(ids)
        cursor = None
        if len(found) > limit:
            last = found[limit - 1]
            held = last["starts_at"] <= to_storage(query.now)
            last_segment = 1 if query.sort is InterviewSort.UPCOMING_FIRST and held else 0
            cursor = PageCursor(last_segment, last["company"], last["starts_at"], last["id"])
        return InterviewPage(
            interviews,
            cursor,
            summaries,
            hits=search_hits(
                self.connection, ids, query.search, own={row["id"]: row for row in found[:limit]}
            ),
            next_steps=self.next_steps(ids),
        )

    def next_steps(self, ids: list[int]) -> dict[int, NextStep]:
        """The next planned follow-up of each of these interviews that has one (one query)."""
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        rows = self.connection.query(
            "SELECT interview_id, kind, min(due) AS due FROM follow_ups "
            f"WHERE done IS NULL AND due IS NOT NULL AND interview_id IN ({marks}) "
            "GROUP BY interview_id",
            ids,
        )
        return {
            row["interview_id"]: NextStep(EntryKind(row["kind"]), When.from_key(row["due"]))
            for row in rows
        }

    def _most_match(self, match: str | None) -> bool:
        """Whether at least a quarter of the journal matches (measured against the highest
        id, which costs nothing): then a page walks few rows that do not."""
        if match is None:
            return False
        rows = self.connection.query("SELECT max(id) AS n FROM interviews")
        return self._match_count(match) * 4 >= int(rows[0]["n"] or 0)

    def _page_rows(self, query: InterviewQuery, after: PageCursor | None, limit: int) -> list[Row]:
        """Up to `limit` + 1 rows after `after`, in the query's order."""
        now = to_storage(query.now)
        select = self.connection.query
        # With many matches, walking the order's index and keeping the matching rows beats
        # sorting all of them (8 ms instead of 70 ms for "h" in 100,000); with few matches
        # SQLite's own plan (sort the matches) is the faster one.
        by_start = by_company = ""
        match = fts_query(query.search)
        dense = match is not None and self._match_count(match) > DENSE_MATCHES
        if dense:
            by_start, by_company = (
                " INDEXED BY interviews_by_start",
                " INDEXED BY interviews_by_company",
            )
        probe = dense and _prefix_indexed(query.search) and self._most_match(match)
        # When every interview matches (a one-letter word at 100,000 often does), the page
        # is the list's own: 100 rows with no question to the index (7 ms of probes).
        every = probe and match is not None and self._match_count(match) == self.count()
        where, params = _where(query, probe=probe, search=not every)
        columns = f"SELECT {INTERVIEW_COLUMNS}, people FROM interviews"  # people: search hits
        if query.sort is InterviewSort.COMPANY:
            keyset = "AND (company, starts_at, id) > (?, ?, ?)" if after else ""
            keys = [after.company, after.starts_at, after.id] if after else []
            return select(
                f"{columns}{by_company} WHERE {where} {keyset} "
                "ORDER BY company, starts_at, id LIMIT ?",
                [*params, *keys, limit + 1],
            )
        before = "AND (starts_at, id) < (?, ?)" if after else ""
        keys = [after.starts_at, after.id] if after else []
        if query.sort is InterviewSort.NEWEST_FIRST:
            return select(
                f"{columns}{by_start} WHERE {where} {before} "
                "ORDER BY starts_at DESC, id DESC LIMIT ?",
                [*params, *keys, limit + 1],
            )
        found: list[Row] = []
        if after is None or after.segment == 0:
            keyset = "AND (starts_at, id) > (?, ?)" if after else ""
            found = select(
                f"{columns}{by_start} WHERE {where} AND starts_at > ? "
                f"{keyset} ORDER BY starts_at, id LIMIT ?",
                [*params, now, *keys, limit + 1],
            )
            if len(found) > limit:
                return found
            before, keys = "", []
        return found + select(
            f"{columns}{by_start} WHERE {where} AND starts_at <= ? "
            f"{before} ORDER BY starts_at DESC, id DESC LIMIT ?",
            [*params, now, *keys, limit + 1 - len(found)],
        )


def _prefix_indexed(search: str) -> bool:
    """Whether every typed word is short enough for the index's own prefix lists (one and
    two letters): then asking the index about one row is a single seek."""
    return all(len(term) <= PREFIX_INDEXED for term in search_terms(search))


def _where(
    query: InterviewQuery | None, *, probe: bool = False, search: bool = True
) -> tuple[str, list[Any]]:
    """The condition of a query. With `probe`, each row walked is asked of the index
    (2 ms for a page of "e" in 100,000, where listing its 90,000 matches first takes 30);
    for longer words a probe merges many lists, and listing the matches once is faster.
    Without `search`, the search is left out (every interview matches it)."""
    conditions, params = ["1"], []
    if query is not None:
        if query.status is not None:
            sql, values = _status_condition(query.status, to_storage(query.now))
            conditions.append(sql)
            params.extend(values)
        match = fts_query(query.search) if search else None
        if match is not None:
            conditions.append(
                "EXISTS (SELECT 1 FROM interviews_fts WHERE interviews_fts MATCH ? "
                "AND rowid = interviews.id)"
                if probe
                else "id IN (SELECT rowid FROM interviews_fts WHERE interviews_fts MATCH ?)"
            )
            params.append(match)
    return " AND ".join(conditions), params


def _application_of(db: Database, interview: Interview) -> int:
    """The application a saved interview is a round of: its own, or the one its company and
    role file it under (refused when the one it names does not exist).

    A saved round whose company or role was changed takes its application along when it is the
    only round (a typo put right everywhere); one of several joins the application of its
    new company and role (or starts one)."""
    if interview.application_id is None:
        return application_for(db, interview.company, interview.role)
    found = db.execute(
        "SELECT match_key, (SELECT count(*) FROM interviews WHERE application_id = a.id) "
        "FROM applications a WHERE id = ?",
        [interview.application_id],
    ).fetchone()
    if found is None:
        raise NotFoundError(f"No application with id {interview.application_id}.")
    key, rounds = found
    if interview.id is None or key == application_match_key(interview.company, interview.role):
        return interview.application_id  # a new round goes where it is told
    alone = (
        rounds == 1
        and db.execute(
            "SELECT 1 FROM interviews WHERE id = ? AND application_id = ?",
            [interview.id, interview.application_id],
        ).fetchone()
    )
    if not alone:
        return application_for(db, interview.company, interview.role)
    db.execute(
        "UPDATE applications SET company = ?, role = ?, match_key = ?, version = version + 1 "
        "WHERE id = ?",
        [
            interview.company.strip(),
            interview.role.strip(),
            application_match_key(interview.company, interview.role),
            interview.application_id,
        ],
    )
    return interview.application_id


def _dependent_tables(db: Database) -> list[str]:
    """Tables whose rows belong to an interview (found by their foreign key)."""
    names = []
    for table in db.tables:
        if any(fk.other_table == "interviews" for fk in table.foreign_keys):
            names.append(table.name)
    return names
