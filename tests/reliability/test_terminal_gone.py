"""The terminal going away, in every way it can, ends the program within a second, with
what was typed saved.

Each trial starts the real program (`python -m interview_journal`) on a pseudo-terminal
with a journal of its own, types into a screen with one write (as a paste or a fast typist
does), waits until the text is on screen — before any autosave timer has run — and then
takes the terminal away:

- SIGHUP, SIGTERM, SIGINT and SIGQUIT sent with `kill`;
- the terminal closing: the pseudo-terminal's master end is closed (a closed terminal
  window; the program's controlling terminal, so the kernel sends it SIGHUP), the same when
  it is not the controlling terminal (no signal at all: only end of input and failing
  writes tell the program), and `tmux kill-session` on a tmux session running it;
- input ending: standard input is a pipe whose writer closes it;
- a second signal: SIGTERM twice; SIGTERM after the terminal closed (what one does to a
  program that hangs on); SIGTERM while a ctrl+q quit waits for another window's write
  lock; SIGTERM twice while another window holds that lock for far longer than a second
  (the last resort: the deadline; the text cannot be saved then);
- SIGTERM and SIGINT right after the keys were written, before they show.

Measured from the event to the end of the process: at most `LIMIT` seconds; the exit status
is 128 + the signal's number (129 when the terminal went away without a signal); and the
journal, opened again, holds the text: the draft of the new-interview form or of a new
timeline entry, or the evaluation. The screens: the list (after an evaluation), the help
over a form, the evaluation, both forms, and the "Discard?" dialog over a form.

The quick tests run one trial of each way (and each screen once with the terminal closed);
the slow ones run `TRIALS` of each way, started together and ended one at a time, and
print a line of counts per way.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.store import open_journal
from tests.conftest import sample_interviews
from tests.reliability.workers import WORKERS

COLUMNS, LINES = 120, 40
LIMIT = 1.0
"""Seconds from the terminal going away to the end of the process."""
READY = 90.0
"""Seconds to wait for a screen: many programs start at once on a busy machine."""
TRIALS = 20
INITECH = 4
"""Held yesterday in the sample journal, not evaluated yet."""
TYPED = "Åsa Ekström 面试"
"""Non-ASCII, typed through the terminal as the UTF-8 bytes a keyboard sends."""
TYPED_WHEN = "in 3 days Ö"
"""Typed into a new timeline entry's "Planned for" (where its cursor starts)."""

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1bP[^\x1b]*\x1b\\"
    rb"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)

CONTROLLING_TERMINAL = (
    "import fcntl, os, sys, termios;"
    "fcntl.ioctl(1, termios.TIOCSCTTY, 0);"
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)
"""Runs first in the new session: makes the pseudo-terminal the controlling terminal (as a
terminal emulator or tmux does), so that its closing sends SIGHUP."""


