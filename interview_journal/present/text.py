"""Plain-text views for the terminal (`show`, `application show`, `today`): no Textual,
no colour codes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pendulum

from interview_journal.dates import format_day, format_exact, relative, relative_day
from interview_journal.domain.applications import ApplicationSummary
from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    RATINGS,
    REFLECTIONS,
    Evaluation,
    EvaluationState,
)
from interview_journal.domain.lengths import length_words
from interview_journal.domain.model import DEFAULT_LENGTH_MINUTES, Interview
from interview_journal.domain.people import PersonRecord
from interview_journal.domain.promises import Promise
from interview_journal.domain.review import Review, Section
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import Entry
from interview_journal.present.markers import MARKERS, when_text
from interview_journal.present.review import (
    EMPTY_SECTION,
    headline,
    marker,
    review_title,
    when_words,
)
from interview_journal.present.visible import visible


def interview_facts(
    interview: Interview, now: pendulum.DateTime, usual: int | None = DEFAULT_LENGTH_MINUTES
) -> list[tuple[str, str]]:
    """(label, value) pairs for everything set on an interview, in reading order; `usual`
    is the length of an interview that has none of its own (the config file's), None to
    leave the length out then."""
    today = now.date()
    stage = interview.stage.label
    own = interview.length_minutes
    length = [] if own is None and usual is None else [("Length", length_words(own, usual))]
    return [
        (
            "When",
            f"{format_exact(interview.starts_at, now)} ({relative(interview.starts_at, now)})",
        ),
        *length,
        ("Stage", f"{interview.round_label} ({stage})" if interview.round_label else stage),
        (
            "Status",
            effective_status(interview, now).label + ("" if interview.status else " (automatic)"),
        ),
        ("Format", interview.format.label if interview.format else "—"),
        ("Location", interview.location or "—"),
        ("Interviewers", interview.people_text or "—"),
        ("Job ad", interview.job_ad_url or "—"),
        ("Interest", f"{interview.interest}/5" if interview.interest else "—"),
        ("Feedback promised by", _day_words(interview.feedback_by, today)),
        ("May get in touch from", _day_words(interview.contact_from, today)),
    ]


def _day_words(value: date | None, today: date) -> str:
    """ "Fri 27 Nov (in 2 days)", or a dash for no date."""
    if value is None:
        return "—"
    return f"{format_day(value, today)} ({relative_day(value, today)})"


def _fact_lines(facts: Sequence[tuple[str, str]]) -> list[str]:
    """Labels in one column, values beside them, each on one line."""
    width = max(len(label) for label, _ in facts)
    return [f"{label.ljust(width)}  {visible(value, one_line=True)}" for label, value in facts]


def interview_text(
    interview: Interview,
    now: pendulum.DateTime,
    evaluation: Evaluation | None = None,
    entries: Sequence[Entry] = (),
    application: ApplicationSummary | None = None,
    *,
    usual: int = DEFAULT_LENGTH_MINUTES,
) -> str:
    """An interview as `show` prints it to a terminal, with the application it is a round
    of: control characters shown, never sent (interview_journal/present/visible.py).
    `usual` is the length an interview without its own takes."""
    lines = [f"#{interview.id}  {visible(interview.title, one_line=True)}", ""]
    facts = interview_facts(interview, now, usual)
    if application is not None:
        facts.insert(0, ("Application", application_line(application)))
    lines += _fact_lines(facts)
    if interview.notes:
        lines += ["", "Prep notes:", visible(interview.notes)]
    for heading, text in evaluation_sections(evaluation):
        lines += ["", f"{visible(heading, one_line=True)}:", visible(text)]
    if entries:
        lines += ["", "Timeline:"]
        lines += [f"  {visible(entry_line(entry, now.date()), one_line=True)}" for entry in entries]
    return "\n".join(lines)


def entry_line(entry: Entry, today: date) -> str:
    """ "● Mon 23 Nov  follow-up · e-mail  — Ask about the status (#31)"."""
    state = entry.state(today).value
    marker = MARKERS.get(state, MARKERS["planned"])
    text = entry.reason.strip() or entry.note.strip()
    first = text.splitlines()[0] if text else ""
    return (
        f"{marker} {when_text(entry.when, today)}  {entry.title}"
        + (f" — {first}" if first else "")
        + f"  (#{entry.id})"
    )


def evaluation_sections(evaluation: Evaluation | None) -> list[tuple[str, str]]:
    """(heading, text) pairs for an evaluation, skipping what was left empty."""
    if evaluation is None or evaluation.state is EvaluationState.NOT_STARTED:
        return []
    state = "finished" if evaluation.state is EvaluationState.FINISHED else "draft"
    ratings = "   ".join(
        f"{label} {getattr(evaluation, name)}/5"
        for name, label in RATINGS.items()
        if getattr(evaluation, name)
    )
    sections = [("Evaluation", state + (f" · {ratings}" if ratings else ""))]
    if evaluation.key_points:
        sections.append(
            (
                "Key points",
                "\n".join(f"[{'x' if p.made else ' '}] {p.text}" for p in evaluation.key_points),
            )
        )
    for name, label in REFLECTIONS.items():
        text = getattr(evaluation, name).strip()
        if text:
            sections.append((label, text))
    if evaluation.lesson_applied:
        # the answer to "did you apply it?", asked beside the lesson shown from last time
        sections.append(("Lesson applied", evaluation.lesson_applied.value))
    if evaluation.role_matched:
        note = f" — {evaluation.role_note}" if evaluation.role_note else ""
        sections.append(("Role matched the ad", f"{evaluation.role_matched.value}{note}"))
    if evaluation.accurate is not None:
        note = f" — {evaluation.accurate_note}" if evaluation.accurate_note else ""
        answer = "yes" if evaluation.accurate else "no"
        sections.append(("Represented myself accurately", f"{answer}{note}"))
    for name, question in CLOSING_QUESTIONS.items():
        asked = getattr(evaluation, f"{name}_asked")
        answer = getattr(evaluation, f"{name}_answer").strip()
        if asked or answer:
            sections.append(
                (question, ("asked" if asked else "not asked") + (f": {answer}" if answer else ""))
            )
    return sections


def review_text(review: Review, now: pendulum.DateTime) -> str:
    """The daily review as plain text: sections with counts, one line per item (control
    characters shown, never sent: interview_journal/present/visible.py)."""
    lines = [f"{review_title(review.today)} — {headline(review).lower()}"]
    names = _who(review)
    for section in Section:
        items = review.sections[section]
        heading = f"{section.value.upper()} ({len(items)})"
        if not items:
            lines.append(f"{heading} — {EMPTY_SECTION[section]}")
            continue
        lines.append(heading)
        whens = [when_words(item, review.now) for item in items]
        width = max(len(when) for when in whens)
        who_width = min(max(len(names[id(item)]) for item in items), 32)
        for item, when in zip(items, whens, strict=True):
            who = "" if section is Section.COMING_UP else names[id(item)]
            if len(who) > who_width:
                who = who[: who_width - 1] + "…"
            lines.append(
                f"  {marker(item)}  {when.ljust(width)}  "
                + (f"{who.ljust(who_width)}  " if who else "")
                + visible(item.text, one_line=True)
            )
    if review.is_empty and review.next_up is not None:
        upcoming = review.next_up
        title = visible(upcoming.title, one_line=True)
        lines.append(f"Next: {title} — {format_exact(upcoming.starts_at, now)}")
    return "\n".join(lines)


def _who(review: Review) -> dict[int, str]:
    """Who each item is about: the company, or company and role where the review holds
    two roles at one company (two applications, told apart)."""
    items = [item for section in Section for item in review.sections[section]]
    roles: dict[str, set[str]] = {}
    for item in items:
        roles.setdefault(item.interview.company.casefold(), set()).add(item.interview.role)
    return {
        id(item): visible(
            item.interview.title
            if len(roles[item.interview.company.casefold()]) > 1
            else item.interview.company,
            one_line=True,
        )
        for item in items
    }


# --- applications ---------------------------------------------------------------------------


def application_line(summary: ApplicationSummary) -> str:
    """ "#3 Initech — Analyst · waiting · ●●○"."""
    application = summary.application
    marks = f" · {summary.marks}" if summary.marks else ""
    return f"#{application.id} {application.title} · {summary.status.label}{marks}"


def planned_words(entry: Entry | None, today: date) -> str:
    """A planned entry as "○ Fri 27 Nov follow-up · e-mail" ("!" when overdue), or a dash
    when nothing is planned."""
    if entry is None:
        return "—"
    shape = MARKERS.get(entry.state(today).value, MARKERS["planned"])
    return f"{shape} {when_text(entry.when, today)} {entry.title}"


def summary_cells(summary: ApplicationSummary, today: date) -> tuple[str, ...]:
    """An application as one row of `applications`: id, title, status, rounds, last
    contact, next follow-up."""
    contact = summary.last_contact
    return (
        str(summary.application.id),
        summary.application.title,
        summary.status.label,
        summary.marks or "—",
        relative_day(contact, today) if contact is not None else "—",
        planned_words(summary.next_follow_up, today),
    )


def application_facts(summary: ApplicationSummary, today: date) -> list[tuple[str, str]]:
    """(label, value) pairs for an application, in reading order."""
    application = summary.application
    source = application.source.label if application.source else "—"
    if application.source_note:
        source = f"{source} — {application.source_note}"
    rounds = f"{summary.rounds_held} held, {summary.rounds_ahead} ahead"
    return [
        ("Status", summary.status.label + ("" if application.ended else " (worked out)")),
        ("Rounds", f"{summary.marks} ({rounds})" if summary.marks else "none yet"),
        ("Applied on", _day_words(application.applied_on, today)),
        ("Source", source),
        ("Location", application.location or "—"),
        ("Salary", application.salary or "—"),
        ("Job ad", application.job_ad_url or "—"),
        ("Last contact", _day_words(summary.last_contact, today)),
        ("Next follow-up", planned_words(summary.next_follow_up, today)),
    ]


def round_line(interview: Interview, now: pendulum.DateTime) -> str:
    """ "#12  Mon 23 Nov 10:00  screening · awaiting reply · feedback by Fri 27 Nov"."""
    parts = [interview.round_name, effective_status(interview, now).label]
    if interview.feedback_by is not None:
        parts.append(f"feedback by {format_day(interview.feedback_by, now.date())}")
    return f"#{interview.id}  {format_exact(interview.starts_at, now)}  " + " · ".join(parts)


def promise_line(promise: Promise, now: pendulum.DateTime) -> str:
    """ "screening, Mon 23 Nov: feedback by Fri 27 Nov — late by 3 days"."""
    today = now.date()
    held = format_day(promise.round.starts_at.astimezone(now.tzinfo).date(), today)
    promised = format_day(promise.promised, today)
    return f"{promise.round.round_name}, {held}: feedback by {promised} — {promise.words(today)}"


def person_line(person: PersonRecord) -> str:
    """ "#4 Anna Berg (CTO) · anna@nordvik.example · +47 22 00 00 00"."""
    contacts = [c for c in (person.email, person.phone, person.url) if c]
    return " · ".join([f"#{person.id} {person}", *contacts])


def application_text(
    summary: ApplicationSummary,
    rounds: Sequence[Interview],
    people: Sequence[PersonRecord],
    promises: Sequence[Promise],
    entries: Sequence[Entry],
    now: pendulum.DateTime,
) -> str:
    """An application as `application show` prints it: its fields, then its rounds, the
    people met, the promise ledger and its timeline (control characters shown, never
    sent)."""
    application, today = summary.application, now.date()
    lines = [f"#{application.id}  {visible(application.title, one_line=True)}", ""]
    lines += _fact_lines(application_facts(summary, today))
    for heading, text in (("Notes", application.notes), ("Job ad text", application.job_ad_text)):
        if text.strip():
            lines += ["", f"{heading}:", visible(text.strip())]
    listed = (
        ("Rounds", [round_line(r, now) for r in rounds]),
        ("People met", [person_line(p) for p in people]),
        ("Promises", [promise_line(p, now) for p in promises]),
        ("Timeline", [entry_line(e, today) for e in entries]),
    )
    for heading, items in listed:
        if items:
            lines += ["", f"{heading}:", *(f"  {visible(item, one_line=True)}" for item in items)]
    return "\n".join(lines)
