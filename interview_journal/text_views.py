"""Plain-text views for the terminal (`show`): no Textual, no colour codes."""

from __future__ import annotations

from datetime import date

import pendulum

from interview_journal.dates import format_day, format_exact, relative, relative_day
from interview_journal.domain.model import Interview
from interview_journal.domain.status import effective_status


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


def interview_text(interview: Interview, now: pendulum.DateTime) -> str:
    lines = [f"#{interview.id}  {interview.title}", ""]
    facts = interview_facts(interview, now)
    width = max(len(label) for label, _ in facts)
    lines += [f"{label.ljust(width)}  {value}" for label, value in facts]
    if interview.notes:
        lines += ["", "Prep notes:", interview.notes]
    return "\n".join(lines)
