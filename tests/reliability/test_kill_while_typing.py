"""The real program in a real (pseudo-)terminal, killed while the user is typing.

These start `python -m interview_journal` as a separate process on a pseudo-terminal,
type into it the way a person does (one key at a time), and then end it the hard way:
`kill -9` (nothing can run: only what was already written survives), `kill` (SIGTERM)
and a closed terminal (SIGHUP), both of which must save what is on screen and exit.
Afterwards the journal file is opened again and must hold what was typed.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_journal.store import Journal, open_journal
from tests.reliability.pty_terminal import Terminal

pytestmark = pytest.mark.slow

EXIT_TIMEOUT = 10.0
"""Seconds a process has to save and exit after SIGTERM or SIGHUP."""
KEY_GAP = 0.04
"""Seconds between keystrokes: a fast typist."""
AFTER_AUTOSAVE = 1.5
"""Seconds after the last key by which the app promises to have saved (it says 1 s)."""


@pytest.fixture
def journal_file(filled_journal: Journal, journal_path: Path) -> Path:
    """The five sample interviews, on disk, with no connection of ours left open."""
    filled_journal.close()
    return journal_path


@pytest.fixture
def run() -> Iterator[list[Terminal]]:
    """Start the program with the given arguments; whatever is left is killed afterwards."""
    started: list[Terminal] = []
    yield started
    for app in started:
        app.close()


def start(started: list[Terminal], cwd: Path, *args: str) -> Terminal:
    app = Terminal(list(args), cwd=cwd, env=os.environ)  # the private XDG dirs of conftest
    started.append(app)
    return app


def went_well(journal_path: Path, interview_id: int = 4) -> str | None:
    with open_journal(journal_path) as journal:
        evaluation = journal.get_evaluation(interview_id)
    return None if evaluation is None else evaluation.went_well


TYPED = "Told the story"


def test_kill_9_a_second_after_typing_keeps_the_evaluation(
    journal_file: Path, run: list[Terminal], tmp_path: Path
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    app.type(TYPED, KEY_GAP)
    time.sleep(AFTER_AUTOSAVE)
    app.kill(signal.SIGKILL)
    assert app.exit_status(EXIT_TIMEOUT) == -signal.SIGKILL
    assert went_well(journal_file) == TYPED, (
        f"kill -9 {AFTER_AUTOSAVE} s after the last key lost the text. Last output:\n{app.tail()}"
    )


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_kill_right_after_typing_saves_everything_and_exits(
    number: signal.Signals,
    journal_file: Path,
    run: list[Terminal],
    tmp_path: Path,
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    app.type(TYPED, KEY_GAP)
    time.sleep(0.1)  # well before the autosave
    app.kill(number)
    code = app.exit_status(EXIT_TIMEOUT)
    assert code != -number, f"{number.name} ended the process before it could save"
    assert went_well(journal_file) == TYPED, (
        f"{number.name} right after typing lost text. Exit code {code}. Last output:\n{app.tail()}"
    )


def test_kill_9_while_typing_a_new_interview_keeps_the_draft(
    journal_file: Path, run: list[Terminal], tmp_path: Path
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "--view", "interviews")
    app.wait_for("Pied Piper")
    app.type("a", KEY_GAP)
    app.wait_for("New interview")
    app.type("Umbrella Corp", KEY_GAP)
    time.sleep(AFTER_AUTOSAVE)
    app.kill(signal.SIGKILL)
    assert app.exit_status(EXIT_TIMEOUT) == -signal.SIGKILL
    with open_journal(journal_file) as journal:
        draft = journal.load_draft("interview-form:new")
        assert journal.count_interviews() == 5  # a draft, not a saved interview
    assert draft is not None, f"no draft was kept. Last output:\n{app.tail()}"
    assert draft.get("company") == "Umbrella Corp", draft
