"""Our read paths beside jrnl's (`python -m benchmarks` calls `jrnl_rows`).

jrnl 4.6 runs from a virtual environment of its own under .benchmarks/jrnl-venv (made
once with `python -m venv` and pip), on a plain-text journal holding the same interviews
as the demo journal of that size (company, role and the prep notes, at the same moment),
written once and cached beside it. jrnl reads and parses its whole file on every call, so
its time grows with the journal; ours reads one page. The targets are judged at 10,000
(≤ 0.5× jrnl) and 100,000 (≤ 0.1×) only. Without network or pip the rows say so.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.journals import CACHE
from benchmarks.measure import Figure, repeat, run_process

if TYPE_CHECKING:
    from benchmarks.__main__ import Row

JRNL_VERSION = "4.6"
VENV = CACHE / "jrnl-venv"
WORD = "Kafka"
"""In about one interview's notes in five of the demo: a search that finds many."""
TARGETS = {10_000: 0.5, 100_000: 0.1}
"""Ours over jrnl's, judged at these sizes only."""
TIME_FORMAT = "%Y-%m-%d %H:%M"


def jrnl_program() -> list[str] | str:
    """The jrnl command in its own virtual environment, made once (a marker file says the
    install finished); else a sentence saying why there is none. Run as `python -m jrnl`:
    the venv's `jrnl` script names the path the venv was made at, which a worktree's
    link to .benchmarks does not keep."""
    done = VENV / "installed"
    python = VENV / "bin" / "python"
    command = [str(python), "-m", "jrnl"]
    if done.exists() and _answers(command):
        return command
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(VENV)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"jrnl=={JRNL_VERSION}"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        said = (getattr(error, "stderr", None) or b"").decode(errors="replace").strip()
        last = said.splitlines()[-1] if said else str(error)
        return f"jrnl {JRNL_VERSION} could not be installed ({last[:120]})"
    done.write_text(f"jrnl=={JRNL_VERSION}\n", encoding="utf-8")
    return command if _answers(command) else f"jrnl {JRNL_VERSION} does not start"


def _answers(command: list[str]) -> bool:
    try:
        subprocess.run([*command, "--version"], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def write_jrnl_journal(demo: Path) -> Path:
    """The demo journal's interviews as a jrnl plain-text journal, oldest first (the order
    jrnl keeps), cached beside the demo journal."""
    target = demo.with_suffix(".jrnl.txt")
    if target.exists():
        return target
    connection = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT starts_at, company, role, notes FROM interviews ORDER BY starts_at, id"
        ).fetchall()
    finally:
        connection.close()
    partial_file = target.with_suffix(".partial")
    with partial_file.open("w", encoding="utf-8") as out:
        for starts_at, company, role, notes in rows:
            moment = datetime.fromisoformat(starts_at).astimezone(UTC)
            title = f"{company}, {role}." if role else f"{company}."
            out.write(f"[{moment:{TIME_FORMAT}}] {title}\n{notes}\n\n")
    partial_file.rename(target)
    return target


def jrnl_config(journal: Path, home: Path) -> Path:
    """A jrnl config naming `journal`, unencrypted, no colours, no editor (jrnl reads
    $XDG_CONFIG_HOME/jrnl/jrnl.yaml)."""
    folder = home / "config" / "jrnl"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "jrnl.yaml"
    config.write_text(
        "\n".join(
            [
                "colors: {body: none, date: none, tags: none, title: none}",
                "default_hour: 9",
                "default_minute: 0",
                "editor: ''",
                "encrypt: false",
                "highlight: false",
                "indent_character: '|'",
                "journals:",
                f"  default: {{journal: '{journal}'}}",
                "linewrap: 79",
                "tagsymbols: '#@'",
                "template: false",
                f"timeformat: '{TIME_FORMAT}'",
                f"version: '{JRNL_VERSION}'",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return config


def jrnl_rows(size: int, path: Path, env: dict[str, str], runs: int) -> list[Row]:
    """`list --limit 20` beside `jrnl -n 20`, `list --search WORD` beside
    `jrnl -contains WORD`, on the same interviews; ratios ours over jrnl's."""
    # imported here: benchmarks.__main__ imports this module (run as `python -m
    # benchmarks` it is loaded once more under its own name, which is harmless)
    from benchmarks.__main__ import Row, program

    found = jrnl_program()
    if isinstance(found, str):
        empty = Figure((0.0,))
        return [Row(f"jrnl: not measured: {found}", size, empty)]
    journal = write_jrnl_journal(path)
    jrnl_config(journal, Path(env["XDG_CONFIG_HOME"]).parent)
    jrnl_env = env | {"NO_COLOR": "1"}
    jrnl_env.pop("PYTHONPATH", None)  # jrnl runs from its own environment
    pairs = (
        ("list --limit 20", ["list", "--limit", "20"], ["-n", "20"]),
        (f"list --search {WORD}", ["list", "--search", WORD], ["-contains", WORD]),
    )
    rows: list[Row] = []
    db = ["--db", str(path)]
    for name, ours_argv, jrnl_argv in pairs:
        theirs = repeat(runs, partial(run_process, [*found, *jrnl_argv], env=jrnl_env))
        ours = repeat(runs, partial(run_process, [*program(), *db, *ours_argv], env=env))
        limit = TARGETS.get(size)
        met = ours.median <= limit * theirs.median if limit else None
        target = f"≤ {limit:g}× jrnl" if limit else ""
        rows.append(Row(f"jrnl {' '.join(jrnl_argv)}", size, theirs))
        rows.append(Row(f"CLI: {name} vs jrnl", size, ours, "s", theirs, target, met))
    return rows


if __name__ == "__main__":  # a quick look: python -m benchmarks.jrnl SIZE
    import tempfile

    from benchmarks.__main__ import ZONE, environment, table
    from benchmarks.journals import journal_for

    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    with tempfile.TemporaryDirectory(prefix="ij-jrnl-home-") as home:
        print(table(jrnl_rows(wanted, journal_for(wanted, ZONE), environment(Path(home)), 3)))
