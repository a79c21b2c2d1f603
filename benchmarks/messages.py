"""The drafted message: `draft_for_entry` in process (what `m` waits for before the
screen has its text), and `interview-journal draft ENTRY_ID` as a whole process (to
compare with the import floor, like the other read commands).

The entry drafted is the journal's latest follow-up: its interview, evaluation and the
person's e-mail are read as for any other entry, so the size of the journal shows only
through the indexes those lookups use.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from benchmarks.measure import Figure, repeat, run_process
from interview_journal.dates import FixedClock
from interview_journal.services.config import Settings
from interview_journal.store import open_journal

ZONE = "Europe/Stockholm"


def latest_follow_up(path: Path) -> int:
    """The id of the journal's latest follow-up entry (any entry when it has none)."""
    journal = open_journal(path, read_only=True)
    try:
        row = journal.db.execute(
            "SELECT id FROM follow_ups ORDER BY kind != 'follow-up', id DESC LIMIT 1"
        ).fetchone()
    finally:
        journal.close()
    if row is None:
        raise ValueError(f"{path} has no timeline entries to draft")
    return int(row[0])


def draft_in_process(path: Path, runs: int) -> Figure:
    """Seconds for one `draft_for_entry` on an open journal (templates read each time,
    as the screen does)."""
    from interview_journal.services.messages import draft_for_entry

    entry_id = latest_follow_up(path)
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    settings = Settings(message_language="en")
    journal = open_journal(path, read_only=True)
    try:

        def once() -> float:
            started = time.perf_counter()
            draft_for_entry(journal, entry_id, now, settings)
            return time.perf_counter() - started

        return repeat(runs, once)
    finally:
        journal.close()


def draft_command(program: list[str], path: Path, env: dict[str, str], runs: int) -> Figure:
    """Seconds for the whole `interview-journal --db PATH draft ID` process."""
    argv = [*program, "--db", str(path), "draft", str(latest_follow_up(path))]
    return repeat(runs, partial(run_process, argv, env=env))
