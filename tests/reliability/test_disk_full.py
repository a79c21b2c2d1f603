"""A full disk: a save that does not fit fails in words, and nothing already saved is harmed.

A real full disk is simulated per process with RLIMIT_FSIZE: past the limit, write(2)
fails with EFBIG, which SQLite reports as an I/O error, exactly where ENOSPC would hit
(SIGXFSZ, which would end the process instead, is ignored, as Python does by default).
The limits are set in separate processes (tests/reliability/workers.py), or with prlimit
on the real app running in a pseudo-terminal, never on the test process itself.

The screens are also checked with the journal's save replaced by one that raises the
StorageError a full disk gives: a failure injected at the store's edge, so the screen's
own handling is what is tested.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.timeline import Entry, EntryKind
from interview_journal.errors import StorageError
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.autosave import AUTOSAVE_DELAY
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from tests.reliability.pty_terminal import Terminal
from tests.reliability.test_kill_while_typing import KEY_GAP
from tests.reliability.workers import BIG, DONE_ON, command
from tests.ui.helpers import AnyPilot, companies, input_value, press_and_settle, settle, toasts

pytestmark = pytest.mark.slow

PIED_PIPER, HOOLI, VANDELAY, INITECH, GLOBEX = 1, 2, 3, 4, 5
SIZE = (120, 40)
RUN_TIMEOUT = 120.0
SAVED_AFTER = AUTOSAVE_DELAY + 0.6
COULD_NOT_SAVE = "could not save"
DISK_FULL_MESSAGE = (
    "{path}: could not save (database or disk is full). Is the disk full? Your text is still here."
)
"""What `Journal._writing` says for SQLITE_FULL (the failure injected into the screens)."""


def run_worker(*args: object) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        command(*args), capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert not done.stderr.strip(), done.stderr
    return done.returncode, json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def journal_file(filled_journal: Journal, journal_path: Path) -> Path:
    """Five interviews, an evaluation of Pied Piper and one timeline entry, on disk."""
    filled_journal.save_evaluation(Evaluation(PIED_PIPER, went_well="Earlier text"))
    filled_journal.add_entry(
        Entry(interview_id=PIED_PIPER, kind=EntryKind.NOTE, done=DONE_ON, note="Earlier note")
    )
    filled_journal.close()
    return journal_path


def assert_earlier_data_intact(path: Path) -> None:
    with open_journal(path) as journal:
        assert journal.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert journal.count_interviews() == 5
        evaluation = journal.get_evaluation(PIED_PIPER)
        assert evaluation is not None
        assert (evaluation.went_well, evaluation.version) == ("Earlier text", 1)
        assert [entry.note for entry in journal.entries_for(PIED_PIPER)] == ["Earlier note"]


WHAT = ["evaluation", "interview", "entry"]
"""2 MB of text as: an evaluation's "went well", an interview's notes, an entry's note."""


@pytest.mark.parametrize("what", WHAT)
def test_a_save_that_does_not_fit_says_could_not_save_and_harms_nothing(
    journal_file: Path, what: str
) -> None:
    code, outcome = run_worker("disk-full", journal_file, what)
    assert code == 0, f"the 2 MB save did not fail on a full disk: {outcome}"
    assert outcome["error"] == "StorageError"
    assert COULD_NOT_SAVE in outcome["message"], outcome
    assert "Is the disk full?" in outcome["message"], outcome
    assert_earlier_data_intact(journal_file)

    # There is room again (a new process, no limit): the same save succeeds.
    code, outcome = run_worker("save-big", journal_file, what)
    assert code == 0 and outcome["saved"], outcome
    with open_journal(journal_file) as journal:
        assert journal.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if what == "evaluation":
            evaluation = journal.get_evaluation(PIED_PIPER)
            assert evaluation is not None and evaluation.went_well == "x" * BIG
            assert evaluation.version == 2
        elif what == "interview":
            assert journal.count_interviews() == 6
            (big,) = journal.db.execute(
                "SELECT length(notes) FROM interviews WHERE uuid = ?", [outcome["as"]]
            ).fetchone()
            assert big == BIG
        else:
            notes = [len(entry.note) for entry in journal.entries_for(PIED_PIPER)]
            assert notes == [len("Earlier note"), BIG]


