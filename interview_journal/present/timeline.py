"""The timeline in words: one line per item, with the marker shape that tells its state
without colour. Every view says a timeline item the same way (the TUI, `timeline`, `show`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from interview_journal.domain.promises import Promise, PromiseState
from interview_journal.domain.suggestions import Rule, Suggestion
from interview_journal.domain.timeline import Entry, EntryKind, EntryState
from interview_journal.domain.timeline_page import Source, TimelineItem
from interview_journal.present.markers import MARKERS, when_text

__all__ = ["MARKERS", "Line", "describe", "when_text"]  # MARKERS, when_text: present.markers


@dataclass(frozen=True)
class Line:
    """One timeline item in words: what every view shows, in columns."""

    marker: str
    state: str
    """done, planned, overdue, suggested or milestone."""
    when: str
    company: str
    what: str
    detail: str


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def describe(item: TimelineItem, now: datetime) -> Line:
    today = now.date()
    company = item.interview.company
    when = when_text(item.when, today)
    if item.suggestion is not None:
        return _describe_suggestion(item.suggestion, when, company)
    if item.entry is not None:
        return _describe_entry(item.entry, when, company, today)
    interview = item.interview
    if item.source is Source.INTERVIEW:
        held = interview.starts_at <= now
        state = "done" if held else "planned"
        what = f"interview {'held' if held else ''} · {interview.round_name}".replace("  ", " ")
        return Line(MARKERS[state], state, when, company, what, interview.role)
    if item.source is Source.FEEDBACK_BY:
        return _describe_promise(item.promise, when, company, today)
    return Line(
        MARKERS["milestone"],
        "milestone",
        when,
        company,
        "may contact from",
        "only with something relevant to say",
    )


def _describe_promise(promise: Promise | None, when: str, company: str, today: date) -> Line:
    """A promised feedback date: a milestone until it is answered, then done ("kept",
    "late by 3 days"); "never answered" once the application closed without a word."""
    if promise is None or not promise.state.is_settled:
        return Line(
            MARKERS["milestone"],
            "milestone",
            when,
            company,
            "feedback due by",
            "they promised an answer by then",
        )
    state = "milestone" if promise.state is PromiseState.NEVER else "done"
    return Line(MARKERS[state], state, when, company, "feedback promised by", promise.words(today))


def _describe_entry(entry: Entry, when: str, company: str, today: date) -> Line:
    state = entry.state(today)
    name = {
        EntryState.DONE: "done",
        EntryState.OVERDUE: "overdue",
        EntryState.TODAY: "planned",
        EntryState.PLANNED: "planned",
    }[state]
    detail = _first_line(entry.reason) or _first_line(entry.note)
    if entry.contact and entry.kind.is_outgoing:
        detail = f"to {entry.contact}: {detail}" if detail else f"to {entry.contact}"
    if entry.is_done and entry.due is not None and entry.kind is EntryKind.FOLLOW_UP:
        detail = detail or "sent"
    return Line(MARKERS[name], name, when, company, entry.title, detail)


def _describe_suggestion(suggestion: Suggestion, when: str, company: str) -> Line:
    if suggestion.rule is Rule.ALLOWED:
        return Line(
            MARKERS["suggested"], "suggested", when, company, "may get in touch", suggestion.why
        )
    detail = f"{suggestion.why} — {suggestion.reason}"
    return Line(
        MARKERS["suggested"],
        "suggested",
        when,
        company,
        f"suggested {suggestion.kind.label}",
        detail,
    )
