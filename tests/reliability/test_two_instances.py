"""Two instances of the program on one journal file: two windows, or the TUI and a CLI command.

The other instance is a real separate process where it matters (tests/reliability/
workers.py) or a second `Journal` on the same file, which is a connection of its own just as
another process has. What is checked is what a user would meet: no traceback and no raw
SQLite error, a clear "busy" sentence at worst, no save lost or half written, no change
overwritten unseen, evaluations merged keeping both texts, and each window showing the
other's new records when refreshed.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import CONFLICT_MARK, Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.errors import StaleWriteError
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.autosave import AUTOSAVE_DELAY
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import ZONE
from tests.reliability.workers import STARTS_AT, command, writer_rounds
from tests.ui.helpers import (
    AnyPilot,
    companies,
    cursor_company,
    input_value,
    on_the_evaluation,
    press_and_settle,
    settle,
    toasts,
    type_text,
)

pytestmark = pytest.mark.slow

PIED_PIPER, HOOLI, VANDELAY, INITECH, GLOBEX = 1, 2, 3, 4, 5
SIZE = (120, 40)
START_TIMEOUT = 30.0
"""Seconds for a subprocess to start and open the journal (a loaded CI machine is slow)."""
RUN_TIMEOUT = 120.0
ROUNDS = 40
"""Rounds of writes per instance: each round is five writes and three reads."""
SAVED_AFTER = AUTOSAVE_DELAY + 0.6
BUSY = "the journal is busy"
STORAGE_ERROR = "interview_journal.errors.StorageError"


def run_worker(*args: object) -> dict[str, Any]:
    """Run one short command as another instance; returns the JSON it printed."""
    done = subprocess.run(
        command(*args), capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )
    assert done.returncode == 0 and not done.stderr, (
        f"the other instance failed ({done.returncode}):\n{done.stderr}"
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


# --- (a) three instances writing at once ----------------------------------------------------


@dataclass
class Instance:
    name: str
    interview_id: int
    records: list[dict[str, Any]]

    def ok(self, op: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r["op"] == op and r.get("ok")]

    def failures(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("ok") is False]

    def span(self) -> tuple[float, float]:
        (start,) = (r["at"] for r in self.records if r["op"] == "start")
        (end,) = (r["at"] for r in self.records if r["op"] == "end")
        return start, end


class Writers:
    """Writer subprocesses, started together: each waits for "go" on its stdin."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.processes: list[tuple[str, int, subprocess.Popen[bytes], Path, Path]] = []

    def start(self, journal_path: Path, name: str, interview_id: int, seed: int) -> None:
        out, err = self.tmp_path / f"{name}.out", self.tmp_path / f"{name}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                command("writer", journal_path, name, interview_id, ROUNDS, seed),
                stdin=subprocess.PIPE,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        self.processes.append((name, interview_id, process, out, err))

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        for name, _, process, out, err in self.processes:
            while b'"ready"' not in out.read_bytes():
                assert process.poll() is None, f"{name} exited early:\n{err.read_text()}"
                assert time.monotonic() < deadline, f"{name} did not open the journal"
                time.sleep(0.01)

    def go(self) -> None:
        for _, _, process, _, _ in self.processes:
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            process.stdin.close()

    def finish(self) -> list[Instance]:
        instances = []
        for name, interview_id, process, out, err in self.processes:
            code = process.wait(timeout=RUN_TIMEOUT)
            assert "Traceback" not in err.read_text(), f"{name} crashed:\n{err.read_text()}"
            assert code == 0 and not err.read_text().strip(), (code, err.read_text())
            lines = out.read_text().splitlines()
            records = [json.loads(line) for line in lines[1:]]
            instances.append(Instance(name, interview_id, records))
        return instances

    def kill_all(self) -> None:
        for _, _, process, _, _ in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.fixture
def writers(tmp_path: Path) -> Iterator[Writers]:
    started = Writers(tmp_path)
    yield started
    started.kill_all()