@pytest.mark.parametrize("what", WHAT)
def test_the_same_open_journal_saves_once_there_is_room_again(
    journal_file: Path, what: str
) -> None:
    """What the evaluation screen relies on: after a failed save, the next try (the next
    autosave) through the same connection works as soon as there is room."""
    code, outcome = run_worker("retry-after-room", journal_file, what)
    assert code == 0, outcome
    assert COULD_NOT_SAVE in outcome["first"], outcome
    with open_journal(journal_file) as journal:
        assert journal.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if what == "evaluation":
            evaluation = journal.get_evaluation(PIED_PIPER)
            assert evaluation is not None and len(evaluation.went_well) == BIG
        elif what == "interview":
            assert journal.count_interviews() == 6
        else:
            assert len(journal.entries_for(PIED_PIPER)) == 2


def test_a_disk_that_fills_while_quitting_leaves_a_journal_that_opens(journal_file: Path) -> None:
    code, outcome = run_worker("fill-then-close", journal_file)
    assert code == 0
    assert outcome["wal_left"], "the checkpoint did not run out of room: nothing tested"
    # A copy of what the failed checkpoint left: plain SQLite recovers all of it.
    copy = journal_file.with_name("copy.db")
    for suffix in ("", "-wal"):
        Path(f"{copy}{suffix}").write_bytes(Path(f"{journal_file}{suffix}").read_bytes())
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        found = {row[0] for row in connection.execute("SELECT uuid FROM interviews")}
    finally:
        connection.close()
    assert set(outcome["uuids"]) <= found
    # The app opens the journal itself (once there is room) and finds the same.
    with open_journal(journal_file) as journal:
        assert journal.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        opened = {row[0] for row in journal.db.execute("SELECT uuid FROM interviews")}
    assert set(outcome["uuids"]) <= opened


# --- what the screens show when a save does not fit -----------------------------------------


def _full_disk(journal: Journal, *names: str) -> None:
    """Make these saves of this Journal fail as on a full disk (until `_room_again`)."""
    message = DISK_FULL_MESSAGE.format(path=journal.path)

    def fail(*args: object, **kwargs: object) -> Any:
        raise StorageError(message)

    for name in names:
        setattr(journal, name, fail)


def _room_again(journal: Journal, *names: str) -> None:
    for name in names:
        delattr(journal, name)  # the class's method shows through again


def _save_state(pilot: AnyPilot) -> str:
    return str(pilot.app.screen.query_one("#save-state").render())


def _went_well(pilot: AnyPilot) -> str:
    return pilot.app.screen.query_one("#field-went_well", TextArea).text


