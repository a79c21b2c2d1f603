"""Plain-text views for the terminal (`show`): no Textual, no colour codes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pendulum

from interview_journal.dates import format_day, format_exact, relative, relative_day
from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    RATINGS,
    REFLECTIONS,
    Evaluation,
    EvaluationState,
)
from interview_journal.domain.model import Interview
from interview_journal.domain.review import Review, Section
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import Entry
from interview_journal.present.review import (
    EMPTY_SECTION,
    headline,
    marker,
    review_title,
    when_words,
)
from interview_journal.present.timeline import MARKERS, when_text
from interview_journal.present.visible import visible


def interview_facts(interview: Interview, now: pendulum.DateTime) -> list[tuple[str, str]]:
    """(label, value) pairs for everything set on an interview, in reading order."""
    today = now.date()

    def day(value: date | None) -> str:
        if value is None:
            return "—"
        return f"{format_day(value, today)} ({relative_day(value, today)})"

    return [
        (
            "When",
            f"{format_exact(interview.starts_at, now)} ({relative(interview.starts_at, now)})",
        ),
        ("Stage", interview.stage.label),
        (
            "Status",
            effective_status(interview, now).label + ("" if interview.status else " (automatic)"),
        ),
        ("Format", interview.format.label if interview.format else "—"),
        ("Location", interview.location or "—"),
        ("Interviewers", interview.people_text or "—"),
        ("Job ad", interview.job_ad_url or "—"),
        ("Interest", f"{interview.interest}/5" if interview.interest else "—"),
        ("Feedback promised by", day(interview.feedback_by)),
        ("May get in touch from", day(interview.contact_from)),
    ]


def interview_text(
    interview: Interview,
    now: pendulum.DateTime,
    evaluation: Evaluation | None = None,
    entries: Sequence[Entry] = (),
) -> str:
    """An interview as `show` prints it to a terminal: control characters shown, never
    sent (interview_journal/present/visible.py)."""
    lines = [f"#{interview.id}  {visible(interview.title, one_line=True)}", ""]
    facts = interview_facts(interview, now)
    width = max(len(label) for label, _ in facts)
    lines += [f"{label.ljust(width)}  {visible(value, one_line=True)}" for label, value in facts]
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
    for section in Section:
        items = review.sections[section]
        heading = f"{section.value.upper()} ({len(items)})"
        if not items:
            lines.append(f"{heading} — {EMPTY_SECTION[section]}")
            continue
        lines.append(heading)
        whens = [when_words(item, review.now) for item in items]
        width = max(len(when) for when in whens)
        company_width = min(
            max(len(visible(item.interview.company, one_line=True)) for item in items), 24
        )
        for item, when in zip(items, whens, strict=True):
            company = visible(item.interview.company, one_line=True)
            if section is Section.COMING_UP:
                company = ""
            elif len(company) > company_width:
                company = company[: company_width - 1] + "…"
            lines.append(
                f"  {marker(item)}  {when.ljust(width)}  "
                + (f"{company.ljust(company_width)}  " if company else "")
                + visible(item.text, one_line=True)
            )
    if review.is_empty and review.next_up is not None:
        upcoming = review.next_up
        title = visible(upcoming.title, one_line=True)
        lines.append(f"Next: {title} — {format_exact(upcoming.starts_at, now)}")
    return "\n".join(lines)
