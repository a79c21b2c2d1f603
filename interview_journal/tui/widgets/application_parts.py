"""Parts of the detail screens: the scrolling page they are read in, and the lists on the
application screen (its rounds and the people met), each line keyed by the id of what it
shows, each list saying in the footer what `enter` does there."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ReadingPage(VerticalScroll):
    """A page that is read, not edited: scrolled like a pager (`j`/`k`, space, `g`/`G`)
    besides the arrows, page keys, home and end every scrolling container has."""

    BINDINGS = [
        Binding("j", "line(1)", "Down", id="page_down_line", show=False, tooltip="One line"),
        Binding("k", "line(-1)", "Up", id="page_up_line", show=False, tooltip="One line"),
        Binding("space", "page_down", "Page", id="page_next", show=False, tooltip="One page on"),
        Binding("g", "scroll_home", "Top", id="page_top", show=False, tooltip="The start"),
        Binding("G", "scroll_end", "End", id="page_end", show=False, tooltip="The end"),
    ]

    def action_line(self, lines: int) -> None:
        """One line on or back at once, as a pager does: held or typed fast, each key is
        one line, never merged into (or lost behind) an animation. The scroll is made at
        once: deferred to the next refresh (Textual's default), keys handled before it
        would each start from the same line, and a burst of three `j` moved one."""
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)


class KeyedOptions(OptionList):
    """An option list whose lines are keyed by an id; `enter` posts `Chosen` with it."""

    @dataclass
    class Chosen(Message):
        """A line was chosen (`enter`): the id of what it shows."""

        options: KeyedOptions
        key: int

        @property
        def control(self) -> KeyedOptions:
            return self.options

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # the lines are the user's words

    def show(self, lines: list[tuple[int, str]], empty: str) -> None:
        """Show (id, text) lines, or `empty` (a line that cannot be chosen) when none."""
        highlighted = self.highlighted
        self.clear_options()
        if not lines:
            self.add_option(Option(empty, disabled=True))
            return
        self.add_options(Option(text, id=str(key)) for key, text in lines)
        self.highlighted = min(highlighted or 0, len(lines) - 1)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, int(event.option.id)))


class RoundList(KeyedOptions):
    """The application's rounds, oldest first."""

    BINDINGS = [
        Binding("enter", "select", "Open round", id="open_round", tooltip="Everything about it"),
    ]


class PeopleList(KeyedOptions):
    """The people met in its rounds and follow-ups."""

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Edit person",
            id="edit_person",
            tooltip="Their name, role, e-mail, phone, link and notes",
        ),
    ]
