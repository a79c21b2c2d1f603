"""A yes/no question that returns a bool."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be taken back lightly."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes", tooltip="Go ahead"),
        Binding("n,escape", "answer(False)", "No", id="no", tooltip="Leave things as they are"),
    ]

    def __init__(
        self, question: str, detail: str = "", *, confirm: str = "Yes", cancel: str = "Cancel"
    ) -> None:
        super().__init__()
        self.question, self.detail = question, detail
        self.confirm_label, self.cancel_label = confirm, cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            if self.detail:
                yield Static(self.detail, id="detail", classes="dim")
            with Horizontal(id="buttons"):
                yield Button(f"{self.confirm_label} (y)", id="confirm", variant="error")
                yield Button(f"{self.cancel_label} (n)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
