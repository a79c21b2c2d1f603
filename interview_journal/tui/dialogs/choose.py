"""Small pickers: one choice from a short list (a status, a kind, a snooze)."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_journal.domain.model import Status

V = TypeVar("V")

ALL: Literal["all"] = "all"
"""The status filter's choice that shows every interview."""


class ChooseScreen(ModalScreen[V | None], Generic[V]):
    """Returns the value of the chosen option as given (a `Status`, a number of days),
    or None when cancelled (escape)."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel", id="cancel", tooltip="Leave it as it is")]

    def __init__(self, title: str, choices: list[tuple[str, V]], current: V | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"))  # plain text, never markup
            yield OptionList(
                *(Option(label, id=str(index)) for index, (label, _) in enumerate(self.choices)),
                markup=False,
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


def status_filter_screen(current: Status | None) -> ChooseScreen[Status | Literal["all"]]:
    """Which status the list shows: `ALL`, or a `Status`."""
    choices: list[tuple[str, Status | Literal["all"]]] = [("All interviews", ALL)]
    choices += [(status.label.capitalize(), status) for status in Status]
    return ChooseScreen("Show interviews with status", choices, current or ALL)
