"""One round of a demo application with what followed it: the evaluation, the thank-you,
a chase when the promised day passed, and their answer (or none)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from interview_journal.domain.model import Interview, Status
from interview_journal.domain.timeline import (
    Channel,
    Entry,
    EntryKind,
    Outcome,
    When,
    next_working_day,
)
from interview_journal.services.demo.samples import sample_evaluation
from interview_journal.store.bulk import Bundle

_ANSWERED = {"next": Status.NEXT_ROUND, "offer": Status.OFFER, "rejection": Status.REJECTED}
_OUTCOMES = {"offer": Outcome.OFFER, "rejection": Outcome.REJECTION}


@dataclass(frozen=True)
class RoundPlan:
    """A held round and how the process goes on after it."""

    interview: Interview
    reply: date
    """The day their answer comes, if one comes."""
    promised: date | None
    """The day they said they would answer by."""
    ending: str
    """ "next" (invited to another round), "offer", "rejection", "silence" (no answer
    ever) or "withdrawn" (the user pulled out)."""


def upcoming_round(rng: random.Random, interview: Interview, today: date) -> Bundle:
    """A round still ahead; some have a preparation planned."""
    if rng.random() < 0.6:
        return Bundle(interview)
    day = interview.starts_at.date()
    prep = Entry(
        interview_id=0,
        kind=EntryKind.NOTE,
        due=When(max(today, day - timedelta(days=1))),
        note="Read the job ad again and pick three stories to tell.",
    )
    return Bundle(interview, None, (prep,))


def held_round(rng: random.Random, plan: RoundPlan, today: date) -> Bundle:
    """The round as the journal holds it on `today`: what happened up to then."""
    day = plan.interview.starts_at.date()
    fresh = (today - day).days <= 3
    answered = plan.ending in _ANSWERED and plan.reply <= today
    withdrew = day + timedelta(days=rng.randint(1, 4))
    status = _ANSWERED[plan.ending] if answered else None
    if plan.ending == "withdrawn" and withdrew <= today:
        status = Status.WITHDRAWN
    contact_from = (
        plan.promised + timedelta(days=1) if plan.promised and rng.random() < 0.5 else None
    )
    interview = plan.interview.with_changes(
        status=status, feedback_by=plan.promised, contact_from=contact_from
    )
    contact = interview.interviewers[0].name if interview.interviewers else ""

    def done(kind: EntryKind, on: date, **values: object) -> Entry:
        at = When(on, time(rng.randint(9, 17), 0))
        return Entry(interview_id=0, kind=kind, done=at, contact=contact, **values)  # type: ignore[arg-type]

    entries = [
        done(
            EntryKind.NOTE,
            day - timedelta(days=1),
            note="Prepared three stories and two questions.",
        )
    ]
    if not fresh or rng.random() < 0.5:
        entries.append(
            done(
                EntryKind.THANK_YOU,
                day,
                channel=Channel.EMAIL,
                reason="Thanked them and sent the link to the design doc we discussed.",
            )
        )
    entries.append(done(EntryKind.NOTE, day, note="Debrief: they liked the migration story."))
    entries.extend(_chase(rng, plan, contact, answered, today))
    if answered and plan.ending == "next":
        entries.append(done(EntryKind.NEXT_ROUND, plan.reply, note="Invited to the next round."))
    elif answered:
        entries.append(done(EntryKind.REPLY, plan.reply, channel=Channel.CALL, note="They called."))
        entries.append(done(EntryKind.OUTCOME, plan.reply, outcome=_OUTCOMES[plan.ending]))
    elif status is Status.WITHDRAWN:
        entries.append(
            done(EntryKind.OUTCOME, withdrew, outcome=Outcome.WITHDRAWN, note="Took another path.")
        )
    return Bundle(interview, sample_evaluation(rng, fresh), tuple(entries))


def _chase(
    rng: random.Random, plan: RoundPlan, contact: str, answered: bool, today: date
) -> list[Entry]:
    """A follow-up on the working day after the promised one, when no answer had come by
    then: done once it is past (mostly), else still planned."""
    if plan.promised is None:
        return []
    due = next_working_day(plan.promised)
    if answered and plan.reply <= due:
        return []
    finished = answered or due < today - timedelta(days=2) or (due < today and rng.random() < 0.5)
    return [
        Entry(
            interview_id=0,
            kind=EntryKind.FOLLOW_UP,
            due=When(due),
            done=When(due, time(10, 0)) if finished else None,
            channel=Channel.EMAIL,
            contact=contact,
            reason=f"Ask where things stand: feedback was promised by {plan.promised:%a %d %b}.",
        )
    ]
