"""Small pickers: which status to show."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_journal.domain.model import Status


class StatusFilterScreen(ModalScreen[Status | None | bool]):
    """Returns the status to filter by, None for all, or False when cancelled."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel", id="cancel", tooltip="Keep the filter")]

    def __init__(self, current: Status | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option("All interviews", id="all")]
        options += [Option(status.label.capitalize(), id=status.value) for status in Status]
        with Vertical(id="dialog"):
            yield Static("[b]Show interviews with status[/b]")
            yield OptionList(*options, id="statuses")

    def on_mount(self) -> None:
        statuses = self.query_one(OptionList)
        statuses.highlighted = 0 if self.current is None else list(Status).index(self.current) + 1
        statuses.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        self.dismiss(None if chosen in (None, "all") else Status(chosen))

    def action_cancel(self) -> None:
        self.dismiss(False)
