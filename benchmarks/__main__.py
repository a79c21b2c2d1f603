"""Run the benchmark: `python -m benchmarks` (all sizes) or `python -m benchmarks --quick`.

Builds demo journals of 0, 1,000, 10,000 and 100,000 interviews (about one application per
five rounds, and some that never came to an interview: 30,000 at the largest) with the
demo's code (cached in .benchmarks/), measures
every figure as the median of several runs after a warm-up, and prints a Markdown table
with each figure's ratio to its floor (measured in the same run) and whether it meets its
target.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from benchmarks.journals import ROOT, journal_for
from benchmarks.jrnl import jrnl_rows
from benchmarks.measure import Figure, repeat, run_in_pty, run_process

FULL_SIZES = (0, 1_000, 10_000, 100_000)
QUICK_SIZES = (0, 1_000)
ZONE = "Europe/Stockholm"


def program() -> list[str]:
    script = Path(sys.executable).parent / "interview-journal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "interview_journal"]


def environment(home: Path) -> dict[str, str]:
    """No user config or data may change what is measured."""
    env = dict(os.environ)
    env |= {
        "INTERVIEW_JOURNAL_TZ": ZONE,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "HOME": str(home),
    }
    env.pop("INTERVIEW_JOURNAL_DB", None)
    # An installed program starts from its compiled modules (pip writes them at install);
    # a machine that asks Python not to write them would time a compile of the whole
    # package at every start instead (about half the import floor).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_package() -> None:
    """Write the package's compiled modules once, as an install does."""
    import compileall

    compileall.compile_dir(ROOT / "interview_journal", quiet=1)


@dataclass(frozen=True)
class Row:
    figure: str
    size: int | None
    measured: Figure
    unit: str = "s"
    floor: Figure | None = None
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        def show(value: float) -> str:
            if self.unit == "MiB":
                return f"{value / 2**20:.0f}"
            return f"{value * 1000:.1f}" if self.unit == "ms" else f"{value:.3f}"

        ratio = f"{self.measured.median / self.floor.median:.2f}×" if self.floor else ""
        verdict = {True: "met", False: "**not met**", None: ""}[self.met]
        return [
            self.figure,
            "" if self.size is None else f"{self.size:,}",
            f"{show(self.measured.median)} {self.unit}",
            f"{show(self.measured.low)}–{show(self.measured.high)}",
            ratio,
            self.target,
            verdict,
        ]


def table(rows: list[Row]) -> str:
    header = ["figure", "interviews", "median", "min–max", "vs floor", "target", ""]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


@dataclass(frozen=True)
class Floors:
    """What every figure is compared with, measured in the same run."""

    paint: Figure
    rss: Figure
    imports: Figure


def measure_floors(env: dict[str, str], runs: int) -> Floors:
    floor_runs = [
        run_in_pty(
            [sys.executable, "-m", "benchmarks.floor_app"],
            b"floor-row-painted",
            env=env | {"PYTHONPATH": str(ROOT)},
        )
        for _ in range(runs + 1)
    ][1:]
    imports = repeat(
        runs,
        lambda: run_process(
            [sys.executable, "-c", "import sqlite_utils, pendulum, click"], env=env
        ),
    )
    return Floors(
        Figure(tuple(r.seconds for r in floor_runs)),
        Figure(tuple(float(r.peak_rss) for r in floor_runs)),
        imports,
    )


def floor_rows(floors: Floors) -> list[Row]:
    return [
        Row("floor: bare Textual app, first paint", None, floors.paint),
        Row("floor: bare Textual app, peak RSS", None, floors.rss, unit="MiB"),
        Row("floor: import sqlite_utils, pendulum, click", None, floors.imports),
    ]


def paint_rows(
    size: int,
    path: Path,
    env: dict[str, str],
    runs: int,
    floors: Floors,
    paint_at: dict[int, Figure],
) -> list[Row]:
    """Each view's first paint (the interviews list also gives the TUI's peak memory)."""
    db = ["--db", str(path)]
    views = (
        ("first paint: interviews", [*program(), *db, "--view", "interviews"], b" interviews"),
        ("first paint: timeline", [*program(), *db, "--view", "timeline"], b"overdue"),
        ("first paint: review", [*program(), *db, "review"], b"need"),
        (
            "first paint: applications",
            [*program(), *db, "--view", "applications"],
            f"{count_applications(path):,} application".encode(),
        ),
    )
    rows: list[Row] = []
    for name, argv, marker in views:
        results = [run_in_pty(argv, marker, env=env) for _ in range(runs + 1)][1:]
        figure = Figure(tuple(r.seconds for r in results))
        target, met = "", None
        if name.endswith("interviews"):
            paint_at[size] = figure
            rss = Figure(tuple(float(r.peak_rss) for r in results))
            rss_met = rss.median <= 1.5 * floors.rss.median
            rows.append(
                Row("peak RSS of the TUI", size, rss, "MiB", floors.rss, "≤ 1.5× floor", rss_met)
            )
            if size == 1_000:
                target, met = "≤ 1.3× floor", figure.median <= 1.3 * floors.paint.median
            elif size > 1_000 and 1_000 in paint_at:
                target = "≤ 1.1× the 1,000 figure"
                met = figure.median <= 1.1 * paint_at[1_000].median
        rows.append(Row(name, size, figure, "s", floors.paint, target, met))
    return rows


