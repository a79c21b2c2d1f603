"""`kill -9` in the middle of saving: every save that was acknowledged is still there.

A separate process opens the real journal file with the app's `open_journal` and saves
without pause (a new interview, the evaluation, a timeline entry, in turn, of a paragraph
to a few pages each), printing one line per save only after the call returned, as the
screens do before they show "saved". The test kills it with SIGKILL at a random moment,
again and again, and after every kill opens the file the way the app does and checks:
`open_journal` opens it, `PRAGMA integrity_check` says "ok", the full-text index matches
the interviews, and every acknowledged save is there (interviews and entries by uuid, the
evaluation at the acknowledged version or the one save after it that was in flight).

At least 30 kills; set IJ_RELIABILITY_ITERATIONS for more (IJ_RELIABILITY_SEED to replay).

SQLite copies the write-ahead log into the journal file (a checkpoint) when a journal is
closed, and inside the save that takes the log past 1000 pages. A kill inside that copy
leaves a journal file shorter than its header says, with everything still in the log: the
app recovers it. The random kills may land there, and the last test kills inside a
checkpoint on purpose.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interview_journal.domain.model import Interview
from interview_journal.store import Journal, open_journal
from tests.reliability.processes import reaped
from tests.reliability.workers import STARTS_AT, ZONE, command

pytestmark = pytest.mark.slow

ITERATIONS = max(30, int(os.environ.get("IJ_RELIABILITY_ITERATIONS", "30")))
SEED = int(os.environ.get("IJ_RELIABILITY_SEED", str(random.randrange(1_000_000))))
READY_TIMEOUT = 30.0
"""Seconds for a worker to start and open the journal (generous: a loaded CI machine)."""
LONGEST_RUN = 0.35
"""The kill comes a random 0 to LONGEST_RUN seconds after the journal was opened."""
EVALUATED = 1
"""The interview whose evaluation the worker keeps saving."""


@dataclass
class Acknowledged:
    """Every save a worker reported as done, over all the runs."""

    interviews: set[str] = field(default_factory=set)
    entries: set[str] = field(default_factory=set)
    evaluation: tuple[int, str] | None = None
    """(version, marker) of the last acknowledged evaluation save (or, after a kill, of the
    one found in the journal: the next run saves on top of it)."""
    saves: int = 0

    def read(self, lines: list[str]) -> int:
        """Take in a run's complete lines; returns how many saves they acknowledge."""
        count = 0
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "interview":
                self.interviews.add(rest)
            elif kind == "entry":
                self.entries.add(rest)
            elif kind == "evaluation":
                version, marker = rest.split(" ", 1)
                self.evaluation = (int(version), marker)
            else:
                continue
            count += 1
        self.saves += count
        return count


def _complete_lines(path: Path) -> list[str]:
    """The lines written in full (a line is one write(2), but be strict anyway)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1]  # the last piece has no newline: empty, or cut off by the kill


def _wait_ready(process: subprocess.Popen[bytes], out: Path, err: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if out.read_bytes().startswith(b"ready\n"):
            return
        if process.poll() is not None:
            pytest.fail(
                f"the saver exited ({process.returncode}) before opening the journal:\n"
                f"{err.read_text()}"
            )
        time.sleep(0.005)
    process.kill()
    pytest.fail(f"the saver did not open the journal within {READY_TIMEOUT} s")


def _check_after_kill(path: Path, acked: Acknowledged, kills: int, context: str) -> None:
    """Open the journal as the app does and compare it with what was acknowledged."""
    try:
        journal = open_journal(path)
    except Exception as error:
        pytest.fail(f"{context}: the app cannot open the journal after kill -9: {error!r}")
    with journal:
        db = journal.db
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        assert db.execute("PRAGMA foreign_key_check").fetchall() == [], context
        interviews = {row[0] for row in db.execute("SELECT uuid FROM interviews")}
        entries = {row[0] for row in db.execute("SELECT uuid FROM follow_ups")}
        evaluation = journal.get_evaluation(EVALUATED)
    lost = acked.interviews - interviews
    assert not lost, f"{context}: acknowledged interviews lost: {sorted(lost)[:5]}"
    lost = acked.entries - entries
    assert not lost, f"{context}: acknowledged timeline entries lost: {sorted(lost)[:5]}"
    if acked.evaluation is not None:
        version, marker = acked.evaluation
        assert evaluation is not None, f"{context}: the acknowledged evaluation is gone"
        # The kill may land after the commit and before the acknowledgement: one more.
        assert evaluation.version in (version, version + 1), (
            f"{context}: evaluation at version {evaluation.version}, acknowledged {version}"
        )
        if evaluation.version == version:
            assert evaluation.went_well.startswith(f"{marker}\n"), (
                f"{context}: the evaluation does not hold the acknowledged text {marker}"
            )
    if evaluation is not None:
        # What survived the kill is the base for the next run: the next worker reads it.
        acked.evaluation = (evaluation.version, evaluation.went_well.split("\n", 1)[0])
    # Each kill interrupts at most one save: at most one unacknowledged row per kill.
    extra = len(interviews - acked.interviews) + len(entries - acked.entries)
    assert extra <= kills, f"{context}: {extra} rows nobody acknowledged after {kills} kills"
    _check_search_index(path, context)


def _check_search_index(path: Path, context: str) -> None:
    """FTS5's own check: the search index agrees with the interviews table."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(
            "INSERT INTO interviews_fts (interviews_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as error:
        pytest.fail(f"{context}: the search index disagrees with the interviews: {error}")
    finally:
        connection.close()


