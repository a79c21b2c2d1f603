"""A few lines about the highlighted interview: the exact date (and its own length), what
was agreed, the next planned follow-up and, while searching, where the search found it."""

from __future__ import annotations

import pendulum
from textual.content import Content
from textual.widgets import Static

from interview_journal.dates import format_day, format_exact, relative_day
from interview_journal.domain.lengths import format_length
from interview_journal.domain.listing import NextStep, SearchHit
from interview_journal.domain.model import Interview
from interview_journal.domain.status import effective_status


def _first_line(text: str, width: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


class InterviewPreview(Static):
    """The highlighted interview in brief."""

    def show_interview(
        self,
        interview: Interview | None,
        now: pendulum.DateTime,
        *,
        hit: SearchHit | None = None,
        next_step: NextStep | None = None,
        evaluation: str = "",
    ) -> None:
        """Show `interview`; `evaluation` is the list's Eval sign ("✓ 4·5·3", "draft"),
        said here too, as narrow terminals drop that column."""
        if interview is None:
            self.update("")
            self.border_title = ""
            return
        today = now.date()
        # the user's words as plain Content: a `[b]` in a company name is part of the name
        self.border_title = Content(interview.title)
        facts = [interview.stage.label, effective_status(interview, now).label]
        if interview.length_minutes is not None:
            # its own length only: one of the usual length is said by saying nothing
            facts.insert(0, format_length(interview.length_minutes))
        if interview.format:
            facts.append(interview.format.label)
        if evaluation and evaluation != "–":
            facts.append(f"evaluation {evaluation}")
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
        if next_step is not None:
            agreed.append(f"Next: {format_day(next_step.due.day, today)} · {next_step.kind.label}")
        if agreed:
            lines.append(Content("   ".join(agreed)))
        if interview.notes.strip():
            lines.append(
                Content.from_markup("[dim]Prep:[/dim] $notes", notes=_first_line(interview.notes))
            )
        if hit is not None:
            lines.insert(0, found_line(hit))
        self.update(Content("\n").join(lines))


def found_line(hit: SearchHit) -> Content:
    """`Found in evaluation · to improve: "…the TPS question…"`, the typed words marked."""
    excerpt = Content(hit.excerpt)
    for start, end in hit.spans:
        excerpt = excerpt.stylize("bold reverse", start, end)
    return Content.assemble(("Found in ", "dim"), (hit.where, "bold"), ': "', excerpt, '"')