def count_applications(path: Path) -> int:
    from interview_journal.store import open_journal

    journal = open_journal(path, read_only=True)
    try:
        return journal.applications.count()
    finally:
        journal.close()


def cli_rows(size: int, path: Path, env: dict[str, str], runs: int, floors: Floors) -> list[Row]:
    db = ["--db", str(path)]
    commands = [
        ("CLI: list --limit 20", ["list", "--limit", "20"]),
        ("CLI: today", ["today"]),
        ("CLI: timeline", ["timeline"]),
    ]
    if size:
        commands.append(("CLI: show 1 --json", ["show", "1", "--json"]))
    rows: list[Row] = []
    for name, argv in commands:
        figure = repeat(runs, partial(run_process, [*program(), *db, *argv], env=env))
        met = figure.median <= 1.2 * floors.imports.median
        rows.append(Row(name, size, figure, "s", floors.imports, "≤ 1.2× import floor", met))
    figure = repeat(runs, partial(run_process, [*program(), *db, "insights", "--json"], env=env))
    answered: bool | None = figure.median <= 1.0 if size == 100_000 else None
    target = "≤ 1 s" if size == 100_000 else ""
    rows.append(Row("CLI: insights --json", size, figure, "s", floors.imports, target, answered))
    rows += reminder_rows(size, path, env, runs, floors)
    with tempfile.TemporaryDirectory() as out:
        target_file = Path(out) / "export.json"
        command = [*program(), *db, "export", "--format", "json", "-o", str(target_file)]
        figure = repeat(runs, partial(run_process, command, env=env))
    target, exported = ("≤ 2 s", figure.median <= 2.0) if size == 10_000 else ("", None)
    rows.append(
        Row("CLI: export --format json", size, figure, "s", floors.imports, target, exported)
    )
    return rows


def reminder_rows(
    size: int, path: Path, env: dict[str, str], runs: int, floors: Floors
) -> list[Row]:
    """The reminder commands a timer or a user runs: notify (what a timer starts every 15
    minutes), draft (a message for a follow-up) and installing the timer, each a whole
    process as a ratio to the import floor."""
    from benchmarks.messages import draft_command
    from benchmarks.notify import notify_dry_run
    from benchmarks.schedule import notify_install

    target = "≤ 1.5× import floor"
    figures = [("CLI: notify --dry-run --json", notify_dry_run(program(), path, env, runs))]
    if size:
        figures.append(("CLI: draft ENTRY_ID", draft_command(program(), path, env, runs)))
        install = notify_install(program(), path, env, runs, platform="systemd")
        figures.append(("CLI: notify --install --yes (systemd)", install))
    return [
        Row(
            name,
            size,
            figure,
            "s",
            floors.imports,
            target,
            figure.median <= 1.5 * floors.imports.median,
        )
        for name, figure in figures
    ]


def bulk_rows(size: int, path: Path, env: dict[str, str], runs: int) -> list[Row]:
    """Bulk work against a plain floor timed in the same run: the JSON export against
    sqlite3 reads and json.dumps of the same tables (with its peak memory), the import of
    that export and the demo's writing each against an executemany of the same rows."""
    from benchmarks.bulk_export import JSON_TARGET, MEMORY_LIMIT, export_figures
    from benchmarks.bulk_writes import TARGETS, bulk_figures

    at_scale = size >= 100_000
    exported = export_figures(program(), path, env, min(runs, 3))
    rows = [
        Row(
            "export --format json (vs sqlite3 + json.dumps)",
            size,
            exported.export,
            "s",
            exported.floor,
            f"≤ {JSON_TARGET:g}× floor" if at_scale else "",
            exported.export.median <= JSON_TARGET * exported.floor.median if at_scale else None,
        ),
        Row(
            "export --format json: peak RSS",
            size,
            exported.peak_rss,
            "MiB",
            None,
            f"≤ {MEMORY_LIMIT // 2**20} MiB" if at_scale else "",
            exported.peak_rss.median <= MEMORY_LIMIT if at_scale else None,
        ),
    ]
    names = {
        "import": "import of that export (vs executemany of its rows)",
        "demo": "demo --interviews N (vs executemany of its rows)",
    }
    with tempfile.TemporaryDirectory(prefix="ij-bench-bulk-") as folder:
        for key, (measured, floor) in bulk_figures(size, min(runs, 3), Path(folder)).items():
            met = measured.median <= TARGETS[key] * floor.median if at_scale else None
            target = f"≤ {TARGETS[key]:g}× floor" if at_scale else ""
            rows.append(Row(names[key], size, measured, "s", floor, target, met))
    return rows


