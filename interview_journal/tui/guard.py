"""The app's watch over the journal: read-only, damaged, and failures said in words.

A journal opened read-only is said once at the start; one found damaged (at the start, by
the check a second later, or by any read) makes the app read-only and is said in one
long toast. Neither opens a screen that exists to write (`JournalAccess.WRITES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from textual import work
from textual.app import App
from textual.worker import Worker, WorkerState

from interview_journal.tui.screens.base import JournalAccess, Toast, in_plain_words

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal

DAMAGE_TOAST_SECONDS = 30.0
"""How long the toast saying the journal is damaged stays (it holds a command to copy)."""
DAMAGE_CHECK_DELAY = 1.0
"""Seconds after start before the whole file is checked for damage (a write before that
runs the check itself, first)."""


def writes(screen: object) -> bool:
    """Whether `screen` exists to write, so a read-only journal does not open it."""
    return isinstance(screen, JournalAccess) and screen.WRITES


class JournalGuard(App[None]):
    """The app's part that keeps a read-only or damaged journal from being written."""

    journal: Journal

    def watch_over_journal(self) -> None:
        """At mount: say a read-only journal, and check the whole file for damage (at
        once when damage was found before the app started, else a little later: on a big
        journal the check would slow down the first reads)."""
        opened_read_only = self.journal.read_only and self.journal.damage is None
        if self.journal.damage is not None:
            self._look_for_damage()
        else:
            self.set_timer(DAMAGE_CHECK_DELAY, self._look_for_damage)
        if opened_read_only:
            self.sub_title = "read-only"
            reason = self.journal.read_only_reason  # a full disk, say
            self.notify(
                f"{reason}: you can read everything; nothing can be changed until there is room."
                if reason
                else f"{self.journal.path} is open read-only: nothing you do here changes it.",
                title="Read-only",
                severity="warning",
                timeout=8,
            )

    @work(thread=True, group="soundness", exit_on_error=False)
    def _look_for_damage(self) -> None:
        """Read the whole file once (`quick_check`, in this worker: half a second at
        100,000 interviews) and say so if it is damaged. Saving does not rely on this
        worker: the first write runs the same check (or waits for this one) itself."""
        damage = self.journal.check_soundness()
        if damage is not None:
            self.call_from_thread(self.show_damage)

    def show_damage(self) -> None:
        """The journal file is damaged: it is read-only from now on, and the user is told
        what to do (the screens say it again when a read of theirs meets the damage)."""
        damage = self.journal.damage
        if damage is None:
            return
        self.sub_title = "damaged, read-only"
        from interview_journal.tui.widgets.top_bar import TopBar

        for bar in self.screen.query(TopBar):
            bar.show_again()
        self.notify(damage.message, markup=False)

    def notify(self, message: str, **toast: Unpack[Toast]) -> None:
        """A toast, plain text unless `markup` is asked for: ours quote paths and the
        user's words (an exported file's name, a restored interview's title)."""
        toast.setdefault("markup", False)
        damage = self.journal.damage
        if damage is not None and message == damage.message:
            # Every screen whose read meets the damage says so, in the same words: one
            # toast at a time is enough, and it stays long enough to be read and copied.
            if any(shown.message == message for shown in self._notifications):
                return
            toast["title"], toast["severity"] = "Damaged journal", "error"
            toast["timeout"] = DAMAGE_TOAST_SECONDS
        super().notify(message, **toast)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The App's own workers (export, backup, the damage check) never end the app:
        a failure is said in plain words, like a screen's."""
        if event.state is WorkerState.ERROR and event.worker.node is self:
            self.notify(in_plain_words(event.worker.error), severity="error", timeout=8)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        if not writes(screen):
            return super().push_screen(screen, *args, **kwargs)
        damage = self.journal.damage
        if damage is not None:
            self.notify(damage.message, markup=False)
        elif self.journal.read_only:
            self.notify(
                "The journal is open read-only: you can read everything, but not change it.",
                title="Read-only",
                severity="warning",
                timeout=5,
            )
        else:
            return super().push_screen(screen, *args, **kwargs)
        return None
