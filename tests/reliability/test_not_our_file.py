"""A file that is not a journal, given to the real command: refused in one line, left alone.

Each case writes something that is not an Interview Journal where the journal should be
(an empty file, text, a PNG, random bytes, a real journal cut in half, another program's
SQLite database, a directory) and runs the real program on it in a subprocess whose stdin
is not a terminal: a script command (`list` and friends) and the TUI entry point. Every
run must print exactly one line on stderr starting "interview-journal:", exit with status 2,
and leave the file byte-for-byte as it was, with nothing new beside it: no -wal, -shm or
-journal (SQLite never opened it) and no `.before-schema-N.bak` (no migration ran).
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.store import open_journal
from interview_journal.store.database import file_uri

PNG = (
    b"\x89PNG\r\n\x1a\n"
    b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
"""A complete 1x1 PNG: signature, IHDR, IDAT and IEND chunks."""

RUN_TIMEOUT = 60.0
"""Seconds one command may take (a cold start on a loaded machine is a few seconds)."""


# --- things that are not a journal --------------------------------------------------------


def _empty(path: Path, clock: FixedClock) -> None:
    path.write_bytes(b"")


def _text(path: Path, clock: FixedClock) -> None:
    path.write_text("Interview notes\n\nInitech, Tuesday: went well, ask about on-call.\n" * 20)


def _png(path: Path, clock: FixedClock) -> None:
    path.write_bytes(PNG + bytes(range(256)))


def _random(path: Path, clock: FixedClock) -> None:
    path.write_bytes(random.Random(13).randbytes(16384))


def _truncated(path: Path, clock: FixedClock) -> None:
    """A real journal (checkpointed, so the file holds everything) cut in half."""
    real = path.with_name("whole.db")
    with open_journal(real, create=True) as journal:
        for index in range(40):
            journal.add_interview(
                Interview(
                    company=f"Company {index}",
                    starts_at=clock.now() + timedelta(days=index),
                    notes="Prep notes for the interview. " * 100,
                )
            )
    data = real.read_bytes()
    real.unlink()
    assert len(data) > 64 * 1024, "the journal should span many pages"
    path.write_bytes(data[: len(data) // 2])


def _other_program(path: Path, clock: FixedClock) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT, taken TEXT)")
    connection.executemany(
        "INSERT INTO photos (name, taken) VALUES (?, ?)",
        [(f"IMG_{n:04}.jpg", "2026-07-0{n % 9 + 1}") for n in range(50)],
    )
    connection.commit()
    connection.close()


def _directory(path: Path, clock: FixedClock) -> None:
    path.mkdir()
    (path / "notes.txt").write_text("mine, not the journal's")


CASES: dict[str, tuple[Callable[[Path, FixedClock], None], str]] = {
    "empty": (_empty, "empty"),
    "text": (_text, "not an Interview Journal"),
    "png": (_png, "not an Interview Journal"),
    "random": (_random, "not an Interview Journal"),
    "truncated": (_truncated, "truncated"),
    "other-sqlite": (_other_program, "another program"),
    "directory": (_directory, "directory"),
}
"""Each case: how to make it, and what the one line must say about it."""

COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "tui": [],
    "tui-read-only": ["--read-only"],
    "review": ["review"],
    "evaluate": ["evaluate", "1"],
    "add": ["add", "--company", "Initech"],
    "show": ["show", "1"],
    "today": ["today"],
    "export": ["export", "--format", "json"],
    "backup": ["backup"],
    "notify": ["notify", "--print"],
    "draft": ["draft", "1"],
    "keep-calendar": ["export", "--format", "ics", "--keep-current", "cal.ics"],
}
"""What the user might run on it: the TUI entry points and the script commands."""

TUI_AND_LIST = ["list", "tui"]
"""The two every case is run with (the rest run on a few cases, to keep the suite quick)."""


# --- what is on disk ------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry under the folder: its mode and (for files) the sha256 of its bytes."""
    found: dict[str, tuple[int, str]] = {}
    for entry in sorted(folder.rglob("*")):
        mode = stat.S_IMODE(entry.lstat().st_mode)
        digest = hashlib.sha256(entry.read_bytes()).hexdigest() if entry.is_file() else "dir"
        found[str(entry.relative_to(folder))] = (mode, digest)
    return found


def environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)  # the private XDG dirs from tests/conftest.py
    env.pop("INTERVIEW_JOURNAL_DB", None)
    env |= {"INTERVIEW_JOURNAL_TZ": "Europe/Stockholm", "PYTHONUNBUFFERED": "1"}
    env["HOME"] = str(tmp_path / "home")
    return env


def run_program(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real program, stdin not a terminal (a script, a pipe, cron)."""
    return subprocess.run(
        [sys.executable, "-m", "interview_journal", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        cwd=tmp_path,
        timeout=RUN_TIMEOUT,
        check=False,
    )


def make_case(tmp_path: Path, clock: FixedClock, case: str) -> tuple[Path, Path]:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "journal.db"
    CASES[case][0](path, clock)
    return folder, path


def assert_refused(
    result: subprocess.CompletedProcess[str], path: Path, says: str, command: str
) -> None:
    context = (
        f"{command}: exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    assert result.returncode == 2, context
    assert "Traceback" not in result.stderr, context
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, context
    line = lines[0]
    assert line.startswith("interview-journal: "), context
    assert str(path) in line, context
    assert says in line, context
    assert result.stdout == "", context
    # no screen was drawn: the TUI never started
    assert "\x1b[" not in result.stderr + result.stdout, context


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", TUI_AND_LIST)
@pytest.mark.parametrize("case", list(CASES))
def test_not_a_journal_is_refused_in_one_line_and_left_untouched(
    tmp_path: Path, clock: FixedClock, case: str, command: str
) -> None:
    folder, path = make_case(tmp_path, clock, case)
    before = snapshot(folder)
    assert before, "the case wrote nothing"

    result = run_program(["--db", str(path), *COMMANDS[command]], tmp_path)

    assert_refused(result, path, CASES[case][1], command)
    after = snapshot(folder)
    assert after == before, f"{command} changed the folder: {sorted(set(after) ^ set(before))}"
    assert not list(folder.glob("*.bak")), "a migration backup was made"
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{path}{suffix}").exists(), suffix


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in TUI_AND_LIST])
@pytest.mark.parametrize("case", ["text", "truncated", "other-sqlite"])
def test_every_command_refuses_it_the_same_way(
    tmp_path: Path, clock: FixedClock, case: str, command: str
) -> None:
    folder, path = make_case(tmp_path, clock, case)
    before = snapshot(folder)
    result = run_program(["--db", str(path), *COMMANDS[command]], tmp_path)
    assert_refused(result, path, CASES[case][1], command)
    assert snapshot(folder) == before
    # the default journal (and its folder) was not created instead
    assert not (tmp_path / "home").exists()
    assert not any(Path(os.environ["XDG_DATA_HOME"]).glob("**/*.db"))


def test_the_env_variable_pointing_at_another_file_is_refused_too(
    tmp_path: Path, clock: FixedClock
) -> None:
    """INTERVIEW_JOURNAL_DB is the other way to name the file: same checks, same line."""
    folder, path = make_case(tmp_path, clock, "other-sqlite")
    before = snapshot(folder)
    env = environment(tmp_path) | {"INTERVIEW_JOURNAL_DB": str(path)}
    for args in (["list"], []):
        result = subprocess.run(
            [sys.executable, "-m", "interview_journal", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=RUN_TIMEOUT,
            check=False,
        )
        assert_refused(result, path, "another program", " ".join(args) or "tui")
    assert snapshot(folder) == before


def test_the_refused_file_is_still_usable_by_its_own_program(
    tmp_path: Path, clock: FixedClock
) -> None:
    """After we refused it, the other program's database still opens and holds its rows."""
    _folder, path = make_case(tmp_path, clock, "other-sqlite")
    for args in (["list"], [], ["add", "--company", "Initech"]):
        assert run_program(["--db", str(path), *args], tmp_path).returncode == 2
    connection = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM photos").fetchone()[0] == 50
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert tables == {"photos"}, "we created tables in someone else's database"
