"""Opening the journal file safely.

Before SQLite touches a file we read its 100-byte header ourselves. That lets us refuse a
file that is not ours (a text file, another program's database, a truncated copy, one made
by a newer version) with one clear sentence, and leave it exactly as it was: SQLite never
opens it, so no -wal or -shm file appears beside it and no migration runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from interview_journal.errors import StorageError

APPLICATION_ID = 0x494A524E
"""'IJRN' in the SQLite header: this file is an Interview Journal."""
SQLITE_MAGIC = b"SQLite format 3\x00"
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
FILE_MODE = 0o600
DIR_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")


class JournalMissingError(StorageError):
    """There is no journal at the path (the caller decides whether to create one)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no journal here.")
        self.path = path


class NotAJournalError(StorageError):
    """The file exists but is not an Interview Journal we can open."""


class NewerSchemaError(StorageError):
    """The journal was written by a newer version of the program."""


@dataclass(frozen=True)
class Header:
    """The parts of the SQLite header we look at before opening."""

    page_size: int
    page_count: int
    page_count_valid: bool
    user_version: int
    application_id: int


_NOT_FILES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _NOT_FILES if test(mode)), "not a regular file")


def check_regular_file(path: Path) -> None:
    """Refuse a path that is not a regular file (followed through symbolic links) with one
    sentence saying what it is, from `os.stat` alone: opening a named pipe for reading
    waits for a writer forever, and reading a device has no end (or has side effects).
    A missing or unreadable path passes: the caller says that."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode):
        return
    kind = _kind(mode)
    if path.is_symlink():
        kind = f"a symbolic link to {kind} ({path.resolve()})"
    raise NotAJournalError(f"{path}: is {kind}, not a journal file.")


def _read_start(path: Path, size: int) -> bytes:
    """The first bytes of a regular file. Non-blocking, and checked again on the open
    descriptor, so a pipe put in the file's place after `check_regular_file` cannot hang."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAJournalError(f"{path}: is {_kind(mode)}, not a journal file.")
        return os.read(descriptor, size)
    finally:
        os.close(descriptor)


def read_header(path: Path) -> Header:
    """Read and sanity-check the header; raise `NotAJournalError` naming the path and problem."""
    check_regular_file(path)
    try:
        raw = _read_start(path, 100)
    except IsADirectoryError:
        raise NotAJournalError(f"{path}: is a directory, not a journal file.") from None
    except PermissionError:
        raise NotAJournalError(f"{path}: permission denied.") from None
    except OSError as error:
        raise NotAJournalError(f"{path}: cannot be read ({error.strerror}).") from None
    if not raw:
        raise NotAJournalError(f"{path}: the file is empty, not an Interview Journal.")
    if len(raw) < 100 or not raw.startswith(SQLITE_MAGIC):
        raise NotAJournalError(
            f"{path}: not an Interview Journal (it is not a SQLite database). "
            "Check the path, or use --db to choose another file."
        )
    (page_size_raw,) = struct.unpack(">H", raw[16:18])
    page_size = 65536 if page_size_raw == 1 else page_size_raw
    change_counter, page_count = struct.unpack(">II", raw[24:32])
    (user_version,) = struct.unpack(">I", raw[60:64])
    (application_id,) = struct.unpack(">I", raw[68:72])
    (valid_for,) = struct.unpack(">I", raw[92:96])
    return Header(
        page_size=page_size,
        page_count=page_count,
        page_count_valid=valid_for == change_counter and page_count > 0,
        user_version=user_version,
        application_id=application_id,
    )


def valid_page_size(size: int) -> bool:
    """A page size SQLite can have written: a power of two from 512 to 65536."""
    return 512 <= size <= 65536 and size & (size - 1) == 0


