"""A journal that is not there, and one opened read-only.

A missing path is never created behind the user's back: a script command on a typo exits 2
and creates nothing (no file, no folder); `add` is the one command that creates a journal
where it is told to, and says so on stderr; the TUI asks on a terminal ("Create a new one
there?") and refuses in one line when there is no terminal to ask on.

A read-only journal shows that it is read-only, refuses every writing screen and every
write with a notification that says nothing was changed, and its bytes are the same
afterwards, whether it was opened in the TUI (Pilot) or by a script command (subprocess).
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.errors import StorageError
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.cli.runner import real_program, run
from tests.conftest import ZONE
from tests.reliability.pty_terminal import Terminal
from tests.ui.helpers import AnyPilot, press_and_settle, settle, text_of, toasts

RUN_TIMEOUT = 60.0
"""Seconds a command may take in a subprocess (generous: the machine may be loaded)."""
READY_TIMEOUT = 30.0
"""Seconds to wait for the TUI's first screen or a prompt (a cold start imports Textual)."""
EXIT_TIMEOUT = 20.0
COLUMNS, LINES = 110, 35


# --- helpers: the real program ------------------------------------------------------------


def environment() -> dict[str, str]:
    env = dict(os.environ)  # the private XDG dirs set by tests/conftest.py
    env.pop("INTERVIEW_JOURNAL_DB", None)
    env |= {
        "INTERVIEW_JOURNAL_TZ": ZONE,
        "PYTHONUNBUFFERED": "1",
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
    }
    return env


