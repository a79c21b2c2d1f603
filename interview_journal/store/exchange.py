"""The store's side of an export and an import: what a record read for an export, an
import plan and its report hold (`store.records` reads the records, `store.importing`
merges a plan).

The JSON format itself (writing it, reading and checking a file) is `services.exchange`.
An import is one transaction: the plan is checked completely first, and a file with any
problem changes nothing. Records are merged by uuid: new ones are added, ones the file
has a newer version of (by `updated_at`) are updated, the rest are skipped. A round the
file files under no application (every round of a format-1 file) joins an application
by company and role, as the schema step that introduced applications grouped them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry
from interview_journal.errors import InputError


@dataclass(frozen=True)
class Record:
    """One interview with what belongs to it, as read for an export."""

    interview: Interview
    row: dict[str, Any]
    evaluation: Evaluation | None
    evaluation_row: dict[str, Any] | None
    entries: list[Entry]
    entry_rows: list[dict[str, Any]]


_KINDS = ("interviews", "evaluations", "follow-ups", "applications", "people")


@dataclass
class ImportPlan:
    """What an import found in the file, checked and ready to merge."""

    applications: list[dict[str, Any]] = field(default_factory=list)
    """Validated application rows (store form, with their stamps)."""
    people: list[dict[str, Any]] = field(default_factory=list)
    """Validated person rows (store form, with their stamps)."""
    interviews: list[dict[str, Any]] = field(default_factory=list)
    """Validated rows (store form) with "evaluation" and "follow_ups" attached, and
    "application": the uuid of the application in `applications` they are a round of, or
    None (a format-1 file): filed by company and role."""
    dismissed: list[dict[str, Any]] = field(default_factory=list)
    people_from_rounds: bool = False
    """Make the people the rounds name (a format-1 file has no people of its own)."""


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))

    def lines(self) -> list[str]:
        out = []
        for verb, counts in (("added", self.added), ("updated", self.updated)):
            out.append(f"{verb}: " + ", ".join(f"{counts[k]} {k}" for k in _KINDS))
        out.append(
            "skipped (already there, same or newer): "
            + ", ".join(f"{self.skipped[k]} {k}" for k in _KINDS)
        )
        return out

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"added": self.added, "updated": self.updated, "skipped": self.skipped}


class ImportFileError(InputError):
    """The file is not an export we can read; the message says where and why."""