def check_header(path: Path, header: Header, latest_version: int) -> None:
    if header.application_id != APPLICATION_ID:
        raise NotAJournalError(
            f"{path}: a SQLite database from another program, not an Interview Journal. "
            "It was left untouched."
        )
    wal = Path(f"{path}-wal")
    recoverable = wal.exists() and wal.stat().st_size > 0  # a checkpoint was cut short
    if (
        header.page_count_valid
        and valid_page_size(header.page_size)  # else the header itself is damaged
        and not recoverable
        and path.stat().st_size < header.page_size * header.page_count
    ):
        raise NotAJournalError(
            f"{path}: the journal is truncated (shorter than its own header says). "
            "Restore it from a backup; it was left untouched."
        )
    if header.user_version > latest_version:
        raise NewerSchemaError(
            f"{path}: made by a newer version of Interview Journal (schema {header.user_version}; "
            f"this version knows up to {latest_version}). Upgrade interview-journal to open it. "
            "The file was left untouched."
        )


def secure_file(path: Path) -> None:
    """No one but the owner may read what SQLite keeps beside the journal (-wal, -shm: SQLite
    gives them the journal's mode). Permissions are only taken away, never added, and the
    journal's own mode is the user's choice: a file we create is made 0600 when it is made,
    and a file the user made 0400 or 0640 stays so."""
    for candidate in (Path(f"{path}{suffix}") for suffix in SIDE_FILES):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & ~FILE_MODE:
                candidate.chmod(mode & FILE_MODE)


def cannot_write(path: Path) -> str | None:
    """Why the journal at `path` can only be read, in a few words (None: it can be written).

    A file without any write permission bit counts as read-only even for root, who could
    write it anyway: the user made it so on purpose (as `rm` asks before removing one).
    The folder must be writable too: SQLite makes its -wal and -shm files there.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreadable: said where it is opened
    if not os.access(path, os.W_OK) or not mode & 0o222:
        return "the file is not writable"
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK) or not folder.stat().st_mode & 0o222:
        return "its folder is not writable"
    return None


def _read_only_uri(path: Path, *, no_room: bool = False) -> str | None:
    """The URI that reads the journal without changing a byte of it or of its -wal/-shm,
    or None when only a private snapshot can (see `_snapshot`).

    - A -shm is there (the WAL's index, kept by whoever writes, or left by a crash):
      `readonly_shm=1` reads through it without writing to it; a live writer's commits
      are still seen. (Plain `mode=ro` writes read marks into it, or rebuilds it.)
    - A -wal without a -shm: no program has the journal open (a WAL connection always
      keeps a -shm), and SQLite cannot read the WAL without making an index: snapshot.
    - Neither, and the file or its folder cannot be written (`cannot_write`): there is
      no WAL to read, and an index SQLite made would stay behind (the tidy-up on close
      needs to open the file for writing), so `immutable=1` (no locks, no side files)
      reads the file as it is. Its limit: a change someone else who may write the file
      makes meanwhile is not seen until the journal is opened again.
    - Neither, and we could write: `mode=ro`; SQLite makes an empty -wal and -shm, which
      are removed again when the journal is closed.
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if shm.exists():
        return file_uri(path, mode="ro", readonly_shm="1")
    if wal.exists():
        return None
    if no_room or cannot_write(path) is not None:  # no_room: the disk is full (see connect)
        return file_uri(path, mode="ro", immutable="1")
    return file_uri(path, mode="ro")


def _snapshot(path: Path) -> sqlite3.Connection:
    """The journal with its leftover WAL, in memory, read from a private copy (SQLite needs
    a writable place for the WAL's index): the journal and its -wal are only read. The copy
    goes to /dev/shm (memory) where there is one, in an owner-only folder removed at once."""
    memory = Path("/dev/shm")
    where = str(memory) if memory.is_dir() and os.access(memory, os.W_OK | os.X_OK) else None
    with tempfile.TemporaryDirectory(prefix="interview-journal-", dir=where) as folder:
        copy = Path(folder) / "journal.db"
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        source = sqlite3.connect(file_uri(copy, mode="ro"), uri=True)
        try:
            data = bytearray(source.serialize())
        finally:
            source.close()
    data[18:20] = b"\x01\x01"  # an in-memory database cannot be in WAL mode
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.deserialize(bytes(data))
    connection.execute("PRAGMA query_only = ON")
    return connection


def make_private_dir(directory: Path) -> None:
    """Create the directory (and parents) owner-only; never loosen an existing one."""
    missing = []
    while not directory.is_dir():
        missing.append(directory)
        if directory.parent == directory:
            break
        directory = directory.parent
    for new_dir in reversed(missing):
        new_dir.mkdir(mode=DIR_MODE, exist_ok=True)
        new_dir.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files SQLite creates by itself (VACUUM INTO, -wal) are born owner-only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def file_uri(path: Path, **parameters: str) -> str:
    """A `file:` URI for sqlite3 that names exactly this file.

    Every character of the path outside [A-Za-z0-9_.~/-] is percent-escaped: unescaped, a
    `#` or `?` would end the path early (and a `mode=ro` after it would be lost, so a
    missing file would be created), and a `%` would be read as an escape.
    """
    absolute = str(Path(path).absolute())
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in parameters.items())
    return f"file://{quote(absolute)}" + (f"?{query}" if query else "")


