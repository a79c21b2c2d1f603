"""Insights read from the journal with SQL aggregates: each section one or two passes
grouped in SQLite, returning a few compact rows (never every interview as an object).

The period: interviews held (started at or before `now`) whose day, where they were held
(in the interview's own zone, as the promise ledger reads it), is on or after `since`.
An interview counts as evaluated when its evaluation (a draft or finished) holds
anything the user wrote or chose.
"""

from __future__ import annotations

import json
import weakref
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interview_journal.dates import to_storage
from interview_journal.domain.applications import GHOSTED_AFTER_DAYS
from interview_journal.domain.insight_rules import (
    MONTHS_FOR_PER_MONTH,
    PER_TEN,
    employer_order,
    median,
    missed_points,
    month_label,
    offset_changes,
    ranked,
    run_label,
    trends,
)
from interview_journal.domain.insights import (
    SECTIONS,
    SIGNS,
    Asking,
    Closing,
    Employer,
    Employers,
    Funnel,
    FunnelRow,
    Insights,
    KeyPoints,
    Lessons,
    MadeShare,
    MissedPoint,
    Period,
    Reality,
    Signs,
    Words,
)
from interview_journal.domain.timeline import EntryKind
from interview_journal.store.connection import Connection
from interview_journal.store.rows import Row

LINKED = 50
"""The most interviews a figure links to (newest first): enough to open and read."""

NAMED = 10
"""The most companies a reality check names."""

EVALUATED = " OR ".join(
    (
        *(f"e.{name} IS NOT NULL" for name in (*SIGNS, "interest_after", "role_matched")),
        "e.accurate IS NOT NULL",
        "e.lesson_applied IS NOT NULL",
        "e.key_points != '[]'",
        *(
            f"e.{name} != ''"
            for name in (
                "went_well",
                "to_improve",
                "differently",
                "lesson",
                "about_employer",
                "role_note",
                "accurate_note",
                "next_steps_answer",
                "hear_back_answer",
                "clarity_answer",
            )
        ),
        "e.next_steps_asked",
        "e.hear_back_asked",
        "e.clarity_asked",
    )
)
"""An evaluation `e` holding something the user wrote or chose."""

_EVALUATION_COLUMNS = ", ".join(
    f"e.{name}" for name in (*SIGNS, "interest_after", "key_points", "role_matched", "accurate")
)
"""What the sections read of an evaluation (not its words: helper queries stay narrow)."""

_ANSWERS = ", ".join(f"'{kind.value}'" for kind in EntryKind if kind.is_answer)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # read as UTC, as the promise ledger does


