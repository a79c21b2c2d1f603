"""The demo journals the benchmark reads, cached in .benchmarks/ between runs.

Each is written by the demo's own code (what `interview-journal demo` writes) and kept
until the demo or the code that lays out the file changes.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".benchmarks"
_PACKAGE = ROOT / "interview_journal"
_SOURCES = (
    *sorted((_PACKAGE / "services" / "demo").glob("*.py")),
    *(
        _PACKAGE / "store" / name
        for name in (
            "bulk.py",
            "rows.py",
            "migrations.py",
            "grouping.py",
            "applications.py",
            "people.py",
        )
    ),
)


def cache_key() -> str:
    """Changes when the demo data or the way it is stored changes."""
    return hashlib.sha256(b"".join(path.read_bytes() for path in _SOURCES)).hexdigest()[:12]


def journal_for(size: int, zone: str) -> Path:
    """A demo journal of `size` interviews (about one application per five, and some
    without an interview), built once."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"journal-{size}-{cache_key()}.db"
    if not path.exists():
        for stale in CACHE.glob(f"journal-{size}-*.db*"):
            stale.unlink()
        building = path.with_suffix(".building")
        for left in CACHE.glob(building.name + "*"):
            left.unlink()
        started = time.perf_counter()
        applications = _build(building, size, zone)
        building.rename(path)
        print(
            f"built the demo journal of {size:,} interviews and {applications:,} applications "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    return path


def _build(path: Path, size: int, zone: str) -> int:
    from interview_journal.dates import SystemClock
    from interview_journal.services.demo import write_demo
    from interview_journal.store import open_journal

    journal = open_journal(path, create=True)
    try:
        return write_demo(journal, size, SystemClock(zone).now(), time_zone=zone)
    finally:
        journal.close()
