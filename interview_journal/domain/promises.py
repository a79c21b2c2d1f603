"""The promise ledger: how each "you will hear from us by …" ended.

Every round with a promised feedback date ends as kept (an answer came on or before it),
late by N days (an answer came after it), or never (the application closed or went
silent without one); until then it is pending (the date is ahead) or overdue.

An answer belongs to the round it answers: a reply, an invitation to the next round or
an outcome recorded on that round's timeline, or the application's next round itself
(being invited to it is an answer, by the day it was entered or held, whichever came
first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry


class PromiseState(Enum):
    KEPT = "kept"
    LATE = "late"
    NEVER = "never"
    OVERDUE = "overdue"
    """The date has passed, no answer yet, and the application is still open."""
    PENDING = "pending"
    """The date has not passed yet, and no answer has come."""

    @property
    def is_settled(self) -> bool:
        """The promise has ended one way or the other."""
        return self in (PromiseState.KEPT, PromiseState.LATE, PromiseState.NEVER)


@dataclass(frozen=True, slots=True)
class Promise:
    """One promised feedback date and how it ended."""

    round: Interview
    promised: date
    state: PromiseState
    answered: date | None = None
    """The day the first answer to the round came, if one did."""

    @property
    def days_late(self) -> int:
        """How many days after the promised date the answer came (0 when on time or none)."""
        if self.answered is None:
            return 0
        return max(0, (self.answered - self.promised).days)

    def words(self, today: date) -> str:
        """ "kept", "late by 3 days", "never answered", "2 days overdue", "due in 4 days"."""
        if self.state is PromiseState.KEPT:
            return "kept"
        if self.state is PromiseState.LATE:
            return f"late by {_days(self.days_late)}"
        if self.state is PromiseState.NEVER:
            return "never answered"
        if self.state is PromiseState.OVERDUE:
            return _days((today - self.promised).days) + " overdue"
        ahead = (self.promised - today).days
        return "due today" if ahead == 0 else f"due in {_days(ahead)}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def held_day(round_: Interview) -> date:
    """The day a round was held, where it was held (in the zone it was entered in)."""
    try:
        zone = ZoneInfo(round_.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return round_.starts_at.astimezone(zone).date()


def promise_ledger(
    rounds: Sequence[Interview],
    entries: Sequence[Entry],
    today: date,
    *,
    closed: bool,
) -> list[Promise]:
    """The promises of one application's rounds, oldest first.

    `entries` are the application's timeline entries (of every round; others are
    ignored). `closed` says the application is over (ended, or gone silent), so a
    promise left without an answer is "never".
    """
    ordered = sorted(rounds, key=lambda r: (r.starts_at, r.id or 0))
    answers: dict[int, list[date]] = {}
    for entry in entries:
        if entry.kind.is_answer and entry.is_done:
            answers.setdefault(entry.interview_id, []).append(entry.when.day)
    found: list[Promise] = []
    for index, round_ in enumerate(ordered):
        if round_.feedback_by is None or round_.id is None:
            continue
        held = held_day(round_)
        days = [day for day in answers.get(round_.id, ()) if day >= held]
        if index + 1 < len(ordered):
            # invited by the time it was entered (and by today, at the latest)
            days.append(max(held, min(_invited_on(ordered[index + 1]), today)))
        answered = min(days, default=None)
        state = _state(round_.feedback_by, answered, today, closed)
        found.append(Promise(round_, round_.feedback_by, state, answered))
    return found


def _invited_on(next_round: Interview) -> date:
    """When the invitation to a round came, at the latest: when it was entered, or held."""
    day = held_day(next_round)
    if next_round.created_at is None:
        return day
    entered = next_round.created_at.astimezone(ZoneInfo("UTC")).date()
    return min(day, entered)


def _state(promised: date, answered: date | None, today: date, closed: bool) -> PromiseState:
    if answered is not None:
        return PromiseState.KEPT if answered <= promised else PromiseState.LATE
    if closed:
        return PromiseState.NEVER
    return PromiseState.OVERDUE if today > promised else PromiseState.PENDING


def track_record(company: str, promises: Sequence[Promise]) -> str | None:
    """One line about the last settled promise, or None: "Initech answered 3 days late
    last round" (when it was the latest promise), "… at the screening" (an earlier one)."""
    settled = [p for p in promises if p.state.is_settled]
    if not settled:
        return None
    last = settled[-1]
    when = "last round" if last is promises[-1] else f"at the {last.round.round_name}"
    if last.state is PromiseState.KEPT:
        return f"{company} answered on time {when}"
    if last.state is PromiseState.LATE:
        return f"{company} answered {_days(last.days_late)} late {when}"
    return f"{company} never answered by the date they gave {when}"
