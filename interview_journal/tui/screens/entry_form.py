"""Add or edit a timeline entry: what, when (planned or done), and what to say.

Like the interview form: each field is checked as it is typed, dates are echoed in
full, typing is kept as a draft, and nothing is saved until every field is valid. A
follow-up without a reason is saved only after the user has been asked once.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pendulum
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from interview_journal import dates
from interview_journal.domain.entry_fields import (
    ENTRY_FIELDS,
    NO_REASON_QUESTION,
    needs_reason,
    new_entry,
    parse_entry_fields,
)
from interview_journal.domain.fields import Field
from interview_journal.domain.model import Interview
from interview_journal.domain.plausible import entry_doubts
from interview_journal.domain.retro import ends_application, wants_retro
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.errors import JournalError
from interview_journal.tui.screens.form import FormScreen, day_text, form_bindings, jump_bindings
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.person_input import PersonInput

ORDER = ["due", "reason", "kind", "done", "channel", "contact", "note", "outcome"]
"""When and why first: what a follow-up needs typed. The kind comes from the key that
opened the form and is rarely changed; the rest is optional."""
DATE_FIELDS = frozenset({"due", "done"})
JUMPS = {
    "kind": "k",
    "due": "p",
    "done": "d",
    "channel": "h",
    "contact": "c",
    "reason": "r",
    "note": "n",
    "outcome": "o",
}
"""alt+letter to each field: the letter is underlined in its label."""
SELECTS: dict[str, list[tuple[str, str]]] = {
    "kind": [(kind.label, kind.value) for kind in EntryKind],
    "channel": [(channel.label, channel.value) for channel in Channel],
    "outcome": [(outcome.value, outcome.value) for outcome in Outcome],
}


def _when_text(name: str, when: When | None, now: pendulum.DateTime) -> str:
    """The date as the rest of the app says it ("Fri 4 Dec 10:00"), read back the same."""
    if when is None:
        return ""
    return day_text(
        when.day,
        when.at,
        now.date(),
        lambda text: parse_entry_fields({name: text}, now)[0].get(name),
    )


def entry_texts(entry: Entry, now: pendulum.DateTime) -> dict[str, str]:
    return {
        "kind": entry.kind.value,
        "due": _when_text("due", entry.due, now),
        "done": _when_text("done", entry.done, now),
        "channel": entry.channel.value if entry.channel else "",
        "contact": entry.contact,
        "reason": entry.reason,
        "note": entry.note,
        "outcome": entry.outcome.value if entry.outcome else "",
    }


class EntryFormScreen(FormScreen[Entry]):
    """Returns the saved entry, or None when cancelled."""

    FIELDS = ENTRY_FIELDS
    ORDER = ORDER
    SELECTS = SELECTS
    BLANK_CHOICES = frozenset({"channel", "outcome"})
    DEFAULT_CHOICE = EntryKind.FOLLOW_UP.value
    DATE_FIELDS = DATE_FIELDS
    LONG_FIELDS = frozenset({"reason", "note"})
    LONG_CLASSES = "short-text"
    JUMPS = JUMPS
    BINDINGS = [*form_bindings("Check and save"), *jump_bindings(JUMPS, ENTRY_FIELDS)]

    def __init__(self, interview: Interview, entry: Entry | None = None, **start: Any) -> None:
        """`entry` to edit one; otherwise `start` holds what a new one starts with."""
        super().__init__()
        assert interview.id is not None
        self.interview = interview
        self.about_interview = interview.id
        self.entry = entry
        self.start = entry or Entry(
            interview_id=interview.id, kind=EntryKind.FOLLOW_UP
        ).with_changes(**start)
        self.draft_kind = f"entry-form:{entry.id}" if entry else f"entry-form:new:{interview.id}"
        self._asked_reason = False

    def compose(self) -> ComposeResult:
        verb = "Edit entry" if self.entry else "New entry"
        yield Static(
            Content.from_markup("$verb · [b]$title[/b]", verb=verb, title=self.interview.title),
            id="form-title",
        )
        yield from self.compose_fields()
        yield FittedFooter()

    def own_widget(self, field: Field) -> Widget | None:
        if field.name != "contact":
            return None
        contact = PersonInput(
            self._people_named,
            placeholder=f"{field.placeholder} — → takes a suggested name",
            id="field-contact",
            select_on_focus=False,
        )
        contact.company = self.interview.company  # the people met there come first
        return contact

    def _people_named(self, company: str, typed: str) -> list[str]:
        """(in a thread) The names to offer as the contact."""
        return [person.name for person in self.journal.people.names_for(company, typed)]

    def on_mount(self) -> None:
        self._initial = entry_texts(self.start, self.now())
        self.restore_draft()
        for name in DATE_FIELDS:
            self._echo(name, self.texts()[name])
        self.show_doubts(self.doubts())
        self._show_outcome()
        # the first field, unless what it asks is already given (a suggestion's date)
        first = "reason" if self.entry is None and self.start.due is not None else ORDER[0]
        if not self.start.kind.is_outgoing and self.entry is None:
            first = "done" if self.start.done is None else "kind"
        self.query_one(f"#field-{first}").focus()
        self.warm_date_parser()

    # --- checking as you type ---------------------------------------------------------

    def _show_outcome(self) -> None:
        is_outcome = self.texts()["kind"] == EntryKind.OUTCOME.value
        for part in ("#field-outcome", "#outcome-label"):
            self.query_one(part).display = is_outcome
        if not is_outcome:
            self.show_error("outcome", "")

    def _echo(self, name: str, text: str) -> None:
        echo = self.query_one(f"#{name}-echo", Static)
        values, errors = parse_entry_fields({name: text}, self.now())
        when = values.get(name)
        if not text.strip() or name in errors or not isinstance(when, When):
            echo.update("")
            echo.display = False
            return
        today = self.now().date()
        shown = dates.format_day(when.day, today) + (f" {when.at:%H:%M}" if when.at else "")
        echo.update(f"→ {escape(shown)} ({dates.relative_day(when.day, today)})")
        echo.display = True

    def doubts(self) -> dict[str, str]:
        """Doubts about the dates that can be read now (see `domain.plausible`)."""
        texts = self.texts()
        if all(texts[name] == self._initial.get(name) for name in DATE_FIELDS):
            return {}  # dates as they were saved: asked about when they were typed
        now = self.now()
        values, _ = parse_entry_fields({name: texts[name] for name in DATE_FIELDS}, now)
        return entry_doubts(values, now.date())

    def _errors(self) -> dict[str, str]:
        texts = self.texts()
        if texts["kind"] != EntryKind.OUTCOME.value:
            texts["outcome"] = ""
        _, errors = parse_entry_fields(texts, self.now())
        return errors

    def _check(self, only: str | None = None) -> dict[str, str]:
        errors = self._errors()
        for name in ORDER:
            if only is None or name == only:
                self.show_error(name, errors.get(name, ""))
        return errors

    def field_changed(self, name: str) -> None:
        if name == "kind":
            self._show_outcome()
        if name in DATE_FIELDS:
            self._echo(name, self.texts()[name])
            errors = self._errors()
            message = errors.get(name, "")
            if name == "due" and "planned date" in message:
                message = ""  # do not nag while the other date may still be typed
            self.show_error(name, message)
            self.show_doubts(self.doubts())
        elif name in ORDER and self.query_one(f"#{name}-error", Static).display:
            self._check(name)

    @on(Input.Blurred)
    def _left_field(self) -> None:
        self.saver.write_soon()

    # --- saving and leaving -----------------------------------------------------------

    def action_save(self) -> None:
        errors = self._check()
        if errors:
            first = next(name for name in ORDER if name in errors)
            self.query_one(f"#field-{first}").focus()
            self.notify("Fix the marked field; nothing was saved.", severity="warning", timeout=5)
            return
        if self.doubts_hold_save(self.doubts()):
            return
        texts = self.texts()
        if texts["kind"] != EntryKind.OUTCOME.value:
            texts["outcome"] = ""
        values, _ = parse_entry_fields(texts, self.now())
        if self.entry is None:
            entry = new_entry(self.interview.id or 0, values).with_changes(
                suggestion=self.start.suggestion
            )
        else:
            entry = self.entry.with_changes(**values)
        if needs_reason(entry) and not self._asked_reason:
            self._ask_reason(entry)
            return
        self._save(entry)

    def _ask_reason(self, entry: Entry) -> None:
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        self._asked_reason = True

        def answered(save: bool | None) -> None:
            if save:
                self._save(entry)
            else:
                self.query_one("#field-reason").focus()

        question, _, rest = NO_REASON_QUESTION.partition(" — ")
        self.app.push_screen(
            ConfirmScreen(
                question + ".",
                "No reason is written for this follow-up. " + rest.capitalize(),
                confirm="Save anyway",
                cancel="Write a reason",
            ),
            answered,
        )

    def _save(self, entry: Entry) -> None:
        said = partial(_said, self.now().date())
        saved: list[Entry] = []

        def kept(written: Entry) -> Entry:
            saved.append(written)
            return written

        if self.entry is None:
            self.save_with(lambda: kept(self.journal.add_entry(entry)), said)
        else:
            self.save_with(lambda: kept(self.journal.update_entry(entry)), said)
        if saved and ends_application(self.entry, saved[0]):
            self._offer_retro()

    def _offer_retro(self) -> None:
        """A rejection or a withdrawal was just recorded: the application's retro opens
        (once: not when a takeaway is written already)."""
        from interview_journal.tui.screens.retro import RetroScreen

        application_id = self.interview.application_id
        if application_id is None:
            return
        try:
            application = self.journal.applications.get(application_id)
        except JournalError:
            return  # the entry is saved; the retro can wait for `R`
        if wants_retro(application):
            self.app.push_screen(RetroScreen(application_id))

    def action_cancel(self) -> None:
        self.ask_to_discard(
            "Discard this entry?" if self.entry is None else "Discard your changes?"
        )


def _said(today: date, saved: Entry) -> str:
    when = saved.when
    day = dates.format_day(when.day, today)
    return f"Saved: {saved.title}, {day}{f' {when.at:%H:%M}' if when.at else ''}."
