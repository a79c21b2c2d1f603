"""Deleted or edited-away text is in no file of the journal a moment after the change.

A unique word is written, then deleted or edited away through the code the screens and
the command line use (store calls, the CLI, importing an updated export, the TUI via
Pilot). Then every file beside the journal (the database, its -wal and -shm) is read as
bytes and must not hold the word — while the program still has the journal open, and
after a `kill -9` right after the change (no clean close to fold the WAL back).

SQLite stores text here as UTF-8. The search index keeps its words lowercased and
prefix-compressed (a word shares its first bytes with the word before it), so the last
characters of the word are searched too.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from tests.cli.runner import fix_clock, ok
from tests.conftest import ZONE
from tests.ui.helpers import press_and_settle, settle


def _unique() -> str:
    return "Zq" + secrets.token_hex(8) + "vex"


def _traces(secret: str) -> list[bytes]:
    """The word as stored, as the index lowercases it, and its unshared tail."""
    return [secret.encode(), secret.lower().encode(), secret.lower()[-10:].encode()]


def _found(path: Path, secret: str) -> list[str]:
    """Which files beside the journal hold the word."""
    holding = []
    for candidate in sorted(path.parent.iterdir()):
        if not candidate.name.startswith(path.name) or not candidate.is_file():
            continue
        data = candidate.read_bytes()
        if any(trace in data for trace in _traces(secret)):
            holding.append(candidate.name)
    return holding


def _interview(journal: Journal, clock: FixedClock, notes: str, company: str = "Plain") -> int:
    saved = journal.add_interview(
        Interview(company=company, starts_at=clock.now(), time_zone=ZONE, notes=notes)
    )
    assert saved.id is not None
    return saved.id


def _others(journal: Journal, clock: FixedClock) -> None:
    for index in range(3):
        _interview(journal, clock, f"ordinary words number {index}", company=f"Other {index}")


# --- store calls the screens use, the journal kept open -----------------------------------


def _delete_interview(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, f"Ask about {secret} first.")
    journal.save_evaluation(Evaluation(target, lesson=f"Also {secret}."))
    assert _found(journal.path, secret)
    journal.delete_interview(target)


def _edit_notes(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, f"Ask about {secret} first.")
    assert _found(journal.path, secret)
    interview = journal.get_interview(target)
    journal.update_interview(interview.with_changes(notes="Ask about the team first."))


def _edit_company(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, "notes", company=secret)
    assert _found(journal.path, secret)
    journal.update_interview(journal.get_interview(target).with_changes(company="Renamed"))


def _delete_entry(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, "notes")
    entry = journal.add_entry(
        Entry(
            interview_id=target,
            kind=EntryKind.NOTE,
            done=When(date(2026, 11, 24)),
            note=f"Recruiter said {secret}.",
        )
    )
    assert entry.id is not None and _found(journal.path, secret)
    journal.delete_entry(entry.id)


def _edit_entry(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, "notes")
    entry = journal.add_entry(
        Entry(
            interview_id=target,
            kind=EntryKind.NOTE,
            done=When(date(2026, 11, 24)),
            note=f"Recruiter said {secret}.",
        )
    )
    assert _found(journal.path, secret)
    journal.update_entry(entry.with_changes(note="Recruiter called."))


def _shorten_evaluation(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, "notes")
    saved = journal.save_evaluation(Evaluation(target, went_well=f"Talked about {secret} a lot"))
    assert _found(journal.path, secret)
    journal.save_evaluation(saved.with_changes(went_well="Talked"))


def _clear_evaluation(journal: Journal, clock: FixedClock, secret: str) -> None:
    target = _interview(journal, clock, "notes")
    saved = journal.save_evaluation(Evaluation(target, lesson=f"Never say {secret}"))
    assert _found(journal.path, secret)
    journal.save_evaluation(saved.with_changes(lesson=""))


def _delete_draft(journal: Journal, clock: FixedClock, secret: str) -> None:
    journal.save_draft("interview:new", {"company": "Plain", "notes": f"typed {secret}"})
    assert _found(journal.path, secret)
    journal.delete_draft("interview:new")


def _shorten_draft(journal: Journal, clock: FixedClock, secret: str) -> None:
    journal.save_draft("interview:new", {"notes": f"typed {secret} then"})
    assert _found(journal.path, secret)
    journal.save_draft("interview:new", {"notes": "typed  then"})


CHANGES: dict[str, Callable[[Journal, FixedClock, str], None]] = {
    "delete interview": _delete_interview,
    "edit notes away": _edit_notes,
    "rename company": _edit_company,
    "delete entry": _delete_entry,
    "edit entry note away": _edit_entry,
    "shorten evaluation": _shorten_evaluation,
    "clear evaluation": _clear_evaluation,
    "delete draft": _delete_draft,
    "shorten draft": _shorten_draft,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_removed_text_is_gone_while_the_journal_stays_open(
    journal_path: Path, clock: FixedClock, change: str
) -> None:
    secret = _unique()
    with open_journal(journal_path, create=True) as journal:
        _others(journal, clock)
        CHANGES[change](journal, clock, secret)
        assert _found(journal_path, secret) == []  # still open: no clean close yet
    assert _found(journal_path, secret) == []


def test_an_autosave_that_only_adds_text_does_not_checkpoint(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_journal(journal_path, create=True) as journal:
        calls: list[str] = []
        monkeypatch.setattr(journal, "_forget_removed_text", lambda: calls.append("checkpoint"))
        journal.save_draft("k", {"notes": "abc"})
        journal.save_draft("k", {"notes": "abXc more"})
        assert calls == []
        journal.save_draft("k", {"notes": "ab"})
        assert calls == ["checkpoint"]


# --- the command line ---------------------------------------------------------------------


def _cli(*args: str | Path) -> str:
    return ok(*args).output


@pytest.fixture
def fixed_cli_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> FixedClock:
    return fix_clock(monkeypatch, clock)


@pytest.mark.usefixtures("fixed_cli_clock")
def test_cli_edit_leaves_no_old_words(journal_path: Path, clock: FixedClock) -> None:
    secret = _unique()
    with open_journal(journal_path, create=True) as journal:
        _others(journal, clock)
        target = _interview(journal, clock, f"Remember {secret}.")
    _cli("--db", journal_path, "edit", str(target), "--notes", "Remember nothing.")
    assert _found(journal_path, secret) == []


def _updated_export(journal_path: Path, tmp_path: Path, secret: str) -> Path:
    """An export of the journal in which the secret interview's notes were rewritten later."""
    exported = tmp_path / "export.json"
    _cli("--db", journal_path, "export", "--format", "json", "-o", exported)
    document = json.loads(exported.read_text())
    changed = 0
    for item in document["interviews"]:
        if secret in (item.get("notes") or ""):
            item["notes"] = "Rewritten without it."
            item["updated_at"] = "2099-01-01T00:00:00Z"
            changed += 1
    assert changed == 1, document
    updated = tmp_path / "updated.json"
    updated.write_text(json.dumps(document))
    return updated


