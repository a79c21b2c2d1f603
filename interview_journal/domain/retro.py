"""The retro of one application: what its rounds said, gathered when it ends.

When an application ends (or whenever the user asks), one page puts side by side what
is otherwise spread over its rounds: interest before and after, whether the role was the
one in the ad, what the user noted about the employer, the lessons written, and how much
chasing it took. Then it asks one question, whose answer is kept as the application's
`takeaway`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from interview_journal.domain.applications import ENDINGS, Application, ApplicationStatus
from interview_journal.domain.evaluation import Evaluation, RoleMatch
from interview_journal.domain.model import Interview
from interview_journal.domain.promises import PromiseState, promise_ledger
from interview_journal.domain.timeline import Entry, EntryKind, Outcome

QUESTION = "What do you take from this process?"
"""The one question the retro asks."""

ENDING_OUTCOMES = frozenset({Outcome.REJECTION, Outcome.WITHDRAWN})
"""Outcome entries that end an application (an offer still waits for the user's answer)."""


@dataclass(frozen=True, slots=True)
class RoundRetro:
    """What one round's evaluation says, for the retro."""

    round_name: str
    starts_at: datetime
    interview_id: int | None = None
    role_matched: RoleMatch | None = None
    role_note: str = ""
    about_employer: str = ""
    lesson: str = ""
    to_improve: str = ""


@dataclass(frozen=True, slots=True)
class Chasing:
    """How much the user had to chase, and how the employer's promises ended."""

    follow_ups: int = 0
    """Follow-ups the user sent (done), over all rounds."""
    thank_yous: int = 0
    """Thank-you notes sent (done): contact, but not chasing."""
    kept: int = 0
    late: int = 0
    """Promised feedback dates answered after the date."""
    days_late: int = 0
    """All the late answers' days after their dates, added up."""
    never: int = 0
    """Promised dates never answered (the application closed or went silent)."""
    open: int = 0
    """Promised dates not settled yet (ahead, or passed while it is still open)."""

    @property
    def promises(self) -> int:
        return self.kept + self.late + self.never + self.open


@dataclass(frozen=True, slots=True)
class Interest:
    """A 1-5 interest and the round it was recorded at (None: never recorded)."""

    value: int | None = None
    round_name: str = ""


@dataclass(frozen=True, slots=True)
class Retro:
    """Everything the retro of one application shows."""

    application: Application
    status: ApplicationStatus
    rounds: tuple[RoundRetro, ...] = ()
    """Oldest first."""
    interest_before: Interest = Interest()
    """The first interest recorded before a round."""
    interest_after: Interest = Interest()
    """The last interest recorded after a round (in its evaluation)."""
    chasing: Chasing = Chasing()
    evaluated: int = 0
    """How many of its rounds have an evaluation."""

    @property
    def ended(self) -> bool:
        return self.status.is_closed

    @property
    def role_checks(self) -> tuple[RoundRetro, ...]:
        """The rounds where the role was checked against the ad (or a note says how)."""
        return tuple(r for r in self.rounds if r.role_matched is not None or r.role_note)

    @property
    def employer_notes(self) -> tuple[RoundRetro, ...]:
        return tuple(r for r in self.rounds if r.about_employer.strip())

    @property
    def lessons(self) -> tuple[RoundRetro, ...]:
        return tuple(r for r in self.rounds if r.lesson.strip() or r.to_improve.strip())


def build_retro(
    application: Application,
    status: ApplicationStatus,
    rounds: Sequence[Interview],
    evaluations: Mapping[int, Evaluation],
    entries: Sequence[Entry],
    today: date,
) -> Retro:
    """The retro of `application` from its rounds, their evaluations (by interview id)
    and the entries of its timeline, as it stands on `today` with `status`."""
    ordered = sorted(rounds, key=lambda r: (r.starts_at, r.id or 0))
    found: list[RoundRetro] = []
    before = after = Interest()
    for round_ in ordered:
        evaluation = evaluations.get(round_.id) if round_.id is not None else None
        if before.value is None and round_.interest is not None:
            before = Interest(round_.interest, round_.round_name)
        if evaluation is None:
            found.append(RoundRetro(round_.round_name, round_.starts_at, round_.id))
            continue
        if evaluation.interest_after is not None:
            after = Interest(evaluation.interest_after, round_.round_name)
        found.append(
            RoundRetro(
                round_.round_name,
                round_.starts_at,
                round_.id,
                evaluation.role_matched,
                evaluation.role_note.strip(),
                evaluation.about_employer.strip(),
                evaluation.lesson.strip(),
                evaluation.to_improve.strip(),
            )
        )
    return Retro(
        application,
        status,
        tuple(found),
        before,
        after,
        chasing_of(ordered, entries, today, closed=status.is_closed),
        evaluated=sum(1 for r in ordered if r.id is not None and r.id in evaluations),
    )


def chasing_of(
    rounds: Sequence[Interview], entries: Sequence[Entry], today: date, *, closed: bool
) -> Chasing:
    """The follow-ups and thank-you notes sent, and the promise ledger's count."""
    done = [entry for entry in entries if entry.is_done]
    ledger = promise_ledger(rounds, entries, today, closed=closed)
    late = [p for p in ledger if p.state is PromiseState.LATE]
    return Chasing(
        follow_ups=sum(1 for e in done if e.kind is EntryKind.FOLLOW_UP),
        thank_yous=sum(1 for e in done if e.kind is EntryKind.THANK_YOU),
        kept=sum(1 for p in ledger if p.state is PromiseState.KEPT),
        late=len(late),
        days_late=sum(p.days_late for p in late),
        never=sum(1 for p in ledger if p.state is PromiseState.NEVER),
        open=sum(1 for p in ledger if not p.state.is_settled),
    )


def newly_ended(was: Application | None, now: Application) -> bool:
    """The user has just said how it ended (it did not say so, or said otherwise, before)."""
    return now.ended in ENDINGS and (was is None or was.ended != now.ended)


def ends_application(was: Entry | None, now: Entry) -> bool:
    """A rejection or a withdrawal has just been recorded on the timeline."""
    ending = now.kind is EntryKind.OUTCOME and now.outcome in ENDING_OUTCOMES
    before = was is not None and was.kind is EntryKind.OUTCOME and was.outcome == now.outcome
    return ending and not before


def wants_retro(application: Application) -> bool:
    """The retro opens by itself once: until the user has written a takeaway."""
    return not application.takeaway.strip()
