"""A small inline choice: `Role matched the ad  ( ) yes  (•) no  ( ) unsure`."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


class ChoiceBar(Widget, can_focus=True):
    """One of a few values (or none), chosen with arrows, the first letter, or a click."""

    DEFAULT_CSS = """
    ChoiceBar { height: 1; width: 1fr; padding: 0; border-left: blank; }
    ChoiceBar:focus { background: $boost; border-left: outer $accent; }
    """

    BINDINGS = [
        Binding("right", "step(1)", "Change", key_display="← →", show=True, tooltip="Next one"),
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("0", "clear", "Clear", show=True, tooltip="Choose none"),
        Binding("backspace,delete", "clear", "Clear", show=False),
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
        letters = [label[:1].lower() for _, label in options]
        for (option, label), letter in zip(options, letters, strict=True):
            if letter.isalpha() and letters.count(letter) == 1:
                # Shown once, as "y/n/u Choose", on the first option's key.
                first = letter == letters[0]
                self._bindings.bind(
                    letter,
                    f"choose({option!r})",
                    "Choose" if first else label,
                    show=first,
                    key_display="/".join(letters) if first else None,
                )

    def render(self) -> Content:
        options = [
            Content.from_markup("[bold $accent](•) $label[/]", label=label)
            if value == self.value
            else Content.from_markup("[$text-muted]( ) $label[/]", label=label)
            for value, label in self.options
        ]
        return Content(f"{self.label:<{self.label_width}}") + Content("  ").join(options)

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

    def action_choose(self, value: str) -> None:
        self._choose(value)

    def on_click(self, event: events.Click) -> None:
        position = self.label_width + 1  # the focus bar's column, then the label
        for value, label in self.options:
            width = len(label) + 4  # "( ) " and the label
            if position <= event.x < position + width:
                self._choose(value)
                return
            position += width + 2