@pytest.mark.usefixtures("fixed_cli_clock")
def test_an_import_that_updates_a_record_rewrites_the_index(
    journal_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    secret = _unique()
    with open_journal(journal_path, create=True) as journal:
        _others(journal, clock)
        _interview(journal, clock, f"Remember {secret}.")
    updated = _updated_export(journal_path, tmp_path, secret)
    output = _cli("--db", journal_path, "import", updated)
    assert "updated: 1 interviews" in output, output
    assert _found(journal_path, secret) == []


def test_an_import_update_is_gone_while_the_journal_stays_open(
    journal_path: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_journal.services.exchange import parse_export

    fix_clock(monkeypatch, clock)
    secret = _unique()
    with open_journal(journal_path, create=True) as journal:
        _others(journal, clock)
        _interview(journal, clock, f"Remember {secret}.")
    updated = _updated_export(journal_path, tmp_path, secret)
    with open_journal(journal_path) as journal:
        plan = parse_export(updated.read_text())
        report = journal.import_plan(plan)
        assert report.updated["interviews"] == 1
        assert _found(journal_path, secret) == []


# --- kill -9 right after the change -------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from interview_journal.domain.model import Interview
    from interview_journal.domain.evaluation import Evaluation
    from interview_journal.store import open_journal
    import pendulum

    path, secret, change = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    journal = open_journal(path)
    now = pendulum.datetime(2026, 11, 25, 14, tz="Europe/Berlin")
    target = journal.add_interview(Interview(company="Plain", starts_at=now, notes=secret))
    journal.save_evaluation(Evaluation(target.id, lesson="say " + secret))
    journal.save_draft("interview:new", {"notes": "typed " + secret})
    print("written", flush=True)
    sys.stdin.readline()
    if change == "delete":
        journal.delete_interview(target.id)
        journal.delete_draft("interview:new")
    else:
        journal.update_interview(journal.get_interview(target.id).with_changes(notes="x"))
        saved = journal.get_evaluation(target.id)
        journal.save_evaluation(saved.with_changes(lesson=""))
        journal.save_draft("interview:new", {"notes": "typed"})
    print("changed", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.parametrize("change", ["delete", "edit"])
def test_removed_text_is_gone_after_a_kill_right_after(
    journal_path: Path, clock: FixedClock, change: str
) -> None:
    secret = _unique()
    with open_journal(journal_path, create=True) as journal:
        _others(journal, clock)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(journal_path), secret, change],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "written"
        assert _found(journal_path, secret), "the test would prove nothing"
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "changed"
        assert _found(journal_path, secret) == []  # the program still runs
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert _found(journal_path, secret) == []
    with open_journal(journal_path) as journal:  # and the journal is whole
        assert journal.count_interviews() == 3 + (change == "edit")


# --- the TUI ------------------------------------------------------------------------------


async def test_deleting_in_the_tui_leaves_no_trace_while_it_runs(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    secret = _unique()
    _interview(journal, clock, f"Ask about {secret}.", company="Aardvark first")
    _others(journal, clock)
    assert _found(journal_path, secret)
    app = make_app(journal, clock)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "/")
        for key in "aardvark":
            await pilot.press(key)
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        await press_and_settle(pilot, "d")
        await press_and_settle(pilot, "y")
        assert journal.count_interviews() == 3, "the delete did not happen"
        assert _found(journal_path, secret) == []
