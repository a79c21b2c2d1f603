"""How each figure is taken: whole processes in a pseudo-terminal, or the app in-process.

Every figure is the median of several runs after a warm-up run, with min and max.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

COLUMNS, ROWS = 100, 30


@dataclass(frozen=True)
class Figure:
    """One measured figure: the median of `samples`, in seconds (or bytes for memory)."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)


def repeat(runs: int, measure: Callable[[], float], *, warm_up: bool = True) -> Figure:
    if warm_up:
        measure()
    return Figure(tuple(measure() for _ in range(runs)))


@dataclass(frozen=True)
class PtyRun:
    seconds: float
    """From the start of the process until `marker` was on the screen."""
    peak_rss: int
    """Peak resident memory of the process, in bytes."""


def run_in_pty(
    argv: Sequence[str], marker: bytes, *, env: dict[str, str] | None = None, timeout: float = 60
) -> PtyRun:
    """Start `argv` in a pseudo-terminal as a user would, time it until `marker` is painted,
    then quit it with ctrl+q and read its peak memory."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.environ.update(env or {})
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = str(COLUMNS), str(ROWS)
        os.execvp(argv[0], list(argv))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    seen = b""
    found: float | None = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen = (seen + chunk)[-(1 << 16) :]
            if marker in seen:
                found = time.perf_counter() - start
                break
        if found is None:
            raise RuntimeError(f"{' '.join(argv)}: {marker!r} never appeared")
        os.write(fd, b"\x11")  # ctrl+q
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    if not os.read(fd, 1 << 16):
                        break
                except OSError:
                    break
            done, _status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                return PtyRun(found, usage.ru_maxrss * 1024)
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        return PtyRun(found, usage.ru_maxrss * 1024)
    finally:
        os.close(fd)


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """Whole-process wall time of a command (output discarded); fails loudly if it fails."""
    start = time.perf_counter()
    result = subprocess.run(
        list(argv), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.decode()[-300:]}")
    return elapsed


class PtySession:
    """The real program in a pseudo-terminal, driven by keys, timed by what it paints."""

    def __init__(self, argv: Sequence[str], *, env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.environ.update(env or {})
            os.environ["TERM"] = "xterm-256color"
            os.execvp(argv[0], list(argv))
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.seen = b""

    def wait_for(self, marker: bytes, timeout: float = 30) -> float:
        """Seconds until `marker` is in what was painted since the last `send`."""
        deadline = time.perf_counter() + timeout
        while marker not in self.seen:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{marker!r} never appeared")
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                chunk = os.read(self.fd, 1 << 16)
                if not chunk:
                    raise RuntimeError("the program ended")
                self.seen = (self.seen + chunk)[-(1 << 17) :]
        return time.perf_counter()

    def settle(self, quiet: float = 0.3) -> None:
        """Read until nothing has been painted for `quiet` seconds."""
        while True:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            if not os.read(self.fd, 1 << 16):
                return

    def send(self, keys: bytes) -> float:
        self.seen = b""
        sent = time.perf_counter()
        os.write(self.fd, keys)
        return sent

    def first_paint_after(self, keys: bytes, timeout: float = 10) -> float:
        """Seconds from sending `keys` to the first bytes of the repaint."""
        sent = self.send(keys)
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            raise RuntimeError("nothing was painted")
        arrived = time.perf_counter()
        self.seen = os.read(self.fd, 1 << 16)
        return arrived - sent

    def close(self) -> int:
        """Quit with ctrl+q; returns the peak RSS in bytes."""
        with contextlib.suppress(OSError):
            os.write(self.fd, b"\x11")
        deadline = time.perf_counter() + 10
        try:
            while time.perf_counter() < deadline:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    try:
                        if not os.read(self.fd, 1 << 16):
                            break
                    except OSError:
                        break
                done, _status, usage = os.wait4(self.pid, os.WNOHANG)
                if done:
                    return usage.ru_maxrss * 1024
            os.kill(self.pid, signal.SIGKILL)
            _, _status, usage = os.wait4(self.pid, 0)
            return usage.ru_maxrss * 1024
        finally:
            os.close(self.fd)
