"""The calendar kept current from the command line, and from the app.

`export --format ics --keep-current PATH` writes the calendar at once, and every later
command that changes what it holds rewrites it; `--keep-current off` stops that. The
config file's `[calendar] file` works alike. A path that cannot be written is one line and
exit 2, with nothing written and the journal unchanged; a rewrite that fails later is one
warning, and the command's change stands. Last, marking a follow-up done in the app's
Timeline rewrites the file (key by key and as one burst).

The clock is stopped at Wed 25 Nov 2026 14:05 in Stockholm.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from icalendar import Calendar

from interview_journal.dates import FixedClock
from interview_journal.services.calendar_feed import CALENDAR_SETTING
from interview_journal.services.config import Settings
from interview_journal.store import Journal, open_journal
from interview_journal.store.journal_settings import JournalSettings
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.timeline import TimelineScreen
from tests.cli.runner import assert_one_line_error, ok, run
from tests.ui.helpers import move_cursor_to, press_and_settle, settle, toasts

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"


def uids(path: Path, kind: str) -> set[str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(c["uid"]).removesuffix("@interview-journal") for c in calendar.walk(kind)}


def summaries(path: Path) -> set[str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(c["summary"]) for kind in ("VEVENT", "VTODO") for c in calendar.walk(kind)}


def kept_path(db: Path) -> str | None:
    with open_journal(db) as journal:
        return JournalSettings(journal.connection).get(CALENDAR_SETTING)


def add(db: Path, company: str, when: str = "2026-11-27 10:00", *more: str) -> int:
    return int(ok("--db", db, "add", "--company", company, "--when", when, *more).stdout)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "calendars"
    made.mkdir()
    return made


@pytest.fixture
def journal_db(db: Path) -> Path:
    """A journal with one interview ahead (Initech, Fri 27 Nov 10:00)."""
    add(db, "Initech")
    return db


# --- keeping one current ----------------------------------------------------------------------


def test_keep_current_writes_the_calendar_at_once_and_says_so(
    journal_db: Path, folder: Path
) -> None:
    target = folder / "jobs.ics"
    result = ok("--db", journal_db, "export", "--format", "ics", "--keep-current", target)
    assert f"wrote {target} (1 item); it is kept current after every change." in result.stdout
    assert "--keep-current off" in result.stdout
    assert summaries(target) == {"Interview: Initech (first)"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert kept_path(journal_db) == str(target)


def test_every_command_that_changes_the_calendar_rewrites_it(
    journal_db: Path, folder: Path
) -> None:
    target = folder / "jobs.ics"
    ok("--db", journal_db, "export", "--keep-current", target)  # ics is implied
    hooli = add(journal_db, "Hooli", "2026-12-01 13:00")
    entry = int(
        ok(
            "--db", journal_db, "follow-up", "add", str(hooli), "--kind", "follow-up",
            "--due", "2026-11-30", "--reason", "Ask about the team",
        ).stdout.split()[-1]
    )  # fmt: skip
    assert summaries(target) == {
        "Interview: Initech (first)",
        "Interview: Hooli (first)",
        "Follow-up: Hooli",
    }
    ok("--db", journal_db, "edit", str(hooli), "--feedback-by", "2026-12-04")
    assert "Feedback promised: Hooli" in summaries(target)
    ok("--db", journal_db, "follow-up", "done", str(entry))
    assert "Follow-up: Hooli" not in summaries(target)
    ok("--db", journal_db, "delete", str(hooli), "--yes")
    assert summaries(target) == {"Interview: Initech (first)"}


def test_a_command_that_only_reads_leaves_the_file_alone(journal_db: Path, folder: Path) -> None:
    target = folder / "jobs.ics"
    ok("--db", journal_db, "export", "--keep-current", target)
    before = target.stat()
    for command in (["list"], ["today"], ["export", "--format", "ics"]):
        ok("--db", journal_db, *command)
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_keep_current_off_stops_it_and_leaves_the_file(journal_db: Path, folder: Path) -> None:
    target = folder / "jobs.ics"
    ok("--db", journal_db, "export", "--keep-current", target)
    result = ok("--db", journal_db, "export", "--keep-current", "off")
    assert f"{target} is no longer kept current (the file is left as it is)." in result.stdout
    assert kept_path(journal_db) is None
    add(journal_db, "Hooli")
    assert summaries(target) == {"Interview: Initech (first)"}
    again = ok("--db", journal_db, "export", "--keep-current", "off")
    assert "kept no calendar file current" in again.stdout


def test_the_config_files_calendar_is_kept_current_too(journal_db: Path, folder: Path) -> None:
    configured, own = folder / "config.ics", folder / "own.ics"
    config = Path(platformdirs.user_config_dir("interview-journal", appauthor=False))
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(
        f'[calendar]\nfile = "{configured}"\ninterview-minutes = 30\n', encoding="utf-8"
    )
    ok("--db", journal_db, "export", "--keep-current", own)
    add(journal_db, "Hooli")
    for path in (configured, own):
        assert summaries(path) == {"Interview: Initech (first)", "Interview: Hooli (first)"}
        event = next(
            e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
            if "Hooli" in str(e["summary"])
        )  # fmt: skip
        assert event.decoded("dtend") - event.decoded("dtstart") == _minutes(30)
    stopped = ok("--db", journal_db, "export", "--keep-current", "off")
    assert f"{configured} is still kept current" in stopped.stdout


def _minutes(count: int) -> Any:
    from datetime import timedelta

    return timedelta(minutes=count)


# --- a path that cannot be written ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        ("missing/jobs.ics", "does not exist"),
        (".", "is a directory"),
        ("/proc/jobs.ics", "cannot write there"),
    ],
)
def test_an_unwritable_path_is_one_line_and_changes_nothing(
    journal_db: Path, folder: Path, where: str, fragment: str
) -> None:
    target = Path(where) if where.startswith("/") else folder / where
    before = sorted(p.name for p in folder.iterdir())
    line = assert_one_line_error(
        run("--db", journal_db, "export", "--keep-current", target), fragment
    )
    assert "nothing was written" in line and "no calendar is kept current" in line
    assert sorted(p.name for p in folder.iterdir()) == before
    assert kept_path(journal_db) is None


def test_a_link_in_the_files_place_is_refused(journal_db: Path, folder: Path) -> None:
    real = folder / "real.ics"
    real.write_text("mine")
    (folder / "jobs.ics").symlink_to(real)
    assert_one_line_error(
        run("--db", journal_db, "export", "--keep-current", folder / "jobs.ics"), "symbolic link"
    )
    assert real.read_text() == "mine"
    assert kept_path(journal_db) is None


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--format", "json"], "--format ics"),
        (["-o", "x.ics"], "leave out -o"),
        (["--since", "2026-11-01"], "leave out -o"),
    ],
)
def test_keep_current_with_what_it_cannot_keep_is_one_line(
    journal_db: Path, folder: Path, extra: list[str], fragment: str
) -> None:
    args: list[str | Path] = [
        "--db", journal_db, "export", *extra, "--keep-current", folder / "jobs.ics"
    ]  # fmt: skip
    assert_one_line_error(run(*args), fragment)
    assert list(folder.iterdir()) == []


def test_keep_current_on_a_read_only_journal_is_one_line(journal_db: Path, folder: Path) -> None:
    target = folder / "jobs.ics"
    args: list[str | Path] = ["--db", journal_db, "--read-only", "export", "--keep-current", target]
    assert_one_line_error(run(*args), "read-only")
    assert list(folder.iterdir()) == []


# --- a rewrite that fails later ------------------------------------------------------------------


def test_a_rewrite_that_fails_later_is_one_warning_and_the_change_stands(
    journal_db: Path, folder: Path
) -> None:
    target = folder / "jobs.ics"
    ok("--db", journal_db, "export", "--keep-current", target)
    target.unlink()
    folder.rmdir()
    result = run("--db", journal_db, "add", "--company", "Hooli", "--when", "2026-12-01 10:00")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "calendar" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("interview-journal: warning: ")
    assert "its folder is not there" in warnings[0] and "your change is saved" in warnings[0]
    assert "Traceback" not in result.output
    assert "Hooli" in ok("--db", journal_db, "list").stdout


# --- from the app --------------------------------------------------------------------------------


@pytest.mark.parametrize("burst", [False, True])
async def test_marking_a_follow_up_done_in_the_timeline_rewrites_the_calendar(
    journal: Journal, clock: FixedClock, folder: Path, burst: bool
) -> None:
    from datetime import date

    from interview_journal.domain.model import Interview
    from interview_journal.domain.timeline import Entry, EntryKind, When
    from interview_journal.tui.widgets.timeline_list import TimelineList

    target = folder / "jobs.ics"
    held = journal.add_interview(
        Interview(company="Initech", starts_at=clock.now().subtract(days=3), time_zone=ZONE)
    )
    assert held.id is not None
    entry = journal.add_entry(
        Entry(interview_id=held.id, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 11, 24)))
    )
    app = make_app(journal, clock, settings=Settings(calendar_file=target))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        if burst:  # the view, the line (the overdue one is first) and the key at once
            await press_and_settle(pilot, "2", "x")
        else:
            await press_and_settle(pilot, "2")
            assert isinstance(app.screen, TimelineScreen)
            await move_cursor_to(pilot, app.screen.query_one(TimelineList), f"entry:{entry.id}")
            await press_and_settle(pilot, "x")
        assert "Done: follow-up for Initech." in toasts(app)
        assert not any("Calendar" in toast for toast in toasts(app))
    assert journal.get_entry(entry.id or 0).done is not None
    assert uids(target, "VTODO") == set()
    assert uids(target, "VEVENT") == {held.uuid}


async def test_a_failed_rewrite_in_the_app_is_a_toast_and_the_change_stands(
    journal: Journal, clock: FixedClock, folder: Path
) -> None:
    from interview_journal.domain.model import Interview

    target = folder / "[b]gone[/b]" / "jobs.ics"  # a path is data, never markup
    held = journal.add_interview(
        Interview(company="Initech", starts_at=clock.now().add(days=2), time_zone=ZONE)
    )
    app = make_app(journal, clock, settings=Settings(calendar_file=target))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        journal.update_interview(held.with_changes(role="Analyst"))  # as a screen saves
        await settle(pilot)
        shown = [toast for toast in toasts(app) if "calendar" in toast.lower()]
        assert len(shown) == 1 and "its folder is not there" in shown[0]
        assert str(target) in shown[0]
    assert journal.get_interview(held.id or 0).role == "Analyst"
