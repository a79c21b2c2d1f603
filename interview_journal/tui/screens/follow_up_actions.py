"""Acting on follow-ups and suggestions: shared by the timeline and the daily review.

A screen mixes this in, provides `reload(keep_key)`, and passes the highlighted line
(anything with `entry`, `suggestion` and `interview`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from textual.content import Content

from interview_journal.domain.model import Interview, Status
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry, EntryKind, When, status_after
from interview_journal.errors import JournalError, NotFoundError
from interview_journal.tui.screens.base import JournalAccess

SNOOZES = [("1 day", "1"), ("3 days", "3"), ("1 week", "7"), ("A date I type…", "date")]


class Target(Protocol):
    """A line that is about a follow-up: a planned entry or a suggestion."""

    @property
    def entry(self) -> Entry | None: ...

    @property
    def suggestion(self) -> Suggestion | None: ...

    @property
    def interview(self) -> Interview: ...


class FollowUpActions(JournalAccess):
    """Done, snooze, accept, and the status question after a reply or an outcome."""

    def reload(self, keep_key: str | None = None) -> None:
        raise NotImplementedError

    def mark_done(self, target: Target) -> None:
        """Mark the entry done now (a suggestion is recorded as done at once)."""
        now_when = When.of(self.now())
        company = target.interview.company
        if target.suggestion is not None:
            accepted = target.suggestion.to_entry().with_changes(done=now_when)
            self._add(accepted, f"Done: {accepted.kind.label} for {company}.")
            return
        entry = target.entry
        if entry is None or entry.id is None:
            return
        if entry.is_done:
            self.notify("Already done. z plans it again for a later date.", timeout=4)
            return
        try:
            saved = self.journal.mark_done(entry.id, now_when)
        except NotFoundError as error:
            self.failed(error, about=entry.interview_id)  # deleted in another window
            return
        except JournalError as error:
            self.report(error)
            return
        self.notify(f"Done: {saved.title} for {company}.", timeout=3)
        self.reload(keep_key=f"entry:{saved.id}")
        self._offer_status(saved)

    def snooze(self, target: Target) -> None:
        """Ask until when (1 day, 3 days, 1 week, or a typed date), then move it there."""
        from interview_journal.tui.dialogs.ask_date import AskDateScreen
        from interview_journal.tui.dialogs.choose import ChooseScreen

        due = target.entry.due if target.entry is not None else None

        def typed(when: When | None) -> None:
            if when is None:
                return
            if when.at is None and due is not None and due.at is not None:
                when = When(when.day, due.at)  # a typed day keeps the planned time
            self._snooze_to(target, when)

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            if choice == "date":
                self.app.push_screen(
                    AskDateScreen("Snooze until", "mon · in 2 weeks · 2026-12-07"), typed
                )
                return
            today = self.now().date()
            base = max(due.day, today) if due is not None else today
            at = due.at if due is not None else None
            self._snooze_to(target, When(base + timedelta(days=int(choice)), at))

        self.app.push_screen(ChooseScreen("Snooze until…", SNOOZES), chosen)

    def _snooze_to(self, target: Target, when: When) -> None:
        shown = f"{when.day:%a} {when.day.day} {when.day:%b}"
        company = target.interview.company
        if target.suggestion is not None:
            entry = target.suggestion.to_entry().with_changes(due=when)
            self._add(entry, f"Planned for {shown}: {entry.kind.label}, {company}.")
            return
        if target.entry is None or target.entry.id is None:
            return
        try:
            saved = self.journal.snooze(target.entry.id, when)
        except NotFoundError as error:
            self.failed(error, about=target.entry.interview_id)
            return
        except JournalError as error:
            self.report(error)
            return
        self.notify(f"Snoozed until {shown}.", timeout=3)
        self.reload(keep_key=f"entry:{saved.id}")

    def accept(self, suggestion: Suggestion) -> None:
        """Plan the suggested entry (asks for a reason first when the rule has none)."""
        if not suggestion.reason:
            self.open_form_for(suggestion)
            return
        shown = f"{suggestion.due:%a} {suggestion.due.day} {suggestion.due:%b}"
        self._add(
            suggestion.to_entry(),
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
        self.reload(keep_key=f"entry:{saved.id}")
        self._offer_status(saved)

    def _add(self, entry: Entry, message: str) -> None:
        try:
            saved = self.journal.add_entry(entry)
        except NotFoundError as error:
            self.failed(error, about=entry.interview_id)  # its interview was deleted
            return
        except JournalError as error:
            self.report(error)
            return
        self.notify(message, timeout=4)
        self.reload(keep_key=f"entry:{saved.id}")

    def _offer_status(self, entry: Entry) -> None:
        """A reply or an outcome usually changes where the process stands: offer to record it."""
        from interview_journal.tui.dialogs.choose import ChooseScreen
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        try:
            interview = self.journal.get_interview(entry.interview_id)
        except JournalError:
            return
        implied = status_after(entry)

        def set_status(status: Status) -> None:
            try:
                self.journal.update_interview(interview.with_changes(status=status))
            except NotFoundError as error:
                self.failed(error, about=interview.id)
                return
            except JournalError as error:
                self.report(error, title="Status not changed")
                return
            self.notify(f"{interview.title} is now {status.label}.", timeout=4)
            self.reload(keep_key=f"entry:{entry.id}")

        if implied is not None and interview.status is not implied:
            self.app.push_screen(
                ConfirmScreen(
                    Content.from_markup(
                        "Set [b]$title[/b] to [b]$status[/b]?",
                        title=interview.title,
                        status=implied.label,
                    ),
                    f"You recorded {entry.title}.",
                    confirm="Set status",
                    cancel="Leave it",
                ),
                lambda yes: set_status(implied) if yes else None,
            )
        elif entry.kind is EntryKind.REPLY and entry.is_done:
            choices = [
                ("Still waiting (leave the status)", "keep"),
                (Status.NEXT_ROUND.label.capitalize(), Status.NEXT_ROUND.value),
                (Status.OFFER.label.capitalize(), Status.OFFER.value),
                (Status.REJECTED.label.capitalize(), Status.REJECTED.value),
            ]
            self.app.push_screen(
                ChooseScreen(f"They replied. Where does {interview.company} stand now?", choices),
                lambda chosen: set_status(Status(chosen)) if chosen not in (None, "keep") else None,
            )
