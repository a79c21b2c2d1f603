"""Helpers the store tests share."""

from __future__ import annotations

from collections.abc import Callable

from interview_journal.store import Journal


def vm_ticks(journal: Journal, run: Callable[[], object], every: int) -> int:
    """How much work SQLite did running `run`: one tick per `every` virtual-machine
    instructions (a measure that does not depend on the machine's speed)."""
    ticks = 0

    def tick() -> int:
        nonlocal ticks
        ticks += 1
        return 0

    journal.db.conn.set_progress_handler(tick, every)
    try:
        run()
    finally:
        journal.db.conn.set_progress_handler(None, every)
    return ticks
