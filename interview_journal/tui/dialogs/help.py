"""`?`: every key of the screen underneath, with what it does. Built from the live bindings,
so it can never disagree with the footer or the command palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "[b]Interview Journal[/b] — log each interview, evaluate it while it is fresh, and "
    "follow up when it makes sense. Everything you type is saved as you go.\n"
    "[dim]ctrl+p opens the command palette: every action below, by name.[/dim]"
)


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

    def compose(self) -> ComposeResult:
        rows: list[Content] = []
        seen: set[tuple[str, str]] = set()
        for key, active in self.underneath.active_bindings.items():
            binding: Binding = active.binding
            # Only our own keys (they all have an id); Textual's built-in ones are not news.
            if not binding.id or not binding.description or (key, binding.action) in seen:
                continue
            seen.add((key, binding.action))
            shown_key = binding.key_display or self.app.get_key_display(binding)
            explanation = binding.tooltip or ""
            rows.append(
                Content.from_markup(
                    "  [b]$key[/b]  $description  [dim]$explanation[/dim]",
                    key=f"{shown_key:>8}",
                    description=f"{binding.description:<12}",
                    explanation=explanation,
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
