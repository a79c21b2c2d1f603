"""`interview-journal serve` timed as a user meets it, on the real command in a process:

- start-up: from starting `serve --db X --port 0` to the link on its first line (read
  against the import floor, like the CLI rows: serving is a command that starts, prints,
  and waits);
- a tab: from opening the websocket a browser tab opens (with the cookie the link gives)
  to the Interviews list drawn in it, its count line and a company on it (read against
  the same journal's first paint in a terminal: a tab is the app started for the page);
- the end: from SIGTERM to `serve`, one tab open on the list, until it has exited (every
  tab's app told to save and end first: `serve` exits only after that). A deadline.

The tab is a small websocket client of our own that speaks the page's protocol (JSON in,
the terminal's bytes out): it needs aiohttp, and `serve` needs textual-serve (the [web]
extra); without them the rows are skipped (`unavailable`).

On its own: `python -m benchmarks.serve [--db PATH] [--runs N]` (default: the 1,000 demo
journal the benchmark caches).
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import importlib.util
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from benchmarks.journals import journal_for
from benchmarks.measure import COLUMNS, ROWS, Figure, repeat, run_in_pty, run_process

if TYPE_CHECKING:
    import aiohttp

ZONE = "Europe/Stockholm"
TIMEOUT = 60.0
"""Seconds a step may take before the benchmark says it never happened."""
ENDING_DEADLINE = 1.5
"""Seconds from SIGTERM to `serve` gone, one tab open: its target."""
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^\[\]]")
"""The terminal's control sequences: what is left between them is the text drawn."""


def unavailable() -> str | None:
    """Why the serve rows cannot be taken here, or None when they can."""
    missing = [name for name in ("textual_serve", "aiohttp") if not importlib.util.find_spec(name)]
    if missing:
        return f"{' and '.join(missing)} not importable (the [web] extra is not installed)"
    return None


@dataclass
class Serving:
    """A running `serve` on a free port: its process and the link it printed."""

    process: subprocess.Popen[bytes]
    url: str
    errors: IO[bytes]
    rest: bytearray = field(default_factory=bytearray)
    """What it printed on standard output after the link (read so it never blocks)."""

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def cookie(self) -> dict[str, str]:
        """The cookie the link's page sets: what a tab's websocket carries."""
        token = parse_qs(urlsplit(self.url).query)["t"][0]
        return {f"interview-journal-{self.port}": token}

    def said(self) -> str:
        self.errors.seek(0)
        return (bytes(self.rest) + self.errors.read()).decode(errors="replace")[-600:]

    def stop(self) -> None:
        """SIGTERM, then a kill if it has not ended in time (a failed run only)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def serving(
    program: Sequence[str], path: Path, env: dict[str, str], *args: str
) -> Iterator[tuple[Serving, float]]:
    """`serve --db PATH --port 0 ARGS` until the block ends; yields (Serving, seconds from
    the start of the process to its link)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*program, "--db", str(path), "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        assert process.stdout is not None
        first = process.stdout.readline()
        linked = time.perf_counter() - started
        served = Serving(process, first.decode(errors="replace").strip(), errors)
        threading.Thread(target=_drain, args=(process.stdout, served.rest), daemon=True).start()
        try:
            if not served.url.startswith("http://"):
                served.stop()
                raise RuntimeError(f"serve printed no link: {served.url}{served.said()}")
            yield served, linked
        finally:
            served.stop()


def _drain(stream: IO[bytes], into: bytearray) -> None:
    while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
        into.extend(chunk)


WEB_IMPORTS = "import sqlite_utils, pendulum, click, aiohttp.web, textual_serve.server"
"""What `serve` imports that the CLI's import floor does not: the web server's own price."""


def web_import_floor(env: dict[str, str], runs: int) -> Figure:
    """Seconds for a process that imports the CLI floor's packages and the web server's,
    and does nothing: what `serve` cannot start faster than, whatever its own code does."""
    return repeat(runs, partial(run_process, [sys.executable, "-c", WEB_IMPORTS], env=env))


def start_up(program: Sequence[str], path: Path, env: dict[str, str], runs: int) -> Figure:
    """Seconds from starting `serve` to its link on the first line, no tab opened."""

    def once() -> float:
        with serving(program, path, env) as (_served, linked):
            return float(linked)

    return repeat(runs, once)


