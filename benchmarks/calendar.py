"""The kept-current calendar's cost per commit: a save timed with the calendar file kept
current and without, in process, on a copy of the journal (it writes).

Two kinds of save: one that changes nothing the calendar holds (an evaluation's text:
the feed reads the marks of what it holds and leaves the file alone) and one that does
(an upcoming interview moved by a minute: the file is rewritten whole, the text of
only the item that changed made again). Neither takes
words away, so neither rewrites the search index after it. Each figure is the
median of `runs` saves; "alone" is the same save with no calendar set. Last, the first
rewrite in a new process, as a command pays it: every item made into text.

On its own: `python -m benchmarks.calendar [--db PATH ...] [--runs N]` (default: the
1,000 demo journal the benchmark caches).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from benchmarks.journals import journal_for
from benchmarks.measure import Figure, repeat

ZONE = "Europe/Stockholm"


@dataclass(frozen=True)
class CalendarCost:
    """Seconds per save, for each kind of save, with the calendar kept and without."""

    unchanged_alone: Figure
    unchanged_kept: Figure
    changed_alone: Figure
    changed_kept: Figure
    whole: Figure
    """The first rewrite in a new process (a command): every item made into text."""
    items: int
    """How many events and to-dos the calendar holds."""


def calendar_cost(path: Path, runs: int) -> CalendarCost:
    """The four figures on a copy of the journal at `path`."""
    from interview_journal.dates import SystemClock
    from interview_journal.domain.evaluation import Evaluation
    from interview_journal.services.calendar_feed import CalendarFeed
    from interview_journal.services.config import Settings
    from interview_journal.store import open_journal

    with tempfile.TemporaryDirectory(prefix="ij-bench-calendar-") as scratch:
        copy = Path(scratch) / "journal.db"
        shutil.copyfile(path, copy)
        target = Path(scratch) / "jobs.ics"
        clock = SystemClock(ZONE)
        journal = open_journal(copy)
        try:
            now = clock.now()
            ahead = journal.connection.query(
                "SELECT id FROM interviews WHERE starts_at > ? ORDER BY starts_at LIMIT 1",
                [now.in_tz("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")],
            )
            if not ahead:
                raise SystemExit(f"{path}: no interview ahead to move")
            interview = journal.get_interview(ahead[0]["id"])
            assert interview.id is not None
            counter = iter(range(10**9))

            def unchanged() -> float:
                # words added, none taken away: no rewrite of the search index after it
                current = journal.get_evaluation(interview.id or 0)
                evaluation = (
                    Evaluation(interview_id=interview.id or 0, went_well="Rapport")
                    if current is None
                    else replace(current, went_well=f"{current.went_well} {next(counter)}")
                )
                return _timed(lambda: journal.save_evaluation(evaluation))

            def changed() -> float:
                saved = journal.get_interview(interview.id or 0)
                minutes = 1 if next(counter) % 2 else -1  # a minute later, then back
                moved = saved.with_changes(starts_at=saved.starts_at + timedelta(minutes=minutes))
                return _timed(lambda: journal.update_interview(moved))

            alone = (repeat(runs, unchanged), repeat(runs, changed))
            feed = CalendarFeed(
                journal.connection, lambda: Settings(calendar_file=target), clock.now, print
            )
            journal.connection.after_commit.append(feed.refresh)
            kept = (repeat(runs, unchanged), repeat(runs, changed))
            items = feed.write_now(target)

            def first() -> float:  # a new process: no item's text made yet
                fresh = CalendarFeed(
                    journal.connection, lambda: Settings(calendar_file=target), clock.now, print
                )
                return _timed(lambda: fresh.write_now(target))

            whole = repeat(runs, first)
        finally:
            journal.close()
    return CalendarCost(alone[0], kept[0], alone[1], kept[1], whole, items)


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def report(path: Path, cost: CalendarCost) -> list[str]:
    lines = [f"{path.name}: the calendar holds {cost.items:,} items"]
    for what, alone, kept in (
        ("a save outside the calendar", cost.unchanged_alone, cost.unchanged_kept),
        ("a save that changes it", cost.changed_alone, cost.changed_kept),
    ):
        extra = (kept.median - alone.median) * 1000
        lines.append(
            f"  {what}: {kept.median * 1000:.1f} ms kept vs {alone.median * 1000:.1f} ms "
            f"alone (+{extra:.1f} ms, {kept.median / alone.median:.1f}× the commit alone)"
        )
    lines.append(f"  the first rewrite in a new process: {cost.whole.median * 1000:.1f} ms")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calendar", description=__doc__)
    parser.add_argument("--db", type=Path, action="append", help="journal(s) to time")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    for path in args.db or [journal_for(1_000, ZONE)]:
        for line in report(path, calendar_cost(path, args.runs)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
