"""Small pickers: one choice from a short list (a status, a kind, a snooze)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_journal.domain.model import Status


class ChooseScreen(ModalScreen[str | None]):
    """Returns the id of the chosen option, or None when cancelled (escape)."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel", id="cancel", tooltip="Leave it as it is")]

    def __init__(
        self, title: str, choices: list[tuple[str, str]], current: str | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"))  # plain text, never markup
            yield OptionList(
                *(Option(label, id=value) for label, value in self.choices), markup=False
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def status_filter_screen(current: Status | None) -> ChooseScreen:
    """Which status the list shows: "all" or a status value."""
    choices = [("All interviews", "all")]
    choices += [(status.label.capitalize(), status.value) for status in Status]
    return ChooseScreen("Show interviews with status", choices, current.value if current else "all")
