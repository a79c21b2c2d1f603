"""Textual's web driver (the app's side of `interview-journal serve`), made to keep what
was typed when its tab or its server goes away.

What Textual's own `WebDriver` (8.2.x) does that costs typing here:

- Closing the tab makes the server send "quit", which it answers with a bare `ExitApp`:
  the app ends without a form saving what was typed into it since its last save.
- It installs its own SIGINT and SIGTERM handlers on the event loop, and so takes the
  signal wakeup descriptor from `ending.Ending`: a signal would then end the app without
  saving, and without the deadline that keeps a stuck save from hanging it.
- When the server dies (its end of the pipes closes), input ends silently and writes raise
  `BrokenPipeError` on the main thread: the app lives on, orphaned, or ends in a traceback.

Here "quit", the end of input and a failed write are each the terminal going away (as
when a terminal window closes: save, then end with 129), and the signals stay ours.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Iterator
from typing import Any

from textual.drivers.web_driver import WebDriver

BROWSER_KEYS = {"message_sent": "ctrl+b"}
"""Our keys a browser keeps for itself (ctrl+t opens a new tab), moved in a browser tab
(`App.set_keymap`: the footer and the help show the key that works)."""
PATIENCE = 2.5
"""Seconds an ending may take here (a closed terminal allows 0.75): nobody is waiting to
kill the app sooner, and the server gives it 3 (`web.server.SAVE_PATIENCE`) before it
does. A busy machine's save gets the time it needs."""


class WebJournalDriver(WebDriver):
    """`WebDriver`, with the tab's end and the server's end reported as a terminal gone."""

    def __init__(self, app: Any, **options: Any) -> None:
        super().__init__(app, **options)
        self._lost = False
        self._last_input = time.monotonic()
        self._write = self._write_all  # type: ignore[assignment]  # whole, or the server is gone

    def _write_all(self, data: bytes) -> int:
        """(main thread) Write a packet to the server; a failure means it is gone."""
        if self._lost:
            return len(data)
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fileno, view) :]
        except OSError:
            self._lost = True
            self._tell_app()
        return len(data)

    def start_application_mode(self) -> None:
        ending = getattr(self._app, "ending", None)
        if ending is not None:
            ending.patience = PATIENCE
        with _without_loop_signal_handlers(asyncio.get_running_loop()):
            super().start_application_mode()

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "quit":  # the tab closed, or `serve` is stopping
            self._tell_app()
            return
        super().on_meta(packet_type, payload)

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # input ended before the app did: the server died
            self._tell_app()

    def process_message(self, message: Any) -> None:
        self._last_input = time.monotonic()
        super().process_message(message)

    def unread_input(self) -> int:
        """Keys the server sent before "quit" are read before it (one stream, in order)."""
        return 0

    def seconds_since_input(self) -> float:
        return time.monotonic() - self._last_input

    def stop_waiting_for_output(self) -> None:
        """(any thread) Nothing to do: a server that takes nothing fails the write."""

    def _tell_app(self) -> None:
        gone = getattr(self._app, "terminal_gone", None)
        if gone is not None:
            gone()


@contextlib.contextmanager
def _without_loop_signal_handlers(loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """`loop.add_signal_handler` does nothing inside: the ending signals stay with
    `ending.Ending` (see the module)."""

    def ignore(*args: object) -> None:
        return None

    loop.add_signal_handler = ignore  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        del loop.add_signal_handler