@pytest.fixture
def journal_file(journal: Journal, journal_path: Path) -> Path:
    journal.add_interview(Interview(company="Initech", starts_at=STARTS_AT, time_zone=ZONE))
    journal.close()
    return journal_path


def test_every_acknowledged_save_survives_kill_9_at_random_moments(
    journal_file: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    acked = Acknowledged()
    with open_journal(journal_file) as journal:  # what was there before: Initech
        acked.interviews |= {row[0] for row in journal.db.execute("SELECT uuid FROM interviews")}
    mid_run_kills = 0
    started = time.monotonic()
    for number in range(1, ITERATIONS + 1):
        out, err = tmp_path / f"run-{number}.out", tmp_path / f"run-{number}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                command("saver", journal_file, EVALUATED, rng.randrange(10**9)),
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        with reaped(process):
            _wait_ready(process, out, err)
            time.sleep(rng.uniform(0.0, LONGEST_RUN))
            os.kill(process.pid, signal.SIGKILL)
            returncode = process.wait(timeout=30)
        context = f"kill {number} of {ITERATIONS} (IJ_RELIABILITY_SEED={SEED})"
        assert returncode == -signal.SIGKILL, (
            f"{context}: the saver ended by itself ({returncode}):\n{err.read_text()}"
        )
        assert not err.read_text().strip(), f"{context}: the saver complained:\n{err.read_text()}"
        saves = acked.read(_complete_lines(out)[1:])
        mid_run_kills += saves > 0
        _check_after_kill(journal_file, acked, number, context)
    elapsed = time.monotonic() - started
    # The kills really came while saving: most runs had acknowledged saves before dying.
    assert mid_run_kills >= ITERATIONS // 2, (mid_run_kills, ITERATIONS, elapsed)
    assert acked.saves >= ITERATIONS, acked.saves
    assert acked.interviews and acked.entries and acked.evaluation is not None


# --- a kill while SQLite copies the log into the journal (a checkpoint) -------------------

CHECKPOINT_ATTEMPTS = 6
BIG_SAVES, BIG_MEGABYTES = 4, 12
"""Each attempt: up to 4 saves of 12 MB, each followed by a checkpoint of about 12 MB."""


def _header(path: Path) -> tuple[int, int]:
    """(page size, page count) as the journal file's header says."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return 0, 0
    (size,) = struct.unpack(">H", header[16:18])
    (count,) = struct.unpack(">I", header[28:32])
    return (65536 if size == 1 else size), count


def _torn(path: Path) -> bool:
    """Whether the file is shorter than its header says: a checkpoint half done.

    A checkpoint copies the pages in order, page 1 (the header, with the new page count)
    first, so while it grows the file the header promises pages not written yet."""
    page_size, page_count = _header(path)
    return path.stat().st_size < page_size * page_count


def _kill_inside_a_checkpoint(path: Path, out: Path) -> list[str] | None:
    """Run `big-saves` on `path`; SIGKILL it the moment the file is seen torn.

    Returns the acknowledged entry uuids if the file was left torn, None if the kill missed.
    """
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            command("big-saves", path, BIG_SAVES, BIG_MEGABYTES),
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    with reaped(process):
        deadline = time.monotonic() + 120
        while process.poll() is None and not _torn(path):
            assert time.monotonic() < deadline, "the saves took more than two minutes"
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    if not _torn(path):
        return None
    return [line.split(" ", 1)[1] for line in _complete_lines(out) if line.startswith("entry ")]


def test_kill_9_during_a_checkpoint_leaves_a_journal_the_app_opens(tmp_path: Path) -> None:
    for attempt in range(CHECKPOINT_ATTEMPTS):
        path = tmp_path / f"attempt-{attempt}" / "journal.db"
        with open_journal(path, create=True) as journal:
            journal.add_interview(Interview(company="Initech", starts_at=STARTS_AT, time_zone=ZONE))
        acknowledged = _kill_inside_a_checkpoint(path, tmp_path / f"attempt-{attempt}.out")
        if acknowledged is not None:
            break
    else:
        pytest.skip(f"no kill landed inside a checkpoint in {CHECKPOINT_ATTEMPTS} tries")
    refused: Exception | None = None
    try:
        with open_journal(path) as journal:  # the first to open it after the kill: the app
            integrity = journal.db.execute("PRAGMA integrity_check").fetchall()
            found = {row[0] for row in journal.db.execute("SELECT uuid FROM follow_ups")}
    except Exception as error:
        refused = error
    # Plain SQLite recovers everything from the log: nothing was lost.
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        recovered = {row[0] for row in connection.execute("SELECT uuid FROM follow_ups")}
    finally:
        connection.close()
    assert set(acknowledged) <= recovered
    assert len(recovered) > len(acknowledged) or acknowledged, "a checkpoint follows a commit"
    assert refused is None, f"the app refused a journal SQLite recovers in full: {refused}"
    assert integrity == [("ok",)]
    assert set(acknowledged) <= found
