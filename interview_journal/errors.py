"""The errors we raise on purpose, each with a message written for the person reading it.

Anything else that escapes is a bug; these are expected and are shown to the user as
one clear line (CLI) or next to the field where the bad value was typed (TUI).
"""

from __future__ import annotations


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
