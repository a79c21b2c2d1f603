"""The promise ledger: how each "you will hear from us by …" ended.

Every round with a promised feedback date ends as kept (an answer came on or before it),
late by N days (an answer came after it), never (the application closed or went silent
without one), or is still open (the date has not passed, or has passed only just).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry


class PromiseState(Enum):
    KEPT = "kept"
    LATE = "late"
    NEVER = "never"
    OVERDUE = "overdue"
    """The date has passed, no answer yet, and the application is still open."""
    PENDING = "pending"
    """The date has not come yet."""


@dataclass(frozen=True, slots=True)
class Promise:
    """One promised feedback date and how it ended."""

    round: Interview
    promised: date
    state: PromiseState
    answered: date | None = None
    """The day the first answer after the round came, if one did."""

    @property
    def days_late(self) -> int:
        """Days past the promise: of the answer when it came, else up to `today` (OVERDUE)."""
        if self.answered is None:
            return 0
        return max(0, (self.answered - self.promised).days)

    def words(self, today: date) -> str:
        """ "kept", "3 days late", "never answered", "2 days overdue", "due in 4 days"."""
        if self.state is PromiseState.KEPT:
            return "kept"
        if self.state is PromiseState.LATE:
            return _days(self.days_late) + " late"
        if self.state is PromiseState.NEVER:
            return "never answered"
        if self.state is PromiseState.OVERDUE:
            return _days((today - self.promised).days) + " overdue"
        ahead = (self.promised - today).days
        return "due today" if ahead == 0 else f"due in {_days(ahead)}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def promise_ledger(
    rounds: Sequence[Interview],
    entries: Sequence[Entry],
    today: date,
    *,
    closed: bool,
) -> list[Promise]:
    """The promises of one application's rounds, oldest first.

    `entries` are the application's timeline entries (of every round). An answer counts
    for a round when it was done on or after the round's day and before the next round;
    `closed` says the application is over (ended, or gone silent), so an unanswered
    promise is "never".
    """
    ordered = sorted(rounds, key=lambda r: (r.starts_at, r.id or 0))
    answers = sorted(e.when.day for e in entries if e.kind.is_answer and e.is_done)
    found: list[Promise] = []
    for index, round_ in enumerate(ordered):
        if round_.feedback_by is None:
            continue
        held = round_.starts_at.date()
        following = ordered[index + 1].starts_at.date() if index + 1 < len(ordered) else None
        answered = next(
            (d for d in answers if d >= held and (following is None or d <= following)), None
        )
        if answered is None and following is not None:
            answered = following  # being invited to the next round is an answer
        found.append(
            Promise(
                round_,
                round_.feedback_by,
                _state(round_.feedback_by, answered, today, closed),
                answered,
            )
        )
    return found


def _state(promised: date, answered: date | None, today: date, closed: bool) -> PromiseState:
    if answered is not None:
        return PromiseState.KEPT if answered <= promised else PromiseState.LATE
    if closed:
        return PromiseState.NEVER
    return PromiseState.OVERDUE if today > promised else PromiseState.PENDING


def track_record(company: str, promises: Sequence[Promise], today: date) -> str | None:
    """One line for the prep sheet about the last settled promise, or None:
    "Initech answered 3 days late last round"."""
    settled = [
        p for p in promises if p.state in (PromiseState.KEPT, PromiseState.LATE, PromiseState.NEVER)
    ]
    if not settled:
        return None
    last = settled[-1]
    if last.state is PromiseState.KEPT:
        return f"{company} answered on time last round"
    if last.state is PromiseState.LATE:
        return f"{company} answered {_days(last.days_late)} late last round"
    return f"{company} never answered by the date they gave last round"
