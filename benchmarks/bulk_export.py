"""`export --format json` (and csv) of a whole journal, against what the machine can do.

The export is timed as a user runs it: a whole process writing to a file, with its peak
memory (it streams: a 100,000-interview export must stay under 150 MiB). Its floor is a
plain program timed in the same run: `sqlite3` reads the same tables (applications,
people, interviews, evaluations, follow-ups, dismissed suggestions) a thousand rows at a
time, and `json.dumps` writes each batch as compact JSON to a file (no indent, no nesting,
no checks); for CSV, the `csv` module writes the interviews' rows. Both are processes of
their own, so each figure includes a Python start.

On its own: `python -m benchmarks.bulk_export [--quick] [--db PATH ...] [--runs N]`
(default: the demo journals of 10,000 interviews, quick, or 100,000, the benchmark caches).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.journals import ROOT, journal_for
from benchmarks.measure import Figure

ZONE = "Europe/Stockholm"
QUICK_SIZE = 10_000
FULL_SIZE = 100_000
TABLES = (
    "applications", "people", "interviews", "evaluations", "follow_ups",
    "dismissed_suggestions",
)  # fmt: skip
"""What the JSON export reads, each read whole by the floor."""
JSON_TARGET = 1.5
"""The issue's target: the JSON export within 1.5× its floor at 100,000 interviews."""
MEMORY_LIMIT = 150 * 2**20
"""Peak resident memory of the 100,000-interview export (it is streamed)."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int
    """Bytes."""


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """A whole process's wall time and its own peak RSS (from wait4); fails loudly."""
    start = time.perf_counter()
    child = subprocess.Popen(list(argv), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    said = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {said.decode()[-300:]}")
    return Run(elapsed, usage.ru_maxrss * 1024)


def repeat_child(runs: int, argv: Sequence[str], env: dict[str, str] | None) -> list[Run]:
    """A warm-up, then `runs` runs."""
    run_child(argv, env)
    return [run_child(argv, env) for _ in range(runs)]


# --- the floors (run as `python -m benchmarks.bulk_export --floor FORMAT DB OUT`) ---------


def json_floor(db: Path, out: Path) -> None:
    """The tables' rows as compact JSON, a thousand at a time."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with out.open("w", encoding="utf-8") as handle:
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table}")
            names = [column[0] for column in cursor.description]
            while rows := cursor.fetchmany(1000):
                objects = [dict(zip(names, row, strict=True)) for row in rows]
                handle.write(json.dumps(objects, ensure_ascii=False, separators=(",", ":")))
    connection.close()


def csv_floor(db: Path, out: Path) -> None:
    """The interviews' rows through the csv module, a thousand at a time."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        cursor = connection.execute("SELECT * FROM interviews ORDER BY starts_at, id")
        writer.writerow([column[0] for column in cursor.description])
        while rows := cursor.fetchmany(1000):
            writer.writerows(rows)
    connection.close()


# --- the figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFigures:
    export: Figure
    floor: Figure
    peak_rss: Figure


def export_figures(
    program: Sequence[str], path: Path, env: dict[str, str], runs: int, fmt: str = "json"
) -> ExportFigures:
    """`export --format FMT -o FILE` of the journal at `path`, and its floor, alternated
    run by run so that a busy moment of the machine falls on both."""
    with tempfile.TemporaryDirectory(prefix="ij-bench-export-") as folder:
        target = Path(folder) / f"export.{fmt}"
        export = [*program, "--db", str(path), "export", "--format", fmt, "-o", str(target)]
        floor = [sys.executable, "-m", "benchmarks.bulk_export", "--floor", fmt, str(path)]
        floor.append(str(Path(folder) / f"floor.{fmt}"))
        floor_env = (env or dict(os.environ)) | {"PYTHONPATH": str(ROOT)}
        run_child(export, env)
        run_child(floor, floor_env)
        exports: list[Run] = []
        floors: list[Run] = []
        for _ in range(runs):
            exports.append(run_child(export, env))
            floors.append(run_child(floor, floor_env))
    return ExportFigures(
        Figure(tuple(r.seconds for r in exports)),
        Figure(tuple(r.seconds for r in floors)),
        Figure(tuple(float(r.peak_rss) for r in exports)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_export", description=__doc__)
    parser.add_argument("--floor", nargs=3, metavar=("FORMAT", "DB", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="the 10,000 journal, one run")
    parser.add_argument("--db", type=Path, action="append", help="journal(s) to export")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5, quick 1)")
    parser.add_argument("--csv", action="store_true", help="also the CSV export")
    args = parser.parse_args(argv)
    if args.floor:
        fmt, db, out = args.floor
        (json_floor if fmt == "json" else csv_floor)(Path(db), Path(out))
        return 0
    from benchmarks.__main__ import environment, program

    runs = args.runs or (1 if args.quick else 5)
    paths = args.db or [journal_for(QUICK_SIZE if args.quick else FULL_SIZE, ZONE)]
    formats = ("json", "csv") if args.csv else ("json",)
    with tempfile.TemporaryDirectory(prefix="ij-bench-home-") as home:
        env = environment(Path(home))
        for path in paths:
            for fmt in formats:
                found = export_figures(program(), path, env, runs, fmt)
                ratio = found.export.median / found.floor.median
                print(
                    f"export --format {fmt}, {path.name}: {found.export.median:.2f} s "
                    f"({found.export.low:.2f}–{found.export.high:.2f}); floor "
                    f"{found.floor.median:.2f} s ({found.floor.low:.2f}–{found.floor.high:.2f})"
                    f"; {ratio:.2f}× floor; peak RSS {found.peak_rss.median / 2**20:.0f} MiB"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
