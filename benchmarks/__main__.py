"""Run the benchmark: `python -m benchmarks` (all sizes) or `python -m benchmarks --quick`.

Builds demo journals of 0, 1,000, 10,000 and 100,000 interviews with `interview-journal
demo` (cached in .benchmarks/ between runs), measures every figure as the median of
several runs after a warm-up, and prints a Markdown table with each figure's ratio to its
floor (measured in the same run) and whether it meets its target.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from benchmarks.measure import Figure, repeat, run_in_pty, run_process

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".benchmarks"
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
    return env


def journal_for(size: int, env: dict[str, str]) -> Path:
    """A demo journal of `size` interviews, rebuilt when the demo or schema code changes."""
    sources = [
        ROOT / "interview_journal" / "services" / "demo.py",
        ROOT / "interview_journal" / "store" / "bulk.py",
        ROOT / "interview_journal" / "store" / "rows.py",
        ROOT / "interview_journal" / "store" / "migrations.py",
    ]
    key = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:12]
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"journal-{size}-{key}.db"
    if not path.exists():
        for stale in CACHE.glob(f"journal-{size}-*.db*"):
            stale.unlink()
        print(f"building the demo journal of {size:,} interviews…", file=sys.stderr)
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        run_process(
            [*program(), "demo", "--db", str(partial), "--interviews", str(size), "--no-open"],
            env=env,
        )
        partial.rename(path)
    return path


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
    from benchmarks.inprocess import measure_in_process

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ij-bench-home-") as home:
        env = environment(Path(home))
        journals = {size: journal_for(size, env) for size in sizes}
        started = time.perf_counter()

        floor_runs = [
            run_in_pty(
                [sys.executable, "-m", "benchmarks.floor_app"],
                b"floor-row-painted",
                env=env | {"PYTHONPATH": str(ROOT)},
            )
            for _ in range(runs + 1)
        ][1:]
        floor_paint = Figure(tuple(r.seconds for r in floor_runs))
        floor_rss = Figure(tuple(float(r.peak_rss) for r in floor_runs))
        import_floor = repeat(
            runs,
            lambda: run_process(
                [sys.executable, "-c", "import sqlite_utils, pendulum, click"], env=env
            ),
        )
        rows.append(Row("floor: bare Textual app, first paint", None, floor_paint))
        rows.append(Row("floor: bare Textual app, peak RSS", None, floor_rss, unit="MiB"))
        rows.append(Row("floor: import sqlite_utils, pendulum, click", None, import_floor))

        paint_at: dict[int, Figure] = {}
        for size, path in journals.items():
            db = ["--db", str(path)]
            for name, argv, marker in (
                (
                    "first paint: interviews",
                    [*program(), *db, "--view", "interviews"],
                    b" interviews",
                ),
                ("first paint: timeline", [*program(), *db, "--view", "timeline"], b"overdue"),
                ("first paint: review", [*program(), *db, "review"], b"need"),
            ):
                results = [run_in_pty(argv, marker, env=env) for _ in range(runs + 1)][1:]
                figure = Figure(tuple(r.seconds for r in results))
                target, met = "", None
                if name.endswith("interviews"):
                    paint_at[size] = figure
                    rss = Figure(tuple(float(r.peak_rss) for r in results))
                    rss_met = rss.median <= 1.5 * floor_rss.median
                    rows.append(
                        Row(
                            "peak RSS of the TUI",
                            size,
                            rss,
                            "MiB",
                            floor_rss,
                            "≤ 1.5× floor",
                            rss_met,
                        )
                    )
                    if size == 1_000:
                        target, met = "≤ 1.3× floor", figure.median <= 1.3 * floor_paint.median
                    elif size > 1_000 and 1_000 in paint_at:
                        target = "≤ 1.1× the 1,000 figure"
                        met = figure.median <= 1.1 * paint_at[1_000].median
                rows.append(Row(name, size, figure, "s", floor_paint, target, met))

            cli: list[tuple[str, list[str], str, Callable[[Figure], bool] | None]] = [
                ("CLI: list --limit 20", ["list", "--limit", "20"], "≤ 1.5× import floor", None),
                ("CLI: today", ["today"], "≤ 1.5× import floor", None),
            ]
            if size:
                cli.append(
                    ("CLI: show 1 --json", ["show", "1", "--json"], "≤ 1.5× import floor", None)
                )
            for name, argv, target, _ in cli:
                figure = repeat(runs, partial(run_process, [*program(), *db, *argv], env=env))
                met = figure.median <= 1.5 * import_floor.median
                rows.append(Row(name, size, figure, "s", import_floor, target, met))
            with tempfile.TemporaryDirectory() as out:
                target_file = Path(out) / "export.json"
                command = [*program(), *db, "export", "--format", "json", "-o", str(target_file)]
                figure = repeat(runs, partial(run_process, command, env=env))
            target, met = ("≤ 2 s", figure.median <= 2.0) if size == 10_000 else ("", None)
            rows.append(
                Row("CLI: export --format json", size, figure, "s", import_floor, target, met)
            )

            if size:
                found = measure_in_process(program(), env, path, runs)
                at_scale = size == max(sizes)
                for key, name, limit in (
                    ("search", "search as you type (key → count on screen)", 0.030),
                    ("burst", "/ and 200 keys in one write → all in the search box", 0.500),
                    ("move", "j/k key → first byte of the repaint", 0.016),
                    ("switch", "switch Interviews → Timeline", 0.100),
                    ("evaluation", "v → evaluation ready to type", 0.100),
                    ("autosave", "autosave write", 0.005),
                ):
                    figure = Figure(tuple(found[key]))
                    target = f"≤ {limit * 1000:.0f} ms" if at_scale else ""
                    met = figure.median <= limit if at_scale else None
                    rows.append(Row(name, size, figure, "ms", None, target, met))
        elapsed = time.perf_counter() - started

    report = [
        f"Interview Journal benchmark — {'quick' if args.quick else 'full'} run, "
        f"{runs} run(s) per figure after a warm-up, {elapsed:.0f} s",
        f"Python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, "
        f"{os.cpu_count()} CPUs",
        "",
        table(rows),
        "",
    ]
    missed = [row for row in rows if row.met is False]
    if missed:
        report.append(
            f"{len(missed)} target(s) not met: "
            + "; ".join(
                f"{row.figure} at {row.size:,}" if row.size is not None else row.figure
                for row in missed
            )
        )
    text = "\n".join(report)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
