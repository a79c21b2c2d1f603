"""Ending the app, every way it can end, without losing what is being typed.

Quitting (q, ctrl+q, the palette) first asks every screen that holds typing
(`SavesOnQuit`) to write it, and stays open when a save failed. A signal or the terminal
going away (see `interview_journal.ending`) lets the keys typed before it land in their
fields, saves, and ends with status 128 + the signal's number. A bug saves what it can and
reports itself without the user's text (`crash`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from time import monotonic
from typing import TYPE_CHECKING

from textual.screen import Screen

from interview_journal.ending import HANG_UP, Ending
from interview_journal.tui.crash import crash_report, save_after_a_crash
from interview_journal.tui.saving import SavesOnQuit
from interview_journal.tui.typeahead import TypeaheadApp

if TYPE_CHECKING:
    from textual.driver import Driver

SETTLE_LIMIT = 0.3
"""Seconds an ending waits, at most, for keys typed before it to land in their fields."""
INPUT_QUIET = 0.05
"""Seconds with nothing read from the terminal before an ending takes the typing as done."""

NOT_SAVED = (
    "Something you typed could not be saved (see the message before), so the journal is "
    "still open. Fix it and quit again — or quit once more to leave without it."
)


class Quitting(TypeaheadApp):
    """The app's part that ends it: quitting, signals, a terminal gone, a crash."""

    ending: Ending | None = None
    """The watch for ending signals (`run_app` installs it; tests run without)."""
    _quitting = False
    _quit_anyway = False
    """A quit found unsaved typing and said so: the next quit leaves without it."""
    _ending_started = False
    _ending_in_a_hurry = False
    _terminal_lost = False

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        if driver_class.__name__ == "LinuxDriver":
            # Textual's hangs for ever once its terminal has gone (see `driver`)
            from interview_journal.tui.driver import SturdyDriver

            return SturdyDriver
        if driver_class.__name__ == "WebDriver":
            # a browser tab (`interview-journal serve`): its end must save too
            from interview_journal.tui.web_driver import WebJournalDriver

            return WebJournalDriver
        return driver_class

    def listen_for_the_end(self) -> None:
        """Textual installs no handlers for signals: without ours, `kill` or a closed
        terminal would end the process before a form had saved what was typed."""
        if self.ending is not None:
            self.ending.listen(self._heard_the_end, self._last_words)

    # --- quitting -----------------------------------------------------------------------

    def savers(self) -> Iterator[SavesOnQuit]:
        """Every screen, in every mode's stack, that holds typing to save."""
        for screen in self.all_screens():
            if isinstance(screen, SavesOnQuit):
                yield screen

    def all_screens(self) -> Iterator[Screen[object]]:
        """Every screen in every mode's stack, bottom first."""
        for stack in self._screen_stacks.values():
            yield from stack

    async def save_everything(self) -> None:
        """Ask every screen in every mode's stack to write what it holds."""
        for screen in self.savers():
            await screen.flush_unsaved()

    async def action_quit(self) -> None:
        await self._quit(force=False)

    async def _quit(self, *, force: bool) -> None:
        if self._quitting:
            return
        self._quitting = True
        await self.save_everything()
        unsaved = [screen for screen in self.savers() if screen.unsaved]
        ending = self.exit_status() != 0
        if unsaved and not force and not ending and not self._quit_anyway:
            # a save failed (disk full?): quitting now would lose it; ask for a second quit
            self._quitting = False
            self._quit_anyway = True
            self.notify(NOT_SAVED, title="Not saved", severity="error", timeout=12)
            return
        self.exit(return_code=self.exit_status())

    def exit_status(self) -> int:
        """0, or 128 + the signal that is ending the program (129 for a terminal gone)."""
        if self.ending is not None and self.ending.code is not None:
            return self.ending.code
        return 128 + HANG_UP if self._terminal_lost else 0

    # --- a bug ----------------------------------------------------------------------------

    def _fatal_error(self) -> None:
        """A bug ended the app: save what was typed, and report it without the user's text
        (Textual's own report shows every local variable of every frame)."""
        import sys

        save_after_a_crash(self.all_screens())
        self._exit_renderables.append(crash_report(self._exception or sys.exc_info()[1]))
        self._close_messages_no_wait()

    # --- ending on a signal or a terminal gone ------------------------------------------

    def terminal_gone(self) -> None:
        """(any thread) The terminal's input ended or its output failed: a hang-up."""
        if self.ending is not None:
            self.ending.terminal_gone()
            return
        self._terminal_lost = True
        self._heard_the_end(HANG_UP, True)

    def _heard_the_end(self, number: int, first: bool) -> None:
        """(any thread, usually the ending watch's) Save what can be saved, then go."""
        stop_waiting = getattr(self._driver, "stop_waiting_for_output", None)
        if stop_waiting is not None:
            stop_waiting()  # the main thread must not wait for a terminal that takes nothing
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: we are ending
                loop.call_soon_threadsafe(self._end_now)

    def _last_words(self) -> None:
        """(the ending watch, at its deadline) Put the terminal back if it is still there."""
        last_words = getattr(self._driver, "last_words", None)
        if last_words is not None:
            last_words()

    def _end_now(self) -> None:
        if self._ending_started:
            # a second signal: save what is there without waiting for more typing (the
            # deadline ends the process whatever happens)
            self._ending_in_a_hurry = True
            return
        self._ending_started = True
        self.run_worker(self._save_and_end(), group="ending", exit_on_error=False)

    async def _save_and_end(self) -> None:
        # Not `_quit`: a quit already in progress may be what is stuck, and nothing is
        # asked here (there is nobody to answer).
        self._quitting = True
        await self._let_typing_land()
        for screen in list(self.savers()):
            with contextlib.suppress(Exception):  # one screen's bug must not cost the rest
                await screen.flush_unsaved()
        self.exit(return_code=self.exit_status())

    async def _let_typing_land(self) -> None:
        """Keys typed before the signal reach their fields before the save: those the
        terminal still holds, those on their way to the app, those the typeahead gate
        holds for a screen. At most `SETTLE_LIMIT` seconds (a screen that never takes
        keys must not cost the rest)."""
        driver = self._driver
        unread: Callable[[], int] = getattr(driver, "unread_input", lambda: 0)
        since_input: Callable[[], float] = getattr(driver, "seconds_since_input", lambda: 1.0)
        start = monotonic()
        while monotonic() - start < SETTLE_LIMIT and not self._ending_in_a_hurry:
            on_the_way = unread() > 0 or not self._message_queue.empty()
            # Keys written just before the signal can reach the terminal's input a little
            # after it, and keys read reach the app's queue a little after that.
            quiet = min(monotonic() - start, since_input()) >= INPUT_QUIET
            if quiet and not (self.keys_typed_ahead or self._key_in_flight or on_the_way):
                return
            await asyncio.sleep(0.005)
