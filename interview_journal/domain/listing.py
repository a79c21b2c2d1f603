"""How the list of interviews is asked for: which ones, in what order, a page at a time."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from interview_journal.domain.evaluation import EvaluationSummary
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.timeline import EntryKind, When


class InterviewSort(Enum):
    """The orders the list offers; `s` steps through them."""

    UPCOMING_FIRST = "upcoming first"
    """Upcoming interviews soonest first, then held ones newest first."""
    NEWEST_FIRST = "newest first"
    COMPANY = "company"

    def next(self) -> InterviewSort:
        members = list(InterviewSort)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True)
class InterviewQuery:
    """Which interviews to list. `now` splits upcoming from held ones."""

    now: datetime
    status: Status | None = None
    search: str = ""
    sort: InterviewSort = InterviewSort.UPCOMING_FIRST


@dataclass(frozen=True)
class PageCursor:
    """Where the last page ended (keyset paging: no OFFSET, same speed at any depth)."""

    segment: int
    """0 = upcoming part, 1 = held part (only the "upcoming first" order has two parts)."""
    company: str
    starts_at: str
    id: int


@dataclass(frozen=True)
class SearchHit:
    """Where a search found its words in one interview, and the words around them."""

    part: str
    """What the field belongs to: "interview", "application", "evaluation", ..."""
    field: str
    """The field, as the forms name it: "to improve", "job ad"."""
    excerpt: str
    """One line of the field's text around the first match, "…" where it was cut."""
    spans: tuple[tuple[int, int], ...] = ()
    """(start, end) of each typed word found in `excerpt`."""

    @property
    def where(self) -> str:
        return f"{self.part} · {self.field}"


@dataclass(frozen=True)
class NextStep:
    """The next planned follow-up of an interview, as the list's Next column shows it."""

    kind: EntryKind
    due: When


@dataclass(frozen=True)
class InterviewPage:
    interviews: list[Interview]
    next_cursor: PageCursor | None
    """None when this was the last page."""
    evaluations: dict[int, EvaluationSummary] = field(default_factory=dict)
    """The evaluation state of the interviews on this page that have one, by id."""
    hits: dict[int, SearchHit] = field(default_factory=dict)
    """While searching: where each interview on this page matched, by id."""
    next_steps: dict[int, NextStep] = field(default_factory=dict)
    """The next planned follow-up of the interviews on this page that have one, by id."""


_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a search box, for prefix matching ("ini ana" finds "Initech Analyst").

    Quotes, operators and brackets the user types are treated as separators, so a search
    can never be a syntax error.
    """
    # "Bjo\u0308rn" typed with a combining mark is one word, found as "bjorn" (the index
    # folds diacritics the same way)
    composed = unicodedata.normalize("NFC", text.replace("\x00", " "))
    return _WORD.findall(composed)[:16]
