"""Saving what is typed while it is typed, off the event loop, one write at a time.

A screen that holds typing owns one `Autosaver` and tells it of every change. The saver
writes `AUTOSAVE_DELAY` seconds after the last change, and never later than
`AUTOSAVE_MAX_WAIT` seconds after the first unsaved one, so steady typing is saved too: a
crash or `kill -9` loses at most about a second of it.

A write has three parts. `prepare` (on the event loop) reads the screen and returns the
`Job`, or a `SaveState` when there is nothing to write. The job runs in a thread (the
fsync of a commit never holds up a key) and returns its `Finish`, which runs on the event
loop again to show the outcome. One write of a screen runs at a time, in order, and the
next is prepared only after the last has finished: it sees what that one saved.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from enum import Enum
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

AUTOSAVE_DELAY = 0.3
"""Seconds after the last change before it is written (the promise is: within one second)."""
AUTOSAVE_MAX_WAIT = 1.0
"""Seconds after the first unsaved change by which it is written, even while typing goes on."""
FLUSH_ROUNDS = 3
"""How many more writes a flush makes for changes told while it was writing."""


class SaveState(Enum):
    """Where what is on screen stands, as the evaluation shows it."""

    NEW = "new"
    """Nothing typed yet, nothing to write."""
    SAVING = "saving"
    """Changed since the last write; a write is due."""
    SAVED = "saved"
    """In the journal (or its draft)."""
    FAILED = "failed"
    """A write failed (said in a toast); the text is still on screen."""


Finish = Callable[[], SaveState]
"""(event loop) Show how a write went; returns the state it leaves."""
Job = Callable[[], Finish]
"""(a thread) The write itself. Never raises for a failed write: its `Finish` says it."""
Prepare = Callable[[], "Job | SaveState"]
"""(event loop) What to write now, or the state when there is nothing to write."""


def save_due(first_unsaved: float, last_change: float, delay: float, max_wait: float) -> float:
    """When a save is due: `delay` after the last change, but no later than `max_wait`
    after the first change not yet saved (a debounce with a deadline)."""
    return min(last_change + delay, first_unsaved + max_wait)


class Autosaver:
    """Debounced, serialised writes for one screen. `show` is told each new state."""

    def __init__(
        self, owner: Widget, prepare: Prepare, show: Callable[[SaveState], None] | None = None
    ) -> None:
        self._owner = owner
        self._prepare = prepare
        self._show = show
        self._timer: Timer | None = None
        self._since: float | None = None
        """When the oldest change not yet written was made (monotonic clock)."""
        self._changed_at = 0.0
        self._changes = 0
        """Changes told so far; `_written` of them are in the journal."""
        self._written = 0
        self._turn = asyncio.Lock()
        """Held by the write being prepared, done and finished: one at a time, in order."""
        self._io = threading.Lock()
        """Held while a job runs, by a thread or by `write_at_once`."""
        self._tasks: set[asyncio.Task[SaveState]] = set()
        self._closed = False
        self.state = SaveState.NEW

    @property
    def unsaved(self) -> bool:
        """A change is not written yet (it is due, under way, or its write failed)."""
        return self._written < self._changes

    @property
    def closed(self) -> bool:
        """`close` was called: nothing more is written."""
        return self._closed

    def changed(self) -> None:
        """Something on screen changed: write it soon."""
        self._changes += 1
        # One timer per save, not one per key: a burst of keys only moves the due time.
        self._changed_at = time.monotonic()
        if self._since is None:
            self._since = self._changed_at
        if self.state is not SaveState.SAVING:
            self.show_state(SaveState.SAVING)
        if self._timer is None:
            self._timer = self._owner.set_timer(AUTOSAVE_DELAY, self._due)

    def _due(self) -> None:
        """Write if the pause or the deadline has come, else look again when it will."""
        self._timer = None
        if self._since is None:
            return
        due = save_due(self._since, self._changed_at, AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT)
        wait = due - time.monotonic()
        if wait > 0.01:
            self._timer = self._owner.set_timer(wait, self._due)
            return
        self.write_soon()

    def write_soon(self) -> None:
        """Start writing the changes now, without waiting for the write."""
        self._stop_timer()
        if self.unsaved and not self._closed:
            self._start(self._write(self._prepare, force=False))

    async def flush(self, *, force: bool = True) -> SaveState:
        """Write what is on screen now (changed or not, unless not `force`) and wait until
        it is written, along with any write under way. A change told while it was written
        (the late echo of a key already in it, say) is written too, so that afterwards
        `unsaved` means a write failed."""
        self._stop_timer()
        state = await self._write(self._prepare, force=force)
        for _ in range(FLUSH_ROUNDS):
            if state is SaveState.FAILED or not self.unsaved:
                break
            state = await self._write(self._prepare, force=False)
        return state

    async def run(self, prepare: Prepare) -> SaveState:
        """Write what `prepare` says (a finishing save, say), in turn with the autosaves."""
        self._stop_timer()
        return await self._write(prepare, force=True)

    def write_at_once(self) -> SaveState:
        """Write on this thread, now, waiting for a job under way (after a crash, when the
        event loop will not run the next one)."""
        self._stop_timer()
        upto = self._changes
        with self._io:
            job = self._prepare()
            state = job if isinstance(job, SaveState) else job()()
        return self._settle(state, upto)

    def close(self, last: Callable[[], None] | None = None) -> None:
        """No more writes: run `last` (deleting a draft, say) after any write under way,
        on this thread, and ignore what any later one would do."""
        self._stop_timer()
        with self._io:
            self._closed = True
            if last is not None:
                last()

    def _start(self, write: Coroutine[Any, Any, SaveState]) -> None:
        task = asyncio.create_task(write)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _write(self, prepare: Prepare, *, force: bool) -> SaveState:
        try:
            async with self._turn:
                if self._closed or not (force or self.unsaved):
                    return self.state
                self._since = None
                upto = self._changes
                job = prepare()
                if isinstance(job, SaveState):
                    return self._settle(job, upto)
                finish = await asyncio.to_thread(self._in_turn, job)
                if self.closed:  # while it was written: what it says is said elsewhere
                    return self.state
                return self._settle(finish(), upto)
        except Exception as error:  # a bug: end the app as Textual ends it for any other
            self._owner.app.call_later(_raise, error)
            return SaveState.FAILED

    def _in_turn(self, job: Job) -> Finish:
        with self._io:
            if self._closed:
                return lambda: self.state
            return job()

    def _settle(self, state: SaveState, upto: int) -> SaveState:
        """Count the changes up to `upto` as written (unless the write failed), show where
        things stand, and return how this write went."""
        shown = state
        if state is not SaveState.FAILED:
            self._written = max(self._written, upto)
            if self.unsaved:
                shown = SaveState.SAVING  # changed while it was written: another is due
        self.show_state(shown)
        return state

    def show_state(self, state: SaveState) -> None:
        """Take `state` as where things stand, and show it."""
        self.state = state
        if self._show is not None and self._owner.is_attached:
            self._show(state)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def _raise(error: Exception) -> None:
    raise error


class SavedAsTyped:
    """A screen whose typing an `Autosaver` writes (the evaluation, the retro): leaving a
    field writes it at once, and it answers what the app asks before it ends
    (`saving.SavesOnQuit`) from its saver."""

    saver: Autosaver
    _leave_anyway = False
    """Leaving was refused once after a failed save: the next try leaves regardless."""

    def stays_after_failed_save(self, state: SaveState) -> bool:
        """Whether leaving must wait: once after a failed save (a full disk, a file made
        read-only), saying so, as leaving would lose the text; the next try goes."""
        if state is not SaveState.FAILED or self._leave_anyway:
            return False
        self._leave_anyway = True
        cast("Widget", self).notify(
            "Not saved, so still here with your text. Fix what the message said (a full "
            "disk?) and press escape again: it tries once more, then goes back even if "
            "that fails too.",
            title="Not saved",
            severity="error",
            timeout=12,
        )
        return True

    def on_descendant_blur(self) -> None:
        """Leaving a field writes it at once."""
        self.saver.write_soon()

    @property
    def unsaved(self) -> bool:
        """Something typed here is not in the journal yet (a save failed, or is pending)."""
        return self.saver.unsaved

    async def flush_unsaved(self) -> None:
        """Called by the app before it ends, however it ends."""
        await self.saver.flush()

    def save_now(self) -> None:
        """Write what is on screen at once, on this thread (after a crash: no event loop
        to wait on). Never raises for a failed save."""
        self.saver.write_at_once()
