"""The Textual app: thin on purpose. It holds the journal and the clock, and owns quitting.

Views are modes; each screen talks to the journal itself. Quitting in any way (q,
ctrl+q, the palette, SIGHUP, SIGTERM, SIGINT, SIGQUIT, a closed terminal) first asks every
open screen to save what is being typed. A signal or the terminal going away ends the
program within a second with status 128 + the signal's number (see `ending`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from interview_journal import __version__
from interview_journal.dates import Clock
from interview_journal.ending import HANG_UP, Ending
from interview_journal.errors import JournalError
from interview_journal.services.config import Settings
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.review import ReviewScreen
from interview_journal.tui.screens.timeline import DismissedSuggestion, TimelineScreen
from interview_journal.tui.typeahead import TypeaheadApp

if TYPE_CHECKING:
    from textual.driver import Driver

    from interview_journal.store.journal import DeletedEntry, DeletedInterview, Journal


SETTLE_LIMIT = 0.3
"""Seconds an ending waits, at most, for keys typed before it to land in their fields."""
INPUT_QUIET = 0.05
"""Seconds with nothing read from the terminal before an ending takes the typing as done."""


DAMAGE_TOAST_SECONDS = 30.0
"""How long the toast saying the journal is damaged stays (it holds a command to copy)."""
DAMAGE_CHECK_DELAY = 1.0
"""Seconds after start before the whole file is checked for damage (a write before that
runs the check itself, first)."""


class InterviewJournalApp(TypeaheadApp, App[None]):
    """Interview Journal's terminal UI."""

    TITLE = "Interview Journal"
    SUB_TITLE = __version__
    CSS_PATH = "app.tcss"
    MODES = {
        "interviews": InterviewsScreen,
        "timeline": TimelineScreen,
        "review": ReviewScreen,
    }
    DEFAULT_MODE = "interviews"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key on this screen"),
        Binding(
            "1",
            "switch_mode('interviews')",
            "Interviews",
            show=False,
            id="view_interviews",
            tooltip="Every interview (home)",
        ),
        Binding(
            "2",
            "switch_mode('timeline')",
            "Timeline",
            show=False,
            id="view_timeline",
            tooltip="Follow-ups of every interview",
        ),
        Binding(
            "3",
            "switch_mode('review')",
            "Review",
            show=False,
            id="view_review",
            tooltip="What needs you today",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            id="quit_app",
            tooltip="Save what you typed and quit",
        ),
    ]

    def __init__(
        self,
        journal: Journal,
        clock: Clock,
        *,
        evaluate: int | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self._evaluate_first = evaluate
        self.journal = journal
        self.clock = clock
        self.settings = settings or Settings()
        self._quitting = False
        self._quit_anyway = False
        self.ending: Ending | None = None
        """The watch for ending signals (`run_app` installs it; tests run without)."""
        self._ending_started = False
        self._ending_in_a_hurry = False
        self._terminal_lost = False
        self.undo_stack: list[DeletedInterview | DeletedEntry | DismissedSuggestion] = []
        """What was deleted or dismissed, newest last: `u` brings it back until the app quits."""

    def on_mount(self) -> None:
        opened_read_only = self.journal.read_only and self.journal.damage is None
        if self.journal.damage is not None:
            self._look_for_damage()  # found before the app started: say it at once
        else:  # after start-up, whose reads it would slow down on a big journal
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
        if self._evaluate_first is not None:
            from interview_journal.tui.screens.evaluation import EvaluationScreen

            self.push_screen(EvaluationScreen(self._evaluate_first))
        if self.ending is not None:
            # Textual installs no handlers for these: without ours, `kill` or a closed
            # terminal would end the process before a form had saved what was typed.
            self.ending.listen(self._heard_the_end, self._last_words)

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        if driver_class.__name__ == "LinuxDriver":
            # Textual's hangs for ever once its terminal has gone (see `driver`)
            from interview_journal.tui.driver import SturdyDriver

            return SturdyDriver
        return driver_class

    WRITING_SCREENS = ("InterviewFormScreen", "EntryFormScreen", "EvaluationScreen")
    """Screens that exist to write: a read-only journal does not open them."""

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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast, plain text unless `markup` is asked for: ours quote paths and the
        user's words (an exported file's name, a restored interview's title)."""
        damage = self.journal.damage
        if damage is not None and message == damage.message:
            # Every screen whose read meets the damage says so, in the same words: one
            # toast at a time is enough, and it stays long enough to be read and copied.
            if any(shown.message == message for shown in self._notifications):
                return
            title, severity, timeout = "Damaged journal", "error", DAMAGE_TOAST_SECONDS
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The App's own workers (export, backup, the damage check) never end the app:
        a failure is said in plain words, like a screen's."""
        if event.state is WorkerState.ERROR and event.worker.node is self:
            from interview_journal.tui.screens.base import in_plain_words

            self.notify(in_plain_words(event.worker.error), severity="error", timeout=8)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        damage = self.journal.damage
        if damage is not None and type(screen).__name__ in self.WRITING_SCREENS:
            self.notify(damage.message, markup=False)
            return None
        if self.journal.read_only and type(screen).__name__ in self.WRITING_SCREENS:
            self.notify(
                "The journal is open read-only: you can read everything, but not change it.",
                title="Read-only",
                severity="warning",
                timeout=5,
            )
            return None
        return super().push_screen(screen, *args, **kwargs)

    def undo_last(self, screen: Screen[Any]) -> str | None:
        """Bring back the last deleted or dismissed thing; returns its timeline key."""
        from interview_journal.store.journal import DeletedEntry, DeletedInterview

        if not self.undo_stack:
            screen.notify("Nothing to undo.", timeout=3)
            return None
        last = self.undo_stack.pop()
        try:
            if isinstance(last, DeletedInterview):
                interview = self.journal.restore_interview(last)
                screen.notify(f"Restored {interview.title}.", timeout=4)
                return f"interview:{interview.id}"
            if isinstance(last, DeletedEntry):
                entry = self.journal.restore_entry(last)
                screen.notify(f"Restored {entry.title}.", timeout=4)
                return f"entry:{entry.id}"
            self.journal.undismiss_suggestion(last.key)
            screen.notify(f"The suggestion for {last.title} is back.", timeout=4)
            return f"suggestion:{last.key}"
        except JournalError as error:
            self.undo_stack.append(last)
            screen.notify(error.message, title="Not restored", severity="error", timeout=8)
            return None

    def _fatal_error(self) -> None:
        """A bug ended the app: save what was typed, and report it without the user's text.

        Textual's own report shows every local variable of every frame, which would print
        someone's reflection to the terminal (and into bug reports). Ours names the
        exception type and the code locations only.
        """
        import sys
        import traceback

        for screen in self._all_screens():
            for saver in ("save_now", "_write_draft"):
                with contextlib.suppress(Exception):
                    if hasattr(screen, "_dirty"):
                        screen._dirty = True
                    if hasattr(screen, "_draft_dirty"):
                        screen._draft_dirty = True
                    getattr(screen, saver, lambda: None)()
        error = self._exception or sys.exc_info()[1]
        frames = traceback.extract_tb(error.__traceback__) if error is not None else []
        where = "\n".join(
            f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}"
            for frame in frames[-15:]
        )
        kind = type(error).__name__ if error is not None else "an unknown error"
        self._exit_renderables.append(
            Text(
                f"interview-journal: stopped by a bug ({kind}). What you typed was saved "
                "as far as possible; reopen the journal to find it.\n"
                "Please report it with these lines (they hold no text of yours):\n"
                f"{where}"
            )
        )
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
        for screen in list(self._all_screens()):
            flush = getattr(screen, "flush_unsaved", None)
            if flush is not None:
                with contextlib.suppress(Exception):  # one screen's bug must not cost the rest
                    await flush()
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
            in_flight = bool(getattr(self, "_key_in_flight", False))
            on_the_way = unread() > 0 or not self._message_queue.empty()
            # Keys written just before the signal can reach the terminal's input a little
            # after it, and keys read reach the app's queue a little after that.
            quiet = min(monotonic() - start, since_input()) >= INPUT_QUIET
            if quiet and not (self.keys_typed_ahead or in_flight or on_the_way):
                return
            await asyncio.sleep(0.005)

    def exit_status(self) -> int:
        """0, or 128 + the signal that is ending the program (129 for a terminal gone)."""
        if self.ending is not None and self.ending.code is not None:
            return self.ending.code
        return 128 + HANG_UP if self._terminal_lost else 0

    async def save_everything(self) -> None:
        """Ask every screen in every mode's stack to write what it holds."""
        for screen in self._all_screens():
            flush = getattr(screen, "flush_unsaved", None)
            if flush is not None:
                await flush()

    def _all_screens(self) -> Iterable[Screen[object]]:
        for stack in self._screen_stacks.values():
            yield from stack

    async def action_quit(self) -> None:
        await self._quit(force=False)

    async def _quit(self, *, force: bool) -> None:
        if self._quitting:
            return
        self._quitting = True
        await self.save_everything()
        unsaved = [s for s in self._all_screens() if getattr(s, "unsaved", False)]
        ending = self.exit_status() != 0
        if unsaved and not force and not ending and not self._quit_anyway:
            # a save failed (disk full?): quitting now would lose it; ask for a second quit
            self._quitting = False
            self._quit_anyway = True
            self.notify(
                "Something you typed could not be saved (see the message before), so the "
                "journal is still open. Fix it and quit again — or quit once more to leave "
                "without it.",
                title="Not saved",
                severity="error",
                timeout=12,
            )
            return
        self.exit(return_code=self.exit_status())

    def action_help(self) -> None:
        from interview_journal.tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def exports_dir(self) -> Path:
        """Where exports and backups made from the TUI go: beside the journal file."""
        return self.journal.path.parent

    def action_export(self, fmt: str) -> None:
        """Export the whole journal to a file beside it (in a worker: it may take seconds)."""
        self._export(fmt)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, fmt: str) -> None:
        from interview_journal.services.export import SUFFIXES, write_export

        now = self.clock.now()
        name = f"interview-journal-{now:%Y-%m-%d-%H%M%S}.{SUFFIXES[fmt]}"
        target = self.exports_dir() / "exports" / name
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            dismissed = self.journal.dismissed_suggestions()
            write_export(fmt, self.journal.records(), dismissed, now, target)
        except (OSError, JournalError) as error:
            message = (
                error.message if isinstance(error, JournalError) else (error.strerror or str(error))
            )
            self.call_from_thread(
                self.notify, f"Not exported: {message}", severity="error", timeout=8
            )
            return
        self.call_from_thread(self.notify, f"Exported to {target}", title="Export", timeout=8)

    def action_backup(self) -> None:
        self._backup()

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def _backup(self) -> None:
        now = self.clock.now()
        target = (
            self.exports_dir() / "backups" / (f"{self.journal.path.stem}-{now:%Y-%m-%d-%H%M%S}.db")
        )
        try:
            copy = self.journal.backup(target)
        except JournalError as error:
            self.call_from_thread(self.notify, error.message, severity="error", timeout=8)
            return
        self.call_from_thread(
            self.notify,
            f"Backed up to {target} ({copy.interviews:,} interviews, checked)",
            title="Backup",
            timeout=8,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every key of the current screen, by its description, and
        the journal-wide commands (export, backup)."""
        for fmt, label in (
            ("json", "JSON (everything, for import)"),
            ("markdown", "Markdown (to read or print)"),
            ("csv", "CSV (for a spreadsheet)"),
            ("ics", "iCalendar (interviews and planned follow-ups)"),
        ):
            yield SystemCommand(
                f"Export the journal as {label}",
                f"Writes a file in {self.exports_dir() / 'exports'}",
                partial(self.action_export, fmt),
            )
        yield SystemCommand(
            "Back up the journal",
            f"A checked copy in {self.exports_dir() / 'backups'}, safe while open",
            self.action_backup,
        )
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description}  ({key})",
                binding.tooltip or binding.description,
                partial(self._run_binding, active.node, binding.action),
            )
        yield from super().get_system_commands(screen)

    async def _run_binding(self, node: object, action: str) -> None:
        await self.run_action(action, node)  # type: ignore[arg-type]


def make_app(
    journal: Journal,
    clock: Clock,
    *,
    evaluate: int | None = None,
    settings: Settings | None = None,
    view: str | None = None,
) -> InterviewJournalApp:
    """Build the app the same way for the CLI, the tests and the screenshot script.

    `view` names the mode to open on (a mode of `MODES`); Textual reads the starting mode
    from the class, so a subclass carries it.
    """
    app_class: type[InterviewJournalApp] = InterviewJournalApp
    if view is not None and view != InterviewJournalApp.DEFAULT_MODE:
        if view not in InterviewJournalApp.MODES:
            raise ValueError(f"unknown view {view!r}")
        app_class = type(
            "InterviewJournalApp",
            (InterviewJournalApp,),
            {"DEFAULT_MODE": view, "__module__": __name__},
        )
    from interview_journal.tui.widgets import visible_text

    visible_text.install()  # control characters in text are shown, never sent
    return app_class(journal, clock, evaluate=evaluate, settings=settings)


def run_app(
    journal: Journal,
    clock: Clock,
    *,
    evaluate: int | None = None,
    settings: Settings | None = None,
    view: str | None = None,
) -> int:
    """Run the TUI; returns its exit status: 1 after a crash, 128 + N after signal N (129
    when the terminal went away), else 0."""
    app = make_app(journal, clock, evaluate=evaluate, settings=settings, view=view)
    app.ending = Ending.install()
    app.run()
    return app.ending.code or app.return_code or 0
