"""A small inline choice: `Role matched the ad:  yes  [no]  unsure`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget


class ChoiceBar(Widget, can_focus=True):
    """One of a few values (or none), chosen with arrows, the first letter, or a click."""

    DEFAULT_CSS = """
    ChoiceBar { height: 1; width: 1fr; padding: 0 1; }
    ChoiceBar:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("right", "step(1)", "Next", show=False),
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("backspace,delete,0", "clear", "Clear", show=False),
    ]

    @dataclass
    class Changed(Message):
        choice: ChoiceBar
        value: str | None

        @property
        def control(self) -> ChoiceBar:
            return self.choice

    def __init__(
        self,
        label: str,
        options: list[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,
        label_width: int = 22,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.options = options
        self.value = value
        self.label_width = label_width

    def render(self) -> Text:
        text = Text(f"{self.label:<{self.label_width}}")
        for value, label in self.options:
            chosen = value == self.value
            text.append(
                f"[{label.upper()}]" if chosen else f" {label} ",
                style="bold reverse" if chosen else "dim",
            )
            text.append(" ")
        return text

    def set_value(self, value: str | None) -> None:
        self.value = value
        self.refresh()

    def _choose(self, value: str | None) -> None:
        if value != self.value:
            self.value = value
            self.refresh()
            self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        values = [value for value, _ in self.options]
        index = values.index(self.value) if self.value in values else (-1 if delta > 0 else 0)
        self._choose(values[(index + delta) % len(values)])

    def action_clear(self) -> None:
        self._choose(None)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isalpha() and len(event.character) == 1:
            for value, label in self.options:
                if label.lower().startswith(event.character.lower()):
                    event.stop()
                    self._choose(value)
                    return

    def on_click(self, event: events.Click) -> None:
        position = self.label_width + 1
        for value, label in self.options:
            width = len(label) + 2
            if position <= event.x < position + width:
                self._choose(value)
                return
            position += width + 1
