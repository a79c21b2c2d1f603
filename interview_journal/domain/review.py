"""The daily review: what needs the user today, in four sections, and the prep sheet.

Pure selection. The store hands over the candidates (planned entries due by today,
recent held interviews without a finished evaluation, the coming week's interviews,
applications with a promised date ahead) and the suggestions; this module decides what
goes where and in which order, per application (a second role at the same company is
its own). How it is said is `present.review`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any

import pendulum

from interview_journal.dates import format_day, relative_day
from interview_journal.domain.applications import Application
from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    Evaluation,
    EvaluationState,
    KeyPoint,
    PastLesson,
    RoleMatch,
    key_points_from_notes,
)
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import effective_status
from interview_journal.domain.suggestions import ProcessKey, Suggestion, process_key
from interview_journal.domain.timeline import Entry, When
from interview_journal.domain.timeline_page import DatedItem

COMING_UP_DAYS = 7
"""How far ahead "Coming up" looks."""


def coming_up_until(now: pendulum.DateTime) -> pendulum.DateTime:
    """The end of "the next 7 days": midnight after the seventh day from today."""
    return now.start_of("day").add(days=COMING_UP_DAYS + 1)


NEXT_DAYS = 7
"""How far ahead "Next days" looks for planned follow-ups: the 7 days after today."""


def next_days_until(today: date) -> date:
    """The first day "Next days" no longer covers (the eighth day from today)."""
    return today + timedelta(days=NEXT_DAYS + 1)


class Section(Enum):
    FOLLOW_UPS = "follow-ups due"
    TO_EVALUATE = "to evaluate"
    COMING_UP = "coming up"
    WAITING_ON = "waiting on"


@dataclass(frozen=True)
class ReviewItem(DatedItem):
    """One line of the review, with what it is about."""

    section: Section
    interview: Interview
    when: When
    """The day it is about: a follow-up's due date, the day an interview was held or
    is, the day feedback was promised by."""
    text: str
    entry: Entry | None = None
    suggestion: Suggestion | None = None
    evaluation_state: EvaluationState | None = None
    overdue_days: int = 0
    """How many days a follow-up is past its due day (0: due today, or not a follow-up;
    below 0: planned for a day ahead, in `Review.next_days`)."""

    @property
    def shows(self) -> str:
        return self.section.name.lower()


@dataclass(frozen=True)
class Review:
    now: pendulum.DateTime
    """When the review was made (in the user's zone)."""
    sections: dict[Section, list[ReviewItem]]
    next_up: Interview | None = None
    """The next interview after the coming week, for the "nothing today" line."""
    next_days: list[ReviewItem] = field(default_factory=list)
    """Follow-ups planned for the next 7 days (after today): not due yet, so in no
    section and not counted as needing you, but done from the review all the same.
    Each is a follow-up line (`Section.FOLLOW_UPS`) not yet due."""

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def due_count(self) -> int:
        """Follow-ups due or overdue: what `today --check` reports."""
        return len(self.sections[Section.FOLLOW_UPS])

    @property
    def needs_you(self) -> int:
        """Things to do today: follow-ups due and evaluations to write."""
        return self.due_count + len(self.sections[Section.TO_EVALUATE])

    @property
    def is_empty(self) -> bool:
        return not any(self.sections.values())

    def items(self) -> list[ReviewItem]:
        return [item for section in Section for item in self.sections[section]]


def build_review(
    *,
    now: pendulum.DateTime,
    due_entries: Iterable[tuple[Entry, Interview]],
    suggestions: Iterable[Suggestion],
    unevaluated: Iterable[tuple[Interview, EvaluationState | None]],
    upcoming: Iterable[Interview],
    waiting: Iterable[Interview],
    next_up: Interview | None = None,
    planned: Iterable[tuple[Entry, Interview]] = (),
) -> Review:
    """Put the candidates in their sections, in the order the user works through them."""
    return Review(
        now=now,
        sections={
            Section.FOLLOW_UPS: _follow_ups(due_entries, suggestions, now.date()),
            Section.TO_EVALUATE: _to_evaluate(unevaluated, now),
            Section.COMING_UP: _coming_up(upcoming, now),
            Section.WAITING_ON: _waiting_on(waiting, now),
        },
        next_up=next_up,
        next_days=_next_days(planned, now.date()),
    )


def _follow_ups(
    due_entries: Iterable[tuple[Entry, Interview]],
    suggestions: Iterable[Suggestion],
    today: date,
) -> list[ReviewItem]:
    """Planned entries and suggested tasks due by today, the oldest first; on one day,
    entries before suggestions."""
    found: list[tuple[tuple[Any, ...], ReviewItem]] = []
    for entry, interview in due_entries:
        if entry.is_done or entry.due is None or entry.due.day > today:
            continue
        what = entry.reason.strip() or entry.note.strip() or "no reason written"
        item = ReviewItem(
            Section.FOLLOW_UPS,
            interview,
            entry.due,
            f"{entry.title}: {what.splitlines()[0]}",
            entry=entry,
            overdue_days=(today - entry.due.day).days,
        )
        found.append(((entry.due.key, 0, entry.id or 0), item))
    for suggestion in suggestions:
        if not suggestion.is_task or suggestion.due > today:
            continue
        item = ReviewItem(
            Section.FOLLOW_UPS,
            suggestion.interview,
            When(suggestion.due),
            f"suggested {suggestion.kind.label}: {suggestion.reason} ({suggestion.why})",
            suggestion=suggestion,
            overdue_days=(today - suggestion.due).days,
        )
        found.append(((When(suggestion.due).key, 1, suggestion.key), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _next_days(planned: Iterable[tuple[Entry, Interview]], today: date) -> list[ReviewItem]:
    """Planned entries due after today and within the next 7 days, the soonest first:
    done from here without a trip to the timeline."""
    until = next_days_until(today)
    found = []
    for entry, interview in planned:
        if entry.is_done or entry.due is None or not today < entry.due.day < until:
            continue
        what = entry.reason.strip() or entry.note.strip() or "no reason written"
        item = ReviewItem(
            Section.FOLLOW_UPS,
            interview,
            entry.due,
            f"{entry.title}: {what.splitlines()[0]}",
            entry=entry,
            overdue_days=(today - entry.due.day).days,
        )
        found.append(((entry.due.key, entry.id or 0), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _to_evaluate(
    unevaluated: Iterable[tuple[Interview, EvaluationState | None]], now: pendulum.DateTime
) -> list[ReviewItem]:
    """Held interviews without a finished evaluation, the oldest first."""
    today: date = now.date()
    items = []
    for interview, state in sorted(unevaluated, key=lambda pair: pair[0].starts_at):
        if interview.starts_at > now or state is EvaluationState.FINISHED:
            continue
        held = interview.starts_at.astimezone(now.tzinfo).date()
        hint = (
            "best written the same day"
            if held >= today - timedelta(days=1)
            else "write it before the details fade"
        )
        what = (
            "draft started"
            if state is EvaluationState.DRAFT
            else f"{interview.round_name} interview"
        )
        items.append(
            ReviewItem(
                Section.TO_EVALUATE,
                interview,
                When(held),
                f"{what} — {hint}",
                evaluation_state=state,
            )
        )
    return items


def _coming_up(upcoming: Iterable[Interview], now: pendulum.DateTime) -> list[ReviewItem]:
    """Interviews of the next 7 days, the soonest first."""
    horizon = coming_up_until(now)
    return [
        ReviewItem(
            Section.COMING_UP,
            interview,
            When.of(interview.starts_at.astimezone(now.tzinfo)),
            f"{interview.title} · {interview.round_name}",
        )
        for interview in sorted(upcoming, key=lambda i: i.starts_at)
        if now < interview.starts_at < horizon
    ]


def _waiting_on(waiting: Iterable[Interview], now: pendulum.DateTime) -> list[ReviewItem]:
    """Applications awaiting a reply that was promised by a day still ahead, the soonest
    first: the latest round of each (an earlier round was answered by the next one)."""
    today: date = now.date()
    latest: dict[ProcessKey, Interview] = {}
    for interview in sorted(waiting, key=lambda i: (i.starts_at, i.id or 0)):
        latest[process_key(interview)] = interview
    items = []
    for interview in sorted(latest.values(), key=lambda i: (i.feedback_by or today, i.starts_at)):
        promised = interview.feedback_by
        if (
            promised is None
            or promised < today
            or effective_status(interview, now) is not Status.AWAITING_REPLY
        ):
            continue
        items.append(
            ReviewItem(
                Section.WAITING_ON,
                interview,
                When(promised),
                f"{interview.company} promised feedback by {format_day(promised, today)} "
                f"({relative_day(promised, today)})",
            )
        )
    return items


# --- the prep sheet -----------------------------------------------------------------------


@dataclass(frozen=True)
class EarlierRound:
    interview: Interview
    evaluation: Evaluation | None


@dataclass(frozen=True)
class PrepSheet:
    """What to read before an interview."""

    interview: Interview
    key_points: tuple[KeyPoint, ...]
    earlier_rounds: tuple[EarlierRound, ...] = ()
    """The application's rounds before this one, oldest first."""
    lessons: tuple[PastLesson, ...] = ()
    questions: tuple[str, ...] = field(default_factory=lambda: tuple(CLOSING_QUESTIONS.values()))
    application: Application | None = None
    track_record: str | None = None
    """How they kept their last promise: "Initech answered 3 days late last round"."""

    @property
    def job_ad_text(self) -> str:
        """The application's pasted job ad, trimmed ("" when none was pasted)."""
        return self.application.job_ad_text.strip() if self.application else ""

    @property
    def job_ad_url(self) -> str:
        """The interview's own link to the ad, else the application's."""
        if self.interview.job_ad_url or self.application is None:
            return self.interview.job_ad_url
        return self.application.job_ad_url

    @property
    def role_notes(self) -> list[str]:
        """How the role differed from the ad in earlier rounds."""
        notes = []
        for round_ in self.earlier_rounds:
            evaluation = round_.evaluation
            if evaluation is None:
                continue
            if evaluation.role_matched in (RoleMatch.NO, RoleMatch.UNSURE) or evaluation.role_note:
                verdict = {
                    RoleMatch.NO: "did not match the ad",
                    RoleMatch.UNSURE: "unsure it matched the ad",
                    RoleMatch.YES: "matched the ad",
                    None: "",
                }[evaluation.role_matched]
                text = "; ".join(part for part in (verdict, evaluation.role_note.strip()) if part)
                notes.append(f"{round_.interview.round_name} round: {text}")
        return notes


def prep_sheet(
    interview: Interview,
    earlier: Sequence[EarlierRound],
    lessons: Sequence[PastLesson],
    *,
    lesson_count: int = 5,
    application: Application | None = None,
    track_record: str | None = None,
) -> PrepSheet:
    return PrepSheet(
        interview=interview,
        key_points=key_points_from_notes(interview.notes),
        earlier_rounds=tuple(sorted(earlier, key=lambda r: r.interview.starts_at)),
        lessons=tuple(lessons[:lesson_count]),
        application=application,
        track_record=track_record,
    )
