"""Keeping what is typed in a form: a draft in the journal, written shortly after typing stops.

A form mixes this in and provides `texts()` (what is typed now) and `changed` (whether
that differs from what was opened). The draft is written `DRAFT_DELAY` seconds after the
last key, and never later than `DRAFT_MAX_WAIT` seconds after the first unsaved one, so
steady typing is saved too: a crash or `kill -9` loses at most about a second of it. The
app calls `flush_unsaved` before it quits.
"""

from __future__ import annotations

import time
from typing import Any

from textual.timer import Timer
from textual.widgets import Input, Select, TextArea

from interview_journal.errors import JournalError
from interview_journal.screens.base import JournalAccess

DRAFT_DELAY = 0.3
"""Seconds after the last key before the draft is written."""
DRAFT_MAX_WAIT = 1.0
"""Seconds after the first unsaved key by which the draft is written, typing or not."""


def save_due(first_unsaved: float, last_change: float, delay: float, max_wait: float) -> float:
    """When a save is due: `delay` after the last change, but no later than `max_wait`
    after the first change not yet saved (a debounce with a deadline)."""
    return min(last_change + delay, first_unsaved + max_wait)


class DraftKeeper(JournalAccess):
    """Draft saving for a form screen (`draft_key` names the draft in the journal)."""

    draft_key: str
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
                self.journal.save_draft(self.draft_key, self.texts())
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
