"""Read models for what needs doing: suggestions, the daily review, whether anything needs
attention at start-up, the planned-entries count, and the prep sheet of an interview.

Each part is read through an index; the rules themselves live in the domain.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from interview_journal.dates import to_storage
from interview_journal.domain.applications import ApplicationStatus
from interview_journal.domain.evaluation import EvaluationState
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.suggestions import Suggestion, SuggestionSettings, suggest
from interview_journal.domain.timeline import EntryKind
from interview_journal.store.applications import Applications
from interview_journal.store.connection import Connection
from interview_journal.store.evaluations import Evaluations
from interview_journal.store.follow_ups import FollowUps
from interview_journal.store.interviews import Interviews
from interview_journal.store.rows import (
    ENTRY_COLUMNS,
    INTERVIEW_COLUMNS,
    entry_from_row,
    interview_from_row,
)

if TYPE_CHECKING:  # imported where used: `list` and `show` start faster without them
    import pendulum

    from interview_journal.domain.review import PrepSheet, Review

_APPLICATION_STILL_WAITING = (
    "AND NOT EXISTS (SELECT 1 FROM interviews later "
    "WHERE later.application_id = interviews.application_id "
    "AND later.starts_at > interviews.starts_at) "
    "AND NOT EXISTS (SELECT 1 FROM applications a "
    "WHERE a.id = interviews.application_id AND a.ended IS NOT NULL) "
    "AND NOT EXISTS (SELECT 1 FROM interviews r JOIN follow_ups o ON o.interview_id = r.id "
    "WHERE r.application_id = interviews.application_id "
    "AND o.kind = 'outcome' AND o.outcome IS NOT NULL)"
)
"""A round waits only while it is its application's latest, and the application is open:
not ended by the user, no outcome on any of its rounds (interviews_by_application,
the applications' ids, follow_ups_by_interview)."""

REVIEW_LIMIT = 200
"""At most this many lines per review section (a backlog beyond it is for the timeline)."""


class ReviewQueries:
    """What is due, waiting or coming up, as of a moment the caller passes in."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.interviews = Interviews(connection)

    def suggestions(
        self, now: datetime, settings: SuggestionSettings | None = None
    ) -> list[Suggestion]:
        """What the rules suggest at `now` (aware, in the user's zone), minus dismissed ones."""
        settings = settings or SuggestionSettings()
        since = now - timedelta(days=settings.horizon_days + 1)
        interviews = self.interviews.where("starts_at >= ?", [to_storage(since)])
        follow_ups = FollowUps(self.connection)
        entries = follow_ups.for_rules([i.id for i in interviews if i.id])
        dismissed = follow_ups.dismissed_keys()
        ended = self._ended_since(to_storage(since))
        return suggest(
            interviews, entries, now, settings=settings, dismissed=dismissed, ended=ended
        )

    def _ended_since(self, since: str) -> dict[int, ApplicationStatus]:
        """How the user said the applications with a round since `since` ended (one query:
        the rounds through interviews_by_start, their applications by id)."""
        rows = self.connection.query(
            "SELECT id, ended FROM applications WHERE ended IS NOT NULL AND id IN "
            "(SELECT application_id FROM interviews WHERE starts_at >= ?)",
            [since],
        )
        return {row["id"]: ApplicationStatus(row["ended"]) for row in rows}

    def count_planned(self, today: date) -> tuple[int, int]:
        """(overdue, due today) planned entries: served by the planned-entries index."""
        start, end = today.isoformat(), (today + timedelta(days=1)).isoformat()
        rows = self.connection.query(
            "SELECT sum(due < ?) AS overdue, sum(due >= ? AND due < ?) AS today "
            "FROM follow_ups WHERE done IS NULL AND due < ?",
            [start, start, end, end],
        )
        return int(rows[0]["overdue"] or 0), int(rows[0]["today"] or 0)

    def review(self, now: pendulum.DateTime, settings: SuggestionSettings | None = None) -> Review:
        """Everything the morning review shows, each part read through an index."""
        from interview_journal.domain.review import build_review, coming_up_until, next_days_until

        settings = settings or SuggestionSettings()
        today = now.date()
        tomorrow = (today + timedelta(days=1)).isoformat()
        now_utc = to_storage(now)
        entries = [
            entry_from_row(row)
            for row in self.connection.query(
                f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE done IS NULL AND due < ? "
                "ORDER BY due, id LIMIT ?",
                [tomorrow, REVIEW_LIMIT],
            )
        ]
        # the planned-entries index (done IS NULL, due) serves this range as it does the due
        planned = [
            entry_from_row(row)
            for row in self.connection.query(
                f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE done IS NULL AND due >= ? "
                "AND due < ? ORDER BY due, id LIMIT ?",
                [tomorrow, next_days_until(today).isoformat(), REVIEW_LIMIT],
            )
        ]
        owners = self.interviews.by_id({entry.interview_id for entry in [*entries, *planned]})
        week = to_storage(coming_up_until(now))
        upcoming = self.interviews.where(
            "starts_at > ? AND starts_at < ? ORDER BY starts_at, id LIMIT ?",
            [now_utc, week, REVIEW_LIMIT],
        )
        closed = ", ".join(f"'{status.value}'" for status in Status if status.is_closed)
        answers = ", ".join(f"'{kind.value}'" for kind in EntryKind if kind.is_answer)
        waiting = self.interviews.where(
            f"feedback_by IS NOT NULL AND feedback_by >= ? AND starts_at <= ? "
            f"AND (status IS NULL OR status NOT IN ({closed}, 'next-round')) "
            "AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.interview_id = interviews.id "
            f"AND f.done IS NOT NULL AND f.kind IN ({answers})) "
            f"{_APPLICATION_STILL_WAITING} "
            "ORDER BY feedback_by, id LIMIT ?",
            [today.isoformat(), now_utc, REVIEW_LIMIT],
        )
        later = self.interviews.where("starts_at >= ? ORDER BY starts_at, id LIMIT 1", [week])
        return build_review(
            now=now,
            due_entries=[(entry, owners[entry.interview_id]) for entry in entries],
            suggestions=self.suggestions(now, settings),
            unevaluated=self._unevaluated(now, settings.horizon_days),
            upcoming=upcoming,
            waiting=waiting,
            next_up=later[0] if later else None,
            planned=[(entry, owners[entry.interview_id]) for entry in planned],
        )

    def _unevaluated(
        self, now: pendulum.DateTime, horizon_days: int
    ) -> list[tuple[Interview, EvaluationState | None]]:
        """Interviews held within the horizon whose evaluation is not finished."""
        since = to_storage(now - timedelta(days=horizon_days))
        prefixed = ", ".join(f"i.{name.strip()}" for name in INTERVIEW_COLUMNS.split(","))
        return [
            (
                interview_from_row(row),
                EvaluationState(row["evaluation_state"]) if row["evaluation_state"] else None,
            )
            for row in self.connection.query(
                f"SELECT {prefixed}, e.state AS evaluation_state FROM interviews i "
                "LEFT JOIN evaluations e ON e.interview_id = i.id "
                "WHERE i.starts_at <= ? AND i.starts_at >= ? "
                "AND (e.state IS NULL OR e.state != 'finished') "
                "ORDER BY i.starts_at LIMIT ?",
                [to_storage(now), since, REVIEW_LIMIT],
            )
        ]

    def needs_attention(
        self, now: pendulum.DateTime, horizon_days: int | None, settings: SuggestionSettings | None
    ) -> bool:
        """A follow-up (planned or suggested) is due, or a recent interview waits for its
        evaluation: what decides at start-up whether the app opens on the review. The two
        index lookups come first; the rules run only when they find nothing."""
        settings = settings or SuggestionSettings()
        if horizon_days is not None:
            settings = replace(settings, horizon_days=horizon_days)
        horizon_days = settings.horizon_days
        tomorrow = (now.date() + timedelta(days=1)).isoformat()
        due = self.connection.query(
            "SELECT 1 FROM follow_ups WHERE done IS NULL AND due < ? LIMIT 1", [tomorrow]
        )
        if due:
            return True
        since = to_storage(now - timedelta(days=horizon_days))
        waiting = self.connection.query(
            "SELECT 1 FROM interviews i LEFT JOIN evaluations e ON e.interview_id = i.id "
            "WHERE i.starts_at <= ? AND i.starts_at >= ? "
            "AND (e.state IS NULL OR e.state != 'finished') LIMIT 1",
            [to_storage(now), since],
        )
        if waiting:
            return True
        return any(
            suggestion.is_task and suggestion.due <= now.date()
            for suggestion in self.suggestions(now, SuggestionSettings(horizon_days=horizon_days))
        )

    def prep(self, interview_id: int, *, lessons: int = 5) -> PrepSheet:
        """The prep sheet of an interview: the earlier rounds of its application, the
        application's job ad, how they kept their promises, recent lessons."""
        from interview_journal.domain.promises import held_day, promise_ledger, track_record
        from interview_journal.domain.review import EarlierRound, prep_sheet

        interview = self.interviews.get(interview_id)
        earlier = self.interviews.where(
            "application_id = ? AND starts_at < ? AND id != ? "
            "ORDER BY starts_at DESC, id DESC LIMIT 6",
            [interview.application_id, to_storage(interview.starts_at), interview_id],
        )
        application = (
            Applications(self.connection).get(interview.application_id)
            if interview.application_id is not None
            else None
        )
        evaluations = Evaluations(self.connection)
        rounds = [
            EarlierRound(round_, evaluations.get(round_.id))
            for round_ in earlier
            if round_.id is not None
        ]
        entries = list(FollowUps(self.connection).of([r.id for r in earlier if r.id is not None]))
        # this interview is the next round of the latest earlier one (an answer to it);
        # only settled promises are told, so "today" may be the interview's own day
        ledger = promise_ledger([*earlier, interview], entries, held_day(interview), closed=False)
        settled = [p for p in ledger if p.round.id != interview_id]
        return prep_sheet(
            interview,
            rounds,
            evaluations.past_lessons(interview.starts_at, limit=lessons * 2),
            application=application,
            track_record=track_record(interview.company, settled),
        )
