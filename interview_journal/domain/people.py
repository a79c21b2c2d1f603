"""The people met on the way: interviewers, recruiters, the contact a follow-up goes to.

A person is a record of their own. Interviews and follow-ups name them, and the store
keeps the names and the records together: a new name becomes a person on saving, and a
person met in one round is offered again in the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Self

from interview_journal.domain.model import folded, new_uuid


def person_key(name: str) -> str:
    """Names are matched case- and space-insensitively."""
    return folded(name)


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """Someone the user has met or written to."""

    name: str
    role: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    """LinkedIn, or any page about them."""
    notes: str = ""
    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0

    def with_changes(self, **changes: object) -> Self:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def key(self) -> str:
        return person_key(self.name)

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name
