"""Every way to quit with unsaved input: nothing typed is lost silently.

Someone is typing a new interview (the form keeps a draft half a second after the last
key) or an evaluation (saved 0.8 s after the last key), and leaves *at once*, before any
of those timers has run:

- ctrl+q (a priority key: it works while a text field has the cursor; `q` would type a q);
- the command palette's "Quit" (ctrl+p, type "quit", enter);
- ctrl+q while the form's "Discard…?" dialog is open on top of it;
- escape out of the form, which asks "Discard…?": answering n keeps the text on screen
  and the draft in the journal; escape out of the evaluation, which saves;
- SIGTERM and SIGHUP (a `kill`, a closed terminal) to the real program on a pseudo-terminal
  (exit status 128 + the signal; every other way the terminal can go is in
  test_terminal_gone.py).

After each, the journal is opened again by a new app (a new connection to the same file)
and what was typed must come back: the draft in the form, the text in the evaluation.
Only an explicit "yes, discard" may throw typing away.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from tests.reliability.pty_terminal import Terminal
from tests.ui.helpers import (
    AnyPilot,
    focused_id,
    input_value,
    press_and_settle,
    settle,
    toasts,
    type_text,
)

SIZE = (100, 30)
INITECH = 4
"""Held yesterday in the sample journal, not evaluated yet."""
COMPANY = "Umbrella quiz Corp"
"""Typed key by key: the q is a letter here, not quit."""
NOTES = "Ask about the team 👩\u200d💻 — Ekström, 面试"
"""Put in as a paste would (pilot.press cannot type emoji)."""
WENT_WELL = "Told the story quite well"
LESSON = "Slow down — مقابلة, 面试 🇸🇪"
NEW_DRAFT = "interview-form:new"


# --- ways to quit, in-process (Pilot) --------------------------------------------------------


async def ctrl_q(pilot: AnyPilot) -> None:
    await pilot.press("ctrl+q")


async def palette_quit(pilot: AnyPilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette), "ctrl+p did not open the palette"
    await type_text(pilot, "quit")
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(60):  # the palette searches its providers in the background
        highlighted = commands.highlighted_option
        if highlighted is not None and str(highlighted.prompt).startswith("Quit"):
            break
        await pilot.pause(0.05)
    highlighted = commands.highlighted_option
    assert highlighted is not None and str(highlighted.prompt).startswith("Quit")
    await pilot.press("enter")


async def ctrl_q_in_the_discard_dialog(pilot: AnyPilot) -> None:
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen), "escape did not ask before discarding"
    await pilot.press("ctrl+q")


async def escape_n_then_ctrl_q(pilot: AnyPilot) -> None:
    await keep_editing(pilot)
    await pilot.press("ctrl+q")


async def keep_editing(pilot: AnyPilot) -> None:
    """escape asks "Discard…?"; n keeps the form, its text and the cursor in it."""
    screen, field = pilot.app.screen, focused_id(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmScreen)
    assert "Discard" in str(dialog.query_one("#question").render())
    await press_and_settle(pilot, "n")
    assert pilot.app.screen is screen
    assert focused_id(pilot.app) == field


QUITS: dict[str, Callable[[AnyPilot], Awaitable[None]]] = {
    "ctrl+q": ctrl_q,
    "palette Quit": palette_quit,
    "ctrl+q in the Discard? dialog": ctrl_q_in_the_discard_dialog,
    "escape, n, then ctrl+q": escape_n_then_ctrl_q,
}


async def quit_and_wait(pilot: AnyPilot, way: Callable[[AnyPilot], Awaitable[None]]) -> None:
    app = pilot.app
    assert app.is_running, "the app quit before it was asked to (a typed q?)"
    await way(pilot)
    for _ in range(50):
        if not app.is_running:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the app did not quit; {app.screen!r} is on top")


def reopen(journal: Journal, journal_path: Path) -> Journal:
    """Close the first app's connection; what follows reads the file afresh."""
    journal.close()
    return open_journal(journal_path)


