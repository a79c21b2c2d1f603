"""The timeline, read a page at a time.

The timeline merges several sources: stored entries, the interviews themselves, and the
dates agreed at them (feedback promised by, may get in touch from), plus suggestions
computed in the domain. Each source is read by keyset paging on its own index and the
page is a merge of their heads, so the cost of a page does not grow with the journal.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date
from typing import Any

from interview_journal.dates import to_storage
from interview_journal.domain.applications import ApplicationStatus
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.promises import Promise, promise_ledger
from interview_journal.domain.timeline import EntryKind, When
from interview_journal.domain.timeline_page import (
    Part,
    Source,
    TimelineCursor,
    TimelineItem,
    TimelinePage,
    TimelineQuery,
)
from interview_journal.store.connection import Connection
from interview_journal.store.interviews import Interviews
from interview_journal.store.rows import ENTRY_COLUMNS, Row, entry_from_row

CLOSED = tuple(status.value for status in Status if status.is_closed)
_ANSWER_KINDS = ", ".join(f"'{kind.value}'" for kind in EntryKind if kind.is_answer)
_ANSWERED = (
    "(EXISTS (SELECT 1 FROM follow_ups f WHERE f.interview_id = interviews.id "
    f"AND f.done IS NOT NULL AND f.kind IN ({_ANSWER_KINDS})) "
    "OR EXISTS (SELECT 1 FROM interviews n WHERE n.application_id = interviews.application_id "
    "AND n.starts_at > interviews.starts_at))"
)
"""A round's promise was answered: a reply, next round or outcome recorded on it, or a
later round of its application (follow_ups_by_interview, interviews_by_application)."""

_Keyed = tuple[tuple[Any, ...], TimelineItem]
"""A merge key (what the SQL orders by, comparable across sources) and the item."""


class Timeline:
    """Pages of the timeline: the active part (planned, soonest first), then the history."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def page(
        self, query: TimelineQuery, after: TimelineCursor | None = None, limit: int = 100
    ) -> TimelinePage:
        """One page of the timeline after `after`: the active part first, then the history."""
        part = after.part if after else Part.ACTIVE
        positions = dict(after.positions) if after else {}
        taken: list[TimelineItem] = []
        with self.connection.lock:
            while True:
                heads = _Heads(self.connection, query, part, positions).read(limit - len(taken))
                merged = list(heapq.merge(*heads, reverse=part is Part.HISTORY, key=lambda r: r[0]))
                room = limit - len(taken)
                for merge_key, item in merged[:room]:
                    taken.append(item)
                    positions[item.source] = merge_key
                if len(merged) > room:
                    return TimelinePage(taken, TimelineCursor(part, positions))
                if part is Part.HISTORY:
                    return TimelinePage(taken, None)
                part, positions = Part.HISTORY, {}
                if len(taken) >= limit:
                    return TimelinePage(taken, TimelineCursor(part, positions))


