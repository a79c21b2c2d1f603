"""The views that read in the background (the list, the timeline, the review): one way to
read a page, tell a stale page from the latest, ask for the next, and to delete with undo.

A read runs in a thread worker and posts a message back; each reload starts a new
generation, and a page of an older one (a search typed over, a filter changed) is
dropped when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import work
from textual.message import Message

from interview_journal.errors import JournalError, NotFoundError
from interview_journal.tui.screens.base import JournalScreen

if TYPE_CHECKING:
    from interview_journal.services.undo import Restored
    from interview_journal.store.journal import DeletedEntry, DeletedInterview

CursorT = TypeVar("CursorT")
"""Where the next page starts."""
KeepT = TypeVar("KeepT")
"""What the cursor is kept on across a reload."""
Deleted = TypeVar("Deleted", "DeletedInterview", "DeletedEntry")


class PagedScreen(JournalScreen, Generic[CursorT, KeepT]):
    """A view whose content is read a page at a time in a worker."""

    LOADS_IN_BACKGROUND = True

    def __init__(self) -> None:
        super().__init__()
        self._generation = 0
        self.shown_generation = 0
        """The read whose result is on screen (equal to `_generation` when up to date)."""
        self._next_cursor: CursorT | None = None
        self._loading_more = False
        self._read_at: tuple[object, ...] | None = None
        """The journal's state and the minute when the last first page was asked for."""

    @property
    def up_to_date(self) -> bool:
        """What is on screen is the latest read's."""
        return self.shown_generation == self._generation

    @property
    def reading_content(self) -> bool:
        return not self.up_to_date

    def _moment(self) -> tuple[object, ...]:
        # the journal's private counter: no public one yet (see the Journal's _journal_state)
        state = self.journal.interviews._journal_state()
        return (state, self.now().replace(second=0, microsecond=0))

    def changed_since_read(self) -> bool:
        """Whether anything could show differently than at the last read: the journal
        changed (here or in another window) or the minute turned (due, overdue and the
        "now" line move with the clock). Coming back to a view reads it only then."""
        try:
            return self._read_at != self._moment()
        except Exception:  # cannot tell (busy, damaged): read, and let the read say why
            return True

    def reload(self, keep: KeepT | None = None) -> None:
        """Read the first page again (after a change, a search, a filter)."""
        try:
            self._read_at = self._moment()  # before the read: a change meanwhile reads again
        except Exception:
            self._read_at = None
        self._generation += 1
        self._loading_more = False
        self._read(self._generation, None, keep)

    def load_more(self) -> None:
        """Read the next page, unless it is being read or there is none."""
        if self._next_cursor is None or self._loading_more:
            return
        self._loading_more = True
        self._read(self._generation, self._next_cursor, None)

    @work(thread=True, exclusive=True, group="page", exit_on_error=False)
    def _read(self, generation: int, after: CursorT | None, keep: KeepT | None) -> None:
        self.post_message(self.read_page(generation, after, keep))

    def read_page(self, generation: int, after: CursorT | None, keep: KeepT | None) -> Message:
        """Read a page (the first when `after` is None). Runs in a worker thread: read
        the journal, never touch a widget; what is read goes back in the message."""
        raise NotImplementedError

    def page_arrived(self, generation: int, next_cursor: CursorT | None) -> bool:
        """A page of `generation` has arrived: True when it is the latest read's and
        should be shown."""
        if generation != self._generation:
            return False
        self._loading_more = False
        self._next_cursor = next_cursor
        return True

    def page_shown(self, generation: int) -> None:
        self.shown_generation = generation
        self.content_shown()


class DeletesWithUndo(PagedScreen[CursorT, KeepT]):
    """A paged view that deletes the highlighted thing, saying that `u` brings it back."""

    def keep_after_undo(self, restored: Restored) -> KeepT | None:
        """What to keep the cursor on once `restored` is back."""
        raise NotImplementedError

    def delete_with_undo(
        self, delete: Callable[[], Deleted], title: str, *, about: int | None
    ) -> None:
        """Delete (`about` names the interview, for a failure), keep what undo needs."""
        try:
            deleted = delete()
        except NotFoundError as error:
            self.failed(error, about=about)  # another window deleted it first
            return
        except JournalError as error:
            self.report(error, title="Not deleted")
            return
        self.journal_app.undo_stack.remember(deleted)
        self.notify(f"Deleted {title}. Press u to undo.", timeout=6)
        self.reload()

    def action_undo(self) -> None:
        restored = self.journal_app.restore_last(self)
        if restored is not None:
            self.reload(self.keep_after_undo(restored))
