"""Opening a journal while another program folds its WAL back: SQLite's "locking
protocol" answer is a race, tried again, while every other failure is said at once."""

from __future__ import annotations

import sqlite3

import pytest

from interview_journal.store import database


def protocol_error() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("locking protocol")
    error.sqlite_errorcode = database.SQLITE_PROTOCOL  # type: ignore[attr-defined]
    return error


def test_a_wal_race_is_tried_again_until_the_file_reads() -> None:
    tries: list[int] = []

    def first_read() -> str:
        tries.append(1)
        if len(tries) < 3:
            raise protocol_error()
        return "read"

    assert database.through_wal_races(first_read) == "read"
    assert len(tries) == 3


def test_a_race_that_never_ends_is_said_after_the_last_try() -> None:
    tries: list[int] = []

    def never() -> None:
        tries.append(1)
        raise protocol_error()

    with pytest.raises(sqlite3.OperationalError, match="locking protocol"):
        database.through_wal_races(never)
    assert len(tries) == database.PROTOCOL_RETRIES


def test_any_other_failure_is_not_tried_again() -> None:
    tries: list[int] = []

    def locked() -> None:
        tries.append(1)
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 10  # type: ignore[attr-defined]
        raise error

    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        database.through_wal_races(locked)
    assert tries == [1]
