"""One application: its facts and the job ad, its rounds, the people met, how the promises
they made ended, and its timeline. `enter` on a round opens the interview; on a person,
their record."""

from __future__ import annotations

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from interview_journal import dates
from interview_journal.domain.applications import Application, application_status
from interview_journal.domain.model import Interview
from interview_journal.domain.promises import Promise, promise_ledger
from interview_journal.domain.status import effective_status
from interview_journal.errors import JournalError
from interview_journal.present.text import entry_line
from interview_journal.tui.screens.base import JournalAccess
from interview_journal.tui.widgets.application_parts import (
    KeyedOptions,
    PeopleList,
    ReadingPage,
    RoundList,
)
from interview_journal.tui.widgets.application_table import status_words
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.top_bar import TopBar

FOLDED_LINES = 4
"""A job ad longer than this many lines shows only its start until `o` unfolds it."""


class ApplicationScreen(JournalAccess, Screen[Application | None]):
    """Dismisses with the application (edited or not), or None when it is gone."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="back", tooltip="Back to the applications"),
        Binding("e", "edit", "Edit", id="edit_application", tooltip="Edit this application"),
        Binding(
            "o", "unfold", "Job ad", id="unfold_ad", tooltip="Show the whole job ad, or fold it"
        ),
        Binding(
            "R",
            "retro",
            "Retro",
            id="retro",
            tooltip="Look back on this application, and write what you take from it",
        ),
        Binding("tab", "app.focus_next", "Next list", id="next_list", tooltip="Rounds ⇄ people"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.application: Application | None = None
        self.unfolded = False

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield Static(id="detail-title")
        with ReadingPage(id="application"):
            # what acts first (the rounds and people on enter), then what is read
            yield Static(Content.from_markup("[b]Rounds[/b]"), classes="part-title")
            yield RoundList(id="rounds")
            yield Static(Content.from_markup("[b]People met[/b]"), classes="part-title")
            yield PeopleList(id="people")
            yield Static(id="application-takeaway")
            yield Static(id="application-promises")
            yield Static(id="application-facts")
            yield Static(id="application-ad")
            yield Static(id="application-timeline")
        yield FittedFooter()

    def on_mount(self) -> None:
        # pushed over a view: its tab stays lit, the other views one key away
        self.query_one(TopBar).show(self.app.current_mode, self.now())
        self.read_again()
        self.query_one(RoundList).focus()

    def on_screen_resume(self) -> None:
        """Back on top (a round, a person, the form or the retro closed above it, or one
        opened from that form): show what they changed."""
        if self.application is not None:
            self.read_again()

    def read_again(self) -> None:
        """Read the application and everything about it, and show it."""
        journal = self.journal
        try:
            application = journal.applications.get(self.application_id)
            rounds = journal.applications.rounds(self.application_id)
            entries = journal.applications.entries(self.application_id)
            people = journal.people.met_in(self.application_id)
        except JournalError as error:
            self.report(error, title="Not found")
            self.dismiss(None)
            return
        self.application, now = application, self.now()
        today = now.date()
        days = self.journal_app.settings.suggestions.ghosted_after_days
        status = application_status(application, rounds, entries, now, ghosted_after_days=days)
        self.query_one("#detail-title", Static).update(
            Content.from_markup(
                "[b]$title[/b]  $status", title=application.title, status=status_words(status)
            )
        )
        self._show_facts(application)
        self._show_takeaway(application)
        self._show_ad(application)
        self.query_one(RoundList).show(
            [(r.id or 0, _round_line(r, now)) for r in rounds],
            "No rounds yet: an interview you add for this company and role becomes one.",
        )
        self.query_one(PeopleList).show(
            [(p.id or 0, _person_line(p.name, p.role, p.email)) for p in people],
            "Nobody yet: the interviewers of its rounds appear here.",
        )
        self._show_promises(promise_ledger(rounds, entries, today, closed=status.is_closed), now)
        self._part(
            "#application-timeline",
            "Timeline",
            [entry_line(e, today) for e in entries],
            "Nothing on its timeline yet.",
        )

    def _show_promises(self, ledger: list[Promise], now: pendulum.DateTime) -> None:
        today, zone = now.date(), now.timezone or pendulum.UTC
        self._part(
            "#application-promises",
            "Promises",
            [
                f"{dates.format_day(dates.local(p.round.starts_at, zone).date(), today)}"
                f" {p.round.round_name}: feedback by {dates.format_day(p.promised, today)}"
                f" · {p.words(today)}"
                for p in ledger
            ],
            "No feedback date was promised yet.",
        )

    def _show_facts(self, application: Application) -> None:
        today = self.now().date()
        source = application.source.label if application.source else "—"
        if application.source_note:
            source += f" ({application.source_note})"
        applied = application.applied_on
        facts = [
            ("Source", source),
            ("Applied on", dates.format_day(applied, today) if applied else "—"),
            ("Location", application.location or "—"),
            ("Salary", application.salary or "—"),
            ("Job ad", application.job_ad_url or "—"),
            ("Notes", application.notes.strip() or "—"),
        ]
        width = max(len(label) for label, _ in facts)
        self.query_one("#application-facts", Static).update(
            Content("\n").join(
                Content.from_markup("[dim]$label[/dim]  $value", label=f"{label:<{width}}", value=v)
                for label, v in facts
            )
        )

    def _show_takeaway(self, application: Application) -> None:
        """What the user took from it (written in its retro), when there is something."""
        takeaway = self.query_one("#application-takeaway", Static)
        text = application.takeaway.strip()
        takeaway.display = bool(text)
        if text:
            takeaway.update(
                Content.from_markup(
                    "[b]What I take from it[/b]  [dim]R opens the retro[/dim]\n$text", text=text
                )
            )

    def _show_ad(self, application: Application) -> None:
        ad = self.query_one("#application-ad", Static)
        lines = application.job_ad_text.strip().splitlines()
        ad.display = bool(lines)
        if not lines:
            return
        shown = lines if self.unfolded else lines[:FOLDED_LINES]
        hint = ""
        if len(lines) > FOLDED_LINES:
            hint = (
                "o folds it"
                if self.unfolded
                else f"… {len(lines) - FOLDED_LINES} more lines: o shows them"
            )
        ad.update(
            Content.from_markup(
                "[b]Job ad[/b]\n$text$hint",
                text="\n".join(shown),
                hint=f"\n{hint}" if hint else "",
            )
        )

    def _part(self, selector: str, heading: str, lines: list[str], empty: str) -> None:
        self.query_one(selector, Static).update(
            Content.from_markup("[b]$heading[/b]\n$lines", heading=heading, lines="\n".join(lines))
            if lines
            else Content.from_markup(
                "[b]$heading[/b]\n[dim]$empty[/dim]", heading=heading, empty=empty
            )
        )

    # --- acting -----------------------------------------------------------------------

    @on(KeyedOptions.Chosen, "#rounds")
    def _open_round(self, event: KeyedOptions.Chosen) -> None:
        from interview_journal.tui.screens.interview_detail import InterviewDetailScreen

        self.app.push_screen(InterviewDetailScreen(event.key))

    @on(KeyedOptions.Chosen, "#people")
    def _edit_person(self, event: KeyedOptions.Chosen) -> None:
        from interview_journal.tui.screens.person_form import PersonFormScreen

        try:
            person = self.journal.people.get(event.key)
        except JournalError as error:
            self.failed(error)
            return
        self.app.push_screen(PersonFormScreen(person))

    def action_unfold(self) -> None:
        self.unfolded = not self.unfolded
        if self.application is not None:
            self._show_ad(self.application)

    def action_edit(self) -> None:
        from interview_journal.tui.screens.application_form import ApplicationFormScreen

        if self.application is not None:
            self.app.push_screen(ApplicationFormScreen(self.application))

    def action_retro(self) -> None:
        from interview_journal.tui.screens.retro import RetroScreen

        self.app.push_screen(RetroScreen(self.application_id))

    def action_back(self) -> None:
        self.dismiss(self.application)


def _round_line(round_: Interview, now: pendulum.DateTime) -> str:
    """ "Mon 23 Nov 10:00 (2 days ago) · screening · awaiting reply"."""
    when = f"{dates.format_exact(round_.starts_at, now)} ({dates.relative(round_.starts_at, now)})"
    return f"{when} · {round_.round_name} · {effective_status(round_, now).label}"


def _person_line(name: str, role: str, email: str) -> str:
    return " · ".join(part for part in (name, role, email) if part)
