# ruff: noqa: F811 (the fixtures of test_kill_while_typing are imported by name)
"""Typing that never pauses is saved too: kill -9 in the middle of steady typing or right
after a burst keeps what was typed more than about a second and a half before.

The saves wait for a short pause, but never longer than a second after the first unsaved
key (a debounce with a deadline). These run the real program in a pseudo-terminal and
end it with `kill -9`, so only what was already written survives.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from interview_journal.store import open_journal
from tests.reliability.pty_terminal import Terminal
from tests.reliability.test_kill_while_typing import (  # noqa: F401 (fixtures)
    EXIT_TIMEOUT,
    journal_file,
    run,
    start,
    went_well,
)

pytestmark = pytest.mark.slow

TYPING_FOR = 5.0
"""Seconds of steady typing before the kill."""
KEY_GAP = 0.075
"""Seconds between keys: steady, never the pause a debounce waits for."""
KEPT_BEFORE = 1.5
"""What was typed this many seconds before the kill must be in the journal."""
BURST = ("Burst of two hundred characters typed in one go " * 5)[:196] + "ZQX9"


def type_steadily(app: Terminal, text: str) -> list[tuple[float, int]]:
    """Send one character every KEY_GAP seconds; (time sent, characters sent so far)."""
    sent: list[tuple[float, int]] = []
    for count, character in enumerate(text, start=1):
        app.send(character)
        sent.append((time.monotonic(), count))
        time.sleep(KEY_GAP)
    return sent


def steady_text() -> str:
    words = "steady typing with no pause at all "
    return (words * 10)[: int(TYPING_FOR / KEY_GAP)]


def typed_by(sent: list[tuple[float, int]], moment: float) -> int:
    return max((count for at, count in sent if at <= moment), default=0)


def test_kill_9_during_steady_typing_keeps_all_but_the_last_second(
    journal_file: Path, run: list[Terminal], tmp_path: Path
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    text = steady_text()
    sent = type_steadily(app, text)
    killed_at = time.monotonic()
    app.kill(signal.SIGKILL)
    assert app.exit_status(EXIT_TIMEOUT) == -signal.SIGKILL
    kept = went_well(journal_file) or ""
    must_have = typed_by(sent, killed_at - KEPT_BEFORE)
    assert text.startswith(kept), kept
    assert len(kept) >= must_have, (
        f"kill -9 after {TYPING_FOR} s of steady typing kept {len(kept)} of {len(text)} "
        f"characters; {must_have} were typed more than {KEPT_BEFORE} s before the kill"
    )


def test_kill_9_during_steady_typing_in_a_new_interview_keeps_the_draft(
    journal_file: Path, run: list[Terminal], tmp_path: Path
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "--view", "interviews")
    app.wait_for("Pied Piper")
    app.type("a")
    app.wait_for("New interview")
    text = steady_text()[:60]
    sent = type_steadily(app, text)
    killed_at = time.monotonic()
    app.kill(signal.SIGKILL)
    assert app.exit_status(EXIT_TIMEOUT) == -signal.SIGKILL
    with open_journal(journal_file) as journal:
        draft = journal.load_draft("interview-form:new") or {}
    kept = draft.get("company", "")
    must_have = typed_by(sent, killed_at - KEPT_BEFORE)
    assert text.startswith(kept), kept
    assert len(kept) >= must_have, (
        f"kill -9 after steady typing in the new-interview form kept {len(kept)} of "
        f"{len(text)} characters of the company; {must_have} were typed "
        f"{KEPT_BEFORE} s before the kill"
    )


@contextmanager
def cpu_load(busy: int) -> Iterator[None]:
    """`busy` processes spinning on the CPU for as long as the block runs."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait(5)


def burst_into_evaluation(
    app: Terminal, kill_after: float | None, shown_for: float | None
) -> tuple[float | None, float]:
    """Write BURST in one go; kill -9 `kill_after` s after the write, or `shown_for` s
    after all of it is on screen. (When it was all shown, when the kill came.)"""
    written = time.monotonic()
    app.send(BURST)
    landed = None
    while True:
        now = time.monotonic()
        if landed is None and BURST[-4:] in app.output():
            landed = now - written
        if kill_after is not None and now >= written + kill_after:
            break
        if shown_for is not None and landed is not None and now >= written + landed + shown_for:
            break
        if now > written + 30:
            pytest.fail(f"the burst was not on screen after 30 s:\n{app.tail()}")
        time.sleep(0.01)
    app.kill(signal.SIGKILL)
    assert app.exit_status(EXIT_TIMEOUT) == -signal.SIGKILL
    return landed, time.monotonic() - written


def test_a_200_character_burst_killed_a_second_and_a_half_later_is_all_saved(
    journal_file: Path, run: list[Terminal], tmp_path: Path
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    time.sleep(0.5)
    landed, _ = burst_into_evaluation(app, KEPT_BEFORE, None)
    shown = "not all shown yet" if landed is None else f"all shown after {landed:.2f} s"
    print(f"\n{len(BURST)}-character burst: {shown}")
    kept = went_well(journal_file) or ""
    assert kept == BURST, (
        f"a {len(BURST)}-character burst, kill -9 {KEPT_BEFORE} s later, kept "
        f"{len(kept)} characters ({shown})"
    )


@pytest.mark.parametrize("busy", [0, 2], ids=["unloaded", "two-busy-cores"])
def test_a_200_character_burst_is_saved_within_a_second_of_landing(
    busy: int, journal_file: Path, run: list[Terminal], tmp_path: Path
) -> None:
    app = start(run, tmp_path, "--db", str(journal_file), "evaluate", "4")
    app.wait_for("Evaluate")
    app.wait_for("Initech")
    time.sleep(0.5)
    with cpu_load(busy):
        landed, _ = burst_into_evaluation(app, None, 1.0)
    print(f"\n{len(BURST)}-character burst, {busy} busy processes: all shown after {landed:.2f} s")
    kept = went_well(journal_file) or ""
    assert kept == BURST, (
        f"a {len(BURST)}-character burst, all on screen after {landed:.2f} s and killed 1 s "
        f"later, kept {len(kept)} characters"
    )
