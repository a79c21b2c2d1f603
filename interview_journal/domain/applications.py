"""What an application is: one role at one company, the process its interviews are rounds of.

The rules, the review and the lists reason per application: a second role at the same
company is a process of its own. Its status is worked out from its rounds and its
timeline, unless the user has said how it ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Self

from interview_journal.domain.model import Interview, Status, _Labelled, folded, new_uuid
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import Entry, EntryKind, Outcome

GHOSTED_AFTER_DAYS = 21
"""Default: this many days without a word from them after a round, and it counts as ghosted."""


class Source(_Labelled):
    """How the application came about."""

    JOB_AD = "job-ad"
    REFERRAL = "referral"
    RECRUITER = "recruiter"
    OWN_INITIATIVE = "own-initiative"


class ApplicationStatus(_Labelled):
    """Where an application stands. The last four close it."""

    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    WAITING = "waiting"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def is_closed(self) -> bool:
        """A closed application gets no more follow-ups (an offer is still open: it waits
        for the user's answer)."""
        return self in _CLOSED


_CLOSED = frozenset(
    {
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.GHOSTED,
    }
)

ENDINGS = (ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)
"""The statuses a user may set by hand: how it ended. The others are worked out."""


def application_key(company: str, role: str) -> tuple[str, str]:
    """The identity used to group rounds: company and role, case- and space-insensitive."""
    return (folded(company), folded(role))


@dataclass(frozen=True, slots=True)
class Application:
    """One role applied for at one company."""

    company: str
    role: str = ""
    job_ad_url: str = ""
    job_ad_text: str = ""
    """The ad as pasted: kept for the prep sheet and for checking the role against it."""
    source: Source | None = None
    source_note: str = ""
    """Free words about the source: who referred, which recruiter."""
    applied_on: date | None = None
    location: str = ""
    """Where the job is: a town, "remote", "hybrid, Oslo"."""
    salary: str = ""
    """A range as the user writes it: "55-60k", "per the ad"."""
    ended: ApplicationStatus | None = None
    """How it ended, when the user said so (accepted, rejected, withdrawn)."""
    notes: str = ""
    takeaway: str = ""
    """What the user takes from the process, written in its retro when it ended."""
    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0

    def with_changes(self, **changes: object) -> Self:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def title(self) -> str:
        """ "Nordvik — Backend Developer", or just the company when there is no role."""
        return f"{self.company} — {self.role}" if self.role else self.company

    @property
    def key(self) -> tuple[str, str]:
        return application_key(self.company, self.role)


_FROM_OUTCOME = {
    Outcome.OFFER: ApplicationStatus.OFFER,
    Outcome.REJECTION: ApplicationStatus.REJECTED,
    Outcome.WITHDRAWN: ApplicationStatus.WITHDRAWN,
}
_FROM_ROUND = {
    Status.OFFER: ApplicationStatus.OFFER,
    Status.REJECTED: ApplicationStatus.REJECTED,
    Status.WITHDRAWN: ApplicationStatus.WITHDRAWN,
    Status.UPCOMING: ApplicationStatus.INTERVIEWING,
    Status.NEXT_ROUND: ApplicationStatus.INTERVIEWING,
    Status.AWAITING_REPLY: ApplicationStatus.WAITING,
}


@dataclass(frozen=True, slots=True)
class ProcessFacts:
    """What an application's status is worked out from (the store reads these in one
    query for a whole page of applications; `facts_of` gets them from the objects)."""

    ended: ApplicationStatus | None = None
    last_outcome: Outcome | None = None
    """The latest outcome on its timeline."""
    latest_round: Status | None = None
    """The effective status of its latest round; None when it has no rounds yet."""
    latest_round_day: date | None = None
    promised: date | None = None
    """The feedback date promised at the latest round."""
    last_answer: date | None = None
    """The last day they answered (a reply, a next round, an outcome), done."""


def facts_of(
    application: Application, rounds: Sequence[Interview], entries: Sequence[Entry], now: datetime
) -> ProcessFacts:
    outcomes = [e for e in entries if e.kind is EntryKind.OUTCOME and e.outcome is not None]
    last_outcome = max(outcomes, key=lambda e: e.when.key).outcome if outcomes else None
    answers = [e.when.day for e in entries if e.kind.is_answer and e.is_done]
    if not rounds:
        return ProcessFacts(application.ended, last_outcome, last_answer=max(answers, default=None))
    latest = max(rounds, key=lambda r: (r.starts_at, r.id or 0))
    return ProcessFacts(
        ended=application.ended,
        last_outcome=last_outcome,
        latest_round=effective_status(latest, now),
        latest_round_day=latest.starts_at.astimezone(now.tzinfo).date(),
        promised=latest.feedback_by,
        last_answer=max(answers, default=None),
    )


def derive_status(
    facts: ProcessFacts, today: date, *, ghosted_after_days: int = GHOSTED_AFTER_DAYS
) -> ApplicationStatus:
    """Where the application stands on `today`.

    In order: what the user said; an outcome on its timeline; the latest round's status;
    and while waiting, ghosted once `ghosted_after_days` pass with no word from them
    since the last round, the last answer or the promised date, whichever is latest.
    """
    if facts.ended is not None:
        return facts.ended
    if facts.last_outcome is not None:
        return _FROM_OUTCOME[facts.last_outcome]
    if facts.latest_round is None:
        return ApplicationStatus.APPLIED
    status = _FROM_ROUND[facts.latest_round]
    if status is not ApplicationStatus.WAITING:
        return status
    quiet_from = max(d for d in (facts.latest_round_day, facts.last_answer, facts.promised) if d)
    if (today - quiet_from).days > ghosted_after_days:
        return ApplicationStatus.GHOSTED
    return ApplicationStatus.WAITING


def application_status(
    application: Application,
    rounds: Sequence[Interview],
    entries: Sequence[Entry],
    now: datetime,
    *,
    ghosted_after_days: int = GHOSTED_AFTER_DAYS,
) -> ApplicationStatus:
    """Where the application stands at `now` (aware, in the user's zone)."""
    facts = facts_of(application, rounds, entries, now)
    return derive_status(facts, now.date(), ghosted_after_days=ghosted_after_days)


@dataclass(frozen=True, slots=True)
class ApplicationSummary:
    """One row of the Applications view: the application and what it is made of."""

    application: Application
    status: ApplicationStatus
    rounds_held: int
    rounds_ahead: int
    last_contact: date | None
    """The last day anything happened with them: a round held or an entry done."""
    next_follow_up: Entry | None
    """The soonest planned entry of any of its rounds."""
    latest_start: datetime | None = None
    """When its latest round starts (or started)."""

    @property
    def marks(self) -> str:
        return "●" * self.rounds_held + "○" * self.rounds_ahead
