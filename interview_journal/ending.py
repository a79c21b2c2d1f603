"""Ending the program when it is told to (a signal) or its terminal goes away, on time.

SIGHUP, SIGTERM, SIGINT and SIGQUIT all mean the same here: save what was typed, then end.
The exit status is 128 + the signal's number, the shells' convention (129 for SIGHUP, 143
for SIGTERM, 130 for SIGINT, 131 for SIGQUIT); a terminal that went away without a signal
(its input ended, or writing to it failed) counts as a hang-up: 129.

A Python signal handler runs only when the main thread gets back to Python code, and the
main thread is where the saving happens; so it is not what notices the signal. The C-level
handler writes the signal's number to a pipe (`signal.set_wakeup_fd`) and a thread of ours
reads it there at once, whatever the main thread is doing. That thread tells the app (which
saves, then quits the ordinary way) and keeps the time: `DEADLINE` seconds after the first
signal, or `AFTER_ANOTHER` after a second one, whatever is still running (a save waiting for
another window's lock, a terminal that takes no output) is cut short with `os._exit` —
only what was already written to the journal survives, so every save comes first.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import NoReturn

ENDING_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGHUP", "SIGTERM", "SIGINT", "SIGQUIT")
    if hasattr(signal, name)
)
"""(Windows has only SIGTERM and SIGINT, and no watch: see `install`.)"""
HANG_UP = 1
"""SIGHUP's number on every Unix."""
DEADLINE = 0.75
"""Seconds from the first signal to the end of the process, at the latest."""
AFTER_ANOTHER = 0.35
"""Seconds from a second signal to the end, at the latest (for the save under way)."""
RESTORE_WAIT = 0.05
"""Seconds the last resort waits for the terminal to take the bytes that restore it."""

Listener = Callable[[int, bool], None]
"""Called from the watching thread with the signal's number and whether it is the first."""


class Ending:
    """The process-wide watch for the signals that end the program (see the module)."""

    _installed: Ending | None = None

    def __init__(self) -> None:
        self.number: int | None = None
        """The first ending signal (SIGHUP for a terminal gone), or None while running."""
        self.patience = DEADLINE
        """Seconds from the first signal to the end (more where nothing else is waiting
        to kill the process: a browser tab's server gives its app a few seconds)."""
        self._lock = threading.Lock()
        self._deadline: float | None = None
        self._listener: Listener | None = None
        self._last_words: Callable[[], None] | None = None
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._read_fd, False)
        os.set_blocking(self._write_fd, False)

    @classmethod
    def install(cls) -> Ending:
        """Watch for the ending signals from now on (once per process; main thread only)."""
        if cls._installed is not None:
            return cls._installed
        ending = cls._installed = cls()
        if os.name != "posix":  # pragma: no cover - the wakeup fd must be a socket there
            return ending
        signal.set_wakeup_fd(ending._write_fd, warn_on_full_buffer=False)
        for number in ENDING_SIGNALS:
            # Without a Python handler the signal would end the process at once; this one
            # does nothing itself (the watching thread has already heard of it).
            signal.signal(number, _noted)
        threading.Thread(target=ending._watch, name="interview-journal-ending", daemon=True).start()
        return ending

    @property
    def code(self) -> int | None:
        """The exit status the ending calls for (128 + the signal), None while running."""
        return None if self.number is None else 128 + self.number

    def listen(self, listener: Listener, last_words: Callable[[], None]) -> None:
        """`listener` hears every ending signal (from another thread): the app starts saving.
        `last_words` runs just before a cut-short exit (restores the terminal if it can).
        A signal heard before this (while starting) is passed on at once."""
        with self._lock:
            self._listener, self._last_words = listener, last_words
            pending = self.number
        if pending is not None:
            listener(pending, True)

    def terminal_gone(self) -> None:
        """The terminal went away without a signal (input ended, output failed): a hang-up.
        Safe from any thread."""
        self.begin(HANG_UP)

    def begin(self, number: int) -> None:
        """An ending signal (from the watching thread, or the driver's threads)."""
        now = time.monotonic()
        with self._lock:
            first = self.number is None
            if first:
                self.number = number
                self._deadline = now + self.patience
            else:
                assert self._deadline is not None
                self._deadline = min(self._deadline, now + AFTER_ANOTHER)
            listener = self._listener
        # Wakes the watching thread, so that it waits for the new deadline.
        with contextlib.suppress(OSError):
            os.write(self._write_fd, b"\0")
        if listener is not None:
            with contextlib.suppress(Exception):  # the app may be gone; the deadline holds
                listener(number, first)

    def _watch(self) -> None:
        while True:
            with self._lock:
                deadline = self._deadline
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._read_fd], [], [], timeout)
            if ready:
                try:
                    heard = os.read(self._read_fd, 512)
                except (BlockingIOError, InterruptedError):
                    continue
                for number in heard:  # every handled signal's number (SIGWINCH too)
                    if number in ENDING_SIGNALS:
                        self.begin(number)
            elif deadline is not None and time.monotonic() >= deadline:
                self._cut_short()

    def _cut_short(self) -> None:
        """The last resort: the app did not end in time. What was saved is saved."""
        with self._lock:
            last_words = self._last_words
        if last_words is not None:
            # in a thread of its own: a terminal that takes no output must not hold us here
            restoring = threading.Thread(target=last_words, daemon=True)
            restoring.start()
            restoring.join(RESTORE_WAIT)
        os._exit(self.code or 1)


def leave(code: int) -> NoReturn:
    """End the process now, with `code`, once everything is saved and the journal closed.

    Python's own finalisation (freeing every object the TUI made, one module at a time)
    takes ~0.3 s of CPU on a busy machine, most of the second a signal allows; nothing in
    it matters once the journal is closed. The exit handlers still run and the standard
    streams are flushed."""
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:
        with contextlib.suppress(Exception):
            run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _noted(number: int, frame: object) -> None:
    """The Python-level handler: nothing to do (see `Ending.install`)."""
