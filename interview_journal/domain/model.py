"""What an interview is. Pure data: the store turns rows into these, the screens show them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Self

DEFAULT_LENGTH_MINUTES = 60
"""How long an interview lasts when neither it nor the config file says."""
SHORTEST_MINUTES, LONGEST_MINUTES = 5, 1440
"""The lengths an interview may have (the schema checks them too)."""


class _Labelled(StrEnum):
    """Enum values are the words used on the command line; `label` is what screens show."""

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")

    @classmethod
    def choices(cls) -> list[str]:
        return [member.value for member in cls]


class Stage(_Labelled):
    SCREENING = "screening"
    FIRST = "first"
    SECOND = "second"
    TECHNICAL = "technical"
    """A technical or case interview."""
    FINAL = "final"
    OTHER = "other"


class Format(_Labelled):
    ONSITE = "on-site"
    VIDEO = "video"
    PHONE = "phone"


class Status(_Labelled):
    UPCOMING = "upcoming"
    AWAITING_REPLY = "awaiting-reply"
    NEXT_ROUND = "next-round"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def is_closed(self) -> bool:
        """A closed process gets no more follow-ups."""
        return self in (Status.OFFER, Status.REJECTED, Status.WITHDRAWN)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on the other side of the table."""

    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


def folded(text: str) -> str:
    """Text as names are matched: any case, any run of spaces as one, none at the ends."""
    return " ".join(text.split()).casefold()


def new_uuid() -> str:
    import uuid  # (and the `platform` it imports) only when something new is made

    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Interview:
    """One interview in one hiring process."""

    company: str
    starts_at: datetime
    """When it starts: an aware datetime (stored in UTC, shown in the user's zone)."""
    time_zone: str = "UTC"
    """The IANA zone the user was in when they entered the time, kept for the record."""
    role: str = ""
    stage: Stage = Stage.FIRST
    round_label: str = ""
    """The user's own name for the round ("case presentation"), from the config file's
    labels; shown instead of the stage when set."""
    format: Format | None = None
    location: str = ""
    """An address or a video link."""
    interviewers: tuple[Person, ...] = ()
    job_ad_url: str = ""
    status: Status | None = None
    """The status the user set. None means "work it out from the time": see `effective_status`."""
    interest: int | None = None
    """Interest in the job before the interview, 1-5."""
    notes: str = ""
    """Prep notes: what to get across, what to ask."""
    feedback_by: date | None = None
    """The date they promised feedback by."""
    contact_from: date | None = None
    """The date from which the candidate may get in touch."""
    length_minutes: int | None = None
    """How long it lasts, in minutes (5 to 1440); None means the configured length
    (`[calendar] interview-minutes`, an hour by default). Used where an end is needed:
    the calendar's event."""
    application_id: int | None = None
    """The application this is a round of. None on a new interview: saving it files it
    under the open application with the same company and role, or starts one."""
    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    """Stable identity across export and import."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0
    """Bumped on every save: a write based on an older version is refused as stale."""

    def with_changes(self, **changes: object) -> Self:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def title(self) -> str:
        """ "Initech — Analyst", or just the company when there is no role."""
        return f"{self.company} — {self.role}" if self.role else self.company

    @property
    def round_name(self) -> str:
        """What the round is called: the user's label, else the stage."""
        return self.round_label or self.stage.label

    def ends_at(self, default_minutes: int = DEFAULT_LENGTH_MINUTES) -> datetime:
        """When it ends: its own length, else `default_minutes`."""
        return self.starts_at + timedelta(minutes=self.length_minutes or default_minutes)

    @property
    def people_text(self) -> str:
        return ", ".join(str(person) for person in self.interviewers)
