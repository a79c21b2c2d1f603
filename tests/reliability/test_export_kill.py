"""A real export killed with SIGKILL half way: the target is whole or absent, never half.

The exporter writes to a temporary file beside the target (`.target.json.XXXXXXXX.partial`,
a fresh name each time) and renames it into place only when complete. These tests start
the real command on a demo journal of 3,000 interviews (a 12 MB export, some tenths of a
second of writing), wait until the staging file appears, let it write for a while and kill
it with SIGKILL, which no handler can soften. Afterwards there is no file at the target
(or the previous export, byte for byte), and the next export succeeds and removes the
dead export's staging file.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.processes import reaped

pytestmark = pytest.mark.slow

ZONE = "Europe/Stockholm"
INTERVIEWS = 3_000
FRACTIONS = (0.0, 0.15, 0.35, 0.6, 0.85)
"""When to kill, as a share of how long the staging file takes to complete in a full run."""
APPEAR_TIMEOUT = 20.0


@dataclass(frozen=True)
class Demo:
    db: Path
    env: dict[str, str]
    writing_seconds: float
    """How long a complete export spends writing (staging file seen -> process gone)."""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("INTERVIEW_JOURNAL_DB", None)
    env["INTERVIEW_JOURNAL_TZ"] = ZONE
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def _command(demo_env: dict[str, str], *args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "interview_journal", *map(str, args)],
        env=demo_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for(target: Path, process: subprocess.Popen[bytes]) -> float:
    """Poll until the staging file for `target` exists; returns the moment it was seen."""
    deadline = time.monotonic() + APPEAR_TIMEOUT
    while _staging(target) is None:
        if process.poll() is not None:
            raise AssertionError(f"the export ended before a staging file for {target.name}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"no staging file appeared within {APPEAR_TIMEOUT} s")
        time.sleep(0.001)
    return time.monotonic()


def _is_staging(name: str, target: Path) -> bool:
    return name.startswith(f".{target.name}.") and name.endswith(".partial")


def _staging(target: Path) -> Path | None:
    """The temporary file an export to `target` is writing, if there is one."""
    for path in target.parent.iterdir():
        if _is_staging(path.name, target):
            return path
    return None


def _complete_export(data: bytes) -> int:
    parsed = json.loads(data)
    assert parsed["format"] == "interview-journal"
    return len(parsed["interviews"])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    root = tmp_path_factory.mktemp("export-kill")
    env = _environment(root / "home")
    db = root / "demo.db"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_journal",
            "demo",
            "--db",
            str(db),
            "--interviews",
            str(INTERVIEWS),
            "--no-open",
        ],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    # One complete run, to know how long the writing takes on this machine.
    target = root / "measure" / "target.json"
    target.parent.mkdir()
    process = _command(env, "--db", db, "export", "--output", target)
    seen = _wait_for(target, process)
    assert process.wait(timeout=60) == 0
    writing = time.monotonic() - seen
    assert _complete_export(target.read_bytes()) == INTERVIEWS
    yield Demo(db, env, writing)


@dataclass(frozen=True)
class Trial:
    killed_mid_write: bool
    returncode: int
    staged_bytes: int
    """How much of the export the staging file held when the process died."""


def _kill_during_export(demo: Demo, target: Path, fraction: float) -> Trial:
    process = _command(demo.env, "--db", demo.db, "export", "--output", target)
    try:
        with reaped(process):
            _wait_for(target, process)
            time.sleep(fraction * demo.writing_seconds)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
            returncode = process.wait(timeout=30)
    finally:
        if process.stderr is not None:
            process.stderr.close()
    staging = _staging(target)
    killed_mid_write = returncode == -signal.SIGKILL and staging is not None
    staged = 0
    if staging is not None:
        # What is left behind is the obviously named staging file, private like the export.
        assert stat.S_IMODE(staging.stat().st_mode) == 0o600
        staged = staging.stat().st_size
    return Trial(killed_mid_write, returncode, staged)


def _files(directory: Path) -> set[str]:
    """The names in `directory`, with any staging file of target.json as ".target.json.partial"."""
    target = directory / "target.json"
    return {
        ".target.json.partial" if _is_staging(path.name, target) else path.name
        for path in directory.iterdir()
    }


def test_a_killed_export_leaves_no_file_at_the_target(demo: Demo, tmp_path: Path) -> None:
    trials = []
    for number, fraction in enumerate(FRACTIONS):
        directory = tmp_path / f"trial-{number}"
        directory.mkdir()
        target = directory / "target.json"
        trial = _kill_during_export(demo, target, fraction)
        trials.append(trial)
        assert _files(directory) <= {"target.json", ".target.json.partial"}
        if trial.killed_mid_write:
            assert not target.exists(), f"a file appeared at the target (delay {fraction})"
        elif target.exists():
            # The kill came after the rename: then it is the whole export, never a part.
            assert _complete_export(target.read_bytes()) == INTERVIEWS
    killed = sum(trial.killed_mid_write for trial in trials)
    assert killed >= len(FRACTIONS) - 1, trials
    # Some kills caught a half-written export, and none of it reached the target.
    assert any(trial.killed_mid_write and trial.staged_bytes > 0 for trial in trials), trials


def test_a_killed_export_keeps_the_previous_export_byte_for_byte(
    demo: Demo, tmp_path: Path
) -> None:
    target = tmp_path / "target.json"
    previous = tmp_path / "previous.json"
    first = _command(demo.env, "--db", demo.db, "export", "--interview", "1", "-o", previous)
    assert first.wait(timeout=60) == 0
    assert first.stderr is not None
    first.stderr.close()
    older = previous.read_bytes()
    assert _complete_export(older) == 1
    trials = []
    for fraction in FRACTIONS:
        target.write_bytes(older)
        trial = _kill_during_export(demo, target, fraction)
        trials.append(trial)
        now = target.read_bytes()
        if trial.killed_mid_write:
            assert now == older, f"the previous export changed (delay {fraction})"
        else:
            assert now == older or _complete_export(now) == INTERVIEWS
        assert _files(tmp_path) <= {"target.json", ".target.json.partial", "previous.json"}
    killed = sum(trial.killed_mid_write for trial in trials)
    assert killed >= len(FRACTIONS) - 1, trials


def test_the_export_after_a_kill_completes_and_clears_the_staging_file(
    demo: Demo, tmp_path: Path
) -> None:
    target = tmp_path / "target.json"
    trial = _kill_during_export(demo, target, FRACTIONS[1])
    assert trial.returncode == -signal.SIGKILL
    again = _command(demo.env, "--db", demo.db, "export", "-o", target)
    assert again.wait(timeout=60) == 0
    assert again.stderr is not None
    assert again.stderr.read().decode().strip() == f"wrote {target}"
    again.stderr.close()
    assert _files(tmp_path) == {"target.json"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _complete_export(target.read_bytes()) == INTERVIEWS