@dataclass(frozen=True, slots=True)
class Scope:
    """The period asked for, and the SQL that places each interview in it."""

    moment: datetime
    """`now`, aware, in the user's zone."""
    now: str
    """`now` as stored text."""
    today: date
    since: date | None
    minutes: str
    """SQL: the UTC offset, in minutes, of interview `i` where it was held."""
    user_minutes: Callable[[str], str]
    """SQL: the offset of the user's zone at the stored instant given."""

    @classmethod
    def of(cls, connection: Connection, now: datetime, since: date | None) -> Scope:
        span = connection.query(  # two subqueries: each a single step along the index
            "SELECT (SELECT min(starts_at) FROM interviews) AS first, "
            "(SELECT max(starts_at) FROM interviews) AS last"
        )[0]
        years = (
            (int(span["first"][:4]), int(span["last"][:4]))
            if span["first"]
            else (now.year, now.year)
        )
        arms = []
        for row in connection.query("SELECT DISTINCT time_zone AS zone FROM interviews"):
            zone = _zone(row["zone"])
            if zone is None:
                continue
            changes = offset_changes(zone, *years)
            if changes == (("", 0),):
                continue
            arms.append(f"WHEN {_quoted(row['zone'])} THEN {_offset_sql('i.starts_at', changes)}")
        minutes = f"(CASE i.time_zone {' '.join(arms)} ELSE 0 END)" if arms else "0"
        user_zone = now.tzinfo
        assert user_zone is not None, "now is aware"
        user_years = (min(years[0], now.year), max(years[1], now.year))
        user_changes = offset_changes(user_zone, *user_years)
        return cls(
            moment=now,
            now=to_storage(now),
            today=now.date(),
            since=since,
            minutes=minutes,
            user_minutes=lambda column: _offset_sql(column, user_changes),
        )

    @property
    def day(self) -> str:
        """SQL: the day interview `i` was held, where it was held."""
        if self.minutes == "0":
            return "substr(i.starts_at, 1, 10)"
        return f"date(i.starts_at, {self.minutes} || ' minutes')"

    @property
    def once(self) -> str:
        """MATERIALIZED for a CTE whose days are read more than once, when a day takes
        zone arithmetic (worked out once per row: at 100,000 interviews in a zone with
        summer time, 7M SQLite steps fewer); else nothing (copying costs more then)."""
        return "" if self.minutes == "0" else " MATERIALIZED"

    def day_of(self, alias: str) -> str:
        """SQL: the day interview `alias` was held, where it was held."""
        return self.day.replace("i.starts_at", f"{alias}.starts_at").replace(
            "i.time_zone", f"{alias}.time_zone"
        )

    def user_day(self, column: str) -> str:
        """SQL: the day of a stored instant in the user's zone."""
        minutes = self.user_minutes(column)
        if minutes == "0":
            return f"substr({column}, 1, 10)"
        return f"date({column}, {minutes} || ' minutes')"

    def in_period(self, day: str = "day") -> str:
        """SQL: a held interview (its start `i.starts_at`, its `day`) in the period."""
        held = f"i.starts_at <= '{self.now}'"
        if self.since is None:
            return held
        # two days' margin covers every zone's offset, and lets the index on starts_at work
        lower = (self.since - timedelta(days=2)).isoformat()
        return f"{held} AND i.starts_at >= '{lower}' AND {day} >= '{self.since.isoformat()}'"

    @property
    def held(self) -> str:
        """A CTE: the interviews held in the period, with their day."""
        return (
            "held AS (SELECT i.id, i.application_id AS app, i.company, i.starts_at, "
            f"i.interest, {self.day} AS day FROM interviews i "
            f"WHERE {self.in_period(self.day)})"
        )

    @property
    def evaluated(self) -> str:
        """CTEs: `held`, and `evaluated`: those evaluated, with their evaluation."""
        return (
            f"{self.held}, evaluated AS (SELECT h.id, h.app, h.company, h.starts_at, h.day, "
            f"h.interest, {_EVALUATION_COLUMNS} FROM held h "
            f"JOIN evaluations e ON e.interview_id = h.id WHERE {EVALUATED})"
        )


def _offset_sql(column: str, changes: tuple[tuple[str, int], ...]) -> str:
    """SQL: the offset in force at the stored instant `column`, halving the changes at each
    comparison (ten years of summer time: five comparisons, not up to twenty-two)."""

    def between(first: int, last: int) -> str:
        if first == last:
            return str(changes[first][1])
        middle = (first + last + 1) // 2
        return (
            f"(CASE WHEN {column} < '{changes[middle][0]}' THEN {between(first, middle - 1)} "
            f"ELSE {between(middle, last)} END)"
        )

    return between(0, len(changes) - 1)


# --- the whole view -----------------------------------------------------------------------

Reader = Callable[[Connection, Scope, dict[str, Any]], Any]


