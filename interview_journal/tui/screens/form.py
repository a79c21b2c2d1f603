"""What the two forms share: fields by name, a draft kept as you type, saving and leaving.

A form names its fields in `ORDER`; each has a widget `#field-NAME` (a `Select` for those
in `SELECTS`, a text box or a one-line `Input` otherwise) and an error line `#NAME-error`.
What is typed is kept as a draft in the journal by an `Autosaver` (a moment after the last
key and at most a second after the first unsaved one, when a field is left, before ctrl+e
hands the terminal to the editor, and at once when the app is told to quit), so a crash,
a kill or a closed terminal never loses it; opening the form again brings it back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import partial
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from interview_journal import dates
from interview_journal.domain.fields import Field
from interview_journal.errors import JournalError, NotFoundError, StaleWriteError
from interview_journal.store.journal import DRAFT_BASE, DRAFT_FIELDS
from interview_journal.tui.autosave import Autosaver, Job, SaveState
from interview_journal.tui.drafts import (
    claimable,
    close_window,
    merge_restored,
    open_window,
    restored_message,
)
from interview_journal.tui.screens.base import JournalAccess
from interview_journal.tui.widgets.editor_area import EditorArea
from interview_journal.tui.widgets.footer_fit import FittedFooter

Saved = TypeVar("Saved")

Choices = dict[str, list[tuple[str, str]]]
"""For each choice field, its (label, value) pairs."""


def day_text(day: date, at: time | None, today: date, reads: Callable[[str], object]) -> str:
    """A date (and time) to prefill a field with, in the words shown everywhere ("Fri 4 Dec
    10:00", the year when it is not this year), or with the year if the short words would
    be read back as another day; ISO only if neither is read back the same. `reads(text)`
    is what the field would save for a text."""
    clock = f" {at:%H:%M}" if at is not None else ""
    want = reads(f"{day.isoformat()}{clock}")
    for words in (dates.format_day(day, today), dates.format_day(day)):
        try:
            if reads(words + clock) == want:
                return words + clock
        except JournalError:
            continue
    return f"{day.isoformat()}{clock}"


def jump_bindings(jumps: dict[str, str], fields: dict[str, Field]) -> list[BindingType]:
    """alt+letter to each field, listed in the help, not in the footer."""
    return [
        Binding(
            f"alt+{letter}",
            f"jump('{name}')",
            f"Go to {fields[name].label}",
            show=False,
            priority=True,  # before the field in focus takes the key as a letter
            tooltip=f"Put the cursor in {fields[name].label}",
        )
        for name, letter in jumps.items()
    ]


def form_bindings(save_tooltip: str) -> list[BindingType]:
    """ctrl+s and escape, as every form has them."""
    return [
        Binding("ctrl+s", "save", "Save", id="save", priority=True, tooltip=save_tooltip),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="cancel",
            tooltip="Leave without saving (asks if you typed anything)",
        ),
    ]


class FormScreen(JournalAccess, Screen[Saved | None]):
    """A form that returns what it saved, or None when left. Subclasses say which fields
    it has (the class variables), set `draft_kind`, and set `_initial` (the texts it opened
    with) in `on_mount`."""

    WRITES = True
    HORIZONTAL_BREAKPOINTS = [
        (0, "-stacked"),
        (56, "-side-by-side"),
    ]
    """Narrower than 56 columns, each label goes above its field (forms.tcss)."""
    FIELDS: ClassVar[dict[str, Field]]
    ORDER: ClassVar[list[str]]
    """The fields, top to bottom."""
    SELECTS: ClassVar[Choices]
    BLANK_CHOICES: ClassVar[frozenset[str]]
    """The choices that may be left blank."""
    DEFAULT_CHOICE: ClassVar[str] = ""
    """For a choice that may not be blank, what a draft's unknown value becomes."""
    DATE_FIELDS: ClassVar[frozenset[str]]
    """Fields whose date is echoed in full under them."""
    ECHO_FIELDS: ClassVar[frozenset[str]] = frozenset()
    """Other fields with a line under them saying what saving them will do."""
    LONG_FIELDS: ClassVar[frozenset[str]]
    """Fields written in a text box of several lines (with `LONG_CLASSES`)."""
    LONG_CLASSES: ClassVar[str] = ""
    REQUIRED: ClassVar[frozenset[str]] = frozenset()
    """Fields whose label says they are required."""
    JUMPS: ClassVar[dict[str, str]] = {}
    """For each field, the letter alt+letter jumps to it with (see `jump_bindings`)."""

    draft_kind: str
    """What the form edits (`interview-form:new`, `entry-form:12`); its draft is
    `draft_kind#WINDOW`, one per form in a window."""

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, str] = {}
        self._restoring = False
        self._window = ""
        self.saver = Autosaver(self, self._prepare_draft)
        self._doubts_seen: dict[str, str] | None = None
        """The doubts the last ctrl+s showed: the next ctrl+s with the same ones saves."""

    # --- the fields -----------------------------------------------------------------

    def compose_fields(self) -> ComposeResult:
        """Each field: its label, its widget, its echo (dates and `ECHO_FIELDS`), its error.
        A short field is one row, its label to the left; a text box has its label above."""
        with VerticalScroll(id="form"):
            for name in self.ORDER:
                field = self.FIELDS[name]
                label = Label(self.label_for(field), classes="field-label", id=f"{name}-label")
                if name in self.LONG_FIELDS:
                    label.add_class("above")
                    yield label
                    yield self._widget_for(field)
                else:
                    with Horizontal(classes="field-row", id=f"{name}-row"):
                        yield label
                        yield self._widget_for(field)
                if name in self.DATE_FIELDS or name in self.ECHO_FIELDS:
                    yield Static("", id=f"{name}-echo", classes="echo")
                if name in self.DATE_FIELDS:
                    yield Static("", id=f"{name}-doubt", classes="field-doubt")
                yield Static("", id=f"{name}-error", classes="field-error")

    def compose_form(self, editing: str | None, new: str) -> ComposeResult:
        """The title ("Edit <editing>", or `new` when it is a new one), the fields and
        the footer."""
        heading = (
            Content.from_markup("Edit [b]$title[/b]", title=editing)
            if editing is not None
            else Content.from_markup("[b]$new[/b]", new=new)
        )
        yield Static(heading, id="form-title")
        yield from self.compose_fields()
        yield FittedFooter()

    def label_for(self, field: Field) -> Content:
        """The label, its jump key (`JUMPS`) underlined in it, or after it when the label
        has no such letter; "(required)" dimmed after a required field's."""
        text = Content(field.label)
        letter = self.JUMPS.get(field.name, "")
        at = field.label.lower().find(letter) if letter else -1
        if at >= 0:
            text = text.stylize("underline", at, at + 1)
        elif letter:
            text = Content.assemble(text, (f" ({letter})", "dim"))
        if field.name in self.REQUIRED:
            text = Content.assemble(text, (" (required)", "dim"))
        return text

    def action_jump(self, name: str) -> None:
        """alt+letter: to the field `name`, when it is shown."""
        widget = self.query_one(f"#field-{name}")
        if widget.display and widget.parent is not None and widget.parent.display:
            widget.focus()

    def own_widget(self, field: Field) -> Widget | None:
        """(each form) A widget of its own for `field` (with the id `field-NAME`), or None
        for the usual one."""
        return None

    def choices_for(self, name: str) -> list[tuple[str, str]]:
        """The (label, value) pairs the choice `name` offers now."""
        return self.SELECTS[name]

    def _widget_for(self, field: Field) -> Widget:
        name = field.name
        own = self.own_widget(field)
        if own is not None:
            return own
        if name in self.SELECTS:
            blank = name in self.BLANK_CHOICES
            return Select(
                self.choices_for(name),
                id=f"field-{name}",
                allow_blank=blank,
                prompt="—" if blank else "Select",
            )
        if name in self.LONG_FIELDS:
            return EditorArea(
                id=f"field-{name}",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder=field.placeholder,
                classes=self.LONG_CLASSES,
            )
        return Input(placeholder=field.placeholder, id=f"field-{name}", select_on_focus=False)

    def texts(self) -> dict[str, str]:
        """What is typed in each field now, as text ("" for a blank choice)."""
        result: dict[str, str] = {}
        for name in self.ORDER:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Select):
                result[name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                result[name] = widget.text
            elif isinstance(widget, Input):
                result[name] = widget.value
        return result

    def fill(self, texts: dict[str, str]) -> None:
        """Put texts into the fields; a choice that is not offered becomes blank (or, where
        blank is not allowed, `DEFAULT_CHOICE`, else the first choice)."""
        self._restoring = True
        for name, text in texts.items():
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Select):
                offered = [value for _, value in self.choices_for(name)]
                if text in offered:
                    widget.value = text
                elif widget._allow_blank:
                    widget.value = Select.NULL
                else:
                    default = self.DEFAULT_CHOICE
                    widget.value = default if default in offered else offered[0]
            elif isinstance(widget, TextArea):
                widget.load_text(text)
            elif isinstance(widget, Input):
                widget.value = text
        self._restoring = False

    @property
    def changed(self) -> bool:
        """Whether what is typed differs from what the form opened with."""
        return bool(self._initial) and self.texts() != self._initial

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        """Typing in a field: the form looks at that field, and the draft follows."""
        if self._restoring:
            return
        self.field_changed((event.control.id or "").removeprefix("field-"))
        self.saver.changed()

    def field_changed(self, name: str) -> None:
        """(each form) Check or echo the field `name` after its text changed."""

    def show_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(Content(message))  # a message may repeat what was typed: never markup
        error.display = bool(message)
        self.query_one(f"#field-{name}").set_class(bool(message), "invalid")

    def show_doubts(self, doubts: dict[str, str]) -> None:
        """Show under each date field the doubt about its date (none: nothing shown)."""
        for name in self.DATE_FIELDS:
            line = self.query_one(f"#{name}-doubt", Static)
            doubt = doubts.get(name, "")
            line.update(Content.assemble(("⚠ ", "bold"), doubt) if doubt else Content(""))
            line.display = bool(doubt)

    def doubts_hold_save(self, doubts: dict[str, str]) -> bool:
        """The first ctrl+s with doubts stops at the first doubtful field and says so;
        a second ctrl+s with the same doubts goes on. True when saving should stop."""
        self.show_doubts(doubts)
        if not doubts or doubts == self._doubts_seen:
            return False
        self._doubts_seen = dict(doubts)
        first = next(name for name in self.ORDER if name in doubts)
        self.query_one(f"#field-{first}").focus()
        self.notify(
            f"{doubts[first]} ctrl+s again to save anyway.",
            title="Check this date",
            severity="warning",
            timeout=8,
        )
        return True

    @work(thread=True, group="warm-up", exit_on_error=False)
    def warm_date_parser(self) -> None:
        dates.warm_up()  # loads dateparser's language data before the first keystroke needs it

    # --- the draft ------------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        if not self._window:
            self._window = open_window()
        return f"{self.draft_kind}#{self._window}"

    def restore_draft(self) -> bool:
        """Take the newest draft of this kind no open form holds, show it merged with
        `_initial` and say so. False if there was none (the fields are filled anyway)."""
        draft = self.journal.claim_draft(self.draft_kind, self.draft_key, claimable)
        shown, both = merge_restored(draft, self._initial)
        self.fill(shown)
        if not draft or shown == self._initial:
            return False
        self.notify(restored_message(both), title="Draft", timeout=8 if both else 5)
        return True

    def on_unmount(self) -> None:
        close_window(self._window)

    def _prepare_draft(self) -> Job | SaveState:
        if not self.is_mounted:
            return SaveState.FAILED
        journal, key = self.journal, self.draft_key
        if self.changed:
            data = {DRAFT_FIELDS: self.texts(), DRAFT_BASE: self._initial}
            write: Callable[[], None] = lambda: journal.save_draft(key, data)  # noqa: E731
        else:
            write = lambda: journal.delete_draft(key)  # noqa: E731

        def job() -> Callable[[], SaveState]:
            try:
                write()
            except JournalError as error:
                return partial(self._draft_failed, error)
            return lambda: SaveState.SAVED

        return job

    def _draft_failed(self, error: JournalError) -> SaveState:
        self.report(error, title="Draft not saved")
        return SaveState.FAILED

    async def flush_unsaved(self) -> None:
        """Called by the app before it ends: keep what was typed as a draft."""
        await self.saver.flush()

    def save_now(self) -> None:
        """Keep the draft at once, on this thread (after a crash: no event loop to wait on)."""
        self.saver.write_at_once()

    @property
    def unsaved(self) -> bool:
        """Never holds up quitting (as before drafts could fail): a draft that could not be
        written was said when it failed, and the typing is on screen until the app ends."""
        return False

    # --- saving and leaving ---------------------------------------------------------

    def refuse_save(self, invalid: list[str]) -> None:
        """Saving found these fields invalid (in form order): the cursor goes to the first,
        and a toast says nothing was saved."""
        self.query_one(f"#field-{invalid[0]}").focus()
        count = len(invalid)
        self.notify(
            f"{count} field{'s' if count > 1 else ''} to fix before saving; nothing was saved.",
            severity="warning",
            timeout=5,
        )

    def save_with(self, write: Callable[[], Saved], said: Callable[[Saved], str]) -> None:
        """Save with `write`; on success drop the draft, say `said(saved)` and close."""
        try:
            saved = write()
        except StaleWriteError as error:
            self.saver.changed()
            self.saver.write_soon()  # what is typed stays, and is kept as a draft
            self.changed_elsewhere(error)
            return
        except NotFoundError as error:
            self.failed(error)  # deleted in another window: the form closes, the draft stays
            return
        except JournalError as error:
            self.report(error)
            return
        self._discard_draft()
        self.notify(said(saved), timeout=3)
        self.dismiss(saved)

    def changed_elsewhere(self, error: StaleWriteError) -> None:
        """Another window saved what this form edits since it opened."""
        self.report(error, title="Changed elsewhere")

    def ask_to_discard(self, question: str) -> None:
        """Leave; if anything was typed, ask `question` first."""
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        if not self.changed:
            self._leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._leave()

        self.app.push_screen(
            ConfirmScreen(
                question,
                "What you typed here will be gone.",
                confirm="Discard",
                cancel="Keep editing",
            ),
            answered,
        )

    def _leave(self) -> None:
        self._discard_draft()
        self.dismiss(None)

    def _discard_draft(self) -> None:
        """No more drafts from this form; its own goes (after any write under way)."""
        journal, key = self.journal, self.draft_key

        def delete() -> None:
            try:
                journal.delete_draft(key)
            except JournalError:
                pass  # what was typed is saved or discarded; a leftover draft is harmless

        self.saver.close(delete)