def run_program(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real program with stdin not a terminal."""
    return real_program(args, env=environment(), cwd=cwd, timeout=RUN_TIMEOUT)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a refusal (exit status 2), or a failure explaining why not."""
    context = f"exit {result.returncode}\nstdout: {result.stdout!r}\nstderr: {result.stderr!r}"
    assert result.returncode == 2, context
    assert "Traceback" not in result.stderr, context
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, context
    assert lines[0].startswith("interview-journal: "), context
    return lines[0]


def tree(folder: Path) -> dict[str, str]:
    """Every file under the folder with the sha256 of its bytes (directories as "dir")."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        )
        for p in sorted(folder.rglob("*"))
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


StartTerminal = Callable[[list[str | Path], Path], Terminal]


@pytest.fixture
def terminals() -> Iterator[StartTerminal]:
    """Start the real program on a pseudo-terminal; whatever is left is killed afterwards."""
    started: list[Terminal] = []

    def start(args: list[str | Path], cwd: Path) -> Terminal:
        terminal = Terminal(
            [*map(str, args)], cwd=cwd, env=environment(), columns=COLUMNS, lines=LINES
        )
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()


# --- a missing journal: script commands -----------------------------------------------------


SCRIPT_COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "show": ["show", "1"],
    "today": ["today"],
    "timeline": ["timeline"],
    "prep": ["prep", "1"],
    "export": ["export", "--format", "json"],
    "backup": ["backup"],
    "edit": ["edit", "1", "--status", "offer"],
    "delete": ["delete", "1", "--yes"],
    "follow-up": ["follow-up", "1", "--kind", "note", "--done", "today", "--note", "x"],
}


@pytest.mark.parametrize("command", list(SCRIPT_COMMANDS))
def test_a_typo_in_db_exits_2_and_creates_nothing(tmp_path: Path, command: str) -> None:
    """`--db /tmp/x/typo.db list`: one line naming the path, and no file or folder made."""
    target = tmp_path / "x" / "typo.db"
    result = run_program(["--db", target, *SCRIPT_COMMANDS[command]], tmp_path)
    line = one_line(result)
    assert str(target) in line
    assert "no journal" in line
    assert result.stdout == ""
    assert not (tmp_path / "x").exists(), f"{command} created the folder of a typo"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_the_db_option_after_the_command_is_checked_the_same_way(tmp_path: Path) -> None:
    target = tmp_path / "x" / "typo.db"
    line = one_line(run_program(["list", "--db", target], tmp_path))
    assert str(target) in line
    assert not (tmp_path / "x").exists()


def test_add_creates_the_journal_where_told_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "new" / "new.db"
    result = run_program(["add", "--company", "Initech", "--db", target], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert result.stderr.strip() == f"created a new journal at {target}"
    assert sorted(p.name for p in target.parent.iterdir()) == ["new.db"]
    with open_journal(target) as journal:
        assert journal.count_interviews() == 1
        assert journal.get_interview(1).company == "Initech"

    again = run_program(["add", "--company", "Hooli", "--db", target], tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "2"
    assert "created" not in again.stderr, "the second add did not create anything"


def test_a_relative_db_is_reported_with_its_full_path(tmp_path: Path) -> None:
    result = run_program(["--db", "new.db", "add", "--company", "Initech"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"created a new journal at {tmp_path / 'new.db'}"
    assert (tmp_path / "new.db").is_file()


def test_a_dry_run_import_into_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    assert run_program(["--db", source, "add", "--company", "Initech"], tmp_path).returncode == 0
    export = tmp_path / "export.json"
    assert run_program(["--db", source, "export", "-o", export], tmp_path).returncode == 0
    before = tree(tmp_path)
    target = tmp_path / "x" / "typo.db"
    result = run_program(["--db", target, "import", export, "--dry-run"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "dry run" in result.stdout
    assert tree(tmp_path) == before


# --- a missing journal: the TUI --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [[], ["review"], ["evaluate", "1"], ["--view", "timeline"]],
    ids=["tui", "review", "evaluate", "view"],
)
def test_the_tui_without_a_terminal_refuses_in_one_line_and_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "missing" / "missing.db"
    result = run_program(["--db", target, *args], tmp_path)
    line = one_line(result)
    assert str(target) in line
    assert "nothing was created" in line
    assert "\x1b[" not in result.stdout + result.stderr, "a screen was drawn"
    assert list(tmp_path.iterdir()) == []


def test_the_tui_read_only_on_a_missing_journal_refuses(tmp_path: Path) -> None:
    target = tmp_path / "missing.db"
    line = one_line(run_program(["--db", target, "--read-only"], tmp_path))
    assert str(target) in line
    assert "read-only" in line
    assert list(tmp_path.iterdir()) == []


QUESTION = "Create a new one there?"


@pytest.mark.slow
def test_the_tui_on_a_terminal_asks_and_n_creates_nothing(
    tmp_path: Path, terminals: StartTerminal
) -> None:
    target = tmp_path / "missing" / "missing.db"
    app = terminals(["--db", target], tmp_path)
    app.wait_for(QUESTION)
    assert f"There is no journal at {target}. {QUESTION}" in app.output()
    assert not (tmp_path / "missing").exists(), "created before the answer"
    app.type("n\r")
    assert app.exit_status(EXIT_TIMEOUT) == 2, app.output()
    assert "nothing was created" in app.output()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_the_tui_on_a_terminal_asks_and_y_creates_it_and_opens(
    tmp_path: Path, terminals: StartTerminal
) -> None:
    target = tmp_path / "missing" / "missing.db"
    app = terminals(["--db", target], tmp_path)
    app.wait_for(QUESTION)
    app.type("y\r")
    app.wait_for("Your journal is empty")
    assert target.is_file()
    app.type("\x11")  # ctrl+q: save and quit
    assert app.exit_status(EXIT_TIMEOUT) == 0, app.output()[-2000:]
    assert sorted(p.name for p in target.parent.iterdir()) == ["missing.db"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    with open_journal(target) as journal:
        assert journal.count_interviews() == 0


@pytest.mark.slow
def test_the_tui_on_a_terminal_just_enter_means_no(
    tmp_path: Path, terminals: StartTerminal
) -> None:
    """The default answer is no: enter alone creates nothing."""
    target = tmp_path / "missing.db"
    app = terminals(["--db", target], tmp_path)
    app.wait_for(QUESTION)
    app.type("\r")
    assert app.exit_status(EXIT_TIMEOUT) == 2, app.output()
    assert list(tmp_path.iterdir()) == []


# --- read-only in the TUI ---------------------------------------------------------------------


@pytest.fixture
def closed_journal(journal: Journal, journal_path: Path, clock: FixedClock) -> Path:
    """Two interviews, an evaluation and an overdue follow-up, on disk, with nothing open."""
    now = clock.now()
    initech = journal.add_interview(
        Interview(
            company="Initech",
            role="Backend Developer",
            starts_at=now.subtract(days=10).replace(hour=9, minute=0),
            time_zone=ZONE,
            status=Status.AWAITING_REPLY,
        )
    )
    journal.add_interview(
        Interview(
            company="Hooli",
            starts_at=now.add(days=3).replace(hour=10, minute=0),
            time_zone=ZONE,
        )
    )
    assert initech.id is not None
    journal.save_evaluation(Evaluation(initech.id, went_well="Told the TPS story."))
    journal.add_entry(
        Entry(
            interview_id=initech.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 11, 20)),
            reason="Ask about the timeline",
        )
    )
    journal.close()
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.db"]
    return journal_path


def shows_toast(pilot: AnyPilot, *fragments: str) -> bool:
    return any(all(f in toast for f in fragments) for toast in toasts(pilot.app))


async def clear_toasts(pilot: AnyPilot) -> None:
    pilot.app.clear_notifications()
    await pilot.pause()


async def test_read_only_tui_shows_it_refuses_writes_and_leaves_the_file_alone(
    closed_journal: Path, clock: FixedClock
) -> None:
    before = sha256(closed_journal)
    journal = open_journal(closed_journal, read_only=True)
    app = make_app(journal, clock)
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, InterviewsScreen)
            assert "read-only" in text_of(app, "#top-left")
            assert shows_toast(pilot, "read-only", "nothing you do here changes it")
            await clear_toasts(pilot)

            for key in ("a", "v", "e"):  # add, evaluate, edit: screens that exist to write
                await press_and_settle(pilot, key)
                assert isinstance(app.screen, InterviewsScreen), f"{key} opened {app.screen}"
                assert shows_toast(pilot, "read-only", "not change it"), (key, toasts(app))
                await clear_toasts(pilot)

            await press_and_settle(pilot, "d")
            assert isinstance(app.screen, ConfirmScreen)
            await press_and_settle(pilot, "y")
            assert isinstance(app.screen, InterviewsScreen)
            assert shows_toast(pilot, "Not deleted", "nothing was changed"), toasts(app)
            assert "2 interviews" in text_of(app, "#list-state")
            await clear_toasts(pilot)
            await press_and_settle(pilot, "u")
            assert shows_toast(pilot, "Nothing to undo"), toasts(app)

            await press_and_settle(pilot, "2")
            assert isinstance(app.screen, TimelineScreen)
            assert "read-only" in text_of(app, "#top-left")
            timeline = app.screen.query_one(TimelineList)
            overdue = next(o.id for o in timeline.options if o.id and o.id.startswith("entry:"))
            for _ in range(len(timeline.options)):
                if timeline.highlighted_key() == overdue:
                    break
                await pilot.press("j")
            assert timeline.highlighted_key() == overdue
            await clear_toasts(pilot)
            await press_and_settle(pilot, "x")
            assert shows_toast(pilot, "nothing was changed"), toasts(app)
            assert timeline.highlighted_key() == overdue
            await clear_toasts(pilot)
            await press_and_settle(pilot, "n")  # a new entry: a writing screen
            assert isinstance(app.screen, TimelineScreen)
            assert shows_toast(pilot, "read-only"), toasts(app)
    finally:
        journal.close()
    assert sha256(closed_journal) == before
    wal = Path(f"{closed_journal}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "something was written to the WAL"
    with open_journal(closed_journal, read_only=True) as check:
        assert check.count_interviews() == 2
        entries = check.entries_for(1)
        assert [e.done for e in entries] == [None]


def test_the_tui_opens_read_only_when_the_file_cannot_be_written(
    closed_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--read-only` is automatic when the file is not writable. Tests run as root, for whom
    every file is writable, so `os.access` is made to say what it says to a normal user."""
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if Path(path) == closed_journal and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    opened: list[bool] = []

    def run_app(journal: Journal, clock: FixedClock, **kwargs: Any) -> None:
        opened.append(journal.read_only)
        with pytest.raises(StorageError, match="read-only"):
            journal.add_interview(Interview(company="Sneaky", starts_at=clock.now()))

    monkeypatch.setattr(os, "access", access)  # the one module every caller shares
    monkeypatch.setattr("interview_journal.tui.app.run_app", run_app)
    before = sha256(closed_journal)
    result = run("--db", closed_journal)
    assert result.exit_code == 0, (result.output, result.exception)
    assert opened == [True]
    assert sha256(closed_journal) == before


# --- read-only from the shell ---------------------------------------------------------------


READ_COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "list-json": ["list", "--json"],
    "show": ["show", "1"],
    "today": ["today"],
    "timeline": ["timeline"],
    "export": ["export", "--format", "markdown"],
}


@pytest.mark.parametrize("command", list(READ_COMMANDS))
def test_read_only_script_commands_read_and_leave_the_file_unchanged(
    closed_journal: Path, tmp_path: Path, command: str
) -> None:
    folder = closed_journal.parent
    before = tree(folder)
    result = run_program(["--db", closed_journal, "--read-only", *READ_COMMANDS[command]], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Initech" in result.stdout
    assert tree(folder) == before, "the journal (or something beside it) changed"


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--company", "Sneaky"],
        ["edit", "1", "--status", "offer"],
        ["delete", "1", "--yes"],
    ],
    ids=["add", "edit", "delete"],
)
def test_read_only_script_commands_refuse_to_write(
    closed_journal: Path, tmp_path: Path, args: list[str]
) -> None:
    before = sha256(closed_journal)
    result = run_program(["--db", closed_journal, "--read-only", *args], tmp_path)
    assert sha256(closed_journal) == before, f"--read-only {args[0]} changed the journal"
    line = one_line(result)
    assert "read-only" in line