def test_three_instances_writing_at_once_lose_nothing_and_fail_only_with_busy(
    filled_journal: Journal, journal_path: Path, writers: Writers
) -> None:
    """Two processes and the test itself write as fast as they can, each its own interview
    and evaluation plus new interviews and entries. Every call succeeds or says, in our own
    words, that the journal is busy; a call that failed wrote nothing."""
    writers.start(journal_path, "first", PIED_PIPER, 1)
    writers.start(journal_path, "second", HOOLI, 2)
    writers.wait_ready()
    mine: list[dict[str, Any]] = []
    writers.go()
    writer_rounds(filled_journal, "third", VANDELAY, ROUNDS, 3, mine.append)
    instances = [*writers.finish(), Instance("third", VANDELAY, mine)]

    # They really wrote at the same time.
    spans = [instance.span() for instance in instances]
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans

    for instance in instances:
        for failure in instance.failures():
            assert not failure["op"].startswith("read"), f"a read failed: {failure}"
            assert failure["error"] == STORAGE_ERROR and BUSY in failure["message"], (
                f"{instance.name}: {failure['op']} failed with something else than "
                f"'{BUSY}': {failure}"
            )

    db = filled_journal.db
    interview_uuids = {row[0] for row in db.execute("SELECT uuid FROM interviews")}
    entry_uuids = {row[0] for row in db.execute("SELECT uuid FROM follow_ups")}
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for instance in instances:
        name, interview_id = instance.name, instance.interview_id
        added = {r["uuid"] for r in instance.ok("add_interview")}
        assert added <= interview_uuids, f"{name}: saved interviews are missing"
        written = db.execute(
            "SELECT count(*) FROM interviews WHERE company LIKE ?", [f"Writer {name}-%"]
        ).fetchone()[0]
        assert written == len(added), f"{name}: {written} interviews for {len(added)} saves"
        entries = {r["uuid"] for r in instance.ok("add_entry")}
        assert entries <= entry_uuids, f"{name}: saved entries are missing"
        assert len(filled_journal.entries_for(interview_id)) == len(entries), name
        # Every successful save bumped the version once; every failed one left it alone.
        evaluation = filled_journal.get_evaluation(interview_id)
        saves = instance.ok("save_evaluation")
        assert evaluation is not None and evaluation.version == len(saves), name
        assert (evaluation.version, evaluation.went_well) == (
            saves[-1]["version"],
            saves[-1]["went_well"],
        ), name
        interview = filled_journal.get_interview(interview_id)
        edits = instance.ok("update_interview")
        assert interview.version == 1 + len(edits), name
        assert interview.role == edits[-1]["role"], name
        drafts = instance.ok("save_draft")
        assert filled_journal.load_draft(name) == {"marker": drafts[-1]["marker"]}, name


# --- a write while another instance holds the write lock ------------------------------------

WAITS_FOR = 2.0
"""Seconds the other instance holds the lock: well inside the 5 s busy timeout."""


def _new_interview(journal: Journal) -> object:
    return journal.add_interview(Interview(company="Umbrella", starts_at=STARTS_AT, time_zone=ZONE))


def _new_entry(journal: Journal) -> object:
    return journal.add_entry(
        Entry(interview_id=INITECH, kind=EntryKind.NOTE, done=When(date(2026, 11, 24)))
    )


def _first_evaluation(journal: Journal) -> object:
    return journal.save_evaluation(Evaluation(INITECH, went_well="Told the story"))


def _interview_update(journal: Journal) -> object:
    current = journal.get_interview(INITECH)
    return journal.update_interview(current.with_changes(role="Senior Analyst"))


def _draft(journal: Journal) -> object:
    journal.save_draft("interview-form:new", {"company": "Umbrella"})
    return journal.load_draft("interview-form:new")


_WAITS_BUG = (
    "BUG: store/journal.py Journal._writing() opens a DEFERRED transaction (sqlite-utils "
    "atomic: plain BEGIN). This call reads before it writes (SELECT, or sqlite-utils' "
    "PRAGMA table_info), so when another instance holds the write lock SQLite returns "
    "SQLITE_BUSY at once without calling the busy handler: busy_timeout (5 s) is never used "
    "and the user gets 'the journal is busy' instead of a save a moment later. BEGIN "
    "IMMEDIATE would wait."
)


