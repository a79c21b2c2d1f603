"""`interview-journal serve` as a test runs it: the real command in a subprocess, on a free
port, and tabs on it (`Tab`: the websocket a browser tab opens, with the screen it draws).

A `Tab` speaks the page's protocol (textual-serve's: JSON messages in, the terminal's bytes
out) and follows the bytes on a `Screen`, so a test can ask what the tab shows; the
browser test (`test_browser`) does the same through a real Chromium.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp

from tests.reliability.terminal_screen import Screen

PROGRAM = (sys.executable, "-m", "interview_journal")
READY = 30.0
"""Seconds to wait for the server or a screen (the machine may be busy)."""


@dataclass
class Served:
    """A running `serve`: its link (with the secret), and all it has printed."""

    process: subprocess.Popen[bytes]
    url: str
    stdout: bytearray = field(default_factory=bytearray)
    stderr: bytearray = field(default_factory=bytearray)

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.url).query)["t"][0]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cookie_name(self) -> str:
        return f"interview-journal-{self.port}"

    @property
    def cookie(self) -> dict[str, str]:
        return {self.cookie_name(): self.token}

    def output(self) -> str:
        return (bytes(self.stdout) + bytes(self.stderr)).decode(errors="replace")

    def apps(self) -> list[int]:
        """The app processes it runs now: one per open tab (each in a session of its own,
        so children of serve's, found by their parent)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                found.append(int(entry.name))
        return found

    def stop(self, number: int = signal.SIGTERM, timeout: float = READY) -> int:
        self.process.send_signal(number)
        return self.process.wait(timeout)


def _pump(stream: object, into: bytearray) -> None:
    read = stream.read1  # type: ignore[attr-defined]
    while chunk := read(65536):
        into.extend(chunk)


@contextlib.contextmanager
def serving(db: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`serve --db DB --port 0 ARGS` until the block ends (then SIGTERM, or a kill)."""
    process = subprocess.Popen(
        [*PROGRAM, "serve", "--db", str(db), "--port", "0", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        served = Served(process, first.decode().strip(), bytearray(first))
        for stream, into in ((process.stdout, served.stdout), (process.stderr, served.stderr)):
            threading.Thread(target=_pump, args=(stream, into), daemon=True).start()
        assert served.url.startswith("http://"), served.url + served.output()
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(READY)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Tab:
    """One browser tab on a served journal, as its websocket: keys in, screen out."""

    def __init__(self, served: Served, columns: int = 100, lines: int = 30) -> None:
        self.served = served
        self.screen = Screen(columns, lines)
        self.columns, self.lines = columns, lines
        self.received = 0
        self.messages: list[list[object]] = []
        """The page's other messages from the server (downloads offered, links opened)."""
        self.closed = asyncio.Event()
        self._session: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode

    async def open(self) -> Tab:
        self._session = aiohttp.ClientSession(cookies=self.served.cookie)
        self._socket = await self._session.ws_connect(
            f"ws://127.0.0.1:{self.served.port}/ws?width={self.columns}&height={self.lines}",
            origin=self.served.base,
        )
        await self._socket.send_json(["resize", {"width": self.columns, "height": self.lines}])
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)
                self.screen.feed(self._decode(message.data))
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(json.loads(message.data))
        self.closed.set()

    def text(self) -> str:
        return self.screen.text()

    async def wait_for(self, text: str, timeout: float = READY) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if time.monotonic() > deadline or self.closed.is_set():
                raise AssertionError(f"{text!r} never shown; the tab shows:\n{self.text()}")
            await asyncio.sleep(0.02)

    async def send(self, keys: str) -> None:
        """Keys as the page sends them: all in one message (a burst, or a paste)."""
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["stdin", keys]))

    async def type(self, keys: Sequence[str]) -> None:
        for key in keys:
            await self.send(key)

    async def close(self) -> None:
        """The tab closed: the socket ends, whatever the app was doing."""
        if self._socket is not None:
            await self._socket.close()
        if self._session is not None:
            await self._session.close()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, READY)


def until(condition: object, timeout: float = READY) -> bool:
    """Poll `condition()` until it is true (or the time is up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False
