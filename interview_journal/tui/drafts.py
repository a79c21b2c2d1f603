"""A form's draft: whose it is, when another window may take it over, and what it shows.

Each form in each window writes its own draft, `KIND#WINDOW` (`interview-form:new#4242.
a1b2c3…`), so two windows never share or delete each other's. A new form takes over the
newest draft of its kind that no open form holds, and shows it merged with what the
journal holds now (`merge_restored`). `FormScreen` writes the drafts, with an `Autosaver`.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from interview_journal.store.journal import DRAFT_BASE, DRAFT_FIELDS

_OPEN_HERE: set[str] = set()
"""The windows (see `new_window`) of the forms open in this process."""


def open_window() -> str:
    """A name for one form in one window (this process and a random part), held as open
    until `close_window`."""
    window = f"{os.getpid()}.{uuid.uuid4().hex[:12]}"
    _OPEN_HERE.add(window)
    return window


def close_window(window: str) -> None:
    _OPEN_HERE.discard(window)


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


def restored_message(both: list[str]) -> str:
    """What a form says when it shows a restored draft; `both` as from `merge_restored`."""
    if not both:
        return "Restored what you were typing last time."
    return (
        "Restored what you were typing last time. Also changed elsewhere since: "
        f"{', '.join(both)}; your text is shown (ctrl+s saves it over theirs)."
    )
