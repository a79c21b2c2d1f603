"""What every screen of ours can reach: the journal and the clock the app was given."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

import pendulum
from textual.screen import ModalScreen, Screen

from interview_journal.dates import Clock
from interview_journal.errors import JournalError

T = TypeVar("T")

if TYPE_CHECKING:
    from interview_journal.app import InterviewJournalApp
    from interview_journal.store.journal import Journal


class JournalAccess:
    """Mixin for screens: typed access to the app's journal and clock."""

    app: Any

    @property
    def journal_app(self) -> InterviewJournalApp:
        return cast("InterviewJournalApp", self.app)

    @property
    def journal(self) -> Journal:
        return self.journal_app.journal

    @property
    def clock(self) -> Clock:
        return self.journal_app.clock

    def now(self) -> pendulum.DateTime:
        return self.clock.now()

    def report(self, error: JournalError, *, title: str = "Not saved") -> None:
        """Show one of our own errors as a notification (never a traceback)."""
        self.app.notify(error.message, title=title, severity="error", timeout=8)


class JournalScreen(JournalAccess, Screen[None]):
    """A full-screen view."""

    LOADS_IN_BACKGROUND = False
    """True for views whose content arrives from a worker: keys typed before it arrives
    wait for it (see `interview_journal.typeahead`), so `3` then `x` marks the first
    follow-up done instead of finding nothing to act on."""

    _content_shown = False

    @property
    def ready_for_keys(self) -> bool:
        return self._content_shown or not self.LOADS_IN_BACKGROUND

    def content_shown(self) -> None:
        """Call when a read has put something on screen: held keys may flow."""
        if not self._content_shown:
            self._content_shown = True
            self.journal_app.keys_may_flow()


class JournalModal(JournalAccess, ModalScreen[T]):
    """A dialog that returns a typed value with `dismiss`."""