@dataclass
class _Heads:
    """The next rows of every source for one part of the timeline."""

    connection: Connection
    query: TimelineQuery
    part: Part
    positions: dict[Source, tuple[Any, ...]]

    @property
    def ascending(self) -> bool:
        return self.part is Part.ACTIVE

    def read(self, limit: int) -> list[list[_Keyed]]:
        """Up to `limit` + 1 rows from every source, each sorted by its merge key."""
        fetch = limit + 1
        kinds = self.query.kinds
        raw: dict[Source, list[tuple[tuple[Any, ...], Row]]] = {}
        if kinds.includes(Source.ENTRY):
            raw[Source.ENTRY] = self._entries(fetch)
        if kinds.includes(Source.INTERVIEW):
            raw[Source.INTERVIEW] = self._interviews(fetch)
        for source in (Source.FEEDBACK_BY, Source.CONTACT_FROM):
            if kinds.includes(source):
                raw[source] = self._agreed_dates(source, fetch)
        heads = self._items(raw)
        if self.ascending and kinds.includes(Source.SUGGESTION):
            heads.append(self._suggestions(fetch))
        return heads

    def _order(self) -> tuple[str, str]:
        return (">", "") if self.ascending else ("<", " DESC")

    def _after(self, source: Source, columns: str) -> tuple[str, list[Any]]:
        position = self.positions.get(source)
        if position is None:
            return "", []
        return f" AND ({columns}) {self._order()[0]} (?, ?)", [position[3], position[2]]

    def _own(self, column: str, *, entries: bool = False) -> tuple[str, list[Any]]:
        """The condition keeping one interview's or one application's lines.

        `column` is the interview's id in the source's table; entries reach their
        application through their interview (interviews_by_application finds the rounds).
        """
        sql, args = "", []
        if self.query.interview_id is not None:
            sql, args = f" AND {column} = ?", [self.query.interview_id]
        if self.query.application_id is not None:
            if entries:
                sql += f" AND {column} IN (SELECT id FROM interviews WHERE application_id = ?)"
            else:
                sql += " AND application_id = ?"
            args.append(self.query.application_id)
        return sql, args

    def _entries(self, fetch: int) -> list[tuple[tuple[Any, ...], Row]]:
        kind_sql, kind_args = "", []
        if self.query.kinds.entry_kind is not None:
            kind_sql, kind_args = " AND kind = ?", [self.query.kinds.entry_kind.value]
        column = "due" if self.ascending else "done"
        state = "done IS NULL" if self.ascending else "done IS NOT NULL"
        own, own_args = self._own("interview_id", entries=True)
        keyset, keys = self._after(Source.ENTRY, f"{column}, id")
        order = self._order()[1]
        rows = self.connection.query(
            f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE {state}{own}{kind_sql}{keyset} "
            f"ORDER BY {column}{order}, id{order} LIMIT ?",
            [*own_args, *kind_args, *keys, fetch],
        )
        return [((row[column], Source.ENTRY.value, row["id"]), row) for row in rows]

    def _interviews(self, fetch: int) -> list[tuple[tuple[Any, ...], Row]]:
        side = "starts_at > ?" if self.ascending else "starts_at <= ?"
        own, own_args = self._own("id")
        keyset, keys = self._after(Source.INTERVIEW, "starts_at, id")
        order = self._order()[1]
        rows = self.connection.query(
            f"SELECT id, starts_at FROM interviews WHERE {side}{own}{keyset} "
            f"ORDER BY starts_at{order}, id{order} LIMIT ?",
            [to_storage(self.query.now), *own_args, *keys, fetch],
        )
        return [((row["starts_at"], Source.INTERVIEW.value, row["id"]), row) for row in rows]

    def _agreed_dates(self, source: Source, fetch: int) -> list[tuple[tuple[Any, ...], Row]]:
        column = source.name.lower()
        side = f"{column} >= ?" if self.ascending else f"{column} < ?"
        if source is Source.FEEDBACK_BY:
            # an answered promise is done, whenever its date is
            side = f"{side} AND NOT {_ANSWERED}" if self.ascending else f"({side} OR {_ANSWERED})"
        open_only = ""
        if self.ascending:
            marks = ", ".join("?" for _ in CLOSED)
            open_only = f" AND (status IS NULL OR status NOT IN ({marks}))"
        own, own_args = self._own("id")
        keyset, keys = self._after(source, f"{column}, id")
        order = self._order()[1]
        rows = self.connection.query(
            f"SELECT id, {column} FROM interviews WHERE {column} IS NOT NULL AND {side}"
            f"{open_only}{own}{keyset} ORDER BY {column}{order}, id{order} LIMIT ?",
            [
                self.query.today.isoformat(),
                *(CLOSED if self.ascending else ()),
                *own_args,
                *keys,
                fetch,
            ],
        )
        return [((row[column], source.value, row["id"]), row) for row in rows]

    def _items(self, raw: dict[Source, list[tuple[tuple[Any, ...], Row]]]) -> list[list[_Keyed]]:
        needed = {
            row["interview_id"] if source is Source.ENTRY else row["id"]
            for source, rows in raw.items()
            for _, row in rows
        }
        interviews = Interviews(self.connection).by_id(needed)
        promised = [interviews[row["id"]] for _, row in raw.get(Source.FEEDBACK_BY, [])]
        promises = _Promises(self.connection).of(promised, self.query.today)
        tz = self.query.now.tzinfo
        heads: list[list[_Keyed]] = []
        for source, keyed in raw.items():
            head: list[_Keyed] = []
            for sql_key, row in keyed:
                if source is Source.ENTRY:
                    entry = entry_from_row(row)
                    interview = interviews[entry.interview_id]
                    item = TimelineItem(self.part, source, entry.when, interview, entry=entry)
                else:
                    interview = interviews[row["id"]]
                    if source is Source.INTERVIEW:
                        when = When.of(interview.starts_at.astimezone(tz))
                    else:
                        when = When(date.fromisoformat(row[source.name.lower()]))
                    promise = promises.get(row["id"]) if source is Source.FEEDBACK_BY else None
                    item = TimelineItem(self.part, source, when, interview, promise=promise)
                head.append((_merge_key(item, sql_key), item))
            heads.append(head)
        return heads

    def _suggestions(self, fetch: int) -> list[_Keyed]:
        query = self.query
        wanted = [s for s in query.suggestions if query.covers(s.interview)]
        rows: list[_Keyed] = []
        for index, suggestion in enumerate(sorted(wanted, key=lambda s: (s.due, s.key))):
            when = When(suggestion.due)
            item = TimelineItem(
                Part.ACTIVE, Source.SUGGESTION, when, suggestion.interview, suggestion=suggestion
            )
            rows.append(((when.key, Source.SUGGESTION.value, index, index), item))
        position = self.positions.get(Source.SUGGESTION)
        if position is not None:
            rows = [row for row in rows if row[0] > position]
        return rows[:fetch]


