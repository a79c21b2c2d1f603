"""The drafted message in the TUI, timed as a user uses it: on the timeline, `m` on a
follow-up until the draft is on screen with the cursor in the body ("open"), and ctrl+t
until the timeline is back, read again with the line done ("sent").

Marking sent writes, so this runs on a copy of the journal (in a temporary folder),
each run on the next line that has a message to draft. In process, on Textual's
headless driver at 100×30, like `benchmarks.insights`.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_journal.dates import SystemClock
from interview_journal.store import open_journal

if TYPE_CHECKING:
    from interview_journal.tui.screens.paged import PagedScreen

ZONE = "Europe/Stockholm"
TIMEOUT = 60.0
"""Seconds a step may take before the benchmark says it never happened."""
POLL = 0.001


async def _until(condition: Callable[[], bool], what: str) -> float:
    give_up = time.perf_counter() + TIMEOUT
    while not condition():
        if time.perf_counter() > give_up:
            raise TimeoutError(f"the drafted message never {what}")
        await asyncio.sleep(POLL)
    return time.perf_counter()


def _read(screen: PagedScreen[Any, Any]) -> bool:
    """No page of the list is on its way."""
    return screen.up_to_date


async def _settled(app: object) -> None:
    workers = list(getattr(app, "workers", []))
    await asyncio.gather(*(worker.wait() for worker in workers), return_exceptions=True)


async def _runs(path: Path, runs: int) -> dict[str, list[float]]:
    """Open and send `runs` messages in one app: seconds for each step of each. The
    lines are planned entries (a suggestion sent becomes an entry of another key)."""
    from interview_journal.tui.app import make_app
    from interview_journal.tui.screens.follow_up_actions import cannot_draft
    from interview_journal.tui.screens.message import MessageScreen
    from interview_journal.tui.screens.timeline import TimelineScreen
    from interview_journal.tui.widgets.timeline_list import TimelineList

    found: dict[str, list[float]] = {"open": [], "sent": []}
    journal = open_journal(path)
    try:
        app = make_app(journal, SystemClock(ZONE), view="timeline")
        async with app.run_test(size=(100, 30)) as pilot:
            await _settled(app)
            await pilot.pause()
            for _ in range(runs):
                listing = app.screen.query_one(TimelineList)
                for _step in range(listing.option_count):
                    item = listing.highlighted_item()
                    if item is not None and item.entry is not None and not cannot_draft(item):
                        break
                    listing.action_cursor_down()
                    await _settled(app)
                else:
                    raise RuntimeError("no line with a message to draft on the timeline")
                timeline = app.screen
                assert isinstance(timeline, TimelineScreen)
                # the list at rest (no page on its way), so `m` is not held for one
                await _until(partial(_read, timeline), "had the timeline read")
                await pilot.pause(0.05)
                shown_before = timeline.shown_generation
                started = time.perf_counter()
                app.simulate_key("m")

                def drafted() -> bool:
                    screen = app.screen
                    return isinstance(screen, MessageScreen) and screen.focused is not None

                opened = await _until(drafted, "opened")
                found["open"].append(opened - started)
                await pilot.pause(0.05)
                screen = app.screen
                asks = isinstance(screen, MessageScreen) and screen.draft.still_asks(screen.body)
                started = time.perf_counter()
                app.simulate_key("ctrl+t")
                if asks:  # the first ctrl+t only says the body still asks for a reason
                    app.simulate_key("ctrl+t")

                def back(before: int = shown_before) -> bool:
                    screen = app.screen
                    return (
                        isinstance(screen, TimelineScreen)
                        and screen.shown_generation > before
                        and screen.up_to_date
                    )

                sent = await _until(back, "came back with the timeline read again")
                found["sent"].append(sent - started)
                await _settled(app)
    finally:
        journal.close()
    return found


def message_screen(path: Path, runs: int) -> dict[str, list[float]]:
    """`runs` messages opened and sent after one to warm up, on a copy of `path`."""
    with tempfile.TemporaryDirectory(prefix="ij-bench-message-") as folder:
        copy = Path(folder) / "journal.db"
        shutil.copyfile(path, copy)
        found = asyncio.run(_runs(copy, runs + 1))
    return {step: times[1:] for step, times in found.items()}


if __name__ == "__main__":
    import sys

    for given in sys.argv[1:]:
        times = message_screen(Path(given), 5)
        for step, values in times.items():
            ordered = sorted(values)
            median = ordered[len(ordered) // 2]
            print(f"{given}: {step} median {median * 1000:.0f} ms ({len(values)} runs)")
