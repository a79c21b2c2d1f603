"""The demo journal as a job seeker would have it: applications, each with its rounds.

Every application has a job ad, a source, the day it was sent and up to five rounds
(some never came to an interview); some have a salary range and a place. Each round may
carry a promised feedback date, and the answer comes on time, late, or never (the process
goes quiet). Each held round may have its evaluation (`reflections`: what Insights reads
back), and a process that ended what the user took from it. The first two applications
are two roles at one employer, open at the same time. Deterministic for a seed and `now`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from interview_journal.domain.applications import Application, ApplicationStatus, Source
from interview_journal.domain.model import Format, Interview, Person, Stage
from interview_journal.domain.people import PersonRecord
from interview_journal.services.demo import words
from interview_journal.services.demo.reflections import Reflections
from interview_journal.services.demo.rounds import RoundPlan, held_round, upcoming_round
from interview_journal.store.bulk import Bundle

ROUND_WEIGHTS = (1, 1, 1, 3, 14)
"""How likely an application is to reach 1, 2, … 5 rounds. Most go the whole way, so
100,000 interviews make about 22,800 applications with rounds (and, with `UNANSWERED`,
about 6,900 without): the size the benchmark reads."""
STAGES = (Stage.SCREENING, Stage.FIRST, Stage.SECOND, Stage.TECHNICAL, Stage.FINAL)
LENGTHS = {Stage.SCREENING: 30, Stage.TECHNICAL: 90}
"""The rounds that are not the usual hour long (a phone call of a first round: 45 min).
Taken from the stage and format, not drawn: the rest of the demo stays as it was."""
_SOURCES = (Source.JOB_AD, Source.REFERRAL, Source.RECRUITER, Source.OWN_INITIATIVE)
_ENDINGS = ("offer", "rejection", "silence", "withdrawn")
_ANSWERS = ("next", "offer", "rejection")
SPAN = 90
"""The fewest days the first rounds are spread over: a small demo's evaluations still
span several months, so Insights shows them per month."""
UNANSWERED = 0.3
"""How often an application (after the first two) is followed by one that never got an
interview: sent, then a "no" by e-mail or nothing at all. The funnel starts wider than
the first interview."""


@dataclass(frozen=True)
class DemoApplication:
    """One application and its rounds, before either has an id."""

    application: Application
    rounds: tuple[Bundle, ...]
    people: tuple[PersonRecord, ...]
    """Who they met at the employer (and the recruiter who brought them in, if one did)."""


def demo_applications(
    count: int, now: datetime, *, seed: int = 7, time_zone: str = "Europe/Stockholm"
) -> Iterator[DemoApplication]:
    """Applications with `count` rounds in all, started over the months before `now`, and
    some that never got an interview.

    A round's evaluation names the round whose lesson it answers about (`lesson_from`)
    by the id that round gets when the demo is written into an empty journal: the rounds
    are numbered 1, 2, … in the order they are yielded."""
    rng = random.Random(seed)
    here = now.astimezone(ZoneInfo(time_zone))
    span = max(SPAN, min(count // 2, 3650))
    reflections = Reflections(seed, here.date(), span)
    left, index, first_day = count, 0, here.date()
    while left > 0:
        company, role = _employer(rng, index)
        if index != 1:  # the second role at the first employer runs beside the first one
            first_day = here.date() - timedelta(days=rng.randint(-10, span))
        first_day = _weekday(first_day + timedelta(days=rng.randint(0, 4)))
        planned = min(left, rng.choices(range(1, 6), ROUND_WEIGHTS)[0])
        application, agent = _application(rng, index, company, role, first_day, here.date())
        first_id = count - left + 1
        rounds, ended = _rounds(
            rng, application, planned, first_day, here, time_zone, (reflections, first_id)
        )
        takeaway = reflections.takeaway(
            [b.interview for b in rounds], ended is ApplicationStatus.ACCEPTED
        )
        people = words.people_at(company) + ((agent,) if agent else ())
        application = application.with_changes(ended=ended, takeaway=takeaway)
        yield DemoApplication(application, tuple(rounds), people)
        left -= len(rounds)
        index += 1
        if index > 2 and reflections.rng.random() < UNANSWERED:
            yield _unanswered(reflections.rng, index, here.date(), span)


def _employer(rng: random.Random, index: int) -> tuple[str, str]:
    if index == 1:
        company, roles = words.EMPLOYERS[0]
        return company, roles[1]
    if index <= len(words.EMPLOYERS):
        company, roles = words.EMPLOYERS[max(0, index - 1)]
        return company, roles[0]
    company, roles = rng.choice(words.EMPLOYERS)
    return company, rng.choice(roles)


def _weekday(day: date) -> date:
    """Nobody interviews at the weekend: Saturday and Sunday move to Monday."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def _application(
    rng: random.Random, index: int, company: str, role: str, first_round: date, today: date
) -> tuple[Application, PersonRecord | None]:
    """The application and, when a recruiter brought it, the recruiter. It was sent some
    days before the first round, and never after today."""
    source = rng.choices(_SOURCES, (5, 2, 2, 1))[0]
    location = rng.choice(words.LOCATIONS) if rng.random() < 0.7 else ""
    salary = rng.choice(words.SALARIES) if rng.random() < 0.4 else ""
    ad = [
        f"{role} — {company}",
        rng.choice(words.AD_INTROS).format(company=company),
        "What you will do: " + "; ".join(rng.sample(words.AD_DUTIES, 3)) + ".",
        "What you bring: " + "; ".join(rng.sample(words.AD_NEEDS, 3)) + ".",
        f"Where: {location or 'our Stockholm office'}." + (f" Salary: {salary}." if salary else ""),
    ]
    note, agent = _source_note(rng, source)
    application = Application(
        company=company,
        role=role,
        job_ad_url=f"https://jobs.example.com/{words.slug(company)}/{index + 1}",
        job_ad_text="\n\n".join(ad),
        source=source,
        source_note=note,
        applied_on=min(first_round - timedelta(days=rng.randint(5, 25)), today),
        location=location,
        salary=salary,
        notes=rng.choice(words.APPLICATION_NOTES) if rng.random() < 0.3 else "",
    )
    return application, agent