async def _type_and_wait(pilot: AnyPilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause(SAVED_AFTER)
    await settle(pilot)


async def test_the_evaluation_screen_says_not_saved_keeps_the_text_and_saves_it_later(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _type_and_wait(pilot, "Told the story")
        assert "● saved" in _save_state(pilot)

        _full_disk(filled_journal, "save_evaluation")
        await _type_and_wait(pilot, " with numbers")
        assert "NOT SAVED" in _save_state(pilot)
        assert any(COULD_NOT_SAVE in toast and "disk" in toast for toast in toasts(app)), toasts(
            app
        )
        assert _went_well(pilot) == "Told the story with numbers", "the typed text is gone"
        assert isinstance(app.screen, EvaluationScreen)
        stored = filled_journal.get_evaluation(INITECH)
        assert stored is not None and stored.went_well == "Told the story"

        _room_again(filled_journal, "save_evaluation")
        await _type_and_wait(pilot, " and charts")
        assert "● saved" in _save_state(pilot)
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None
    assert stored.went_well == "Told the story with numbers and charts"


async def test_finishing_on_a_full_disk_stays_on_the_evaluation_with_the_text(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        _full_disk(filled_journal, "save_evaluation")
        await pilot.press(*"Told the story")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, EvaluationScreen), "ctrl+s left the unsaved evaluation"
        assert "NOT SAVED" in _save_state(pilot)
        assert any(COULD_NOT_SAVE in toast for toast in toasts(app)), toasts(app)
        assert _went_well(pilot) == "Told the story"
        assert filled_journal.get_evaluation(INITECH) is None

        _room_again(filled_journal, "save_evaluation")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, EvaluationScreen)
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None and stored.went_well == "Told the story"
    assert stored.state.value == "finished"


async def test_escape_after_a_failed_save_does_not_throw_the_text_away(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(EvaluationScreen(INITECH))
        await settle(pilot)
        _full_disk(filled_journal, "save_evaluation")
        await _type_and_wait(pilot, "Told the story")
        assert "NOT SAVED" in _save_state(pilot)
        await press_and_settle(pilot, "escape")
        screens = [s for s in app.screen_stack if isinstance(s, EvaluationScreen)]
        assert screens, "escape closed the evaluation although its text was not saved"
        area = screens[0].query_one("#field-went_well", TextArea)
        assert area.text == "Told the story"


async def test_quitting_after_a_failed_save_does_not_throw_the_text_away(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        _full_disk(filled_journal, "save_evaluation")
        await _type_and_wait(pilot, "Told the story")
        assert "NOT SAVED" in _save_state(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause(0.5)
        still_open = app.is_running and _went_well(pilot) == "Told the story"
    kept = [row[0] for row in filled_journal.db.execute("SELECT data FROM drafts")]
    assert still_open or any("Told the story" in data for data in kept), (
        f"ctrl+q quit (exit code {app.return_code}) and the unsaved text is nowhere"
    )


async def test_the_interview_form_on_a_full_disk_keeps_everything_typed(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        _full_disk(filled_journal, "add_interview", "save_draft")
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, InterviewFormScreen)
        await pilot.press(*"Umbrella", "tab", *"Analyst", "tab", *"fri 10:00")
        await pilot.pause(1.0)  # the draft is written 0.5 s after the last key: it fails
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewFormScreen), "the form closed"
        shown = toasts(app)
        assert any("Draft not saved" in toast for toast in shown), shown
        assert any("Not saved" in toast and COULD_NOT_SAVE in toast for toast in shown), shown
        assert input_value(app, "#field-company") == "Umbrella"
        assert input_value(app, "#field-role") == "Analyst"
        assert input_value(app, "#field-starts_at") == "fri 10:00"
        assert filled_journal.count_interviews() == 5

        _room_again(filled_journal, "add_interview", "save_draft")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
        assert "Umbrella" in companies(app)
    assert filled_journal.count_interviews() == 6


# --- the real app on a real (pseudo-)terminal, its files limited with prlimit --------------


@pytest.fixture
def closed_journal(filled_journal: Journal, journal_path: Path) -> Path:
    filled_journal.close()
    return journal_path


@pytest.fixture
def terminal_env() -> dict[str, str]:
    environment = dict(os.environ)  # includes the private XDG dirs set by conftest
    environment.pop("INTERVIEW_JOURNAL_DB", None)
    environment |= {
        "INTERVIEW_JOURNAL_TZ": "Europe/Stockholm",
        "TERM": "xterm-256color",
        "COLUMNS": "120",
        "LINES": "40",
        "PYTHONUNBUFFERED": "1",
    }
    return environment


@pytest.fixture
def terminal(
    closed_journal: Path, terminal_env: dict[str, str], tmp_path: Path
) -> Iterator[Terminal]:
    app = Terminal(["--db", str(closed_journal), "evaluate", "4"], cwd=tmp_path, env=terminal_env)
    yield app
    app.close()


def _went_well_on_disk(path: Path) -> str | None:
    with open_journal(path, read_only=True) as journal:
        evaluation = journal.get_evaluation(INITECH)
    return None if evaluation is None else evaluation.went_well


def _wait_on_disk(path: Path, expected: str, app: Terminal, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _went_well_on_disk(path) == expected:
            return
        assert app.process.poll() is None, f"the app ended. Last output:\n{app.tail()}"
        time.sleep(0.1)
    pytest.fail(
        f"{expected!r} was not saved within {timeout} s (found {_went_well_on_disk(path)!r}). "
        f"Last output:\n{app.tail()}"
    )


def test_the_real_app_on_a_full_disk_says_not_saved_and_saves_when_there_is_room(
    terminal: Terminal, closed_journal: Path
) -> None:
    terminal.wait_for("Evaluate")
    terminal.wait_for("Initech")
    terminal.type("Told the story", KEY_GAP)
    _wait_on_disk(closed_journal, "Told the story", terminal)

    pid = terminal.process.pid
    _, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, hard))  # the disk is full now
    terminal.type(" with numbers", KEY_GAP)
    terminal.wait_for("NOT SAVED")
    terminal.wait_for("Is the disk")
    assert terminal.process.poll() is None, "the app ended on a full disk"
    assert _went_well_on_disk(closed_journal) == "Told the story"

    resource.prlimit(pid, resource.RLIMIT_FSIZE, (hard, hard))  # room again
    terminal.type(" and charts", KEY_GAP)
    _wait_on_disk(closed_journal, "Told the story with numbers and charts", terminal)
    with open_journal(closed_journal, read_only=True) as journal:
        assert journal.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