def connect(path: Path, *, read_only: bool, no_room: bool = False) -> sqlite3.Connection:
    """A connection with the settings every part of the program relies on.

    `no_room` (read-only): SQLite could not make its -wal/-shm beside the journal, the disk
    being full; read the file as it is, as for a journal whose folder is not writable.
    """
    uri = _read_only_uri(path, no_room=no_room) if read_only else file_uri(path, mode="rw")
    if uri is None:
        connection = _snapshot(path)
    else:
        connection = sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )

    def settings() -> None:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            mode_row = connection.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode_row is None or str(mode_row[0]).lower() != "wal":
                # Network file systems cannot do WAL; the rollback journal still keeps
                # every commit safe, only a little slower.
                connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        # Deleted text is overwritten with zeros, not left in free pages of the file.
        connection.execute("PRAGMA secure_delete = ON")

    try:
        through_wal_races(settings)
    except BaseException:
        connection.close()
        raise
    return connection


SQLITE_PROTOCOL = 15
PROTOCOL_RETRIES = 25
"""How often a first read that met a WAL race is tried again (over about 0.6 s in all)."""


def through_wal_races(work: Callable[[], T]) -> T:
    """`work`, tried again while SQLite answers "locking protocol" (SQLITE_PROTOCOL).

    SQLite gives that answer, after its own few retries, when the WAL index changed under a
    reader while it started: another program (a window closing, a process killed in the
    middle of its last checkpoint) was folding the WAL back at that moment. It is a race,
    not damage, and the next try a moment later reads the file. Seen when a journal was
    opened just as the terminal of another window closed.
    """
    for attempt in range(PROTOCOL_RETRIES):
        try:
            return work()
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) != SQLITE_PROTOCOL:
                raise
            if attempt == PROTOCOL_RETRIES - 1:
                raise
            time.sleep(0.002 * (attempt + 1))
    raise AssertionError("unreachable")  # the loop returns or raises


def side_files(path: Path) -> set[Path]:
    return {Path(f"{path}{suffix}") for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()}


def remove_new_side_files(path: Path, existed_before: set[Path]) -> None:
    """After a failed open, leave no -wal/-shm behind that we caused."""
    for leftover in side_files(path) - existed_before:
        with contextlib.suppress(OSError):
            leftover.unlink()


SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def is_damage(error: BaseException) -> bool:
    """SQLite found the file damaged: a malformed page ("database disk image is
    malformed", also inside the search index) or a header it cannot read ("file is not a
    database"), or text whose bytes are not UTF-8 any more (damage inside a row: Python
    cannot read it as text). Not a busy, locked, full or read-only journal: those pass."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    if "could not decode to utf-8" in str(error).lower():
        return True
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


NO_ROOM_CODES = {
    13,  # SQLITE_FULL
    778,  # SQLITE_IOERR_WRITE
    1546,  # SQLITE_IOERR_TRUNCATE
    4618,  # SQLITE_IOERR_SHMOPEN
    4874,  # SQLITE_IOERR_SHMSIZE
}
"""What SQLite reports when a file it must write or grow beside the journal does not fit."""


def is_no_room(error: BaseException) -> bool:
    """The disk (or the user's quota) is full: a write, or making the -shm index, failed."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.OperationalError) and code in NO_ROOM_CODES
