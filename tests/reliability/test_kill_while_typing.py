"""The real program in a real (pseudo-)terminal, killed while the user is typing.

These start `python -m interview_journal` as a separate process on a pseudo-terminal,
type into it the way a person does (one key at a time), and then end it the hard way:
`kill -9` (nothing can run: only what was already written survives), `kill` (SIGTERM)
and a closed terminal (SIGHUP), both of which must save what is on screen and exit.
Afterwards the journal file is opened again and must hold what was typed.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_journal.store import Journal, open_journal

pytestmark = pytest.mark.slow

COLUMNS, LINES = 120, 40
READY_TIMEOUT = 20.0
"""Seconds to wait for the first screen (a cold start imports Textual and dateparser)."""
EXIT_TIMEOUT = 10.0
"""Seconds a process has to save and exit after SIGTERM or SIGHUP."""
KEY_GAP = 0.04
"""Seconds between keystrokes: a fast typist."""
AFTER_AUTOSAVE = 1.5
"""Seconds after the last key by which the app promises to have saved (it says 1 s)."""

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


class TerminalApp:
    """One run of the program on a pseudo-terminal of COLUMNS x LINES."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.master = master
        self.args = args
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._output = bytearray()
        self._lock = threading.Lock()
        # The app blocks once the terminal's buffer is full: keep reading what it draws.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return  # EIO: the last process on the terminal has gone
            if not chunk:
                return
            with self._lock:
                self._output.extend(chunk)

    def screen_text(self) -> str:
        """Everything drawn so far, without the escape sequences."""
        with self._lock:
            raw = bytes(self._output)
        return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")

    def tail(self, size: int = 1500) -> str:
        return self.screen_text()[-size:]

    def wait_for(self, text: str, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen_text():
                return
            if self.process.poll() is not None:
                pytest.fail(
                    f"{self.args} exited ({self.process.returncode}) before showing "
                    f"{text!r}. Last output:\n{self.tail()}"
                )
            time.sleep(0.05)
        pytest.fail(f"{text!r} did not appear within {timeout} s. Last output:\n{self.tail()}")

    def type(self, text: str) -> None:
        for character in text:
            os.write(self.master, character.encode())
            time.sleep(KEY_GAP)

    def send(self, number: signal.Signals) -> None:
        os.kill(self.process.pid, number)

    def wait_exit(self, timeout: float = EXIT_TIMEOUT) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"the app was still running {timeout} s after the signal. "
                f"Last output:\n{self.tail()}"
            )

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        os.close(self.master)
        self._reader.join(5)


@pytest.fixture
def journal_file(filled_journal: Journal, journal_path: Path) -> Path:
    """The five sample interviews, on disk, with no connection of ours left open."""
    filled_journal.close()
    return journal_path


@pytest.fixture
def env() -> dict[str, str]:
    environment = dict(os.environ)  # includes the private XDG dirs set by conftest
    environment.pop("INTERVIEW_JOURNAL_DB", None)
    environment |= {
        "INTERVIEW_JOURNAL_TZ": "Europe/Stockholm",
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
        "PYTHONUNBUFFERED": "1",
    }
    return environment


@pytest.fixture
def run(env: dict[str, str], tmp_path: Path) -> Iterator[list[TerminalApp]]:
    """Start the program with the given arguments; whatever is left is killed afterwards."""
    started: list[TerminalApp] = []
    yield started
    for app in started:
        app.close()


def start(started: list[TerminalApp], env: dict[str, str], cwd: Path, *args: str) -> TerminalApp:
    app = TerminalApp([sys.executable, "-m", "interview_journal", *args], env, cwd)
    started.append(app)
    return app


def went_well(journal_path: Path, interview_id: int = 4) -> str | None:
    with open_journal(journal_path) as journal:
        evaluation = journal.get_evaluation(interview_id)
    return None if evaluation is None else evaluation.went_well


TYPED = "Told the story"


def test_kill_9_a_second_after_typing_keeps_the_evaluation(
    journal_file: Path, run: list[TerminalApp], env: dict[str, str], tmp_path: Path
) -> None:
    app = start(run, env, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    app.type(TYPED)
    time.sleep(AFTER_AUTOSAVE)
    app.send(signal.SIGKILL)
    assert app.wait_exit() == -signal.SIGKILL
    assert went_well(journal_file) == TYPED, (
        f"kill -9 {AFTER_AUTOSAVE} s after the last key lost the text. Last output:\n{app.tail()}"
    )


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_kill_right_after_typing_saves_everything_and_exits(
    number: signal.Signals,
    journal_file: Path,
    run: list[TerminalApp],
    env: dict[str, str],
    tmp_path: Path,
) -> None:
    app = start(run, env, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    app.type(TYPED)
    time.sleep(0.1)  # well before the autosave
    app.send(number)
    code = app.wait_exit()
    assert code != -number, f"{number.name} ended the process before it could save"
    assert went_well(journal_file) == TYPED, (
        f"{number.name} right after typing lost text. Exit code {code}. Last output:\n{app.tail()}"
    )


def test_kill_9_while_typing_a_new_interview_keeps_the_draft(
    journal_file: Path, run: list[TerminalApp], env: dict[str, str], tmp_path: Path
) -> None:
    app = start(run, env, tmp_path, "--db", str(journal_file), "--view", "interviews")
    app.wait_for("Pied Piper")
    app.type("a")
    app.wait_for("New interview")
    app.type("Umbrella Corp")
    time.sleep(AFTER_AUTOSAVE)
    app.send(signal.SIGKILL)
    assert app.wait_exit() == -signal.SIGKILL
    with open_journal(journal_file) as journal:
        draft = journal.load_draft("interview-form:new")
        assert journal.count_interviews() == 5  # a draft, not a saved interview
    assert draft is not None, f"no draft was kept. Last output:\n{app.tail()}"
    assert draft.get("company") == "Umbrella Corp", draft
