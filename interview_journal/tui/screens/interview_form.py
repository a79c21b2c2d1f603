"""Add or edit an interview: one field per line, checked as you go, nothing lost.

What is typed is kept as a draft (see `FormScreen`); opening the form again brings it
back. Saving checks every field and saves nothing until all are valid.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

import pendulum
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from interview_journal import dates
from interview_journal.domain.fields import (
    FIELDS,
    NEW_APPLICATION,
    Field,
    apply_fields,
    new_interview,
    parse_fields,
)
from interview_journal.domain.lengths import format_length
from interview_journal.domain.model import Format, Interview, Stage, Status
from interview_journal.domain.plausible import interview_doubts
from interview_journal.errors import JournalError, StaleWriteError
from interview_journal.tui.screens.application_pick import ApplicationPicking
from interview_journal.tui.screens.form import FormScreen, day_text, form_bindings, jump_bindings
from interview_journal.tui.widgets.application_choice import ApplicationChoice
from interview_journal.tui.widgets.editor_area import EditorArea, edit_outside, editor_binding
from interview_journal.tui.widgets.person_input import PersonInput

"""The interview's fields, its length among them."""
FORM_ORDER = [
    "application_id",
    "company",
    "role",
    "starts_at",
    "length_minutes",
    "stage",
    "round_label",
    "format",
    "location",
    "interviewers",
    "job_ad_url",
    "interest",
    "notes",
    "status",
    "feedback_by",
    "contact_from",
]
DATE_FIELDS = frozenset({"starts_at", "feedback_by", "contact_from"})
JUMPS = {
    "application_id": "a",
    "company": "c",
    "role": "r",
    "starts_at": "w",
    "length_minutes": "e",
    "stage": "s",
    "round_label": "d",
    "format": "o",
    "location": "l",
    "interviewers": "i",
    "job_ad_url": "j",
    "interest": "t",
    "notes": "n",
    "status": "u",
    "feedback_by": "k",
    "contact_from": "g",
}
"""alt+letter to each field: the letter is underlined in its label (not b or f: terminals
send alt+b and alt+f for a word left and right, and Textual reads them so)."""
SELECTS: dict[str, list[tuple[str, str]]] = {
    "application_id": [],  # offered as they are read (`ApplicationPicking`)
    "stage": [(stage.label, stage.value) for stage in Stage],
    "round_label": [],  # the config file's (`round_labels`)
    "format": [(fmt.label, fmt.value) for fmt in Format],
    "interest": [
        ("1 — not really", "1"),
        ("2 — lukewarm", "2"),
        ("3 — interested", "3"),
        ("4 — keen", "4"),
        ("5 — dream job", "5"),
    ],
    "status": [("automatic (upcoming, then awaiting reply)", "auto")]
    + [(status.label, status.value) for status in Status],
}