class Program:
    """One run of the program on its own pseudo-terminal."""

    def __init__(
        self, journal: Path, args: list[str], *, controlling: bool, input_pipe: bool
    ) -> None:
        self.journal = journal
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = dict(os.environ)  # the private XDG folders set by conftest
        env.pop("INTERVIEW_JOURNAL_DB", None)
        env |= {
            "INTERVIEW_JOURNAL_TZ": "Europe/Stockholm",
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
        }
        stdin = slave
        self.keyboard = master
        if input_pipe:
            stdin, self.keyboard = os.pipe()
        prefix = ["-c", CONTROLLING_TERMINAL] if controlling else []
        self.process = subprocess.Popen(
            [sys.executable, *prefix, "-m", "interview_journal", "--db", str(journal), *args],
            stdin=stdin,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=journal.parent,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        if input_pipe:
            os.close(stdin)
        self.master: int | None = master
        self.pid = self.process.pid
        self.pidfd = os.pidfd_open(self.pid)
        self._output = bytearray()
        self._lock = threading.Lock()
        self._stop_reading = threading.Event()
        # The program blocks once the terminal's buffer is full: keep reading what it draws.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.master is not None
        master = self.master
        while not self._stop_reading.is_set():
            ready, _, _ = select.select([master], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return  # EIO: nobody has the terminal open any more
            if not chunk:
                return
            with self._lock:
                self._output.extend(chunk)

    def mark(self) -> int:
        """Where the output is now: `wait_for(..., since=mark)` looks only at what follows."""
        with self._lock:
            return len(self._output)

    def screen_text(self, since: int = 0) -> str:
        with self._lock:
            raw = bytes(self._output[since:])
        return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")

    def tail(self) -> str:
        return self.screen_text()[-1200:]

    def wait_for(self, text: str, since: int = 0) -> None:
        deadline = time.monotonic() + READY
        while time.monotonic() < deadline:
            if text in self.screen_text(since):
                return
            if self.process.poll() is not None:
                pytest.fail(
                    f"exited ({self.process.returncode}) before showing {text!r}:\n{self.tail()}"
                )
            time.sleep(0.02)
        pytest.fail(f"{text!r} did not appear within {READY} s:\n{self.tail()}")

    def keys(self, text: str) -> None:
        """One write, as a paste or a fast typist's keys arrive."""
        os.write(self.keyboard, text.encode())

    def wait_for_lull(self, quiet: float = 0.15) -> None:
        """Until the program has drawn nothing for `quiet` seconds (it settled a screen)."""
        deadline = time.monotonic() + READY
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            with self._lock:
                now_size = len(self._output)
            if now_size != size:
                size, since = now_size, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.01)

    def close_terminal(self) -> None:
        """The terminal's side goes away (a closed window, `tmux kill-session`)."""
        self._stop_reading.set()
        self._reader.join(5)  # a read in progress would keep the terminal open
        if self.master is not None:
            os.close(self.master)
            if self.keyboard == self.master:
                self.keyboard = -1
            self.master = None

    def end_input(self) -> None:
        os.close(self.keyboard)
        self.keyboard = -1

    def send(self, number: signal.Signals) -> None:
        os.kill(self.process.pid, number)

    def send_again(self, number: signal.Signals) -> None:
        """A second signal, once the first has been delivered (until then the kernel
        would merge the two into one)."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and self._pending(number):
            time.sleep(0.001)
        self.send(number)

    def _pending(self, number: signal.Signals) -> bool:
        bit = 1 << (number - 1)
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return False
        for line in status.splitlines():
            name, _, mask = line.partition(":")
            if name in ("SigPnd", "ShdPnd") and int(mask.strip(), 16) & bit:
                return True
        return False

    def seconds_to_exit(self, since: float, timeout: float = 10.0) -> float | None:
        """Seconds from `since` until the process ended; None if it is still running."""
        ready, _, _ = select.select([self.pidfd], [], [], timeout)
        if not ready:
            return None
        ended = time.monotonic()
        self.process.wait(5)
        return ended - since

    def exit_code(self) -> int | None:
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        self._stop_reading.set()
        self._reader.join(5)
        for fd in {self.master, self.keyboard, self.pidfd} - {None, -1}:
            assert fd is not None
            with contextlib.suppress(OSError):
                os.close(fd)
        self.master, self.keyboard, self.pidfd = None, -1, -1


class TmuxProgram:
    """One run of the program as the command of its own tmux session (tmux's own server on a
    socket of the test's), as people run it: `tmux kill-session` is the field's way to close
    its terminal. Its exit status cannot be seen (tmux, not the test, is its parent)."""

    def __init__(self, journal: Path, args: list[str], socket: Path, name: str) -> None:
        self.journal, self.socket, self.name = journal, socket, name
        command = [sys.executable, "-m", "interview_journal", "--db", str(journal), *args]
        size = ["-x", str(COLUMNS), "-y", str(LINES)]
        # the environment may carry another size (the test's own terminal's, or conftest's)
        env = ["-e", f"COLUMNS={COLUMNS}", "-e", f"LINES={LINES}"]
        self.tmux("new-session", "-d", "-s", name, *size, *env, *command)
        pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
        self.pidfd = os.pidfd_open(pid)
        self.pid = pid

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return done.stdout

    def mark(self) -> int:
        return 0  # `screen_text` is what is on screen now: nothing earlier to skip

    def screen_text(self, since: int = 0) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-t", self.name)
        except subprocess.CalledProcessError:
            return ""  # the session is gone

    def tail(self) -> str:
        return self.screen_text()[-1200:]

    def running(self) -> bool:
        ready, _, _ = select.select([self.pidfd], [], [], 0)
        return not ready

    def wait_for(self, text: str, since: int = 0) -> None:
        deadline = time.monotonic() + READY
        while time.monotonic() < deadline:
            if text in self.screen_text():
                return
            if not self.running():
                pytest.fail(f"exited before showing {text!r}")
            time.sleep(0.02)
        pytest.fail(f"{text!r} did not appear within {READY} s:\n{self.tail()}")

    def wait_for_lull(self, quiet: float = 0.15) -> None:
        deadline = time.monotonic() + READY
        shown, since = "", time.monotonic()
        while time.monotonic() < deadline:
            now_shown = self.screen_text()
            if now_shown != shown:
                shown, since = now_shown, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.02)

    def keys(self, text: str) -> None:
        """The UTF-8 bytes as one write to the program's terminal."""
        self.tmux("send-keys", "-t", self.name, "-H", *(f"{byte:02x}" for byte in text.encode()))

    def kill_session(self) -> None:
        self.tmux("kill-session", "-t", self.name)

    def seconds_to_exit(self, since: float, timeout: float = 10.0) -> float | None:
        ready, _, _ = select.select([self.pidfd], [], [], timeout)
        return time.monotonic() - since if ready else None

    def exit_code(self) -> int | None:
        return None

    def close(self) -> None:
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.CalledProcessError):
            self.tmux("kill-session", "-t", self.name)
        with contextlib.suppress(OSError):
            os.close(self.pidfd)


# --- the screens, and what each must have saved ------------------------------------------------


def went_well(journal: Path) -> str | None:
    with open_journal(journal, read_only=True) as opened:
        evaluation = opened.get_evaluation(INITECH)
    return None if evaluation is None else evaluation.went_well


def new_interview_draft(journal: Path) -> str | None:
    with open_journal(journal, read_only=True) as opened:
        draft = opened.load_draft("interview-form:new")
    return None if draft is None else draft.get("company")


def new_entry_draft(journal: Path) -> str | None:
    with open_journal(journal, read_only=True) as opened:
        for interview_id in range(1, 6):  # whichever row was highlighted
            draft = opened.load_draft(f"entry-form:new:{interview_id}")
            if draft is not None:
                return draft.get("due")
    return None


@dataclass(frozen=True)
class Screen:
    args: list[str]
    open: Callable[[Program], None]
    """Gets to where the typing starts (waits as long as the machine needs)."""
    steps: list[tuple[str, str]]
    """Keys to type, each followed by what shows once they are handled: the typing, then
    the way to the screen under test, with no more waiting than that takes."""
    saved: Callable[[Path], str | None]
    typed: str = TYPED

    def type(self, program: Program) -> None:
        for keys, shown in self.steps:
            mark = program.mark()
            program.keys(keys)
            program.wait_for(shown, since=mark)

    def type_blind(self, program: Program) -> None:
        """All the keys in one write, waiting for nothing."""
        program.keys("".join(keys for keys, _ in self.steps))


def _evaluation(program: Program) -> None:
    program.wait_for("Initech")
    program.wait_for("How did it go?")
    program.wait_for_lull()  # the screen loads the evaluation before it takes typing


def _new_interview(program: Program) -> None:
    program.wait_for("Pied Piper")
    program.keys("a")
    program.wait_for("New interview")
    program.wait_for_lull()


def _new_entry(program: Program) -> None:
    program.wait_for("Pied Piper")
    program.wait_for_lull()
    program.keys("t")
    program.wait_for("Timeline ·")
    program.wait_for_lull()
    program.keys("n")
    program.wait_for("New entry")
    program.wait_for_lull()


FORM = ["--view", "interviews"]
EVALUATE = ["evaluate", str(INITECH)]
SCREENS: dict[str, Screen] = {
    "evaluation": Screen(EVALUATE, _evaluation, [(TYPED, TYPED)], went_well),
    "new-interview form": Screen(FORM, _new_interview, [(TYPED, TYPED)], new_interview_draft),
    "entry form": Screen(FORM, _new_entry, [(TYPED_WHEN, TYPED_WHEN)], new_entry_draft, TYPED_WHEN),
    "Discard? dialog": Screen(
        FORM,
        _new_interview,
        [(TYPED, TYPED), ("\x1b", "Discard this new interview?")],
        new_interview_draft,
    ),
    # four tabs (Role, When, Length) to "Stage", a choice (? is not a letter there), then ?
    # for the help
    "help": Screen(
        FORM,
        _new_interview,
        [(TYPED, TYPED), ("\t\t\t\t?", "while it is fresh")],
        new_interview_draft,
    ),
    # escape saves the evaluation: here the list is on top when the terminal goes
    "list": Screen(EVALUATE, _evaluation, [(TYPED, TYPED), ("\x1b", "v Evaluate")], went_well),
}


# --- the ways the terminal goes away -------------------------------------------------------------


@dataclass
class Trial:
    """One program, made ready on a screen, and what happened when its terminal went away."""

    program: Program | TmuxProgram
    screen: str
    holder: subprocess.Popen[str] | None = None
    seconds: float | None = None
    code: int | None = None
    saved: str | None = None
    saved_before: bool = False
    """An autosave had already written the text when the terminal went (a slow machine)."""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Way:
    end: Callable[[Trial], float]
    """Makes the terminal go away; returns the moment (time.monotonic()) it did."""
    codes: set[int] | None
    """The exit statuses that are right (None: it cannot be seen)."""
    controlling: bool = True
    input_pipe: bool = False
    lock_seconds: float | None = None
    """Another window holds the journal's write lock this long when the terminal goes."""
    tmux: bool = False
    """The program runs in a tmux session (see `TmuxProgram`)."""
    saves: bool = True
    """What was typed can be in the journal afterwards (not while another window holds the
    write lock for longer than the program may take)."""
    blind: bool = False
    """The terminal goes right after the keys are written, before they show (they may still
    be in the terminal, on their way to the app, or held for a screen)."""


def _signal(number: signal.Signals) -> Callable[[Trial], float]:
    def end(trial: Trial) -> float:
        assert isinstance(trial.program, Program)
        trial.program.send(number)
        return time.monotonic()

    return end


def _close_terminal(trial: Trial) -> float:
    assert isinstance(trial.program, Program)
    trial.program.close_terminal()
    return time.monotonic()


def _end_input(trial: Trial) -> float:
    assert isinstance(trial.program, Program)
    trial.program.end_input()
    return time.monotonic()


def _sigterm_twice(trial: Trial) -> float:
    assert isinstance(trial.program, Program)
    trial.program.send(signal.SIGTERM)
    at = time.monotonic()
    trial.program.send_again(signal.SIGTERM)
    return at


def _sigterm_after_closing(trial: Trial) -> float:
    assert isinstance(trial.program, Program)
    trial.program.close_terminal()
    at = time.monotonic()
    trial.program.send(signal.SIGTERM)
    return at


def _sigterm_during_ctrl_q(trial: Trial) -> float:
    assert isinstance(trial.program, Program)
    trial.program.keys("\x11")  # ctrl+q: its save waits for the other window's lock
    trial.program.send(signal.SIGTERM)
    return time.monotonic()


def _sigterm_twice_while_locked(trial: Trial) -> float:
    assert isinstance(trial.program, Program)
    trial.program.keys("\t")  # the evaluation saves a field it leaves: that save waits
    trial.program.send(signal.SIGTERM)
    trial.program.send_again(signal.SIGTERM)
    return time.monotonic()  # the second one: it must cut the wait short


def _kill_session(trial: Trial) -> float:
    assert isinstance(trial.program, TmuxProgram)
    trial.program.kill_session()
    return time.monotonic()


WAYS: dict[str, Way] = {
    "SIGHUP": Way(_signal(signal.SIGHUP), {128 + signal.SIGHUP}),
    "terminal closed": Way(_close_terminal, {128 + signal.SIGHUP}),
    "tmux kill-session": Way(_kill_session, None, tmux=True),
    "terminal closed, not the controlling one": Way(
        _close_terminal, {128 + signal.SIGHUP}, controlling=False
    ),
    "input ended": Way(_end_input, {128 + signal.SIGHUP}, input_pipe=True),
    "SIGTERM": Way(_signal(signal.SIGTERM), {128 + signal.SIGTERM}),
    "SIGINT": Way(_signal(signal.SIGINT), {128 + signal.SIGINT}),
    "SIGQUIT": Way(_signal(signal.SIGQUIT), {128 + signal.SIGQUIT}),
    "SIGTERM twice": Way(_sigterm_twice, {128 + signal.SIGTERM}),
    # the kernel's SIGHUP for the hang-up and our SIGTERM race: the first one heard counts
    "SIGTERM after the terminal closed": Way(
        _sigterm_after_closing, {128 + signal.SIGHUP, 128 + signal.SIGTERM}
    ),
    "SIGTERM during a quit": Way(_sigterm_during_ctrl_q, {128 + signal.SIGTERM}, lock_seconds=0.25),
    # another window holds the write lock far longer than the second the program has: the
    # save waits for it until the deadline; the text cannot be in the journal
    "SIGTERM twice, journal locked": Way(
        _sigterm_twice_while_locked, {128 + signal.SIGTERM}, lock_seconds=4.0, saves=False
    ),
    "SIGTERM right after typing": Way(_signal(signal.SIGTERM), {128 + signal.SIGTERM}, blind=True),
    "SIGINT right after typing": Way(_signal(signal.SIGINT), {128 + signal.SIGINT}, blind=True),
}


def cpu_ticks(pid: int) -> int:
    """User and system time the process has used, in clock ticks (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def settle(pids: list[int], window: float = 0.25) -> None:
    """Until none of the programs uses more than a tick of CPU in `window` seconds (their
    start-up and warm-up work is done), so that one trial is not measured while the
    other programs of the test keep both cores busy. All are watched in the same window
    (twenty idle programs cost one window, not twenty). Gives up quietly after `READY`."""
    deadline = time.monotonic() + READY
    busy = list(pids)
    while busy and time.monotonic() < deadline:
        before = {pid: cpu_ticks(pid) for pid in busy}
        time.sleep(window)
        busy = [pid for pid in busy if cpu_ticks(pid) - before[pid] > 1]


def new_journal(folder: Path, clock: FixedClock) -> Path:
    folder.mkdir(mode=0o700, parents=True)
    path = folder / "journal.db"
    with open_journal(path, create=True) as journal:
        for interview in sample_interviews(clock):
            journal.add_interview(interview)
    return path


def hold_lock(journal: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, str(WORKERS), "hold-lock", str(journal), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def trials() -> Iterator[list[Trial]]:
    made: list[Trial] = []
    yield made
    sockets: set[Path] = set()
    for trial in made:
        trial.program.close()
        if isinstance(trial.program, TmuxProgram):
            sockets.add(trial.program.socket)
        if trial.holder is not None and trial.holder.poll() is None:
            trial.holder.kill()
            trial.holder.wait(5)
    for socket in sockets:
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True, check=False)


def run_trials(
    way_name: str, screens: list[str], tmp_path: Path, clock: FixedClock, made: list[Trial]
) -> list[Trial]:
    """Start a program per screen (all at once), make each ready, then end them in turn."""
    way = WAYS[way_name]
    if way.tmux and shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    for index, name in enumerate(screens):
        screen = SCREENS[name]
        journal = new_journal(tmp_path / f"trial-{index}", clock)
        program: Program | TmuxProgram
        if way.tmux:
            program = TmuxProgram(journal, screen.args, tmp_path / "tmux.socket", f"trial-{index}")
        else:
            program = Program(
                journal, screen.args, controlling=way.controlling, input_pipe=way.input_pipe
            )
        made.append(Trial(program, name))
    for trial in made:
        SCREENS[trial.screen].open(trial.program)
    settle([trial.program.pid for trial in made])
    for trial in made:
        program = trial.program
        screen = SCREENS[trial.screen]
        if way.blind:
            screen.type_blind(program)
        else:
            screen.type(program)
            if trial.screen != "list":  # (leaving the evaluation saved it)
                trial.saved_before = screen.saved(program.journal) == screen.typed
        if way.lock_seconds is not None:
            trial.holder = hold_lock(program.journal, way.lock_seconds)
        at = way.end(trial)
        trial.seconds = program.seconds_to_exit(at)
        if trial.seconds is None:
            trial.notes.append(f"still running 10 s after: {program.tail()[-300:]!r}")
            program.close()
        trial.code = program.exit_code()
        if trial.holder is not None and trial.holder.poll() is None:
            trial.holder.kill()
            trial.holder.wait(10)
        trial.saved = SCREENS[trial.screen].saved(program.journal)
    return made


def verdict(way_name: str, done: list[Trial]) -> tuple[str, list[str]]:
    """One line of counts for the way, and what went wrong in each failed trial."""
    way = WAYS[way_name]
    failures: list[str] = []
    saved = 0
    for index, trial in enumerate(done):
        typed = SCREENS[trial.screen].typed
        problems = list(trial.notes)
        if trial.saved == typed:
            saved += 1
        elif way.saves:
            problems.append(f"the journal holds {trial.saved!r}, not {typed!r}")
        if trial.seconds is not None and trial.seconds > LIMIT:
            problems.append(f"ended {trial.seconds:.2f} s after")
        if way.codes is not None and trial.code not in way.codes:
            problems.append(f"exit status {trial.code}, not {sorted(way.codes)}")
        if problems:
            failures.append(f"trial {index} ({trial.screen}): " + "; ".join(problems))
    times = [t.seconds for t in done if t.seconds is not None]
    early = Counter(t.screen for t in done if t.saved_before)
    where = ", ".join(f"{screen} ×{count}" for screen, count in sorted(early.items()))
    summary = (
        f"{way_name}: {saved}/{len(done)} saved, {len(done) - len(failures)}/{len(done)} "
        f"passed, max {max(times, default=float('nan')):.2f} s to exit"
        + (f" (saved by an autosave before the end: {where})" if early else "")
    )
    return summary, failures


def check(way_name: str, done: list[Trial]) -> None:
    summary, failures = verdict(way_name, done)
    print(summary)
    assert not failures, summary + "\n" + "\n".join(failures)


SCREEN_NAMES = list(SCREENS)


def screens_for(way_name: str, count: int) -> list[str]:
    """`count` screens, taking turns, starting at a different one for each way."""
    start = list(WAYS).index(way_name)
    return [SCREEN_NAMES[(start + i) % len(SCREEN_NAMES)] for i in range(count)]


@pytest.mark.parametrize("way_name", list(WAYS))
def test_the_terminal_going_away_ends_the_program_with_the_text_saved(
    way_name: str, tmp_path: Path, clock: FixedClock, trials: list[Trial]
) -> None:
    check(way_name, run_trials(way_name, screens_for(way_name, 1), tmp_path, clock, trials))


def test_the_terminal_closing_on_every_screen(
    tmp_path: Path, clock: FixedClock, trials: list[Trial]
) -> None:
    check("terminal closed", run_trials("terminal closed", SCREEN_NAMES, tmp_path, clock, trials))


@pytest.mark.slow
@pytest.mark.parametrize("way_name", list(WAYS))
def test_the_terminal_going_away_twenty_times(
    way_name: str, tmp_path: Path, clock: FixedClock, trials: list[Trial]
) -> None:
    check(way_name, run_trials(way_name, screens_for(way_name, TRIALS), tmp_path, clock, trials))
