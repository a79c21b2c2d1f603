"""The line at the top: where you are, the other views, and today's date."""

from __future__ import annotations

import pendulum
from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

VIEWS = [("interviews", "Interviews"), ("timeline", "Timeline"), ("review", "Review")]
"""The modes in tab order, with their labels."""


class TopBar(Horizontal):
    """Interview Journal  [Interviews]  Timeline  Review                  Wed 25 Nov"""

    def compose(self) -> ComposeResult:
        yield Static(id="top-left")
        yield Static(id="top-right")

    def show(self, view: str, now: pendulum.DateTime, detail: str = "") -> None:
        tabs = " ".join(
            f"[reverse] {number} {label} [/reverse]"
            if key == view
            else f" [dim]{number}[/dim] {label} "
            for number, (key, label) in enumerate(VIEWS, start=1)
        )
        extra = f"  {escape(detail)}" if detail else ""
        journal = getattr(self.app, "journal", None)
        if journal is not None and journal.read_only:
            extra += "  [reverse] read-only [/reverse]"
        self.query_one("#top-left", Static).update(f"[b]Interview Journal[/b]  {tabs}{extra}")
        self.query_one("#top-right", Static).update(f"{now:%a} {now.day} {now:%b}")
