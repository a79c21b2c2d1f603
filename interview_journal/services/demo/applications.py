"""The demo journal as a job seeker would have it: applications, each with its rounds.

Every application has a job ad, a source, the day it was sent and one to five rounds;
some have a salary range and a place. Each round may carry a promised feedback date, and
the answer comes on time, late, or never (the process goes quiet). The first two
applications are two roles at one employer, open at the same time. Deterministic for a
seed and `now`.
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
from interview_journal.services.demo.rounds import RoundPlan, held_round, upcoming_round
from interview_journal.store.bulk import Bundle

ROUND_WEIGHTS = (1, 1, 1, 3, 14)
"""How likely an application is to reach 1, 2, … 5 rounds. Most go the whole way, so
100,000 interviews make about 22,000 applications: the size the benchmark reads."""
STAGES = (Stage.SCREENING, Stage.FIRST, Stage.SECOND, Stage.TECHNICAL, Stage.FINAL)
_SOURCES = (Source.JOB_AD, Source.REFERRAL, Source.RECRUITER, Source.OWN_INITIATIVE)
_ENDINGS = ("offer", "rejection", "silence", "withdrawn")


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
    """Applications with `count` rounds in all, started over the months before `now`."""
    rng = random.Random(seed)
    here = now.astimezone(ZoneInfo(time_zone))
    span = max(60, min(count // 2, 3650))
    left, index, first_day = count, 0, here.date()
    while left > 0:
        company, role = _employer(rng, index)
        if index != 1:  # the second role at the first employer runs beside the first one
            first_day = here.date() - timedelta(days=rng.randint(-10, span))
        first_day = _weekday(first_day + timedelta(days=rng.randint(0, 4)))
        planned = min(left, rng.choices(range(1, 6), ROUND_WEIGHTS)[0])
        application, agent = _application(rng, index, company, role, first_day, here.date())
        rounds, ended = _rounds(rng, application, planned, first_day, here, time_zone)
        people = words.people_at(company) + ((agent,) if agent else ())
        yield DemoApplication(application.with_changes(ended=ended), tuple(rounds), people)
        left -= len(rounds)
        index += 1


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


def _rounds(
    rng: random.Random,
    application: Application,
    planned: int,
    first_day: date,
    here: datetime,
    time_zone: str,
) -> tuple[list[Bundle], ApplicationStatus | None]:
    """The rounds so far, up to `planned`: the process stops at a round still ahead, at an
    answer still to come, or at its ending after the last round."""
    met = words.people_at(application.company)
    ending = rng.choices(_ENDINGS, (7, 8, 3, 2) if planned == 5 else (1, 12, 4, 3))[0]
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
        bundles.append(held_round(rng, plan, here.date()))
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
    return Interview(
        company=application.company,
        role=application.role,
        starts_at=starts_at,
        time_zone=time_zone,
        stage=stage,
        round_label=label,
        format=rng.choice(list(Format)),
        location="Video link in the invite" if number == 0 else application.location,
        interviewers=tuple(Person(p.name, p.role) for p in people),
        job_ad_url=application.job_ad_url,
        interest=rng.randint(2, 5),
        notes=rng.choice(words.PREP_NOTES),
    )
