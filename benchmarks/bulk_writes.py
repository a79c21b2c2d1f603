"""Bulk writes against their floor: an import of a JSON export, and the demo's writing.

Both figures are in-process, into a new journal made by our migrations, in one run with
their floor. The floor is what any importer of the same rows must do: a journal made by
the same migrations, every row the import (or the demo) wrote read back as tuples and put
into the same tables with a plain `executemany` in one transaction, and the search index
built once (`'rebuild'`; the per-row index triggers set aside, as a bulk loader would).
The import's figure counts reading and checking the file as well as writing it.

On its own: `python -m benchmarks.bulk_writes [--quick] [--sizes N ...] [--runs N]`
(quick: 2,000 interviews, one run; full: 100,000).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from benchmarks.journals import journal_for
from benchmarks.measure import Figure, repeat

ZONE = "Europe/Stockholm"
TABLES = ("applications", "people", "interviews", "evaluations", "follow_ups")
TRIGGERS = (
    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
    "AND name LIKE '%\\_words\\_%' ESCAPE '\\'"
)


def _fresh(path: Path) -> None:
    """A new journal file made by our migrations."""
    from interview_journal.store import open_journal

    path.unlink(missing_ok=True)
    open_journal(path, create=True).close()


def floor(source: Path, scratch: Path) -> float:
    """Seconds to put `source`'s rows into a fresh journal: executemany, then one index."""
    _fresh(scratch)
    with sqlite3.connect(source) as read:
        rows = {table: read.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}
        names = {
            table: [r[1] for r in read.execute(f"PRAGMA table_info({table})")] for table in TABLES
        }
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for (name,) in conn.execute(TRIGGERS).fetchall():
            conn.execute(f"DROP TRIGGER [{name}]")
        for table in TABLES:
            marks = ", ".join("?" for _ in names[table])
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(names[table])}) VALUES ({marks})", rows[table]
            )
        conn.execute("INSERT INTO interviews_fts (interviews_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def import_file(export: Path, scratch: Path) -> float:
    """Seconds to read, check and merge `export` into a fresh journal (one transaction)."""
    from interview_journal.services.exchange import parse_export
    from interview_journal.store import open_journal

    _fresh(scratch)
    journal = open_journal(scratch)
    try:
        start = time.perf_counter()
        journal.import_plan(parse_export(export.read_text(encoding="utf-8")))
        return time.perf_counter() - start
    finally:
        journal.close()


def demo(size: int, scratch: Path) -> float:
    """Seconds for the demo to write `size` interviews into a fresh journal."""
    from interview_journal.dates import SystemClock
    from interview_journal.services.demo import write_demo
    from interview_journal.store import open_journal

    _fresh(scratch)
    journal = open_journal(scratch)
    try:
        start = time.perf_counter()
        write_demo(journal, size, SystemClock(ZONE).now(), time_zone=ZONE)
        return time.perf_counter() - start
    finally:
        journal.close()


def bulk_figures(size: int, runs: int, folder: Path) -> dict[str, tuple[Figure, Figure]]:
    """(measured, floor) for the import and the demo at `size` interviews."""
    source = journal_for(size, ZONE)
    export = folder / f"export-{size}.json"
    subprocess.run(
        [sys.executable, "-m", "interview_journal", "--db", str(source), "export", "--format",
         "json", "-o", str(export)],
        check=True, capture_output=True,
    )  # fmt: skip
    imported, demoed = folder / "imported.db", folder / "demo.db"
    figures = {
        "import": repeat(runs, partial(import_file, export, imported), warm_up=False),
        "import floor": repeat(runs, partial(floor, imported, folder / "floor.db")),
        "demo": repeat(runs, partial(demo, size, demoed), warm_up=False),
        "demo floor": repeat(runs, partial(floor, demoed, folder / "floor.db")),
    }
    return {
        "import": (figures["import"], figures["import floor"]),
        "demo": (figures["demo"], figures["demo floor"]),
    }


TARGETS = {"import": 3.0, "demo": 2.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_writes", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 interviews, one run")
    parser.add_argument("--sizes", type=int, nargs="*")
    parser.add_argument("--runs", type=int)
    args = parser.parse_args(argv)
    sizes = args.sizes or ([2_000] if args.quick else [100_000])
    runs = args.runs or (1 if args.quick else 3)
    with tempfile.TemporaryDirectory(prefix="ij-bench-bulk-") as folder:
        for size in sizes:
            for name, (measured, base) in bulk_figures(size, runs, Path(folder)).items():
                ratio = measured.median / base.median
                print(
                    f"{name}, {size:,} interviews: {measured.median:.2f} s "
                    f"({measured.low:.2f}–{measured.high:.2f}), floor {base.median:.2f} s, "
                    f"{ratio:.2f}× floor (target ≤ {TARGETS[name]:g}×: "
                    f"{'met' if ratio <= TARGETS[name] else 'missed'})"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