INTERACTIVE = (
    ("search", "search as you type (key → count on screen)", 0.030),
    ("burst", "/ and 200 keys in one write → all in the search box", 0.500),
    ("move", "j/k key → first byte of the repaint", 0.016),
    ("switch", "switch Interviews → Timeline", 0.100),
    ("evaluation", "v → evaluation ready to type", 0.100),
    ("autosave", "autosave write, typing on (words added)", 0.005),
)
"""The interactive figures: key in `measure_in_process`, name, target at the largest size."""


def interactive_rows(
    size: int, path: Path, env: dict[str, str], runs: int, at_scale: bool
) -> list[Row]:
    from benchmarks.inprocess import SEARCH_WORDS, measure_in_process, search_per_key

    found = measure_in_process(program(), env, path, runs)
    figures = [(name, Figure(tuple(found[key])), limit) for key, name, limit in INTERACTIVE]
    per_key = search_per_key(path, runs)
    figures += [
        (f"search every word, in process: {typed!r}", Figure(tuple(per_key[typed])), 0.030)
        for typed in SEARCH_WORDS
    ]
    rows: list[Row] = []
    for name, figure, limit in figures:
        target = f"≤ {limit * 1000:.0f} ms" if at_scale else ""
        met = figure.median <= limit if at_scale else None
        rows.append(Row(name, size, figure, "ms", None, target, met))
    removed, rewrite = (
        Figure(tuple(found["autosave_removed"])),
        Figure(tuple(found["optimize_floor"])),
    )
    rows.append(
        Row(
            "autosave write, a word taken away (vs the same in sqlite3: update, index rewrite)",
            size,
            removed,
            "ms",
            rewrite,
            f"≤ {REWRITE_TARGET:g}× floor",
            removed.median <= REWRITE_TARGET * rewrite.median,
        )
    )
    return rows


REWRITE_TARGET = 1.2
"""An autosave that took a word away costs the index rewrite that takes the word off the
disk (secure delete) and little more; it runs in the autosave's thread."""


INSIGHTS_USABLE = 0.300
"""The issue's target: key 5 to the first section of Insights on screen."""


def insights_rows(size: int, path: Path, runs: int) -> list[Row]:
    """Key 5 to the first section of Insights on screen (its target at every size), and
    to every section (no target: the rest fill in while the first is read)."""
    from benchmarks.insights import insights_view

    found = insights_view(path, runs)
    usable, every = Figure(tuple(found["usable"])), Figure(tuple(found["all"]))
    target = f"≤ {INSIGHTS_USABLE * 1000:.0f} ms"
    return [
        Row(
            "Insights: key 5 → first section shown (usable)",
            size,
            usable,
            "ms",
            None,
            target,
            usable.median <= INSIGHTS_USABLE,
        ),
        Row("Insights: key 5 → every section shown", size, every, "ms"),
    ]


def calendar_rows(size: int, path: Path, runs: int) -> list[Row]:
    """A save with the calendar file kept current against the same save without it
    (benchmarks/calendar.py), and a new process's first rewrite."""
    from benchmarks.calendar import calendar_cost

    cost = calendar_cost(path, runs)
    big = size >= 100_000
    unchanged = cost.unchanged_kept.median - cost.unchanged_alone.median
    changed = cost.changed_kept.median - cost.changed_alone.median
    return [
        Row(
            "Calendar kept: a save outside it (vs the save alone)",
            size,
            cost.unchanged_kept,
            "ms",
            cost.unchanged_alone,
            "≤ +20 ms" if big else "",
            unchanged <= 0.020 if big else None,
        ),
        Row(
            "Calendar kept: a save that changes it (vs the save alone)",
            size,
            cost.changed_kept,
            "ms",
            cost.changed_alone,
            "≤ +100 ms" if big else "",
            changed <= 0.100 if big else None,
        ),
        Row("Calendar kept: a new process's first rewrite", size, cost.whole, "ms"),
    ]


