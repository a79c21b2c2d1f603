"""`u` in the list and the timeline: bring back the last thing deleted or dismissed, and say so.

What is kept and how it comes back is `services.undo`'s; this is the app's part that
speaks. A deleted application (with every round of it) is kept here beside that stack,
in the same newest-last order: `u` brings back whichever was deleted last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from interview_journal.domain.applications import Application
from interview_journal.errors import JournalError
from interview_journal.services.undo import Restored, Undone, UndoStack

if TYPE_CHECKING:
    from interview_journal.store.applications import DeletedApplication
    from interview_journal.store.journal import Journal


class Undoing(App[None]):
    """The app's part that keeps what `u` brings back, as long as the app runs."""

    journal: Journal
    undo_stack: UndoStack
    """What was deleted or dismissed, newest last: `u` brings it back until the app quits."""

    deleted_applications: list[tuple[int, DeletedApplication]]
    """Deleted applications, each with the depth of `undo_stack` when it was deleted: it
    is the newest thing to undo while the stack holds no more than that."""

    def remember_application(self, deleted: DeletedApplication) -> None:
        """Keep a deleted application (and its rounds) for `u`."""
        self.deleted_applications.append((len(self.undo_stack), deleted))

    def restore_last(self, screen: Screen[Any]) -> Restored | None:
        """Bring back the last deleted or dismissed thing, saying so on `screen`. An
        application is no `Restored`: the screen reads again to show it (and None)."""
        restored = self.restore_newest(screen)
        if isinstance(restored, Application):
            read_again = getattr(screen, "read_again", None)
            if callable(read_again):
                read_again()
            return None
        return restored

    def restore_newest(self, screen: Screen[Any]) -> Restored | Application | None:
        """Like `restore_last`, with an application given back as itself."""
        if self.deleted_applications and self.deleted_applications[-1][0] >= len(self.undo_stack):
            return self._restore_application(screen)
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

    def _restore_application(self, screen: Screen[Any]) -> Application | None:
        _, deleted = self.deleted_applications[-1]
        try:
            application = self.journal.applications.restore(deleted)
        except JournalError as error:
            screen.notify(error.message, title="Not restored", severity="error", timeout=8)
            return None
        self.deleted_applications.pop()
        rounds = len(deleted.rounds)
        with_rounds = f" with its {rounds} round{'s' if rounds != 1 else ''}" if rounds else ""
        screen.notify(f"Restored {application.title}{with_rounds}.", timeout=4)
        return application
