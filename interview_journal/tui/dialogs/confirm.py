"""A yes/no question that returns a bool."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be taken back lightly.

    `question` and `detail` are shown as given: a `str` as plain text (it may quote the
    user's words), a `Content` with its styles (`Content.from_markup("Delete [b]$t[/b]?",
    t=title)`). Markup in a `str` is never read.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes", tooltip="Go ahead"),
        Binding("n,escape", "answer(False)", "No", id="no", tooltip="Leave things as they are"),
    ]

    def __init__(
        self,
        question: str | Content,
        detail: str | Content = "",
        *,
        confirm: str = "Yes",
        cancel: str = "Cancel",
    ) -> None:
        super().__init__()
        self.question = Content(question) if isinstance(question, str) else question
        self.detail = Content(detail) if isinstance(detail, str) else detail
        self.confirm_label, self.cancel_label = confirm, cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            if self.detail:
                yield Static(self.detail, id="detail", classes="dim")
            with Horizontal(id="buttons"):
                yield Button(Content(f"{self.confirm_label} (y)"), id="confirm", variant="error")
                yield Button(Content(f"{self.cancel_label} (n)"), id="cancel")

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
