"""A 1-5 rating shown as marks (●●●○○), set with the digit keys, arrows or a click."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

FILLED, EMPTY = "●", "○"


class RatingBar(Widget, can_focus=True):
    """`Key points across  ●●●●○  4/5` — one line, focusable."""

    DEFAULT_CSS = """
    RatingBar { height: 1; width: 1fr; padding: 0 1 0 0; border-left: blank; }
    RatingBar:focus { background: $boost; text-style: bold; border-left: outer $accent; }
    """

    # The first binding of each kind is shown (footer, help) while the bar has focus.
    BINDINGS = [
        Binding("1", "rate(1)", "Set", key_display="1-5", show=True, tooltip="Rate 1 to 5"),
        Binding("2", "rate(2)", "Rate 2", show=False),
        Binding("3", "rate(3)", "Rate 3", show=False),
        Binding("4", "rate(4)", "Rate 4", show=False),
        Binding("5", "rate(5)", "Rate 5", show=False),
        Binding("right", "step(1)", "Change", key_display="← →", show=True, tooltip="One more"),
        Binding("l,plus", "step(1)", "More", show=False),
        Binding("left,h,minus", "step(-1)", "Less", show=False),
        Binding("0", "rate(0)", "Clear", show=True, tooltip="No rating"),
        Binding("backspace,delete", "rate(0)", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        """The user set a rating (None when cleared)."""

        rating: RatingBar
        value: int | None

        @property
        def control(self) -> RatingBar:
            return self.rating

    def __init__(
        self,
        label: str,
        value: int | None = None,
        *,
        note: str = "",
        id: str | None = None,
        label_width: int = 22,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.note = note
        self.label_width = label_width
        self.set_reactive(RatingBar.value, value)

    def render(self) -> Text:
        value = self.value or 0
        text = Text(f"{self.label:<{self.label_width}}", style="")
        text.append(FILLED * value, style="bold")
        text.append(EMPTY * (5 - value), style="dim")
        text.append(f"  {value}/5" if value else "  –", style="dim")
        if self.note:
            text.append(f"  {self.note}", style="dim")
        return text

    def set_value(self, value: int | None) -> None:
        """Change the value without telling anyone (loading, not the user)."""
        self.set_reactive(RatingBar.value, value)
        self.refresh()

    def _user_sets(self, value: int | None) -> None:
        if value == self.value:
            return
        self.value = value
        self.post_message(self.Changed(self, value))

    def action_rate(self, value: int) -> None:
        self._user_sets(value or None)

    def action_step(self, delta: int) -> None:
        current = self.value or 0
        self._user_sets(min(5, max(1, current + delta)))

    def on_click(self, event: events.Click) -> None:
        offset = event.x - 1 - self.label_width
        if 0 <= offset < 5:
            self._user_sets(offset + 1)
