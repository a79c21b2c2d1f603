"""The Textual app: thin on purpose. It holds the journal and the clock, the views (modes)
and the command palette; each screen talks to the journal itself.

Its other parts are mixins of their own modules: ending, every way (`quitting`), keeping a
read-only or damaged journal unwritten (`guard`), exports and backups (`journal_files`),
and `u` (`undoing`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from interview_journal import __version__
from interview_journal.dates import Clock
from interview_journal.ending import Ending
from interview_journal.services.config import Settings
from interview_journal.services.undo import UndoStack
from interview_journal.tui.guard import JournalGuard
from interview_journal.tui.journal_files import JournalFiles
from interview_journal.tui.quitting import Quitting
from interview_journal.tui.stylesheet import SharedStylesheet
from interview_journal.tui.undoing import Undoing

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal


def _lazy(module: str, name: str) -> Callable[[], Screen[None]]:
    """A view's screen, its module imported when the view is first opened: each view
    pulls in its own domain rules and widgets, and the first paint needs only one."""

    def make() -> Screen[None]:
        screen: type[Screen[None]] = getattr(
            importlib.import_module(f"interview_journal.tui.screens.{module}"), name
        )
        return screen()

    return make


def _view(key: str, mode: str, description: str, tooltip: str) -> Binding:
    return Binding(
        key, f"switch_mode('{mode}')", description, show=False, id=f"view_{mode}", tooltip=tooltip
    )


class InterviewJournalApp(Quitting, JournalGuard, JournalFiles, Undoing):
    """Interview Journal's terminal UI."""

    TITLE = "Interview Journal"
    SUB_TITLE = __version__
    # One sheet per part of the app, so each has one obvious place (styles/). The
    # Insights view's sheet (its dialog's too) is that screen's CSS_PATH: Textual reads it
    # when the view first opens, not before the first paint.
    CSS_PATH = [
        f"styles/{part}.tcss"
        for part in ("app", "lists", "review", "forms", "details", "evaluation", "message")
    ]
    MODES = {
        "interviews": _lazy("interviews", "InterviewsScreen"),
        "timeline": _lazy("timeline", "TimelineScreen"),
        "review": _lazy("review", "ReviewScreen"),
        "applications": _lazy("applications", "ApplicationsScreen"),
        "insights": _lazy("insights", "InsightsScreen"),
    }
    DEFAULT_MODE = "interviews"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key on this screen"),
        Binding(
            "f1",
            "help",
            "Help",
            show=False,
            priority=True,  # reaches help even from inside a text box, where ? is typed
            id="help_f1",
            tooltip="Every key on this screen, even while typing",
        ),
        _view("1", "interviews", "Interviews", "Every interview (home)"),
        _view("2", "timeline", "Timeline", "Follow-ups of every interview"),
        _view("3", "review", "Review", "What needs you today"),
        _view("4", "applications", "Applications", "Every application and where it stands"),
        _view("5", "insights", "Insights", "What your interviews are teaching you"),
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
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.stylesheet = SharedStylesheet(variables=self.get_css_variables())
        self._config_warnings = list(warnings)
        self._evaluate_first = evaluate
        self.journal = journal
        self.clock = clock
        self.settings = settings or Settings()
        self.undo_stack = UndoStack(journal)

    def on_resize(self, event: events.Resize) -> None:
        # Rich asks the terminal for its size (three system calls) each time a widget
        # measures text — a list of a hundred rows measures seven hundred cells; the app
        # knows the size, so it tells it
        self.console.size = (event.size.width, event.size.height)

    def on_mount(self) -> None:
        self.console.size = (self.size.width, self.size.height)
        if self.is_web:
            from interview_journal.tui.web_driver import BROWSER_KEYS

            self.set_keymap(BROWSER_KEYS)
        self.watch_over_journal()
        if self._evaluate_first is not None:
            from interview_journal.tui.screens.evaluation import EvaluationScreen

            self.push_screen(EvaluationScreen(self._evaluate_first))
        self.listen_for_the_end()
        for warning in self._config_warnings:  # the config file's problems, said at start
            self.notify(warning, title="Config file", severity="warning", timeout=20)

    def action_help(self) -> None:
        from interview_journal.tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers the journal's own commands only: the journal-wide ones
        (export, backup, screenshot), every key of ours on the current screen by its
        description, and the theme. Textual's own entries (cursor moves, copy, maximize,
        its key panel, a second Quit) are not offered: they are not the journal's."""
        yield from self.file_commands()
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            # our bindings all have an id; the widgets' built-in ones have none
            if not binding.id or not binding.description or not active.enabled:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description}  ({key})",
                binding.tooltip or binding.description,
                partial(self._run_binding, active.node, binding.action),
            )
        yield SystemCommand("Theme", "Change the colours of the app", self.action_change_theme)

    async def _run_binding(self, node: object, action: str) -> None:
        await self.run_action(action, node)  # type: ignore[arg-type]


def make_app(
    journal: Journal,
    clock: Clock,
    *,
    evaluate: int | None = None,
    settings: Settings | None = None,
    view: str | None = None,
    warnings: Sequence[str] = (),
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
    return app_class(journal, clock, evaluate=evaluate, settings=settings, warnings=warnings)


def run_app(
    journal: Journal,
    clock: Clock,
    *,
    evaluate: int | None = None,
    settings: Settings | None = None,
    view: str | None = None,
    warnings: Sequence[str] = (),
) -> int:
    """Run the TUI; returns its exit status: 1 after a crash, 128 + N after signal N (129
    when the terminal went away), else 0."""
    app = make_app(
        journal, clock, evaluate=evaluate, settings=settings, view=view, warnings=warnings
    )
    app.ending = Ending.install()
    app.run()
    return app.ending.code or app.return_code or 0