def _source_note(rng: random.Random, source: Source) -> tuple[str, PersonRecord | None]:
    if source is Source.REFERRAL:
        return f"Referred by {rng.choice(words.REFERRERS)}.", None
    if source is Source.RECRUITER:
        name, agency = rng.choice(words.RECRUITERS)
        return f"{name} at {agency} got in touch on LinkedIn.", words.recruiter(name, agency)
    if source is Source.OWN_INITIATIVE:
        return rng.choice(words.OWN_INITIATIVE), None
    return rng.choice(words.JOB_BOARDS), None


def _unanswered(rng: random.Random, index: int, today: date, span: int) -> DemoApplication:
    """An application that never came to an interview: a "no" by e-mail (the user marked
    it rejected) or, for the recent ones and some older, no answer yet."""
    company, roles = rng.choice(words.EMPLOYERS)
    role = rng.choice(roles)
    would_meet = _weekday(today - timedelta(days=rng.randint(0, span)))
    application, agent = _application(rng, index, company, role, would_meet, today)
    sent = application.applied_on or today
    ended = ApplicationStatus.REJECTED if (today - sent).days > 14 and rng.random() < 0.6 else None
    return DemoApplication(application.with_changes(ended=ended), (), (agent,) if agent else ())


def _rounds(
    rng: random.Random,
    application: Application,
    planned: int,
    first_day: date,
    here: datetime,
    time_zone: str,
    reflecting: tuple[Reflections, int],
) -> tuple[list[Bundle], ApplicationStatus | None]:
    """The rounds so far, up to `planned`: the process stops at a round still ahead, at an
    answer still to come, or at its ending after the last round. `reflecting` writes each
    held round's evaluation, given the id the first round gets."""
    reflections, first_id = reflecting
    met = words.people_at(application.company)
    ending = rng.choices(_ENDINGS, (7, 8, 3, 2) if planned == 5 else (1, 12, 4, 3))[0]
    if ending == "rejection" and planned >= 2 and not reflections.offered:
        ending = "offer"  # until one has come, so that even a small demo has an offer
    bundles: list[Bundle] = []
    day = first_day
    for number in range(planned):
        interview = _interview(rng, application, number, day, met, time_zone)
        if interview.starts_at > here:
            bundles.append(upcoming_round(rng, interview, here.date()))
            break
        plan = RoundPlan(
            interview,
            reply=day + timedelta(days=rng.randint(2, 10)),
            promised=day + timedelta(days=rng.randint(3, 8)) if rng.random() < 0.65 else None,
            ending="next" if number < planned - 1 else ending,
        )
        held = held_round(rng, plan, here.date())
        kept = plan.ending in _ANSWERS and plan.promised is not None and plan.reply <= plan.promised
        evaluation = reflections.evaluation(
            held.evaluation, held.interview, first_id + number, plan.promised, kept
        )
        bundles.append(Bundle(held.interview, evaluation, held.entries))
        reflections.offered |= plan.ending == "offer" and plan.reply <= here.date()
        if plan.ending != "next" or plan.reply > here.date():
            break
        day = _weekday(plan.reply + timedelta(days=rng.randint(3, 9)))
    accepted = (
        ending == "offer"
        and len(bundles) == planned
        and day < here.date() - timedelta(days=30)
        and rng.random() < 0.5
    )
    return bundles, ApplicationStatus.ACCEPTED if accepted else None


def _interview(
    rng: random.Random,
    application: Application,
    number: int,
    day: date,
    met: tuple[PersonRecord, ...],
    time_zone: str,
) -> Interview:
    stage = STAGES[number]
    label = (
        rng.choice(words.ROUND_LABELS) if stage is Stage.TECHNICAL and rng.random() < 0.3 else ""
    )
    people = rng.sample(met, rng.randint(1, 2))
    starts_at = datetime.combine(
        day, time(rng.randint(8, 16), rng.choice((0, 30))), tzinfo=ZoneInfo(time_zone)
    )
    form = rng.choice(list(Format))
    return Interview(
        company=application.company,
        role=application.role,
        starts_at=starts_at,
        time_zone=time_zone,
        stage=stage,
        round_label=label,
        length_minutes=45 if (stage, form) == (Stage.FIRST, Format.PHONE) else LENGTHS.get(stage),
        format=form,
        location="Video link in the invite" if number == 0 else application.location,
        interviewers=tuple(Person(p.name, p.role) for p in people),
        job_ad_url=application.job_ad_url,
        interest=rng.randint(2, 5),
        notes=rng.choice(words.PREP_NOTES),
    )
