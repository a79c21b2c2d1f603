"""Ask for one date ("mon", "in 2 weeks"), checked and echoed as it is typed (the year
when it is not this one)."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from interview_journal.dates import Lean, format_day, relative_day
from interview_journal.domain.entry_fields import parse_when
from interview_journal.domain.timeline import When
from interview_journal.errors import InputError
from interview_journal.tui.screens.base import JournalModal


class AskDateScreen(JournalModal[When | None]):
    """Returns the typed date, or None when cancelled. A bad date is explained in place."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Leave it as it is")]

    def __init__(self, question: str, placeholder: str) -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.from_markup("[b]$question[/b]", question=self.question))
            yield Input(placeholder=self.placeholder, id="date-input")
            yield Static("", id="date-echo", classes="echo")
            yield Static("", id="date-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _read(self, text: str) -> When:
        when = parse_when(text, self.now(), Lean.FUTURE)
        if when is None:
            raise InputError('Type a date, e.g. "mon", "in 2 weeks" or "2026-12-07".')
        return when

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        echo = self.query_one("#date-echo", Static)
        error = self.query_one("#date-error", Static)
        error.display = False
        try:
            when = self._read(event.value)
        except InputError:
            echo.display = False
            return
        today = self.now().date()
        at = f" {when.at:%H:%M}" if when.at else ""
        echo.update(f"→ {format_day(when.day, today)}{at} ({relative_day(when.day, today)})")
        echo.display = True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            when = self._read(event.value)
        except InputError as problem:
            error = self.query_one("#date-error", Static)
            error.update(escape(problem.message))
            error.display = True
            return
        self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
