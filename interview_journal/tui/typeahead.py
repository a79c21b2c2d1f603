"""Keys typed ahead land where they were aimed, in the order they were typed.

People type faster than screens open, and a paste or a fast typist delivers a dozen keys
in one read of the terminal. Textual hands each key to the focused widget's own message
queue and moves on to the next one at once, which goes wrong in three ways:

- `widget.focus()` only takes effect through a callback queued *behind* the keys that
  already arrived, so after `/` the letters of a search still reach the table as
  commands (`d` deletes);
- a key that reaches the App as a binding (ctrl+e, tab) can run before the text keys in
  front of it were typed into the field, so the editor opens on half a sentence;
- keys that arrive while a pushed screen is still being built go to a screen with nothing
  focused, and are dropped or run that screen's bindings.

The gate below fixes all three in one place. One key at a time travels from the App to
the focused widget and up through its ancestors (as Textual delivers it); the next key
is released only when the first has been handled everywhere it could be handled, when
what it deferred through the App's queue (focus, a pushed screen, a mode switch) has
run, and when the screen on top is mounted and says it is `ready_for_keys` (a view
whose content is read in a worker is not, until that content is on screen).

Keys are never dropped and never reordered. Time plays no part in that, however slow a
loaded machine is; the one limit is for a screen that mounted but never says it is
ready (a bug, or a read that keeps failing): after `HOLD_LIMIT` seconds it gets the keys
held so far, rather than the app seeming to ignore the keyboard.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from time import monotonic
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

HOLD_LIMIT = 8.0
"""Seconds keys may wait for a mounted screen that does not say it is ready."""

FLIGHT_CHECK = 0.05
"""Seconds between looks at whether a key's way through the widgets was cut short."""

Typed = events.Key | events.Paste


TEXT_FIELDS = (Input, TextArea)
"""Widgets that type a printable key themselves, never passing it on to a binding."""


def _is_text(event: Typed) -> bool:
    return isinstance(event, events.Key) and event.is_printable


def _gone(pump: MessagePump) -> bool:
    if pump._closing or pump._closed:
        return True
    return isinstance(pump, DOMNode) and not pump.is_attached


