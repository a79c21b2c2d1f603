"""Keeping what is typed in a form: a draft in the journal, written shortly after typing stops.

A form mixes this in and provides `texts()` (what is typed now) and `changed` (whether
that differs from what was opened). The draft is written `DRAFT_DELAY` seconds after the
last key, and never later than `DRAFT_MAX_WAIT` seconds after the first unsaved one, so
steady typing is saved too: a crash or `kill -9` loses at most about a second of it. The
app calls `flush_unsaved` before it quits.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from textual.timer import Timer
from textual.widgets import Input, Select, TextArea

from interview_journal.errors import JournalError
from interview_journal.store.journal import DRAFT_BASE, DRAFT_FIELDS
from interview_journal.tui.screens.base import JournalAccess

DRAFT_DELAY = 0.3
"""Seconds after the last key before the draft is written."""
DRAFT_MAX_WAIT = 1.0
"""Seconds after the first unsaved key by which the draft is written, typing or not."""


def save_due(first_unsaved: float, last_change: float, delay: float, max_wait: float) -> float:
    """When a save is due: `delay` after the last change, but no later than `max_wait`
    after the first change not yet saved (a debounce with a deadline)."""
    return min(last_change + delay, first_unsaved + max_wait)


_OPEN_HERE: set[str] = set()
"""The windows (see `new_window`) of the forms open in this process."""


def new_window() -> str:
    """A name for one form in one window: this process and a random part."""
    return f"{os.getpid()}.{uuid.uuid4().hex[:12]}"


def claimable(window: str) -> bool:
    """Whether a draft written by the form `window` may be taken over: its form is not
    open (in this process), or the process that wrote it has gone (a crash, kill -9)."""
    pid_text, _, _ = window.partition(".")
    if window in _OPEN_HERE:
        return False
    try:
        pid = int(pid_text)
    except ValueError:
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (another user's?): leave its draft alone
    return False


def merge_restored(
    draft: dict[str, Any] | None, now: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """What a form shows when it restores `draft` over `now` (what the journal holds now):
    a field the user did not change since the draft's base takes the journal's value;
    a changed one the draft's. Also the fields changed both here and elsewhere."""
    if not draft:
        return dict(now), []
    fields = draft.get(DRAFT_FIELDS)
    base = draft.get(DRAFT_BASE)
    if not isinstance(fields, dict) or not isinstance(base, dict):
        fields, base = draft, None  # a draft from before drafts kept their base
    shown = dict(now)
    both: list[str] = []
    for name, text in fields.items():
        if name not in now or not isinstance(text, str):
            continue
        if base is not None and text == base.get(name):
            continue  # not changed in the form: what the journal holds now
        shown[name] = text
        if base is not None and now[name] != base.get(name) and now[name] != text:
            both.append(name)
    return shown, both


class DraftKeeper(JournalAccess):
    """Draft saving for a form screen. `draft_kind` names what the form edits
    (`interview-form:new`, `entry-form:12`); its draft is `draft_kind#WINDOW`, one per
    form in a window, so two windows never share or delete each other's draft."""

    draft_kind: str
    _window: str = ""
    _draft_timer: Timer | None = None
    _draft_dirty: bool = False
    _draft_since: float | None = None
    """When the oldest change not yet in the draft was made (monotonic clock)."""
    _draft_changed_at: float = 0.0
    """When the latest change was made (monotonic clock)."""
    _initial: dict[str, str]
    """What the form showed when it opened (its fields' texts)."""
    is_mounted: bool
    set_timer: Any
    query_one: Any

    def texts(self) -> dict[str, str]:
        raise NotImplementedError

    @property
    def draft_key(self) -> str:
        if not self._window:
            self._window = new_window()
            _OPEN_HERE.add(self._window)
        return f"{self.draft_kind}#{self._window}"

    def restore_draft(self, now: dict[str, str]) -> tuple[dict[str, str], bool, list[str]]:
        """Take the newest draft of this kind no open form holds and merge it with `now`:
        (what to show, whether a draft was restored, fields also changed elsewhere)."""
        draft = self.journal.claim_draft(self.draft_kind, self.draft_key, claimable)
        shown, both = merge_restored(draft, now)
        return shown, bool(draft) and shown != now, both

    def restored_message(self, both: list[str]) -> str:
        if not both:
            return "Restored what you were typing last time."
        return (
            "Restored what you were typing last time. Also changed elsewhere since: "
            f"{', '.join(both)}; your text is shown (ctrl+s saves it over theirs)."
        )

    def on_unmount(self) -> None:
        _OPEN_HERE.discard(self._window)

    @property
    def changed(self) -> bool:
        return bool(self._initial) and self.texts() != self._initial

    def read_fields(self, names: list[str]) -> dict[str, str]:
        """What is typed in each `#field-NAME` widget, as text ("" for a blank choice)."""
        result: dict[str, str] = {}
        for name in names:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Select):
                result[name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                result[name] = widget.text
            elif isinstance(widget, Input):
                result[name] = widget.value
        return result

    def fill_fields(
        self, texts: dict[str, str], choices: dict[str, list[tuple[str, str]]], default: str = ""
    ) -> None:
        """Put texts into the `#field-NAME` widgets; a choice that is not offered becomes
        blank (or, where blank is not allowed, `default`, else the first choice)."""
        for name, text in texts.items():
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Select):
                offered = [value for _, value in choices[name]]
                if text in offered:
                    widget.value = text
                elif widget._allow_blank:
                    widget.value = Select.NULL
                else:
                    widget.value = default if default in offered else offered[0]
            elif isinstance(widget, TextArea):
                widget.load_text(text)
            elif isinstance(widget, Input):
                widget.value = text

    def _schedule_draft(self) -> None:
        # One timer per save, not one per key: a burst of keys only moves the due time.
        self._draft_changed_at = time.monotonic()
        if self._draft_since is None:
            self._draft_since = self._draft_changed_at
        self._draft_dirty = True
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self._draft_due)

    def _draft_due(self) -> None:
        """Write the draft if the pause or the deadline has come, else look again then."""
        self._draft_timer = None
        if self._draft_since is None:
            return
        due = save_due(self._draft_since, self._draft_changed_at, DRAFT_DELAY, DRAFT_MAX_WAIT)
        wait = due - time.monotonic()
        if wait > 0.01:
            self._draft_timer = self.set_timer(wait, self._draft_due)
            return
        self._write_draft()

    def _write_draft(self) -> None:
        if not self._draft_dirty or not self.is_mounted:
            return
        try:
            if self.changed:
                self.journal.save_draft(
                    self.draft_key, {DRAFT_FIELDS: self.texts(), DRAFT_BASE: self._initial}
                )
            else:
                self.journal.delete_draft(self.draft_key)
            self._draft_dirty = False
            self._draft_since = None
        except JournalError as error:
            self.report(error, title="Draft not saved")

    async def flush_unsaved(self) -> None:
        """Called by the app before it quits: keep what was typed."""
        self._draft_dirty = True
        self._write_draft()

    def _cancel_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self._draft_dirty = False
        self._draft_since = None

    def _discard_draft(self) -> None:
        self._cancel_draft_timer()
        try:
            self.journal.delete_draft(self.draft_key)
        except JournalError:
            pass  # what was typed is saved or discarded; a leftover draft is harmless
