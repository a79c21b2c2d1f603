"""Interactive figures, taken on the real program in a pseudo-terminal: from a key to what
it changes on the screen. Plus what the store does per key, timed on it directly: the
autosave write (adding words, and taking one away), and the search through every word at
each letter typed."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.measure import PtySession
from interview_journal.dates import SystemClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.listing import InterviewQuery
from interview_journal.store import open_journal
from interview_journal.store.connection import FORGET_INDEXED_WORDS

SEARCHES = ("k", "h", "p", "s", "g", "w")
"""Typed one at a time into an empty search box; each changes the count on screen."""

SEARCH_WORDS = ("s", "sl", "slo", "slow")
"""Typed one letter at a time to find "Slow down in system design" (an evaluation's "to
improve"): one, two and three letters, then the word."""

BURST = ("qzx " * 47 + "qzx burst-end").encode()
"""200 keys in one write after `/`, as a paste or a fast typist sends them: every one is
held until the one before has landed, so this is the price of keys never misrouted."""
BURST_END = b"burst-end"


def _interactive(
    argv: list[str], env: dict[str, str], path: Path, runs: int
) -> dict[str, list[float]]:
    journal = open_journal(path, read_only=True)
    now: datetime = SystemClock("Europe/Stockholm").now()
    total = journal.count_interviews()
    counts = {
        letter: journal.count_interviews(InterviewQuery(now=now, search=letter))
        for letter in SEARCHES
    }
    journal.close()
    found: dict[str, list[float]] = {
        "search": [],
        "move": [],
        "switch": [],
        "evaluation": [],
        "burst": [],
    }
    session = PtySession([*argv, "--db", str(path), "--view", "interviews"], env=env)
    try:
        session.wait_for(b" interviews")
        session.settle()
        for _ in range(runs + 1):
            for letter in SEARCHES:
                if counts[letter] == total:
                    continue
                session.send(b"/")
                session.settle(0.2)
                sent = session.send(letter.encode())
                done = session.wait_for(f"{counts[letter]:,} interview".encode())
                found["search"].append(done - sent)
                session.send(b"\x1b")  # escape clears the search
                session.wait_for(f"{total:,} interview".encode())
                session.settle(0.2)
        for _ in range(runs + 1):
            sent = session.send(b"/" + BURST)
            found["burst"].append(session.wait_for(BURST_END) - sent)
            session.settle(0.2)
            session.send(b"\x1b")
            session.wait_for(f"{total:,} interview".encode())
            session.settle(0.2)
        for _ in range(runs * 3 + 1):
            for key in (b"j", b"k"):
                found["move"].append(session.first_paint_after(key))
                session.settle(0.15)
        for key, marker, back, figure in (
            (b"2", b"overdue", b"1", "switch"),
            (b"v", b"What went well", b"\x1b", "evaluation"),
        ):
            for _ in range(runs + 1):
                sent = session.send(key)
                found[figure].append(session.wait_for(marker) - sent)
                session.settle(0.3)
                session.send(back)
                session.settle(0.4)
    finally:
        session.close()
    return {name: values[1:] if len(values) > 1 else values for name, values in found.items()}


def _autosave(path: Path, runs: int) -> dict[str, list[float]]:
    """The store's part of an autosave, two ways: while typing on (each save only adds
    words), and when a word was taken away, which rewrites the search index so the word
    leaves the disk (it runs in the autosave's thread, not on the screen's). The second
    is set beside its floor: the same change, index rewrite and checkpoint in plain sqlite3."""
    journal = open_journal(path)
    try:
        record = next(iter(journal.records()), None)
        if record is None or record.interview.id is None:
            return {"autosave": [], "autosave_removed": [], "optimize_floor": []}
        current = journal.get_evaluation(record.interview.id) or Evaluation(record.interview.id)
        typed = "Told the migration story"
        adding, removing = [], []
        for index in range(runs * 4 + 1):
            typed += f" and step{index}"
            changed = current.with_changes(went_well=typed)
            start = time.perf_counter()
            current = journal.save_evaluation(changed)
            adding.append(time.perf_counter() - start)
        for index in range(runs + 1):
            changed = current.with_changes(went_well=f"{typed} (take {index}).")
            start = time.perf_counter()
            current = journal.save_evaluation(changed)
            removing.append(time.perf_counter() - start)
    finally:
        journal.close()
    floor = []
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for index in range(runs + 1):
            start = time.perf_counter()
            connection.execute(
                "UPDATE evaluations SET went_well = ? WHERE interview_id = ?",
                (f"{typed} (floor {index}).", record.interview.id),
            )
            connection.execute(FORGET_INDEXED_WORDS)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            floor.append(time.perf_counter() - start)
    finally:
        connection.close()
    return {"autosave": adding[1:], "autosave_removed": removing[1:], "optimize_floor": floor[1:]}


def search_per_key(path: Path, runs: int) -> dict[str, list[float]]:
    """Seconds for what the Interviews screen reads at each of `SEARCH_WORDS`: the first
    page of results, the matches counted and the whole journal counted (the store's part
    of one key in the search box). Each key is a text not counted before; the journal's
    own count is taken first, as the screen did when it opened. On a scratch copy opened
    for writing, as the screen opens it: read-only through another program's -shm, SQLite
    reports the journal changed at every read, and nothing counted is remembered."""
    with tempfile.TemporaryDirectory(prefix="ij-bench-") as scratch:
        copy = Path(scratch) / path.name
        shutil.copy2(path, copy)
        journal = open_journal(copy)
        try:
            now: datetime = SystemClock("Europe/Stockholm").now()
            found: dict[str, list[float]] = {}
            for typed in SEARCH_WORDS:
                times = []
                for _ in range(runs * 3 + 1):
                    journal.interviews.forget_counts()
                    journal.count_interviews()
                    query = InterviewQuery(now=now, search=typed)
                    start = time.perf_counter()
                    journal.page_interviews(query)
                    journal.count_interviews(query)
                    journal.count_interviews()
                    times.append(time.perf_counter() - start)
                found[typed] = times[1:]
            return found
        finally:
            journal.close()


def measure_in_process(
    argv: list[str], env: dict[str, str], journal: Path, runs: int
) -> dict[str, list[float]]:
    """Run the interactive figures on a scratch copy (an evaluation is opened and saved)."""
    with tempfile.TemporaryDirectory(prefix="ij-bench-") as scratch:
        copy = Path(scratch) / journal.name
        shutil.copy2(journal, copy)
        found = _interactive(argv, env, copy, runs)
        found |= _autosave(copy, runs)
        return found
