"""`notify --dry-run --json` timed as a timer runs it: a whole process, every few minutes.

It reads the daily review (the follow-ups due, the suggestions, the coming week, the
evaluations to write), picks the reminders and asks the journal which were said today.
Like the other CLI rows its figure is read against the import floor (a process that
imports sqlite_utils, pendulum and click and does nothing).

On its own: `python -m benchmarks.notify [--db PATH ...] [--runs N]` (default: the 1,000
demo journal the benchmark caches).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from benchmarks.journals import journal_for
from benchmarks.measure import Figure, repeat, run_process

ZONE = "Europe/Stockholm"


def notify_dry_run(program: Sequence[str], path: Path, env: dict[str, str], runs: int) -> Figure:
    """Seconds for `notify --dry-run --json` on the journal at `path`, whole process."""
    command = [*program, "--db", str(path), "notify", "--dry-run", "--json"]
    return repeat(runs, partial(run_process, command, env=env))


def main(argv: list[str] | None = None) -> int:
    from benchmarks.__main__ import environment, program

    parser = argparse.ArgumentParser(prog="python -m benchmarks.notify", description=__doc__)
    parser.add_argument("--db", type=Path, action="append", help="journal(s) to time")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    paths = args.db or [journal_for(1_000, ZONE)]
    with tempfile.TemporaryDirectory(prefix="ij-bench-home-") as home:
        env = environment(Path(home))
        floor = repeat(
            args.runs,
            partial(
                run_process, [sys.executable, "-c", "import sqlite_utils, pendulum, click"], env=env
            ),
        )
        print(f"import floor: {floor.median:.3f} s ({floor.low:.3f}–{floor.high:.3f})")
        for path in paths:
            # `today --json` reads the same review: what notify adds is the difference
            today_command = [*program(), "--db", str(path), "today", "--json"]
            figures = {
                "notify --dry-run --json": notify_dry_run(program(), path, env, args.runs),
                "today --json": repeat(args.runs, partial(run_process, today_command, env=env)),
            }
            for name, figure in figures.items():
                print(
                    f"{name}, {path.name}: {figure.median:.3f} s ({figure.low:.3f}–"
                    f"{figure.high:.3f}), {figure.median / floor.median:.2f}× floor"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
