"""The Insights view's first paint, timed as a user opens it: the app on the interviews
list, then key 5.

The view paints its section titles at once and fills each section as its worker reads
it, so two moments count: the first section on screen ("usable", the issue's target) and
every section ("all"). Only the app knows when a section has landed (the screen's
`shown`), so this runs in process, on Textual's headless driver at 100×30; each run is a
new app on the journal, so each is the view's first opening, not a cached one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from interview_journal.dates import SystemClock
from interview_journal.domain.insights import SECTIONS
from interview_journal.store import open_journal

ZONE = "Europe/Stockholm"
TIMEOUT = 120.0
"""Seconds a run may take before the benchmark says the view never filled."""
POLL = 0.001


async def _until(condition: Callable[[], bool], what: str) -> float:
    """The moment `condition` first holds (polled between the app's own steps)."""
    give_up = time.perf_counter() + TIMEOUT
    while not condition():
        if time.perf_counter() > give_up:
            raise TimeoutError(f"the Insights view never {what}")
        await asyncio.sleep(POLL)
    return time.perf_counter()


async def _settled(app: object) -> None:
    """Every worker of the app done (the interviews list read and shown)."""
    workers = list(getattr(app, "workers", []))
    await asyncio.gather(*(worker.wait() for worker in workers), return_exceptions=True)


async def _open_once(path: Path) -> tuple[float, float]:
    """Seconds from key 5 to the first section shown, and to every section shown."""
    from interview_journal.tui.app import make_app
    from interview_journal.tui.screens.insights import InsightsScreen

    journal = open_journal(path, read_only=True)
    try:
        app = make_app(journal, SystemClock(ZONE), view="interviews")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await _settled(app)
            await pilot.pause(0.3)

            def shown() -> set[str]:
                screen = app.screen
                return screen.shown if isinstance(screen, InsightsScreen) else set()

            started = time.perf_counter()
            app.simulate_key("5")
            usable = await _until(lambda: bool(shown()), "showed a section")
            every = await _until(lambda: len(shown()) == len(SECTIONS), "showed every section")
            return usable - started, every - started
    finally:
        journal.close()


def insights_view(path: Path, runs: int) -> dict[str, list[float]]:
    """`runs` openings after one to warm up: seconds to "usable" and to "all"."""
    found: dict[str, list[float]] = {"usable": [], "all": []}
    for run in range(runs + 1):
        usable, every = asyncio.run(_open_once(path))
        if run:
            found["usable"].append(usable)
            found["all"].append(every)
    return found
