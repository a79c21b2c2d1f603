"""Many plain interviews (twenty companies, one role each) with evaluations and timelines:
what the store's tests of scale and paging are built on.

Deterministic for a given seed and `now`. The demo journal itself, made of applications,
is `demo.applications`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from interview_journal.domain.evaluation import Evaluation, EvaluationState, KeyPoint, RoleMatch
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.domain.timeline import (
    Channel,
    Entry,
    EntryKind,
    Outcome,
    When,
    next_working_day,
)
from interview_journal.services.demo.words import PEOPLE
from interview_journal.store.bulk import Bundle

COMPANIES = [
    ("Initech", "Analyst"),
    ("Hooli", "Data Engineer"),
    ("Pied Piper", "Backend Engineer"),
    ("Vandelay Industries", "Import Coordinator"),
    ("Globex", "Platform Engineer"),
    ("Umbrella Health", "ML Engineer"),
    ("Stark Logistics", "Site Reliability Engineer"),
    ("Wayne Analytics", "Analytics Lead"),
    ("Soylent Foods", "Product Manager"),
    ("Acme Rockets", "Embedded Developer"),
    ("Cyberdyne", "Security Engineer"),
    ("Tyrell Biotech", "Data Scientist"),
    ("Nordlys Energi", "Backend Developer"),
    ("Fjällräv Systems", "Frontend Engineer"),
    ("Kanelbulle AB", "Full-stack Developer"),
    ("Oceanic Air", "DevOps Engineer"),
    ("Massive Dynamic", "Research Engineer"),
    ("Prestige Worldwide", "Engineering Manager"),
    ("Blue Sun", "QA Lead"),
    ("Sirius Cybernetics", "UX Engineer"),
]
NOTES = [
    "Lead with the migration story: 40 services moved without downtime.",
    "Ask about on-call and how incidents are reviewed.",
    "They use Kafka and Postgres; mention the event-sourcing side project.",
    "Remote two days a week? Ask about the team's rhythm.",
    "Prepare the salary range. Bring questions about the roadmap.",
    "Read their engineering blog post on the data platform.",
    "Explain the gap year honestly and briefly.",
    "Case interview: practise estimating out loud, structure first.",
    "",
]
LOCATIONS = [
    "Video link in the invite",
    "Kungsgatan 12, Stockholm",
    "Phone call",
    "Office, 3rd floor",
]


def sample_interviews(
    count: int, now: datetime, *, seed: int = 7, time_zone: str = "Europe/Stockholm"
) -> Iterator[Interview]:
    """`count` interviews spread over the year before `now` and a few weeks after it."""
    rng = random.Random(seed)
    upcoming = min(max(count // 8, 1), 40) if count else 0
    span_days = max(30, min(count // 2, 3650))
    for index in range(count):
        company, role = (
            COMPANIES[index % len(COMPANIES)] if count <= len(COMPANIES) else rng.choice(COMPANIES)
        )
        if index < upcoming:
            offset = timedelta(days=rng.randint(0, 20), hours=rng.randint(1, 8))
            starts_at = (now + offset).replace(
                minute=rng.choice([0, 15, 30]), second=0, microsecond=0
            )
        else:
            offset = timedelta(days=rng.randint(1, span_days), hours=rng.randint(0, 6))
            starts_at = (now - offset).replace(minute=rng.choice([0, 30]), second=0, microsecond=0)
        starts_at = starts_at.replace(hour=rng.randint(8, 16))
        if starts_at.weekday() >= 5:  # nobody interviews on a Sunday
            starts_at += timedelta(days=7 - starts_at.weekday())
        held = starts_at <= now
        status: Status | None = None
        if held:
            status = rng.choice(
                [
                    None,
                    None,
                    None,
                    Status.NEXT_ROUND,
                    Status.REJECTED,
                    Status.OFFER,
                    Status.WITHDRAWN,
                ]
            )
        feedback_by: date | None = None
        if held and rng.random() < 0.6:
            feedback_by = (starts_at + timedelta(days=rng.randint(3, 10))).date()
        contact_from = (
            feedback_by + timedelta(days=1) if feedback_by and rng.random() < 0.5 else None
        )
        people = tuple(Person(*rng.choice(PEOPLE)) for _ in range(rng.randint(1, 2)))
        yield Interview(
            company=company,
            role=role,
            starts_at=starts_at,
            time_zone=time_zone,
            stage=rng.choice(list(Stage)),
            format=rng.choice(list(Format)),
            location=rng.choice(LOCATIONS),
            interviewers=people,
            job_ad_url=f"https://jobs.example.com/{company.split()[0].lower()}/{index}",
            status=status,
            interest=rng.randint(2, 5),
            notes=rng.choice(NOTES),
            feedback_by=feedback_by,
            contact_from=contact_from,
        )


WENT_WELL = [
    "Told the migration story clearly, with numbers.",
    "Asked good questions about the team's way of working.",
    "Stayed calm in the system design part.",
    "Good rapport with the hiring manager from the start.",
]
TO_IMPROVE = [
    "Rambled on the first question; answer in two sentences, then expand.",
    "Did not ask about next steps before we ran out of time.",
    "Too vague about my role in the team project.",
    "Slow down in system design: draw first, then talk.",
]
LESSONS = [
    "Lead with the migration story.",
    "Ask when I will hear back before saying goodbye.",
    "Bring two concrete questions about the product.",
    "Prepare a short answer on why I am leaving.",
]


def sample_journal(
    count: int, now: datetime, *, seed: int = 7, time_zone: str = "Europe/Stockholm"
) -> Iterator[Bundle]:
    """Sample interviews with evaluations and about five timeline entries each.

    Old processes have their follow-ups done; the last few days leave things open
    (a thank-you not sent, an evaluation not written, a follow-up due) so the timeline,
    its suggestions and the daily review have something to show.
    """
    rng = random.Random(seed * 7919)
    today = now.date()
    for interview in sample_interviews(count, now, seed=seed, time_zone=time_zone):
        held_day = interview.starts_at.astimezone(now.tzinfo).date()
        if interview.starts_at > now:
            if rng.random() < 0.6:
                yield Bundle(interview)
                continue
            prep = Entry(
                interview_id=0,
                kind=EntryKind.NOTE,
                due=When(max(today, held_day - timedelta(days=1))),
                reason="",
                note="Read the job ad again and pick three stories to tell.",
            )
            yield Bundle(interview, None, (prep,))
            continue
        fresh = (today - held_day).days <= 3
        yield Bundle(
            interview,
            sample_evaluation(rng, fresh),
            tuple(_sample_entries(rng, interview, held_day, today, fresh)),
        )


def sample_evaluation(rng: random.Random, fresh: bool) -> Evaluation | None:
    """An evaluation of a held interview, or None (unwritten): a fresh one is more often
    missing or a draft."""
    if rng.random() < (0.5 if fresh else 0.1):
        return None
    finished = not fresh or rng.random() < 0.5
    return Evaluation(
        interview_id=0,
        state=EvaluationState.FINISHED if finished else EvaluationState.DRAFT,
        key_points_rating=rng.randint(2, 5),
        dynamic_rating=rng.randint(2, 5),
        expectations_rating=rng.randint(1, 5),
        overall_rating=rng.randint(2, 5),
        interest_after=rng.randint(1, 5),
        key_points=(
            KeyPoint("Migration project", rng.random() < 0.7),
            KeyPoint("Team leadership", rng.random() < 0.5),
        ),
        went_well=rng.choice(WENT_WELL),
        to_improve=rng.choice(TO_IMPROVE) if finished else "",
        lesson=rng.choice(LESSONS) if finished else "",
        role_matched=rng.choice(list(RoleMatch)),
        accurate=rng.random() < 0.9,
        next_steps_asked=rng.random() < 0.7,
        hear_back_asked=rng.random() < 0.6,
        clarity_asked=rng.random() < 0.4,
    )


def _sample_entries(
    rng: random.Random, interview: Interview, held: date, today: date, fresh: bool
) -> Iterator[Entry]:
    contact = interview.interviewers[0].name if interview.interviewers else ""

    def entry(kind: EntryKind, day: date, **values: object) -> Entry:
        done = When(day, time(rng.randint(9, 17), 0))
        return Entry(interview_id=0, kind=kind, due=None, done=done, contact=contact, **values)  # type: ignore[arg-type]

    yield entry(
        EntryKind.NOTE,
        held - timedelta(days=1),
        note="Prepared three stories and two questions about the team.",
    )
    if not fresh or rng.random() < 0.5:
        yield entry(
            EntryKind.THANK_YOU,
            held,
            channel=Channel.EMAIL,
            reason="Thanked them and sent the link to the design doc we discussed.",
        )
    yield entry(EntryKind.NOTE, held, note="Debrief: they liked the migration story.")
    answered = interview.status in (Status.NEXT_ROUND, Status.OFFER, Status.REJECTED)
    reply_day = held + timedelta(days=rng.randint(2, 9))
    if interview.feedback_by is not None:
        due = next_working_day(interview.feedback_by)
        chase_done = not answered and due < today and not fresh and rng.random() < 0.9
        if due < reply_day or not answered:
            yield Entry(
                interview_id=0,
                kind=EntryKind.FOLLOW_UP,
                due=When(due),
                done=When(due, time(10, 0)) if chase_done or due < today - timedelta(14) else None,
                channel=Channel.EMAIL,
                contact=contact,
                reason="Ask where things stand: feedback was promised by "
                f"{interview.feedback_by:%a %d %b}.",
            )
    if answered and reply_day <= today:
        yield entry(EntryKind.REPLY, reply_day, channel=Channel.CALL, note="They called back.")
        yield entry(EntryKind.NOTE, reply_day, note="Wrote down what they said about the team.")
        if interview.status is Status.NEXT_ROUND:
            yield entry(EntryKind.NEXT_ROUND, reply_day, note="Invited to the next round.")
        else:
            outcome = Outcome.OFFER if interview.status is Status.OFFER else Outcome.REJECTION
            yield entry(EntryKind.OUTCOME, reply_day, outcome=outcome)
    elif interview.status is Status.WITHDRAWN:
        yield entry(EntryKind.OUTCOME, held + timedelta(days=1), outcome=Outcome.WITHDRAWN)
