"""Follow-up entries in SQLite, and the timeline read a page at a time.

The timeline merges several sources: stored entries, the interviews themselves, and the
dates agreed at them (feedback promised by, may get in touch from), plus suggestions
computed in the domain. Each source is read by keyset paging on its own index and the
page is a merge of their heads, so the cost of a page does not grow with the journal.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from interview_journal.dates import from_storage, to_storage
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.domain.timeline_page import (
    Part,
    Source,
    TimelineCursor,
    TimelineItem,
    TimelinePage,
    TimelineQuery,
)

__all__ = [
    "TimelineCursor",
    "TimelinePage",
    "TimelineQuery",
    "entry_from_row",
    "entry_to_dict",
    "entry_to_row",
    "iter_entries",
    "page_timeline",
]

Query = Callable[[str, Sequence[Any]], list[dict[str, Any]]]

ENTRY_COLUMNS = (
    "id, uuid, interview_id, kind, due, done, channel, contact, reason, note, outcome, "
    "suggestion, created_at, updated_at, version"
)
CLOSED = tuple(status.value for status in Status if status.is_closed)


def entry_from_row(row: dict[str, Any]) -> Entry:
    return Entry(
        id=row["id"],
        uuid=row["uuid"],
        interview_id=row["interview_id"],
        kind=EntryKind(row["kind"]),
        due=When.from_key(row["due"]) if row["due"] else None,
        done=When.from_key(row["done"]) if row["done"] else None,
        channel=Channel(row["channel"]) if row["channel"] else None,
        contact=row["contact"],
        reason=row["reason"],
        note=row["note"],
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        suggestion=row["suggestion"],
        created_at=from_storage(row["created_at"]),
        updated_at=from_storage(row["updated_at"]),
        version=row["version"],
    )


def entry_to_row(entry: Entry) -> dict[str, Any]:
    """The columns a save writes (not id, timestamps or version: the store owns those)."""
    return {
        "uuid": entry.uuid,
        "interview_id": entry.interview_id,
        "kind": entry.kind.value,
        "due": entry.due.key if entry.due else None,
        "done": entry.done.key if entry.done else None,
        "channel": entry.channel.value if entry.channel else None,
        "contact": entry.contact,
        "reason": entry.reason,
        "note": entry.note,
        "outcome": entry.outcome.value if entry.outcome else None,
        "suggestion": entry.suggestion,
    }


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """An entry as JSON-ready data (`show --json`, `timeline --json`, the export)."""
    return {
        "id": entry.id,
        "uuid": entry.uuid,
        "kind": entry.kind.value,
        "due": entry.due.key if entry.due else None,
        "done": entry.done.key if entry.done else None,
        "channel": entry.channel.value if entry.channel else None,
        "contact": entry.contact,
        "reason": entry.reason,
        "note": entry.note,
        "outcome": entry.outcome.value if entry.outcome else None,
        "suggestion": entry.suggestion or None,
        "created_at": to_storage(entry.created_at) if entry.created_at else None,
        "updated_at": to_storage(entry.updated_at) if entry.updated_at else None,
    }


# --- the timeline ------------------------------------------------------------------------


_Row = tuple[tuple[Any, ...], TimelineItem]
"""A merge key (what the SQL orders by, comparable across sources) and the item."""


def page_timeline(
    query_rows: Query,
    interviews_by_id: Callable[[Iterable[int]], dict[int, Interview]],
    query: TimelineQuery,
    after: TimelineCursor | None,
    limit: int,
) -> TimelinePage:
    """One page of the timeline after `after`: the active part first, then the history."""
    part = after.part if after else Part.ACTIVE
    positions = dict(after.positions) if after else {}
    taken: list[TimelineItem] = []
    while True:
        heads = _heads(query_rows, interviews_by_id, query, part, positions, limit - len(taken))
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


def _heads(
    query_rows: Query,
    interviews_by_id: Callable[[Iterable[int]], dict[int, Interview]],
    query: TimelineQuery,
    part: Part,
    positions: dict[Source, tuple[Any, ...]],
    limit: int,
) -> list[list[_Row]]:
    """Up to `limit` + 1 rows from every source, each sorted by its merge key."""
    ascending = part is Part.ACTIVE
    compare = ">" if ascending else "<"
    order = "" if ascending else " DESC"
    fetch = limit + 1
    now_utc = to_storage(query.now)
    today = query.today.isoformat()
    own = " AND interview_id = ?" if query.interview_id is not None else ""
    own_id = " AND id = ?" if query.interview_id is not None else ""
    own_args: list[Any] = [query.interview_id] if query.interview_id is not None else []
    raw: dict[Source, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}

    def after(source: Source, columns: str) -> tuple[str, list[Any]]:
        position = positions.get(source)
        if position is None:
            return "", []
        return f" AND ({columns}) {compare} (?, ?)", [position[3], position[2]]

    kinds = query.kinds
    if kinds.includes(Source.ENTRY):
        kind_sql, kind_args = "", []
        if kinds.entry_kind is not None:
            kind_sql, kind_args = " AND kind = ?", [kinds.entry_kind.value]
        column = "due" if ascending else "done"
        state = "done IS NULL" if ascending else "done IS NOT NULL"
        keyset, keys = after(Source.ENTRY, f"{column}, id")
        rows = query_rows(
            f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE {state}{own}{kind_sql}{keyset} "
            f"ORDER BY {column}{order}, id{order} LIMIT ?",
            [*own_args, *kind_args, *keys, fetch],
        )
        raw[Source.ENTRY] = [((row[column], Source.ENTRY.value, row["id"]), row) for row in rows]
    if kinds.includes(Source.INTERVIEW):
        side = "starts_at > ?" if ascending else "starts_at <= ?"
        keyset, keys = after(Source.INTERVIEW, "starts_at, id")
        rows = query_rows(
            f"SELECT id, starts_at FROM interviews WHERE {side}{own_id}{keyset} "
            f"ORDER BY starts_at{order}, id{order} LIMIT ?",
            [now_utc, *own_args, *keys, fetch],
        )
        raw[Source.INTERVIEW] = [
            ((row["starts_at"], Source.INTERVIEW.value, row["id"]), row) for row in rows
        ]
    for source, column in (
        (Source.FEEDBACK_BY, "feedback_by"),
        (Source.CONTACT_FROM, "contact_from"),
    ):
        if not kinds.includes(source):
            continue
        side = f"{column} >= ?" if ascending else f"{column} < ?"
        open_only = ""
        if ascending:
            marks = ", ".join("?" for _ in CLOSED)
            open_only = f" AND (status IS NULL OR status NOT IN ({marks}))"
        keyset, keys = after(source, f"{column}, id")
        rows = query_rows(
            f"SELECT id, {column} FROM interviews WHERE {column} IS NOT NULL AND {side}"
            f"{open_only}{own_id}{keyset} ORDER BY {column}{order}, id{order} LIMIT ?",
            [today, *(CLOSED if ascending else ()), *own_args, *keys, fetch],
        )
        raw[source] = [((row[column], source.value, row["id"]), row) for row in rows]

    needed = {
        row["interview_id"] if source is Source.ENTRY else row["id"]
        for source, rows in raw.items()
        for _, row in rows
    }
    interviews = interviews_by_id(needed)
    tz = query.now.tzinfo
    heads: list[list[_Row]] = []
    for source, keyed in raw.items():
        head: list[_Row] = []
        for sql_key, row in keyed:
            if source is Source.ENTRY:
                entry = entry_from_row(row)
                interview = interviews[entry.interview_id]
                item = TimelineItem(part, source, entry.when, interview, entry=entry)
            else:
                interview = interviews[row["id"]]
                if source is Source.INTERVIEW:
                    when = When.of(interview.starts_at.astimezone(tz))
                else:
                    when = When(date.fromisoformat(row[source.name.lower()]))
                item = TimelineItem(part, source, when, interview)
            head.append((_merge_key(item, sql_key), item))
        heads.append(head)
    if ascending and kinds.includes(Source.SUGGESTION):
        heads.append(_suggestion_head(query, positions, fetch))
    return heads


def _merge_key(item: TimelineItem, sql_key: tuple[Any, ...]) -> tuple[Any, ...]:
    """(wall-clock key, source, id, SQL value): one order across all sources.

    The wall-clock text orders the merge; the id and the SQL value (UTC for interviews)
    are what the next page's keyset condition for this source needs.
    """
    return (item.when.key, sql_key[1], sql_key[2], sql_key[0])


def _suggestion_head(
    query: TimelineQuery, positions: dict[Source, tuple[Any, ...]], fetch: int
) -> list[_Row]:
    wanted = [
        s
        for s in query.suggestions
        if query.interview_id is None or s.interview.id == query.interview_id
    ]
    rows: list[_Row] = []
    for index, suggestion in enumerate(sorted(wanted, key=lambda s: (s.due, s.key))):
        when = When(suggestion.due)
        item = TimelineItem(
            Part.ACTIVE, Source.SUGGESTION, when, suggestion.interview, suggestion=suggestion
        )
        rows.append(((when.key, Source.SUGGESTION.value, index, index), item))
    position = positions.get(Source.SUGGESTION)
    if position is not None:
        rows = [row for row in rows if row[0] > position]
    return rows[:fetch]


RULE_ENTRIES_PER_KIND = 20
"""The suggestion rules ask, per interview and kind of entry, whether there is one and
when the latest ones were: the most recent this many of each kind answer that (with
every entry that accepted a suggestion), so one interview with 100,000 follow-ups costs
what one with twenty does."""


def iter_rule_entries(query_rows: Query, interview_ids: Sequence[int]) -> Iterator[Entry]:
    """The entries the suggestion rules read: per interview and kind the latest
    `RULE_ENTRIES_PER_KIND`, plus every one made from a suggestion; oldest first."""
    for start in range(0, len(interview_ids), 500):
        chunk = list(interview_ids[start : start + 500])
        marks = ",".join("?" for _ in chunk)
        for row in query_rows(
            f"SELECT {ENTRY_COLUMNS} FROM ("
            f"SELECT {ENTRY_COLUMNS}, row_number() OVER ("
            "PARTITION BY interview_id, kind ORDER BY coalesce(done, due) DESC, id DESC"
            f") AS recent FROM follow_ups WHERE interview_id IN ({marks})"
            ") WHERE recent <= ? OR suggestion != '' "
            "ORDER BY interview_id, coalesce(done, due), id",
            [*chunk, RULE_ENTRIES_PER_KIND],
        ):
            yield entry_from_row(row)


def iter_entries(query_rows: Query, interview_ids: Sequence[int]) -> Iterator[Entry]:
    """Every entry of these interviews (in chunks, to stay under SQLite's variable limit)."""
    for start in range(0, len(interview_ids), 500):
        chunk = list(interview_ids[start : start + 500])
        marks = ",".join("?" for _ in chunk)
        for row in query_rows(
            f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE interview_id IN ({marks}) "
            "ORDER BY interview_id, coalesce(done, due), id",
            chunk,
        ):
            yield entry_from_row(row)
