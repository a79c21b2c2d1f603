"""What Insights reads in the user's own words: whether earlier lessons were applied,
the lessons written again and again, and the words that recur in each reflection.

The period is the one the rest of Insights uses (store/insights.py): interviews held (at
or before `now`) whose day, where they were held (in the interview's own zone), is on or
after `since`. Every read takes the latest few hundred evaluations of a kind, newest
first along `interviews_by_start`, so a journal of 100,000 interviews reads about as fast
as one of 500 (see `_latest` for where they are few and far between).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interview_journal.dates import from_storage, to_storage
from interview_journal.domain.insights import (
    MINIMUM,
    WORD_FIELDS,
    Lessons,
    LessonUse,
    Recurring,
    Words,
)
from interview_journal.domain.phrases import recurring, words
from interview_journal.store.connection import Connection
from interview_journal.store.rows import Row

__all__ = [
    "ANSWERS_READ",
    "PHRASES_PER_FIELD",
    "RECURRING_LISTED",
    "RECURRING_READ",
    "WORDS_READ",
    "read_lessons",
    "read_words",
]

ANSWERS_READ = 500
"""The latest answers to "did you apply it?" read for how far lessons are applied."""

RECURRING_READ = 10
"""The latest evaluations with a lesson or a thing to improve read for recurring ones."""

RECURRING_LISTED = 5
"""The most recurring lessons listed."""

WORDS_READ = 500
"""The latest evaluations read for the words of each reflection."""

PHRASES_PER_FIELD = 8
"""The most phrases listed per reflection."""

WALKED = 2000
"""The latest interviews walked first for the latest evaluations of a kind (see `_latest`)."""

_BLANK = "' ' || char(9, 10, 13)"
"""What `trim` takes off in SQL: spaces, tabs and line ends (text of only these is
empty)."""


def _written(column: str) -> str:
    """SQL: the column holds something beside white space."""
    return f"trim({column}, {_BLANK}) != ''"


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC  # an unknown zone is read as UTC, as the rest of Insights does


def _day(row: Row) -> date:
    """The day interview `row` (its starts_at and time_zone) was held, where it was held."""
    return from_storage(row["starts_at"]).astimezone(_zone(row["time_zone"])).date()


@dataclass(frozen=True, slots=True)
class _Period:
    """SQL placing interview `i` in the period, with its parameters."""

    where: str
    params: tuple[Any, ...]

    @classmethod
    def of(cls, connection: Connection, now: datetime, since: date | None) -> _Period:
        """Held at or before `now`, and on or after `since` where held.

        Whether an interview's day is on or after `since` depends on its zone only within
        a day or two of `since` (offsets stay within ±14 hours): those few interviews are
        read and checked here, so the rest is a plain range on `interviews_by_start`."""
        held = to_storage(now)
        if since is None:
            return cls("i.starts_at <= ?", (held,))
        lower, sure = (
            (since - timedelta(days=2)).isoformat(),
            (since + timedelta(days=1)).isoformat(),
        )
        near = connection.query(
            "SELECT id, starts_at, time_zone FROM interviews "
            "WHERE starts_at >= ? AND starts_at < ? AND starts_at <= ?",
            [lower, sure, held],
        )
        before = [row["id"] for row in near if _day(row) < since]
        where = "i.starts_at <= ? AND i.starts_at >= ?"
        if before:
            where += f" AND i.id NOT IN ({','.join('?' * len(before))})"
        return cls(where, (held, lower, *before))


def _latest(
    connection: Connection, period: _Period, columns: str, having: str, limit: int
) -> list[Row]:
    """The latest `limit` evaluations of interviews in the period with `having` true,
    newest first: `columns` of evaluation `e` and `i.id`, `i.starts_at`.

    Most often they are among the latest interviews: those are walked first, newest first
    along `interviews_by_start`. Where they are few and far between (answers to "did you
    apply it?" in a long journal begun before the question was asked), walking the whole
    index would look up every evaluation; reading the evaluations once is quicker then."""
    order = "ORDER BY i.starts_at DESC, i.id DESC"
    rows = connection.query(
        f"SELECT {columns} FROM (SELECT i.id, i.starts_at FROM interviews i WHERE {period.where} "
        f"{order} LIMIT ?) i CROSS JOIN evaluations e ON e.interview_id = i.id "
        f"WHERE ({having}) {order} LIMIT ?",
        [*period.params, WALKED, limit],
    )
    if len(rows) == limit:
        return rows
    in_period = connection.query(
        f"SELECT count(*) AS n FROM (SELECT 1 FROM interviews i WHERE {period.where} LIMIT ?)",
        [*period.params, WALKED + 1],
    )[0]["n"]
    if in_period <= WALKED:  # every interview in the period was walked
        return rows
    return connection.query(
        f"SELECT {columns} FROM evaluations e CROSS JOIN interviews i ON i.id = e.interview_id "
        f"WHERE {period.where} AND ({having}) {order} LIMIT ?",
        [*period.params, limit],
    )


# --- are my lessons sticking? -------------------------------------------------------------


def _lesson_of(row: Row) -> tuple[str, str]:
    """What an evaluation taught, as the next evaluation shows it (store/evaluations.py,
    `past_lessons`): its lesson, or what to improve where it wrote no lesson; and which."""
    kind = "lesson" if row["lesson"].strip() else "to_improve"
    return kind, row[kind].strip()


def _uses(connection: Connection, period: _Period) -> tuple[int, tuple[LessonUse, ...]]:
    """How many of the latest ANSWERS_READ evaluations in the period answered "did you
    apply it?" about a lesson still in the journal, and those lessons, most applied first
    (then most often asked, then the latest written).

    A lesson written in the same words at several interviews ("Slow down in system
    design", and again a month later) is one lesson: its answers count together, and it
    is told where it was written last."""
    answers = _latest(
        connection,
        period,
        "i.id, e.lesson_from AS source, e.lesson_applied AS applied",
        "e.lesson_applied IS NOT NULL AND e.lesson_from IS NOT NULL",
        ANSWERS_READ,
    )
    if not answers:
        return 0, ()
    sources = list(dict.fromkeys(row["source"] for row in answers))
    written = {
        row["id"]: row
        for row in connection.query(
            "SELECT s.id, s.company, s.starts_at, s.time_zone, w.lesson, w.to_improve "
            "FROM interviews s JOIN evaluations w ON w.interview_id = s.id "
            f"WHERE s.id IN ({','.join('?' * len(sources))}) ORDER BY s.starts_at, s.id",
            sources,
        )
        if row["lesson"].strip() or row["to_improve"].strip()
    }
    # one lesson per wording (case, spaces and punctuation aside), told where written last
    same = {source: tuple(words(_lesson_of(row)[1])) for source, row in written.items()}
    last = {wording: source for source, wording in same.items()}  # oldest first: the last wins
    counts: dict[int, dict[str, int]] = {}
    answered_in: dict[int, list[int]] = {}
    for row in reversed(answers):  # oldest first
        if row["source"] in written:
            lesson = last[same[row["source"]]]
            counts.setdefault(lesson, {"yes": 0, "partly": 0, "no": 0})[row["applied"]] += 1
            answered_in.setdefault(lesson, []).append(row["id"])
    uses = []
    for lesson, applied in counts.items():
        row = written[lesson]
        kind, text = _lesson_of(row)
        uses.append(
            LessonUse(
                text=text,
                kind=kind,
                written_in=lesson,
                company=row["company"],
                day=_day(row),
                answered_in=tuple(answered_in[lesson]),
                **applied,
            )
        )
    uses.sort(key=lambda use: written[use.written_in]["starts_at"], reverse=True)
    uses.sort(key=lambda use: (-use.applied, -use.asked))  # stable: the latest first on a tie
    return sum(use.asked for use in uses), tuple(uses)


def read_lessons(connection: Connection, now: datetime, since: date | None) -> Lessons:
    """Whether the lessons shown at later evaluations were applied there, and the lessons
    (with what to improve and what to do differently) written again and again in the
    latest evaluations, over the interviews held from `since` up to `now` (aware)."""
    period = _Period.of(connection, now, since)
    based_on, uses = _uses(connection, period)
    latest = _latest(
        connection,
        period,
        "i.id, e.lesson, e.to_improve, e.differently",
        f"{_written('e.lesson')} OR {_written('e.to_improve')}",
        RECURRING_READ,
    )
    texts = [
        (row["id"], "\n".join(row[name] for name in ("lesson", "to_improve", "differently")))
        for row in latest
    ]
    # a lesson is something to do: "talk" or "question" alone says nothing to act on
    found = recurring(texts, at_least=MINIMUM, limit=RECURRING_LISTED, shortest=2)
    return Lessons(
        based_on=based_on,
        uses=uses,
        recurring_based_on=len(texts),
        recurring=tuple(
            Recurring(phrase.text, phrase.count, len(texts), phrase.interview_ids)
            for phrase in found
        ),
    )


# --- what you wrote most ------------------------------------------------------------------


def read_words(connection: Connection, now: datetime, since: date | None) -> Words:
    """The words and phrases that recur in each reflection (WORD_FIELDS) of the latest
    evaluations holding any of them, over the interviews held from `since` up to `now`;
    each found in at least MINIMUM evaluations, at most PHRASES_PER_FIELD per reflection."""
    period = _Period.of(connection, now, since)
    rows = _latest(
        connection,
        period,
        ", ".join(["i.id", *(f"e.{name}" for name in WORD_FIELDS)]),
        " OR ".join(_written(f"e.{name}") for name in WORD_FIELDS),
        WORDS_READ + 1,  # one more says whether there were more
    )
    more = len(rows) > WORDS_READ
    rows = rows[:WORDS_READ]
    fields = {
        name: tuple(
            recurring(
                [(row["id"], row[name]) for row in rows if row[name]],
                at_least=MINIMUM,
                limit=PHRASES_PER_FIELD,
            )
        )
        for name in WORD_FIELDS
    }
    return Words(based_on=len(rows), limit=WORDS_READ if more else 0, fields=fields)
