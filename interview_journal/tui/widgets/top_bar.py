"""The line at the top: where you are, the other views, and today's date."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

VIEWS = [
    ("interviews", "Interviews"),
    ("timeline", "Timeline"),
    ("review", "Review"),
    ("applications", "Applications"),
    ("insights", "Insights"),
]
"""The modes in tab order, with their labels."""
NAMED_FROM = 90
"""From this width on, the line starts with the app's name."""
LABELLED_FROM = 72
"""From this width on, every tab has its label (below, only the current one)."""


class TopBar(Horizontal):
    """Interview Journal  [Interviews]  Timeline  Review                  Wed 25 Nov"""

    def compose(self) -> ComposeResult:
        yield Static(id="top-left")
        yield Static(id="top-right")

    _shown: tuple[str, pendulum.DateTime, str] | None = None

    def show(self, view: str, now: pendulum.DateTime, detail: str = "") -> None:
        self._shown = (view, now, detail)
        width = self.app.size.width
        tabs = " ".join(
            f"[reverse] {number} {label} [/reverse]"
            if key == view
            else f" [dim]{number}[/dim] {label if width >= LABELLED_FROM else ''}".rstrip() + " "
            for number, (key, label) in enumerate(VIEWS, start=1)
        )
        name = "[b]Interview Journal[/b]  " if width >= NAMED_FROM else ""
        journal = getattr(self.app, "journal", None)
        read_only = "  [reverse] read-only [/reverse]" if journal and journal.read_only else ""
        if journal and getattr(journal, "damage", None) is not None:
            read_only = "  [reverse] damaged: read-only [/reverse]"
        self.query_one("#top-left", Static).update(
            Content.from_markup(
                f"{name}{tabs}{'  $detail' if detail else ''}{read_only}",
                detail=detail,  # the user's words, if any: never read as markup
            )
        )
        self.query_one("#top-right", Static).update(f"{now:%a} {now.day} {now:%b}")

    def on_resize(self) -> None:
        self.show_again()

    def show_again(self) -> None:
        """Draw the same line again (the journal has turned read-only meanwhile)."""
        if self._shown is not None:
            self.show(*self._shown)