def parse_form(texts: dict[str, str], now: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """Each typed text as the value it saves, and the message of each that cannot be."""
    return parse_fields(texts, now)


def texts_of(interview: Interview | None, now: Any) -> dict[str, str]:
    """What the form shows for an interview (or a new one): one text per field."""
    if interview is None:
        return dict.fromkeys(FORM_ORDER, "") | {
            "application_id": NEW_APPLICATION,
            "stage": "first",
            "status": "auto",
        }
    tz = now.timezone
    today = now.date()
    here = dates.local(interview.starts_at, tz)

    def reads(name: str) -> Any:
        return lambda text: parse_form({name: text}, now)[0].get(name)

    when = day_text(here.date(), here.time(), today, reads("starts_at"))
    feedback = interview.feedback_by
    contact = interview.contact_from
    application = interview.application_id
    return {
        "application_id": str(application) if application is not None else NEW_APPLICATION,
        "company": interview.company,
        "role": interview.role,
        "starts_at": when,
        "length_minutes": format_length(length) if (length := interview.length_minutes) else "",
        "stage": interview.stage.value,
        "round_label": interview.round_label,
        "format": interview.format.value if interview.format else "",
        "location": interview.location,
        "interviewers": interview.people_text,
        "job_ad_url": interview.job_ad_url,
        "interest": str(interview.interest or ""),
        "notes": interview.notes,
        "status": interview.status.value if interview.status else "auto",
        "feedback_by": day_text(feedback, None, today, reads("feedback_by")) if feedback else "",
        "contact_from": day_text(contact, None, today, reads("contact_from")) if contact else "",
    }


class InterviewFormScreen(ApplicationPicking, FormScreen[Interview]):
    """Returns the saved interview, or None when cancelled."""

    FIELDS = FIELDS
    ORDER = FORM_ORDER
    SELECTS = SELECTS
    BLANK_CHOICES = frozenset({"format", "interest", "round_label"})
    DEFAULT_CHOICE = NEW_APPLICATION
    DATE_FIELDS = DATE_FIELDS
    ECHO_FIELDS = frozenset({"application_id", "length_minutes"})
    LONG_FIELDS = frozenset({"notes"})
    REQUIRED = frozenset({"company", "starts_at"})
    JUMPS = JUMPS
    BINDINGS = [
        *form_bindings("Check every field and save"),
        editor_binding(
            "Write the field you are in (or the notes) in $VISUAL / $EDITOR", show=False
        ),
        *jump_bindings(JUMPS, FIELDS),
    ]

    def __init__(
        self,
        interview: Interview | None,
        *,
        focus: str = "company",
        application_id: int | None = None,
    ) -> None:
        """`focus` names the field the cursor starts in; `application_id` picks the
        application a new interview is a round of."""
        super().__init__()
        self.interview = interview
        self.about_interview = interview.id if interview else None
        self.first_field = focus if focus in FORM_ORDER else "company"
        self.draft_kind = f"interview-form:{interview.id if interview else 'new'}"
        self.start_application = application_id
        self.round_labels: list[str] = []
        """The config file's labels, and the one the interview has."""
        self.start_picking()

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_form(
            self.interview.title if self.interview else None, "New interview"
        )

    def own_widget(self, field: Field) -> Widget | None:
        if field.name == "application_id":
            return ApplicationChoice(
                self.choices_for("application_id"), id="field-application_id", allow_blank=False
            )
        if field.name == "interviewers":
            return PersonInput(
                self._people_named,
                several=True,
                placeholder=f"{field.placeholder} — → takes a suggested name",
                id="field-interviewers",
                select_on_focus=False,
            )
        return None

    def choices_for(self, name: str) -> list[tuple[str, str]]:
        if name == "application_id":
            return self.application_options()
        if name == "round_label":
            return [(label, label) for label in self.round_labels]
        return super().choices_for(name)

    def on_mount(self) -> None:
        labels = list(self.journal_app.settings.round_labels)
        if self.interview is not None and self.interview.round_label not in ("", *labels):
            labels.append(self.interview.round_label)
        self.round_labels = labels
        self._initial = texts_of(self.interview, self.now())
        if self.interview is None and self.start_application is not None:
            self._initial |= self.start_with(self.start_application)
        if self.interview is not None and self.interview.application_id is not None:
            self.offer_known(self.interview.application_id)
        self.show_round_labels()
        restored = self.restore_draft()
        for name in DATE_FIELDS:
            self._echo(name, self.texts()[name])
        self._echo_length()
        self.show_doubts(self.doubts())
        if restored:
            self.validate_all(show_required=False)
        self.query_one("#field-interviewers", PersonInput).company = self.texts()["company"]
        self.show_application_choice()
        self.query_one(f"#field-{self.first_field}").focus()
        self.read_open_applications()
        self.warm_date_parser()

    def show_round_labels(self) -> None:
        """The round label is offered only when the config file names some."""
        offered = bool(self.round_labels)
        self.query_one("#field-round_label", Select).set_options(self.choices_for("round_label"))
        for part in ("#field-round_label", "#round_label-label"):
            self.query_one(part).display = offered

    def fill(self, texts: dict[str, str]) -> None:
        wanted = texts.get("application_id", "")
        if wanted.isdigit():
            self.offer_known(int(wanted))
        label = texts.get("round_label", "")
        if label and label not in self.round_labels:
            self.round_labels.append(label)
            self.show_round_labels()
        super().fill(texts)
        self.chosen_application = self.texts()["application_id"]

    def _people_named(self, company: str, typed: str) -> list[str]:
        """(in a thread) The names to offer as interviewers, with their roles."""
        return [
            f"{person.name} ({person.role})" if person.role else person.name
            for person in self.journal.people.names_for(company, typed)
        ]

    # --- checking as you type ---------------------------------------------------------

    def _echo(self, name: str, text: str) -> None:
        """Show the date a date field will save, in full, so ambiguity is visible."""
        echo = self.query_one(f"#{name}-echo", Static)
        if not text.strip():
            echo.update("")
            echo.display = False
            return
        values, errors = parse_form({name: text}, self.now())
        echo.display = True
        if name in errors:
            echo.update("")
            echo.display = False
            return
        value = values[name]
        now = self.now()
        if name == "starts_at":
            shown = f"{dates.format_exact(value, now)} ({dates.relative(value, now)})"
        else:
            shown = (
                f"{dates.format_day(value, now.date())} ({dates.relative_day(value, now.date())})"
            )
        echo.update(f"→ {escape(shown)}")

    def _echo_length(self) -> None:
        """Under the length: what it is in words, when the interview ends with it, and
        that a blank one is the usual length (the config file's)."""
        echo = self.query_one("#length_minutes-echo", Static)
        texts = self.texts()
        now = self.now()
        values, errors = parse_form(
            {"length_minutes": texts["length_minutes"], "starts_at": texts["starts_at"]}, now
        )
        if "length_minutes" in errors:
            echo.update("")
            echo.display = False
            return
        own = values["length_minutes"]
        minutes = own if own is not None else self.journal_app.settings.interview_minutes
        words = format_length(minutes) + ("" if own is not None else ", the usual length")
        if "starts_at" not in errors:
            ends = dates.local(values["starts_at"], now.timezone or pendulum.UTC)
            ends += timedelta(minutes=minutes)
            words += f" (until {ends:%H:%M})"
        echo.update(Content(f"→ {words}"))
        echo.display = True

    def _check_field(self, name: str, *, show_required: bool = True) -> bool:
        text = self.texts()[name]
        _, errors = parse_form({name: text}, self.now())
        if name == "application_id" and name not in errors and self.application_misfit():
            errors[name] = self.application_misfit()
        message = errors.get(name, "")
        if message and not show_required and not text.strip():
            message = ""
        self.show_error(name, message)
        if name in DATE_FIELDS:
            self._echo(name, text)
        if name in ("starts_at", "length_minutes"):
            self._echo_length()
        return name not in errors

    def doubts(self) -> dict[str, str]:
        """Doubts about the dates that can be read now (see `domain.plausible`)."""
        texts = self.texts()
        if all(texts[name] == self._initial.get(name) for name in DATE_FIELDS):
            return {}  # dates as they were saved: asked about when they were typed
        now = self.now()
        values, _ = parse_form({name: texts[name] for name in DATE_FIELDS}, now)
        return interview_doubts(values, now.date())

    def validate_all(self, *, show_required: bool = True) -> list[str]:
        """Check every field; returns the names of the invalid ones, in form order."""
        return [n for n in FORM_ORDER if not self._check_field(n, show_required=show_required)]

    def field_changed(self, name: str) -> None:
        if name == "application_id":
            self.application_picked()
        elif name in ("company", "role"):
            self.query_one("#field-interviewers", PersonInput).company = self.texts()["company"]
            self.show_application_echo()
        if name in DATE_FIELDS:
            self._check_field(name, show_required=False)  # echoes the length's end too
            self.show_doubts(self.doubts())
        elif name in FIELDS and self.query_one(f"#{name}-error", Static).display:
            self._check_field(name)  # an error is showing: clear it as soon as it is fixed
        elif name == "length_minutes":
            self._echo_length()  # its error waits for the field to be left, as others do

    @on(Input.Blurred)
    def _left_field(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in FIELDS and event.input.value.strip():
            self._check_field(name)
        self.saver.write_soon()

    # --- saving and leaving -----------------------------------------------------------

    def action_save(self) -> None:
        invalid = self.validate_all()
        if invalid:
            self.refuse_save(invalid)
            return
        if self.doubts_hold_save(self.doubts()):
            return
        now = self.now()
        texts = self.texts()
        values, _ = parse_form(texts, now)
        if self.interview is not None and texts["starts_at"] == self._initial["starts_at"]:
            # not re-read: in the hour that happens twice when clocks go back, the text alone
            # is ambiguous, and an untouched time must not move
            values["starts_at"] = self.interview.starts_at
        interview = self.interview
        if interview is None:
            self.save_with(lambda: self.journal.add_interview(new_interview(values, now)), _said)
        else:
            self.save_with(
                lambda: self.journal.update_interview(apply_fields(interview, values)), _said
            )

    def changed_elsewhere(self, error: StaleWriteError) -> None:
        if self.interview is not None and self.interview.id is not None:
            # take the other window's version as the base: the next ctrl+s saves what is
            # on screen over it, knowingly
            with contextlib.suppress(JournalError):
                self.interview = self.journal.get_interview(self.interview.id)
        self.notify(
            "This interview was changed elsewhere (another window?) since you opened it. Your "
            "text is still here (and kept as a draft); ctrl+s again saves it over theirs, "
            "escape leaves theirs.",
            title="Changed elsewhere",
            severity="warning",
            timeout=12,
        )

    def action_cancel(self) -> None:
        self.ask_to_discard(
            "Discard this new interview?" if self.interview is None else "Discard your changes?"
        )

    async def action_editor(self) -> None:
        """The editor opens on the field the cursor is in (the notes from anywhere else)."""
        field = self.focused
        if not isinstance(field, TextArea | Input):
            field = self.query_one("#field-notes", EditorArea)
        await self.saver.flush()  # a signal while the editor is open must not lose typing
        if edit_outside(field):
            self.saver.changed()
        field.focus()


def _said(saved: Interview) -> str:
    return f"Saved {saved.title}."
