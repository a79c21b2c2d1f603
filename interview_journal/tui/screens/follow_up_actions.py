"""Acting on follow-ups and suggestions: shared by the timeline and the daily review.

A screen mixes this in, provides `reload(keep)`, and passes the highlighted line.
What is decided is `services.follow_ups`'s; this module asks, says and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, TypeVar

from textual.content import Content

from interview_journal.domain.model import Interview, Status
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry, When
from interview_journal.domain.timeline_page import DatedItem, LineKey
from interview_journal.errors import JournalError, NotFoundError
from interview_journal.services import follow_ups
from interview_journal.services.follow_ups import REPLY_STATUSES, StatusQuestion
from interview_journal.tui.screens.base import JournalAccess

TYPED: Literal["date"] = "date"
SNOOZES: list[tuple[str, int | Literal["date"]]] = [
    ("1 day", 1),
    ("3 days", 3),
    ("1 week", 7),
    ("A date I type…", TYPED),
]
"""The snooze choices: the days of `follow_ups.SNOOZE_DAYS`, or a typed date."""
KEEP: Literal["keep"] = "keep"
"""After a reply: leave the status as it is."""

Saved = TypeVar("Saved")


class FollowUpActions(JournalAccess):
    """Done, snooze, accept, the drafted message, and the status question after a reply
    or an outcome."""

    if TYPE_CHECKING:

        def reload(self, keep: LineKey | None = None) -> None:
            """Read the screen's lines again, keeping the cursor on `keep` (the screen's own)."""

    def _write(
        self, write: Callable[[], Saved], about: int | None, *, title: str = "Not saved"
    ) -> Saved | None:
        """Write, or say why not (None then)."""
        try:
            return write()
        except NotFoundError as error:
            self.failed(error, about=about)  # deleted in another window
        except JournalError as error:
            self.report(error, title=title)
        return None

    def mark_done(self, target: DatedItem) -> None:
        """Mark the entry done now (a suggestion is recorded as done at once)."""
        now = self.now()
        company = target.interview.company
        suggestion = target.suggestion
        if suggestion is not None:
            self._add(
                lambda: follow_ups.done_suggestion(self.journal, suggestion, now),
                suggestion,
                f"Done: {suggestion.kind.label} for {company}.",
            )
            return
        entry = target.entry
        if entry is None or entry.id is None:
            return
        if entry.is_done:
            self.notify("Already done. z plans it again for a later date.", timeout=4)
            return
        entry_id = entry.id
        saved = self._write(
            lambda: follow_ups.mark_done(self.journal, entry_id, now), entry.interview_id
        )
        if saved is None:
            return
        self.notify(f"Done: {saved.title} for {company}.", timeout=3)
        self.reload(LineKey.of_entry(saved.id))
        self._offer_status(saved)

    def draft_message(self, target: DatedItem) -> None:
        """Open the drafted message of a follow-up or a thank-you note (planned, or
        suggested), or say in one line why this line has none."""
        from interview_journal.services import messages
        from interview_journal.tui.screens.message import MessageScreen

        refused = cannot_draft(target)
        if refused:
            self.notify(refused, timeout=5)
            return
        settings = self.journal_app.settings
        now = self.now()
        entry, suggestion = target.entry, target.suggestion
        if suggestion is not None:
            chosen = suggestion
            draft = self._write(
                lambda: messages.draft_for_suggestion(self.journal, chosen, now, settings),
                target.interview.id,
                title="No draft",
            )
        elif entry is not None and entry.id is not None:
            entry_id = entry.id
            draft = self._write(
                lambda: messages.draft_for_entry(self.journal, entry_id, now, settings),
                entry.interview_id,
                title="No draft",
            )
        else:
            return
        if draft is None:
            return
        self.app.push_screen(
            MessageScreen(draft, target.interview, entry=entry, suggestion=suggestion),
            self._after_sent,
        )

    def _after_sent(self, saved: Entry | None) -> None:
        if saved is None:
            return
        company = self._company_of(saved)
        self.notify(f"Sent: {saved.title}{company}. The message is kept in its note.", timeout=4)
        self.reload(LineKey.of_entry(saved.id))

    def _company_of(self, entry: Entry) -> str:
        try:
            return f" to {self.journal.get_interview(entry.interview_id).company}"
        except JournalError:
            return ""

    def snooze(self, target: DatedItem) -> None:
        """Ask until when (1 day, 3 days, 1 week, or a typed date), then move it there."""
        from interview_journal.tui.dialogs.ask_date import AskDateScreen
        from interview_journal.tui.dialogs.choose import ChooseScreen

        due = target.entry.due if target.entry is not None else None

        def typed(when: When | None) -> None:
            if when is not None:
                self._snooze_to(target, follow_ups.snoozed_to(due, when))

        def chosen(choice: int | Literal["date"] | None) -> None:
            if choice is None:
                return
            if choice == TYPED:
                self.app.push_screen(
                    AskDateScreen("Snooze until", "mon · in 2 weeks · 2026-12-07"), typed
                )
                return
            today = self.now().date()
            self._snooze_to(target, follow_ups.snoozed_by(due, today, choice))

        self.app.push_screen(ChooseScreen("Snooze until…", SNOOZES), chosen)

    def _snooze_to(self, target: DatedItem, when: When) -> None:
        shown = f"{when.day:%a} {when.day.day} {when.day:%b}"
        company = target.interview.company
        entry, suggestion = target.entry, target.suggestion

        def write() -> Entry | None:
            return follow_ups.snooze(self.journal, when, entry=entry, suggestion=suggestion)

        if suggestion is not None:
            kind = suggestion.kind.label
            self._add(write, suggestion, f"Planned for {shown}: {kind}, {company}.")
            return
        if entry is None or entry.id is None:
            return
        saved = self._write(write, entry.interview_id)
        if saved is None:
            return
        self.notify(f"Snoozed until {shown}.", timeout=3)
        self.reload(LineKey.of_entry(saved.id))

    def accept(self, suggestion: Suggestion) -> None:
        """Plan the suggested entry (asks for a reason first when the rule has none)."""
        if not suggestion.reason:
            self.open_form_for(suggestion)
            return
        shown = f"{suggestion.due:%a} {suggestion.due.day} {suggestion.due:%b}"
        self._add(
            lambda: follow_ups.accept(self.journal, suggestion),
            suggestion,
            f"Planned: {suggestion.kind.label} for {suggestion.interview.company}, {shown}. "
            "e edits it.",
        )

    def open_form_for(self, suggestion: Suggestion) -> None:
        from interview_journal.tui.screens.entry_form import EntryFormScreen

        entry = suggestion.to_entry()
        people = suggestion.interview.interviewers
        self.app.push_screen(
            EntryFormScreen(
                suggestion.interview,
                kind=entry.kind,
                due=entry.due,
                reason=entry.reason,
                suggestion=entry.suggestion,
                contact=people[0].name if people else "",
            ),
            self.after_save,
        )

    def edit_entry(self, interview: Interview, entry: Entry) -> None:
        from interview_journal.tui.screens.entry_form import EntryFormScreen

        self.app.push_screen(EntryFormScreen(interview, entry), self.after_save)

    def after_save(self, saved: Entry | None) -> None:
        if saved is None:
            return
        self.reload(LineKey.of_entry(saved.id))
        self._offer_status(saved)

    def _add(self, write: Callable[[], Entry | None], suggestion: Suggestion, message: str) -> None:
        """Save an entry made from `suggestion`, say `message`, and show it."""
        saved = self._write(write, suggestion.interview.id)  # its interview may be gone
        if saved is None:
            return
        self.notify(message, timeout=4)
        self.reload(LineKey.of_entry(saved.id))

    def _offer_status(self, entry: Entry) -> None:
        """A reply or an outcome usually changes where the process stands: offer to record it."""
        question = follow_ups.status_question(self.journal, entry)
        if question is None:
            return
        if question.implied is not None:
            self._confirm_status(question, question.implied)
        else:
            self._ask_status(question)

    def _set_status(self, question: StatusQuestion, status: Status) -> None:
        interview = question.interview
        written = self._write(
            lambda: follow_ups.set_status(self.journal, interview, status),
            interview.id,
            title="Status not changed",
        )
        if written is None:
            return
        self.notify(f"{interview.title} is now {status.label}.", timeout=4)
        self.reload(LineKey.of_entry(question.entry.id))

    def _confirm_status(self, question: StatusQuestion, implied: Status) -> None:
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                Content.from_markup(
                    "Set [b]$title[/b] to [b]$status[/b]?",
                    title=question.interview.title,
                    status=implied.label,
                ),
                f"You recorded {question.entry.title}.",
                confirm="Set status",
                cancel="Leave it",
            ),
            lambda yes: self._set_status(question, implied) if yes else None,
        )

    def _ask_status(self, question: StatusQuestion) -> None:
        from interview_journal.tui.dialogs.choose import ChooseScreen

        choices: list[tuple[str, Status | Literal["keep"]]] = [
            ("Still waiting (leave the status)", KEEP)
        ]
        choices += [(status.label.capitalize(), status) for status in REPLY_STATUSES]
        company = question.interview.company

        def chosen(choice: Status | Literal["keep"] | None) -> None:
            if choice is not None and choice != KEEP:
                self._set_status(question, choice)

        self.app.push_screen(
            ChooseScreen(f"They replied. Where does {company} stand now?", choices), chosen
        )


def cannot_draft(target: DatedItem) -> str:
    """Why `m` has no message to draft on this line ("" when it has one): only an
    outgoing entry (a follow-up, a thank-you note) not yet done, or a suggestion of one."""
    if target.suggestion is not None:
        kind = target.suggestion.kind
        if kind.is_outgoing:
            return ""
        return f"m drafts follow-ups and thank-you notes; this suggestion is a {kind.label}."
    entry = target.entry
    if entry is None:
        return (
            "m drafts a message for a follow-up or a thank-you note; this line is about the "
            "interview itself."
        )
    if not entry.kind.is_outgoing:
        return f"m drafts follow-ups and thank-you notes; this line is a {entry.kind.label}."
    if entry.is_done:
        return f"This {entry.kind.label} is already done: there is nothing left to send."
    return ""
