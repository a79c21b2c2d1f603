"""`u` in the list and the timeline: bring back the last thing deleted or dismissed, and say so.

What is kept and how it comes back is `services.undo`'s; this is the app's part that
speaks.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen

from interview_journal.errors import JournalError
from interview_journal.services.undo import Restored, Undone, UndoStack


class Undoing(App[None]):
    """The app's part that keeps what `u` brings back, as long as the app runs."""

    undo_stack: UndoStack
    """What was deleted or dismissed, newest last: `u` brings it back until the app quits."""

    def restore_last(self, screen: Screen[Any]) -> Restored | None:
        """Bring back the last deleted or dismissed thing, saying so on `screen`."""
        try:
            restored = self.undo_stack.undo_last()
        except JournalError as error:
            screen.notify(error.message, title="Not restored", severity="error", timeout=8)
            return None
        if restored is None:
            screen.notify("Nothing to undo.", timeout=3)
        elif restored.kind is Undone.SUGGESTION:
            screen.notify(f"The suggestion for {restored.title} is back.", timeout=4)
        else:
            screen.notify(f"Restored {restored.title}.", timeout=4)
        return restored
