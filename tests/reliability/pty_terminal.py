"""The real program on a pseudo-terminal, and a small screen that follows what it draws.

`Terminal` starts `python -m interview_journal …` with a pseudo-terminal as its
keyboard and screen. Keys are written to the terminal as a keyboard (or a paste without
bracketing) sends them: `send` writes a whole string in one `os.write`, so the program
reads it all at once; `type` writes one key at a time, as a person types. Everything the
program draws is read in a background thread (a program blocks once the terminal's buffer
is full). `output` is all of it without escape sequences (to ask "was X ever shown?");
`text` replays it onto a `Screen`: a grid of characters that understands the cursor moves
and erases Textual uses, so a test can ask what the user sees *now*. The grid is only
built when a test asks for it, so the tests that only read `output` spend no time on it
while the program under test is being timed.
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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from tests.reliability.terminal_screen import COLUMNS, CONTROL, LINES, Screen

__all__ = ["COLUMNS", "KEYS", "LINES", "READY", "Screen", "Terminal"]

READY = 30.0
"""Seconds to wait for a screen (a cold start imports Textual; the machine may be busy)."""
PROGRAM = (sys.executable, "-m", "interview_journal")
"""The command line of the program, before its arguments."""

KEYS = {
    "tab": "\t",
    "enter": "\r",
    "space": " ",
    "backspace": "\x7f",
    "ctrl+e": "\x05",
    "ctrl+q": "\x11",
    "ctrl+s": "\x13",
    "down": "\x1b[B",
    "up": "\x1b[A",
}
"""What a terminal sends for the named keys (xterm, normal cursor mode)."""

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)
"""The escape sequences `Terminal.output` leaves out (line ends and text stay)."""


class Terminal:
    """One run of the program on a pseudo-terminal of `columns` x `lines`."""

    def __init__(
        self,
        args: list[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        columns: int = COLUMNS,
        lines: int = LINES,
        umask: int = -1,
        program: Sequence[str] = PROGRAM,
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = dict(env) | {
            "TERM": "xterm-256color",
            "COLUMNS": str(columns),
            "LINES": str(lines),
            "PYTHONUNBUFFERED": "1",
        }
        self.args = args
        self.master = master
        self.process = subprocess.Popen(
            [*program, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
            umask=umask,
        )
        os.close(slave)
        self.screen = Screen(columns, lines)
        self._decoder = _Utf8()
        self._fed = 0
        self._received = 0
        self._last_output = time.monotonic()
        self._raw = bytearray()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                chunk = b""  # EIO: the last process on the terminal has gone
            with self._changed:
                if chunk:
                    self._raw.extend(chunk)
                    self._received += len(chunk)
                    self._last_output = time.monotonic()
                self._changed.notify_all()
            if not chunk:
                return

    def _screen_text(self) -> str:
        """The grid, brought up to date with what has arrived (hold the lock)."""
        if self._fed < len(self._raw):
            self.screen.feed(self._decoder.decode(bytes(self._raw[self._fed :])))
            self._fed = len(self._raw)
        return self.screen.text()

    # --- what the user sees ----------------------------------------------------------------

    def text(self) -> str:
        """The screen as it is now."""
        with self._lock:
            return self._screen_text()

    def last_frame(self) -> str:
        """The screen as the program left it when it last gave the terminal back (on
        quitting, or opening an editor), else as it is now."""
        with self._lock:
            now = self._screen_text()
            return self.screen.last_frame or now

    def drawn(self) -> str:
        """Everything ever drawn, without escape sequences (to ask "was X ever shown?")."""
        with self._lock:
            raw = bytes(self._raw).decode("utf-8", "replace")
        return CONTROL.sub(" ", raw)

    def raw(self) -> bytes:
        """Every byte drawn so far, escape sequences and all."""
        with self._lock:
            return bytes(self._raw)

    def output(self) -> str:
        """Everything ever drawn without the escape sequences: what a plain terminal
        shows of a prompt, and text drawn in one piece stays in one piece."""
        return _ESCAPES.sub(b"", self.raw()).decode("utf-8", errors="replace")

    def tail(self, size: int = 2000) -> str:
        """The end of `output`, for a failure message."""
        return self.output()[-size:]

    def wait_for(self, text: str, timeout: float = READY) -> None:
        """Wait until `text` has been drawn (`output`); fail the test, showing the last
        output, if the program ends or `timeout` passes first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output():
                return
            if self.process.poll() is not None:
                self._reader.join(1)  # the last output may still be on its way
                if text in self.output():
                    return
                pytest.fail(
                    f"{self.args} exited ({self.process.returncode}) before showing "
                    f"{text!r}. Last output:\n{self.tail()}"
                )
            time.sleep(0.05)
        pytest.fail(f"{text!r} did not appear within {timeout} s. Last output:\n{self.tail()}")

    @property
    def received(self) -> int:
        with self._lock:
            return self._received

    def wait(self, condition: Callable[[str], bool], timeout: float) -> bool:
        """Wait until `condition(screen text)` holds; False when `timeout` passes first
        (or the program has ended without it)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                if condition(self._screen_text()):
                    return True
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader.is_alive():
                    return False
                self._changed.wait(min(left, 0.1))

    def settle(self, quiet: float, timeout: float) -> bool:
        """Wait until nothing has been drawn for `quiet` seconds (a blinking cursor draws
        twice a second, so keep `quiet` under half a second)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                now = time.monotonic()
                if now - self._last_output >= quiet:
                    return True
                if now >= deadline or not self._reader.is_alive():
                    return False
                self._changed.wait(min(quiet - (now - self._last_output), deadline - now))

    def wait_for_output(self, after: int, timeout: float) -> bool:
        """Wait until more than `after` bytes have been drawn in all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._received <= after:
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader.is_alive():
                    return False
                self._changed.wait(left)
            return True

    # --- the keyboard ----------------------------------------------------------------------

    def send(self, keys: str) -> None:
        """Write `keys` in one go, as the terminal passes a burst of typing or a paste on."""
        data = keys.encode("utf-8")
        while data:
            written = os.write(self.master, data)
            data = data[written:]

    def type(self, keys: str, gap: float = 0.03) -> None:
        """Write `keys` one at a time, `gap` seconds apart, as a person types (UTF-8)."""
        for key in keys:
            self.send(key)
            time.sleep(gap)

    # --- the end ---------------------------------------------------------------------------

    def wait_exit(self, timeout: float) -> int | None:
        """The exit status, or None if it is still running after `timeout` seconds."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self, number: signal.Signals) -> None:
        """Send signal `number` to the program (`kill -NUMBER pid`)."""
        os.kill(self.process.pid, number)

    def exit_status(self, timeout: float) -> int:
        """The exit status once the program has ended and its last output has been read;
        fail the test if it is still running after `timeout` seconds."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {timeout} s on. Last output:\n{self.tail()}")
        self._reader.join(5)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        self._reader.join(5)  # it ends when the terminal's last holder has gone
        os.close(self.master)


class _Utf8:
    """Decodes a byte stream whose characters may be split between two reads."""

    def __init__(self) -> None:
        import codecs

        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def decode(self, chunk: bytes) -> str:
        return self._decoder.decode(chunk)
