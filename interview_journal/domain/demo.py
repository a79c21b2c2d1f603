"""Realistic sample interviews: a newcomer's first look, screenshots and benchmarks.

Deterministic for a given seed and `now`, so screenshots do not change between runs.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from interview_journal.domain.model import Format, Interview, Person, Stage, Status

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
PEOPLE = [
    ("B. Lumbergh", "manager"),
    ("M. Bolton", "developer"),
    ("G. Belson", "CEO"),
    ("R. Hendricks", "CTO"),
    ("M. Hanneman", ""),
    ("E. Bachman", "product owner"),
    ("J. Yang", "tech lead"),
    ("L. Svensson", "recruiter"),
    ("A. Nilsson", "HR partner"),
    ("K. Lindqvist", "team lead"),
    ("S. Ekström", "architect"),
    ("P. Gregory", "CFO"),
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
