"""Backups: a checked copy of the journal, named for the time, in `backups/` beside it.

The copy itself (`VACUUM INTO`, then checked on its own) is the store's `Journal.backup`;
this is the use case around it that the TUI and the command line share.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import pendulum

    from interview_journal.store.journal import BackupCopy, Journal


@dataclass(frozen=True)
class BackupMade:
    """A backup that was written and checked, and the name it was asked for."""

    target: Path
    """The path as it is said to the user (`copy.path` is the same file, made absolute)."""
    copy: BackupCopy


def backups_folder(journal_path: Path) -> Path:
    """Where backups go unless told otherwise: `backups/` beside the journal file."""
    return journal_path.parent / "backups"


def backup_target(journal_path: Path, now: pendulum.DateTime) -> Path:
    """The default backup file: the journal's name and the time, in `backups_folder`."""
    return backups_folder(journal_path) / f"{journal_path.stem}-{now:%Y-%m-%d-%H%M%S}.db"


def back_up(journal: Journal, now: pendulum.DateTime, target: Path | None = None) -> BackupMade:
    """Write and check a copy at `target` (by default `backup_target`). Raises the
    journal's error when it could not be written or did not pass the check."""
    target = backup_target(journal.path, now) if target is None else target
    return BackupMade(target, journal.backup(target))


def back_up_to_stream(journal: Journal, out: BinaryIO) -> BackupCopy:
    """Write and check the copy in a private scratch folder, then send its bytes to `out`."""
    with tempfile.TemporaryDirectory(prefix="interview-journal-backup-") as scratch:
        copy = journal.backup(Path(scratch) / "copy.db")
        with copy.path.open("rb") as handle:
            shutil.copyfileobj(handle, out)
        out.flush()
    return copy
