"""The words the demo applications are made of: employers and their roles, the people met
there, job ads, sources, places and salaries as a job seeker writes them down."""

from __future__ import annotations

import unicodedata
import zlib

from interview_journal.domain.people import PersonRecord

EMPLOYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Nordlys Energi", ("Backend Developer", "Platform Engineer")),
    ("Initech", ("Analyst", "Data Engineer")),
    ("Hooli", ("Data Engineer", "Site Reliability Engineer")),
    ("Pied Piper", ("Backend Engineer", "Engineering Manager")),
    ("Vandelay Industries", ("Import Coordinator", "Analyst")),
    ("Globex", ("Platform Engineer", "Security Engineer")),
    ("Umbrella Health", ("ML Engineer", "Data Scientist")),
    ("Stark Logistics", ("Site Reliability Engineer", "Backend Developer")),
    ("Wayne Analytics", ("Analytics Lead", "Data Engineer")),
    ("Soylent Foods", ("Product Manager", "Full-stack Developer")),
    ("Acme Rockets", ("Embedded Developer", "QA Lead")),
    ("Cyberdyne", ("Security Engineer", "ML Engineer")),
    ("Tyrell Biotech", ("Data Scientist", "Research Engineer")),
    ("Fjällräv Systems", ("Frontend Engineer", "UX Engineer")),
    ("Kanelbulle AB", ("Full-stack Developer", "Frontend Engineer")),
    ("Oceanic Air", ("DevOps Engineer", "Platform Engineer")),
    ("Massive Dynamic", ("Research Engineer", "Backend Engineer")),
    ("Prestige Worldwide", ("Engineering Manager", "Product Manager")),
    ("Blue Sun", ("QA Lead", "DevOps Engineer")),
    ("Sirius Cybernetics", ("UX Engineer", "Frontend Engineer")),
)
"""Each employer with the roles one might apply for there (the first is the usual one)."""

PEOPLE = (
    ("B. Lumbergh", "manager"),
    ("M. Bolton", "developer"),
    ("G. Belson", "CEO"),
    ("R. Hendricks", "CTO"),
    ("M. Hanneman", "board member"),
    ("E. Bachman", "product owner"),
    ("J. Yang", "tech lead"),
    ("L. Svensson", "recruiter"),
    ("A. Nilsson", "HR partner"),
    ("K. Lindqvist", "team lead"),
    ("S. Ekström", "architect"),
    ("P. Gregory", "CFO"),
)
"""Interviewers and their roles."""
_MET = (*PEOPLE, ("T. Haugen", "head of engineering"), ("I. Berg", "staff engineer"))
PEOPLE_PER_EMPLOYER = 3

AD_INTROS = (
    "{company} is growing its engineering team and looking for someone who likes to ship.",
    "At {company} a small team builds the systems the rest of the company runs on.",
    "Join {company}: a calm place to do careful work, with a four-day on-site rhythm.",
    "{company} moves millions of events a day; help us keep it fast and boring.",
)
AD_DUTIES = (
    "own services from design to on-call",
    "move the old batch jobs to event streams",
    "work with product on what to build next",
    "review code and mentor two junior developers",
    "keep the Postgres fleet healthy",
    "build the data platform's ingestion",
    "write the design docs the team decides on",
)
AD_NEEDS = (
    "five years with Python or Go",
    "experience with Kafka or a similar log",
    "good written English; Swedish is a plus",
    "you have run something in production and been woken up by it",
    "curiosity about how the business works",
    "Kubernetes, or the patience to learn it",
    "a habit of writing things down",
)
LOCATIONS = (
    "Stockholm, hybrid",
    "Remote (EU)",
    "Oslo office",
    "Gothenburg, two days remote",
    "Remote",
    "Copenhagen",
)
SALARIES = ("55–60k SEK/month", "650–720k SEK/year", "per the ad", "€5,500–6,200/month")
APPLICATION_NOTES = (
    "Their engineering blog is worth reading before every round.",
    "Asked to keep the portfolio link in the cover letter.",
    "Team of eight; the manager came from Hooli.",
    "They answer fast by e-mail, slowly by phone.",
)
JOB_BOARDS = ("Found on LinkedIn.", "Their careers page.", "A listing on Jobbsafari.", "")
REFERRERS = ("Sara, an ex-colleague", "Jonas from the Python meetup", "my old team lead")
RECRUITERS = (("N. Dahl", "TalentBridge"), ("O. Moen", "Nordic Talent"))
"""Agency recruiters: name and agency."""
OWN_INITIATIVE = (
    "Wrote to the CTO after their meetup talk.",
    "Sent an open application after reading the data-platform post.",
)
ROUND_LABELS = ("case presentation", "panel interview")
PREP_NOTES = (
    "Lead with the migration story: 40 services moved without downtime.",
    "Ask about on-call and how incidents are reviewed.",
    "They use Kafka and Postgres; mention the event-sourcing side project.",
    "Prepare the salary range. Bring questions about the roadmap.",
    "",
)


def slug(text: str) -> str:
    """ "Fjällräv Systems" → "fjallrav-systems": for made-up e-mail addresses and links."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(plain.lower().split())


def people_at(company: str) -> tuple[PersonRecord, ...]:
    """The same few people at an employer every time (chosen from the company's name)."""
    start = zlib.crc32(company.encode())
    domain = slug(company).replace("-", "") + ".example"
    found = []
    for step in range(PEOPLE_PER_EMPLOYER):
        name, role = _MET[(start + step * 5) % len(_MET)]
        initial, surname = name.split(". ")
        email = f"{initial}.{slug(surname)}@{domain}".lower()
        found.append(PersonRecord(name, role=role, company=company, email=email))
    return tuple(found)


def recruiter(name: str, agency: str) -> PersonRecord:
    """An agency recruiter, as a person of their agency."""
    return PersonRecord(
        name,
        role="recruiter",
        company=agency,
        email=f"{slug(name).replace('.', '')}@{slug(agency)}.example",
    )
