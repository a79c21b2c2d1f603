"""Add or edit an application: the role, where it came from, the ad as pasted.

A form like the interview's (see `FormScreen`): each field checked as it is typed, the
applied-on date echoed in full, a draft kept as you type, nothing saved until every
field is valid.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from interview_journal import dates
from interview_journal.dates import Lean, parse_optional_day
from interview_journal.domain import validation
from interview_journal.domain.applications import ENDINGS, Application, Source
from interview_journal.domain.fields import Field, parse_each
from interview_journal.domain.retro import newly_ended, wants_retro
from interview_journal.errors import InputError
from interview_journal.tui.screens.form import (
    Choices,
    FormScreen,
    Saved,
    day_text,
    form_bindings,
)
from interview_journal.tui.widgets.editor_area import EditorArea, edit_outside, editor_binding
from interview_journal.tui.widgets.footer_fit import FittedFooter

if TYPE_CHECKING:
    import pendulum


def _source(text: str) -> Source | None:
    return validation.parse_choice(text, Source, "source") if text.strip() else None


def _ended(text: str) -> Any:
    if not text.strip():
        return None
    ended = {status.value: status for status in ENDINGS}.get(text.strip())
    if ended is None:
        raise InputError("How it ended is one of: accepted, rejected, withdrawn.")
    return ended


APPLICATION_FIELDS: dict[str, Field] = {
    field.name: field
    for field in [
        Field("company", "Company", "Initech", lambda t, _: validation.parse_company(t)),
        Field("role", "Role", "Analyst", lambda t, _: validation.parse_line(t, "Role")),
        Field(
            "job_ad_url",
            "Job ad link",
            "https://jobs.example.com/42",
            lambda t, _: validation.parse_url(t),
        ),
        Field(
            "job_ad_text",
            "Job ad (paste it: kept for the prep sheet)",
            "Paste the ad here",
            lambda t, _: validation.check_text(t, "Job ad", limit=validation.MAX_LONG),
        ),
        Field("source", "Source", "referral", lambda t, _: _source(t)),
        Field(
            "source_note",
            "Source note",
            "Referred by M. Waddams",
            lambda t, _: validation.parse_line(t, "Source note"),
        ),
        Field(
            "applied_on",
            "Applied on",
            "today · mon · 3 nov",
            lambda t, now: parse_optional_day(t, now, Lean.PAST),
        ),
        Field(
            "location",
            "Location",
            "Oslo · remote · hybrid",
            lambda t, _: validation.parse_line(t, "Location"),
        ),
        Field("salary", "Salary", "55-60k", lambda t, _: validation.parse_line(t, "Salary")),
        Field("ended", "How it ended", "", lambda t, _: _ended(t)),
        Field(
            "notes",
            "Notes",
            "Why this role? What do I know about the team?",
            lambda t, _: validation.check_text(t, "Notes", limit=validation.MAX_LONG),
        ),
    ]
}
ORDER = list(APPLICATION_FIELDS)


def _applied(text: str, now: pendulum.DateTime) -> object:
    return APPLICATION_FIELDS["applied_on"].parse(text, now)


SELECTS: Choices = {
    "source": [(source.label, source.value) for source in Source],
    "ended": [(status.label, status.value) for status in ENDINGS],
}


def texts_of(application: Application | None, now: pendulum.DateTime) -> dict[str, str]:
    """What the form shows for an application (or a new one): one text per field, the
    day applied in the app's words (read back the same)."""
    if application is None:
        return dict.fromkeys(ORDER, "")
    applied = application.applied_on
    return {
        "company": application.company,
        "role": application.role,
        "job_ad_url": application.job_ad_url,
        "job_ad_text": application.job_ad_text,
        "source": application.source.value if application.source else "",
        "source_note": application.source_note,
        "applied_on": day_text(applied, None, now.date(), partial(_applied, now=now))
        if applied
        else "",
        "location": application.location,
        "salary": application.salary,
        "ended": application.ended.value if application.ended else "",
        "notes": application.notes,
    }