# --- the interview form ------------------------------------------------------------------------


async def type_a_new_interview(pilot: AnyPilot) -> None:
    await settle(pilot)
    await press_and_settle(pilot, "a")
    assert isinstance(pilot.app.screen, InterviewFormScreen)
    assert focused_id(pilot.app) == "field-application_id"  # open applications come first
    pilot.app.screen.query_one("#field-notes", TextArea).insert(NOTES)
    await type_text(pilot, COMPANY)  # letters typed on the choice go on into the company
    assert input_value(pilot.app, "#field-company") == COMPANY


async def the_form_brings_it_back(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        assert input_value(app, "#field-company") == COMPANY
        assert app.screen.query_one("#field-notes", TextArea).text == NOTES
        assert any("Restored what you were typing" in toast for toast in toasts(app))


@pytest.mark.parametrize("way", list(QUITS))
async def test_quitting_the_new_interview_form_keeps_the_draft(
    filled_journal: Journal, journal_path: Path, clock: FixedClock, way: str
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await type_a_new_interview(pilot)
        await quit_and_wait(pilot, QUITS[way])  # at once: no draft timer has run yet
    with reopen(filled_journal, journal_path) as reopened:
        assert reopened.count_interviews() == 5  # a draft, not a saved interview
        draft = reopened.load_draft(NEW_DRAFT)
        assert draft is not None and draft["company"] == COMPANY, draft
        assert draft["notes"] == NOTES
        await the_form_brings_it_back(reopened, clock)


async def test_escape_then_n_keeps_the_text_and_writes_the_draft(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await type_a_new_interview(pilot)
        await keep_editing(pilot)
        assert input_value(app, "#field-company") == COMPANY
        assert app.screen.query_one("#field-notes", TextArea).text == NOTES
        await type_text(pilot, " Ltd")  # typing carries on in the same field
        assert input_value(app, "#field-company") == COMPANY + " Ltd"
        await pilot.pause(0.8)  # the draft timer (0.5 s after the last key)
        # A second connection, as another window (or the next start after a crash) sees it.
        with open_journal(journal_path) as other:
            draft = other.load_draft(NEW_DRAFT)
        assert draft is not None and draft["company"] == COMPANY + " Ltd"
        assert draft["notes"] == NOTES


async def test_only_an_explicit_yes_discards_the_typing(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await type_a_new_interview(pilot)
        await pilot.pause(0.8)  # the draft is written
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, InterviewsScreen)
    with reopen(filled_journal, journal_path) as reopened:
        assert reopened.load_draft(NEW_DRAFT) is None
        assert reopened.count_interviews() == 5


async def test_quitting_a_new_timeline_entry_keeps_its_draft(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(TimelineScreen(INITECH))
        await settle(pilot)
        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, EntryFormScreen)
        await type_text(pilot, "fri")  # the cursor starts in "Planned for"
        app.screen.query_one("#field-reason", TextArea).insert(LESSON)
        await quit_and_wait(pilot, ctrl_q)
    with reopen(filled_journal, journal_path) as reopened:
        draft = reopened.load_draft(f"entry-form:new:{INITECH}")
    assert draft is not None and (draft["due"], draft["reason"]) == ("fri", LESSON), draft


# --- the evaluation --------------------------------------------------------------------------

EVALUATION_QUITS: dict[str, Callable[[AnyPilot], Awaitable[None]]] = {
    "ctrl+q": ctrl_q,
    "palette Quit": palette_quit,
    "escape (back), then ctrl+q in the list": lambda pilot: _escape_then_quit(pilot),
}


async def _escape_then_quit(pilot: AnyPilot) -> None:
    await press_and_settle(pilot, "escape")
    assert isinstance(pilot.app.screen, InterviewsScreen)
    await pilot.press("ctrl+q")


async def type_an_evaluation(pilot: AnyPilot) -> None:
    await settle(pilot)
    assert isinstance(pilot.app.screen, EvaluationScreen)
    await pilot.pause()  # the screen ignores changes until it has finished loading
    assert focused_id(pilot.app) == "field-went_well"
    pilot.app.screen.query_one("#field-lesson", TextArea).insert(LESSON)
    await type_text(pilot, WENT_WELL)


async def the_evaluation_shows_it(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EvaluationScreen)
        assert app.screen.query_one("#field-went_well", TextArea).text == WENT_WELL
        assert app.screen.query_one("#field-lesson", TextArea).text == LESSON


@pytest.mark.parametrize("way", list(EVALUATION_QUITS))
async def test_quitting_the_evaluation_saves_what_was_just_typed(
    filled_journal: Journal, journal_path: Path, clock: FixedClock, way: str
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await type_an_evaluation(pilot)
        await quit_and_wait(pilot, EVALUATION_QUITS[way])  # before the 0.8 s autosave
    with reopen(filled_journal, journal_path) as reopened:
        evaluation = reopened.get_evaluation(INITECH)
        assert evaluation is not None
        assert (evaluation.went_well, evaluation.lesson) == (WENT_WELL, LESSON)
        await the_evaluation_shows_it(reopened, clock)


# --- the real program on a pseudo-terminal: SIGTERM and SIGHUP --------------------------------


def start(started: list[Terminal], args: list[str], cwd: Path) -> Terminal:
    terminal = Terminal(args, cwd=cwd, env=os.environ)
    started.append(terminal)
    return terminal


def end(terminal: Terminal, number: signal.Signals) -> int:
    terminal.kill(number)
    return terminal.exit_status(15)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.close()


TYPED_IN_THE_TERMINAL = "Åsa Ekström 面试"
"""Non-ASCII, typed through the terminal as the UTF-8 bytes a keyboard sends."""
SIGNALS = [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGHUP, id="SIGHUP")]


@pytest.mark.slow
@pytest.mark.parametrize("number", SIGNALS)
async def test_a_signal_while_typing_a_new_interview_keeps_the_draft(
    filled_journal: Journal,
    journal_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    terminals: list[Terminal],
    number: signal.Signals,
) -> None:
    filled_journal.close()
    terminal = start(terminals, ["--db", str(journal_path), "--view", "interviews"], tmp_path)
    terminal.wait_for("Pied Piper")
    terminal.type("a")
    terminal.wait_for("New interview")
    terminal.type(TYPED_IN_THE_TERMINAL)
    code = end(terminal, number)  # well within the half second before the draft timer
    assert code != -number, f"{number.name} ended the program before it could save"
    assert code == 128 + number, f"exit status {code} after {number.name}"
    with open_journal(journal_path) as reopened:
        draft = reopened.load_draft(NEW_DRAFT)
        assert draft is not None and draft["company"] == TYPED_IN_THE_TERMINAL, draft
        app = make_app(reopened, clock)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "a")
            assert input_value(app, "#field-company") == TYPED_IN_THE_TERMINAL


@pytest.mark.slow
async def test_sigterm_while_typing_an_evaluation_saves_it(
    filled_journal: Journal,
    journal_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    terminals: list[Terminal],
) -> None:
    filled_journal.close()
    terminal = start(terminals, ["--db", str(journal_path), "evaluate", str(INITECH)], tmp_path)
    terminal.wait_for("Evaluate")
    terminal.wait_for("Initech")
    terminal.type(TYPED_IN_THE_TERMINAL)
    code = end(terminal, signal.SIGTERM)  # before the 0.8 s autosave
    assert code == 128 + signal.SIGTERM, f"exit status {code} after SIGTERM"
    with open_journal(journal_path) as reopened:
        evaluation = reopened.get_evaluation(INITECH)
        assert evaluation is not None and evaluation.went_well == TYPED_IN_THE_TERMINAL
        app = make_app(reopened, clock, evaluate=INITECH)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, EvaluationScreen)
            shown = app.screen.query_one("#field-went_well", TextArea).text
            assert shown == TYPED_IN_THE_TERMINAL
