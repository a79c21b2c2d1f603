"""The server behind `interview-journal serve`: textual-serve, behind our gate, starting
our own program for each tab and ending each one with its typing saved.

What differs from textual-serve's `Server` (1.1.x), and why:

- Every request passes `guard.Gate` first; the page is ours (`page`); the access log is off
  (it would print the token of the first request) and so is the start-up banner.
- Each tab's app is started directly (`exec`, not through a shell: on Debian the shell
  stays between, and ending it leaves the app running) in a session of its own (a ctrl+c
  in `serve`'s terminal is for `serve`, which ends each app in turn, saving first).
- Stopping ends every app it started: each is told its tab is gone (it saves and ends),
  and whatever has not ended after `SAVE_PATIENCE` seconds is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from interview_journal.web.guard import Gate, private_headers
from interview_journal.web.page import page

SAVE_PATIENCE = 3.0
"""Seconds an app is given to save and end before it is killed (it needs under one)."""
HEARTBEAT = 15.0
"""Seconds between websocket pings: a tab that vanished without closing is noticed."""
LOOPBACK = ("127.0.0.1", "::1")
ENDING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

log = logging.getLogger("interview-journal.serve")


class TabApp(AppService):
    """One tab's app process: our own program, in its own session."""

    def __init__(self, argv: Sequence[str], **options: Any) -> None:
        super().__init__(shlex.join(argv), **options)
        self.argv = list(argv)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        pipe = asyncio.subprocess.PIPE
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=pipe,
            stdout=pipe,
            stderr=pipe,
            env=environment,
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    async def on_data(self, payload: bytes) -> None:
        """A frame for the page. Once the page has gone it is dropped, and the app's output
        is still read to its end: an app whose output nobody reads blocks on a full pipe,
        perhaps before it has saved (textual-serve stops reading at the first failure)."""
        with contextlib.suppress(ConnectionError, RuntimeError, aiohttp.ClientError):
            await super().on_data(payload)

    async def on_meta(self, data: bytes) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError, aiohttp.ClientError):
            await super().on_meta(data)

    async def end(self) -> None:
        """Tell the app its tab is gone (it saves, then ends); kill it if it has not ended
        after `SAVE_PATIENCE` seconds."""
        process = self._process
        with contextlib.suppress(Exception):  # TimeoutError, or a pipe already closed
            await asyncio.wait_for(asyncio.shield(self._stop_and_wait()), SAVE_PATIENCE)
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                await process.wait()

    async def _stop_and_wait(self) -> None:
        await self.stop()  # "quit", then the app's output to its end
        if self._process is not None:
            await self._process.wait()


class JournalServer(Server):
    """textual-serve's server with the gate in front and our apps behind it."""

    def __init__(self, argv: Sequence[str], *, gate: Gate, journal_name: str) -> None:
        super().__init__(shlex.join(argv), title=f"Interview Journal — {journal_name}")
        self.argv = list(argv)
        self.gate = gate
        self.journal_name = journal_name
        self.tabs: set[TabApp] = set()
        self.started = 0
        """Apps started since `serve` began (one per tab opened)."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.gate.middleware)
        app.on_response_prepare.append(private_headers)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """(textual-serve prints a banner here: what `cli.serve` says is enough)"""

    async def handle_index(self, request: web.Request) -> web.Response:
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40)
        return web.Response(
            text=page(
                websocket=f"ws://{request.host}/ws",
                journal=self.journal_name,
                font_size=font_size,
            ),
            content_type="text/html",
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        tab = TabApp(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.tabs.add(tab)
        try:
            await tab.start(width, height)
            self.started += 1
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass  # the server is stopping: `end_every_tab` ends the app
        except Exception as error:  # a broken message from the page: this tab ends
            log.warning("a tab's connection failed: %s", error)
        finally:
            await asyncio.shield(tab.end())
            self.tabs.discard(tab)
        with contextlib.suppress(Exception):
            await websocket.close()
        return websocket

    async def end_every_tab(self) -> int:
        """End every app still running (each saves first); how many there were."""
        tabs = list(self.tabs)
        await asyncio.gather(*(tab.end() for tab in tabs), return_exceptions=True)
        return len(tabs)


@dataclass
class Listening:
    """Where the server listens, once it does."""

    port: int
    hosts: tuple[str, ...]


async def serve(
    server: JournalServer,
    *,
    hosts: Sequence[str],
    port: int,
    ready: Callable[[Listening], None],
) -> int:
    """Listen on `hosts` (the first must work; the others, ::1 for one, are tried with the
    same port) until an ending signal; then end every tab and stop. Returns how many apps
    were still running at the end."""
    app = await server._make_app()
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        first = web.TCPSite(runner, hosts[0], port)
        await first.start()
        port = port or int(runner.addresses[0][1])
        bound = [hosts[0]]
        for host in hosts[1:]:
            try:
                await web.TCPSite(runner, host, port).start()
            except OSError:
                continue  # no IPv6 loopback here: 127.0.0.1 is enough
            bound.append(host)
        server.gate.port = port
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in ENDING_SIGNALS:
            loop.add_signal_handler(number, stop.set)
        ready(Listening(port, tuple(bound)))
        await stop.wait()
        return await server.end_every_tab()
    finally:
        await runner.cleanup()
