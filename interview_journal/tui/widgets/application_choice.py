"""The interview form's first choice: which open application the round belongs to.

"New application" comes first (the round is filed by the company and role typed below);
then the open applications, newest activity first. A letter typed while the choice is
closed means the user is typing a company: the choice says so (`TypedAhead`) rather than
swallowing the key, so typing straight away after opening the form loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Select

from interview_journal.domain.applications import ApplicationSummary
from interview_journal.domain.fields import NEW_APPLICATION

NEW_LABEL = "New application — from the company and role below"


def described(summary: ApplicationSummary) -> str:
    """ "Nordvik — Backend Developer · waiting ●●○" """
    marks = f" {summary.marks}" if summary.marks else ""
    return f"{summary.application.title} · {summary.status.label}{marks}"


def application_options(offered: Iterable[tuple[int, str]]) -> list[tuple[str, str]]:
    """(label, value) pairs: "New application" first, then each (id, description)."""
    return [(NEW_LABEL, NEW_APPLICATION)] + [(label, str(number)) for number, label in offered]


class ApplicationChoice(Select[str]):
    """A Select of applications that hands typed letters on to the company field."""

    @dataclass
    class TypedAhead(Message):
        """A letter was typed while the choice was closed: it belongs to the company."""

        choice: ApplicationChoice
        character: str

    def offer(self, options: list[tuple[str, str]]) -> None:
        """Show these options, keeping the one chosen when it is still among them."""
        chosen = self.value
        with self.prevent(Select.Changed):
            self.set_options([(Text(label), value) for label, value in options])
            if any(value == chosen for _, value in options):
                self.value = chosen

    async def _on_key(self, event: events.Key) -> None:
        if self.expanded or not event.is_printable or not event.character:
            return
        if event.character == " ":
            return  # space opens the list, as on every choice
        event.stop()
        event.prevent_default()
        self.post_message(self.TypedAhead(self, event.character))
