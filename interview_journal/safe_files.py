"""Writing a file so that it appears whole, private, and only where it was meant to go.

Every file the program writes (exports, backups, the calendar, Markdown saved from the
detail screen, a new journal) goes through here:

- the target is checked first: if something that is not a regular file is there (a
  symbolic link, a device such as /dev/null, a FIFO, a socket, a directory), it is refused
  with a sentence naming it, and nothing is written — renaming over `/dev/null` as root
  would replace it for the whole machine;
- the content goes to a temporary file in the target's own folder, created with a fresh
  unpredictable name, exclusively and without following links (`tempfile.mkstemp`:
  O_CREAT | O_EXCL | O_NOFOLLOW), owner-only (0600);
- it is flushed to the disk, renamed onto the target in one step, and the folder is
  flushed too, so a crash or `kill` leaves either the old file or the new one.

While it is written, the temporary file holds an flock: a later writer to the same target
removes only leftovers whose writer has died (their lock is free), never a live one's.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from interview_journal.errors import JournalError

if sys.platform != "win32":
    import fcntl

FILE_MODE = 0o600
STAGING_SUFFIX = ".partial"
_NAME_ROOM = 200
"""How much of the target's name goes into the temporary name (file names stop at 255)."""
_RANDOM_PART = 8
"""The length of the random part `tempfile.mkstemp` puts in a name."""


class UnsafeTargetError(JournalError):
    """Something that is not a regular file is where the file would go; nothing was written."""

    def __init__(self, target: Path, kind: str, advice: str) -> None:
        super().__init__(f"{target}: is {kind}, not a regular file; {advice}; nothing was written.")
        self.target = target
        self.kind = kind


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def describe_mode(mode: int) -> str:
    """What a file of this mode is, for a message: "a FIFO (named pipe)"."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_target(target: Path) -> Path:
    """The absolute path to write, or `UnsafeTargetError` when what is there is no regular
    file. A missing target is fine; nothing is opened (a FIFO is only looked at)."""
    target = Path(target).expanduser().absolute()
    try:
        info = target.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return target  # nothing there (writing will say why, if the folder is missing)
    if stat.S_ISREG(info.st_mode):
        return target
    if stat.S_ISLNK(info.st_mode):
        try:
            points_to = describe_mode(target.stat().st_mode)
        except OSError:
            points_to = ""
        kind = "a symbolic link" + (
            f" to {points_to}" if points_to and points_to != "not a regular file" else ""
        )
        raise UnsafeTargetError(
            target, kind, "give the file itself, or a new name (the link is left alone)"
        )
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeTargetError(target, "a directory", "give a file name inside it")
    raise UnsafeTargetError(
        target, describe_mode(info.st_mode), "give the name of a new or regular file"
    )


@contextlib.contextmanager
def staged_file(target: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle whose content appears at `target` only once the block ends without error.

    Text is UTF-8 with line endings as written. On any failure (or the process dying) the
    target keeps what it had.
    """
    with _staging(target) as (descriptor, _staged):
        handle: IO[Any] = (
            os.fdopen(descriptor, "wb", closefd=False)
            if binary
            else os.fdopen(descriptor, "w", encoding="utf-8", newline="", closefd=False)
        )
        with handle:
            yield handle


@contextlib.contextmanager
def staged_path(target: Path, *, replace: bool = True) -> Iterator[Path]:
    """The path of an empty private file beside `target`, for a writer that opens files by
    name (SQLite's `VACUUM INTO`, building a new journal). It is renamed onto `target` when
    the block ends without error; with `replace=False`, an existing target is an error
    (`FileExistsError`) instead of being replaced.

    The file must still be the one created here when the block ends (a writer that
    replaced it by another file is an error), and it is flushed to the disk before the
    rename.
    """
    with _staging(target, replace=replace) as (_descriptor, staged):
        yield staged


@contextlib.contextmanager
def _staging(target: Path, *, replace: bool = True) -> Iterator[tuple[int, Path]]:
    target = check_target(target)
    folder = target.parent
    _remove_dead_leftovers(target)
    descriptor, staged = _create_beside(target)
    try:
        yield descriptor, staged
        if staged.lstat().st_ino != os.fstat(descriptor).st_ino:
            raise OSError(f"{staged}: the temporary file was replaced while it was written")
        os.fsync(descriptor)
        check_target(target)  # again: something may have appeared there meanwhile
        if replace:
            staged.replace(target)
        else:
            _put_in_place_without_replacing(staged, target)
        _sync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            if staged.lstat().st_ino == os.fstat(descriptor).st_ino:
                staged.unlink()
        raise
    finally:
        os.close(descriptor)


def _put_in_place_without_replacing(staged: Path, target: Path) -> None:
    """A hard link fails if the target exists, so nothing that appeared there meanwhile
    is ever replaced; where links are not supported, a rename after a last look."""
    try:
        target.hardlink_to(staged)
    except FileExistsError:
        raise
    except OSError:
        if target.exists() or target.is_symlink():
            raise FileExistsError(f"{target}: appeared while the new file was written") from None
        staged.replace(target)
        return
    staged.unlink()


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty, private file in the target's folder, locked while we hold it."""
    prefix = f".{target.name[:_NAME_ROOM]}."
    for _attempt in range(10):
        descriptor, name = tempfile.mkstemp(prefix=prefix, suffix=STAGING_SUFFIX, dir=target.parent)
        staged = Path(name)
        try:
            if sys.platform != "win32":  # (without flock, leftovers are never removed)
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.fchmod(descriptor, FILE_MODE)
            # a cleaner may have taken it for a leftover between mkstemp and the lock
            if staged.lstat().st_ino == os.fstat(descriptor).st_ino:
                return descriptor, staged
        except OSError:
            pass
        os.close(descriptor)
    raise OSError(f"{target.parent}: could not make a temporary file there")


def _remove_dead_leftovers(target: Path) -> None:
    """Temporary files of earlier writers to this target that died (kill -9, a crash).

    Only regular files of ours with exactly the shape `_create_beside` gives are looked
    at; anything planted (a link, a device) is neither opened nor removed.
    """
    if sys.platform == "win32":
        return  # no flock to tell a dead writer's file from a live one's
    prefix = f".{target.name[:_NAME_ROOM]}."
    length = len(prefix) + _RANDOM_PART + len(STAGING_SUFFIX)
    try:
        leftovers = [
            path
            for path in target.parent.iterdir()
            if len(path.name) == length
            and path.name.startswith(prefix)
            and path.name.endswith(STAGING_SUFFIX)
        ]
    except OSError:
        return
    for path in leftovers:
        with contextlib.suppress(OSError):
            seen = path.lstat()
            if not stat.S_ISREG(seen.st_mode) or seen.st_uid != os.geteuid():
                continue
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            try:
                if os.fstat(descriptor).st_ino != seen.st_ino:
                    continue
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # its writer is alive
                if path.lstat().st_ino == seen.st_ino:
                    path.unlink()
            finally:
                os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