class TabClient:
    """One browser tab's websocket on `serve`: what it drew, as text without escapes."""

    def __init__(self, served: Serving) -> None:
        self.served = served
        self.drawn = ""
        self.changed = asyncio.Event()
        self.closed = asyncio.Event()
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self._raw = ""

    async def run(self, session: aiohttp.ClientSession) -> None:
        """(task) Open the socket as the page does, then read until it closes; the
        client answers the server's close at once, as a browser does."""
        from aiohttp import WSMsgType

        port = self.served.port
        socket = await session.ws_connect(
            f"ws://127.0.0.1:{port}/ws?width={COLUMNS}&height={ROWS}",
            origin=f"http://127.0.0.1:{port}",
        )
        await socket.send_json(["resize", {"width": COLUMNS, "height": ROWS}])
        try:
            async for message in socket:
                if message.type == WSMsgType.BINARY:
                    self._raw += self._decode(message.data)
                    self.drawn = ESCAPES.sub("", self._raw)
                    self.changed.set()
        finally:
            self.closed.set()
            self.changed.set()

    async def wait_for(self, *texts: str) -> float:
        """When every one of `texts` had been drawn (perf_counter)."""
        give_up = time.perf_counter() + TIMEOUT
        while not all(text in self.drawn for text in texts):
            if self.closed.is_set():
                raise RuntimeError(f"the tab closed before {texts!r} was drawn")
            self.changed.clear()
            left = give_up - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"{texts!r} never drawn in the tab: {self.drawn[-400:]!r}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)
        return time.perf_counter()


async def _tab_then_end(served: Serving, markers: tuple[str, ...]) -> tuple[float, float]:
    """Seconds from opening a tab to `markers` drawn in it, then from SIGTERM to `serve`
    gone with that tab still open."""
    from aiohttp import ClientSession

    async with ClientSession(cookies=served.cookie) as session:
        tab = TabClient(served)
        started = time.perf_counter()
        reading = asyncio.create_task(tab.run(session))
        try:
            drawn = await tab.wait_for(*markers)
        except BaseException:
            reading.cancel()
            raise
        ending = time.perf_counter()
        served.process.send_signal(signal.SIGTERM)
        code = await asyncio.to_thread(served.process.wait, TIMEOUT)
        ended = time.perf_counter()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(reading, TIMEOUT)
    if code != 0:
        raise RuntimeError(f"serve ended with {code} on SIGTERM: {served.said()}")
    return drawn - started, ended - ending


@dataclass(frozen=True)
class TabFigures:
    usable: Figure
    """Opening the websocket → the Interviews list drawn."""
    ending: Figure
    """SIGTERM with that tab open → `serve` gone."""


def list_markers(path: Path) -> tuple[str, ...]:
    """What the Interviews list shows once drawn: its count line, as the terminal's first
    paint waits for, and the company of its first row (cut as a narrow column may cut it)."""
    from interview_journal.dates import SystemClock
    from interview_journal.domain.listing import InterviewQuery
    from interview_journal.store import open_journal

    journal = open_journal(path, read_only=True)
    try:
        total = journal.count_interviews()
        first = journal.page_interviews(InterviewQuery(now=SystemClock(ZONE).now()), limit=1)
    finally:
        journal.close()
    if not first.interviews:
        raise ValueError(f"{path}: no interview to show (the tab figures need some)")
    return (f"{total:,} interviews", first.interviews[0].company[:12])


def tab_figures(program: Sequence[str], path: Path, env: dict[str, str], runs: int) -> TabFigures:
    """`runs` tabs after one to warm up, each on a `serve --view interviews` of its own
    (so each tab is the first, and each ending has exactly one tab open)."""
    markers = list_markers(path)
    usable: list[float] = []
    ending: list[float] = []
    for _ in range(runs + 1):
        with serving(program, path, env, "--view", "interviews") as (served, _linked):
            drawn, ended = asyncio.run(_tab_then_end(served, markers))
        usable.append(drawn)
        ending.append(ended)
    return TabFigures(Figure(tuple(usable[1:])), Figure(tuple(ending[1:])))


def main(argv: list[str] | None = None) -> int:
    from benchmarks.__main__ import environment, program

    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve", description=__doc__)
    parser.add_argument("--db", type=Path, help="journal to serve (default: the 1,000 demo)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    reason = unavailable()
    if reason:
        print(f"serve rows skipped: {reason}")
        return 0
    path = args.db or journal_for(1_000, ZONE)
    with tempfile.TemporaryDirectory(prefix="ij-bench-home-") as home:
        env = environment(Path(home))
        command = [sys.executable, "-c", "import sqlite_utils, pendulum, click"]
        imports = repeat(args.runs, partial(run_process, command, env=env))
        web_imports = web_import_floor(env, args.runs)
        paints = [
            run_in_pty(
                [*program(), "--db", str(path), "--view", "interviews"], b" interviews", env=env
            )
            for _ in range(args.runs + 1)
        ][1:]
        paint = Figure(tuple(run.seconds for run in paints))
        started = start_up(program(), path, env, args.runs)
        tab = tab_figures(program(), path, env, args.runs)
    for name, figure, floor in (
        ("import floor", imports, None),
        ("web import floor", web_imports, None),
        ("first paint in a terminal: interviews", paint, None),
        ("serve: start → link", started, imports),
        ("serve: start → link (vs the web import floor)", started, web_imports),
        ("serve: tab opened → Interviews list drawn", tab.usable, paint),
        ("serve: SIGTERM, one tab open → exited", tab.ending, None),
    ):
        versus = f", {figure.median / floor.median:.2f}× floor" if floor else ""
        print(
            f"{name}, {path.name}: {figure.median:.3f} s "
            f"({figure.low:.3f}–{figure.high:.3f}){versus}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