def _merge_key(item: TimelineItem, sql_key: tuple[Any, ...]) -> tuple[Any, ...]:
    """(wall-clock key, source, id, SQL value): one order across all sources.

    The wall-clock text orders the merge; the id and the SQL value (UTC for interviews)
    are what the next page's keyset condition for this source needs.
    """
    return (item.when.key, sql_key[1], sql_key[2], sql_key[0])


class _Promises:
    """How the promises on a page ended: each round's answers, its application's next
    round and whether the user withdrew, in four queries through indexes."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def of(self, rounds: list[Interview], today: date) -> dict[int, Promise]:
        ids = [r.id for r in rounds if r.id is not None]
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        answers = [
            entry_from_row(row)
            for row in self.connection.query(
                f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE interview_id IN ({marks}) "
                f"AND kind IN ({_ANSWER_KINDS}) AND done IS NOT NULL",
                ids,
            )
        ]
        following = self.connection.query(
            "SELECT r.id AS round_id, (SELECT n.id FROM interviews n "
            "WHERE n.application_id = r.application_id AND n.starts_at > r.starts_at "
            "ORDER BY n.starts_at, n.id LIMIT 1) AS next_id "
            f"FROM interviews r WHERE r.id IN ({marks})",
            ids,
        )
        next_of = {row["round_id"]: row["next_id"] for row in following if row["next_id"]}
        next_rounds = Interviews(self.connection).by_id(set(next_of.values()))
        withdrawn = self._withdrawn(
            {r.application_id for r in rounds if r.application_id is not None}
        )
        found: dict[int, Promise] = {}
        for round_ in rounds:
            assert round_.id is not None
            later = next_rounds.get(next_of.get(round_.id, 0))
            # withdrawn, it will never be answered; an offer or a rejection set by hand
            # was an answer, on a day not recorded: the promise stays unsettled
            closed = round_.application_id in withdrawn or round_.status is Status.WITHDRAWN
            ledger = promise_ledger(
                [round_, *([later] if later else [])], answers, today, closed=closed
            )
            if ledger:
                found[round_.id] = ledger[0]
        return found

    def _withdrawn(self, application_ids: set[int]) -> set[int]:
        """The applications among these that the user withdrew from."""
        if not application_ids:
            return set()
        marks = ", ".join("?" for _ in application_ids)
        rows = self.connection.query(
            f"SELECT id FROM applications WHERE ended = ? AND id IN ({marks})",
            [ApplicationStatus.WITHDRAWN.value, *sorted(application_ids)],
        )
        return {row["id"] for row in rows}
