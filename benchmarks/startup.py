"""Where the TUI's start-up time goes, up to its first frame with content.

`python -m benchmarks.startup [--view interviews|timeline|review] [--size 1000] [--profile]`
runs the app in-process (headless, 100×30) on a cached demo journal and prints the time
spent importing it, parsing and applying its stylesheets, composing its widgets and
reading the first page, and from the first import until the first page was on screen.
`--profile` adds the functions that took the longest (cProfile, cumulative).

The figures overlap (composing applies styles, the read runs in a thread while the
event loop works on): they say where to look, `python -m benchmarks` says how fast it is.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - everything imported after STARTED counts as start-up
import asyncio  # noqa: E402
import cProfile  # noqa: E402
import importlib  # noqa: E402
import pstats  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from functools import wraps  # noqa: E402
from typing import Any  # noqa: E402

SPENT: defaultdict[str, float] = defaultdict(float)


def timed(owner: Any, name: str, figure: str) -> None:
    """Add the time every call of `owner.name` takes to `SPENT[figure]` (outermost calls only)."""
    original: Callable[..., Any] = getattr(owner, name)
    depth = [0]

    @wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        depth[0] += 1
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if not depth[0]:
                SPENT[figure] += time.perf_counter() - start

    setattr(owner, name, wrapper)


async def first_frame(view: str, size: int) -> float:
    """Seconds from STARTED until the view's first page is shown and painted."""
    from benchmarks.journals import journal_for
    from interview_journal.dates import SystemClock
    from interview_journal.store import open_journal

    zone = "Europe/Stockholm"
    path = journal_for(size, zone)
    opened = time.perf_counter()
    import interview_journal.tui.app as tui_app

    screens = importlib.import_module(f"interview_journal.tui.screens.{view}")  # as its mode does
    SPENT["import the TUI"] = time.perf_counter() - opened

    import textual.widget
    from textual.css.stylesheet import Stylesheet

    from interview_journal.tui.screens.base import JournalScreen

    timed(Stylesheet, "parse", "parse CSS")
    timed(Stylesheet, "apply", "apply CSS")
    timed(textual.widget, "compose", "compose")  # what Widget._compose calls
    # the view reads its first page in a worker thread: the read itself, off the loop
    timed(getattr(screens, f"{view.title()}Screen"), "read_page", "first query (worker)")

    journal = open_journal(path, read_only=True)
    app = tui_app.make_app(journal, SystemClock(zone), view=view)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            while not (isinstance(screen, JournalScreen) and screen._content_shown):
                await asyncio.sleep(0.001)
                screen = app.screen
            await pilot.pause()  # the frame with the page in it
            return time.perf_counter() - STARTED
    finally:
        journal.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument(
        "--view", default="interviews", choices=("interviews", "timeline", "review")
    )
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    total = asyncio.run(first_frame(args.view, args.size))
    if profile:
        profile.disable()
    print(f"{args.view} at {args.size:,} interviews (headless, in-process)")
    for figure, seconds in SPENT.items():
        print(f"  {figure:22s} {seconds * 1000:7.1f} ms")
    print(f"  {'to the first page':22s} {total * 1000:7.1f} ms")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
