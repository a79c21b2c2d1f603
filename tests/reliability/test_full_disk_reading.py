"""A full disk must not lock the user out of their journal: reading and getting the data
out still work, the moment they are needed most.

Opening a WAL journal for writing makes SQLite create its working files beside it (the
-shm index needs 32 KiB at once); on a full disk that fails with "disk I/O error", and
every command — list, show, today, export, backup — used to stop there. Now the journal
opens read-only instead, with one line on stderr saying why, and anything that would
write says it cannot.

A full disk is simulated per process with RLIMIT_FSIZE (as in test_disk_full.py): no file
may grow past 16 KiB, so the -shm cannot be made, while the small exports of the showcase
journal (7 KB of JSON at most) still fit "elsewhere". A backup is as big as the journal,
so it is tested in a process that opens the journal with the limit on and lifts it
before writing the copy: the journal's disk is full, the backup's is not.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from interview_journal.store import Journal, open_journal
from tests.conftest import ZONE

LIMIT = 16 * 1024
"""Bytes any file may grow to: less than the 32 KiB a -shm needs."""
RUN_TIMEOUT = 60.0
NOTICE = "could not write beside the journal (is the disk full?), so it is open read-only"


def full_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("INTERVIEW_JOURNAL_DB", None)
    env |= {
        "INTERVIEW_JOURNAL_TZ": ZONE,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return env


def program(
    db: Path, *args: str | Path, full: bool, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview_journal", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=env,
        preexec_fn=full_disk if full else None,
        check=False,
    )


def apart_from_the_clock(output: str) -> list[str]:
    """The lines of an output without the moment it was made (the real clock runs)."""
    return [
        line
        for line in output.splitlines()
        if not any(mark in line for mark in ('"exported_at"', "DTSTAMP", "Exported "))
    ]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the journal's folder and a hash of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.fixture
def db(showcase_journal: Journal, journal_path: Path) -> Path:
    """The showcase journal, closed (so no -wal or -shm is left beside it)."""
    showcase_journal.close()
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.db"]
    return journal_path


READING = [
    ["list"],
    ["list", "--json"],
    ["show", "1"],
    ["show", "1", "--json"],
    ["today"],
    ["today", "--json"],
    ["timeline"],
    ["timeline", "--json"],
    ["export"],
    ["export", "--format", "markdown"],
    ["export", "--format", "csv", "--table", "follow-ups"],
    ["export", "--format", "ics"],
]


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_reading_works_on_a_full_disk_and_says_why_it_is_read_only(
    db: Path, tmp_path: Path, args: list[str]
) -> None:
    env = environment(tmp_path)
    expected = program(db, *args, full=False, env=env)
    assert expected.returncode == 0, expected.stderr
    before = fingerprint(db.parent)
    done = program(db, *args, full=True, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert apart_from_the_clock(done.stdout) == apart_from_the_clock(expected.stdout)
    expected_notice = (
        f"interview-journal: {db}: {NOTICE}; nothing can be changed until there is room."
    )
    assert done.stderr.strip() == expected_notice, done.stderr
    assert fingerprint(db.parent) == before, "the journal's folder changed"


def test_read_only_on_a_full_disk_reads_without_a_notice(db: Path, tmp_path: Path) -> None:
    """Asked for read-only, the user is told nothing new; it just works."""
    env = environment(tmp_path)
    expected = program(db, "list", full=False, env=env)
    done = program(db, "--read-only", "list", full=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected.stdout
    assert done.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv", "ics"])
def test_an_export_to_another_place_works_on_a_full_disk(
    db: Path, tmp_path: Path, fmt: str
) -> None:
    env = environment(tmp_path)
    elsewhere = tmp_path / "usb-stick"
    elsewhere.mkdir()
    target = elsewhere / f"journal.{fmt}"
    done = program(db, "export", "--format", fmt, "-o", target, full=True, env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == f"wrote {target}" and NOTICE in lines[0], lines
    expected = program(db, "export", "--format", fmt, full=False, env=env)
    written = target.read_text(encoding="utf-8")
    assert apart_from_the_clock(written) == apart_from_the_clock(expected.stdout)


def test_a_change_on_a_full_disk_is_one_line_saying_why(db: Path, tmp_path: Path) -> None:
    env = environment(tmp_path)
    before = fingerprint(db.parent)
    done = program(
        db, "add", "--company", "Initech", "--when", "tomorrow 10:00", full=True, env=env
    )
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"interview-journal: {db}: {NOTICE}"), line
    assert line.endswith("nothing was changed."), line
    assert fingerprint(db.parent) == before


def test_a_backup_on_a_full_disk_fails_in_one_line_and_harms_nothing(
    db: Path, tmp_path: Path
) -> None:
    """Where there is no room for the copy either, the backup says so."""
    env = environment(tmp_path)
    before = fingerprint(db.parent)
    target = tmp_path / "copy.db"
    done = program(db, "backup", "-o", target, full=True, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert "could not write the backup" in done.stderr.strip().splitlines()[-1]
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == []
    assert fingerprint(db.parent) == before


BACKUP_ELSEWHERE = """
import json, resource, signal, sys
from pathlib import Path
from interview_journal.store import open_journal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, hard))   # the journal's disk is full
journal = open_journal(Path(sys.argv[1]))
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))      # the backup's disk is not
copy = journal.backup(Path(sys.argv[2]))
print(json.dumps({{"read_only": journal.read_only, "interviews": copy.interviews}}))
journal.close()
"""


def test_a_backup_elsewhere_works_from_a_journal_opened_on_a_full_disk(
    db: Path, tmp_path: Path
) -> None:
    before = fingerprint(db.parent)
    target = tmp_path / "usb-stick" / "copy.db"
    done = subprocess.run(
        [sys.executable, "-c", BACKUP_ELSEWHERE.format(limit=LIMIT), str(db), str(target)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=environment(tmp_path),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"read_only": True, "interviews": 6}
    with open_journal(target, read_only=True) as copy:
        assert copy.count_interviews() == 6
    assert fingerprint(db.parent) == before


def test_a_journal_with_unfolded_changes_and_no_index_is_not_read_stale(
    db: Path, tmp_path: Path
) -> None:
    """A -wal with commits in it but no -shm (a crash, then the index was removed): reading
    the file alone would miss those commits. On a full disk that cannot be read now; it
    says so instead of showing old data."""
    import sqlite3

    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE interviews SET company = 'Changed AB' WHERE id = 1")
        copy = tmp_path / "crashed" / "journal.db"
        copy.parent.mkdir()
        copy.write_bytes(db.read_bytes())
        Path(f"{copy}-wal").write_bytes(Path(f"{db}-wal").read_bytes())
    finally:
        writer.close()
    env = environment(tmp_path)
    done = program(copy, "list", full=True, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    if done.returncode == 0:
        assert "Changed AB" in done.stdout, "stale data was shown"
    else:
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