class CheckedForm(FormScreen[Saved]):
    """A form whose fields are each checked by their own parser (`FIELDS`), with at most
    one date echoed under its field (`ECHOED`): the application's and the person's."""

    ECHOED: ClassVar[str] = ""
    NOTES: ClassVar[str] = "notes"
    """The text box ctrl+e opens when the focus is on no text."""

    def _echo(self, text: str) -> None:
        echo = self.query_one(f"#{self.ECHOED}-echo", Static)
        values, errors = parse_each(self.FIELDS, {self.ECHOED: text}, self.now())
        day = values.get(self.ECHOED)
        echo.display = day is not None and not errors
        if day is not None:
            today = self.now().date()
            echo.update(
                Content(f"→ {dates.format_day(day, today)} ({dates.relative_day(day, today)})")
            )

    def _check(self, name: str, *, show_required: bool = True) -> bool:
        text = self.texts()[name]
        _, errors = parse_each(self.FIELDS, {name: text}, self.now())
        message = errors.get(name, "")
        if message and not show_required and not text.strip():
            message = ""
        self.show_error(name, message)
        if name == self.ECHOED:
            self._echo(text)
        return name not in errors

    def validate_all(self, *, show_required: bool = True) -> list[str]:
        """Check every field; the names of the invalid ones, top to bottom."""
        return [n for n in self.ORDER if not self._check(n, show_required=show_required)]

    def field_changed(self, name: str) -> None:
        if name == self.ECHOED:
            self._check(name, show_required=False)
        elif name in self.FIELDS and self.query_one(f"#{name}-error", Static).display:
            self._check(name)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in self.FIELDS and event.input.value.strip():
            self._check(name)
        self.saver.write_soon()

    def open_form(self, initial: dict[str, str], first: str) -> None:
        """On mount: the texts it opens with (or a draft over them), `first` focused."""
        self._initial = initial
        if self.restore_draft():
            self.validate_all(show_required=False)
        if self.ECHOED:
            self._echo(self.texts()[self.ECHOED])
        self.query_one(f"#field-{first}").focus()
        self.warm_date_parser()

    def checked_values(self) -> dict[str, Any] | None:
        """Every field parsed; None (the first bad field focused, and said) if any is not."""
        invalid = self.validate_all()
        if invalid:
            self.query_one(f"#field-{invalid[0]}").focus()
            count = len(invalid)
            self.notify(
                f"{count} field{'s' if count > 1 else ''} to fix before saving; nothing was saved.",
                severity="warning",
                timeout=5,
            )
            return None
        values, _ = parse_each(self.FIELDS, self.texts(), self.now())
        return values

    async def action_editor(self) -> None:
        """The editor opens on the field the cursor is in (the notes from anywhere else)."""
        field = self.focused
        if not isinstance(field, TextArea | Input):
            field = self.query_one(f"#field-{self.NOTES}", EditorArea)
        await self.saver.flush()  # a signal while the editor is open must not lose typing
        if edit_outside(field):
            self.saver.changed()
        field.focus()


class ApplicationFormScreen(CheckedForm[Application]):
    """Returns the saved application, or None when left."""

    FIELDS = APPLICATION_FIELDS
    ORDER = ORDER
    SELECTS = SELECTS
    BLANK_CHOICES = frozenset({"source", "ended"})
    DATE_FIELDS = frozenset({"applied_on"})
    ECHOED = "applied_on"
    LONG_FIELDS = frozenset({"job_ad_text", "notes"})
    REQUIRED = frozenset({"company"})
    BINDINGS = [
        *form_bindings("Check every field and save"),
        editor_binding("Write the field you are in (or the notes) in $VISUAL / $EDITOR"),
    ]

    def __init__(self, application: Application | None) -> None:
        super().__init__()
        self.application = application
        self.draft_kind = f"application-form:{application.id if application else 'new'}"

    def compose(self) -> ComposeResult:
        heading = (
            Content.from_markup("Edit [b]$title[/b]", title=self.application.title)
            if self.application
            else Content.from_markup("[b]New application[/b]")
        )
        yield Static(heading, id="form-title")
        yield from self.compose_fields()
        yield FittedFooter()

    def on_mount(self) -> None:
        self.open_form(texts_of(self.application, self.now()), "company")

    def action_save(self) -> None:
        values = self.checked_values()
        if values is None:
            return
        applications = self.journal.applications
        saved: list[Application] = []

        def kept(application: Application) -> Application:
            saved.append(application)
            return application

        if self.application is None:
            new = Application(company=values.pop("company")).with_changes(**values)
            self.save_with(lambda: kept(applications.add(new)), _said)
        else:
            changed = self.application.with_changes(**values)
            self.save_with(lambda: kept(applications.update(changed)), _said)
        if saved:
            self._offer_retro(saved[0])

    def _offer_retro(self, saved: Application) -> None:
        """The user has just said how it ended: its retro opens (once: not when a takeaway
        is written already)."""
        from interview_journal.tui.screens.retro import RetroScreen

        if saved.id is not None and newly_ended(self.application, saved) and wants_retro(saved):
            self.app.push_screen(RetroScreen(saved.id))

    def action_cancel(self) -> None:
        self.ask_to_discard(
            "Discard this new application?" if self.application is None else "Discard your changes?"
        )


def _said(saved: Application) -> str:
    return f"Saved {saved.title}."
