"""Opening the journal file: a new one is private, and a file that is not ours is left alone."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.errors import StorageError
from interview_journal.store import open_journal
from interview_journal.store.database import (
    APPLICATION_ID,
    JournalMissingError,
    NewerSchemaError,
    NotAJournalError,
)
from interview_journal.store.migrations import LATEST_VERSION

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82" + bytes(range(256))
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The most common umask: new files would be world-readable unless we take care."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def make_real_journal(path: Path, clock: FixedClock, interviews: int = 30) -> Path:
    with open_journal(path, create=True) as journal:
        for index in range(interviews):
            journal.add_interview(
                Interview(
                    company=f"Company {index}",
                    starts_at=clock.now() + timedelta(days=index),
                    notes="Some notes. " * 200,
                )
            )
    return path


# --- a new journal ---------------------------------------------------------------------


@pytest.mark.usefixtures("loose_umask")
def test_new_journal_is_readable_by_its_owner_only(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "data" / "journal.db"
    journal = open_journal(path, create=True)
    try:
        journal.add_interview(Interview(company="Initech", starts_at=clock.now()))
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        side = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in side)
        for p in side:
            assert mode(p) == 0o600, p
        assert sorted(p.name for p in path.parent.iterdir()) == [
            "journal.db",
            "journal.db-shm",
            "journal.db-wal",
        ]
    finally:
        journal.close()
    assert mode(path) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_every_directory_created_for_a_new_journal_is_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "journal.db"
    open_journal(path, create=True).close()
    for directory in (tmp_path / "a", tmp_path / "a" / "b"):
        assert mode(directory) == 0o700, f"{directory} is {oct(mode(directory))}"


def test_an_existing_directory_is_not_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    open_journal(shared / "journal.db", create=True).close()
    assert mode(shared) == 0o755


def test_new_journal_settings(journal_path: Path) -> None:
    with open_journal(journal_path, create=True) as journal:

        def pragma(name: str) -> object:
            return journal.db.execute(f"PRAGMA {name}").fetchone()[0]

        assert pragma("foreign_keys") == 1
        assert str(pragma("journal_mode")).lower() == "wal"
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == LATEST_VERSION
        assert pragma("synchronous") == 2  # FULL
        assert journal.count_interviews() == 0


def test_reopening_keeps_the_data_and_makes_no_backup(
    journal_path: Path, clock: FixedClock
) -> None:
    with open_journal(journal_path, create=True) as journal:
        saved = journal.add_interview(Interview(company="Initech", starts_at=clock.now()))
    with open_journal(journal_path) as journal:
        assert journal.get_interview(saved.id or 0) == saved
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.db"]


def test_create_on_an_existing_journal_does_not_replace_it(
    journal_path: Path, clock: FixedClock
) -> None:
    with open_journal(journal_path, create=True) as journal:
        journal.add_interview(Interview(company="Initech", starts_at=clock.now()))
    with open_journal(journal_path, create=True) as journal:
        assert journal.count_interviews() == 1


@pytest.mark.parametrize(
    "options", [{}, {"read_only": True}, {"create": True, "read_only": True}], ids=str
)
def test_missing_journal_is_not_created_unless_asked(
    tmp_path: Path, options: dict[str, bool]
) -> None:
    path = tmp_path / "nowhere" / "journal.db"
    with pytest.raises(JournalMissingError) as caught:
        open_journal(path, **options)
    assert str(path) in caught.value.message
    assert isinstance(caught.value, StorageError)
    assert list(tmp_path.iterdir()) == []


# --- files that are not ours -------------------------------------------------------------


def _empty(path: Path, clock: FixedClock) -> None:
    path.write_bytes(b"")


def _text(path: Path, clock: FixedClock) -> None:
    path.write_text("Dear diary,\nthe interview went well.\n" * 10)


def _png(path: Path, clock: FixedClock) -> None:
    path.write_bytes(PNG)


def _random(path: Path, clock: FixedClock) -> None:
    path.write_bytes(random.Random(4).randbytes(8192))


def _tiny_sqlite_prefix(path: Path, clock: FixedClock) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 10)


def _truncated(path: Path, clock: FixedClock) -> None:
    real = make_real_journal(path.with_name("real.db"), clock)
    data = real.read_bytes()
    real.unlink()
    path.write_bytes(data[: len(data) // 2])


def _other_program(path: Path, clock: FixedClock) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    connection.commit()
    connection.close()


def _other_program_wal(path: Path, clock: FixedClock) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE interviews (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()


def _newer(path: Path, clock: FixedClock) -> None:
    make_real_journal(path, clock, interviews=3)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


NOT_OURS: list[tuple[str, Callable[[Path, FixedClock], None], type[StorageError], str]] = [
    ("empty", _empty, NotAJournalError, "empty"),
    ("text", _text, NotAJournalError, "not an Interview Journal"),
    ("png", _png, NotAJournalError, "not an Interview Journal"),
    ("random", _random, NotAJournalError, "not an Interview Journal"),
    ("sqlite-magic-only", _tiny_sqlite_prefix, NotAJournalError, "not an Interview Journal"),
    ("truncated", _truncated, NotAJournalError, "truncated"),
    ("other-program", _other_program, NotAJournalError, "another program"),
    ("other-program-wal", _other_program_wal, NotAJournalError, "another program"),
    ("newer", _newer, NewerSchemaError, "newer version"),
]


@pytest.mark.parametrize(
    "options", [{}, {"create": True}, {"read_only": True}], ids=["open", "create", "read-only"]
)
@pytest.mark.parametrize(
    ("make", "error", "says"),
    [case[1:] for case in NOT_OURS],
    ids=[case[0] for case in NOT_OURS],
)
def test_a_file_that_is_not_ours_is_refused_and_left_untouched(
    tmp_path: Path,
    clock: FixedClock,
    make: Callable[[Path, FixedClock], None],
    error: type[StorageError],
    says: str,
    options: dict[str, bool],
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "journal.db"
    make(path, clock)
    before_files = sorted(p.name for p in folder.iterdir())
    before_hash = sha256(path)
    before_mode = mode(path)

    with pytest.raises(error) as caught:
        open_journal(path, **options)

    message = caught.value.message
    assert str(path) in message
    assert says in message
    assert "\n" not in message
    assert sha256(path) == before_hash
    assert mode(path) == before_mode
    assert sorted(p.name for p in folder.iterdir()) == before_files


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "journal.db"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    for options in ({}, {"create": True}, {"read_only": True}):
        with pytest.raises(NotAJournalError) as caught:
            open_journal(folder, **options)
        assert str(folder) in caught.value.message
        assert "directory" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db"]
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


def test_a_newer_journal_says_what_to_do(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "journal.db"
    _newer(path, clock)
    with pytest.raises(NewerSchemaError) as caught:
        open_journal(path)
    assert f"schema {LATEST_VERSION + 1}" in caught.value.message
    assert "Upgrade" in caught.value.message


def test_read_only_opens_an_existing_journal_for_reading(
    journal_path: Path, clock: FixedClock
) -> None:
    make_real_journal(journal_path, clock, interviews=3)
    before = sha256(journal_path)
    with open_journal(journal_path, read_only=True) as journal:
        assert journal.count_interviews() == 3
    assert sha256(journal_path) == before
