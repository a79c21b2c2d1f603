"""Read-only is respected: by `--read-only`, by a file without write permission, and by a
folder that cannot be written.

- `--read-only` changes no byte of the journal, its -wal or its -shm, with or without a
  WAL left behind by a crash, and still shows what that WAL holds.
- A file without write permission, or in a folder that cannot be written, is opened
  read-only (one line on stderr says so), never refused, never written.
- No command changes the mode of a journal it did not create.

Tests run as root, for whom permission bits do not stop a write. The cases about
permissions therefore run the program as the unprivileged user `nobody` (`setpriv`), in a
folder under /tmp that `nobody` can reach; a file without any write bit is also honoured
for root (the program looks at the bits, as `rm` does).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from interview_journal.domain.model import Interview
from interview_journal.store import open_journal
from tests.cli.runner import real_program
from tests.conftest import ZONE
from tests.reliability.test_missing_and_read_only import environment

RUN_TIMEOUT = 60.0
NOBODY = 65534
SETPRIV = shutil.which("setpriv")
as_nobody = pytest.mark.skipif(
    SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv to run as nobody"
)


def checksums(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in sorted(folder.iterdir())}


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder `nobody` can reach (tmp_path is under root's 0700 folder)."""
    top = Path(tempfile.mkdtemp(prefix="ij-ro-"))
    top.chmod(0o755)
    home = top / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    place = top / "journal"
    place.mkdir()
    try:
        yield place
    finally:
        for path in (top, *top.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(top)


def make_journal(folder: Path, *companies: str) -> Path:
    path = folder / "journal.db"
    with open_journal(path, create=True) as journal:
        for company in companies:
            journal.add_interview(Interview(company=company, starts_at=pendulum.now(ZONE)))
    return path


LEAVE_A_WAL = textwrap.dedent(
    """
    import os, sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute(
        "INSERT INTO interviews (uuid, company, starts_at, time_zone, stage, created_at, "
        "updated_at) SELECT 'leftover', 'Leftover Corp', starts_at, time_zone, stage, "
        "created_at, updated_at FROM interviews LIMIT 1"
    )
    os._exit(0)  # as a crash would: the WAL is not folded back, -wal and -shm stay
    """
)


def leave_a_wal(path: Path, *, shm: bool) -> None:
    """A commit that lives only in the -wal, as a crashed writer leaves it (with its -shm,
    or without it, as a copy of the two files would be)."""
    subprocess.run([sys.executable, "-c", LEAVE_A_WAL, str(path)], check=True, timeout=30)
    assert Path(f"{path}-wal").stat().st_size > 0
    if not shm:
        Path(f"{path}-shm").unlink()


def run(
    args: list[str | Path], cwd: Path, *, user: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = environment()
    prefix: list[str] = []
    if user is not None:
        home = cwd.parent / "home"
        env |= {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
        }
        prefix = [str(SETPRIV), f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    return real_program(args, env=env, cwd=cwd, timeout=RUN_TIMEOUT, prefix=prefix)


WAL_STATES = ["no-wal", "wal-and-shm", "wal-only"]


def prepare(folder: Path, wal_state: str) -> Path:
    path = make_journal(folder, "Initech")
    if wal_state != "no-wal":
        leave_a_wal(path, shm=wal_state == "wal-and-shm")
    return path


READ_COMMANDS = {
    "list": ["list"],
    "list-json": ["list", "--json"],
    "today": ["today"],
    "show": ["show", "1"],
    "export": ["export", "--format", "markdown"],
}


@pytest.mark.parametrize("command", list(READ_COMMANDS))
@pytest.mark.parametrize("wal_state", WAL_STATES)
def test_read_only_changes_no_byte_of_the_journal_or_its_wal(
    folder: Path, wal_state: str, command: str
) -> None:
    path = prepare(folder, wal_state)
    before, mode_before = checksums(folder), modes(folder)
    result = run(["--db", path, "--read-only", *READ_COMMANDS[command]], folder)
    assert result.returncode == 0, result.stderr
    assert "Initech" in result.stdout
    if wal_state != "no-wal" and command != "show":
        assert "Leftover Corp" in result.stdout, "what the leftover WAL holds was not read"
    assert checksums(folder) == before, "a byte of the journal, its -wal or -shm changed"
    assert modes(folder) == mode_before


@pytest.mark.parametrize("wal_state", WAL_STATES)
def test_a_file_without_write_permission_opens_read_only_and_keeps_its_mode(
    folder: Path, wal_state: str
) -> None:
    """`chmod 400 journal.db`: `list` reads it, says it opened it read-only, and neither
    writes it nor gives it its write bit back (even as root)."""
    path = prepare(folder, wal_state)
    path.chmod(0o400)
    before, mode_before = checksums(folder), modes(folder)
    result = run(["--db", path, "list"], folder)
    assert result.returncode == 0, result.stderr
    assert "Initech" in result.stdout
    assert (
        result.stderr.strip()
        == (f"interview-journal: {path}: the file is not writable; opened read-only.")
        or result.stderr.strip() == f"{path}: the file is not writable; opened read-only."
    )
    assert modes(folder) == mode_before
    assert checksums(folder) == before

    refused = run(["--db", path, "add", "--company", "Sneaky"], folder)
    assert refused.returncode != 0
    assert "read-only" in refused.stderr
    assert modes(folder) == mode_before
    assert checksums(folder) == before


def test_a_command_leaves_the_mode_the_user_chose(folder: Path) -> None:
    """A journal the user made 0640 (or 0644) stays so after a write: only a file the
    program creates gets its mode from the program."""
    path = make_journal(folder, "Initech")
    path.chmod(0o640)
    for args in (["list"], ["add", "--company", "Hooli"]):
        result = run(["--db", path, *args], folder)
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(path.stat().st_mode) == 0o640, args
    with open_journal(path, read_only=True) as journal:
        assert journal.count_interviews() == 2


def give_to_nobody(folder: Path) -> None:
    for item in (folder, *folder.iterdir()):
        os.chown(item, NOBODY, NOBODY)


@as_nobody
@pytest.mark.parametrize("wal_state", WAL_STATES)
def test_a_journal_in_a_folder_nobody_can_write_opens_read_only(
    folder: Path, wal_state: str
) -> None:
    """The folder is root's and 0755, the journal is the user's own and 0600: SQLite cannot
    make a -wal or -shm there, so the journal is read without them, and not refused."""
    path = prepare(folder, wal_state)
    for item in folder.iterdir():
        os.chown(item, NOBODY, NOBODY)
    folder.chmod(0o755)
    before, mode_before = checksums(folder), modes(folder)
    for flags in ([], ["--read-only"]):
        result = run(["--db", path, *flags, "list"], folder, user=NOBODY)
        assert result.returncode == 0, (flags, result.stderr)
        assert "Initech" in result.stdout
        if wal_state != "no-wal":
            assert "Leftover Corp" in result.stdout
        if not flags:
            assert result.stderr.strip().endswith(
                f"{path}: its folder is not writable; opened read-only."
            ), result.stderr
        assert checksums(folder) == before
        assert modes(folder) == mode_before


@as_nobody
@pytest.mark.parametrize("wal_state", ["no-wal", "wal-and-shm"])
def test_a_journal_the_user_made_0400_is_read_not_made_writable(
    folder: Path, wal_state: str
) -> None:
    """As the owner (not root): `chmod 400 journal.db`, then `list` and `add`. The mode
    stays 0400 and the file is not written."""
    path = prepare(folder, wal_state)
    give_to_nobody(folder)
    path.chmod(0o400)
    before, mode_before = checksums(folder), modes(folder)
    result = run(["--db", path, "list"], folder, user=NOBODY)
    assert result.returncode == 0, result.stderr
    assert "Initech" in result.stdout
    assert "opened read-only" in result.stderr
    refused = run(["--db", path, "add", "--company", "Sneaky"], folder, user=NOBODY)
    assert refused.returncode != 0
    assert "read-only" in refused.stderr
    assert modes(folder) == mode_before, "a command changed the journal's mode"
    assert checksums(folder) == before


@pytest.mark.parametrize("wal_state", WAL_STATES)
async def test_the_read_only_tui_changes_no_byte_either(folder: Path, wal_state: str) -> None:
    """The TUI on a read-only journal with a leftover WAL: it shows what the WAL holds,
    says it is read-only, and the journal, -wal and -shm are byte for byte as they were."""
    from interview_journal.dates import FixedClock
    from interview_journal.tui.app import make_app
    from tests.ui.helpers import settle, text_of

    path = prepare(folder, wal_state)
    before, mode_before = checksums(folder), modes(folder)
    journal = open_journal(path, read_only=True)
    try:
        app = make_app(journal, FixedClock(pendulum.now(ZONE)))
        async with app.run_test(size=(110, 32)) as pilot:
            await settle(pilot)
            assert "read-only" in text_of(app, "#top-left")
            if wal_state != "no-wal":
                assert journal.count_interviews() == 2
    finally:
        journal.close()
    assert checksums(folder) == before
    assert modes(folder) == mode_before
