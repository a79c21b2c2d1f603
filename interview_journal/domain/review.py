"""The daily review: what needs the user today, in four sections, and the prep sheet.

Pure selection and wording. The store hands over the candidates (planned entries due by
today, recent held interviews without a finished evaluation, the coming week's
interviews, processes with a promised date ahead) and the suggestions; this module
decides what goes where, in which order, and how it is said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

import pendulum

from interview_journal.dates import format_day, relative, relative_day
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
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry, When

COMING_UP_DAYS = 7
"""How far ahead "Coming up" looks."""


def coming_up_until(now: pendulum.DateTime) -> pendulum.DateTime:
    """The end of "the next 7 days": midnight after the seventh day from today."""
    return now.start_of("day").add(days=COMING_UP_DAYS + 1)


class Section(Enum):
    FOLLOW_UPS = "follow-ups due"
    TO_EVALUATE = "to evaluate"
    COMING_UP = "coming up"
    WAITING_ON = "waiting on"


@dataclass(frozen=True)
class ReviewItem:
    """One line of the review, with what it is about."""

    section: Section
    interview: Interview
    when: str
    """ "overdue 2 days", "today", "yesterday", "tomorrow 13:00", "Fri 27 Nov"."""
    text: str
    entry: Entry | None = None
    suggestion: Suggestion | None = None
    evaluation_state: EvaluationState | None = None

    @property
    def key(self) -> str:
        if self.entry is not None:
            return f"entry:{self.entry.id}"
        if self.suggestion is not None:
            return f"suggestion:{self.suggestion.key}"
        return f"{self.section.name.lower()}:{self.interview.id}"


@dataclass(frozen=True)
class Review:
    today: date
    sections: dict[Section, list[ReviewItem]]
    next_up: Interview | None = None
    """The next interview after the coming week, for the "nothing today" line."""

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


def _due_words(day: date, today: date, at: Any = None) -> str:
    days = (today - day).days
    if days > 0:
        return "overdue 1 day" if days == 1 else f"overdue {days} days"
    return "today" + (f" {at:%H:%M}" if at is not None else "")


def build_review(
    *,
    now: pendulum.DateTime,
    due_entries: Iterable[tuple[Entry, Interview]],
    suggestions: Iterable[Suggestion],
    unevaluated: Iterable[tuple[Interview, EvaluationState | None]],
    upcoming: Iterable[Interview],
    waiting: Iterable[Interview],
    next_up: Interview | None = None,
) -> Review:
    """Put the candidates in their sections, in the order the user works through them."""
    today = now.date()
    follow_ups: list[tuple[tuple[Any, ...], ReviewItem]] = []
    for entry, interview in due_entries:
        if entry.is_done or entry.due is None or entry.due.day > today:
            continue
        what = entry.reason.strip() or entry.note.strip() or "no reason written"
        item = ReviewItem(
            Section.FOLLOW_UPS,
            interview,
            _due_words(entry.due.day, today, entry.due.at),
            f"{entry.title}: {what.splitlines()[0]}",
            entry=entry,
        )
        follow_ups.append(((entry.due.key, 0, entry.id or 0), item))
    for suggestion in suggestions:
        if not suggestion.is_task or suggestion.due > today:
            continue
        item = ReviewItem(
            Section.FOLLOW_UPS,
            suggestion.interview,
            _due_words(suggestion.due, today),
            f"suggested {suggestion.kind.label}: {suggestion.reason} ({suggestion.why})",
            suggestion=suggestion,
        )
        follow_ups.append(((When(suggestion.due).key, 1, suggestion.key), item))

    to_evaluate = []
    for interview, state in sorted(unevaluated, key=lambda pair: pair[0].starts_at):
        if interview.starts_at > now or state is EvaluationState.FINISHED:
            continue
        held = interview.starts_at.astimezone(now.tzinfo).date()
        ago = relative_day(held, today)
        hint = (
            "best written the same day"
            if held >= today - timedelta(days=1)
            else "write it before the details fade"
        )
        what = (
            "draft started"
            if state is EvaluationState.DRAFT
            else f"{interview.stage.label} interview"
        )
        to_evaluate.append(
            ReviewItem(
                Section.TO_EVALUATE,
                interview,
                ago,
                f"{what} — {hint}",
                evaluation_state=state,
            )
        )

    horizon = coming_up_until(now)
    coming = [
        ReviewItem(
            Section.COMING_UP,
            interview,
            relative(interview.starts_at, now),
            f"{interview.title} · {interview.stage.label}",
        )
        for interview in sorted(upcoming, key=lambda i: i.starts_at)
        if now < interview.starts_at < horizon
    ]

    waiting_on = []
    for interview in sorted(waiting, key=lambda i: (i.feedback_by or today, i.starts_at)):
        promised = interview.feedback_by
        if (
            promised is None
            or promised < today
            or effective_status(interview, now) is not Status.AWAITING_REPLY
        ):
            continue
        waiting_on.append(
            ReviewItem(
                Section.WAITING_ON,
                interview,
                format_day(promised, today),
                f"{interview.company} promised feedback by {format_day(promised, today)} "
                f"({relative_day(promised, today)})",
            )
        )
    return Review(
        today=today,
        sections={
            Section.FOLLOW_UPS: [item for _, item in sorted(follow_ups, key=lambda p: p[0])],
            Section.TO_EVALUATE: to_evaluate,
            Section.COMING_UP: coming,
            Section.WAITING_ON: waiting_on,
        },
        next_up=next_up,
    )


def headline(review: Review) -> str:
    """ "3 things need you today", or that nothing does."""
    count = review.needs_you
    if count == 0:
        return "Nothing needs you today"
    return f"{count} thing{'s' if count != 1 else ''} need{'s' if count == 1 else ''} you today"


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
    lessons: tuple[PastLesson, ...] = ()
    questions: tuple[str, ...] = field(default_factory=lambda: tuple(CLOSING_QUESTIONS.values()))

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
                notes.append(f"{round_.interview.stage.label} round: {text}")
        return notes


def prep_sheet(
    interview: Interview,
    earlier: Sequence[EarlierRound],
    lessons: Sequence[PastLesson],
    *,
    lesson_count: int = 5,
) -> PrepSheet:
    return PrepSheet(
        interview=interview,
        key_points=key_points_from_notes(interview.notes),
        earlier_rounds=tuple(sorted(earlier, key=lambda r: r.interview.starts_at)),
        lessons=tuple(lessons[:lesson_count]),
    )


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(text: str) -> str:
    """`text` as Markdown that shows exactly these characters: a company called `*Star*`
    stays `*Star*`, `[x](y)` is no link, and each line break stays one (a hard break).
    CommonMark lets every ASCII punctuation mark be escaped with a backslash."""
    return "\\\n".join(_MARKDOWN_PUNCTUATION.sub(r"\\\1", line) for line in text.split("\n"))


def prep_markdown(sheet: PrepSheet, now: pendulum.DateTime, *, literal: bool = False) -> str:
    """The prep sheet as Markdown: for printing, or for the notes app of the user's choice.

    With `literal`, the user's own words (and ours) are escaped so that a Markdown view
    shows them exactly; without it they go in as written, so notes typed as Markdown
    (bullet lines) read as Markdown elsewhere.
    """
    say = markdown_literal if literal else str
    interview = sheet.interview
    today = now.date()
    when = f"{_exact(interview.starts_at, now)} ({relative(interview.starts_at, now)})"
    lines = [
        f"# Prep: {say(interview.title)}",
        "",
        "- **When:** "
        + say(
            f"{when}, {interview.stage.label} interview"
            + (f", {interview.format.label}" if interview.format else "")
        ),
    ]
    if interview.location:
        lines.append(f"- **Where:** {say(interview.location)}")
    if interview.people_text:
        lines.append(f"- **With:** {say(interview.people_text)}")
    if interview.job_ad_url:
        url = say(interview.job_ad_url) if literal else f"<{interview.job_ad_url}>"
        lines.append(f"- **Job ad:** {url}")
    lines += ["", "## Ask at the end", ""]
    lines += [f"- [ ] {say(question)}" for question in sheet.questions]
    lines += ["", "## Get across", ""]
    if sheet.key_points:
        lines += [f"- [ ] {say(point.text)}" for point in sheet.key_points]
    else:
        lines.append("_No key points yet: write them as bullet lines in the prep notes._")
    if interview.notes.strip():
        lines += ["", "## Prep notes", "", say(interview.notes.strip())]
    if sheet.earlier_rounds:
        lines += ["", f"## Earlier rounds with {say(interview.company)}", ""]
        for round_ in sheet.earlier_rounds:
            earlier = round_.interview
            held = format_day(earlier.starts_at.astimezone(now.tzinfo).date(), today)
            learned = round_.evaluation.lesson.strip() if round_.evaluation else ""
            lines.append(
                "- "
                + say(
                    f"{earlier.stage.label}, {held}" + (f" — lesson: {learned}" if learned else "")
                )
            )
        for note in sheet.role_notes:
            lines.append(f"- Role vs the ad, {say(note)}")
    if sheet.lessons:
        lines += ["", "## From your past evaluations", ""]
        for lesson in sheet.lessons:
            label = "Lesson" if lesson.kind == "lesson" else "To improve"
            day = format_day(lesson.starts_at.astimezone(now.tzinfo).date(), today)
            lines.append("- " + say(f"{label} ({lesson.company}, {day}): {lesson.text}"))
    return "\n".join(lines) + "\n"


def _exact(moment: datetime, now: datetime) -> str:
    here = moment.astimezone(now.tzinfo)
    return f"{format_day(here.date(), now.date())} {here:%H:%M}"


def marker(item: ReviewItem) -> str:
    """The first character of a review line: what kind of thing it is, without colour."""
    if item.section is Section.FOLLOW_UPS:
        if item.suggestion is not None:
            return "◇"
        return "!" if item.when.startswith("overdue") else "○"
    return {Section.TO_EVALUATE: "✎", Section.COMING_UP: "▸", Section.WAITING_ON: "…"}[item.section]


EMPTY_SECTION = {
    Section.FOLLOW_UPS: "nothing due",
    Section.TO_EVALUATE: "every interview is written up",
    Section.COMING_UP: "no interviews in the next 7 days",
    Section.WAITING_ON: "no promised dates ahead",
}


def review_title(today: date) -> str:
    return f"Daily review · {today:%A} {today.day} {today:%B}"


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as JSON-ready data (`today --json`)."""
    return {
        "date": review.today.isoformat(),
        "needs_you": review.needs_you,
        "due": review.due_count,
        "sections": {
            section.name.lower().replace("_", "-"): [
                {
                    "interview_id": item.interview.id,
                    "company": item.interview.company,
                    "role": item.interview.role,
                    "when": item.when,
                    "text": item.text,
                    "entry_id": item.entry.id if item.entry else None,
                    "suggested": item.suggestion is not None,
                }
                for item in review.sections[section]
            ]
            for section in Section
        },
        "next": review.next_up.id if review.next_up else None,
    }
