"""A `--db` that is not a regular file is refused at once, without being opened.

Reading a named pipe waits for a writer that never comes, and a device never ends (or
has side effects), so before the header is read the path is looked at with `os.stat`
alone: a named pipe, a character or block device, a directory or a socket (or a symbolic
link to one) is refused with one line naming it and what it is, exit status 2, from every
entry point, well within a second of the program's start.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_journal.store import database, open_journal
from interview_journal.store.database import NotAJournalError
from tests.cli.runner import real_program
from tests.reliability.test_missing_and_read_only import environment, one_line

REFUSE_WITHIN = 1.0
"""Seconds a refusal may take beyond the program's own start-up (measured once)."""
HANG = 20.0
"""A run still going after this long is stuck (the bug: a header read on a pipe)."""


def make_fifo(folder: Path) -> Path:
    path = folder / "pipe.db"
    os.mkfifo(path)
    return path


def make_block_device(folder: Path) -> Path:
    path = folder / "block.db"
    try:
        os.mknod(path, 0o600 | stat.S_IFBLK, os.makedev(7, 7))  # a loop device's numbers
    except OSError as error:
        pytest.skip(f"cannot make a block device node here ({error.strerror})")
    return path


def make_directory(folder: Path) -> Path:
    path = folder / "folder.db"
    path.mkdir()
    return path


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A folder with a short path: a socket's path must fit in about 100 bytes."""
    with tempfile.TemporaryDirectory(prefix="ij-") as name:
        yield Path(name)


KINDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (make_fifo, "is a named pipe, not a journal file"),
    "dev-null": (lambda _folder: Path("/dev/null"), "is a character device, not a journal file"),
    "dev-zero": (lambda _folder: Path("/dev/zero"), "is a character device, not a journal file"),
    "block": (make_block_device, "is a block device, not a journal file"),
    "directory": (make_directory, "is a directory, not a journal file"),
    "socket": (lambda _folder: Path("socket"), "is a socket, not a journal file"),
}

ENTRY_POINTS: dict[str, list[str]] = {
    "list": ["list"],
    "today": ["today"],
    "tui": [],
    "read-only-list": ["--read-only", "list"],
    "read-only-tui": ["--read-only"],
}


@pytest.fixture
def not_a_file(short_folder: Path) -> Iterator[Callable[[str], Path]]:
    sockets: list[socket.socket] = []

    def make(kind: str) -> Path:
        if kind == "socket":
            path = short_folder / "sock.db"
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(str(path))
            server.listen(1)
            sockets.append(server)
            return path
        return KINDS[kind][0](short_folder)

    yield make
    for server in sockets:
        server.close()


def run(args: list[str | Path], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    try:
        result = real_program(args, env=environment(), cwd=cwd, timeout=HANG)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args}: still running after {HANG} s (the path was opened and blocked)")
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def start_up() -> float:
    """How long the program takes to refuse a missing journal: its start-up on this machine."""
    with tempfile.TemporaryDirectory() as name:
        times = []
        for _ in range(2):
            result, elapsed = run(["--db", Path(name) / "missing.db", "list"], Path(name))
            assert result.returncode == 2, result.stderr
            times.append(elapsed)
    return min(times)


@pytest.mark.parametrize("via_link", [False, True], ids=["direct", "symlink"])
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_db_that_is_not_a_regular_file_is_refused_at_once(
    kind: str,
    entry: str,
    via_link: bool,
    not_a_file: Callable[[str], Path],
    short_folder: Path,
    start_up: float,
) -> None:
    target = not_a_file(kind)
    given = target
    if via_link:
        given = short_folder / "link.db"
        given.symlink_to(target)
    before = target.stat()
    result, elapsed = run(["--db", given, *ENTRY_POINTS[entry]], short_folder)
    line = one_line(result)
    assert f"{given}: " in line, line
    assert KINDS[kind][1].split(", ")[0].removeprefix("is ") in line, line
    assert line.endswith("not a journal file."), line
    if via_link:
        assert "symbolic link" in line and str(target.resolve()) in line, line
    assert result.stdout == ""
    assert "\x1b[" not in result.stderr, "a screen was drawn"
    assert elapsed < start_up + REFUSE_WITHIN, f"took {elapsed:.2f} s (start-up {start_up:.2f} s)"
    after = target.stat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if kind in ("directory",):
        assert list(target.iterdir()) == [], "something was made inside the folder"
    side = [p.name for p in short_folder.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]
    assert side == []


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "socket", "directory"])
def test_the_store_refuses_without_opening_the_path(
    kind: str, not_a_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`open_journal` looks at the path with `os.stat` only: nothing opens it."""
    target = not_a_file(kind)
    opened: list[Any] = []
    real_open = os.open

    def spy_open(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self))
    with pytest.raises(NotAJournalError, match="not a journal file"):
        open_journal(target)
    with pytest.raises(NotAJournalError, match="not a journal file"):
        open_journal(target, read_only=True)
    assert [p for p in opened if Path(p) == target] == []


def test_a_pipe_swapped_in_after_the_check_does_not_hang(
    short_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The header is read from a non-blocking descriptor checked with `fstat`: a pipe that
    takes the file's place between the check and the read is refused, not waited on."""
    fifo = make_fifo(short_folder)
    monkeypatch.setattr(database, "check_regular_file", lambda path: None)
    with pytest.raises(NotAJournalError, match="is a named pipe, not a journal file"):
        database.read_header(fifo)
