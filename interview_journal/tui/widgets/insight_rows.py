"""The lines of the Insights view: a fact, a sub-heading or the why-line, and the small
charts beside their numbers.

Every line can be focused (the view is read line by line, with j/k); a line that rests on
evaluations shows "›" and, chosen (enter, or a click), says so with `Chosen`: the screen
opens the list of those evaluations. What the user wrote is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.color import Color
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widget import Widget

Colours = tuple[Color, Color]
"""The colours of the lowest and the highest bar."""

OPENS = "›"
"""The mark of a line that lists the evaluations it rests on."""


@dataclass
class Chosen(Message):
    """A line resting on evaluations was chosen: list them."""

    text: str
    interview_ids: tuple[int, ...]


class InsightRow(Widget, can_focus=True):
    """One line of a section, wrapped under its own start (a hanging indent after the
    mark), so no word is cut at any width."""

    def __init__(
        self,
        text: str,
        *,
        interview_ids: Sequence[int] = (),
        kind: str = "fact",
        key: str = "",
        focusable: bool = True,
    ) -> None:
        super().__init__(classes=f"insight-row -{kind}")
        self.text = text
        """The line as plain text (what a screen reader reads)."""
        self.interview_ids = tuple(interview_ids)
        self.kind = kind
        self.key = key or text
        """What the focus is kept on when the section is read again."""
        self.can_focus = focusable

    def render(self) -> RenderableType:
        grid = Table.grid(expand=True)
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(OPENS if self.interview_ids else "", Text(self.text))
        return grid

    def on_click(self) -> None:
        self.focus()
        if self.interview_ids:
            self.post_message(Chosen(self.text, self.interview_ids))