def _lock_is_held(path: Path) -> bool:
    """Whether another connection holds the write lock right now (asks without waiting)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()  # rolls back
    return False


def _save_while_another_instance_saves(
    journal: Journal, journal_path: Path, tmp_path: Path, save: Callable[[Journal], object]
) -> tuple[object, float]:
    """Call `save` while another process holds the write lock for WAITS_FOR seconds.

    Returns what `save` returned and how long after the other process let go of the lock
    it returned (>= 0: it waited for it; the clock is the same for both processes)."""
    out = tmp_path / "lock.out"
    with out.open("wb") as stdout:
        other = subprocess.Popen(
            command("hold-lock", journal_path, WAITS_FOR),
            stdout=stdout,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while b"locked\n" not in out.read_bytes():
            assert other.poll() is None, "the other instance ended before taking the lock"
            assert time.monotonic() < deadline, "the other instance did not take the lock"
            time.sleep(0.01)
        assert _lock_is_held(journal_path), "too slow: the other instance is done already"
        result = save(journal)  # raises StorageError("...busy...") if it did not wait
        finished = time.monotonic()
        assert other.wait(timeout=RUN_TIMEOUT) == 0
    finally:
        if other.poll() is None:
            other.kill()
            other.wait()
        assert other.stderr is not None
        other.stderr.close()
    (released,) = (
        float(line.split()[1]) for line in out.read_text().splitlines() if "released" in line
    )
    return result, finished - released


@pytest.mark.parametrize(
    "save",
    [
        pytest.param(_draft, id="save_draft"),
        pytest.param(_interview_update, id="update_interview"),
        pytest.param(_new_interview, id="add_interview"),
        pytest.param(_new_entry, id="add_entry"),
        pytest.param(_first_evaluation, id="first_save_evaluation"),
    ],
)
def test_a_save_waits_while_another_instance_is_saving_then_succeeds(
    filled_journal: Journal, journal_path: Path, tmp_path: Path, save: Callable[[Journal], object]
) -> None:
    result, after_release = _save_while_another_instance_saves(
        filled_journal, journal_path, tmp_path, save
    )
    assert result
    assert after_release >= 0, "the save returned while the other instance held the lock"


def test_an_evaluation_update_waits_while_another_instance_is_saving(
    filled_journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    current = filled_journal.save_evaluation(Evaluation(INITECH, went_well="Told the story"))

    def update(journal: Journal) -> Evaluation:
        return journal.save_evaluation(current.with_changes(went_well="More"))

    _, after_release = _save_while_another_instance_saves(
        filled_journal, journal_path, tmp_path, update
    )
    assert after_release >= 0
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None and (stored.went_well, stored.version) == ("More", 2)


# --- (b) a stale edit is refused; nothing is overwritten ------------------------------------


def test_a_stale_interview_edit_is_refused_and_the_other_instances_save_kept(
    filled_journal: Journal, journal_path: Path
) -> None:
    mine = filled_journal.get_interview(HOOLI)
    theirs = run_worker("update-interview", journal_path, HOOLI, "role", "Principal Engineer")
    assert theirs == {"version": mine.version + 1, "role": "Principal Engineer"}
    with pytest.raises(StaleWriteError, match="changed elsewhere"):
        filled_journal.update_interview(mine.with_changes(role="Lead Data Engineer"))
    stored = filled_journal.get_interview(HOOLI)
    assert (stored.role, stored.version) == ("Principal Engineer", mine.version + 1)
    # Read again, the same edit goes through (on top of theirs).
    saved = filled_journal.update_interview(stored.with_changes(location="Palo Alto"))
    assert (saved.role, saved.location, saved.version) == ("Principal Engineer", "Palo Alto", 3)


def test_a_stale_evaluation_save_is_refused_and_the_other_instances_save_kept(
    filled_journal: Journal, journal_path: Path
) -> None:
    mine = filled_journal.save_evaluation(Evaluation(INITECH, went_well="Told the story"))
    theirs = run_worker("save-evaluation", journal_path, INITECH, "went_well", "Good rapport")
    assert theirs == {"version": 2, "went_well": "Good rapport"}
    with pytest.raises(StaleWriteError):
        filled_journal.save_evaluation(mine.with_changes(went_well="Told the story twice"))
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None and (stored.went_well, stored.version) == ("Good rapport", 2)


def test_two_instances_starting_the_same_evaluation_do_not_overwrite_each_other(
    filled_journal: Journal, journal_path: Path
) -> None:
    theirs = run_worker("save-evaluation", journal_path, INITECH, "went_well", "Good rapport")
    assert theirs == {"version": 1, "went_well": "Good rapport"}
    with pytest.raises(StaleWriteError, match="another window"):
        filled_journal.save_evaluation(Evaluation(INITECH, went_well="Told the story"))
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None and (stored.went_well, stored.version) == ("Good rapport", 1)


async def test_the_edit_form_refuses_a_stale_save_and_keeps_what_was_typed(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("j")
        assert cursor_company(app) == "Hooli"
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        await pilot.press("tab", "end", "ctrl+u")
        await type_text(pilot, "Lead Data Engineer")

        run_worker("update-interview", journal_path, HOOLI, "role", "Principal Engineer")
        await press_and_settle(pilot, "ctrl+s")

        assert isinstance(app.screen, InterviewFormScreen), "the form closed"
        assert input_value(app, "#field-role") == "Lead Data Engineer"
        assert any("changed elsewhere" in toast for toast in toasts(app)), toasts(app)
        draft = filled_journal.load_draft(f"interview-form:{HOOLI}")
        assert draft is not None and draft["role"] == "Lead Data Engineer", draft
    stored = filled_journal.get_interview(HOOLI)
    assert (stored.role, stored.version) == ("Principal Engineer", 2), "saved over theirs"


# --- (c) the evaluation screen and another instance saving the same evaluation --------------


async def _type_and_autosave(pilot: AnyPilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause(SAVED_AFTER)
    await settle(pilot)


def _went_well(pilot: AnyPilot) -> str:
    return pilot.app.screen.query_one("#field-went_well", TextArea).text


async def test_the_evaluation_screen_merges_another_instances_save_keeping_both_texts(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with on_the_evaluation(app, SIZE) as pilot:
        await _type_and_autosave(pilot, "Told the story")
        first = filled_journal.get_evaluation(INITECH)
        assert first is not None and first.went_well == "Told the story"

        theirs = run_worker("save-evaluation", journal_path, INITECH, "went_well", "Good rapport")
        assert theirs["version"] == first.version + 1

        await _type_and_autosave(pilot, " with numbers")
        expected = f"Good rapport\n\n{CONFLICT_MARK}\nTold the story with numbers"
        assert _went_well(pilot) == expected, "the screen does not show both texts"
        assert any("another window" in toast for toast in toasts(app)), toasts(app)
        await pilot.pause(SAVED_AFTER)  # loading the merged text counts as a change: re-saved
        assert "● saved" in str(app.screen.query_one("#save-state").render())
    with open_journal(journal_path) as other:
        stored = other.get_evaluation(INITECH)
    assert stored is not None
    assert stored.went_well == expected
    # Typing that takes longer than the longest wait is saved part-way too, so a loaded
    # machine may add a version; what must hold is that the merge was saved after theirs.
    assert stored.version >= first.version + 2


async def test_the_evaluation_screen_keeps_both_when_both_instances_start_it(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with on_the_evaluation(app, SIZE) as pilot:
        # The other instance starts the same evaluation first, on another field and this one.
        run_worker("save-evaluation", journal_path, INITECH, "lesson", "Ask about the team")
        await _type_and_autosave(pilot, "Told the story")
        assert any("another window" in toast for toast in toasts(app)), toasts(app)
        lesson = app.screen.query_one("#field-lesson", TextArea).text
        assert lesson == "Ask about the team", "the other instance's field is not shown"
        assert _went_well(pilot) == "Told the story"
    with open_journal(journal_path) as other:
        stored = other.get_evaluation(INITECH)
    assert stored is not None
    assert (stored.went_well, stored.lesson) == ("Told the story", "Ask about the team")
    # At least theirs and ours; slow typing is also saved part-way (the longest wait is 1 s).
    assert stored.version >= 2


# --- (d) each instance sees the other's new records on refresh ------------------------------


async def test_r_on_the_list_shows_an_interview_another_instance_added(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        assert "Umbrella Corp" not in companies(app)
        with open_journal(journal_path) as other:
            other.add_interview(
                Interview(
                    company="Umbrella Corp",
                    starts_at=clock.now().add(days=3).replace(hour=9, minute=0),
                    time_zone=ZONE,
                )
            )
        await press_and_settle(pilot, "r")
        assert "Umbrella Corp" in companies(app), companies(app)
        assert len(companies(app)) == 6


async def test_r_on_the_timeline_shows_an_entry_another_instance_added(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "2")
        assert isinstance(app.screen, TimelineScreen)
        before = _timeline_keys(pilot)
        with open_journal(journal_path) as other:
            entry = other.add_entry(
                Entry(
                    interview_id=INITECH,
                    kind=EntryKind.FOLLOW_UP,
                    due=When(date(2026, 11, 25) + timedelta(days=2)),
                    reason="Ask about the timeline",
                )
            )
        assert f"entry:{entry.id}" not in _timeline_keys(pilot)
        await press_and_settle(pilot, "r")
        assert f"entry:{entry.id}" in _timeline_keys(pilot), _timeline_keys(pilot)
        assert set(before) <= set(_timeline_keys(pilot))


def _timeline_keys(pilot: AnyPilot) -> list[str]:
    timeline = pilot.app.screen.query_one(TimelineList)
    return [option.id for option in timeline.options if option.id is not None]
