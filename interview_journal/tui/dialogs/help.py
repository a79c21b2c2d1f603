"""`?`: every key of the screen underneath, with what it does. Built from the live bindings,
so it can never disagree with the footer or the command palette."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "[b]Interview Journal[/b] — log each interview, evaluate it while it is fresh, and "
    "follow up when it makes sense. Everything you type is saved as you go.\n"
    "[dim]ctrl+p opens the command palette: every action below, by name. "
    "F1 opens this help, even while you type in a box.[/dim]"
)


def _name_of(node: DOMNode) -> str:
    """What a widget is called in the help: its HELP_NAME, else its class in words."""
    name = getattr(node, "HELP_NAME", "")
    if not name:
        name = re.sub(r"(?<!^)(?=[A-Z])", " ", type(node).__name__).lower()
    return f"the {name}"


class HelpScreen(ModalScreen[None]):
    """The keys of one screen."""

    BINDINGS = [
        Binding(
            "escape,q,question_mark",
            "close",
            "Close",
            id="close_help",
            tooltip="Back to where you were",
        )
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.underneath = underneath

    def groups(self) -> list[tuple[str, list[Binding]]]:
        """The keys of the screen underneath, grouped by where they act: the screen, the
        focused widget (and the widgets around it), everywhere. A key is listed once, in
        the group that gets it (the focused widget's key hides the screen's, as pressing
        it does). The screen's keys come first: they are what the screen is for, and an
        80x24 terminal shows them without scrolling."""
        screen = self.underneath
        chain: list[tuple[str, DOMNode]] = []
        node: DOMNode | None = screen.focused
        while node is not None and node is not screen:
            chain.append((f"Here ({_name_of(node)})", node))
            node = node.parent
        chain.append(("This screen", screen))
        chain.append(("Everywhere", self.app))
        taken: set[str] = set()
        groups: list[tuple[str, list[Binding]]] = []
        for title, node in chain:
            found: list[Binding] = []
            for key, bindings in node._bindings.key_to_bindings.items():
                for binding in bindings:
                    ours = binding.id or (binding.show and not isinstance(node, Screen))
                    if not ours or not binding.description or key in taken:
                        continue
                    taken.add(key)
                    if binding.id or all(binding.action != b.action for b in found):
                        found.append(binding)
            if found:
                if groups and groups[-1][0] == title:
                    groups[-1][1].extend(found)
                else:
                    groups.append((title, found))
        here = [group for group in groups if group[0].startswith("Here")]
        rest = [group for group in groups if not group[0].startswith("Here")]
        return rest[:1] + here + rest[1:] if rest and rest[0][0] == "This screen" else groups

    def compose(self) -> ComposeResult:
        rows: list[Content] = []
        for title, bindings in self.groups():
            if rows:
                rows.append(Content(""))
            rows.append(Content.from_markup("[b $accent]$title[/]", title=title))
            for binding in bindings:
                shown_key = binding.key_display or self.app.get_key_display(binding)
                if binding.id == "help_f1":
                    shown_key = "F1"
                rows.append(
                    Content.from_markup(
                        "  [b]$key[/b]  $description  [dim]$explanation[/dim]",
                        key=f"{shown_key:>8}",
                        description=f"{binding.description:<12}",
                        explanation=binding.tooltip or "",
                    )
                )
        with VerticalScroll(id="dialog"):
            yield Static(INTRO, id="help-intro")
            yield Static(Content("\n").join(rows), id="help-keys")
            legend = getattr(self.underneath, "LEGEND", "")
            if legend:
                yield Static(Content(legend), id="help-legend")  # what a screen's signs mean
            yield Static("[dim]escape closes this help[/dim]")

    def action_close(self) -> None:
        self.dismiss(None)