class TypeaheadApp(App[None]):
    """An App that holds keys typed ahead of the screen until it can take them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead: deque[Typed] = deque()
        self._key_in_flight = False
        self._flight_path: list[MessagePump] = []
        self._flight_screen: Screen[Any] | None = None
        self._flight_watch: Timer | None = None
        self._waiting_for_mount: Screen[Any] | None = None
        self._mount_waiters: set[asyncio.Task[None]] = set()
        self._not_ready_since: float | None = None
        self._not_ready_timer: Timer | None = None
        self._flushing = False
        self._key_on_its_way: Typed | None = None
        self._key_reached_app = False
        self._followed_again = False

    # --- the gate ----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, Typed) and not event.is_forwarded:
            if self._key_in_flight or self._typed_ahead or not self._screen_takes_keys():
                self._typed_ahead.append(event)
                return
            await self._deliver(event)
            return
        if isinstance(event, events.Key) and event is self._key_on_its_way:
            self._key_reached_app = True  # no widget took it: it may run a binding here
        await super().on_event(event)

    def keys_may_flow(self) -> None:
        """A screen that was loading is ready: deliver what was typed meanwhile."""
        self.call_later(self._release_next)

    @property
    def keys_typed_ahead(self) -> int:
        """How many keys are waiting (for tests and the benchmark)."""
        return len(self._typed_ahead)

    def _current_screen(self) -> Screen[Any] | None:
        try:
            return self.screen
        except Exception:  # no screen yet, or the app is closing
            return None

    def _screen_takes_keys(self) -> bool:
        screen = self._current_screen()
        if screen is None:
            return True
        if not screen.is_mounted:
            self._wake_when_mounted(screen)
            return False
        if self._flushing or getattr(screen, "ready_for_keys", True):
            self._not_ready_since = None
            return True
        self._watch_not_ready()
        return False

    async def _deliver(self, event: Typed) -> None:
        """Send one key on its way and keep the next until this one has landed."""
        self._key_in_flight = True
        self._key_on_its_way = event
        self._key_reached_app = False
        self._followed_again = False
        self._flight_screen = self._current_screen()
        if isinstance(event, events.Key) and not self.app_focus:
            # Textual takes a key as the window having come back (a terminal or a browser
            # tab that did not say so) and gives the focus back to the widget that had it
            # before handing the key on: the key goes there, so read its way after that.
            self.app_focus = True
        path = self._path_of()
        try:
            await super().on_event(event)
            if _is_text(event) and isinstance(self.focused, TEXT_FIELDS):
                # Letters for a text field are typed by that field alone (it takes them
                # and stops them): the ones typed right after go along, in order, and the
                # key that ends the run waits for all of them as for one key.
                while self._typed_ahead and _is_text(self._typed_ahead[0]):
                    await super().on_event(self._typed_ahead.popleft())
        except Exception:
            self._key_in_flight = False
            raise
        self._follow(path, 0)

    def _path_of(self) -> list[MessagePump]:
        """Where Textual will carry the key: the focused widget, then each ancestor up to
        the screen (a key no widget handles bubbles up to the screen's bindings)."""
        node: DOMNode | None = self.focused or self._current_screen()
        path: list[MessagePump] = []
        while node is not None and node is not self:
            path.append(node)
            parent = node.parent
            node = parent if isinstance(parent, DOMNode) else None
        return path

    def _follow(self, path: list[MessagePump], index: int, *, twice: bool = True) -> None:
        """Queue a marker behind the key in each queue it may pass through, in turn: when
        the marker runs in a queue, the key has been handled there (or passed up).

        The marker goes through each queue twice: what handling the key posted there
        (an Input's Changed or Submitted) is then handled, and has bubbled on to the
        next queue, before the marker follows it."""
        if (
            twice
            and 0 < index <= len(path)
            and path[index - 1].call_later(self._follow, path, index, twice=False)
        ):
            return
        while index < len(path):
            if path[index].call_later(self._follow, path, index + 1):
                self._flight_path = path[index:]
                self._watch_flight()
                return
            index += 1  # that widget is gone: the key cannot be waiting in it
        self._flight_path = []
        # The key may have bubbled to the App; a binding it ran may have deferred focus
        # or a screen change through the App's queue. Two trips behind them all.
        self.call_later(self.call_later, self._landed)

    async def _landed(self) -> None:
        if not self._key_in_flight:
            return  # already released by `_check_flight`
        if self._key_reached_app and not self._followed_again:
            # The key ran a binding, and a binding's action posts to the widget that owns
            # it (an Input's enter posts Submitted): follow the focused path once more.
            self._followed_again = True
            self._follow(self._path_of(), 0)
            return
        screen = self._current_screen()
        if screen is not None and screen is not self._flight_screen and screen.is_mounted:
            # the key showed another screen (a mode switch, a dialog closed): it handles
            # its ScreenResume in its own queue, and may start reading there; one trip
            # through that queue before the next key
            self._flight_screen = screen
            if screen.call_later(self.call_later, self._landed):
                return
        self._key_in_flight = False
        self._flight_path = []
        if self._flight_watch is not None:
            self._flight_watch.pause()
        await self._release_next()

    async def _release_next(self) -> None:
        if self._key_in_flight:
            return
        if not self._typed_ahead:
            self._flushing = False
            return
        if not self._screen_takes_keys():
            return  # keys_may_flow, the screen's mount or the not-ready limit wakes us
        await self._deliver(self._typed_ahead.popleft())

    # --- when the way is cut short, the screen mounts, or never gets ready -------------

    def _watch_flight(self) -> None:
        if self._flight_watch is None:
            self._flight_watch = self.set_interval(FLIGHT_CHECK, self._check_flight)
        else:
            self._flight_watch.resume()

    def _check_flight(self) -> None:
        """A marker queued in a widget that is then removed (the dialog a key closed) is
        never run: once any queue on the key's way is gone, nothing more can happen to
        the key there, so only the trip through the App's queue is left."""
        if not self._key_in_flight:
            if self._flight_watch is not None:
                self._flight_watch.pause()
            return
        if self._flight_path and any(_gone(pump) for pump in self._flight_path):
            self._flight_path = []
            self.call_later(self.call_later, self._landed)

    def _wake_when_mounted(self, screen: Screen[Any]) -> None:
        if self._waiting_for_mount is screen:
            return
        self._waiting_for_mount = screen
        mounted: asyncio.Event | None = getattr(screen, "_mounted_event", None)

        async def wait() -> None:
            if mounted is not None:
                await mounted.wait()
            else:  # pragma: no cover - a Textual without the event: look again shortly
                await asyncio.sleep(0.01)
            if self._waiting_for_mount is screen:
                self._waiting_for_mount = None
            # a screen's on_mount queues its first focus on the App: let that run first
            self.call_later(self.call_later, self._release_next)

        task = asyncio.get_running_loop().create_task(wait())
        self._mount_waiters.add(task)
        task.add_done_callback(self._mount_waiters.discard)

    def _watch_not_ready(self) -> None:
        if self._not_ready_since is None:
            self._not_ready_since = monotonic()
        if self._not_ready_timer is None:
            self._not_ready_timer = self.set_timer(HOLD_LIMIT, self._not_ready_too_long)

    async def _not_ready_too_long(self) -> None:
        """The screen is mounted but has not said it is ready for `HOLD_LIMIT` seconds:
        give it the keys held so far, in order, rather than seem to ignore them."""
        self._not_ready_timer = None
        if self._not_ready_since is None or not self._typed_ahead:
            self._not_ready_since = None
            return
        waited = monotonic() - self._not_ready_since
        if waited < HOLD_LIMIT:
            self._not_ready_timer = self.set_timer(HOLD_LIMIT - waited, self._not_ready_too_long)
            return
        self._not_ready_since = None
        self._flushing = True  # until the keys held so far are delivered
        with contextlib.suppress(Exception):
            await self._release_next()