_READ: weakref.WeakKeyDictionary[Connection, tuple[tuple[object, ...], dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)
"""Per journal: what the sections of one period share, while the journal is unchanged
(a view reading one section after another reads the rounds once for two of them)."""


def _shared(connection: Connection, now: datetime, since: date | None) -> dict[str, Any]:
    """What several sections are read from, read once while nothing was written: the
    key is the journal's change counters (this connection's and others')."""
    version = connection.query("PRAGMA data_version")[0]["data_version"]
    key = (version, connection.db.conn.total_changes, to_storage(now), now.tzinfo, since)
    with connection.lock:
        known = _READ.get(connection)
        if known is not None and known[0] == key:
            return known[1]
        shared: dict[str, Any] = {}
        _READ[connection] = (key, shared)
        return shared


def _scope(
    connection: Connection, now: datetime, since: date | None
) -> tuple[Scope, dict[str, Any]]:
    shared = _shared(connection, now, since)
    if "scope" not in shared:
        shared["scope"] = Scope.of(connection, now, since)
    return shared["scope"], shared


def read_insights(connection: Connection, now: datetime, since: date | None) -> Insights:
    """Every section over the interviews held from `since` up to `now` (aware)."""
    scope, shared = _scope(connection, now, since)
    sections = {name: _READERS[name](connection, scope, shared) for name in SECTIONS}
    rows = _by_period(connection, scope, shared)[1]
    return Insights(
        today=scope.today,
        since=since,
        interviews=_held_count(connection, scope),
        evaluations=sum(row["evaluated"] for row in rows),
        **sections,
    )


def read_section(connection: Connection, name: str, now: datetime, since: date | None) -> object:
    """One section (a name of SECTIONS), for a view that shows each as soon as it is read."""
    if name not in _READERS:
        raise ValueError(f"No section of Insights is called {name!r}.")
    scope, shared = _scope(connection, now, since)
    return _READERS[name](connection, scope, shared)


def read_counts(connection: Connection, now: datetime, since: date | None) -> tuple[int, int]:
    """Interviews held from `since` up to `now`, and how many of them were evaluated (the
    view's summary line). Free once the signs are read: the same pass counts both."""
    scope, shared = _scope(connection, now, since)
    rows = _by_period(connection, scope, shared)[1]
    return _held_count(connection, scope), sum(row["evaluated"] for row in rows)


def _held_count(connection: Connection, scope: Scope) -> int:
    return int(connection.query(f"WITH {scope.held} SELECT count(*) AS n FROM held")[0]["n"])


# --- written by the texts' reader ---------------------------------------------------------


def _lessons(connection: Connection, scope: Scope, _: dict[str, Any]) -> Lessons:
    try:
        from interview_journal.store.insight_texts import read_lessons
    except ModuleNotFoundError as missing:  # not written yet
        if missing.name != "interview_journal.store.insight_texts":
            raise
        return Lessons(0)
    return read_lessons(connection, scope.moment, scope.since)


def _words(connection: Connection, scope: Scope, _: dict[str, Any]) -> Words:
    try:
        from interview_journal.store.insight_texts import read_words
    except ModuleNotFoundError as missing:
        if missing.name != "interview_journal.store.insight_texts":
            raise
        return Words(0)
    return read_words(connection, scope.moment, scope.since)


# --- the evaluated interviews per period: signs, key points, reality, interest ------------

_RATED = " OR ".join(f"{name} IS NOT NULL" for name in SIGNS)


def _period_sql(connection: Connection, scope: Scope, shared: dict[str, Any]) -> tuple[str, str]:
    """Whether the evaluated interviews are followed per month (they fall in three months
    or more) or per ten, and the SQL of an evaluated interview's period."""
    if "per" not in shared:
        months = connection.query(
            f"WITH {scope.evaluated} SELECT count(*) AS months FROM (SELECT DISTINCT "
            f"substr(day, 1, 7) FROM evaluated LIMIT {MONTHS_FOR_PER_MONTH})"
        )[0]["months"]
        shared["per"] = "month" if months >= MONTHS_FOR_PER_MONTH else "ten interviews"
    if shared["per"] == "month":
        return "month", "substr(day, 1, 7)"
    return "ten interviews", f"(row_number() OVER (ORDER BY starts_at, id) - 1) / {PER_TEN}"


def _by_period(
    connection: Connection, scope: Scope, shared: dict[str, Any]
) -> tuple[str, list[Row]]:
    """Per period, oldest first: the evaluated interviews, their ratings, key points,
    reality checks and interest, counted in one pass."""
    if "periods" not in shared:
        per, period = _period_sql(connection, scope, shared)
        signs = ", ".join(
            f"total({name}) AS {name}_sum, count({name}) AS {name}_count" for name in SIGNS
        )
        shared["periods"] = (
            per,
            connection.query(
                f"WITH {scope.evaluated}, placed AS (SELECT *, {period} AS period FROM evaluated) "
                f"SELECT period, min(day) AS start, count(*) AS evaluated, "
                f"coalesce(sum({_RATED}), 0) AS rated, {signs}, "
                "coalesce(sum(key_points != '[]'), 0) AS with_points, "
                "count(role_matched) AS role_answered, "
                "coalesce(sum(role_matched = 'no'), 0) AS role_differed, "
                "count(accurate) AS accuracy_answered, "
                "coalesce(sum(accurate = 0), 0) AS overstated, "
                "coalesce(sum(interest IS NOT NULL AND interest_after IS NOT NULL), 0) AS both, "
                "total(CASE WHEN interest_after IS NOT NULL THEN interest END) AS before, "
                "total(CASE WHEN interest IS NOT NULL THEN interest_after END) AS after "
                "FROM placed GROUP BY period ORDER BY period"
            ),
        )
    per, rows = shared["periods"]
    return per, rows


def _label(per: str, row: Row) -> tuple[str, date]:
    if per == "month":
        year, month = int(row["period"][:4]), int(row["period"][5:7])
        return month_label(year, month), date(year, month, 1)
    return run_label(row["period"], row["evaluated"]), date.fromisoformat(row["start"])


def _signs(connection: Connection, scope: Scope, shared: dict[str, Any]) -> Signs:
    per, rows = _by_period(connection, scope, shared)
    periods = []
    for row in rows:
        if not row["rated"]:
            continue
        label, start = _label(per, row)
        counts = {name: row[f"{name}_count"] for name in SIGNS}
        means = {
            name: row[f"{name}_sum"] / counts[name] if counts[name] else None for name in SIGNS
        }
        periods.append(Period(label, start, row["rated"], means=means, counts=counts))
    return Signs(
        based_on=sum(period.based_on for period in periods),
        per=per,
        periods=tuple(periods),
        trends=trends(periods),
    )


# --- key points ---------------------------------------------------------------------------

_POINTS = (
    "FROM placed ev, json_each(CASE WHEN json_valid(ev.key_points) THEN ev.key_points "
    "ELSE '[]' END) j WHERE ev.key_points != '[]' AND json_type(j.value, '$.text') = 'text'"
)
_POINT_TEXT = "json_extract(j.value, '$.text')"
_POINT_MADE = "coalesce(json_extract(j.value, '$.made'), 0)"


def _like_json(text: str) -> str:
    """A LIKE pattern finding `text` in key points as `rows` writes them (JSON, not ASCII)."""
    written = json.dumps(text, ensure_ascii=False)
    escaped = written.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _key_points(connection: Connection, scope: Scope, shared: dict[str, Any]) -> KeyPoints:
    per, rows = _by_period(connection, scope, shared)
    _, period = _period_sql(connection, scope, shared)
    placed = f"{scope.evaluated}, placed AS (SELECT *, {period} AS period FROM evaluated)"
    counted = connection.query(
        f"WITH {placed} SELECT ev.period, {_POINT_TEXT} AS text, count(*) AS planned, "
        f"total({_POINT_MADE} != 0) AS made {_POINTS} GROUP BY 1, 2"
    )
    made: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    per_text: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in counted:
        made[row["period"]][0] += int(row["made"])
        made[row["period"]][1] += row["planned"]
        per_text[row["text"]][0] += row["planned"]
        per_text[row["text"]][1] += row["planned"] - int(row["made"])
    over_time = []
    for row in rows:
        if not row["with_points"]:
            continue
        label, start = _label(per, row)
        made_in, planned = made[row["period"]]
        over_time.append(MadeShare(label, start, made_in, planned, row["with_points"]))
    chosen = missed_points((text, planned, gone) for text, (planned, gone) in per_text.items())
    missed = []
    for point, written in chosen:
        marks = ", ".join("?" for _ in written)
        # only the evaluations whose text holds it are parsed; newest first, stopping at
        # the LINKED-th: a point missed often stops early
        holds = " OR ".join("ev.key_points LIKE ? ESCAPE '\\'" for _ in written)
        found = connection.query(
            f"WITH {placed} SELECT DISTINCT ev.id {_POINTS} AND ({holds}) "
            f"AND NOT {_POINT_MADE} AND {_POINT_TEXT} IN ({marks}) "
            f"ORDER BY ev.starts_at DESC, ev.id DESC LIMIT {LINKED}",
            [*(_like_json(text) for text in written), *written],
        )
        ids = tuple(row["id"] for row in found)
        missed.append(MissedPoint(point.text, point.missed, point.planned, ids))
    return KeyPoints(
        based_on=sum(share.based_on for share in over_time),
        missed=tuple(missed),
        over_time=tuple(over_time),
    )


# --- reality checks -----------------------------------------------------------------------


def _reality(connection: Connection, scope: Scope, shared: dict[str, Any]) -> Reality:
    _, rows = _by_period(connection, scope, shared)
    named = connection.query(
        f"WITH {scope.evaluated} SELECT company, coalesce(sum(role_matched = 'no'), 0) "
        "AS differed, coalesce(sum(accurate = 0), 0) AS overstated FROM evaluated "
        "WHERE role_matched = 'no' OR accurate = 0 GROUP BY company"
    )
    differed = {row["company"]: row["differed"] for row in named if row["differed"]}
    overstated = {row["company"]: row["overstated"] for row in named if row["overstated"]}
    return Reality(
        role_answered=sum(row["role_answered"] for row in rows),
        role_differed=sum(row["role_differed"] for row in rows),
        role_differed_at=ranked(differed)[:NAMED],
        accuracy_answered=sum(row["accuracy_answered"] for row in rows),
        overstated=sum(row["overstated"] for row in rows),
        overstated_at=ranked(overstated)[:NAMED],
    )


# --- rounds and their answers: closing questions and employers ----------------------------

_CLOSED = "'accepted', 'rejected', 'withdrawn', 'ghosted'"


def _status_sql(scope: Scope) -> str:
    """SQL: the status of the application of round `i` (with its application `a`), as
    `derive_status` works it out, from what `_round_facts` reads over its rounds."""
    quiet_from = (
        f"max({scope.user_day('i.latest_start')}, coalesce(substr(h.last_answer, 1, 10), ''), "
        "coalesce(i.latest_promised, ''))"
    )
    return (
        "CASE WHEN a.ended IS NOT NULL THEN a.ended "
        "WHEN h.dated_outcome IS NOT NULL THEN "
        "CASE substr(h.dated_outcome, instr(h.dated_outcome, '|') + 1) "
        "WHEN 'offer' THEN 'offer' WHEN 'rejection' THEN 'rejected' ELSE 'withdrawn' END "
        "WHEN i.latest_status IN ('offer', 'rejected', 'withdrawn') THEN i.latest_status "
        "WHEN i.latest_status IN ('upcoming', 'next-round') OR (i.latest_status IS NULL "
        f"AND i.latest_start > '{scope.now}') THEN 'interviewing' "
        f"WHEN julianday('{scope.today}') - julianday({quiet_from}) > {GHOSTED_AFTER_DAYS} "
        "THEN 'ghosted' ELSE 'waiting' END"
    )


def _round_facts(connection: Connection, scope: Scope, shared: dict[str, Any]) -> list[Row]:
    """The rounds held in the period, counted by company, whether the user asked when
    they would hear (None: not evaluated), the promise's state, the days to the first
    answer, whether they chased; and by whether the row starts an application (and it
    went silent): compact rows, whatever the journal's size.

    Per application (every one, or those with a round in the period), grouped along its
    index: its latest round, last answer and last outcome, and from them its status, once;
    per round, one step along the same index each way: the next round and the previous
    one. That is what the promise ledger and the application's status are worked out
    from (at 100,000 interviews a window over the rounds cost SQLite more than these)."""
    if "rounds" in shared:
        rounds: list[Row] = shared["rounds"]
        return rounds
    day = scope.day
    if scope.since is None:
        apps, of_rounds = "", "WHERE i.application_id IS NOT NULL"
    else:
        apps = (
            "apps AS (SELECT DISTINCT i.application_id AS app FROM interviews i "
            f"WHERE {scope.in_period(day)} AND i.application_id IS NOT NULL), "
        )
        of_rounds = "WHERE i.application_id IN (SELECT app FROM apps)"
    # the first round of its application in the period (it counts the application once)
    opens = "i.previous_day IS NULL"
    if scope.since is not None:
        opens = f"({opens} OR i.previous_day < '{scope.since.isoformat()}')"
    # the promise ledger's answers: a reply, next round or outcome on the round's timeline
    # on or after its day, or the next round itself, by when it was entered or held
    shared["rounds"] = connection.query(
        # the application's latest round (one max: its other columns are of that row)
        f"WITH {apps}latest AS (SELECT i.application_id AS app, "
        "max(printf('%s%012d', i.starts_at, i.id)), i.status AS latest_status, "
        "i.feedback_by AS latest_promised, i.starts_at AS latest_start "
        f"FROM interviews i {of_rounds} GROUP BY i.application_id), "
        # its last answer and last outcome, from one walk along its rounds' answers
        "heard AS (SELECT i.application_id AS app, max(f.done) AS last_answer, "
        "max(CASE WHEN f.kind = 'outcome' AND f.outcome IS NOT NULL THEN "
        "coalesce(f.done, f.due) || '|' || f.outcome END) AS dated_outcome "
        "FROM interviews i JOIN follow_ups f ON f.interview_id = i.id "
        f"AND f.kind IN ({_ANSWERS}) {of_rounds} "
        "GROUP BY i.application_id), "
        # the status once per application, not per round
        "status AS MATERIALIZED (SELECT i.app, a.company, "
        f"{_status_sql(scope)} AS status FROM latest i LEFT JOIN heard h ON h.app = i.app "
        "JOIN applications a ON a.id = i.app), "
        # the next and the previous round, each one step along the application's index
        # (a window over every round costs SQLite half as much again)
        f"ordered AS{scope.once} (SELECT i.id, i.application_id AS app, i.starts_at, "
        f"i.feedback_by, {day} AS day, CASE WHEN n.id IS NOT NULL THEN {scope.day_of('n')} "
        "END AS next_day, substr(n.created_at, 1, 10) AS next_entered, "
        f"CASE WHEN p.id IS NOT NULL THEN {scope.day_of('p')} END AS previous_day "
        "FROM interviews i LEFT JOIN interviews n ON n.id = (SELECT o.id FROM interviews o "
        "WHERE o.application_id = i.application_id AND (o.starts_at, o.id) > "
        "(i.starts_at, i.id) ORDER BY o.starts_at, o.id LIMIT 1) "
        "LEFT JOIN interviews p ON p.id = (SELECT o.id FROM interviews o "
        "WHERE o.application_id = i.application_id AND (o.starts_at, o.id) < "
        "(i.starts_at, i.id) ORDER BY o.starts_at DESC, o.id DESC LIMIT 1) "
        f"{of_rounds}), "
        "rounds AS MATERIALIZED (SELECT i.id, i.day, i.feedback_by, a.company, "
        "a.status, CASE WHEN i.next_day IS NOT NULL THEN "
        f"max(i.day, min(i.next_day, i.next_entered, '{scope.today}')) END AS invited, "
        "(SELECT min(substr(f.done, 1, 10)) FROM follow_ups f WHERE f.interview_id = i.id "
        f"AND f.kind IN ({_ANSWERS}) AND f.done >= i.day) AS replied, "
        # the first follow-up after it: chased when it came before any answer
        "(SELECT min(substr(f.done, 1, 10)) FROM follow_ups f INDEXED BY "
        "follow_ups_by_interview WHERE f.interview_id = i.id AND f.kind = 'follow-up' "
        "AND f.done >= i.day) AS chased_on, "
        f"{opens} AS opens "
        "FROM ordered i JOIN status a ON a.app = i.app "
        f"WHERE {scope.in_period('i.day')}), "
        "answered AS (SELECT r.*, CASE WHEN r.replied IS NULL THEN r.invited "
        "WHEN r.invited IS NULL THEN r.replied ELSE min(r.replied, r.invited) END "
        "AS answered FROM rounds r) "
        "SELECT r.company, CASE WHEN e.interview_id IS NOT NULL THEN e.hear_back_asked END "
        "AS asked, CASE WHEN r.feedback_by IS NULL THEN NULL "
        "WHEN r.answered IS NOT NULL THEN "
        "CASE WHEN r.answered <= r.feedback_by THEN 'kept' ELSE 'late' END "
        f"WHEN r.status IN ({_CLOSED}) THEN 'never' "
        f"WHEN '{scope.today}' > r.feedback_by THEN 'overdue' ELSE 'pending' END AS state, "
        "CAST(julianday(r.answered) - julianday(r.day) AS INTEGER) AS days, "
        "coalesce(r.chased_on < r.answered, r.chased_on IS NOT NULL) AS chased, "
        "r.opens, r.opens AND r.status = 'ghosted' AS ghosted, count(*) AS n "
        f"FROM answered r LEFT JOIN evaluations e ON e.interview_id = r.id AND ({EVALUATED}) "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7"
    )
    return _round_facts(connection, scope, shared)


def _asking(rows: list[Row]) -> Asking:
    def total(keep: Callable[[Row], object]) -> int:
        return sum(row["n"] for row in rows if keep(row))

    return Asking(
        interviews=total(lambda _: True),
        promised=total(lambda row: row["state"] is not None),
        kept=total(lambda row: row["state"] == "kept"),
        late=total(lambda row: row["state"] == "late"),
        never=total(lambda row: row["state"] == "never"),
        chased=total(lambda row: row["chased"]),
        answered=total(lambda row: row["days"] is not None),
    )


def _closing(connection: Connection, scope: Scope, shared: dict[str, Any]) -> Closing:
    rows = _round_facts(connection, scope, shared)
    asked = _asking([row for row in rows if row["asked"] == 1])
    not_asked = _asking([row for row in rows if row["asked"] == 0])
    return Closing(
        based_on=asked.interviews + not_asked.interviews, asked=asked, not_asked=not_asked
    )


def _employers(connection: Connection, scope: Scope, shared: dict[str, Any]) -> Employers:
    rows = _round_facts(connection, scope, shared)
    by_company: dict[str, list[Row]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        key = row["company"].casefold()
        names.setdefault(key, row["company"])
        by_company[key].append(row)
    companies = [_employer(names[key], found) for key, found in by_company.items()]
    companies.sort(key=employer_order)
    every = _employer("", rows)
    return Employers(
        based_on=every.answered,
        median_days=every.median_days,
        kept=every.kept,
        late=every.late,
        never=every.never,
        ghosted=sum(row["n"] for row in rows if row["ghosted"]),
        applications=sum(row["n"] for row in rows if row["opens"]),
        companies=tuple(companies),
    )


def _employer(company: str, rows: list[Row]) -> Employer:
    answered: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["days"] is not None:
            answered[row["days"]] += row["n"]
    return Employer(
        company=company,
        rounds=sum(row["n"] for row in rows),
        answered=sum(answered.values()),
        median_days=median(answered.items()),
        kept=sum(row["n"] for row in rows if row["state"] == "kept"),
        late=sum(row["n"] for row in rows if row["state"] == "late"),
        never=sum(row["n"] for row in rows if row["state"] == "never"),
        ghosted=any(row["ghosted"] for row in rows),
    )


# --- the funnel ---------------------------------------------------------------------------


_OFFERS = (
    "SELECT i.application_id AS app FROM follow_ups f JOIN interviews i "
    "ON i.id = f.interview_id WHERE f.kind = 'outcome' AND f.outcome = 'offer'"
)


def _funnel(connection: Connection, scope: Scope, shared: dict[str, Any]) -> Funnel:
    in_period = (
        "1"
        if scope.since is None
        else (f"a.applied_on >= '{scope.since.isoformat()}' OR r.in_period")
    )
    rows = connection.query(
        "WITH reached AS (SELECT i.application_id AS app, "
        f"sum(i.starts_at <= '{scope.now}') AS held, max(i.status = 'offer') AS offered, "
        f"max({scope.in_period(scope.day)}) AS in_period "
        "FROM interviews i WHERE i.application_id IS NOT NULL GROUP BY i.application_id), "
        # done and planned outcomes apart: each then read along its index by kind
        f"offers AS ({_OFFERS} AND f.done IS NOT NULL UNION {_OFFERS} AND f.done IS NULL) "
        "SELECT coalesce(a.source, 'unknown') AS source, count(*) AS applied, "
        "sum(coalesce(r.held, 0) >= 1) AS first_interview, "
        "sum(coalesce(r.held, 0) >= 2) AS later_rounds, "
        "sum(coalesce(a.ended = 'accepted', 0) OR coalesce(r.offered, 0) "
        "OR a.id IN (SELECT app FROM offers)) AS offer "
        f"FROM applications a LEFT JOIN reached r ON r.app = a.id WHERE {in_period} "
        "GROUP BY 1"
    )
    by_source = [
        FunnelRow(
            row["source"],
            (row["applied"], row["first_interview"], row["later_rounds"], row["offer"]),
        )
        for row in rows
    ]
    by_source.sort(key=lambda found: (-found.counts[0], found.source))
    total = FunnelRow(
        "all", tuple(sum(found.counts[stage] for found in by_source) for stage in range(4))
    )
    _, periods = _by_period(connection, scope, shared)
    both = sum(row["both"] for row in periods)
    return Funnel(
        based_on=total.counts[0],
        total=total,
        by_source=tuple(by_source),
        interest_based_on=both,
        interest_before=sum(row["before"] for row in periods) / both if both else None,
        interest_after=sum(row["after"] for row in periods) / both if both else None,
    )


_READERS: dict[str, Reader] = {
    "lessons": _lessons,
    "signs": _signs,
    "key_points": _key_points,
    "words": _words,
    "reality": _reality,
    "closing": _closing,
    "employers": _employers,
    "funnel": _funnel,
}
