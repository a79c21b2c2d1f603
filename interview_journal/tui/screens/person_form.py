"""Edit a person met on the way: how to reach them and what to remember about them.

A new name reaches every interview and follow-up that named them (the store does it).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from interview_journal.domain import validation
from interview_journal.domain.fields import Field
from interview_journal.domain.people import PersonRecord
from interview_journal.errors import InputError
from interview_journal.tui.screens.application_form import CheckedForm
from interview_journal.tui.screens.form import form_bindings
from interview_journal.tui.widgets.editor_area import editor_binding
from interview_journal.tui.widgets.footer_fit import FittedFooter


def _name(text: str) -> str:
    name = validation.parse_line(text, "Name")
    if not name:
        raise InputError('A person needs a name, e.g. "B. Lumbergh".')
    return name


PERSON_FIELDS: dict[str, Field] = {
    field.name: field
    for field in [
        Field("name", "Name", "B. Lumbergh", lambda t, _: _name(t)),
        Field("role", "Role", "Hiring manager", lambda t, _: validation.parse_line(t, "Role")),
        Field("company", "Company", "Initech", lambda t, _: validation.parse_line(t, "Company")),
        Field(
            "email",
            "E-mail",
            "bill@initech.example",
            lambda t, _: validation.parse_line(t, "E-mail"),
        ),
        Field("phone", "Phone", "+46 70 123 45 67", lambda t, _: validation.parse_line(t, "Phone")),
        Field(
            "url",
            "LinkedIn or any link",
            "https://www.linkedin.com/in/…",
            lambda t, _: validation.parse_url(t, "Link"),
        ),
        Field(
            "notes",
            "Notes",
            "Likes concrete numbers; asked about on-call",
            lambda t, _: validation.check_text(t, "Notes", limit=validation.MAX_LONG),
        ),
    ]
}


def texts_of(person: PersonRecord) -> dict[str, str]:
    return {name: str(getattr(person, name)) for name in PERSON_FIELDS}


class PersonFormScreen(CheckedForm[PersonRecord]):
    """Returns the saved person, or None when left."""

    FIELDS = PERSON_FIELDS
    ORDER = list(PERSON_FIELDS)
    SELECTS = {}
    BLANK_CHOICES = frozenset()
    DATE_FIELDS = frozenset()
    LONG_FIELDS = frozenset({"notes"})
    REQUIRED = frozenset({"name"})
    BINDINGS = [
        *form_bindings("Check every field and save"),
        editor_binding("Write the field you are in (or the notes) in $VISUAL / $EDITOR"),
    ]

    def __init__(self, person: PersonRecord) -> None:
        super().__init__()
        self.person = person
        self.draft_kind = f"person-form:{person.id}"

    def compose(self) -> ComposeResult:
        yield Static(
            Content.from_markup("Edit [b]$name[/b]", name=self.person.name), id="form-title"
        )
        yield from self.compose_fields()
        yield FittedFooter()

    def on_mount(self) -> None:
        self.open_form(texts_of(self.person), "name")

    def action_save(self) -> None:
        values = self.checked_values()
        if values is None:
            return
        changed = self.person.with_changes(**values)
        self.save_with(lambda: self.journal.people.update(changed), lambda p: f"Saved {p.name}.")

    def action_cancel(self) -> None:
        self.ask_to_discard("Discard your changes?")