def message_rows(size: int, path: Path, runs: int) -> list[Row]:
    """The drafted message: m on a follow-up to its draft on screen, ctrl+t (sent) back to
    the timeline read again; and a key in the form's Length to its echo."""
    from benchmarks.lengths import key_to_echo
    from benchmarks.message_screen import message_screen

    found = message_screen(path, runs)
    opened, sent = Figure(tuple(found["open"])), Figure(tuple(found["sent"]))
    echo = key_to_echo(path, runs)
    return [
        Row("Message: m → the draft on screen", size, opened, "ms", None, "≤ 100 ms",
            opened.median <= 0.100),
        Row("Message: ctrl+t (sent) → the timeline read again", size, sent, "ms"),
        Row("Form: a key in Length → its echo", size, echo, "ms", None, "≤ 50 ms",
            echo.median <= 0.050),
    ]  # fmt: skip


def serve_rows(size: int, path: Path, env: dict[str, str], runs: int, paint: Figure) -> list[Row]:
    """`interview-journal serve`: its start to the link (vs a process that only imports
    what serving needs: aiohttp and textual-serve are most of it), a tab opened to the
    Interviews list drawn (vs the same list's first paint in a terminal), and SIGTERM
    with that tab open to the process gone (a deadline). Skipped, with the reason,
    without the [web] extra."""
    from benchmarks.serve import (
        ENDING_DEADLINE,
        start_up,
        tab_figures,
        unavailable,
        web_import_floor,
    )

    reason = unavailable()
    if reason:
        print(f"serve rows skipped: {reason}", file=sys.stderr)
        return []
    web = web_import_floor(env, runs)
    started = start_up(program(), path, env, runs)
    tab = tab_figures(program(), path, env, runs)
    return [
        Row("floor: import sqlite_utils, pendulum, click, aiohttp, textual_serve", None, web),
        Row("serve: start → the link printed", size, started, "s", web,
            "≤ 1.3× web import floor", started.median <= 1.3 * web.median),
        Row("serve: tab opened → Interviews list drawn", size, tab.usable, "s", paint,
            "≤ 1.5× its terminal first paint", tab.usable.median <= 1.5 * paint.median),
        Row("serve: SIGTERM, one tab open → exited (saved)", size, tab.ending, "s", None,
            f"≤ {ENDING_DEADLINE} s", tab.ending.median <= ENDING_DEADLINE),
    ]  # fmt: skip


def report(rows: list[Row], quick: bool, runs: int, elapsed: float) -> str:
    lines = [
        f"Interview Journal benchmark — {'quick' if quick else 'full'} run, "
        f"{runs} run(s) per figure after a warm-up, {elapsed:.0f} s",
        f"Python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, "
        f"{os.cpu_count()} CPUs",
        "",
        table(rows),
        "",
    ]
    missed = [row for row in rows if row.met is False]
    if missed:
        lines.append(
            f"{len(missed)} target(s) not met: "
            + "; ".join(
                f"{row.figure} at {row.size:,}" if row.size is not None else row.figure
                for row in missed
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small journals, one run (CI)")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5, quick 1)")
    parser.add_argument("--sizes", type=str, help="comma-separated journal sizes")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    sizes = (
        tuple(int(s) for s in args.sizes.split(","))
        if args.sizes
        else QUICK_SIZES
        if args.quick
        else FULL_SIZES
    )
    with tempfile.TemporaryDirectory(prefix="ij-bench-home-") as home:
        env = environment(Path(home))
        compile_package()
        journals = {size: journal_for(size, ZONE) for size in sizes}
        started = time.perf_counter()
        floors = measure_floors(env, runs)
        rows = floor_rows(floors)
        paint_at: dict[int, Figure] = {}
        for size, path in journals.items():
            rows += paint_rows(size, path, env, runs, floors, paint_at)
            rows += cli_rows(size, path, env, runs, floors)
            if size >= 1_000:
                rows += jrnl_rows(size, path, env, runs)
            if size:
                rows += interactive_rows(size, path, env, runs, size == max(sizes))
            if size >= 1_000:
                rows += insights_rows(size, path, runs)
                rows += calendar_rows(size, path, runs)
                rows += message_rows(size, path, runs)
                rows += bulk_rows(size, path, env, runs)
            if size == 1_000 and size in paint_at:
                rows += serve_rows(size, path, env, runs, paint_at[size])
        elapsed = time.perf_counter() - started
    text = report(rows, args.quick, runs, elapsed)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
