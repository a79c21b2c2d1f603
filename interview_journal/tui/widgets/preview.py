"""A few lines about the highlighted interview: the exact date and what was agreed."""

from __future__ import annotations

import pendulum
from textual.content import Content
from textual.widgets import Static

from interview_journal.dates import format_day, format_exact, relative_day
from interview_journal.domain.model import Interview
from interview_journal.domain.status import effective_status


def _first_line(text: str, width: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


class InterviewPreview(Static):
    """The highlighted interview in brief."""

    def show_interview(self, interview: Interview | None, now: pendulum.DateTime) -> None:
        if interview is None:
            self.update("")
            self.border_title = ""
            return
        today = now.date()
        # the user's words as plain Content: a `[b]` in a company name is part of the name
        self.border_title = Content(interview.title)
        facts = [interview.stage.label, effective_status(interview, now).label]
        if interview.format:
            facts.append(interview.format.label)
        lines = [
            Content.from_markup(
                "[b]$when[/b] · $facts",
                when=format_exact(interview.starts_at, now),
                facts=" · ".join(facts),
            )
        ]
        agreed = []
        if interview.feedback_by:
            agreed.append(
                f"Feedback promised by {format_day(interview.feedback_by, today)} "
                f"({relative_day(interview.feedback_by, today)})"
            )
        if interview.contact_from:
            agreed.append(f"May get in touch from {format_day(interview.contact_from, today)}")
        if interview.people_text:
            agreed.insert(0, f"With {interview.people_text}")
        if agreed:
            lines.append(Content("   ".join(agreed)))
        if interview.notes.strip():
            lines.append(
                Content.from_markup("[dim]Prep:[/dim] $notes", notes=_first_line(interview.notes))
            )
        self.update(Content("\n").join(lines))
