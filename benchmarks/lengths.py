"""An interview's own length: what reading it costs per key in the form, and what its CSV
column costs an export of the whole journal.

Three figures. A key typed in the form's Length field, timed in process on Textual's
headless driver at 100×30 from the key to its echo ("→ 1 h 30 min (until 11:30)") on
screen: each key reads the length and the start again and says when it ends, with no
journal read, so it must not grow with the journal. Reading a length alone (a batch of
the ways people type one, per text). The interviews CSV of the whole journal, written in
process to nowhere, with the length column among the others. The form writes drafts, so
it runs on a copy of the journal.

On its own: `python -m benchmarks.lengths [--db PATH ...] [--runs N]` (default: the
1,000 demo journal the benchmark caches).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.journals import journal_for
from benchmarks.measure import Figure, repeat

ZONE = "Europe/Stockholm"
TYPED = ["90", "90 min", "1h30", "1 h 30 min", "1.5h", "1:30", "45", "2 hours", "an hour"]
"""What is read in the batch (the last one refused, as a slip is)."""
TIMEOUT = 30.0
POLL = 0.0005


@dataclass(frozen=True)
class LengthCost:
    key_to_echo: Figure
    """Seconds from a key in the Length field to its echo on screen."""
    parse: Figure
    """Seconds to read one typed length."""
    csv: Figure
    """Seconds to write the interviews CSV of the whole journal."""
    interviews: int


async def _until(condition: Callable[[], bool]) -> float:
    give_up = time.perf_counter() + TIMEOUT
    while not condition():
        if time.perf_counter() > give_up:
            raise TimeoutError("the Length echo never showed what was typed")
        await asyncio.sleep(POLL)
    return time.perf_counter()


async def _keys_to_echo(path: Path, runs: int) -> list[float]:
    """Open the form once, type a start, then time `runs` + 1 keys in Length (the first
    is the warm-up): each alternates "1h3" and "1h30"."""
    from textual.widgets import Static

    from interview_journal.dates import SystemClock
    from interview_journal.store import open_journal
    from interview_journal.tui.app import make_app
    from interview_journal.tui.screens.interview_form import InterviewFormScreen

    journal = open_journal(path)
    try:
        app = make_app(journal, SystemClock(ZONE), view="interviews")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.push_screen(InterviewFormScreen(None))
            await _until(lambda: isinstance(app.screen, InterviewFormScreen))
            await pilot.pause(0.3)
            await pilot.press(*"Initech", "alt+w", *"fri 10:00", "alt+e", *"1h3")
            await pilot.pause(0.3)

            def echoes(wanted: str) -> Callable[[], bool]:
                echo = app.screen.query_one("#length_minutes-echo", Static)
                return lambda: str(echo.render()).startswith(wanted)

            seconds = []
            for run in range(runs + 1):
                adding = run % 2 == 0
                wanted = "→ 1 h 30 min" if adding else "→ 1 h 3 min"
                started = time.perf_counter()
                app.simulate_key("0" if adding else "backspace")
                shown = await _until(echoes(wanted))
                if run:
                    seconds.append(shown - started)
            return seconds
    finally:
        journal.close()


def _parse_one() -> float:
    from interview_journal.domain.lengths import parse_length
    from interview_journal.errors import InputError

    started = time.perf_counter()
    for _ in range(200):
        for text in TYPED:
            try:
                parse_length(text)
            except InputError:
                pass
    return (time.perf_counter() - started) / (200 * len(TYPED))


def _csv_once(path: Path) -> float:
    import pendulum

    from interview_journal.services.export import ExportParts, write_csv
    from interview_journal.store import open_journal

    journal = open_journal(path, read_only=True)
    try:
        now = pendulum.now(ZONE)
        started = time.perf_counter()
        write_csv(ExportParts(journal).records(), now, lambda _text: None)
        return time.perf_counter() - started
    finally:
        journal.close()


def key_to_echo(path: Path, runs: int) -> Figure:
    """A key typed in the form's Length to its echo on screen, on a copy of `path`."""
    with tempfile.TemporaryDirectory(prefix="ij-bench-lengths-") as scratch:
        copy = Path(scratch) / "journal.db"
        shutil.copyfile(path, copy)
        return Figure(tuple(asyncio.run(_keys_to_echo(copy, runs))))


def length_cost(path: Path, runs: int) -> LengthCost:
    """The three figures for the journal at `path` (the form's on a copy of it)."""
    from interview_journal.store import open_journal

    with open_journal(path, read_only=True) as journal:
        interviews = journal.count_interviews()
    return LengthCost(
        key_to_echo=key_to_echo(path, runs),
        parse=repeat(runs, _parse_one),
        csv=repeat(runs, lambda: _csv_once(path)),
        interviews=interviews,
    )


def report(path: Path, cost: LengthCost) -> list[str]:
    def spread(figure: Figure, scale: float, unit: str) -> str:
        return (
            f"{figure.median * scale:.1f} {unit} "
            f"({figure.low * scale:.1f}–{figure.high * scale:.1f})"
        )

    return [
        f"{path.name}: {cost.interviews:,} interviews",
        f"  a key in Length to its echo: {spread(cost.key_to_echo, 1000, 'ms')}",
        f"  reading one typed length: {spread(cost.parse, 1e6, 'µs')}",
        f"  the interviews CSV of the whole journal: {spread(cost.csv, 1000, 'ms')}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lengths", description=__doc__)
    parser.add_argument("--db", type=Path, action="append", help="journal(s) to time")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    for path in args.db or [journal_for(1_000, ZONE)]:
        for line in report(path, length_cost(path, args.runs)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
