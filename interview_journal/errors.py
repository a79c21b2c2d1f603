"""The errors we raise on purpose, each with a message written for the person reading it.

Anything else that escapes is a bug; these are expected and are shown to the user as
one clear line (CLI) or next to the field where the bad value was typed (TUI).
"""

from __future__ import annotations

import shlex


class JournalError(Exception):
    """Base class: the message is for people and never contains a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(JournalError, ValueError):
    """Something the user typed cannot be used; the message repeats it and shows a good example."""


class NotFoundError(JournalError, LookupError):
    """An id the user gave does not name anything in the journal."""


class StaleWriteError(JournalError):
    """Someone else (another window) changed the record since we read it."""


class StorageError(JournalError):
    """The journal file cannot be opened or written (not ours, too new, disk full, read-only)."""


class DamagedJournalError(StorageError):
    """SQLite found the journal file damaged (a malformed page, a header it cannot read).

    The journal is only read from then on: what can still be read is shown, nothing is
    written into it, and the message says how to copy the readable rows into a new
    journal (`interview-journal recover`).
    """

    def __init__(self, path: object, detail: str, *, outcome: str = "") -> None:
        self.path = path
        self.detail = detail
        self.outcome = outcome or "It is open read-only: nothing will be written to it"
        super().__init__(
            f"{path} is damaged ({detail}). {self.outcome}; copy what can still be read into a "
            f"new journal with: interview-journal recover NEW.db --db {shlex.quote(str(path))}"
        )

    def refusing_write(self) -> DamagedJournalError:
        """The same damage, said to someone whose change was not saved."""
        return DamagedJournalError(
            self.path, self.detail, outcome="Nothing was saved, and nothing will be written to it"
        )
